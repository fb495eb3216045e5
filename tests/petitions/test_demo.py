"""The demo petitions: every kind in every state of its state machine (derived from
``domain/workflow.py``), one overdue case, one extended denunciation, anonymous denunciations
handled as information, the resident's rated case, a split letter, the chair's reception days,
bookings and logbook; built through the services, and only once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from danchu.core.audit.services import audit_verify
from danchu.core.calendar import is_working_day
from danchu.petitions.demo import (
    CHAIR_NAME,
    MIXED_LETTER,
    RESIDENT_PHONE,
    SPECS,
    build_demo_petitions,
)
from danchu.petitions.domain import reception as reception_rules
from danchu.petitions.domain import workflow as wf
from danchu.petitions.models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseParty,
    Extension,
    ReceptionBooking,
    ReceptionEntry,
    ReceptionSchedule,
    ScheduleStatus,
    SealedIdentity,
)
from danchu.petitions.services_intake import own_cases
from tests.conftest import make_user


def expected_pairs() -> set[tuple[str, str]]:
    """(kind, status) for every classified kind and every status its state machine reaches."""
    pairs = set()
    for kind in CaseKind.values:
        machine = wf.MACHINES.get(wf.machine_of(kind))
        if machine is None:
            continue
        statuses = {wf.RECEIVED} | {r.source for r in machine}
        statuses |= {r.target for r in machine if r.target is not None}
        pairs |= {(kind, status) for status in statuses}
    return pairs


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        CaseEvent.objects.count(),
        CaseParty.objects.count(),
        SealedIdentity.objects.count(),
        Extension.objects.count(),
        ReceptionSchedule.objects.count(),
        ReceptionBooking.objects.count(),
        ReceptionEntry.objects.count(),
    )


def check_every_kind_in_every_state(demo):
    commune, _resident, made = demo
    assert len(expected_pairs()) == 26  # the machines of the six kinds, as of this writing
    present = set(Case.objects.filter(unit=commune).values_list("kind", "status"))
    assert expected_pairs() <= present, expected_pairs() - present
    assert len(made) == len(SPECS) + 2  # the two parts of the mixed letter
    second = Case.objects.filter(kind="complaint", instance=2)
    assert set(second.values_list("status", flat=True)) == {wf.ACCEPTED, wf.RESOLVED}
    assert all(c.events.filter(action=wf.DIALOGUE).exists() for c in second)


def check_one_overdue_one_extended_and_anonymous_information(demo):
    commune, _resident, _made = demo
    today = timezone.localdate()
    overdue = [
        c
        for c in Case.objects.filter(unit=commune)
        if wf.is_overdue(status=c.status, due_on=c.due_on, today=today)
    ]
    assert sorted((c.kind, c.status) for c in overdue) == [
        ("denunciation", wf.ACCEPTED),
        ("recommendation", wf.RECEIVED),
    ]
    [late] = [c for c in overdue if c.kind == "denunciation"]
    # The province asked for a report and the handler sent it (Law on Denunciations Art. 38).
    assert list(
        late.events.filter(action__in=("report_requested", "overdue_report")).values_list(
            "action", flat=True
        )
    ) == ["report_requested", "overdue_report"]

    extended = Case.objects.get(kind="denunciation", extensions=1)
    assert extended.status == wf.ACCEPTED and extended.due_on >= today
    [row] = extended.extension_rows.all()
    assert row.reason and row.document_id and row.new_due_on == extended.due_on

    information = Case.objects.filter(kind="information")
    assert set(information.values_list("status", flat=True)) == {"received", "checked", "closed"}
    assert all(c.anonymous for c in information)
    assert not CaseParty.objects.filter(case__in=information).exists()
    assert not SealedIdentity.objects.filter(case__in=information).exists()

    # Denouncers are sealed, never on a party row.
    denunciations = Case.objects.filter(kind="denunciation")
    assert not CaseParty.objects.filter(case__in=denunciations, role="sender").exists()
    assert SealedIdentity.objects.filter(case__in=denunciations).count() == denunciations.count()


def check_intake_events_are_dated_on_the_day_of_receipt(demo):
    for case in Case.objects.exclude(received_on=timezone.localdate()).filter(
        parent=None, transferred_from=None
    ):
        received = case.events.get(action="received")
        assert received.on == case.received_on
    # A transferred case is received by the competent unit on the day of the transfer.
    transferred = Case.objects.exclude(transferred_from=None).select_related("transferred_from")
    assert transferred.exists()
    for case in transferred:
        assert case.unit_id == case.transferred_from.transferred_to_id
        assert case.events.get(action="received_by_transfer").on == case.received_on
    past = CaseEvent.objects.exclude(action__in=("received", "rated")).exclude(
        on=timezone.localdate()
    )
    assert past.count() > 30  # the workflow steps keep their own past dates


def check_the_residents_cases_and_rating(demo):
    _commune, resident, _made = demo
    mine = list(own_cases(resident))
    assert len(mine) == 2
    rated = [c for c in mine if c.satisfaction is not None]
    assert [(c.kind, c.status, c.satisfaction) for c in rated] == [("feedback", "answered", 4)]
    assert {c.channel for c in mine} == {"web", "desk"}


def check_the_mixed_letter_is_split(demo):
    letter = Case.objects.get(subject=MIXED_LETTER)
    assert letter.status == "split"
    assert sorted(letter.parts.values_list("kind", flat=True)) == ["complaint", "denunciation"]
    assert not CaseParty.objects.filter(case=letter).exists()  # the letter holds a denunciation


def check_reception_days_bookings_and_logbook(demo):
    commune, resident, _made = demo
    today = timezone.localdate()
    days = ReceptionSchedule.objects.filter(unit=commune, leader_name=CHAIR_NAME)
    [postponed] = days.filter(status=ScheduleStatus.POSTPONED)
    assert postponed.postponement_reason and postponed.postponed_to > today
    # One day a week for the last four weeks (this one included) and the next two, each posted
    # at least 5 working days ahead (the day replacing the postponed one is announced with the
    # postponement).
    published = days.exclude(on=postponed.postponed_to)
    assert all(reception_rules.posted_in_time(d.posted_on, d.on) for d in published)
    this_week = reception_rules.week_start(today)
    weeks_with_work = {
        this_week + timedelta(days=7 * w)
        for w in range(-3, 3)
        if any(is_working_day(this_week + timedelta(days=7 * w + d)) for d in range(5))
    }
    assert {reception_rules.week_start(d.on) for d in days} == weeks_with_work
    moved = days.get(on=postponed.postponed_to, status=ScheduleStatus.PLANNED)
    assert moved.bookings.filter(citizen=resident).exists()
    assert ReceptionBooking.objects.filter(schedule__unit=commune, cancelled=False).count() == 3
    entries = ReceptionEntry.objects.filter(unit=commune)
    assert entries.count() == 3
    converted = entries.get(case__isnull=False)
    assert converted.case.kind == "complaint" and converted.case.status == wf.ACCEPTED
    assert entries.exclude(leader_answer="").count() == 1
    assert entries.filter(handling__contains=reception_rules.REFUSAL_MARK).count() == 1


def test_the_demo_petitions(tree, personas):
    """Built once (the notices are real PDFs, so a build takes a while), checked, built again."""
    resident = make_user(RESIDENT_PHONE, full_name="Nguyễn Văn Dân")
    demo = (tree.commune_a, resident, build_demo_petitions(tree.commune_a))
    check_every_kind_in_every_state(demo)
    check_one_overdue_one_extended_and_anonymous_information(demo)
    check_intake_events_are_dated_on_the_day_of_receipt(demo)
    check_the_residents_cases_and_rating(demo)
    check_the_mixed_letter_is_split(demo)
    check_reception_days_bookings_and_logbook(demo)

    first = _counts()
    assert build_demo_petitions(tree.commune_a) == []
    assert _counts() == first
    assert audit_verify()[1] is None


def test_nothing_without_the_communes_officials(tree):
    assert build_demo_petitions(tree.commune_a) == []
    assert not Case.objects.exists() and not ReceptionSchedule.objects.exists()
