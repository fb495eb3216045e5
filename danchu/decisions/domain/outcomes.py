"""After the vote: sending the community decision, recognising it, and when it takes effect.

Pure rules (the working-day calendar aside) of Law 10/2022/QH15 Arts 20(3), 21(2) and ND
59/2023 Arts 3(5)(d), 4(7), 5(4)(b):

* the adopted decision goes to the commune People's Committee (UBND) and the commune Fatherland
  Front no later than 05 working days after the meeting, the ballot deadline or the end of the
  online vote (R-DEC-20);
* the village code and the village head are recognised by the commune UBND, members of the
  People's Inspection Board and the Community Investment Supervision Board by the commune Front,
  within 05 working days of receiving the decision; a refusal is a written answer with reasons
  (R-DEC-21);
* items 1, 2 and 6 at village scope take effect on the day of adoption; items 1 and 2 at commune
  scope on the date the commune UBND sets; items 3 and 4 on the UBND's recognition; item 5 on the
  Front's recognition (R-DEC-22).
"""

from __future__ import annotations

from datetime import date

from danchu.core.calendar import add_working_days
from danchu.decisions.domain import rules

SEND_WITHIN_WORKING_DAYS = 5  # Art. 20(3): "chậm nhất 05 ngày làm việc"
RECOGNISE_WITHIN_WORKING_DAYS = 5  # Art. 21(2): "trong thời hạn 05 ngày làm việc"

# Who recognises (Art. 21(2)); the codes are those of RecognisingBody.
COMMUNE_COMMITTEE = "ubnd"
COMMUNE_FRONT = "front"
NO_BODY = ""

# When a decision takes effect (Art. 21(2)).
ON_ADOPTION = "adoption"
ON_COMMUNE_DATE = "commune_sets"
ON_COMMITTEE_RECOGNITION = "ubnd_recognition"
ON_FRONT_RECOGNITION = "front_recognition"

VILLAGE, COMMUNE = "village", "commune"


def send_due(ended_on: date) -> date:
    """The last day to send the decision to the commune: the 5th working day after the meeting,
    the ballot deadline or the end of the online vote (Art. 20(3); ND 59/2023 Arts 3(5)(d), 4(7),
    5(4)(b)). The day itself is not counted (Civil Code Art. 147)."""
    return add_working_days(ended_on, SEND_WITHIN_WORKING_DAYS)


def recognition_due(received_on: date) -> date:
    """The last day for the commune UBND or Front to recognise or answer in writing: the 5th
    working day after receipt (Art. 21(2))."""
    return add_working_days(received_on, RECOGNISE_WITHIN_WORKING_DAYS)


def recognising_body(kind: str) -> str:
    """Which body recognises a decision of ``kind`` (Art. 21(2)): the commune UBND for the
    village code and the village head, the commune Front for board members, none otherwise."""
    if kind not in rules.KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if kind in (rules.VILLAGE_CODE, rules.VILLAGE_HEAD):
        return COMMUNE_COMMITTEE
    if kind == rules.BOARD_MEMBER:
        return COMMUNE_FRONT
    return NO_BODY


def effect_rule(kind: str, scope: str) -> str:
    """What starts the effect of a decision (Art. 21(2)); see the module docstring."""
    if kind not in rules.KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if scope not in (VILLAGE, COMMUNE):
        raise ValueError(f"unknown scope {scope!r}")
    if scope == COMMUNE:
        if kind not in rules.COMMUNE_SCOPE_KINDS:
            raise ValueError(f"{kind!r} is decided by a village, not at commune scope (Art. 15)")
        return ON_COMMUNE_DATE
    body = recognising_body(kind)
    if body == COMMUNE_COMMITTEE:
        return ON_COMMITTEE_RECOGNITION
    if body == COMMUNE_FRONT:
        return ON_FRONT_RECOGNITION
    return ON_ADOPTION


def effective_date(
    kind: str,
    scope: str,
    *,
    adopted_on: date,
    recognised_on: date | None = None,
    commune_date: date | None = None,
) -> date | None:
    """The day the decision takes effect, or None while the event that starts it has not
    happened (Art. 21(2)). A village's part of a commune-scope matter is ``scope`` "commune":
    it takes effect on the date the commune UBND sets."""
    rule = effect_rule(kind, scope)
    if rule == ON_ADOPTION:
        return adopted_on
    if rule == ON_COMMUNE_DATE:
        return commune_date
    return recognised_on


def is_overdue(due: date | None, done_on: date | None, today: date) -> bool:
    """A step is overdue when it is not done and its last day has passed."""
    return due is not None and done_on is None and today > due
