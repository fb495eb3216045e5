"""Benchmark: a notification to 10,000 residents, from the web request to the last row stored.

    .venv/bin/python bench/notify_fanout.py                 # 10,000 residents, 2 worker threads
    .venv/bin/python bench/notify_fanout.py --recipients 50000 --workers 4

What it does:

1. starts PostgreSQL if needed and recreates the database ``danchu_bench_notify``
   (bench/harness/postgres.py), migrates it, and builds one commune with 10 villages and
   ``--recipients`` users, each a current member of a household (built with bulk_create);
2. logs a commune officer in with Django's test client and times the POST to
   ``/notify/announce/`` (the full middleware stack, production settings, DEBUG off) after one
   warm-up GET: this request stores one FanOut row and one audit event and enqueues the first
   batch into a huey queue in a temporary SQLite file (tasks are NOT run at enqueue);
3. starts the huey consumer (``manage.py run_huey``, ``--workers`` threads) and waits until the
   fan-out is done and every resident's notification is stored, then stops it;
4. sends the daily digest in-process (one e-mail per resident, Django's locmem e-mail backend);
5. writes ``bench/results/<UTC time>-notify-fanout.json`` and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import machine, postgres  # noqa: E402
from bench.harness.environment import production_env  # noqa: E402

DATABASE = "danchu_bench_notify"
RESULTS = ROOT / "bench" / "results"
VILLAGES = 10
PER_HOUSEHOLD = 4
WORKER_TIMEOUT_SECONDS = 600


def log(message: str) -> None:
    print(f"[notify-fanout {time.strftime('%H:%M:%S')}] {message}", flush=True)


def environment(database_url: str, tmp: Path, workers: int) -> dict[str, str]:
    env = production_env(
        database_url,
        tmp,
        DANCHU_VAR_DIR=str(tmp),
        DANCHU_TASKS_IMMEDIATE="0",
        DANCHU_TASK_WORKERS=str(workers),
    )
    env.pop("REDIS_URL", None)
    return env


def build_data(recipients: int) -> dict:
    """One commune, its villages and ``recipients`` residents with logins, in bulk."""
    from danchu.core.access import roles
    from danchu.core.access.models import RoleAssignment, User
    from danchu.core.people.models import Household, HouseholdMember, Person
    from danchu.core.units.domain.kinds import Kind
    from danchu.core.units.models import Unit

    province = Unit(code="38", name="Tỉnh Thanh Hóa", kind=Kind.PROVINCE)
    province.save()
    commune = Unit(code="15271", name="Xã Hà Trung", kind=Kind.COMMUNE, parent=province)
    commune.save()
    villages = []
    for number in range(1, VILLAGES + 1):
        village = Unit(
            code=f"15271-{number:03d}", name=f"Thôn {number}", kind=Kind.VILLAGE, parent=commune
        )
        village.save()
        villages.append(village)
    officer = User.objects.create_user(phone="0901000002", password=None, full_name="Cán bộ xã")
    RoleAssignment.objects.create(
        user=officer, role_id=roles.COMMUNE_OFFICER, unit=commune, valid_from=date(2025, 7, 1)
    )
    persons = Person.objects.bulk_create(
        [Person(full_name=f"Người dân {i}").fill_derived() for i in range(recipients)],
        batch_size=2000,
    )
    households = Household.objects.bulk_create(
        [
            Household(village=villages[(i // PER_HOUSEHOLD) % VILLAGES], code=f"H{i:07d}")
            for i in range(0, recipients, PER_HOUSEHOLD)
        ],
        batch_size=2000,
    )
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(household=households[i // PER_HOUSEHOLD], person=person)
            for i, person in enumerate(persons)
        ],
        batch_size=2000,
    )
    User.objects.bulk_create(
        [
            User(
                phone=f"09{60000000 + i}",
                login=f"09{60000000 + i}",
                email=f"dan{i}@bench.danchu.example",
                person=person,
                password="!",
            )
            for i, person in enumerate(persons)
        ],
        batch_size=2000,
    )
    return {"officer_id": officer.pk, "commune_id": commune.pk, "households": len(households)}


def time_request(officer_id: int, commune_id: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danchu.core.access.models import User

    client = Client()
    client.force_login(User.objects.get(pk=officer_id))
    warm = client.get("/notify/announce/")
    assert warm.status_code == 200, warm.status_code
    form = {
        "unit": str(commune_id),
        "title": "Họp dân toàn xã về quy ước thôn",
        "body": "Chủ nhật lúc 8 giờ tại hội trường UBND xã.",
        "url": "/units/15271/",
    }
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post("/notify/announce/", form)
        seconds = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    fanout_id = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    return {"seconds": round(seconds, 4), "queries": len(queries), "fanout_id": fanout_id}


def run_worker(env: dict[str, str], python: str, fanout_id: int, expected: int, log_path: Path):
    from django.db import close_old_connections

    from danchu.core.notify.models import FanOut, Notification

    with log_path.open("w") as out:
        started = time.perf_counter()
        worker = subprocess.Popen(
            [python, "manage.py", "run_huey"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
        try:
            while True:
                close_old_connections()
                fanout = FanOut.objects.get(pk=fanout_id)
                if fanout.status == "done":
                    break
                if worker.poll() is not None:
                    raise RuntimeError(f"the huey consumer stopped; see {log_path}")
                if time.perf_counter() - started > WORKER_TIMEOUT_SECONDS:
                    raise TimeoutError("the fan-out did not finish in time")
                time.sleep(0.05)
            seconds = time.perf_counter() - started
        finally:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
    stored = Notification.objects.filter(fanout_id=fanout_id).count()
    assert stored == expected, (stored, expected)
    processing = (fanout.finished_at - fanout.started_at).total_seconds()
    return {
        "seconds_from_worker_start": round(seconds, 3),
        "seconds_first_to_last_batch": round(processing, 3),
        "batches": fanout.batches,
        "notifications_stored": stored,
    }


def run_digest() -> dict:
    from django.conf import settings
    from django.core import mail

    from danchu.core.notify.services import digest_send

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    started = time.perf_counter()
    report = digest_send()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "people": report.people,
        "emails": len(mail.outbox),
        "notifications": report.notifications,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    python = sys.executable
    started_at = datetime.now(UTC)
    tmp = Path(tempfile.mkdtemp(prefix="danchu-bench-notify-"))
    (tmp / "static").mkdir()

    postgres.ensure_server(ROOT)
    database_url = postgres.recreate(DATABASE)
    env = environment(database_url, tmp, args.workers)
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)

    import django
    from django.core.management import call_command

    django.setup()
    log(f"migrating {DATABASE}")
    call_command("migrate", verbosity=0, interactive=False)
    log(f"building {args.recipients:,} residents")
    build_started = time.perf_counter()
    data = build_data(args.recipients)
    build_seconds = time.perf_counter() - build_started
    postgres.analyze(DATABASE)

    from huey.contrib.djhuey import HUEY

    from danchu.core.notify.models import Notification
    from danchu.core.notify.services import batch_size

    log("timing the web request that starts the fan-out")
    request = time_request(data["officer_id"], data["commune_id"])
    assert not Notification.objects.exists(), "the request must not store the notifications"
    queued = HUEY.pending_count()
    log(
        f"request: {request['seconds'] * 1000:.1f} ms, "
        f"{request['queries']} queries, {queued} queued"
    )

    log(f"running the huey consumer ({args.workers} worker threads)")
    worker = run_worker(
        env, python, request["fanout_id"], args.recipients, tmp / "huey-consumer.log"
    )
    log(
        f"worker: {worker['notifications_stored']:,} stored in {worker['batches']} batches, "
        f"{worker['seconds_from_worker_start']} s from consumer start"
    )
    log("sending the daily digest (locmem e-mail)")
    digest = run_digest()
    log(f"digest: {digest['emails']:,} e-mails in {digest['seconds']} s")

    result = {
        "set": "notify-fanout",
        "started_at": started_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "commit": machine.git_commit(ROOT),
        "machine": {**machine.describe(python), "postgresql": postgres.server_version()},
        "volumes": {
            "recipients": args.recipients,
            "households": data["households"],
            "villages": VILLAGES,
        },
        "config": {
            "workers": args.workers,
            "batch_size": batch_size(),
            "queue": "huey SqliteHuey in a temporary file",
        },
        "build_seconds": round(build_seconds, 3),
        "request": {
            "seconds": request["seconds"],
            "queries": request["queries"],
            "tasks_queued": queued,
            "under_one_second": request["seconds"] < 1.0,
        },
        "worker": worker,
        "digest": digest,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{started_at:%Y%m%dT%H%M%S}-notify-fanout.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {path.relative_to(ROOT)}")
    print(json.dumps({k: result[k] for k in ("request", "worker", "digest")}, indent=1))


if __name__ == "__main__":
    main()
