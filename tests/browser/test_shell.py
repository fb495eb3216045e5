"""The web shell in a real browser: Vietnamese first, usable on a small phone, without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_resident_finds_a_village_without_javascript(live_server, tree, no_js_page):
    page = no_js_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("label[for=q]").count() == 1  # the search box is labelled
    page.locator("#q").fill("an phu")
    page.locator("form[role=search] button[type=submit]").click()
    page.get_by_role("link", name="Xã An Phú", exact=True).click()
    page.get_by_role("link", name="Thôn Một", exact=True).click()
    assert page.locator("h1").inner_text() == "Thôn Một"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "village-no-js.png"), full_page=True)


def test_official_logs_in_and_opens_the_register_without_javascript(
    live_server, personas, households, no_js_page
):
    page = no_js_page
    page.goto(live_server.url + "/login/")
    page.locator("#id_username").fill("0911 000 002")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(live_server.url + "/units/90001/households/")
    assert page.get_by_role("link", name="A1-001", exact=True).count() == 1
    assert page.get_by_role("link", name="B1-001", exact=True).count() == 0
    page.get_by_role("link", name="A1-001", exact=True).click()
    assert "A1-001" in page.locator("h1").inner_text()


def test_search_updates_in_place_with_htmx(live_server, tree, phone_page):
    page = phone_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"  # the browser's English is ignored
    page.locator("#q").fill("binh minh")
    page.wait_for_function(
        "document.querySelector('#unit-results').innerText.includes('Phường Bình Minh')"
    )
    assert page.url.rstrip("/") == live_server.url  # no navigation: the results list was swapped
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing overflows a small phone screen
    page.screenshot(path=str(SHOTS / "home-phone.png"), full_page=True)
