"""Household ballots and the online-voting team: pure rules (Law 10/2022/QH15 Art. 19; ND
59/2023/NĐ-CP Arts 4–5; LAW.md R-DEC-09, R-DEC-12–14).

No ORM here: dates, team facts and codes in, answers out. Problems are returned as short codes
(``TEAM_TOO_SMALL`` …) that the services turn into messages in the user's language.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# --- teams (Art. 19(2); ND 59 Arts 4(3), 5(2)(b)) -------------------------------------------

TEAM_MIN = 3
TEAM_MAX = 5

# What a member represents. The ballot team: the village, the Front work committee and the
# socio-political organisations (ND 59 Art. 4(3)); the online team: the village, the Front work
# committee, a household representative and a person proficient in IT (ND 59 Art. 5(2)(b)).
REPRESENTS_VILLAGE = "village"
REPRESENTS_FRONT = "front"
REPRESENTS_ORGANISATION = "organisation"
REPRESENTS_HOUSEHOLD = "household"
REPRESENTS_IT = "it"
REPRESENTS = (
    REPRESENTS_VILLAGE,
    REPRESENTS_FRONT,
    REPRESENTS_ORGANISATION,
    REPRESENTS_HOUSEHOLD,
    REPRESENTS_IT,
)

TEAM_TOO_SMALL = "team_too_small"
TEAM_TOO_LARGE = "team_too_large"
TEAM_NO_LEADER = "team_no_leader"
TEAM_SEVERAL_LEADERS = "team_several_leaders"
TEAM_LEADER_NOT_FRONT = "team_leader_not_front"
TEAM_NO_IT = "team_no_it"
TEAM_UNNAMED_MEMBER = "team_unnamed_member"


@dataclass(frozen=True)
class MemberFacts:
    full_name: str
    is_leader: bool = False
    is_front_representative: bool = False
    represents: str = ""


def team_problems(members: Iterable[MemberFacts], *, needs_it: bool = False) -> list[str]:
    """What is wrong with a team, in a fixed order (empty: the team is lawful).

    3–5 members, each named; exactly one leader, who represents the Front work committee (Art.
    19(2); ND 59 Art. 4(3)); the online team also includes a person proficient in information
    technology (``needs_it``; ND 59 Art. 5(2)(b)).
    """
    members = list(members)
    problems: list[str] = []
    if any(not m.full_name.strip() for m in members):
        problems.append(TEAM_UNNAMED_MEMBER)
    if len(members) < TEAM_MIN:
        problems.append(TEAM_TOO_SMALL)
    if len(members) > TEAM_MAX:
        problems.append(TEAM_TOO_LARGE)
    leaders = [m for m in members if m.is_leader]
    if not leaders:
        problems.append(TEAM_NO_LEADER)
    elif len(leaders) > 1:
        problems.append(TEAM_SEVERAL_LEADERS)
    elif not leaders[0].is_front_representative:
        problems.append(TEAM_LEADER_NOT_FRONT)
    if needs_it and not any(m.represents == REPRESENTS_IT for m in members):
        problems.append(TEAM_NO_IT)
    return problems


# --- the plan and its dates (ND 59 Art. 4(2), (4); Art. 19(2)) ------------------------------

PLAN_SEND_DAYS = 2  # sent to the commune chair and commune Front chair within 02 days
NOTICE_DAYS_BEFORE = 2  # publicised at least 02 days before the ballots are handed out

NOTICE_CHANNELS = ("posting", "direct", "loudspeaker", "phone", "social_network")

Deadline = Callable[[date, int, str], date]


def plain_days_deadline(start: date, n: int, unit: str) -> date:
    """A calendar without days off: ``start`` + ``n`` days. The services pass the real one
    (danchu.core.calendar.deadline, which moves a last day off to the next working day)."""
    if unit != "days":
        raise ValueError("only calendar days are counted here")
    return start + timedelta(days=n)


def plan_send_due(issued_on: date, deadline: Deadline = plain_days_deadline) -> date:
    """The last day to send the plan to the commune: 02 days after it was issued (ND 59 Art.
    4(2)); the issue day is not counted (Civil Code Art. 147)."""
    return deadline(issued_on, PLAN_SEND_DAYS, "days")


def latest_notice_day(distribution_starts_on: date) -> date:
    """The last day the public notice may be given: 02 days before distribution (Art. 19(2);
    ND 59 Art. 4(4)). Notice on day D allows distribution from D + 2."""
    return distribution_starts_on - timedelta(days=NOTICE_DAYS_BEFORE)


def notice_in_time(notice_posted_on: date, distribution_starts_on: date) -> bool:
    return notice_posted_on <= latest_notice_day(distribution_starts_on)


def return_deadline_valid(distribution_starts_on: date, return_deadline: date) -> bool:
    """The ballots are collected by a deadline after they are handed out (ND 59 Art. 4(5)–(6))."""
    return return_deadline > distribution_starts_on


# --- the count (ND 59 Art. 4(6)(a); R-DEC-14) -----------------------------------------------

WITNESSES = 2


def witnesses_valid(names: Iterable[str]) -> bool:
    """Exactly two different household representatives witness the count."""
    cleaned = [" ".join(n.split()) for n in names]
    return (
        len(cleaned) == WITNESSES
        and all(cleaned)
        and len({c.casefold() for c in cleaned}) == WITNESSES
    )


# --- ballot codes (Art. 19(3): one ballot per household) ------------------------------------

# No look-alikes: 0/O/Q/D-like pairs, 1/I/L, 2/Z, 5/S, 8/B and U/V are left out. 23 symbols, a
# prime, so the check symbol catches every single mistyped symbol and every swap of two
# neighbours.
CODE_ALPHABET = "34679ACDEFGHJKMNPRTUWXY"
CODE_DATA_LENGTH = 11  # 23**11 ≈ 2**50 codes: not guessable
CODE_LENGTH = CODE_DATA_LENGTH + 1
CODE_GROUP = 4
_INDEX = {c: i for i, c in enumerate(CODE_ALPHABET)}
_BASE = len(CODE_ALPHABET)


def _weighted_sum(symbols: str) -> int:
    return sum((position + 1) * _INDEX[c] for position, c in enumerate(symbols))


def _check_symbol(data: str) -> str:
    # Choose c so that the weighted sum over all 12 symbols is 0 modulo 23.
    weight = CODE_LENGTH
    inverse = pow(weight, -1, _BASE)
    value = (-_weighted_sum(data) * inverse) % _BASE
    return CODE_ALPHABET[value]


def new_code(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh ballot code: 11 random symbols from ``secrets`` and a check symbol."""
    data = "".join(CODE_ALPHABET[randbelow(_BASE)] for _ in range(CODE_DATA_LENGTH))
    return data + _check_symbol(data)


def normalise_code(text: str) -> str:
    """What was typed or scanned, as a stored code: upper case, without spaces and dashes. A
    scanned ballot QR gives the entry page's address; the code is its ``code=`` parameter."""
    text = text.strip()
    if "code=" in text:
        text = text.rsplit("code=", 1)[1].split("&", 1)[0]
    return "".join(ch for ch in text.upper() if ch not in " -\t\n\r._")


def code_well_formed(code: str) -> bool:
    """Right length, only symbols of the alphabet, and the check symbol matches."""
    if len(code) != CODE_LENGTH or any(c not in _INDEX for c in code):
        return False
    return _weighted_sum(code) % _BASE == 0


def format_code(code: str) -> str:
    """ "ACDE-FGHJ-KMNP": groups of four, as printed on the ballot."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))
