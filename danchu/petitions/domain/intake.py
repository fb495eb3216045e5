"""Pure rules of intake and classification (no database).

- Group representatives (Law on Citizen Reception 42/2013/QH13 Art. 29; Law on Complaints Art.
  8(4): representatives must themselves be among the complainants).
- The complaint time bar: 90 days from receiving or learning of the decision or act (Law on
  Complaints 02/2011/QH13 Art. 9; R-KN-01), counted by Civil Code Arts 147–148.
- The closed list of reasons a case is not admissible: Law on Complaints Art. 11 (nine cases;
  R-KN-09 for an unsigned letter) and Law on Denunciations Art. 25 (anonymous or unverifiable
  denunciations, R-TC-05).
- The first statutory step of each kind, for ``due_date``.
- Text similarity for duplicate detection.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.utils.translation import gettext_lazy as _

from danchu.common.text import fold
from danchu.core.calendar import add_working_days, deadline

# --- group representatives (Art. 29) ---------------------------------------------------------

GROUP_THRESHOLD = 5  # Art. 29(2) sets numbers from 5 people on
SMALL_GROUP_MAX = 10
SMALL_GROUP_REPRESENTATIVES = (1, 2)
LARGE_GROUP_MAX_REPRESENTATIVES = 5


def representatives_range(group_size: int) -> tuple[int, int]:
    """(fewest, most) representatives a group of ``group_size`` people appoints.

    Art. 29(2): 5–10 people appoint 1 or 2; more than 10 may appoint more, at most 5. The law
    sets no number below 5 people: each may speak for themselves, so none is required, and
    those named are at most the people of the group (and, as always, among them)."""
    if group_size < 1:
        raise ValueError("a group has at least one person")
    if group_size < GROUP_THRESHOLD:
        return (0, group_size if group_size > 1 else 0)
    if group_size <= SMALL_GROUP_MAX:
        return SMALL_GROUP_REPRESENTATIVES
    return (1, LARGE_GROUP_MAX_REPRESENTATIVES)


def representatives_problem(group_size: int, count: int, *, all_in_group: bool = True) -> str:
    """ "" when ``count`` representatives fit Art. 29 for ``group_size`` people; otherwise
    "group_size", "too_few", "too_many" or "not_in_group"."""
    if group_size < 1:
        return "group_size"
    low, high = representatives_range(group_size)
    if count < low:
        return "too_few"
    if count > high:
        return "too_many"
    if count and not all_in_group:
        return "not_in_group"
    return ""


# --- time bar (Law on Complaints Art. 9) -----------------------------------------------------

COMPLAINT_TIME_BAR_DAYS = 90


def time_bar_ends(known_on: date, *, excluded_days: int = 0) -> date:
    """The last day to complain about a decision received or learned of on ``known_on``;
    ``excluded_days`` adds back time lost to an objective obstacle (illness, disaster, …)."""
    return deadline(known_on, COMPLAINT_TIME_BAR_DAYS + max(0, excluded_days), "days")


def is_time_barred(known_on: date | None, received_on: date, *, excluded_days: int = 0) -> bool:
    """True when the complaint came after the 90-day time bar; unknown date: not barred."""
    if known_on is None:
        return False
    return received_on > time_bar_ends(known_on, excluded_days=excluded_days)


# --- not admissible: the law's closed list -------------------------------------------------

INADMISSIBLE_REASONS: dict[str, object] = {
    # Law on Complaints Art. 11
    "kn_internal_act": _("Internal or directive act of the body (Law on Complaints Art. 11(1))"),
    "kn_no_direct_impact": _(
        "The decision or act does not directly affect the complainant (Art. 11(2))"
    ),
    "kn_no_capacity": _(
        "The complainant lacks full civil capacity and has no legal representative (Art. 11(3))"
    ),
    "kn_illegal_representative": _("The representative is not lawful (Art. 11(4))"),
    "kn_unsigned": _("The letter is not signed or fingerprinted (Art. 11(5))"),
    "kn_time_barred": _("The 90-day time bar has passed without a good reason (Art. 11(6))"),
    "kn_second_decision": _("A second-instance decision already exists (Art. 11(7))"),
    "kn_suspended": _(
        "Resolution was suspended and not resumed within 30 days of the notice (Art. 11(8))"
    ),
    "kn_court": _("A court has accepted or decided the matter (Art. 11(9))"),
    # Law on Denunciations Art. 25(1)
    "tc_no_name_address": _(
        "The denunciation does not state the denouncer's name and address (Law on "
        "Denunciations Art. 25)"
    ),
    "tc_unidentifiable": _("The denouncer cannot be identified (Art. 25)"),
    "tc_false_name": _("The denunciation uses another person's name (Art. 25)"),
    "tc_wrong_form": _("The denunciation was not made in writing or in person (Art. 25)"),
}
COMPLAINT_REASONS = tuple(r for r in INADMISSIBLE_REASONS if r.startswith("kn_"))
DENUNCIATION_REASONS = tuple(r for r in INADMISSIBLE_REASONS if r.startswith("tc_"))


def inadmissible_problem(
    reason: str,
    *,
    signed: bool,
    decision_known_on: date | None,
    received_on: date,
) -> str:
    """ "" when ``reason`` may be recorded; "reason" when it is not one of the law's, "signed"
    for an unsigned-letter reason on a signed letter, "not_time_barred" for a time-bar reason on
    a case still within the 90 days (or without the date it is counted from)."""
    if reason not in INADMISSIBLE_REASONS:
        return "reason"
    if reason == "kn_unsigned" and signed:
        return "signed"
    if reason == "kn_time_barred" and not is_time_barred(decision_known_on, received_on):
        return "not_time_barred"
    return ""


# --- kinds and their first statutory step ----------------------------------------------------

UNCLASSIFIED = "unclassified"
FEEDBACK = "feedback"
RECOMMENDATION = "recommendation"
COMPLAINT = "complaint"
DENUNCIATION = "denunciation"
INFORMATION = "information"
INADMISSIBLE = "inadmissible"
HINTS = (FEEDBACK, RECOMMENDATION, COMPLAINT, DENUNCIATION)
CLASSES = (FEEDBACK, RECOMMENDATION, COMPLAINT, DENUNCIATION, INFORMATION, INADMISSIBLE)
UNCLASSIFIED_WORKING_DAYS = 7  # the shortest first step (denunciation, Art. 24(1))

# (kind of due_date, step) of the first step after receipt.
FIRST_STEP: dict[str, tuple[str, str]] = {
    FEEDBACK: ("petition", "answer"),  # Law on Citizen Reception Art. 28(1)
    RECOMMENDATION: ("petition", "answer"),
    COMPLAINT: ("complaint", "accept"),  # Law on Complaints Art. 27
    DENUNCIATION: ("denunciation", "process"),  # Law on Denunciations Art. 24(1)
    # Art. 25: checked for management within the initial-processing time of a denunciation.
    INFORMATION: ("denunciation", "process"),
    # The refusal is answered within the Art. 28(1) time of the Law on Citizen Reception.
    INADMISSIBLE: ("petition", "answer"),
}


def first_due(kind: str, received_on: date) -> date:
    """The deadline of the first step of a case of ``kind`` received on ``received_on``."""
    from danchu.petitions.domain.deadlines import due_date

    if kind == UNCLASSIFIED or kind == "":
        return add_working_days(received_on, UNCLASSIFIED_WORKING_DAYS)
    due_kind, step = FIRST_STEP[kind]
    return due_date(due_kind, step, received_on)


# --- tracking codes -------------------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_tracking_code(year: int) -> str:
    """ "DT26-K7QX-M3ZD": the year and eight random characters (32**8 codes a year), so that a
    code — the only key to the public tracking page — cannot be guessed; 14 characters."""
    random = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"DT{year % 100:02d}-{random[:4]}-{random[4:]}"


def clean_tracking_code(text: str) -> str:
    """What a resident typed: spaces removed, upper-cased, at most 20 characters."""
    return "".join(str(text or "").split()).upper()[:20]


# --- similarity (duplicates) ------------------------------------------------------------------

SIMILAR = 0.8


def _trigrams(text: str) -> set[str]:
    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of the character trigrams of the folded words of ``a`` and ``b``
    (0 to 1; diacritics, case and punctuation ignored)."""
    first, second = _trigrams(a), _trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
