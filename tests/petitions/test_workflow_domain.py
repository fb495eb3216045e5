"""The state machines of domain/workflow.py, as tables (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.petitions.domain import workflow as wf
from danchu.petitions.domain.deadlines import due_date

pytestmark = pytest.mark.django_db  # the working-day calendar reads its adjustments


def later(*args, **kwargs):
    """A due date computed when the test runs (the calendar needs the database)."""
    return lambda: due_date(*args, **kwargs)


def resolved(value):
    return value() if callable(value) else value


RECEIVED_ON = date(2026, 3, 2)  # a Monday
ON = date(2026, 3, 9)


def facts(kind: str, status: str, **extra) -> wf.CaseFacts:
    return wf.CaseFacts(kind=kind, status=status, received_on=RECEIVED_ON, **extra)


ALLOWED = [
    # kind, status, action, to_status
    ("complaint", "received", "accept", "accepted"),
    ("complaint", "received", "refuse", "not_accepted"),
    ("complaint", "received", "transfer", "transferred"),
    ("complaint", "received", "withdraw", "withdrawn"),
    ("complaint", "accepted", "dialogue", "accepted"),
    ("complaint", "accepted", "resolve", "resolved"),
    ("complaint", "accepted", "withdraw", "withdrawn"),
    ("denunciation", "received", "accept", "accepted"),
    ("denunciation", "received", "refuse", "not_accepted"),
    ("denunciation", "received", "transfer", "transferred"),
    ("denunciation", "received", "withdraw", "withdrawn"),
    ("denunciation", "received", "withdraw_continue", "received"),
    ("denunciation", "accepted", "extend", "accepted"),
    ("denunciation", "accepted", "conclude", "concluded"),
    ("denunciation", "accepted", "withdraw", "withdrawn"),
    ("denunciation", "accepted", "withdraw_continue", "accepted"),
    ("denunciation", "concluded", "publish", "published"),
    ("feedback", "received", "answer", "answered"),
    ("recommendation", "received", "answer", "answered"),
    ("feedback", "received", "transfer", "transferred"),
    ("recommendation", "received", "refuse", "not_accepted"),
    ("information", "received", "check", "checked"),
    ("information", "checked", "close", "closed"),
    ("inadmissible", "received", "close", "closed"),
]


@pytest.mark.parametrize(("kind", "status", "action", "to_status"), ALLOWED)
def test_allowed_transitions(kind, status, action, to_status):
    extra = {"accepted_on": RECEIVED_ON} if status != "received" else {}
    if status == "concluded":
        extra["concluded_on"] = RECEIVED_ON
    result = wf.plan(facts(kind, status, **extra), action, on=ON)
    assert result.to_status == to_status
    assert action in wf.allowed_actions(facts(kind, status, **extra))


FORBIDDEN = [
    # kind, status, action, code, extra facts
    ("complaint", "received", "resolve", "no_acceptance", {}),
    ("complaint", "received", "dialogue", "no_acceptance", {}),
    ("complaint", "accepted", "accept", "not_allowed", {}),
    ("complaint", "resolved", "resolve", "closed", {}),
    ("complaint", "withdrawn", "resolve", "withdrawn", {}),
    ("complaint", "accepted", "extend", "not_allowed", {}),
    ("complaint", "accepted", "resolve", "dialogue_required", {"instance": 2}),
    ("complaint", "accepted", "withdraw_continue", "not_allowed", {}),
    ("denunciation", "received", "conclude", "no_acceptance", {}),
    ("denunciation", "received", "extend", "no_acceptance", {}),
    ("denunciation", "accepted", "extend", "extensions_exhausted", {"extensions": 2}),
    ("denunciation", "withdrawn", "conclude", "withdrawn", {}),
    ("denunciation", "accepted", "publish", "not_allowed", {}),
    ("denunciation", "concluded", "withdraw", "not_allowed", {}),
    ("denunciation", "published", "publish", "closed", {}),
    ("feedback", "received", "accept", "not_allowed", {}),
    ("feedback", "answered", "answer", "closed", {}),
    ("information", "received", "close", "not_allowed", {}),
    ("information", "received", "accept", "not_allowed", {}),
    ("inadmissible", "received", "accept", "not_allowed", {}),
    ("unclassified", "received", "accept", "unclassified", {}),
    ("complaint", "received", "fly", "not_allowed", {}),
]


@pytest.mark.parametrize(("kind", "status", "action", "code", "extra"), FORBIDDEN)
def test_forbidden_transitions(kind, status, action, code, extra):
    with pytest.raises(wf.TransitionError) as caught:
        wf.plan(facts(kind, status, **extra), action, on=ON)
    assert caught.value.code == code
    assert action not in wf.allowed_actions(facts(kind, status, **extra))


def test_a_third_extension_is_forbidden_but_the_second_is_allowed():
    second = wf.plan(
        facts("denunciation", "accepted", accepted_on=ON, extensions=1), "extend", on=ON
    )
    assert second.extensions == 2
    assert second.due_on == due_date("denunciation", "resolve", ON, extensions=2)
    with pytest.raises(wf.TransitionError, match="extensions_exhausted"):
        wf.plan(facts("denunciation", "accepted", accepted_on=ON, extensions=2), "extend", on=ON)


def test_second_instance_complaint_resolves_after_a_dialogue():
    result = wf.plan(
        facts("complaint", "accepted", accepted_on=ON, instance=2, dialogues=1), "resolve", on=ON
    )
    assert result.to_status == "resolved"
    assert result.due_on is None


DUE_AFTER = [
    # kind, status, action, extra, expected due
    ("complaint", "received", "accept", {}, later("complaint", "resolve_first", ON)),
    (
        "complaint",
        "received",
        "accept",
        {"complex": True, "remote": True},
        later("complaint", "resolve_first", ON, complex=True, remote=True),
    ),
    (
        "complaint",
        "received",
        "accept",
        {"instance": 2, "remote": True},
        later("complaint", "resolve_second", ON, remote=True),
    ),
    ("denunciation", "received", "accept", {}, later("denunciation", "resolve", ON)),
    (
        "denunciation",
        "accepted",
        "extend",
        {"accepted_on": RECEIVED_ON},
        later("denunciation", "resolve", RECEIVED_ON, extensions=1),
    ),
    (
        "denunciation",
        "accepted",
        "conclude",
        {"accepted_on": RECEIVED_ON},
        later("denunciation", "publish_conclusion", ON),
    ),
    ("denunciation", "concluded", "publish", {"concluded_on": ON}, None),
    ("complaint", "accepted", "resolve", {"accepted_on": ON}, None),
    ("feedback", "received", "answer", {}, None),
    (
        "complaint",
        "accepted",
        "dialogue",
        {"accepted_on": ON, "due_on": date(2026, 4, 8)},
        date(2026, 4, 8),
    ),
]


@pytest.mark.parametrize(("kind", "status", "action", "extra", "due"), DUE_AFTER)
def test_the_deadline_after_each_transition(kind, status, action, extra, due):
    assert wf.plan(facts(kind, status, **extra), action, on=ON).due_on == resolved(due)


def test_a_step_cannot_precede_the_receipt_or_the_acceptance():
    with pytest.raises(wf.TransitionError, match="date_before"):
        wf.plan(facts("complaint", "received"), "accept", on=date(2026, 3, 1))
    with pytest.raises(wf.TransitionError, match="date_before"):
        wf.plan(facts("complaint", "accepted", accepted_on=ON), "resolve", on=date(2026, 3, 5))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("complaint", later("complaint", "accept", RECEIVED_ON)),
        ("denunciation", later("denunciation", "process", RECEIVED_ON)),
        ("feedback", later("petition", "answer", RECEIVED_ON)),
        ("recommendation", later("petition", "answer", RECEIVED_ON)),
        ("information", None),
        ("inadmissible", None),
    ],
)
def test_receipt_due(kind, expected):
    assert wf.receipt_due(kind, RECEIVED_ON) == resolved(expected)


TIMELINESS = [
    # facts extra, closed_on, today, expected
    ({"kind": "feedback", "status": "answered"}, date(2026, 3, 10), ON, wf.ON_TIME),
    ({"kind": "feedback", "status": "answered"}, date(2026, 3, 20), ON, wf.LATE),
    (
        {"kind": "feedback", "status": "received", "due_on": date(2026, 3, 16)},
        None,
        date(2026, 3, 16),
        wf.PENDING,
    ),
    (
        {"kind": "feedback", "status": "received", "due_on": date(2026, 3, 16)},
        None,
        date(2026, 3, 17),
        wf.OVERDUE,
    ),
    (
        {
            "kind": "complaint",
            "status": "resolved",
            "accepted_on": date(2026, 3, 3),
            "concluded_on": date(2026, 4, 20),
        },
        date(2026, 4, 20),
        date(2026, 5, 1),
        wf.LATE,
    ),
    (
        {
            "kind": "denunciation",
            "status": "published",
            "accepted_on": date(2026, 3, 3),
            "concluded_on": date(2026, 3, 20),
        },
        date(2026, 3, 23),
        date(2026, 5, 1),
        wf.ON_TIME,
    ),
    (
        {"kind": "complaint", "status": "accepted", "accepted_on": date(2026, 3, 30)},
        None,
        date(2026, 3, 31),
        wf.LATE,
    ),
    ({"kind": "information", "status": "closed"}, date(2026, 9, 1), ON, wf.ON_TIME),
]


@pytest.mark.parametrize(("extra", "closed_on", "today", "expected"), TIMELINESS)
def test_timeliness(extra, closed_on, today, expected):
    case = wf.CaseFacts(received_on=RECEIVED_ON, **extra)
    assert wf.timeliness(case, closed_on=closed_on, today=today) == expected


# --- issue #7 review ---------------------------------------------------------------------------


def test_an_extension_is_decided_before_the_deadline_it_extends():
    due = date(2026, 4, 20)
    accepted = facts("denunciation", "accepted", accepted_on=ON, due_on=due)
    assert wf.plan(accepted, "extend", on=due).extensions == 1  # the last day itself
    with pytest.raises(wf.TransitionError) as caught:
        wf.plan(accepted, "extend", on=date(2026, 4, 21))
    assert caught.value.code == "extension_late"


@pytest.mark.parametrize("kind", ["complaint", "denunciation"])
def test_an_anonymous_case_is_not_accepted_as_a_complaint_or_denunciation(kind):
    anonymous = facts(kind, "received", anonymous=True)
    with pytest.raises(wf.TransitionError) as caught:
        wf.plan(anonymous, "accept", on=ON)
    assert caught.value.code == "anonymous"
    assert "accept" not in wf.allowed_actions(anonymous)
    assert wf.plan(facts(kind, "received"), "accept", on=ON).to_status == "accepted"


@pytest.mark.parametrize(
    ("grounds", "signed", "known_on", "problem"),
    [
        (["unsigned"], True, None, "signed"),
        (["unsigned"], False, None, ""),
        (["time_barred"], False, date(2026, 1, 5), "not_time_barred"),  # 56 days before
        (["time_barred"], False, None, "not_time_barred"),
        (["time_barred"], True, date(2025, 11, 1), ""),  # 121 days before
        (["internal", "court"], True, None, ""),
    ],
)
def test_complaint_grounds_are_borne_out_by_the_case(grounds, signed, known_on, problem):
    assert (
        wf.complaint_grounds_problem(
            grounds, signed=signed, decision_known_on=known_on, received_on=RECEIVED_ON
        )
        == problem
    )
