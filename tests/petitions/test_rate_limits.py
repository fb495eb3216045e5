"""Rate limits of the public petitions endpoints (danchu/petitions/ratelimits.py, decision 0013):
past the limit the web form, the tracking lookup, the booking and the public API answer 429 and
write nothing (no case, no booking, no audit event); another address, a signed-in user and the
officials' pages are not affected."""

from __future__ import annotations

import logging
from datetime import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.petitions.models import Case, ReceptionBooking
from danchu.petitions.ratelimits import client_address, rate_of
from tests.petitions.intake_helpers import COMPLAINANT, receive, web_form
from tests.petitions.test_reception_views import make_day

pytestmark = pytest.mark.django_db

# django-ratelimit counts in fixed windows; the clock is pinned so that no window ends mid-test.
NOW = 1_800_000_000.0

API = "/api/v1"
MESSAGE = "Too many requests from this connection. Please try again later."
FORM_URL = "/petitions/units/90001/new/"
OTHER_ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch):
    # Only django-ratelimit's reference to the time module is replaced, not the clock of all.
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: NOW))


def limits(**groups: str):
    """The project's limits with ``groups`` changed (the others stay as configured)."""
    return override_settings(DANCHU_RATE_LIMITS={**settings.DANCHU_RATE_LIMITS, **groups})


API_PAYLOAD = {
    "kind_hint": "complaint",
    "subject": "Khiếu nại quyết định thu hồi đất",
    "content": "Quyết định thu hồi đất của xã không đúng diện tích thực tế.",
    **COMPLAINANT,
}
ANONYMOUS_COMPLAINT = {
    **API_PAYLOAD,
    "anonymous": True,
    "full_name": "",
    "phone": "",
    "address": "",
    "id_number": "",
}


def _api_post(client, url, data, **kwargs):
    return client.post(url, data, content_type="application/json", **kwargs)


def _assert_refused_page(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert escape(gettext(MESSAGE)) in response.content.decode()


# --- the settings ------------------------------------------------------------------------------


def test_the_test_settings_keep_every_limit():
    for group in ("petitions_send", "petitions_track", "petitions_book", "api_intake", "api_track"):
        assert rate_of(group), group


def test_a_malformed_limit_is_a_configuration_error():
    with limits(petitions_send="many"), pytest.raises(ImproperlyConfigured):
        rate_of("petitions_send")


def test_an_empty_limit_turns_the_group_off(client, tree):
    with limits(petitions_send=""):
        for _ in range(3):
            assert client.post(FORM_URL, web_form()).status_code == 302
    assert Case.objects.count() == 3


def test_a_failing_cache_lets_requests_through(client, tree, monkeypatch):
    class Broken:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr("django_ratelimit.core.caches", {"default": Broken()})
    with limits(petitions_send="1/h"):
        for _ in range(2):
            assert client.post(FORM_URL, web_form()).status_code == 302
    assert Case.objects.count() == 2


# --- the public form ---------------------------------------------------------------------------


def test_the_form_answers_429_past_the_limit_and_writes_nothing(client, tree, caplog):
    with limits(petitions_send="2/h"):
        for _ in range(2):
            assert client.post(FORM_URL, web_form()).status_code == 302
        cases, events = Case.objects.count(), AuditEvent.objects.count()
        with caplog.at_level(logging.WARNING, logger="danchu.petitions.ratelimits"):
            refused = client.post(FORM_URL, web_form())
            again = client.post(FORM_URL, web_form())
    _assert_refused_page(refused)
    assert again.status_code == 429
    assert cases == 2
    assert (Case.objects.count(), AuditEvent.objects.count()) == (cases, events)
    # One warning for the window, not one per refused request; no address in the log.
    warnings = [r for r in caplog.records if r.name == "danchu.petitions.ratelimits"]
    assert len(warnings) == 1 and "petitions_send" in warnings[0].getMessage()
    assert "127.0.0.1" not in warnings[0].getMessage()


def test_a_flood_of_refused_submissions_stops_being_audited_at_the_limit(client, tree):
    """Each refusal by the service is audited (through the chain's lock) until the limit; past it
    the request is answered before the service runs."""
    refused = AuditEvent.objects.filter(action="petitions.refused_step")
    with limits(api_intake="3/h"):
        for _ in range(3):
            response = _api_post(client, f"{API}/units/90001/petitions", ANONYMOUS_COMPLAINT)
            assert response.status_code == 400
        assert refused.count() == 3
        events = AuditEvent.objects.count()
        response = _api_post(client, f"{API}/units/90001/petitions", ANONYMOUS_COMPLAINT)
    assert response.status_code == 429
    assert AuditEvent.objects.count() == events and refused.count() == 3
    assert not Case.objects.exists()


def test_opening_the_form_is_not_counted(client, tree):
    with limits(petitions_send="1/h"):
        for _ in range(3):
            assert client.get(FORM_URL).status_code == 200
        assert client.post(FORM_URL, web_form()).status_code == 302
        _assert_refused_page(client.post(FORM_URL, web_form()))
        assert client.get(FORM_URL).status_code == 200


def test_another_address_is_not_affected(client, tree):
    with limits(petitions_send="1/h"):
        assert client.post(FORM_URL, web_form()).status_code == 302
        assert client.post(FORM_URL, web_form()).status_code == 429
        other = client.post(FORM_URL, web_form(), REMOTE_ADDR=OTHER_ADDRESS)
    assert other.status_code == 302
    assert Case.objects.count() == 2


def test_a_signed_in_user_is_counted_apart_from_their_address(client, tree, login, personas):
    """Many citizens share one address behind a carrier's NAT: a signed-in account has its own
    count, and its own limit."""
    with limits(petitions_send="1/h"):
        assert client.post(FORM_URL, web_form()).status_code == 302
        assert client.post(FORM_URL, web_form()).status_code == 429
        login(personas["resident"])
        assert client.post(FORM_URL, web_form()).status_code == 302
        _assert_refused_page(client.post(FORM_URL, web_form(), REMOTE_ADDR=OTHER_ADDRESS))
    assert Case.objects.count() == 2


def test_addresses_of_one_ipv6_network_share_a_count():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    two = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    three = factory.get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert client_address(one) == client_address(two) == "2001:db8:1:2::"
    assert client_address(three) != client_address(one)
    assert client_address(factory.get("/", REMOTE_ADDR="198.51.100.4")) == "198.51.100.4"


# --- tracking ----------------------------------------------------------------------------------


def test_tracking_lookups_answer_429_past_the_limit(client, tree):
    case = receive(None, tree.commune_a)
    with limits(petitions_track="3/m"):
        assert client.get("/petitions/track/", {"code": case.tracking_code}).status_code == 200
        for code in ("DT26-AAAA-BBBB", "DT26-AAAA-BBBC"):
            assert client.get("/petitions/track/", {"code": code}).status_code == 404
        refused = client.get("/petitions/track/", {"code": case.tracking_code})
        # The empty form is not a lookup and is still shown.
        assert client.get("/petitions/track/").status_code == 200
        other = client.get(
            "/petitions/track/", {"code": case.tracking_code}, REMOTE_ADDR=OTHER_ADDRESS
        )
    _assert_refused_page(refused)
    assert tree.commune_a.name not in refused.content.decode()  # nothing was looked up
    assert other.status_code == 200 and tree.commune_a.name in other.content.decode()


# --- booking -----------------------------------------------------------------------------------


def _booking(slot: str) -> dict[str, str]:
    return {"starts_at": slot, "full_name": "Lê Văn Dân", "phone": "0912345678", "topic": "Đường"}


def test_booking_answers_429_past_the_limit_and_books_nothing(client, tree):
    day = make_day(tree.commune_a)
    url = f"/petitions/reception/days/{day.pk}/book/"
    with limits(petitions_book="1/h"):
        assert client.post(url, _booking("08:00")).status_code == 302
        events = AuditEvent.objects.count()
        refused = client.post(url, _booking("08:20"))
        assert AuditEvent.objects.count() == events
        assert client.get(url).status_code == 200  # the form itself is still shown
        other = client.post(url, _booking("08:40"), REMOTE_ADDR=OTHER_ADDRESS)
    _assert_refused_page(refused)
    assert other.status_code == 302
    booked = set(ReceptionBooking.objects.values_list("starts_at", flat=True))
    assert booked == {time(8), time(8, 40)}


# --- the API -----------------------------------------------------------------------------------


def test_the_api_intake_answers_429_in_json_past_the_limit(client, tree):
    url = f"{API}/units/90001/petitions"
    with limits(api_intake="2/h"):
        for _ in range(2):
            assert _api_post(client, url, API_PAYLOAD).status_code == 201
        events = AuditEvent.objects.count()
        refused = _api_post(client, url, API_PAYLOAD)
        assert AuditEvent.objects.count() == events
        other = _api_post(client, url, API_PAYLOAD, REMOTE_ADDR=OTHER_ADDRESS)
    assert refused.status_code == 429
    assert refused.json() == {"detail": gettext(MESSAGE)}
    assert int(refused["Retry-After"]) >= 1
    assert other.status_code == 201
    assert Case.objects.count() == 3


def test_the_api_status_answers_429_in_json_past_the_limit(client, tree):
    case = receive(None, tree.commune_a)
    url = f"{API}/petitions/status/{case.tracking_code}"
    with limits(api_track="2/m"):
        assert client.get(url).status_code == 200
        assert client.get(f"{API}/petitions/status/DT26-AAAA-BBBB").status_code == 404
        refused = client.get(url)
        other = client.get(url, REMOTE_ADDR=OTHER_ADDRESS)
    assert refused.status_code == 429
    assert refused.json() == {"detail": gettext(MESSAGE)}
    assert case.tracking_code not in refused.content.decode()
    assert other.status_code == 200


# --- officials ---------------------------------------------------------------------------------


def test_officials_pages_are_not_limited(client, tree, login, personas):
    login(personas["officer_a"])
    one = dict.fromkeys(settings.DANCHU_RATE_LIMITS, "1/h")
    day = make_day(tree.commune_a)
    data = web_form(channel="desk", group_size=1, signed="on", confirmed_by_citizen="on")
    data["received_on"] = timezone.localdate().strftime("%d/%m/%Y")
    with limits(**one):
        for _ in range(3):
            assert client.post("/petitions/units/90001/desk/", data).status_code == 302
        for _ in range(3):
            assert client.get("/petitions/units/90001/reception/manage/").status_code == 200
            assert client.get(f"/petitions/reception/days/{day.pk}/").status_code == 200
            assert client.get(f"{API}/units/90001/petitions").status_code == 200
    assert Case.objects.filter(channel="desk").count() == 3


def test_a_forwarded_for_header_sent_by_the_client_does_not_change_its_count(client, tree):
    with limits(petitions_send="1/h"):
        assert client.post(FORM_URL, web_form()).status_code == 302
        forged = client.post(FORM_URL, web_form(), HTTP_X_FORWARDED_FOR=OTHER_ADDRESS)
        _assert_refused_page(forged)


def test_behind_a_proxy_the_configured_header_names_the_client():
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.7")
    assert client_address(request) == "10.0.0.1"  # not configured: the connection's address
    with override_settings(DANCHU_CLIENT_IP_HEADER="X-Real-IP"):
        assert client_address(request) == "198.51.100.7"
        bare = factory.get("/", REMOTE_ADDR="10.0.0.1")
        assert client_address(bare) == "10.0.0.1"  # the header missing: the connection's


def test_a_header_proxies_append_to_is_read_from_its_last_entry():
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    with override_settings(DANCHU_CLIENT_IP_HEADER="X-Forwarded-For"):
        assert client_address(request) == "198.51.100.7"  # the proxy's entry, not the client's
