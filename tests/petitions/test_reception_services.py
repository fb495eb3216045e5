"""Reception services: posting, postponing, booking, the logbook, the leader's answer, refusals
(Art. 9) and conversion into a case; every refusal is audited and changes nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils.translation import gettext

from danchu.core.access import roles
from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_reception as services
from danchu.petitions.domain import reception as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import (
    ReceptionBooking,
    ReceptionEntry,
    ReceptionSchedule,
    ScheduleStatus,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)  # a Monday with no holiday near


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: TODAY)


def publish(actor, unit, **changes):
    data = {
        "leader": None,
        "leader_name": "Nguyễn Văn Chủ",
        "leader_title": "Chủ tịch UBND xã",
        "on": date(2026, 3, 9),
        "starts_at": time(8),
        "ends_at": time(9),
        "place": "Trụ sở UBND xã An Phú",
        "posted_on": TODAY,
    }
    data.update(changes)
    return services.schedule_publish(actor=actor, unit=unit, **data)


def record(actor, unit, **changes):
    data = {
        "received_on": TODAY,
        "full_name": "Lê Văn Dân",
        "address": "Số 3, Thôn Một, xã An Phú",
        "content": "Đường vào thôn bị sạt lở, chưa được sửa.",
        "request": "Đề nghị xã sửa đường trước mùa mưa.",
    }
    data.update(changes)
    return services.entry_record(actor=actor, unit=unit, **data)


def refusals():
    return list(AuditEvent.objects.filter(action=services.REFUSED).values_list("data", flat=True))


# --- schedules ---------------------------------------------------------------------------------


def test_a_day_posted_exactly_five_working_days_ahead_is_published(personas, tree):
    schedule = publish(personas["chair_a"], tree.commune_a)
    assert schedule.status == ScheduleStatus.PLANNED
    event = AuditEvent.objects.get(action=services.SCHEDULE_PUBLISHED)
    assert event.target_id == str(schedule.pk)
    assert event.data["posted_on"] == "2026-03-02"


def test_a_day_posted_four_working_days_ahead_is_refused_audited_and_not_saved(personas, tree):
    with pytest.raises(PetitionError) as exc:
        publish(personas["chair_a"], tree.commune_a, on=date(2026, 3, 6))
    assert "09/03/2026" in str(exc.value)
    assert not ReceptionSchedule.objects.exists()
    assert refusals() == [{"step": "schedule_publish", "reason": str(exc.value)}]


@pytest.mark.parametrize(
    "changes",
    [
        {"leader_name": "  "},
        {"place": ""},
        {"starts_at": time(9), "ends_at": time(9)},
        {"posted_on": TODAY + timedelta(days=1), "on": date(2026, 3, 16)},
        {"posted_on": TODAY - timedelta(days=7)},  # backdated (issue #7 review)
        {"ends_at": time(8, 10)},  # shorter than one slot
    ],
)
def test_bad_schedules_are_refused(personas, tree, changes):
    with pytest.raises(PetitionError):
        publish(personas["chair_a"], tree.commune_a, **changes)
    assert not ReceptionSchedule.objects.exists()
    assert len(refusals()) == 1


def test_the_same_leader_cannot_be_posted_twice_on_one_day(personas, tree):
    publish(personas["chair_a"], tree.commune_a)
    with pytest.raises(PetitionError):
        publish(personas["officer_a"], tree.commune_a, starts_at=time(14), ends_at=time(16))
    assert ReceptionSchedule.objects.count() == 1


@pytest.mark.parametrize("persona", ["officer_b", "front_a", "province_officer", "resident"])
def test_others_cannot_post_and_the_attempt_is_audited(personas, tree, persona):
    with pytest.raises(NotPermitted):
        publish(personas[persona], tree.commune_a)
    assert not ReceptionSchedule.objects.exists()
    assert refusals() == [{"step": "schedule_publish", "reason": "not permitted"}]


def test_villages_hold_no_reception_days(personas, tree):
    # The commune chair manages only the commune's own reception, not a unit below it.
    with pytest.raises(NotPermitted):
        publish(personas["chair_a"], tree.village_a1)
    # Even an official placed at the village itself cannot post a reception day there.
    local = make_user("0911000099", roles.COMMUNE_OFFICER, tree.village_a1)
    with pytest.raises(PetitionError):
        publish(local, tree.village_a1)
    assert not ReceptionSchedule.objects.exists()


def test_an_agency_head_posts_for_the_agency(personas, tree):
    schedule = publish(
        personas["agency_head_a"], tree.agency_a, leader_title="Trưởng trạm", place="Trạm Y tế"
    )
    assert schedule.unit == tree.agency_a


def test_postponing_needs_a_reason_and_moves_the_bookings_to_the_announced_day(
    personas, tree, monkeypatch
):
    schedule = publish(personas["chair_a"], tree.commune_a)
    booking = services.booking_make(
        actor=personas["resident"],
        schedule=schedule,
        starts_at=time(8, 20),
        full_name="Lê Văn Dân",
        phone="0912 345 678",
        topic="Đường thôn",
    )
    with pytest.raises(PetitionError):
        services.schedule_postpone(
            actor=personas["chair_a"], schedule=schedule, new_day=date(2026, 3, 16), reason=" "
        )
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PLANNED
    assert refusals()[0]["step"] == "schedule_postpone"

    new = services.schedule_postpone(
        actor=personas["chair_a"],
        schedule=schedule,
        new_day=date(2026, 3, 16),
        reason="Chủ tịch họp đột xuất tại tỉnh.",
    )
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.POSTPONED
    assert schedule.postponed_to == date(2026, 3, 16)
    assert schedule.postponement_reason == "Chủ tịch họp đột xuất tại tỉnh."
    assert (new.on, new.posted_on, new.status) == (date(2026, 3, 16), TODAY, "planned")
    booking.refresh_from_db()
    assert booking.schedule_id == new.pk
    event = AuditEvent.objects.get(action=services.SCHEDULE_POSTPONED)
    assert event.data["announced_on"] == "2026-03-02"
    assert event.data["bookings_moved"] == 1
    # A postponed day cannot be postponed again.
    with pytest.raises(PetitionError):
        services.schedule_postpone(
            actor=personas["chair_a"], schedule=schedule, new_day=date(2026, 3, 17), reason="x"
        )


# --- bookings ----------------------------------------------------------------------------------


def test_anyone_books_a_slot_once_and_the_second_booking_is_refused(personas, tree, client):
    from django.contrib.auth.models import AnonymousUser

    schedule = publish(personas["chair_a"], tree.commune_a)
    first = services.booking_make(
        actor=AnonymousUser(),
        schedule=schedule,
        starts_at=time(8),
        full_name="Lê Văn Dân",
        phone="0912345678",
        topic="Đường thôn",
    )
    assert first.citizen is None
    with pytest.raises(PetitionError) as exc:
        services.booking_make(
            actor=personas["resident"],
            schedule=schedule,
            starts_at=time(8),
            full_name="Trần Thị Bé",
            phone="0912345679",
            topic="Đất đai",
        )
    assert str(exc.value) == services._("This slot is already booked; choose another one.")
    assert ReceptionBooking.objects.count() == 1
    assert refusals()[-1]["step"] == "booking_make"
    # No personal data in the audit trail of a booking.
    event = AuditEvent.objects.get(action=services.BOOKING_MADE)
    assert "Lê Văn Dân" not in str(event.data) and "0912345678" not in str(event.data)


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": time(8, 10)},  # not a slot
        {"starts_at": time(9)},  # the end, not a slot
        {"phone": "12345"},
        {"full_name": ""},
        {"topic": ""},
    ],
)
def test_bad_bookings_are_refused(personas, tree, changes):
    schedule = publish(personas["chair_a"], tree.commune_a)
    data = {"starts_at": time(8), "full_name": "A", "phone": "0912345678", "topic": "B"}
    data.update(changes)
    with pytest.raises(PetitionError):
        services.booking_make(actor=personas["resident"], schedule=schedule, **data)
    assert not ReceptionBooking.objects.exists()


def test_the_citizen_cancels_and_the_slot_is_free_again(personas, tree):
    schedule = publish(personas["chair_a"], tree.commune_a)
    booking = services.booking_make(
        actor=personas["resident"],
        schedule=schedule,
        starts_at=time(8),
        full_name="Lê Văn Dân",
        phone="0912345678",
        topic="Đường thôn",
    )
    with pytest.raises(NotPermitted):
        services.booking_cancel(actor=personas["officer_b"], booking=booking)
    services.booking_cancel(actor=personas["resident"], booking=booking)
    booking.refresh_from_db()
    assert booking.cancelled
    with pytest.raises(PetitionError):
        services.booking_cancel(actor=personas["resident"], booking=booking)
    again = services.booking_make(
        actor=personas["resident"],
        schedule=schedule,
        starts_at=time(8),
        full_name="Lê Văn Dân",
        phone="0912345678",
        topic="Đường thôn",
    )
    assert again.pk != booking.pk


def test_a_past_or_postponed_day_cannot_be_booked(personas, tree, monkeypatch):
    schedule = publish(personas["chair_a"], tree.commune_a)
    monkeypatch.setattr(services, "_today", lambda: date(2026, 3, 9))
    with pytest.raises(PetitionError):
        services.booking_make(
            actor=personas["resident"],
            schedule=schedule,
            starts_at=time(8),
            full_name="A",
            phone="0912345678",
            topic="B",
        )


# --- the logbook -------------------------------------------------------------------------------


def test_entries_are_numbered_per_unit_and_year(personas, tree):
    chair = personas["chair_a"]
    first = record(chair, tree.commune_a)
    second = record(chair, tree.commune_a)
    other_unit = record(personas["agency_head_a"], tree.agency_a)
    last_year = record(chair, tree.commune_a, received_on=date(2025, 12, 31))
    assert (first.number, second.number, other_unit.number) == (1, 2, 1)
    assert (last_year.number, last_year.year) == (1, 2025)
    event = AuditEvent.objects.filter(action=services.ENTRY_RECORDED).first()
    assert "Lê Văn Dân" not in str(event.data)


def test_a_refused_entry_takes_no_number(personas, tree):
    chair = personas["chair_a"]
    record(chair, tree.commune_a)
    with pytest.raises(PetitionError):
        record(chair, tree.commune_a, content="")
    assert record(chair, tree.commune_a).number == 2


@pytest.mark.parametrize(
    ("people", "names", "ok"),
    [
        (4, "Lê Văn Dân", True),
        (5, "Lê Văn Dân; Trần Thị Bé", True),
        (5, "A; B; C", False),
        (10, "A; B", True),
        (11, "A; B; C; D; E", True),
        (11, "A; B; C; D; E; F", False),
    ],
)
def test_group_visits_name_their_representatives(personas, tree, people, names, ok):
    if ok:
        entry = record(personas["chair_a"], tree.commune_a, people=people, full_name=names)
        assert entry.people == people
    else:
        with pytest.raises(PetitionError):
            record(personas["chair_a"], tree.commune_a, people=people, full_name=names)
        assert not ReceptionEntry.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"received_on": TODAY + timedelta(days=1)},
        {"received_on": TODAY - timedelta(days=400)},
        {"id_number": "1234"},
        {"address": ""},
        {"request": " "},
        {"people": 0},
    ],
)
def test_bad_entries_are_refused(personas, tree, changes):
    with pytest.raises(PetitionError):
        record(personas["chair_a"], tree.commune_a, **changes)
    assert not ReceptionEntry.objects.exists()
    assert refusals()[0]["step"] == "entry_record"


def test_an_entry_cannot_name_another_units_day(personas, tree):
    schedule = publish(
        personas["agency_head_a"], tree.agency_a, leader_title="Trưởng trạm", place="Trạm"
    )
    with pytest.raises(PetitionError):
        record(personas["chair_a"], tree.commune_a, schedule=schedule)


def test_the_leader_answers_once(personas, tree):
    entry = record(personas["officer_a"], tree.commune_a)
    with pytest.raises(PetitionError):
        services.entry_answer(actor=personas["chair_a"], entry=entry, leader_answer=" ")
    with pytest.raises(NotPermitted):
        services.entry_answer(actor=personas["officer_b"], entry=entry, leader_answer="Có")
    services.entry_answer(
        actor=personas["chair_a"],
        entry=entry,
        leader_answer="Giao địa chính kiểm tra, trả lời 10 ngày.",
    )
    entry.refresh_from_db()
    assert entry.leader_answer.startswith("Giao địa chính")
    with pytest.raises(PetitionError):
        services.entry_answer(actor=personas["chair_a"], entry=entry, leader_answer="Khác")
    entry.refresh_from_db()
    assert entry.leader_answer.startswith("Giao địa chính")
    assert [r["step"] for r in refusals()] == ["entry_answer"] * 3


def test_a_refusal_on_an_article_9_ground_closes_the_entry(personas, tree):
    entry = record(personas["officer_a"], tree.commune_a, handling="Tiếp tại trụ sở.")
    with pytest.raises(PetitionError):
        services.entry_refuse(actor=personas["officer_a"], entry=entry, ground="rude")
    services.entry_refuse(actor=personas["officer_a"], entry=entry, ground=rules.THREATENING)
    entry.refresh_from_db()
    assert entry.handling.startswith("Tiếp tại trụ sở.\nTừ chối tiếp công dân")
    assert "khoản 2 Điều 9" in entry.handling
    for act in (
        lambda: services.entry_refuse(
            actor=personas["officer_a"], entry=entry, ground=rules.OTHER_LAW
        ),
        lambda: services.entry_answer(actor=personas["chair_a"], entry=entry, leader_answer="x"),
        lambda: services.entry_to_case(actor=personas["chair_a"], entry=entry, kind_hint=""),
    ):
        with pytest.raises(PetitionError):
            act()
    entry.refresh_from_db()
    assert entry.leader_answer == "" and entry.case_id is None
    event = AuditEvent.objects.get(action=services.ENTRY_REFUSED)
    assert event.data["ground"] == rules.THREATENING


# --- conversion into a case --------------------------------------------------------------------


def test_a_reception_becomes_a_desk_case_once(personas, tree):
    entry = record(personas["officer_a"], tree.commune_a, id_number="001090012345")
    case = services.entry_to_case(actor=personas["officer_a"], entry=entry, kind_hint="complaint")
    entry.refresh_from_db()
    assert entry.case_id == case.pk
    assert case.channel == "desk"
    assert case.unit == tree.commune_a
    assert case.received_on == TODAY
    assert case.parties.filter(full_name="Lê Văn Dân").exists()
    with pytest.raises(PetitionError):
        services.entry_to_case(actor=personas["officer_a"], entry=entry, kind_hint="complaint")
    event = AuditEvent.objects.get(action=services.ENTRY_CONVERTED)
    assert event.data["tracking_code"] == case.tracking_code


def test_a_group_reception_becomes_a_group_case_with_its_representatives(personas, tree):
    entry = record(
        personas["officer_a"], tree.commune_a, people=12, full_name="Lê Văn Dân; Trần Thị Bé"
    )
    case = services.entry_to_case(actor=personas["officer_a"], entry=entry, kind_hint="complaint")
    assert case.group_size == 12
    names = set(case.parties.filter(role="representative").values_list("full_name", flat=True))
    assert names == {"Lê Văn Dân", "Trần Thị Bé"}


def test_a_denunciation_leaves_no_name_in_the_logbook(personas, tree):
    entry = record(
        personas["officer_a"],
        tree.commune_a,
        full_name="Phạm Văn Tố",
        address="Số 9, Thôn Hai",
        id_number="001090099999",
    )
    case = services.entry_to_case(
        actor=personas["officer_a"], entry=entry, kind_hint="denunciation"
    )
    entry.refresh_from_db()
    assert entry.full_name == services.SEALED_PLACEHOLDER
    assert entry.address == services.SEALED_PLACEHOLDER
    assert entry.id_number == ""
    assert not case.parties.filter(full_name="Phạm Văn Tố").exists()
    assert "Phạm Văn Tố" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_a_backdated_posting_is_refused_with_its_reason(personas, tree):
    with pytest.raises(PetitionError) as exc:
        publish(personas["chair_a"], tree.commune_a, posted_on=TODAY - timedelta(days=1))
    assert str(exc.value) == gettext(
        "A schedule is posted on the day it is recorded: the posting date is today."
    )
    assert refusals() == [{"step": "schedule_publish", "reason": str(exc.value)}]
    assert not ReceptionSchedule.objects.exists()


@pytest.mark.parametrize("kind", ["denunciation", "information"])
def test_a_reception_classified_later_as_a_denunciation_leaves_no_name(personas, tree, kind):
    """Issue #7 review: the conversion was a complaint; classifying the case redacts the
    logbook line (and so its export)."""
    from danchu.petitions.services_intake import case_classify

    officer = personas["officer_a"]
    entry = record(officer, tree.commune_a, full_name="Phạm Văn Tố", id_number="001090099999")
    other = record(officer, tree.commune_a, full_name="Lê Văn Khác")
    case = services.entry_to_case(actor=officer, entry=entry, kind_hint="complaint")
    services.entry_to_case(actor=officer, entry=other, kind_hint="complaint")
    entry.refresh_from_db()
    assert entry.full_name == "Phạm Văn Tố"
    case_classify(actor=officer, case=case, kind=kind)
    entry.refresh_from_db()
    other.refresh_from_db()
    assert (entry.full_name, entry.address, entry.id_number) == (
        services.SEALED_PLACEHOLDER,
        services.SEALED_PLACEHOLDER,
        "",
    )
    assert other.full_name == "Lê Văn Khác"
    classified = AuditEvent.objects.get(action="petitions.case_classified")
    assert classified.data["logbook_redacted"] == 1


def test_a_reception_split_into_a_denunciation_leaves_no_name(personas, tree):
    from danchu.petitions.services_intake import case_split

    officer = personas["officer_a"]
    entry = record(officer, tree.commune_a, full_name="Phạm Văn Tố", id_number="001090099999")
    case = services.entry_to_case(actor=officer, entry=entry, kind_hint="")
    case_split(
        actor=officer,
        case=case,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo", "content": "Phần tố cáo"},
        ],
    )
    entry.refresh_from_db()
    assert entry.full_name == services.SEALED_PLACEHOLDER and entry.id_number == ""


def test_others_cannot_convert(personas, tree):
    entry = record(personas["officer_a"], tree.commune_a)
    with pytest.raises(NotPermitted):
        services.entry_to_case(actor=personas["officer_b"], entry=entry, kind_hint="")
    entry.refresh_from_db()
    assert entry.case_id is None


# --- the printable schedule --------------------------------------------------------------------


def test_the_posted_schedule_is_a_document(personas, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    schedule = publish(personas["chair_a"], tree.commune_a)
    services.schedule_postpone(
        actor=personas["chair_a"],
        schedule=schedule,
        new_day=date(2026, 3, 16),
        reason="Họp đột xuất.",
    )
    document = services.schedule_document(
        actor=personas["officer_a"],
        unit=tree.commune_a,
        start=date(2026, 3, 9),
        end=date(2026, 3, 31),
    )
    assert document.doc_type == services.SCHEDULE_DOCUMENT
    from danchu.petitions.documents_reception import build_reception_schedule, schedule_data

    data = schedule_data(tree.commune_a, date(2026, 3, 9), date(2026, 3, 31))
    data["posted_on"] = "2026-03-02"
    texts = " ".join(build_reception_schedule(data, tree.commune_a).texts())
    assert "Lịch tiếp công dân" in texts
    assert "Hoãn, chuyển sang ngày 16/03/2026. Lý do: Họp đột xuất." in texts
    assert "Thứ Hai, 16/03/2026" in texts
    with pytest.raises(PetitionError):
        services.schedule_document(
            actor=personas["officer_a"],
            unit=tree.commune_a,
            start=date(2026, 5, 1),
            end=date(2026, 5, 31),
        )
    with pytest.raises(NotPermitted):
        services.schedule_document(
            actor=personas["officer_b"],
            unit=tree.commune_a,
            start=date(2026, 3, 9),
            end=date(2026, 3, 31),
        )


# --- postponement notices ----------------------------------------------------------------------


def test_postponing_tells_every_booked_citizen_the_new_day_and_the_reason(
    personas, tree, settings, django_capture_on_commit_callbacks
):
    """Art. 24: a postponement is announced with its new day. A citizen who booked while signed
    in is notified through the notification system; one who booked with only a phone gets an
    SMS on the notify app's gateway; a cancelled booking is told nothing."""
    from django.contrib.auth.models import AnonymousUser

    from danchu.core.notify.backends import memory
    from danchu.core.notify.models import Notification

    settings.DANCHU_SMS_BACKEND = "danchu.core.notify.backends.memory.MemoryBackend"
    memory.outbox.clear()
    reason = "Chủ tịch họp đột xuất tại tỉnh."
    schedule = publish(personas["chair_a"], tree.commune_a)

    def book(actor, slot, phone):
        return services.booking_make(
            actor=actor,
            schedule=schedule,
            starts_at=slot,
            full_name="Lê Văn Dân",
            phone=phone,
            topic="Đường thôn",
        )

    resident = personas["resident"]
    book(resident, time(8), "0912000111")
    book(AnonymousUser(), time(8, 20), "0987 111 222")
    cancelled = book(AnonymousUser(), time(8, 40), "0977000333")
    services.booking_cancel(actor=personas["chair_a"], booking=cancelled)

    with django_capture_on_commit_callbacks(execute=True):
        new = services.schedule_postpone(
            actor=personas["chair_a"], schedule=schedule, new_day=date(2026, 3, 16), reason=reason
        )
    assert new.on == date(2026, 3, 16)

    notes = Notification.objects.filter(kind=services.POSTPONED_NOTIFICATION)
    assert [n.recipient_id for n in notes] == [resident.pk]
    note = notes.get()
    assert "16/03/2026" in note.title and "09/03/2026" in note.title
    assert reason in note.body and "08:00" in note.body and schedule.place in note.body

    texts = {m.to: m for m in memory.outbox["sms"]}
    walk_in = texts["0987111222"]
    assert walk_in.user_id is None
    assert "16/03/2026" in walk_in.body and "08:20" in walk_in.body
    # Anyone may type any phone: the SMS carries what the public schedule shows, no reason.
    assert reason not in walk_in.body and schedule.leader_name not in walk_in.body
    assert "0977000333" not in texts  # the cancelled booking
    event = AuditEvent.objects.get(action=services.SCHEDULE_POSTPONED)
    assert (event.data["citizens_notified"], event.data["sms_queued"]) == (1, 1)
    assert "0987111222" not in str(event.data)  # no phone number in the audit trail

    # A refused postponement tells nobody anything.
    memory.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PetitionError):
        services.schedule_postpone(
            actor=personas["chair_a"], schedule=schedule, new_day=date(2026, 3, 17), reason="x"
        )
    assert notes.count() == 1
    assert not memory.outbox["sms"]


def test_a_postponement_notice_is_written_in_the_site_language(personas, tree, settings):
    """The citizen reads the notice in the site's language, whatever language the official
    who postponed the day was using."""
    from django.utils import translation

    from danchu.core.notify.models import Notification

    schedule = publish(personas["chair_a"], tree.commune_a)
    services.booking_make(
        actor=personas["resident"],
        schedule=schedule,
        starts_at=time(8),
        full_name="Lê Văn Dân",
        phone="0912000111",
        topic="Đường thôn",
    )
    with translation.override("en"):
        services.schedule_postpone(
            actor=personas["chair_a"],
            schedule=schedule,
            new_day=date(2026, 3, 16),
            reason="Họp đột xuất.",
        )
    note = Notification.objects.get(kind=services.POSTPONED_NOTIFICATION)
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("Reception day of %(old)s postponed to %(new)s") % {
            "old": "09/03/2026",
            "new": "16/03/2026",
        }
    assert note.title == expected
