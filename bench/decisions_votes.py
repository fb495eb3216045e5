"""Benchmark: online household votes accepted per second, and closing a matter of 100,000 votes.

    .venv/bin/python bench/decisions_votes.py    # 5,000 households; 1-8-16 threads, 8-16 processes
    .venv/bin/python bench/decisions_votes.py --households 20000 --threads 8 16 \\
        --tally-households 100000 --runs 7

What it does:

1. starts PostgreSQL if needed and recreates the database ``danchu_bench_votes``
   (bench/harness/postgres.py), migrates it with production settings (DEBUG off), and builds one
   commune with two villages, each with its village head: ``--households`` households in the
   voting village, each with a representative Person and that person's login (a real User,
   written with COPY through danchu/common/bulk_insert.py), and ``--tally-households``
   households in the tally village;
2. records one vote on a matter of its own and counts its SQL statements, and how many of them
   run while the matter row is locked and while the audit chain is locked;
3. for each thread count: proposes a matter of kind "other" to be decided online, records the
   Front head's agreement, passes the poll on voting online (as tests/decisions/factories.py
   does) and opens it with ``services.matter_open``; then ``T`` threads (``--threads``) or
   forked processes (``--processes``, as gunicorn's sync workers), each with its own database
   connection, call ``services.vote_record`` with channel "online" for distinct
   households, the actor being the household representative's own User (loaded fresh for every
   vote, as a web request would). Reports accepted votes per second and the latency of each
   call; then re-submits a sample of households from every thread at once and checks that all
   are refused; then checks that nothing was lost or doubled: one row per household, the
   stored counts equal to a GROUP BY of the rows, one audit event per vote;
4. opens an online matter in the tally village, writes one HouseholdVote per household with COPY
   and sets the stored counts to match, then times ``services.matter_close`` (which decides from
   the stored counts) and, for contrast, a full recount (``GROUP BY choice`` over the matter's
   votes), each the median of ``--runs`` runs (the matter is put back to "open" between runs);
5. walks the whole audit chain (``audit_verify``) to show concurrent votes kept it intact;
6. writes ``bench/results/<UTC time>-decisions-votes.json`` and prints the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import machine, postgres  # noqa: E402
from bench.harness.environment import production_env  # noqa: E402

DATABASE = "danchu_bench_votes"
RESULTS = ROOT / "bench" / "results"
FRONT_HEAD = "Trưởng ban công tác Mặt trận"
# Every tenth household: six agree, three disagree, one gives another opinion.
CHOICE_CYCLE = ("agree",) * 6 + ("disagree",) * 3 + ("other",)
DUPLICATES_PER_THREAD = 25


def log(message: str) -> None:
    print(f"[decisions-votes {time.strftime('%H:%M:%S')}] {message}", flush=True)


def choice_for(index: int) -> str:
    return CHOICE_CYCLE[index % len(CHOICE_CYCLE)]


def expected_counts(total: int) -> dict[str, int]:
    counts = {"agree": 0, "disagree": 0, "other": 0}
    for index in range(total):
        counts[choice_for(index)] += 1
    return counts


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def milliseconds(seconds: float) -> float:
    return round(seconds * 1000, 2)


@dataclass
class Place:
    commune: Any
    voting_village: Any
    tally_village: Any
    voting_head: Any
    tally_head: Any


def build_places() -> Place:
    """Province 38, one commune, two villages, and a village head for each."""
    from danchu.core.access import roles
    from danchu.core.access.models import RoleAssignment, User
    from danchu.core.units.domain.kinds import Kind
    from danchu.core.units.models import Unit

    province = Unit(code="38", name="Tỉnh Thanh Hóa", kind=Kind.PROVINCE)
    province.save()
    commune = Unit(code="15271", name="Xã Hà Trung", kind=Kind.COMMUNE, parent=province)
    commune.save()
    villages = []
    heads = []
    for number in (1, 2):
        village = Unit(
            code=f"15271-{number:03d}", name=f"Thôn {number}", kind=Kind.VILLAGE, parent=commune
        )
        village.save()
        head = User.objects.create_user(
            phone=f"09010000{number:02d}", password=None, full_name=f"Trưởng thôn {number}"
        )
        RoleAssignment.objects.create(
            user=head, role_id=roles.VILLAGE_HEAD, unit=village, valid_from=date(2025, 7, 1)
        )
        villages.append(village)
        heads.append(head)
    return Place(commune, villages[0], villages[1], heads[0], heads[1])


def add_households(village: Any, count: int, *, logins: bool, prefix: str) -> int:
    """``count`` households in ``village`` with COPY (danchu.common.bulk_insert). With
    ``logins``, each has a representative Person who has a User; without, no persons."""
    from django.db import transaction
    from django.utils import timezone

    from danchu.common.bulk_insert import insert_rows, reserve_ids
    from danchu.common.text import fold
    from danchu.core.access.models import User
    from danchu.core.people.models import Household, Person

    now = timezone.now()
    with transaction.atomic():
        household_ids = reserve_ids(Household, count)
        person_ids: list[int | None] = [None] * count
        if logins:
            person_ids = list(reserve_ids(Person, count))
            names = [f"Nguyễn Văn {prefix}{i}" for i in range(count)]
            insert_rows(
                Person,
                ("id", "created_at", "updated_at", "full_name", "full_name_folded", "gender",
                 "phone"),
                ((pk, now, now, name, fold(name)[:150], "", "")
                 for pk, name in zip(person_ids, names, strict=True)),
            )  # fmt: skip
        insert_rows(
            Household,
            ("id", "created_at", "updated_at", "village", "code", "address", "representative"),
            ((pk, now, now, village.pk, f"{prefix}{i:07d}", "", person)
             for i, (pk, person) in enumerate(zip(household_ids, person_ids, strict=True))),
        )  # fmt: skip
        if logins:
            user_ids = reserve_ids(User, count)
            insert_rows(
                User,
                ("id", "password", "is_superuser", "login", "phone", "full_name", "person",
                 "is_active", "is_staff", "date_joined"),
                ((pk, "!", False, f"08{i:08d}", f"08{i:08d}", f"Nguyễn Văn {prefix}{i}", person,
                  True, False, now)
                 for i, (pk, person) in enumerate(zip(user_ids, person_ids, strict=True))),
            )  # fmt: skip
    return count


def open_online_matter(head: Any, village: Any, title: str) -> Any:
    """A matter of kind "other" decided online, proposed with the Front head's agreement, its
    poll on voting online passed (as tests/decisions/factories.py does) and opened."""
    from django.utils import timezone

    from danchu.core.people.models import Household
    from danchu.decisions import services
    from danchu.decisions.models import DecisionForm, Matter, MatterKind, MatterStatus

    matter = services.matter_create(
        actor=head,
        village=village,
        kind=MatterKind.OTHER,
        form=DecisionForm.ONLINE,
        title=title,
    )
    services.front_agreement_record(
        actor=head, matter=matter, agreed_by=FRONT_HEAD, agreed_on=timezone.localdate()
    )
    households = Household.objects.current().filter(village=village).count()
    Matter.objects.filter(pk=matter.pk).update(
        status=MatterStatus.POLL,
        poll_opened_at=timezone.now(),
        poll_closed_at=timezone.now(),
        poll_chose_online=households,
    )
    matter.refresh_from_db()
    return services.matter_open(actor=head, matter=matter)


def load_voters(village: Any) -> list[tuple[Any, Any]]:
    """(household, its representative's User), a fresh User object for each vote."""
    from danchu.core.access.models import User
    from danchu.core.people.models import Household

    households = list(Household.objects.current().filter(village=village).order_by("pk"))
    users = {
        u.person_id: u for u in User.objects.filter(person__represented_households__village=village)
    }
    return [(h, users[h.representative_id]) for h in households]


def _run_threads(work: list[list[Any]], target: Any) -> float:
    """Run ``target(items, out)`` for each slice of ``work`` in its own thread, all released at
    once; return the wall time. One slice runs in the calling thread (as the tests do)."""
    from django.db import connection

    if len(work) == 1:
        started = time.perf_counter()
        target(work[0])
        return time.perf_counter() - started
    barrier = threading.Barrier(len(work) + 1)
    failures: list[BaseException] = []

    def run(items: list[Any]) -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            target(items)
        except BaseException as error:  # noqa: BLE001 - reported in the calling thread
            failures.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(items,)) for items in work]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise failures[0]
    return seconds


def _vote_all(matter: Any, items: list[tuple[int, tuple[Any, Any]]]) -> tuple[list, list]:
    """Cast the online vote of each (index, (household, user)); latencies and refusals."""
    from danchu.core.access.errors import NotPermitted
    from danchu.decisions.models import VoteChannel
    from danchu.decisions.services import DecisionError, vote_record

    latencies: list[float] = []
    refused: list[str] = []
    for index, (household, user) in items:
        started = time.perf_counter()
        try:
            vote_record(
                actor=user,
                matter=matter,
                household=household,
                choice=choice_for(index),
                channel=VoteChannel.ONLINE,
            )
        except (DecisionError, NotPermitted) as error:
            refused.append(f"{household.pk}: {error!r}")
        latencies.append(time.perf_counter() - started)
    return latencies, refused


def _figures(mode: str, workers: int, votes: int, seconds: float, latencies, refused) -> dict:
    accepted = votes - len(refused)
    return {
        "mode": mode,
        "workers": workers,
        "votes": votes,
        "accepted": accepted,
        "refused": len(refused),
        "refusals": refused[:5],
        "seconds": round(seconds, 3),
        "accepted_per_second": round(accepted / seconds, 1),
        "latency_ms": {
            "p50": milliseconds(percentile(latencies, 0.50)),
            "p95": milliseconds(percentile(latencies, 0.95)),
            "p99": milliseconds(percentile(latencies, 0.99)),
            "max": milliseconds(max(latencies)),
        },
    }


def cast_votes(matter: Any, voters: list[tuple[Any, Any]], threads: int) -> dict:
    """Every household votes online once, ``threads`` threads of this process at a time (each
    with its own connection); the latency of each vote_record call."""
    indexed = list(enumerate(voters))
    latencies: list[float] = []
    refused: list[str] = []
    lock = threading.Lock()

    def vote(items: list[tuple[int, tuple[Any, Any]]]) -> None:
        mine, errors = _vote_all(matter, items)
        with lock:
            latencies.extend(mine)
            refused.extend(errors)

    seconds = _run_threads([indexed[t::threads] for t in range(threads)], vote)
    return _figures("threads", threads, len(voters), seconds, latencies, refused)


def cast_votes_in_processes(matter: Any, village: Any, processes: int) -> dict:
    """As :func:`cast_votes`, from ``processes`` forked processes, one connection each: the way
    gunicorn's sync workers serve the web requests (no shared interpreter lock)."""
    import multiprocessing

    from django.db import connection, connections

    context = multiprocessing.get_context("fork")
    connections.close_all()  # a child must never use the parent's socket
    barrier = context.Barrier(processes + 1, timeout=300)
    queue = context.Queue()

    def child(slot: int) -> None:
        try:
            items = list(enumerate(load_voters(village)))[slot::processes]
            connection.ensure_connection()
            barrier.wait()
            queue.put(("ok", *_vote_all(matter, items)))
        except BaseException as error:  # noqa: BLE001 - reported by the parent
            queue.put(("error", repr(error), []))
            barrier.abort()
        finally:
            connection.close()

    children = [context.Process(target=child, args=(slot,)) for slot in range(processes)]
    for process in children:
        process.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
    started = time.perf_counter()
    latencies: list[float] = []
    refused: list[str] = []
    failures = []
    for _ in children:
        status, first, second = queue.get(timeout=1800)
        if status == "error":
            failures.append(first)
        else:
            latencies.extend(first)
            refused.extend(second)
    seconds = time.perf_counter() - started
    for process in children:
        process.join(timeout=60)
    if failures:
        raise RuntimeError(f"a voting process failed: {failures[0]}")
    return _figures("processes", processes, len(latencies), seconds, latencies, refused)


def resubmit(matter: Any, voters: list[tuple[Any, Any]], threads: int, per_thread: int) -> dict:
    """The same households vote again from every thread at once: all must be refused."""
    from danchu.decisions.models import VoteChannel
    from danchu.decisions.services import DecisionError, vote_record

    sample = voters[:per_thread]
    accepted: list[int] = []
    refused: list[int] = []
    lock = threading.Lock()

    def vote_again(items: list[tuple[Any, Any]]) -> None:
        for household, user in items:
            try:
                vote_record(
                    actor=user,
                    matter=matter,
                    household=household,
                    choice="disagree",
                    channel=VoteChannel.ONLINE,
                )
            except DecisionError:
                with lock:
                    refused.append(household.pk)
            else:
                with lock:
                    accepted.append(household.pk)

    _run_threads([list(sample) for _ in range(threads)], vote_again)
    return {"attempts": len(sample) * threads, "accepted": len(accepted), "refused": len(refused)}


def verify(matter: Any, expected: dict[str, int]) -> dict:
    """No vote lost, none doubled: rows, distinct households, stored counts, audit events."""
    from django.db.models import Count

    from danchu.core.audit.models import AuditEvent
    from danchu.decisions.models import HouseholdVote, Matter

    matter = Matter.objects.get(pk=matter.pk)
    votes = HouseholdVote.objects.filter(matter=matter)
    rows = votes.count()
    households = votes.values("household").distinct().count()
    grouped = dict(votes.values_list("choice").annotate(n=Count("id")).order_by())
    stored = {
        "agree": matter.agree_count,
        "disagree": matter.disagree_count,
        "other": matter.other_count,
    }
    events = AuditEvent.objects.filter(
        action="decisions.vote_recorded", target_id=str(matter.pk)
    ).count()
    total = sum(expected.values())
    figures = {
        "rows": rows,
        "distinct_households": households,
        "stored_counts": stored,
        "counted_rows": {c: grouped.get(c, 0) for c in stored},
        "audit_events": events,
    }
    problems = []
    if rows != total or households != total:
        problems.append(f"{rows} rows for {households} households, expected {total}")
    if stored != expected or figures["counted_rows"] != expected:
        problems.append(f"counts {stored} / rows {grouped}, expected {expected}")
    if events != total:
        problems.append(f"{events} audit events, expected {total}")
    if problems:
        raise AssertionError("; ".join(problems))
    figures["ok"] = True
    return figures


def add_votes(matter: Any, village: Any) -> dict[str, int]:
    """One online vote per household of ``village`` with COPY; the stored counts to match."""
    from django.db import transaction
    from django.utils import timezone

    from danchu.common.bulk_insert import insert_rows, reserve_ids
    from danchu.core.people.models import Household
    from danchu.decisions.models import HouseholdVote, Matter

    household_ids = list(
        Household.objects.current()
        .filter(village=village)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counts = expected_counts(len(household_ids))
    now = timezone.now()
    with transaction.atomic():
        vote_ids = reserve_ids(HouseholdVote, len(household_ids))
        insert_rows(
            HouseholdVote,
            ("id", "matter", "household", "choice", "other_opinion", "channel", "cast_at"),
            ((pk, matter.pk, household, choice_for(i), "", "online", now)
             for i, (pk, household) in enumerate(zip(vote_ids, household_ids, strict=True))),
        )  # fmt: skip
        Matter.objects.filter(pk=matter.pk).update(
            agree_count=counts["agree"],
            disagree_count=counts["disagree"],
            other_count=counts["other"],
        )
    return counts


def time_tally(head: Any, matter: Any, runs: int) -> dict:
    """matter_close (decides from the stored counts) and a full recount, median of ``runs``."""
    from django.db.models import Count

    from danchu.decisions import services
    from danchu.decisions.models import HouseholdVote, Matter, MatterStatus

    close_times = []
    outcome = ""
    for _ in range(runs):
        Matter.objects.filter(pk=matter.pk).update(status=MatterStatus.OPEN, closed_at=None)
        fresh = Matter.objects.get(pk=matter.pk)
        started = time.perf_counter()
        closed = services.matter_close(actor=head, matter=fresh)
        close_times.append(time.perf_counter() - started)
        outcome = closed.status
    recount_times = []
    recount: dict[str, int] = {}
    for _ in range(runs):
        started = time.perf_counter()
        recount = dict(
            HouseholdVote.objects.filter(matter_id=matter.pk)
            .values_list("choice")
            .annotate(n=Count("id"))
            .order_by()
        )
        recount_times.append(time.perf_counter() - started)
    matter = Matter.objects.get(pk=matter.pk)
    stored = {
        "agree": matter.agree_count,
        "disagree": matter.disagree_count,
        "other": matter.other_count,
    }
    if recount != stored:
        raise AssertionError(f"recount {recount} differs from the stored counts {stored}")
    return {
        "runs": runs,
        "ballots": sum(stored.values()),
        "eligible_households": matter.eligible_households,
        "outcome": outcome,
        "close_ms": {
            "median": milliseconds(statistics.median(close_times)),
            "min": milliseconds(min(close_times)),
            "max": milliseconds(max(close_times)),
        },
        "recount_ms": {
            "median": milliseconds(statistics.median(recount_times)),
            "min": milliseconds(min(recount_times)),
            "max": milliseconds(max(recount_times)),
        },
        "counts": stored,
    }


def probe_one_vote(place: Place) -> dict:
    """The SQL of one online vote, on a matter of its own: how many statements, and how many
    of them run while the matter row is locked (from SELECT ... FOR UPDATE to COMMIT)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danchu.decisions.models import VoteChannel
    from danchu.decisions.services import vote_record

    matter = open_online_matter(place.voting_head, place.voting_village, "Thăm dò một phiếu")
    household, user = load_voters(place.voting_village)[0]
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        vote_record(
            actor=user,
            matter=matter,
            household=household,
            choice="agree",
            channel=VoteChannel.ONLINE,
        )
        seconds = time.perf_counter() - started
    statements = [q["sql"] for q in queries.captured_queries]
    locked_from = next(i for i, sql in enumerate(statements) if sql.endswith("FOR UPDATE"))
    audit_from = next(i for i, sql in enumerate(statements) if "pg_advisory_xact_lock" in sql)
    return {
        "statements": len(statements),
        "with_matter_row_locked": len(statements) - locked_from,
        "with_audit_chain_locked": len(statements) - audit_from,
        "ms": milliseconds(seconds),
    }


def run_votes(place: Place, households: int, runs: list[tuple[str, int]]) -> list[dict]:
    """For each (mode, workers), "threads" or "processes": a fresh matter, every household
    votes once, then duplicates are tried and the result is verified."""
    results = []
    expected = expected_counts(households)
    for mode, workers in runs:
        label = f"{workers} {mode}"
        matter = open_online_matter(
            place.voting_head, place.voting_village, f"Lắp đèn đường thôn 1 ({label})"
        )
        log(f"{label}: {households:,} households vote online")
        load_before = os.getloadavg()[0]
        if mode == "processes":
            figures = cast_votes_in_processes(matter, place.voting_village, workers)
        else:
            figures = cast_votes(matter, load_voters(place.voting_village), workers)
        figures["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        log(
            f"{label}: {figures['accepted']:,} accepted in {figures['seconds']} s = "
            f"{figures['accepted_per_second']}/s, p50 {figures['latency_ms']['p50']} ms, "
            f"p95 {figures['latency_ms']['p95']} ms (load {figures['load_average_1min']})"
        )
        figures["resubmitted"] = resubmit(
            matter, load_voters(place.voting_village), workers, DUPLICATES_PER_THREAD
        )
        if figures["resubmitted"]["accepted"]:
            raise AssertionError(f"a second vote was accepted: {figures['resubmitted']}")
        figures["verified"] = verify(matter, expected)
        results.append(figures)
    return results


def run_tally(place: Place, runs: int, after_insert: Any = None) -> dict:
    """An open online matter with one ballot per household of the tally village, timed."""
    matter = open_online_matter(place.tally_head, place.tally_village, "Làm nhà văn hóa thôn 2")
    add_votes(matter, place.tally_village)
    if after_insert is not None:
        after_insert()
    return time_tally(place.tally_head, matter, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=5_000)
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 8, 16])
    parser.add_argument("--processes", type=int, nargs="*", default=[8, 16])
    parser.add_argument("--tally-households", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    started_at = datetime.now(UTC)
    tmp = Path(tempfile.mkdtemp(prefix="danchu-bench-votes-"))
    (tmp / "static").mkdir()

    postgres.ensure_server(ROOT)
    database_url = postgres.recreate(DATABASE)
    os.environ.update(production_env(database_url, tmp, DANCHU_VAR_DIR=str(tmp)))
    os.environ.pop("REDIS_URL", None)

    import django
    from django.core.management import call_command

    django.setup()
    log(f"migrating {DATABASE}")
    call_command("migrate", verbosity=0, interactive=False)
    log(
        f"building {args.households:,} households with representatives and logins, "
        f"and {args.tally_households:,} households for the tally"
    )
    build_started = time.perf_counter()
    place = build_places()
    add_households(place.voting_village, args.households, logins=True, prefix="A")
    add_households(place.tally_village, args.tally_households, logins=False, prefix="B")
    build_seconds = time.perf_counter() - build_started
    postgres.analyze(DATABASE)

    probe = probe_one_vote(place)
    log(
        f"one vote: {probe['statements']} statements, {probe['with_matter_row_locked']} of them "
        f"with the matter row locked, {probe['ms']} ms"
    )
    runs = [("threads", n) for n in args.threads] + [("processes", n) for n in args.processes]
    votes = run_votes(place, args.households, runs)

    log(f"tally: {args.tally_households:,} ballots written with COPY")
    tally = run_tally(place, args.runs, after_insert=lambda: postgres.analyze(DATABASE))
    log(
        f"tally: matter_close {tally['close_ms']['median']} ms, "
        f"recount {tally['recount_ms']['median']} ms (median of {args.runs})"
    )

    from danchu.core.audit.services import audit_verify

    log("walking the audit chain")
    chain_started = time.perf_counter()
    checked, broken = audit_verify()
    chain = {
        "events": checked,
        "intact": broken is None,
        "seconds": round(time.perf_counter() - chain_started, 3),
    }
    if broken is not None:
        raise AssertionError(f"the audit chain is broken at event {broken}")

    result = {
        "set": "decisions-votes",
        "started_at": started_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "commit": machine.git_commit(ROOT),
        "machine": {**machine.describe(sys.executable), "postgresql": postgres.server_version()},
        "volumes": {
            "voting_households": args.households,
            "tally_households": args.tally_households,
            "tally_ballots": tally["ballots"],
        },
        "config": {
            "threads": args.threads,
            "processes": args.processes,
            "runs": args.runs,
            "choices": "6 agree, 3 disagree, 1 other in every 10 households",
            "actor": "the representative's own User, loaded fresh for every vote",
            "settings": "danchu.settings.production, DEBUG off",
        },
        "build_seconds": round(build_seconds, 3),
        "one_vote": probe,
        "votes": votes,
        "tally": tally,
        "audit_chain": chain,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{started_at:%Y%m%dT%H%M%S}-decisions-votes.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {path.relative_to(ROOT)}")
    print(
        json.dumps({k: result[k] for k in ("one_vote", "votes", "tally", "audit_chain")}, indent=1)
    )


if __name__ == "__main__":
    main()
