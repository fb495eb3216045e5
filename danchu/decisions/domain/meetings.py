"""The rules of a community meeting (Law 10/2022/QH15 Arts 18, 24(2); ND 59/2023 Art. 3; ND
61/2023 Art. 10): the notice, the documents sent ahead, the approvals the meeting gives by show
of hands, the counting board, the witnesses and the split into residential clusters.

Pure functions with exact integer arithmetic. Invalid input raises ValueError.

How "at least 02 days before" is counted (ND 59/2023 Art. 3(3)–(4), "chậm nhất là 02 ngày
trước ngày tổ chức cuộc họp"): the law counts in calendar days ("ngày", not "ngày làm việc";
LAW.md §0.3(3)) and names the DAY of the meeting, not its hour. So the date the notice (or the
documents) reached the households must be at least two calendar days before the date of the
meeting, times of day ignored: sent on 1 March, a meeting on 3 March is in time (two days
before), a meeting on 2 March is not. Aware datetimes are read in the local time zone
(Asia/Ho_Chi_Minh) before taking their date.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from danchu.decisions.domain import rules

NOTICE_DAYS_AHEAD = 2  # ND 59/2023 Art. 3(3): Mẫu 01 reaches attendees 02 days before
DOCUMENT_DAYS_AHEAD = 2  # ND 59/2023 Art. 3(4): documents reach each household 02 days before
# ND 59/2023 Art. 3(4): items 1, 2 and 3 of Art. 15 need their documents sent ahead.
DOCUMENT_KINDS = (rules.CONTRIBUTION, rules.COMMUNITY_FUND, rules.VILLAGE_CODE)
CLUSTER_MIN_HOUSEHOLDS = 200  # Art. 18(3): "từ 200 hộ gia đình trở lên"
COUNTING_BOARD_MIN = 3  # ND 59/2023 Art. 3(5)(c): Ban kiểm phiếu "từ 03 đến 05 người"
COUNTING_BOARD_MAX = 5
WITNESSES = 2  # ND 59/2023 Art. 3(5)(c): "02 đại diện hộ gia đình" witness the count
COUNTING_MINUTES_COPIES = 3  # ND 59/2023 Art. 3(5)(c): commune UBND, commune Front, archive

# ND 59/2023 Art. 3(3): the channels the notice may go by; it is always posted as well.
INVITATION = "invitation"
DIRECT = "direct"
LOUDSPEAKER = "loudspeaker"
PHONE = "phone"
SOCIAL_APP = "social_app"
POSTING = "posting"  # at the culture house and community points: always
NOTICE_CHANNELS = (INVITATION, DIRECT, LOUDSPEAKER, PHONE, SOCIAL_APP)


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def local_day(value: date | datetime) -> date:
    """The calendar date of ``value``: an aware datetime is read in the local time zone."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            return timezone.localtime(value).date()
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date or datetime: {value!r}")


def days_before(earlier: date | datetime, later: date | datetime) -> int:
    """Whole calendar days from the date of ``earlier`` to the date of ``later``."""
    return (local_day(later) - local_day(earlier)).days


def notice_in_time(sent_at: date | datetime, meeting_at: date | datetime) -> bool:
    """Whether the meeting notice (Mẫu 01) was sent at least 2 calendar days before the date of
    the meeting (ND 59/2023 Art. 3(3); R-DEC-15). Sent 1 March: a meeting on 3 March is in time,
    on 2 March it is not. See the module docstring for how the days are counted."""
    return days_before(sent_at, meeting_at) >= NOTICE_DAYS_AHEAD


def documents_required(kind: str) -> bool:
    """Items 1–3 of Art. 15 (contributions, community funds, the village code) need their
    meeting documents delivered to every household ahead (ND 59/2023 Art. 3(4))."""
    if kind not in rules.KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return kind in DOCUMENT_KINDS


def documents_in_time(
    kind: str, delivered_on: date | datetime | None, meeting_at: date | datetime
) -> bool:
    """Whether a matter of ``kind`` may be decided at a meeting on ``meeting_at`` given when its
    documents reached every household (ND 59/2023 Art. 3(4); R-DEC-15): always for items 4–6;
    for items 1–3 only when delivered at least 2 calendar days before the meeting's date."""
    if not documents_required(kind):
        return True
    if delivered_on is None:
        return False
    return days_before(delivered_on, meeting_at) >= DOCUMENT_DAYS_AHEAD


def approved_by_present(votes: int, present: int) -> bool:
    """More than 50% of the household representatives present raised their hands (Art. 18(4);
    ND 59/2023 Art. 3(5); R-DEC-16): the secretary, the voting method, the counting board.
    Exactly half is not enough; nobody present approves nothing."""
    votes = _count("votes", votes)
    present = _count("present", present)
    if votes > present:
        raise ValueError(f"votes ({votes}) cannot exceed the representatives present ({present})")
    return present > 0 and 2 * votes > present


def counting_board_size_ok(members: int) -> bool:
    """The vote-counting board has 3 to 5 people (ND 59/2023 Art. 3(5)(c))."""
    members = _count("members", members)
    return COUNTING_BOARD_MIN <= members <= COUNTING_BOARD_MAX


def witnesses_ok(count: int) -> bool:
    """Exactly 2 household representatives present witness a count (ND 59/2023 Art. 3(5)(c);
    R-DEC-14)."""
    return _count("witnesses", count) == WITNESSES


def clusters_allowed(households: int, scattered: bool) -> bool:
    """A village may meet in residential clusters when it has 200 households or more, or its
    housing is scattered (Art. 18(3); ND 59/2023 Art. 3(6); R-DEC-18)."""
    households = _count("households", households)
    return households >= CLUSTER_MIN_HOUSEHOLDS or bool(scattered)


def tally_fits(agree: int, disagree: int, other: int, invalid: int, present: int) -> bool:
    """A count cannot hold more hands or ballots than representatives present."""
    total = sum(
        _count(name, value)
        for name, value in (
            ("agree", agree),
            ("disagree", disagree),
            ("other", other),
            ("invalid", invalid),
        )
    )
    return total <= _count("present", present)
