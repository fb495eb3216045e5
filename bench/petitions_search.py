"""Benchmark: the officials' case search over 1,000,000 cases, and the work queue of one commune.

    .venv/bin/python bench/petitions_search.py            # 1,000,000 cases in 166 communes
    .venv/bin/python bench/petitions_search.py --cases 200000 --communes 40 --runs 21

What it does:

1. starts PostgreSQL if needed and recreates the database ``danchu_bench_petitions``
   (bench/harness/postgres.py), migrates it with production settings (DEBUG off), and builds
   province 38 with ``--communes`` communes, each with its chair and one officer;
2. writes ``--cases`` cases spread over the communes (the measured commune, the first, gets its
   even share), kinds and statuses spread over every state of ``domain/workflow.py``, received
   over the last three years with the dates and deadlines each state has, subjects made of a
   vocabulary of Vietnamese words. Cases are written with COPY (danchu/common/bulk_insert.py),
   and so are their search entries, into ``search_searchentry``, whose trigger fills the
   ``document`` tsvector (words and scope lexemes) as for every other insert; the GIN index on
   ``document`` is dropped during the load and created again after it (the same index). The
   entries are those the app makes for kind ``petitions.case`` (``intake_setup.case_document``
   through ``core.search.services.build_entry``: code, kind and subject, no subject for a
   denunciation), assembled from the parts of each case (:class:`EntryRows`) because calling
   ``build_entry`` a million times would take longer than the whole run; 2,000 random entries
   are then checked equal to what ``build_entry`` makes of their cases (the run stops if not);
3. times ``build_entry`` alone on ``--reindex-sample`` cases, and re-indexes as many cases of
   the measured commune with the search module's own bulk function (``search_index_many``,
   batches of 1,000 upserts): the rates of the app's own indexing paths;
4. VACUUM ANALYZE; then times, as the officer of the measured commune (a fresh User each run, so
   the role scopes are loaded as in a request), ``core.search.selectors.search`` limited to kind
   ``petitions.case`` — the path of an official's search, with the permission filter — for
   a few realistic queries, and the work queue's query (``selectors_workflow.queue_for``
   paginated as the page does: the count and one page), each as median and p95 of ``--runs``
   runs after one warm-up;
5. writes ``bench/results/<UTC time>-petitions-search.json`` and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import machine, postgres  # noqa: E402
from bench.harness.environment import production_env  # noqa: E402

DATABASE = "danchu_bench_petitions"
RESULTS = ROOT / "bench" / "results"
PROVINCE = "38"
CHUNK = 50_000
SEED = 20261127
YEARS_BACK = 3
RECENT_DAYS = 60  # cases received this recently may still be open
GIN_INDEX = "search_entry_document_gin"

# How often each kind arrives (per hundred).
KIND_WEIGHTS = {
    "feedback": 33,
    "recommendation": 22,
    "complaint": 20,
    "denunciation": 8,
    "information": 3,
    "inadmissible": 5,
    "unclassified": 9,
}
CHANNELS = ("web", "desk", "post", "hotline", "box")
CHANNEL_WEIGHTS = (40, 25, 20, 10, 5)
PREFIX = {
    "feedback": "Phản ánh",
    "recommendation": "Kiến nghị",
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "information": "Thông tin về",
    "inadmissible": "Đơn về",
    "unclassified": "Đơn đề nghị giải quyết",
}
TOPICS = (
    "ô nhiễm môi trường",
    "rác thải sinh hoạt",
    "quyết định thu hồi đất",
    "bồi thường giải phóng mặt bằng",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "xây dựng nhà ở trái phép",
    "lấn chiếm đất công",
    "đường giao thông nông thôn xuống cấp",
    "đèn chiếu sáng công cộng",
    "kênh mương nội đồng",
    "nước sinh hoạt không đảm bảo",
    "tiếng ồn karaoke",
    "chăn nuôi gây mùi",
    "khai thác cát trái phép",
    "chế độ người có công",
    "trợ cấp xã hội hằng tháng",
    "thẻ bảo hiểm y tế",
    "bình xét hộ nghèo",
    "khoản thu của nhà trường",
    "an toàn thực phẩm",
    "giải quyết thủ tục hành chính chậm",
    "thái độ của cán bộ một cửa",
    "thu chi quỹ thôn",
    "giao đất công ích",
    "tranh chấp ranh giới thửa đất",
    "lối đi chung bị rào chắn",
    "chặt hạ cây xanh",
    "hệ thống thoát nước",
    "họp chợ lấn chiếm lòng đường",
    "cấp điện sinh hoạt",
    "xây dựng nhà văn hóa",
    "quy hoạch nghĩa trang",
    "dồn điền đổi thửa",
    "sạt lở bờ sông",
    "giống lúa kém chất lượng",
    "dịch tả lợn châu Phi",
    "phòng cháy rừng",
    "trật tự an ninh thôn xóm",
    "tổ chức cờ bạc",
    "xe quá tải làm hỏng đường",
)
DETAILS = (
    "kéo dài nhiều năm",
    "chưa được giải quyết",
    "gây bức xúc trong nhân dân",
    "sai quy định",
    "ảnh hưởng đến sản xuất",
    "trước cổng trường học",
    "gần khu dân cư",
    "ven quốc lộ",
    "trong năm nay",
    "vào ban đêm",
    "không công khai",
    "thiếu minh bạch",
)
PLACES = (
    "Đông Sơn",
    "Yên Thái",
    "Phú Điền",
    "Đồng Xuân",
    "Trung Chính",
    "Bái Đô",
    "Hà Thượng",
    "Nam Ngoại",
    "Tân Lập",
    "Hòa Bình",
    "Quyết Thắng",
    "Thống Nhất",
    "Đoàn Kết",
    "Tiến Thành",
    "Văn Lộc",
    "Phú Xuân",
    "Cẩm Lợi",
    "Xuân Thành",
    "Mỹ Lộc",
    "Đại Đồng",
)
# What an official types (the tracking code of one of the commune's cases is added at run time).
QUERIES = (
    ("one common word", "đất"),
    ("two words", "ô nhiễm"),
    ("phrase", "thu hồi đất"),
    ("kind and topic", "khiếu nại bồi thường"),
    ("selective, five words", "lấn chiếm đất công Bái Đô"),
    ("without diacritics", "kenh muong noi dong"),
    ("prefix being typed", "dồn điền đổi th"),
)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_MULTIPLIER = 2_654_435_761  # odd: a bijection of 0 … 32**8 - 1


def log(message: str) -> None:
    print(f"[petitions-search {time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def milliseconds(seconds: float) -> float:
    return round(seconds * 1000, 2)


def tracking_code(index: int, year: int) -> str:
    """A unique code shaped like intake's ("DT26-K7QX-M3ZD"): the index scrambled over the
    32**8 codes, so no two cases share one."""
    value = (index * CODE_MULTIPLIER) % 32**8
    chars = []
    for _ in range(8):
        value, digit = divmod(value, 32)
        chars.append(CODE_ALPHABET[digit])
    return f"DT{year % 100:02d}-{''.join(chars[:4])}-{''.join(chars[4:])}"


# --- the places and the officials ----------------------------------------------------------------


@dataclass
class Place:
    province: Any
    communes: list[Any]
    officer: Any
    chair: Any


def build_places(communes: int) -> Place:
    """Province 38 and ``communes`` communes; the first commune's chair and officer."""
    from danchu.core.access import roles
    from danchu.core.access.models import RoleAssignment, User
    from danchu.core.units.domain.kinds import Kind
    from danchu.core.units.models import Unit

    province = Unit(code=PROVINCE, name="Thanh Hóa", kind=Kind.PROVINCE)
    province.save()
    made = []
    for number in range(1, communes + 1):
        commune = Unit(
            code=f"{15000 + number:05d}",
            name=f"Xã {PLACES[number % len(PLACES)]} {number}",
            kind=Kind.COMMUNE,
            parent=province,
        )
        commune.save()
        made.append(commune)
    officials = {}
    for phone, role in (("0901000001", roles.COMMUNE_CHAIR), ("0901000002", roles.COMMUNE_OFFICER)):
        user = User.objects.create_user(phone=phone, password=None, full_name=role)
        RoleAssignment.objects.create(
            user=user, role_id=role, unit=made[0], valid_from=date(2025, 7, 1)
        )
        officials[role] = user
    return Place(province, made, officials[roles.COMMUNE_OFFICER], officials[roles.COMMUNE_CHAIR])


# --- the cases -----------------------------------------------------------------------------------


def statuses_of(kind: str) -> tuple[str, ...]:
    """Every status the state machine of ``kind`` reaches (``received`` for the unclassified)."""
    from danchu.petitions.domain import workflow as wf

    machine = wf.MACHINES.get(wf.machine_of(kind))
    if machine is None:
        return (wf.RECEIVED,)
    found = [wf.RECEIVED]
    for rule in machine:
        for status in (rule.source, rule.target):
            if status is not None and status not in found:
                found.append(status)
    return tuple(found)


@lru_cache(maxsize=65536)
def _due(kind: str, step: str, start: date) -> date:
    from danchu.petitions.domain.deadlines import due_date

    return due_date(kind, step, start)


@lru_cache(maxsize=65536)
def _first_due(kind: str, start: date) -> date:
    from danchu.petitions.domain.intake import first_due

    return first_due(kind, start)


class CaseMaker:
    """Cases with their dates and deadlines, drawn from a seeded generator."""

    ACCEPTED_STATUSES = ("accepted", "resolved", "concluded", "published")

    def __init__(self, today: date, seed: int = SEED) -> None:
        from danchu.petitions.domain import workflow as wf

        self.wf = wf
        self.today = today
        self.rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = list(accumulate(KIND_WEIGHTS.values()))
        self.channel_weights = list(accumulate(CHANNEL_WEIGHTS))
        self.statuses = {kind: statuses_of(kind) for kind in self.kinds}
        self.closed = {
            kind: tuple(s for s in statuses if not wf.is_open(s)) or statuses
            for kind, statuses in self.statuses.items()
        }

    def subject(self, kind: str) -> str:
        rng = self.rng
        return (
            f"{PREFIX[kind]} {rng.choice(TOPICS)} {rng.choice(DETAILS)} tại thôn "
            f"{rng.choice(PLACES)}"
        )

    def fields(self, index: int) -> dict[str, Any]:
        """The columns of case number ``index`` (besides id, unit and created_at)."""
        rng, wf, today = self.rng, self.wf, self.today
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        received_on = today - timedelta(days=rng.randrange(YEARS_BACK * 365))
        recent = (today - received_on).days <= RECENT_DAYS
        status = rng.choice(self.statuses[kind] if recent else self.closed[kind])
        if kind == "unclassified" and not recent:
            kind = "feedback"
            status = rng.choice(self.closed[kind])
        accepted_on = concluded_on = published_on = due_on = None
        machine = wf.machine_of(kind)
        if status in self.ACCEPTED_STATUSES or (status == "withdrawn" and rng.random() < 0.5):
            accepted_on = min(today, received_on + timedelta(days=rng.randint(1, 9)))
        if status in ("resolved", "concluded", "published"):
            concluded_on = min(today, accepted_on + timedelta(days=rng.randint(10, 40)))
        elif status == "answered":
            concluded_on = min(today, received_on + timedelta(days=rng.randint(2, 14)))
        if status == "published":
            published_on = min(today, concluded_on + timedelta(days=rng.randint(1, 7)))
        if status in (wf.RECEIVED, wf.CHECKED):
            due_on = _first_due(kind, received_on)
        elif status == wf.ACCEPTED and machine == "complaint":
            due_on = _due("complaint", "resolve_first", accepted_on)
        elif status == wf.ACCEPTED:
            due_on = _due("denunciation", "resolve", accepted_on)
        elif status == wf.CONCLUDED:
            due_on = _due("denunciation", "publish_conclusion", concluded_on)
        subject = self.subject(kind)
        return {
            "tracking_code": tracking_code(index, received_on.year),
            "kind": kind,
            "channel": rng.choices(CHANNELS, cum_weights=self.channel_weights)[0],
            "status": status,
            "subject": subject,
            "content": f"{subject}. Đề nghị cơ quan có thẩm quyền xem xét, giải quyết.",
            "received_on": received_on,
            "accepted_on": accepted_on,
            "due_on": due_on,
            "concluded_on": concluded_on,
            "published_on": published_on,
            "anonymous": kind == "information",
            "instance": 2 if kind == "complaint" and rng.random() < 0.1 else 1,
            "satisfaction": rng.randint(1, 5)
            if status in ("answered", "resolved") and rng.random() < 0.3
            else None,
        }


CASE_COLUMNS = (
    "id",
    "unit",
    "tracking_code",
    "kind",
    "channel",
    "status",
    "subject",
    "content",
    "received_on",
    "accepted_on",
    "due_on",
    "complex",
    "remote",
    "extensions",
    "instance",
    "multi_location",
    "group_size",
    "anonymous",
    "inadmissible_reason",
    "signed",
    "conclusion",
    "concluded_on",
    "published_on",
    "satisfaction",
    "satisfaction_comment",
    "owner_digest",
    "created_at",
)
ENTRY_COLUMNS = (
    "kind",
    "object_id",
    "title",
    "body",
    "title_terms",
    "body_terms",
    "unit_path",
    "is_public",
    "url",
    "updated_at",
)


class EntryRows:
    """The search entry of a case as ``build_entry`` makes it for kind ``petitions.case``
    (``intake_setup.case_document``: code, kind and subject, no subject for a denunciation; the
    folded words by ``index_text``), from the parts of the case: the words of a subject are
    folded once per distinct subject and the page address is made from one ``reverse``.
    Calling ``build_entry`` for each of 1,000,000 cases would take most of the run on its own;
    :func:`verify_entries` checks the rows against ``build_entry`` on a random sample, and
    :func:`app_path_rate` reports how fast ``build_entry`` itself goes."""

    PLACEHOLDER = 987654321

    def __init__(self) -> None:
        from django.urls import reverse

        from danchu.petitions.intake_setup import CASE_SEARCH_KIND, KIND_TEXT

        self.kind = CASE_SEARCH_KIND
        self.kind_text = KIND_TEXT
        self.url = reverse("petitions:intake_case", args=[self.PLACEHOLDER]).replace(
            str(self.PLACEHOLDER), "{}"
        )

    @staticmethod
    @lru_cache(maxsize=200_000)
    def terms(text: str) -> str:
        from danchu.core.search.domain.folding import index_text

        return index_text(text)

    def row(self, pk: int, unit_path: str, code: str, kind: str, subject: str, now: datetime):
        label = self.kind_text.get(kind, kind)
        shown = "" if kind == "denunciation" else subject
        code_terms = code.lower().replace("-", " ")  # "DT26-K7QX-M3ZD": ASCII letters and digits
        title = f"{code} — {shown or label}"
        body = f"{code} {label} {shown}".strip()
        body_terms = " ".join(t for t in (code_terms, self.terms(label), self.terms(shown)) if t)
        return (
            self.kind, str(pk), title, body, f"{code_terms} {self.terms(shown or label)}",
            body_terms, unit_path, False, self.url.format(pk), now,
        )  # fmt: skip


def _chunk(
    maker: CaseMaker,
    entries: EntryRows,
    start: int,
    ids: list[int],
    communes: list[Any],
    now: datetime,
) -> tuple[list[tuple], list[tuple]]:
    """The case rows and their search-entry rows."""
    cases: list[tuple] = []
    rows: list[tuple] = []
    for offset, pk in enumerate(ids):
        unit = communes[(start + offset) % len(communes)]  # spread evenly, the communes in turn
        f = maker.fields(start + offset)
        cases.append(
            (pk, unit.pk, f["tracking_code"], f["kind"], f["channel"], f["status"], f["subject"],
             f["content"], f["received_on"], f["accepted_on"], f["due_on"], False, False, 0,
             f["instance"], False, 1, f["anonymous"], "", True, "", f["concluded_on"],
             f["published_on"], f["satisfaction"], "", "", now)
        )  # fmt: skip
        rows.append(entries.row(pk, unit.path, f["tracking_code"], f["kind"], f["subject"], now))
    return cases, rows


ENTRY_FIELDS = ("kind", "object_id", "title", "body", "title_terms", "body_terms", "unit_path")
ENTRY_FIELDS += ("is_public", "url")


def verify_entries(sample: int, seed: int = SEED) -> dict:
    """Compare ``sample`` random stored entries with what ``build_entry`` makes of their cases;
    raise on any difference."""
    from danchu.core.search.models import SearchEntry
    from danchu.core.search.registry import get_kind
    from danchu.core.search.services import build_entry
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND
    from danchu.petitions.models import Case

    kind = get_kind(CASE_SEARCH_KIND)
    last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    first = Case.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(seed)  # noqa: S311 - a sample, not security
    pks = {rng.randint(first, last) for _ in range(sample)}
    stored = {
        e.object_id: e
        for e in SearchEntry.objects.filter(kind=kind.name, object_id__in=map(str, pks))
    }
    checked = 0
    for case in Case.objects.filter(pk__in=pks).select_related("unit"):
        made = build_entry(kind, case)
        entry = stored.get(str(case.pk))
        if made is None or entry is None:
            raise AssertionError(f"case {case.pk}: entry missing")
        different = [f for f in ENTRY_FIELDS if getattr(made, f) != getattr(entry, f)]
        if different:
            raise AssertionError(f"case {case.pk}: {different} differ from build_entry")
        checked += 1
    return {"sampled": checked, "equal_to_build_entry": True}


def app_path_rate(sample: int) -> dict:
    """How fast the app's own ``build_entry`` makes entries (rows already loaded, nothing
    written): what indexing every case one by one in Python would cost."""
    from danchu.core.search.registry import get_kind
    from danchu.core.search.services import build_entry
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND
    from danchu.petitions.models import Case

    kind = get_kind(CASE_SEARCH_KIND)
    cases = list(Case.objects.select_related("unit").order_by("pk")[:sample])
    started = time.perf_counter()
    for case in cases:
        build_entry(kind, case)
    seconds = time.perf_counter() - started
    return {
        "cases": len(cases),
        "seconds": round(seconds, 2),
        "entries_per_second": round(len(cases) / seconds) if seconds else None,
    }


def _without_gin_index() -> Callable[[], float]:
    """Drop the GIN index for the load; returns the function that builds it again (seconds)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [GIN_INDEX])
        row = cursor.fetchone()
        if row is None:
            raise RuntimeError(f"the index {GIN_INDEX} is missing")
        definition = row[0]
        cursor.execute(f'DROP INDEX "{GIN_INDEX}"')

    def rebuild() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(definition)
        return time.perf_counter() - started

    return rebuild


def add_cases(place: Place, total: int, *, today: date, chunk: int = CHUNK) -> dict:
    """``total`` cases and their search entries with COPY, ``chunk`` at a time (one transaction
    each); the GIN index is rebuilt at the end."""
    from django.db import transaction
    from django.utils import timezone

    from danchu.common.bulk_insert import insert_rows, reserve_ids
    from danchu.core.search.models import SearchEntry
    from danchu.petitions.models import Case

    maker = CaseMaker(today)
    rows = EntryRows()
    now = timezone.now()
    rebuild = _without_gin_index()
    make_seconds = copy_seconds = 0.0
    written = indexed = 0
    started = time.perf_counter()
    for start in range(0, total, chunk):
        size = min(chunk, total - start)
        with transaction.atomic():
            ids = reserve_ids(Case, size)
            t0 = time.perf_counter()
            cases, entries = _chunk(maker, rows, start, ids, place.communes, now)
            t1 = time.perf_counter()
            written += insert_rows(Case, CASE_COLUMNS, cases)
            indexed += insert_rows(SearchEntry, ENTRY_COLUMNS, entries)
            t2 = time.perf_counter()
        make_seconds += t1 - t0
        copy_seconds += t2 - t1
        if start and start % (chunk * 4) == 0:
            log(f"  {written:,} cases written")
    index_seconds = rebuild()
    seconds = time.perf_counter() - started
    return {
        "cases": written,
        "search_entries": indexed,
        "seconds": round(seconds, 1),
        "build_rows_seconds": round(make_seconds, 1),
        "copy_seconds": round(copy_seconds, 1),
        "gin_index_seconds": round(index_seconds, 1),
        "cases_per_second": round(written / seconds) if seconds else None,
    }


def reindex_sample(place: Place, sample: int) -> dict:
    """Re-index ``sample`` cases of the measured commune with ``search_index_many`` (the search
    module's bulk function: load, build, delete and upsert in batches of 1,000)."""
    from danchu.core.search.services import search_index_many
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND
    from danchu.petitions.models import Case

    pks = list(
        Case.objects.filter(unit=place.communes[0])
        .order_by("pk")
        .values_list("pk", flat=True)[:sample]
    )
    started = time.perf_counter()
    written = search_index_many(CASE_SEARCH_KIND, pks)
    seconds = time.perf_counter() - started
    return {
        "cases": len(pks),
        "entries_written": written,
        "seconds": round(seconds, 2),
        "entries_per_second": round(written / seconds) if seconds else None,
    }


def vacuum_analyze() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"  # tests: ANALYZE
    with connection.cursor() as cursor:
        for table in ("petitions_case", "search_searchentry"):
            cursor.execute(f'{command} "{table}"')


# --- timing --------------------------------------------------------------------------------------


def _fresh(user: Any) -> Any:
    """The user as a request would load it (its role scopes not yet cached)."""
    from danchu.core.access.models import User

    return User.objects.get(pk=user.pk)


def _timed(work: Callable[[Any], Any], user: Any, runs: int) -> tuple[list[float], Any, int]:
    """One warm-up, then ``runs`` timed calls of ``work(fresh user)``; the times, the last
    result and the number of SQL statements of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = work(_fresh(user))
    with CaptureQueriesContext(connection) as queries:
        work(_fresh(user))
    statements = len(queries) - 1  # the user's own load is not the search's
    times = []
    for _ in range(runs):
        actor = _fresh(user)
        started = time.perf_counter()
        result = work(actor)
        times.append(time.perf_counter() - started)
    return times, result, statements


def _figures(times: list[float]) -> dict:
    return {
        "median_ms": milliseconds(statistics.median(times)),
        "p95_ms": milliseconds(percentile(times, 0.95)),
        "min_ms": milliseconds(min(times)),
        "max_ms": milliseconds(max(times)),
    }


def time_search(place: Place, runs: int, queries: list[tuple[str, str]]) -> list[dict]:
    """``core.search.selectors.search`` for kind petitions.case as the commune's officer: the
    count, the page of 50 and the highlighted hits."""
    from danchu.core.search.selectors import search
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND

    results = []
    for label, query in queries:

        def run(actor: Any, query: str = query) -> Any:
            page = search(actor, query, kinds=[CASE_SEARCH_KIND])
            list(page.object_list)
            return page

        times, page, statements = _timed(run, place.officer, runs)
        figures = {
            "query": label,
            "text": query,
            "matches": page.paginator.count,
            "shown": len(page.object_list),
            "statements": statements,
            **_figures(times),
        }
        log(
            f"search {query!r}: {figures['matches']:,} matches, median {figures['median_ms']} ms, "
            f"p95 {figures['p95_ms']} ms"
        )
        results.append(figures)
    return results


def time_queue(place: Place, runs: int, today: date) -> list[dict]:
    """The work queue of the measured commune as the page reads it: ``queue_for`` (by deadline,
    open cases first) paginated (the count and one page of 50)."""
    from django.conf import settings
    from django.core.paginator import Paginator

    from danchu.petitions.selectors_workflow import queue_for

    commune = place.communes[0]
    results = []
    for label, filters, page_number in (
        ("queue, first page", {}, 1),
        ("queue, page 20", {}, 20),
        ("queue, overdue only", {"overdue": True}, 1),
        ("queue, complaints received", {"kind": "complaint", "status": "received"}, 1),
    ):

        def run(actor: Any, filters: dict = filters, number: int = page_number) -> Any:
            queryset = queue_for(actor, commune, today=today, **filters)
            page = Paginator(queryset, settings.DANCHU_PAGE_SIZE).get_page(number)
            list(page.object_list)
            return page

        times, page, statements = _timed(run, place.officer, runs)
        figures = {
            "query": label,
            "rows": page.paginator.count,
            "shown": len(page.object_list),
            "statements": statements,
            **_figures(times),
        }
        log(
            f"{label}: {figures['rows']:,} rows, median {figures['median_ms']} ms, "
            f"p95 {figures['p95_ms']} ms"
        )
        results.append(figures)
    return results


def a_tracking_code(place: Place) -> str:
    """The code of a case from the middle of the measured commune's cases."""
    from danchu.petitions.models import Case

    codes = Case.objects.filter(unit=place.communes[0]).order_by("pk")
    middle = codes.count() // 2
    return codes.values_list("tracking_code", flat=True)[middle] if middle else ""


def plan_of(place: Place, query: str) -> list[str]:
    """EXPLAIN ANALYZE of the search's page query as ``search`` sends it, the actor's scope
    lexemes included (PostgreSQL only)."""
    from django.db import connection

    from danchu.core.search.backends import match
    from danchu.core.search.domain.folding import query_terms
    from danchu.core.search.registry import get_kinds
    from danchu.core.search.selectors import scope_paths, visible_entries
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND

    if connection.vendor != "postgresql":
        return []
    actor, kinds = _fresh(place.officer), get_kinds([CASE_SEARCH_KIND])
    entries = match(
        visible_entries(actor, kinds), query_terms(query), scopes=scope_paths(actor, kinds)
    )
    return entries[:50].explain(analyze=True).splitlines()


def run(
    place: Place, *, cases: int, runs: int, sample: int, today: date, chunk: int = CHUNK
) -> dict:
    """Load, re-index a sample, and time; the figures."""
    log(f"writing {cases:,} cases and their search entries with COPY")
    load = add_cases(place, cases, today=today, chunk=chunk)
    log(
        f"{load['cases']:,} cases and {load['search_entries']:,} entries in {load['seconds']} s "
        f"(rows built {load['build_rows_seconds']} s, COPY {load['copy_seconds']} s, "
        f"GIN index {load['gin_index_seconds']} s)"
    )
    verified = verify_entries(2_000)
    log(f"{verified['sampled']:,} random entries equal to what build_entry makes of their cases")
    app_path = app_path_rate(sample)
    log(
        f"build_entry alone: {app_path['entries_per_second']:,} cases/s "
        f"({app_path['cases']:,} cases in {app_path['seconds']} s)"
    )
    reindex = reindex_sample(place, sample)
    log(
        f"search_index_many: {reindex['entries_written']:,} entries in {reindex['seconds']} s "
        f"= {reindex['entries_per_second']:,}/s"
    )
    vacuum_analyze()
    queries = [*QUERIES, ("a tracking code", a_tracking_code(place))]
    return {
        "load": load,
        "verified": verified,
        "build_entry": app_path,
        "search_index_many": reindex,
        "commune_cases": _count(place.communes[0]),
        "search": time_search(place, runs, queries),
        "queue": time_queue(place, runs, today),
        "plan_common_word": plan_of(place, QUERIES[0][1]),
    }


def _count(unit: Any) -> int:
    from danchu.petitions.models import Case

    return Case.objects.filter(unit=unit).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=166)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reindex-sample", type=int, default=5_000)
    args = parser.parse_args()
    started_at = datetime.now(UTC)
    tmp = Path(tempfile.mkdtemp(prefix="danchu-bench-petitions-"))
    (tmp / "static").mkdir()

    postgres.ensure_server(ROOT)
    database_url = postgres.recreate(DATABASE)
    os.environ.update(production_env(database_url, tmp, DANCHU_VAR_DIR=str(tmp)))
    os.environ.pop("REDIS_URL", None)

    import django
    from django.core.management import call_command
    from django.utils import timezone

    django.setup()
    log(f"migrating {DATABASE}")
    call_command("migrate", verbosity=0, interactive=False)
    place = build_places(args.communes)
    today = timezone.localdate()
    figures = run(place, cases=args.cases, runs=args.runs, sample=args.reindex_sample, today=today)
    total_seconds = (datetime.now(UTC) - started_at).total_seconds()
    result = {
        "set": "petitions-search",
        "started_at": started_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "commit": machine.git_commit(ROOT),
        "machine": {**machine.describe(sys.executable), "postgresql": postgres.server_version()},
        "volumes": {
            "cases": figures["load"]["cases"],
            "search_entries": figures["load"]["search_entries"],
            "communes": args.communes,
            "measured_commune_cases": figures["commune_cases"],
        },
        "config": {
            "runs": args.runs,
            "actor": "the measured commune's officer, a fresh User each run",
            "search": "core.search.selectors.search(kinds=['petitions.case']), page of 50",
            "queue": "selectors_workflow.queue_for paginated by 50",
            "settings": "danchu.settings.production, DEBUG off",
        },
        "total_seconds": round(total_seconds, 1),
        **{
            k: figures[k]
            for k in ("load", "verified", "build_entry", "search_index_many", "search", "queue")
        },
        "plan_common_word": figures["plan_common_word"],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{started_at:%Y%m%dT%H%M%S}-petitions-search.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {path.relative_to(ROOT)} ({result['total_seconds']} s in all)")
    print(json.dumps({k: result[k] for k in ("load", "search_index_many", "search", "queue")}))


if __name__ == "__main__":
    main()
