"""The skeleton: settings from the environment, health check, admin login, error pages."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_admin_shows_its_login_page(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert b"Log in" in response.content


def run_settings(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**base, "DJANGO_SETTINGS_MODULE": "filmsite.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    proc = run_settings({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"})
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in proc.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    proc = run_settings({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60})
    assert proc.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in proc.stderr


def test_debug_runs_with_a_development_key():
    assert run_settings({"DJANGO_DEBUG": "1"}).returncode == 0


def test_deploy_check_is_clean_with_production_settings():
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "films.example.org",
    }
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_a_new_sqlite_archive_has_8_kb_pages_and_a_write_ahead_log(tmp_path):
    """A review with its search text fills most of a 4 KB page: 8 KB pages hold three."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    fresh = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "new.sqlite3")})
    try:
        with fresh.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("PRAGMA page_size")
            assert cursor.fetchone()[0] == 8192
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        fresh.close()


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"<html" in response.content


def test_gunicorn_forks_its_workers_from_a_frozen_heap(monkeypatch):
    """Django loads once, in the master; before the workers fork, its database connections
    are closed and what it made is frozen: their full collections walk only their own objects
    (26 to 36 ms a collection otherwise)."""
    import gc
    import runpy

    from django.db import connections

    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    config = runpy.run_path(str(settings.BASE_DIR / "filmsite" / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert gc.get_freeze_count() == 0
    try:
        config["when_ready"](server=None)
        assert gc.get_freeze_count() > 0
        assert closed
    finally:
        gc.unfreeze()


def test_gunicorn_lets_a_stream_outlive_its_timeout():
    """An export streamed for longer than gunicorn's timeout arrives whole (a sync worker is
    killed at the timeout, the download cut short)."""
    import http.client
    import socket

    from tests.slow_stream_wsgi import CHUNK, CHUNKS

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Two seconds, not one: an idle gthread worker tells the arbiter it lives about once a
    # second, so a timeout of one killed it now and then on a busy machine. The stream lasts
    # 4 s: a sync worker would be killed between 2 and 3 s.
    env = {**os.environ, "GUNICORN_TIMEOUT": "2"}
    env["DJANGO_SETTINGS_MODULE"] = "filmsite.settings_test"
    command = [sys.executable, "-m", "gunicorn", "-c", "filmsite/gunicorn.conf.py"]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--workers", "1", "tests.slow_stream_wsgi"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        body = connection.getresponse().read()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert body == CHUNK * CHUNKS


def test_readme_documents_every_setting_and_command_option():
    import re

    readme = (settings.BASE_DIR / "README.md").read_text()
    sources = (settings.BASE_DIR / "filmsite" / "settings.py").read_text()
    sources += (settings.BASE_DIR / "filmsite" / "gunicorn.conf.py").read_text()
    variables = set(
        re.findall(r"""(?:environ\.get|env_bool|env_list)\(\s*["']([A-Z_]+)["']""", sources)
    )
    assert {"DJANGO_DEBUG", "DATABASE_URL", "CACHE_URL", "PORT"} <= variables
    for variable in variables:
        assert f"`{variable}`" in readme, f"{variable} is not in the README"
    from django.core.management import load_command_class

    for name in ("import_films", "create_editor", "generate_corpus"):
        parser = load_command_class("reviews", name).create_parser("manage.py", name)
        assert name in readme
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option not in {
                    "--help",
                    "--version",
                    "--settings",
                    "--pythonpath",
                    "--traceback",
                    "--no-color",
                    "--force-color",
                    "--skip-checks",
                    "--verbosity",
                }:
                    assert option in readme, f"{name} {option} is not in the README"
