import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURES = Path(settings.FIXTURES_DIR)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds one import of fixtures/, shared by every test (each test runs in
    a transaction that is rolled back)."""
    with django_db_blocker.unblock():
        call_command("import_films", str(FIXTURES), verbosity=0)


@pytest.fixture
def fixture_path():
    return FIXTURES


@pytest.fixture
def empty_db(db):
    """The database with no film data (inside the test's transaction)."""
    from tests.factories import wipe_film_data

    wipe_film_data()


def chromium_executable() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    # Under CI a missing Chromium is a failure: the browser tests run and fail to launch it.
    if chromium_executable() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="no Chromium on this machine (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
