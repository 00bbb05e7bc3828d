"""A visitor and an editor in a real Chromium, driven by Playwright, against gunicorn.

One site is served for the whole session from its own SQLite file (the fixtures imported
once), and one browser is shared. Screenshots go to tests/screenshots/ (git-ignored).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import chromium_executable

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EDITOR_PASSWORD = "a-Long-editor-passphrase-42"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """gunicorn on 127.0.0.1 with production settings; stops with the session (or in 15 min)."""
    folder = tmp_path_factory.mktemp("site")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))},
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "browser-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "EDITOR_PW": EDITOR_PASSWORD,
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["import_films", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["create_editor", "editor", "--password-from-env", "EDITOR_PW"],
    ):
        subprocess.run(manage + command, env=env, cwd=settings.BASE_DIR, check=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [
            "timeout",
            "900",
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "filmsite/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "filmsite.wsgi",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.terminate()
        pytest.fail("the site did not start")
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_factory(browser, site):
    pages = []

    def open_page(viewport=DESKTOP, bypass_csp=False):
        context = browser.new_context(viewport=viewport, base_url=site, bypass_csp=bypass_csp)
        page = context.new_page()
        page.csp_errors = []
        page.on(
            "console",
            lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text),
        )
        pages.append(context)
        return page

    yield open_page
    for context in pages:
        context.close()


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_from_home_to_a_film_to_its_reviews_filtered_with_a_spoiler(page_factory, viewport):
    page = page_factory(viewport)
    name = "phone" if viewport is PHONE else "desktop"
    page.goto("/")
    shoot(page, f"{name}-home")
    page.get_by_role("link", name="Pusher", exact=True).first.click()
    page.wait_for_url("**/films/pusher-1996/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Pusher")
    shoot(page, f"{name}-film")
    page.get_by_role("link", name="All 56 reviews of Pusher").click()
    page.wait_for_url("**/reviews/?film=pusher-1996")
    page.get_by_label("Rating from").fill("8")
    page.get_by_label("Written from").fill("2005-01-01")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**rating_min=8**")
    assert "date_after=2005-01-01" in page.url and "film=pusher-1996" in page.url
    count = page.locator(".result-count").inner_text()
    assert count.endswith("reviews") and not count.startswith("0")
    shoot(page, f"{name}-reviews-filtered")
    page.goto("/reviews/?spoilers=only")
    spoiler = page.locator("details.spoiler").first
    body = spoiler.locator(".review-body")
    assert not body.is_visible()
    spoiler.locator("summary").click()
    assert body.is_visible()
    shoot(page, f"{name}-spoiler-revealed")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "the page scrolls sideways"
    assert page.csp_errors == []


def test_keyboard_reaches_the_search_with_a_visible_focus(page_factory):
    page = page_factory()
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.goto("/search/?q=buric")
    assert page.get_by_role("link", name="Zlatko Buric").first.is_visible()


@pytest.mark.parametrize(
    "path", ["/", "/films/pusher-1996/", "/reviews/", "/people/mads-mikkelsen/", "/search/?q=milo"]
)
def test_no_serious_accessibility_violations(page_factory, path):
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: make install runs npm install")
        pytest.skip("axe-core not installed (npm install)")
    page = page_factory(bypass_csp=True)  # axe is injected as a script the CSP would refuse
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_editor_corrects_a_name_and_the_public_site_shows_it(page_factory):
    page = page_factory()
    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/reviews/person/?q=Syvester")
    page.get_by_role("link", name="Leif Syvester").click()
    page.locator("#id_name").fill("Leif Sylvester")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator(".messagelist").inner_text().startswith("The person")
    shoot(page, "admin-person-saved")
    assert page.csp_errors == []
    page.goto("/films/pusher-ii-with-blood-on-my-hands-2004/")
    assert page.get_by_role("link", name="Leif Sylvester").is_visible()
    assert page.get_by_text("Leif Syvester").count() == 0
