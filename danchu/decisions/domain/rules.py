"""When the community has decided: thresholds, quorum, the ballot fallback and online votes.

Pure functions with exact integer arithmetic (no floating point at the boundaries). Kinds are the
six matters of Law 10/2022/QH15 Art. 15:

    contribution     1. contributions to infrastructure and public works
    community_fund   2. people's contributions beyond the law; community funds and assets
    village_code     3. the village code (hương ước, quy ước)
    village_head     4. electing and dismissing the village head
    board_member     5. electing and dismissing members of the People's Inspection Board and the
                        Community Investment Supervision Board
    other            6. other self-managed matters of the community

Every threshold counts against ALL households of the village (or all villages of the commune),
never against those present (Art. 21(1)). Invalid input raises ValueError.
"""

from __future__ import annotations

CONTRIBUTION = "contribution"
COMMUNITY_FUND = "community_fund"
VILLAGE_CODE = "village_code"
VILLAGE_HEAD = "village_head"
BOARD_MEMBER = "board_member"
OTHER = "other"

KINDS = (CONTRIBUTION, COMMUNITY_FUND, VILLAGE_CODE, VILLAGE_HEAD, BOARD_MEMBER, OTHER)
TWO_THIRDS_KINDS = (CONTRIBUTION, COMMUNITY_FUND)  # Art. 21(1), items 1 and 2
COMMUNE_SCOPE_KINDS = (CONTRIBUTION, COMMUNITY_FUND)  # Art. 15(1)–(2): commune or village scope
SCOPES = ("village", "commune")


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def _part_of(name: str, part: int, whole: int) -> None:
    if part > whole:
        raise ValueError(f"{name} ({part}) cannot exceed the eligible count ({whole})")


def _at_least_two_thirds(part: int, whole: int) -> bool:
    """ "Từ hai phần ba … trở lên": part / whole ≥ 2/3, exactly."""
    return whole > 0 and 3 * part >= 2 * whole


def _more_than_half(part: int, whole: int) -> bool:
    """ "Trên 50%": part / whole > 1/2 (exactly half is not enough)."""
    return whole > 0 and 2 * part > whole


def passes(kind: str, scope: str, eligible: int, approvals: int) -> bool:
    """Whether a matter is adopted (Law 10/2022 Art. 21(1); ND 59/2023 Arts 4(6)(b), 5(4)).

    ``scope`` "village": ``eligible`` is ALL households (representatives) of the village and
    ``approvals`` those who agreed. ``scope`` "commune" (items 1 and 2 only): ``eligible`` is ALL
    villages and residential groups of the commune and ``approvals`` the villages that adopted it.
    Items 1 and 2 need at least two-thirds; items 3–6 need more than 50%.
    """
    _kind(kind)
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected 'village' or 'commune'")
    if scope == "commune" and kind not in COMMUNE_SCOPE_KINDS:
        raise ValueError(f"{kind!r} is decided by a village, not at commune scope (Art. 15)")
    eligible = _count("eligible", eligible)
    approvals = _count("approvals", approvals)
    _part_of("approvals", approvals, eligible)
    if kind in TWO_THIRDS_KINDS:
        return _at_least_two_thirds(approvals, eligible)
    return _more_than_half(approvals, eligible)


def meeting_quorum_met(kind: str, eligible: int, present: int) -> bool:
    """The attendance a meeting needs before it may decide ``kind``.

    Only the village code has one: representatives of more than 50% of households must attend
    (ND 61/2023 Art. 10). Law 10/2022 sets no attendance quorum for the other kinds.
    """
    _kind(kind)
    eligible = _count("eligible", eligible)
    present = _count("present", present)
    _part_of("present", present, eligible)
    if kind == VILLAGE_CODE:
        return _more_than_half(present, eligible)
    return True


def ballot_fallback_needed(kind: str, eligible: int, present: int) -> bool:
    """Whether the matter must go to household ballots after a meeting (Art. 19(1)(b); ND 59/2023
    Art. 4(1)(b); ND 61/2023 Art. 10): too few representatives attended for the approvals to
    reach the threshold even if all of them agreed, or a village-code meeting lacked its quorum.
    """
    if not meeting_quorum_met(kind, eligible, present):
        return True
    return not passes(kind, "village", eligible, present)


MEETING = "meeting"
BALLOT = "ballot"
ONLINE = "online"


def form_allowed(kind: str, form: str) -> bool:
    """Which form a matter may be opened with (Law 10/2022 Arts 17–19; ND 59/2023 Arts 4–5).

    Items 3–5 are decided at a meeting (Art. 17(2)); household ballots are chosen up front only
    for item 6 at village scope (ND 59 Art. 4(1)(c)) — for other kinds they come only as the
    fallback after a meeting (Art. 19(1)(b)); online votes only for item 6 (ND 59 Art. 5).
    """
    _kind(kind)
    if form == MEETING:
        return True
    if form in (BALLOT, ONLINE):
        return kind == OTHER
    raise ValueError(f"unknown form {form!r}")


def online_vote_allowed(kind: str, eligible: int, chose_online: int) -> bool:
    """Whether an online vote may be held (ND 59/2023 Art. 5; Law 10/2022 Art. 17(2)): only for
    other self-managed matters (item 6), and only after more than 50% of ALL household
    representatives chose online voting in the preliminary poll."""
    _kind(kind)
    eligible = _count("eligible", eligible)
    chose_online = _count("chose_online", chose_online)
    _part_of("chose_online", chose_online, eligible)
    return kind == OTHER and _more_than_half(chose_online, eligible)
