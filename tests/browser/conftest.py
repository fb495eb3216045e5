"""Browser tests: Debian's Chromium (/usr/bin/chromium, installed by
scripts/system-packages.sh --with-browser) driven by Playwright, never `playwright install`.

Marked `browser`; `make test` leaves them out and `make test-browser` (run by .ci/run) runs them.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("DANCHU_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/system-packages.sh --with-browser"
        )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def phone_page(browser):
    """A small phone screen, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
