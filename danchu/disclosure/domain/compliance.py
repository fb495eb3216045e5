"""Publicity compliance: what was due in a period, what went out on time, late or not at all,
and whether each channel's statutory duration was kept. Pure functions over plain data (no ORM);
the selectors load the data and `reports.py` turns the result into figures.

The rules, with their source (LAW.md §1.1, §1.8, §1.9, §4.5, R-PUB-01…09):

- Deadline. A commune publishes no later than 05 working days after the decision (Law 10/2022
  Art. 12(3)); an agency likewise (Art. 47(2)); a state-owned enterprise within 15 days
  (Art. 65(2)). The deadline itself is computed when the publication is created and stored as
  ``due_on``; here a publication first published after ``due_on`` is late, and is late by the
  number of working days (``danchu.core.calendar``) from the day after ``due_on`` up to and
  including the day it was published (a publication made on a day off after the deadline
  counts as late by one working day). A publication whose ``due_on`` has passed (it is before
  ``today``) and that is not published is missing.
- Posting duration. Items 1–3 and 5–12 stay posted at the HQ and the village culture houses for
  at least 30 consecutive days (Art. 13(2)); agencies and enterprises for at least 20 (Arts 48,
  66). The law counts the period "kể từ ngày niêm yết" (from the day of posting), so the posting
  day is the first of the consecutive days and a record's ``ended_on`` (its "until") is the
  last day the notice was up: a notice posted on 1 June and kept until 29 June was posted for
  29 days, one kept until 30 June for 30. This is the count the publications area uses for the
  automatic end (``services_publications.posting_end``: first day + posting_days − 1). A
  posting record that ended earlier than its item's minimum is "cut short"; one still running
  is not.
- Permanent posting. Items 4 and 13 are posted permanently (Art. 13(2)): any end date on their
  posting record is a breach.
- Loudspeaker. Items 7–12 are broadcast for at least 03 consecutive days (Art. 13(3)); the
  longest run of consecutive broadcast days (one BroadcastLog per day) must reach the item's
  ``broadcast_days``.
- Village relay. The same items are sent to every village head, who relays them (Art. 13(4));
  every current village of the unit must confirm.

The numbers (5 working days, 30/20 days, 3 days, permanent items) are not written here: they
come with each catalogue item (``ItemRules``), which is configuration seeded from
``domain/catalogue_data.py``. Channel checks apply to what was published; deadline checks to
what fell due in the period.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from danchu.disclosure.domain.channels import POSTING_CHANNELS, Channel

PUBLISHED = "published"

WorkingDayTest = Callable[[date], bool]


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------

QUARTER = "quarter"
HALF = "half"
YEAR = "year"
_PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<number>[1-4]))?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a quarter, a half year or a year (LAW.md §7: quarterly, 6-monthly,
    annual). ``start`` and ``end`` are both included."""

    year: int
    kind: str = YEAR
    number: int = 1

    def __post_init__(self) -> None:
        limits = {QUARTER: 4, HALF: 2, YEAR: 1}
        if self.kind not in limits:
            raise PeriodError(f"Unknown period kind: {self.kind!r}")
        if not 1 <= self.number <= limits[self.kind]:
            raise PeriodError(f"No {self.kind} number {self.number}")
        if not 1900 <= self.year <= 9999:
            raise PeriodError(f"Year out of range: {self.year}")

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        return cls(year, QUARTER, number)

    @classmethod
    def half(cls, year: int, number: int) -> Period:
        return cls(year, HALF, number)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, YEAR, 1)

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-Q2", "2026-H1" or "2026"."""
        match = _PERIOD_RE.match((text or "").strip())
        if match is None:
            raise PeriodError(f"Not a period: {text!r}")
        year = int(match["year"])
        if match["kind"] is None:
            return cls.whole_year(year)
        kind = QUARTER if match["kind"].upper() == "Q" else HALF
        return cls(year, kind, int(match["number"]))

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self) -> str:
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.year}-{'Q' if self.kind == QUARTER else 'H'}{self.number}"

    @property
    def months(self) -> int:
        return {QUARTER: 3, HALF: 6, YEAR: 12}[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> date:
        last_month = self.number * self.months
        if last_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, last_month + 1, 1) - timedelta(days=1)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, {QUARTER: 4, HALF: 2, YEAR: 1}[self.kind])

    @property
    def vietnamese(self) -> str:
        """The period as official papers write it: "quý II năm 2026", "6 tháng đầu năm 2026"."""
        if self.kind == QUARTER:
            return f"quý {('I', 'II', 'III', 'IV')[self.number - 1]} năm {self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"


# ---------------------------------------------------------------------------------------------
# Input data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRules:
    """What a catalogue item requires (a CatalogueItem row as plain data)."""

    code: str
    number: int
    regime: str
    title: str = ""
    required_channels: tuple[str, ...] = ()
    posting_days: int | None = None
    permanent: bool = False
    broadcast_days: int | None = None
    village_relay: bool = False


@dataclass(frozen=True)
class ChannelSpan:
    """One ChannelRecord: a channel used from ``started_on`` until ``ended_on`` (None: still
    running), at ``place_id`` (a village for posting at culture houses)."""

    channel: str
    started_on: date
    ended_on: date | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class PublicationFacts:
    """One publication with everything compliance needs, as plain data."""

    id: int
    unit_id: int
    reference: str
    title: str
    item: ItemRules
    decision_date: date
    due_on: date
    status: str
    published_on: date | None = None
    decision_ref: str = ""
    channels: tuple[ChannelSpan, ...] = ()
    broadcast_days: tuple[date, ...] = ()
    relayed_village_ids: frozenset[int] = frozenset()

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED and self.published_on is not None


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Late:
    publication: PublicationFacts
    working_days_late: int


@dataclass(frozen=True)
class Missing:
    publication: PublicationFacts
    working_days_overdue: int


@dataclass(frozen=True)
class PostingCutShort:
    """A posting record that ended before its minimum (``days_required``), or any end of a
    permanent item's posting (``permanent`` True, ``days_required`` None)."""

    publication: PublicationFacts
    channel: str
    place_id: int | None
    started_on: date
    ended_on: date
    days_posted: int
    days_required: int | None
    permanent: bool


@dataclass(frozen=True)
class LoudspeakerShort:
    publication: PublicationFacts
    consecutive_days: int
    days_required: int


@dataclass(frozen=True)
class RelayMissing:
    publication: PublicationFacts
    village_id: int


@dataclass(frozen=True)
class ChannelMissing:
    """A channel the item requires that the publication never used: the website (Art. 13(1)),
    posting at the headquarters, or posting at a village's culture house (``place_id``, Art.
    13(2)); loudspeaker and relay gaps have their own findings."""

    publication: PublicationFacts
    channel: str
    place_id: int | None = None


@dataclass(frozen=True)
class ComplianceResult:
    period: Period
    today: date
    due: tuple[PublicationFacts, ...] = ()
    on_time: tuple[PublicationFacts, ...] = ()
    late: tuple[Late, ...] = ()
    missing: tuple[Missing, ...] = ()
    not_yet_due: tuple[PublicationFacts, ...] = ()
    published: tuple[PublicationFacts, ...] = ()
    posting_cut_short: tuple[PostingCutShort, ...] = ()
    loudspeaker_short: tuple[LoudspeakerShort, ...] = ()
    relay_missing: tuple[RelayMissing, ...] = ()
    channel_missing: tuple[ChannelMissing, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "due": len(self.due),
            "on_time": len(self.on_time),
            "late": len(self.late),
            "missing": len(self.missing),
            "not_yet_due": len(self.not_yet_due),
            "published": len(self.published),
            "posting_cut_short": len(self.posting_cut_short),
            "loudspeaker_short": len(self.loudspeaker_short),
            "relay_missing": len(self.relay_missing),
            "channel_missing": len(self.channel_missing),
        }


@dataclass
class Tally:
    """Counts that add up over units (the roll-up)."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + value


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


def _default_is_working_day() -> WorkingDayTest:
    from danchu.core.calendar import is_working_day

    return is_working_day


def working_days_between(after: date, until: date, is_working_day: WorkingDayTest) -> int:
    """Working days d with ``after`` < d <= ``until`` (0 when ``until`` <= ``after``)."""
    count = 0
    day = after + timedelta(days=1)
    while day <= until:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def working_days_late(
    due_on: date, published_on: date, is_working_day: WorkingDayTest | None = None
) -> int:
    """How many working days after the deadline a publication came out (Law 10/2022
    Art. 12(3), Art. 47(2); Art. 65(2)): 0 when on or before ``due_on``; at least 1 when after
    it, even if published on a day off."""
    if published_on <= due_on:
        return 0
    test = is_working_day or _default_is_working_day()
    return max(1, working_days_between(due_on, published_on, test))


def days_posted(started_on: date, ended_on: date) -> int:
    """Consecutive days a notice stayed posted, the posting day and the last day included
    (Law 10/2022 Art. 13(2): "ít nhất là 30 ngày liên tục kể từ ngày niêm yết")."""
    return (ended_on - started_on).days + 1


def posting_shortfalls(publication: PublicationFacts) -> list[PostingCutShort]:
    """Posting records (HQ, village culture houses) that ended before the item's minimum
    (Law 10/2022 Art. 13(2): 30 consecutive days; Arts 48, 66: 20), or that ended at all for a
    permanent item (Art. 13(2), items 4 and 13)."""
    rules = publication.item
    found = []
    for span in publication.channels:
        if span.channel not in POSTING_CHANNELS or span.ended_on is None:
            continue
        posted = days_posted(span.started_on, span.ended_on)
        if rules.permanent:
            required = None
        elif rules.posting_days and posted < rules.posting_days:
            required = rules.posting_days
        else:
            continue
        found.append(
            PostingCutShort(
                publication=publication,
                channel=span.channel,
                place_id=span.place_id,
                started_on=span.started_on,
                ended_on=span.ended_on,
                days_posted=posted,
                days_required=required,
                permanent=rules.permanent,
            )
        )
    return found


def longest_consecutive_run(days: Iterable[date]) -> int:
    """The longest run of consecutive calendar days among ``days``."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def loudspeaker_shortfall(publication: PublicationFacts) -> LoudspeakerShort | None:
    """Items 7–12 are read on the commune loudspeaker for at least 03 consecutive days
    (Law 10/2022 Art. 13(3)); ``None`` when the item asks for no broadcast or the run is long
    enough."""
    required = publication.item.broadcast_days
    if not required:
        return None
    run = longest_consecutive_run(publication.broadcast_days)
    if run >= required:
        return None
    return LoudspeakerShort(publication, run, required)


def relay_gaps(publication: PublicationFacts, village_ids: Iterable[int]) -> list[RelayMissing]:
    """Villages whose head has not confirmed relaying an item 7–12 publication (Law 10/2022
    Art. 13(4))."""
    if not publication.item.village_relay:
        return []
    return [
        RelayMissing(publication, village_id)
        for village_id in sorted(village_ids)
        if village_id not in publication.relayed_village_ids
    ]


SEPARATELY_ASSESSED = ("loudspeaker", "village_relay")


def channel_gaps(publication: PublicationFacts, village_ids: Iterable[int]) -> list[ChannelMissing]:
    """Required channels with no record at all (Law 10/2022 Art. 13(1)–(2); Arts 47–48, 65–66
    for agencies and enterprises). Posting at culture houses is required in every village."""
    used = {span.channel for span in publication.channels}
    posted_villages = {
        span.place_id for span in publication.channels if span.channel == "posting_village"
    }
    gaps: list[ChannelMissing] = []
    for channel in publication.item.required_channels:
        if channel in SEPARATELY_ASSESSED:
            continue
        if channel == "posting_village":
            gaps += [
                ChannelMissing(publication, channel, village)
                for village in village_ids
                if village not in posted_villages
            ]
        elif channel not in used:
            gaps.append(ChannelMissing(publication, channel))
    return gaps


def assess(
    publications: Iterable[PublicationFacts],
    period: Period,
    *,
    today: date,
    village_ids: Iterable[int] = (),
    is_working_day: WorkingDayTest | None = None,
) -> ComplianceResult:
    """Compliance of one unit for ``period`` as of ``today``.

    Deadline checks (Law 10/2022 Arts 12(3), 47(2), 65(2)) cover the publications due in the
    period; channel checks (Arts 13(2)–(4), 48, 66) cover those published in it.
    ``village_ids`` are the unit's current villages, each of which must confirm relays.
    """
    test = is_working_day or _default_is_working_day()
    villages = tuple(village_ids)
    due: list[PublicationFacts] = []
    on_time: list[PublicationFacts] = []
    late: list[Late] = []
    missing: list[Missing] = []
    not_yet_due: list[PublicationFacts] = []
    published: list[PublicationFacts] = []
    cut_short: list[PostingCutShort] = []
    loudspeaker: list[LoudspeakerShort] = []
    relays: list[RelayMissing] = []
    channel_missing: list[ChannelMissing] = []
    ordered = sorted(publications, key=lambda p: (p.due_on, p.id))
    for pub in ordered:
        if period.contains(pub.due_on):
            due.append(pub)
            if pub.is_published:
                assert pub.published_on is not None
                delay = working_days_late(pub.due_on, pub.published_on, test)
                if delay:
                    late.append(Late(pub, delay))
                else:
                    on_time.append(pub)
            elif pub.due_on < today:
                missing.append(Missing(pub, working_days_between(pub.due_on, today, test)))
            else:
                not_yet_due.append(pub)
        if pub.is_published and period.contains(pub.published_on):
            published.append(pub)
            cut_short += posting_shortfalls(pub)
            short = loudspeaker_shortfall(pub)
            if short is not None:
                loudspeaker.append(short)
            relays += relay_gaps(pub, villages)
            channel_missing += channel_gaps(pub, villages)
    return ComplianceResult(
        period=period,
        today=today,
        due=tuple(due),
        on_time=tuple(on_time),
        late=tuple(late),
        missing=tuple(missing),
        not_yet_due=tuple(not_yet_due),
        published=tuple(published),
        posting_cut_short=tuple(cut_short),
        loudspeaker_short=tuple(loudspeaker),
        relay_missing=tuple(relays),
        channel_missing=tuple(channel_missing),
    )


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, rounded to one decimal from exact integers; ``None``
    when nothing was due."""
    if whole <= 0:
        return None
    # Round half up on integers (no binary floating point in the arithmetic).
    tenths = (part * 1000 * 2 + whole) // (whole * 2)
    return tenths / 10


def rates(counts: dict[str, int]) -> dict[str, float | None]:
    """On-time, late and missing rates over what could be assessed (due, less what is not yet
    due); the channel rates over what was published."""
    assessed = counts.get("on_time", 0) + counts.get("late", 0) + counts.get("missing", 0)
    return {
        "on_time_rate": percent(counts.get("on_time", 0), assessed),
        "late_rate": percent(counts.get("late", 0), assessed),
        "missing_rate": percent(counts.get("missing", 0), assessed),
        "published_rate": percent(counts.get("on_time", 0) + counts.get("late", 0), assessed),
    }


CHANNEL_LABELS_VI: dict[str, str] = {
    Channel.POSTING_HQ: "Niêm yết tại trụ sở",
    Channel.POSTING_VILLAGE: "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng",
    Channel.WEBSITE: "Cổng, trang thông tin điện tử",
    Channel.LOUDSPEAKER: "Hệ thống loa truyền thanh",
    Channel.VILLAGE_RELAY: "Thông qua trưởng thôn, tổ trưởng tổ dân phố",
    Channel.LETTER: "Gửi văn bản, thông báo",
    Channel.CONFERENCE: "Hội nghị, đối thoại",
    Channel.RECEPTION: "Tiếp công dân, tiếp xúc cử tri, báo chí",
    Channel.ORGANISATIONS: "Thông qua tổ chức chính trị - xã hội",
    Channel.SOCIAL_NETWORK: "Mạng viễn thông, mạng xã hội",
    Channel.INTRANET: "Mạng nội bộ, hệ thống thông tin nội bộ",
    Channel.STAFF_CONFERENCE: "Hội nghị cán bộ, công chức, viên chức, người lao động",
    Channel.UNIT_HEADS: "Thông qua người đứng đầu đơn vị",
    Channel.TRADE_UNION: "Thông qua chi bộ, công đoàn",
    Channel.OTHER: "Hình thức khác",
}
"""Channel names as official papers write them (document content, Vietnamese by nature;
Law 10/2022 Arts 12(1), 47(1), 65(1))."""


def channels_used(publication: PublicationFacts) -> list[str]:
    """The channels a publication actually went out on, in the order of the Channel choices:
    its channel records, plus the loudspeaker when a broadcast was logged and village relay
    when a village head confirmed."""
    used = {span.channel for span in publication.channels}
    if publication.broadcast_days:
        used.add(Channel.LOUDSPEAKER)
    if publication.relayed_village_ids:
        used.add(Channel.VILLAGE_RELAY)
    return [choice for choice in Channel.values if choice in used]


def _dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def time_text(publication: PublicationFacts) -> str:
    """When it was published and, for a posting, for how long: "Ngày 08/05/2026; niêm yết từ
    08/05/2026 đến 07/06/2026", or "… niêm yết thường xuyên từ 02/06/2026" for a permanent
    item or a posting still running."""
    parts = [f"Ngày {_dmy(publication.published_on)}" if publication.published_on else "—"]
    spans = [s for s in publication.channels if s.channel in POSTING_CHANNELS]
    if spans:
        start = min(s.started_on for s in spans)
        ends = [s.ended_on for s in spans]
        if publication.item.permanent or any(end is None for end in ends):
            parts.append(f"niêm yết thường xuyên từ {_dmy(start)}")
        else:
            end = max(e for e in ends if e is not None)
            parts.append(f"niêm yết từ {_dmy(start)} đến {_dmy(end)}")
    return "; ".join(parts)


QUARTERLY_LIST_COLUMNS = (
    "STT",
    "Nội dung thông tin công khai",
    "Văn bản, quyết định",
    "Hình thức công khai",
    "Thời gian công khai",
)


def quarterly_list_rows(publications: Iterable[PublicationFacts]) -> list[list[str]]:
    """The rows of the quarterly list of everything publicised, with its form and dates
    (Law 10/2022 Art. 13(2), R-PUB-04): document content, Vietnamese by nature. The item is
    cited after the title ("khoản 2 Điều 11" for a commune, "Điều 46"/"Điều 64" otherwise)."""
    articles = {"commune": "Điều 11", "agency": "Điều 46", "enterprise": "Điều 64"}
    rows = []
    for index, pub in enumerate(publications, start=1):
        decision = f"ngày {_dmy(pub.decision_date)}"
        if pub.decision_ref:
            decision = f"Số {pub.decision_ref} {decision}"
        article = articles.get(pub.item.regime, "")
        cited = f"khoản {pub.item.number} {article}".strip()
        channels = "; ".join(CHANNEL_LABELS_VI.get(c, c) for c in channels_used(pub)) or "—"
        rows.append([str(index), f"{pub.title} ({cited})", decision, channels, time_text(pub)])
    return rows
