"""Reception pages: the public schedule and booking, the officials' pages and the logbook
export, with the permission matrix and constant query counts."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_reception as services
from danchu.petitions.domain import reception as rules
from danchu.petitions.models import ReceptionBooking, ReceptionEntry, ReceptionSchedule

pytestmark = pytest.mark.django_db


def make_day(unit, *, days=10, **changes):
    today = timezone.localdate()
    data = {
        "unit": unit,
        "leader_name": "Nguyễn Văn Chủ",
        "leader_title": "Chủ tịch UBND xã",
        "on": today + timedelta(days=days),
        "starts_at": time(8),
        "ends_at": time(9),
        "place": "Trụ sở UBND xã",
        "posted_on": today,
    }
    data.update(changes)
    return ReceptionSchedule.objects.create(**data)


def make_entry(unit, number, **changes):
    today = timezone.localdate()
    data = {
        "unit": unit,
        "number": number,
        "year": today.year,
        "received_on": today,
        "full_name": f"Lê Văn Dân {number}",
        "address": "Số 3, Thôn Một",
        "content": "Đường vào thôn bị sạt lở.",
        "request": "Đề nghị sửa đường.",
    }
    data.update(changes)
    return ReceptionEntry.objects.create(**data)


# --- public ------------------------------------------------------------------------------------


def test_the_public_schedule_shows_days_postponements_and_free_slots(client, tree):
    day = make_day(tree.commune_a)
    ReceptionBooking.objects.create(
        schedule=day, starts_at=time(8), full_name="Lê Văn Dân", phone="0912345678", topic="x"
    )
    make_day(
        tree.commune_a,
        days=3,
        status="postponed",
        postponed_to=timezone.localdate() + timedelta(days=10),
        postponement_reason="Chủ tịch họp đột xuất.",
    )
    response = client.get("/petitions/units/90001/reception/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nguyễn Văn Chủ" in content
    assert "Chủ tịch họp đột xuất." in content
    assert 'value="08:20"' in content and 'value="08:40"' in content
    assert 'value="08:00"' not in content  # booked
    assert "Lê Văn Dân" not in content  # nobody else's booking is shown
    assert "hx-" not in content


def test_booking_from_the_public_page_without_signing_in(client, tree):
    day = make_day(tree.commune_a)
    data = {
        "starts_at": "08:20",
        "full_name": "Lê Văn Dân",
        "phone": "0912345678",
        "topic": "Đường",
    }
    response = client.post(f"/petitions/reception/days/{day.pk}/book/", data)
    assert response.status_code == 302
    assert response["Location"] == "/petitions/units/90001/reception/"
    booking = ReceptionBooking.objects.get()
    assert (booking.starts_at, booking.citizen) == (time(8, 20), None)
    # The same slot again: refused on the page, nothing saved.
    again = client.post(f"/petitions/reception/days/{day.pk}/book/", data)
    assert again.status_code == 400
    assert ReceptionBooking.objects.count() == 1


def test_the_double_booking_race_is_refused_with_a_clear_message(client, tree, monkeypatch):
    """The form offered the slot, then someone else took it: the service refuses."""
    day = make_day(tree.commune_a)
    page = client.get(f"/petitions/reception/days/{day.pk}/book/")
    assert 'value="08:00"' in page.content.decode()
    ReceptionBooking.objects.create(
        schedule=day, starts_at=time(8), full_name="X", phone="0912345678", topic="x"
    )
    monkeypatch.setattr(
        "danchu.petitions.views_reception.attach_free_slots",
        lambda schedules, today: [
            setattr(s, "free_slots", rules.slots(s.starts_at, s.ends_at, 20)) for s in schedules
        ],
    )
    data = {"starts_at": "08:00", "full_name": "Y", "phone": "0912345679", "topic": "y"}
    response = client.post(f"/petitions/reception/days/{day.pk}/book/", data)
    assert response.status_code == 400
    assert gettext("This slot is already booked; choose another one.") in response.content.decode()
    assert ReceptionBooking.objects.count() == 1


def test_a_signed_in_citizen_sees_and_cancels_their_booking(client, personas, tree):
    day = make_day(tree.commune_a)
    booking = ReceptionBooking.objects.create(
        schedule=day,
        starts_at=time(8),
        citizen=personas["resident"],
        full_name="Lê Văn Dân",
        phone="0912345678",
        topic="x",
    )
    client.force_login(personas["resident"])
    assert "Lê Văn Dân" not in client.get("/petitions/units/90001/reception/").content.decode()
    url = f"/petitions/reception/bookings/{booking.pk}/cancel/"
    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.cancelled


def test_someone_elses_booking_is_not_found(client, personas, tree):
    day = make_day(tree.commune_a)
    booking = ReceptionBooking.objects.create(
        schedule=day, starts_at=time(8), full_name="A", phone="0912345678", topic="x"
    )
    url = f"/petitions/reception/bookings/{booking.pk}/cancel/"
    assert client.post(url).status_code == 302  # to the sign-in page
    for persona in ("resident", "officer_b"):
        client.force_login(personas[persona])
        assert client.post(url).status_code == 404
    booking.refresh_from_db()
    assert not booking.cancelled


@pytest.mark.parametrize("code", ["90001-001", "90", "99999"])
def test_no_reception_page_for_units_that_do_not_receive(client, tree, code):
    assert client.get(f"/petitions/units/{code}/reception/").status_code == 404


def test_the_public_page_takes_constant_queries(client, tree):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/petitions/units/90001/reception/").status_code == 200
        return len(ctx)

    make_day(tree.commune_a, days=8)
    few = count()
    for offset in range(9, 20):
        day = make_day(tree.commune_a, days=offset)
        ReceptionBooking.objects.create(
            schedule=day, starts_at=time(8), full_name="A", phone="0912345678", topic="x"
        )
    assert count() == few


# --- officials: the permission matrix ----------------------------------------------------------


def _official_urls(tree):
    day = make_day(tree.commune_a)
    entry = make_entry(tree.commune_a, 1)
    return {
        "get": [
            "/petitions/units/90001/reception/manage/",
            "/petitions/units/90001/reception/days/new/",
            "/petitions/units/90001/reception/logbook/",
            "/petitions/units/90001/reception/logbook.xlsx",
            "/petitions/units/90001/reception/logbook.csv",
            "/petitions/units/90001/reception/logbook/new/",
            f"/petitions/reception/days/{day.pk}/",
            f"/petitions/reception/days/{day.pk}/postpone/",
            f"/petitions/reception/entries/{entry.pk}/",
        ],
        "post": [
            "/petitions/units/90001/reception/document/",
            f"/petitions/reception/entries/{entry.pk}/answer/",
            f"/petitions/reception/entries/{entry.pk}/refuse/",
            f"/petitions/reception/entries/{entry.pk}/convert/",
        ],
    }


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("chair_a", True),
        ("officer_a", True),
        ("front_a", False),
        ("village_head_a1", False),
        ("agency_head_a", False),
        ("officer_b", False),
        ("province_officer", False),
        ("resident", False),
    ],
)
def test_permission_matrix_of_the_officials_pages(client, personas, tree, persona, allowed):
    urls = _official_urls(tree)
    client.force_login(personas[persona])
    for url in urls["get"]:
        status = client.get(url).status_code
        assert (status == 200) is allowed, (url, status)
        assert allowed or status == 404, (url, status)
    for url in urls["post"]:
        status = client.post(url, {}).status_code
        assert (status != 404) is allowed, (url, status)
    entry = ReceptionEntry.objects.get()
    if not allowed:  # nothing was changed by the refused posts
        assert entry.leader_answer == "" and entry.case_id is None
        assert entry.handling == ""


def test_anonymous_visitors_are_sent_to_sign_in(client, tree):
    urls = _official_urls(tree)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    for url in urls["post"]:
        response = client.post(url, {})
        assert response.status_code == 302 and "login" in response["Location"], url


def test_an_agency_head_manages_the_agencys_reception(client, personas, tree):
    client.force_login(personas["agency_head_a"])
    assert client.get("/petitions/units/90001-C01/reception/manage/").status_code == 200
    assert client.get("/petitions/units/90001-C01/reception/logbook/").status_code == 200


# --- officials: the pages work -----------------------------------------------------------------


def test_posting_a_day_through_the_page(client, personas, tree):
    client.force_login(personas["officer_a"])
    today = timezone.localdate()
    earliest = rules.earliest_reception_day(today)
    data = {
        "leader_name": "Nguyễn Văn Chủ",
        "leader_title": "Chủ tịch UBND xã",
        "on": earliest.isoformat(),
        "starts_at": "07:30",
        "ends_at": "11:30",
        "place": "Trụ sở UBND xã",
        "posted_on": today.isoformat(),
        "slot_minutes": "30",
    }
    late = client.post(
        "/petitions/units/90001/reception/days/new/",
        {**data, "on": (earliest - timedelta(days=1)).isoformat()},
    )
    assert late.status_code == 400
    assert not ReceptionSchedule.objects.exists()
    response = client.post("/petitions/units/90001/reception/days/new/", data)
    assert response.status_code == 302
    assert ReceptionSchedule.objects.get().slot_minutes == 30


def test_postponing_through_the_page(client, personas, tree):
    day = make_day(tree.commune_a)
    client.force_login(personas["chair_a"])
    url = f"/petitions/reception/days/{day.pk}/postpone/"
    new_day = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert client.post(url, {"new_day": new_day, "reason": ""}).status_code == 400
    response = client.post(url, {"new_day": new_day, "reason": "Họp đột xuất."})
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == "postponed"
    assert ReceptionSchedule.objects.filter(status="planned").count() == 1


def test_the_chairs_weeks_without_a_reception_day_are_red(client, personas, tree):
    today = timezone.localdate()
    make_day(tree.commune_a, days=0, on=rules.week_start(today), posted_on=today)
    client.force_login(personas["officer_a"])
    response = client.get("/petitions/units/90001/reception/manage/")
    coverage = response.context["coverage"]
    assert coverage["frequency"] == rules.WEEKLY
    this_week = [p for p in coverage["periods"] if p["first"] == rules.week_start(today)]
    assert this_week[0]["covered"]
    assert coverage["missing"] == len(coverage["periods"]) - 1
    assert '<tr class="error">' in response.content.decode()


def test_a_deputys_day_does_not_cover_the_chairs_week(client, personas, tree):
    today = timezone.localdate()
    make_day(tree.commune_a, on=rules.week_start(today), leader_title="Phó Chủ tịch UBND xã")
    linked = make_day(
        tree.commune_a,
        on=rules.week_start(today) + timedelta(days=7),
        leader=personas["chair_a"],
        leader_title="Lãnh đạo",
    )
    client.force_login(personas["officer_a"])
    coverage = client.get("/petitions/units/90001/reception/manage/").context["coverage"]
    covered = {p["first"] for p in coverage["periods"] if p["covered"]}
    assert covered == {rules.week_start(linked.on)}


def test_recording_answering_and_converting_through_the_pages(client, personas, tree):
    client.force_login(personas["officer_a"])
    data = {
        "received_on": timezone.localdate().isoformat(),
        "full_name": "Lê Văn Dân",
        "address": "Số 3, Thôn Một",
        "id_number": "",
        "people": "1",
        "content": "Đường vào thôn bị sạt lở.",
        "prior_handling": "",
        "request": "Đề nghị sửa đường.",
        "handling": "",
        "schedule": "",
    }
    response = client.post("/petitions/units/90001/reception/logbook/new/", data)
    entry = ReceptionEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/reception/entries/{entry.pk}/"
    assert entry.number == 1
    bad = client.post(f"/petitions/reception/entries/{entry.pk}/answer/", {"leader_answer": ""})
    assert bad.status_code == 400
    ok = client.post(
        f"/petitions/reception/entries/{entry.pk}/answer/", {"leader_answer": "Giao địa chính."}
    )
    assert ok.status_code == 302
    converted = client.post(
        f"/petitions/reception/entries/{entry.pk}/convert/", {"kind_hint": "recommendation"}
    )
    assert converted.status_code == 302
    entry.refresh_from_db()
    assert entry.case is not None and entry.case.channel == "desk"
    page = client.get(f"/petitions/reception/entries/{entry.pk}/").content.decode()
    assert entry.case.tracking_code in page


def test_refusing_through_the_page(client, personas, tree):
    entry = make_entry(tree.commune_a, 1)
    client.force_login(personas["chair_a"])
    url = f"/petitions/reception/entries/{entry.pk}/refuse/"
    assert client.post(url, {"ground": "nope"}).status_code == 400
    assert client.post(url, {"ground": rules.INCAPACITATED}).status_code == 302
    entry.refresh_from_db()
    assert rules.is_refused(entry.handling)


def test_the_schedule_document_from_the_page(client, personas, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    day = make_day(tree.commune_a)
    client.force_login(personas["chair_a"])
    response = client.post(
        "/petitions/units/90001/reception/document/",
        {"start": day.on.isoformat(), "end": (day.on + timedelta(days=6)).isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/documents/")


# --- the logbook -------------------------------------------------------------------------------


def test_the_logbook_export_holds_the_article_25_fields_and_is_audited(client, personas, tree):
    make_entry(tree.commune_a, 1, prior_handling="UBND xã đã trả lời năm 2025.")
    make_entry(tree.commune_b, 1, full_name="Người xã khác")
    client.force_login(personas["officer_a"])
    response = client.get("/petitions/units/90001/reception/logbook.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:4] == (
        gettext("No."),
        gettext("Date"),
        gettext("Full name"),
        gettext("Address"),
    )
    assert len(rows) == 2
    assert rows[1][0] == f"1/{timezone.localdate().year}"
    assert "Lê Văn Dân 1" in rows[1]
    assert "UBND xã đã trả lời năm 2025." in rows[1]
    assert AuditEvent.objects.filter(action=services.LOGBOOK_EXPORTED).count() == 1
    assert client.get("/petitions/units/90001/reception/logbook.pdf").status_code == 404


def test_the_logbook_export_redacts_a_case_classified_later_as_a_denunciation(
    client, personas, tree
):
    from danchu.petitions.services_intake import case_classify
    from danchu.petitions.services_reception import entry_record, entry_to_case

    officer = personas["officer_a"]
    entry = entry_record(
        actor=officer,
        unit=tree.commune_a,
        received_on=timezone.localdate(),
        full_name="Phạm Văn Tố",
        address="Số 9, Thôn Hai",
        content="Cán bộ thu tiền trái phép.",
        request="Đề nghị xử lý.",
        id_number="001090099999",
    )
    case = entry_to_case(actor=officer, entry=entry, kind_hint="complaint")
    case_classify(actor=officer, case=case, kind="denunciation")
    client.force_login(officer)
    for url in (
        "/petitions/units/90001/reception/logbook.csv",
        "/petitions/units/90001/reception/logbook/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        ).decode("utf-8-sig")
        assert "Phạm Văn Tố" not in body and "001090099999" not in body
        assert "Số 9, Thôn Hai" not in body


def test_the_logbook_paginates_in_constant_queries(client, personas, tree):
    client.force_login(personas["officer_a"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/petitions/units/90001/reception/logbook/").status_code == 200
        return len(ctx)

    make_entry(tree.commune_a, 1)
    few = count()
    for number in range(2, 40):
        make_entry(tree.commune_a, number)
    assert count() == few


def test_the_manage_page_takes_constant_queries(client, personas, tree):
    client.force_login(personas["officer_a"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/petitions/units/90001/reception/manage/").status_code == 200
        return len(ctx)

    make_day(tree.commune_a, days=1)
    few = count()
    for offset in range(2, 30):
        make_day(tree.commune_a, days=offset)
    assert count() == few
