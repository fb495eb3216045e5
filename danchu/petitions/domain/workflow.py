"""The statutory state machines of cases: one per kind, pure (no ORM, no request).

    plan(facts, action, on=day) -> Plan(to_status, due_on, extensions)   # or TransitionError
    allowed_actions(facts) -> tuple of the actions the current state allows

Statuses and transitions (issue #7; LAW.md §4.1–§4.3):

complaint (Law on Complaints 02/2011/QH13)
    received → accepted (Art. 27; then the resolution limit of Art. 28, or Art. 37 in the
    second instance) | not_accepted (Art. 11, reasons in writing) | transferred;
    accepted → dialogue (Arts 30, 39; the status does not change) → resolved (Arts 31, 40;
    a second-instance complaint is resolved only after a dialogue, Art. 39);
    received or accepted → withdrawn (Art. 10, in writing).
denunciation (Law on Denunciations 25/2018/QH14)
    received → accepted (Art. 29; then the limit of Art. 30) | not_accepted (Art. 24(1)) |
    transferred (Art. 24(2), within 5 working days);
    accepted → extended (Art. 30, at most twice, decided before the deadline it extends has
    passed; the status does not change) → concluded
    (Art. 35; then 7 working days to publish, Art. 40(1)) → published;
    received or accepted → withdrawn (Art. 33, in writing, before the conclusion; processing
    may continue when there are signs of a violation, a coerced withdrawal or slander: the
    status then does not change).
petition — feedback and recommendations (Law on Citizen Reception 42/2013/QH13 Art. 28(1))
    received → answered | transferred | not_accepted.
information — an anonymous or unverifiable denunciation (Law on Denunciations Art. 25)
    received → checked → closed.
inadmissible
    received → closed.

A case without the sender's name and address (``anonymous``) is never accepted as a complaint
or a denunciation (Law on Complaints Art. 8; Law on Denunciations Art. 25; R-TC-05): it is
information for management.

``Case.due_on`` holds the next statutory deadline of the current step, computed with
``deadlines.due_date``; a closed case has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from danchu.petitions.domain.deadlines import (
    COMPLAINT,
    DENUNCIATION,
    MAX_DENUNCIATION_EXTENSIONS,
    PETITION,
    denunciation_process_due,
    due_date,
    second_complaint_window_end,
)
from danchu.petitions.domain.intake import inadmissible_problem

# --- statuses ------------------------------------------------------------------------------

RECEIVED = "received"
ACCEPTED = "accepted"
NOT_ACCEPTED = "not_accepted"
TRANSFERRED = "transferred"
RESOLVED = "resolved"
WITHDRAWN = "withdrawn"
CONCLUDED = "concluded"
PUBLISHED = "published"
ANSWERED = "answered"
CHECKED = "checked"
CLOSED = "closed"

STATUSES = (
    RECEIVED,
    ACCEPTED,
    NOT_ACCEPTED,
    TRANSFERRED,
    RESOLVED,
    WITHDRAWN,
    CONCLUDED,
    PUBLISHED,
    ANSWERED,
    CHECKED,
    CLOSED,
)
# Statuses in which a statutory deadline still runs.
OPEN_STATUSES = (RECEIVED, ACCEPTED, CONCLUDED, CHECKED)

# --- actions -------------------------------------------------------------------------------

ACCEPT = "accept"
REFUSE = "refuse"
TRANSFER = "transfer"
DIALOGUE = "dialogue"
RESOLVE = "resolve"
WITHDRAW = "withdraw"
WITHDRAW_CONTINUE = "withdraw_continue"
EXTEND = "extend"
CONCLUDE = "conclude"
PUBLISH = "publish"
ANSWER = "answer"
CHECK = "check"
CLOSE = "close"

ACTIONS = (
    ACCEPT,
    REFUSE,
    TRANSFER,
    DIALOGUE,
    RESOLVE,
    WITHDRAW,
    WITHDRAW_CONTINUE,
    EXTEND,
    CONCLUDE,
    PUBLISH,
    ANSWER,
    CHECK,
    CLOSE,
)

# --- kinds ---------------------------------------------------------------------------------

FEEDBACK = "feedback"
RECOMMENDATION = "recommendation"
INFORMATION = "information"
INADMISSIBLE = "inadmissible"
UNCLASSIFIED = "unclassified"

# Where a deadline starts after a transition: the field of the case facts it counts from.
FROM_RECEIPT = "received_on"
FROM_ACCEPTANCE = "accepted_on"
FROM_CONCLUSION = "concluded_on"


@dataclass(frozen=True)
class Rule:
    """``action`` moves a case from ``source`` to ``target`` (None: the status stays); after it
    the deadline of ``due_step`` (a step of ``deadlines.due_date``) applies, counted from
    ``due_from``; ``due_step`` None clears the deadline; ``KEEP`` leaves it as it is."""

    source: str
    action: str
    target: str | None
    due_step: str | None
    due_from: str | None = None


KEEP = "keep"
# The complaint resolution step depends on the instance; resolved in ``plan``.
COMPLAINT_RESOLUTION = "complaint_resolution"

MACHINES: dict[str, tuple[Rule, ...]] = {
    COMPLAINT: (
        Rule(RECEIVED, ACCEPT, ACCEPTED, COMPLAINT_RESOLUTION, FROM_ACCEPTANCE),
        Rule(RECEIVED, REFUSE, NOT_ACCEPTED, None),
        Rule(RECEIVED, TRANSFER, TRANSFERRED, None),
        Rule(RECEIVED, WITHDRAW, WITHDRAWN, None),
        Rule(ACCEPTED, DIALOGUE, None, KEEP),
        Rule(ACCEPTED, RESOLVE, RESOLVED, None),
        Rule(ACCEPTED, WITHDRAW, WITHDRAWN, None),
    ),
    DENUNCIATION: (
        Rule(RECEIVED, ACCEPT, ACCEPTED, "resolve", FROM_ACCEPTANCE),
        Rule(RECEIVED, REFUSE, NOT_ACCEPTED, None),
        Rule(RECEIVED, TRANSFER, TRANSFERRED, None),
        Rule(RECEIVED, WITHDRAW, WITHDRAWN, None),
        Rule(RECEIVED, WITHDRAW_CONTINUE, None, KEEP),
        Rule(ACCEPTED, EXTEND, None, "resolve", FROM_ACCEPTANCE),
        Rule(ACCEPTED, CONCLUDE, CONCLUDED, "publish_conclusion", FROM_CONCLUSION),
        Rule(ACCEPTED, WITHDRAW, WITHDRAWN, None),
        Rule(ACCEPTED, WITHDRAW_CONTINUE, None, KEEP),
        Rule(CONCLUDED, PUBLISH, PUBLISHED, None),
    ),
    PETITION: (
        Rule(RECEIVED, ANSWER, ANSWERED, None),
        Rule(RECEIVED, TRANSFER, TRANSFERRED, None),
        Rule(RECEIVED, REFUSE, NOT_ACCEPTED, None),
    ),
    INFORMATION: (
        Rule(RECEIVED, CHECK, CHECKED, KEEP),
        Rule(CHECKED, CLOSE, CLOSED, None),
    ),
    INADMISSIBLE: (Rule(RECEIVED, CLOSE, CLOSED, None),),
}


def machine_of(kind: str) -> str:
    """The state machine of a case kind: feedback and recommendations share the petition's."""
    if kind in (FEEDBACK, RECOMMENDATION):
        return PETITION
    return kind


class TransitionError(ValueError):
    """A transition the state machine forbids. ``code`` names why, for the caller's message:
    unclassified, not_allowed, closed, extensions_exhausted, extension_late, dialogue_required,
    withdrawn, no_acceptance, date_before, anonymous."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CaseFacts:
    """What the state machine needs to know about a case."""

    kind: str
    status: str
    received_on: date
    accepted_on: date | None = None
    concluded_on: date | None = None
    due_on: date | None = None
    instance: int = 1
    complex: bool = False
    remote: bool = False
    extensions: int = 0
    dialogues: int = 0
    anonymous: bool = False
    multi_location: bool = False


@dataclass(frozen=True)
class Plan:
    """The result of an allowed transition."""

    action: str
    from_status: str
    to_status: str
    due_on: date | None
    extensions: int
    accepted_on: date | None
    concluded_on: date | None


def _rule(facts: CaseFacts, action: str) -> Rule:
    machine = MACHINES.get(machine_of(facts.kind))
    if machine is None:
        raise TransitionError("unclassified", f"kind {facts.kind!r} has no workflow")
    for rule in machine:
        if rule.source == facts.status and rule.action == action:
            return rule
    if facts.status == WITHDRAWN:
        raise TransitionError("withdrawn", f"{action} on a withdrawn case")
    if not any(rule.source == facts.status for rule in machine):
        raise TransitionError("closed", f"{action} on a {facts.status} case")
    if facts.status == RECEIVED and any(
        rule.source == ACCEPTED and rule.action == action for rule in machine
    ):
        raise TransitionError("no_acceptance", f"{action} before acceptance")
    raise TransitionError("not_allowed", f"{action} from {facts.status}")


def _guard(facts: CaseFacts, action: str) -> None:
    machine = machine_of(facts.kind)
    if action == EXTEND and facts.extensions >= MAX_DENUNCIATION_EXTENSIONS:
        raise TransitionError("extensions_exhausted", f"already {facts.extensions} extensions")
    if machine == COMPLAINT and action == RESOLVE and facts.instance >= 2 and not facts.dialogues:
        # Law on Complaints Art. 39: the second-instance resolver always holds a dialogue.
        raise TransitionError("dialogue_required", "second instance without a dialogue")
    if action == ACCEPT and facts.anonymous and machine in (COMPLAINT, DENUNCIATION):
        # Law on Complaints Art. 8; Law on Denunciations Art. 25: information at most.
        raise TransitionError("anonymous", "no name and address: not a complaint or denunciation")


def complaint_resolution_step(instance: int) -> str:
    """Art. 28 (first instance) or Art. 37 (second instance)."""
    return "resolve_first" if instance <= 1 else "resolve_second"


def plan(facts: CaseFacts, action: str, *, on: date) -> Plan:
    """What ``action`` on ``on`` does to a case with ``facts``; raises TransitionError if the
    state machine forbids it."""
    if action not in ACTIONS:
        raise TransitionError("not_allowed", f"unknown action {action!r}")
    rule = _rule(facts, action)
    _guard(facts, action)
    if on < facts.received_on:
        raise TransitionError("date_before", "a step cannot precede the receipt")
    if facts.accepted_on and on < facts.accepted_on and action != WITHDRAW:
        raise TransitionError("date_before", "a step cannot precede the acceptance")
    if action == EXTEND and facts.due_on is not None and on > facts.due_on:
        # Law on Denunciations Art. 30: the resolution time is extended while it runs; once it
        # has passed the case is overdue (and escalated), not extended.
        raise TransitionError("extension_late", "the deadline to extend has passed")
    machine = machine_of(facts.kind)
    accepted_on = on if action == ACCEPT else facts.accepted_on
    concluded_on = on if action == CONCLUDE else facts.concluded_on
    extensions = facts.extensions + 1 if action == EXTEND else facts.extensions
    to_status = rule.target or facts.status
    if rule.due_step is None:
        due_on = None
    elif rule.due_step == KEEP:
        due_on = facts.due_on
    else:
        starts = {
            FROM_RECEIPT: facts.received_on,
            FROM_ACCEPTANCE: accepted_on,
            FROM_CONCLUSION: concluded_on,
        }[rule.due_from or FROM_RECEIPT]
        if machine == COMPLAINT:
            due_on = due_date(
                COMPLAINT,
                complaint_resolution_step(facts.instance),
                starts,
                complex=facts.complex,
                remote=facts.remote,
            )
        elif rule.due_step == "resolve":
            due_on = due_date(DENUNCIATION, "resolve", starts, extensions=extensions)
        else:
            due_on = due_date(machine, rule.due_step, starts)
    return Plan(
        action=action,
        from_status=facts.status,
        to_status=to_status,
        due_on=due_on,
        extensions=extensions,
        accepted_on=accepted_on,
        concluded_on=concluded_on,
    )


# Grounds for not accepting a complaint that the case's own facts must bear out, mapped to the
# reasons of ``domain.intake.inadmissible_problem`` so that refusing and classifying apply the
# same checks (Law on Complaints Arts 9, 11(5), 11(6); R-KN-01, R-KN-09).
COMPLAINT_GROUND_REASONS = {"unsigned": "kn_unsigned", "time_barred": "kn_time_barred"}


def complaint_grounds_problem(
    grounds: Iterable[str],
    *,
    signed: bool,
    decision_known_on: date | None,
    received_on: date,
    instance: int = 1,
    remote: bool = False,
    first_known_on: date | None = None,
) -> str:
    """ "" when the case's facts bear out every ground; otherwise "signed" (an unsigned-letter
    ground on a signed letter) or "not_time_barred" (a time-bar ground within the 90 days of
    Art. 9 — for a second complaint, within the 30 or 45 days of Art. 33 counted from
    ``first_known_on`` — or without the date they are counted from)."""
    for ground in grounds:
        reason = COMPLAINT_GROUND_REASONS.get(ground)
        if reason is None:
            continue
        if ground == "time_barred" and instance >= 2:
            if not second_complaint_late(first_known_on, received_on, remote=remote):
                return "not_time_barred"
            continue
        code = inadmissible_problem(
            reason, signed=signed, decision_known_on=decision_known_on, received_on=received_on
        )
        if code:
            return code
    return ""


def second_complaint_late(
    first_known_on: date | None, received_on: date, *, remote: bool = False
) -> bool:
    """Whether a second complaint received on ``received_on`` came after the window of Law on
    Complaints Art. 33(1), counted from ``first_known_on`` (the first decision received, or the
    first-instance limit lapsed); False without that date (nothing to count from)."""
    if first_known_on is None:
        return False
    return received_on > second_complaint_window_end(first_known_on, remote=remote)


def allowed_actions(facts: CaseFacts) -> tuple[str, ...]:
    """The actions the state machine allows now, in the table's order."""
    machine = MACHINES.get(machine_of(facts.kind), ())
    allowed = []
    for rule in machine:
        if rule.source != facts.status:
            continue
        try:
            _guard(facts, rule.action)
        except TransitionError:
            continue
        allowed.append(rule.action)
    return tuple(allowed)


def receipt_due(kind: str, received_on: date, *, multi_location: bool = False) -> date | None:
    """The deadline of the first step after receipt: accepting a complaint (Law on Complaints
    Art. 27), processing a denunciation (Law on Denunciations Art. 24(1): 7 working days, 10
    when it is verified at several places), answering feedback or a recommendation (Law on
    Citizen Reception Art. 28(1)); none for the other kinds."""
    machine = machine_of(kind)
    if machine == COMPLAINT:
        return due_date(COMPLAINT, "accept", received_on)
    if machine == DENUNCIATION:
        return denunciation_process_due(received_on, multi_location=multi_location)
    if machine == PETITION:
        return due_date(PETITION, "answer", received_on)
    return None


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_overdue(*, status: str, due_on: date | None, today: date) -> bool:
    """A case whose current step's deadline has passed (the last day itself is still on time,
    Civil Code Art. 148(1))."""
    return is_open(status) and due_on is not None and due_on < today


# --- timeliness, for statistics --------------------------------------------------------------

ON_TIME = "on_time"
LATE = "late"
PENDING = "pending"
OVERDUE = "overdue"


def _checks(facts: CaseFacts, closed_on: date | None) -> list[tuple[date, date]]:
    """(the day a step was done, its deadline) for every statutory step the case went through."""
    machine = machine_of(facts.kind)
    checks: list[tuple[date, date]] = []
    first_due = receipt_due(facts.kind, facts.received_on, multi_location=facts.multi_location)
    if machine == PETITION:
        if closed_on and first_due:
            checks.append((closed_on, first_due))
        return checks
    if machine not in (COMPLAINT, DENUNCIATION) or first_due is None:
        return checks
    if facts.accepted_on:
        checks.append((facts.accepted_on, first_due))
    elif closed_on and facts.status in (NOT_ACCEPTED, TRANSFERRED):
        checks.append((closed_on, first_due))
    if machine == COMPLAINT and facts.accepted_on and facts.concluded_on:
        due = due_date(
            COMPLAINT,
            complaint_resolution_step(facts.instance),
            facts.accepted_on,
            complex=facts.complex,
            remote=facts.remote,
        )
        checks.append((facts.concluded_on, due))
    if machine == DENUNCIATION and facts.accepted_on and facts.concluded_on:
        due = due_date(DENUNCIATION, "resolve", facts.accepted_on, extensions=facts.extensions)
        checks.append((facts.concluded_on, due))
        if facts.status == PUBLISHED and closed_on:
            checks.append(
                (closed_on, due_date(DENUNCIATION, "publish_conclusion", facts.concluded_on))
            )
    return checks


def timeliness(facts: CaseFacts, *, closed_on: date | None, today: date) -> str:
    """How a case kept its statutory limits: ``pending`` (open, within its deadline),
    ``overdue`` (open, past it), ``late`` (a finished step was done after its deadline) or
    ``on_time``. ``closed_on`` is the day of the step that closed the case (not of a later
    event such as the resident's rating). Kinds without a statutory limit
    (information, not admissible) are on time once closed."""
    if any(done > due for done, due in _checks(facts, closed_on)):
        return LATE
    if is_open(facts.status):
        return (
            OVERDUE
            if is_overdue(status=facts.status, due_on=facts.due_on, today=today)
            else PENDING
        )
    return ON_TIME
