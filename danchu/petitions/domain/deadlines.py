"""Statutory time limits of petitions, complaints and denunciations — a public API, checked from
outside the project: keep the names and meanings.

    due_date(kind, step, start, *, complex=False, remote=False, extensions=0) -> date

kind "complaint" (Law on Complaints 02/2011/QH13):
    "accept"          from receipt: 10 working days (Art. 27; Art. 36 in the second instance;
                      counted in working days by
                      Thông tư 07/2013/TT-TTCP Art. 5(1) as amended by Thông tư 02/2016/TT-TTCP)
    "resolve_first"   from acceptance: 30 days; complex 45; remote 45; remote and complex 60
                      (Art. 28)
    "resolve_second"  from acceptance: 45 days; complex 60; remote 60; remote and complex 70
                      (Art. 37)
kind "denunciation" (Law on Denunciations 25/2018/QH14):
    "process"             from receipt: 7 working days (Art. 24(1))
    "resolve"             from acceptance: 30 days, plus 30 days for each extension, at most two
                          (Art. 30)
    "publish_conclusion"  from the conclusion: 7 working days (Art. 40(1))
kind "petition" (feedback and recommendations; Law on Citizen Reception 42/2013/QH13):
    "answer"          from receipt: 10 working days (Art. 28(1))

Plain-day limits follow Civil Code Arts 147–148 through ``core.calendar.deadline``: the day of
the event is not counted, and a last day that falls on a day off moves to the next working day.
Invalid combinations raise ValueError: an unknown kind or step; ``complex`` or ``remote`` on a
step whose limit they do not change (``complex`` applies to the complaint resolution steps and
is accepted on a denunciation's resolution, whose complexity is expressed by its extensions;
``remote`` applies only to the complaint resolution steps); extensions anywhere but a
denunciation's resolution, negative, or more than two.

These are the base laws' numbers. Law 136/2025/QH15 (in force 1/7/2026) amended the complaint,
denunciation and reception laws and has not been read (LAW.md §4): the numbers are kept in the
table below, in one place, for when its text is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from danchu.core.calendar import deadline

COMPLAINT = "complaint"
DENUNCIATION = "denunciation"
PETITION = "petition"
KINDS = (COMPLAINT, DENUNCIATION, PETITION)

DAYS = "days"
WORKING_DAYS = "working_days"
MAX_DENUNCIATION_EXTENSIONS = 2  # Art. 30: at most two extensions of at most 30 days each
DENUNCIATION_EXTENSION_DAYS = 30


@dataclass(frozen=True)
class Limit:
    """The number of ``unit`` for a normal, complex, remote, or remote and complex case; None
    where that circumstance does not change the step's limit."""

    unit: str
    normal: int
    complex: int | None = None
    remote: int | None = None
    remote_complex: int | None = None
    extensible: bool = False


LIMITS: dict[tuple[str, str], Limit] = {
    (COMPLAINT, "accept"): Limit(WORKING_DAYS, 10),
    (COMPLAINT, "resolve_first"): Limit(DAYS, 30, complex=45, remote=45, remote_complex=60),
    (COMPLAINT, "resolve_second"): Limit(DAYS, 45, complex=60, remote=60, remote_complex=70),
    (DENUNCIATION, "process"): Limit(WORKING_DAYS, 7),
    (DENUNCIATION, "resolve"): Limit(DAYS, 30, complex=30, extensible=True),
    (DENUNCIATION, "publish_conclusion"): Limit(WORKING_DAYS, 7),
    (PETITION, "answer"): Limit(WORKING_DAYS, 10),
}


def steps(kind: str) -> tuple[str, ...]:
    return tuple(step for (k, step) in LIMITS if k == kind)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


def due_date(
    kind: str,
    step: str,
    start: date,
    *,
    complex: bool = False,
    remote: bool = False,
    extensions: int = 0,
) -> date:
    """The last day of ``step`` of a case of ``kind`` whose limit starts with ``start``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    limit = LIMITS.get((kind, step))
    if limit is None:
        raise ValueError(
            f"unknown step {step!r} for {kind!r}; expected one of {', '.join(steps(kind))}"
        )
    if isinstance(start, datetime) or not isinstance(start, date):
        raise ValueError(f"start must be a date (not a date and time), got {start!r}")
    complex_case = _flag("complex", complex)
    remote_area = _flag("remote", remote)
    if isinstance(extensions, bool) or not isinstance(extensions, int):
        raise ValueError(f"extensions must be a whole number, got {extensions!r}")
    if complex_case and limit.complex is None:
        raise ValueError(f"complexity does not change the limit of {kind} {step!r}")
    if remote_area and limit.remote is None:
        raise ValueError(f"a remote area does not change the limit of {kind} {step!r}")
    if extensions and not limit.extensible:
        raise ValueError(f"{kind} {step!r} cannot be extended")
    if not 0 <= extensions <= MAX_DENUNCIATION_EXTENSIONS:
        raise ValueError(
            f"a denunciation is extended at most {MAX_DENUNCIATION_EXTENSIONS} times, "
            f"got {extensions}"
        )
    if complex_case and remote_area:
        days = limit.remote_complex
    elif complex_case:
        days = limit.complex
    elif remote_area:
        days = limit.remote
    else:
        days = limit.normal
    if days is None:
        raise ValueError(f"no limit for {kind} {step!r} in a remote area that is also complex")
    days += extensions * DENUNCIATION_EXTENSION_DAYS
    return deadline(start, days, limit.unit)


# --- limits beside ``due_date`` ----------------------------------------------------------------
# Not part of the public ``due_date`` contract above; kept here so that every number of these
# laws lives in one module.

# Law on Denunciations Art. 24(1): processing may take up to 10 working days when the
# denunciation must be verified at several places or by delegation.
DENUNCIATION_MULTI_LOCATION_WORKING_DAYS = 10
# Art. 24(2): a denunciation outside the body's competence is transferred within 5 working days.
DENUNCIATION_TRANSFER_WORKING_DAYS = 5
# Art. 38(1)–(2): an overdue denunciation — the superior asks for a report, and the resolver
# reports, each within 5 working days.
OVERDUE_REPORT_WORKING_DAYS = 5
# Law on Complaints Art. 33: a second complaint within 30 days (remote areas 45) of receiving
# the first decision or of the lapse of the first-instance limit.
# Law on Complaints Art. 32: the first decision is sent within 3 working days; Art. 41: the
# second within 7 days.
FIRST_DECISION_SEND_WORKING_DAYS = 3
SECOND_DECISION_SEND_DAYS = 7
SECOND_COMPLAINT_DAYS = 30
SECOND_COMPLAINT_REMOTE_DAYS = 45


def denunciation_process_due(received_on: date, *, multi_location: bool = False) -> date:
    """The processing limit of a denunciation (Law on Denunciations Art. 24(1)): 7 working days
    from receipt, or 10 when it must be verified at several places or by delegation."""
    if not multi_location:
        return due_date(DENUNCIATION, "process", received_on)
    return deadline(received_on, DENUNCIATION_MULTI_LOCATION_WORKING_DAYS, WORKING_DAYS)


def denunciation_transfer_due(received_on: date) -> date:
    """The last day to transfer a denunciation to the competent body (Art. 24(2))."""
    return deadline(received_on, DENUNCIATION_TRANSFER_WORKING_DAYS, WORKING_DAYS)


def overdue_report_due(asked_on: date) -> date:
    """The last day of the report on an overdue denunciation (Art. 38(2))."""
    return deadline(asked_on, OVERDUE_REPORT_WORKING_DAYS, WORKING_DAYS)


def second_complaint_window_end(first_known_on: date, *, remote: bool = False) -> date:
    """The last day to make a second complaint (Law on Complaints Art. 33(1)): 30 days (45 in a
    remote or hard-to-reach area) from the day the first decision was received, or from the
    lapse of the first-instance limit without a decision. Plain days (Civil Code Arts 147–148)."""
    days = SECOND_COMPLAINT_REMOTE_DAYS if remote else SECOND_COMPLAINT_DAYS
    return deadline(first_known_on, days, DAYS)


def decision_send_due(decided_on: date, *, instance: int) -> date:
    """The last day to send a complaint decision to the parties: 3 working days for the first
    (Law on Complaints Art. 32), 7 days for the second (Art. 41(1)); R-KN-07."""
    if instance <= 1:
        return deadline(decided_on, FIRST_DECISION_SEND_WORKING_DAYS, WORKING_DAYS)
    return deadline(decided_on, SECOND_DECISION_SEND_DAYS, DAYS)
