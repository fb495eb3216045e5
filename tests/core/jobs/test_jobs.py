"""Background jobs run on huey (its real SQLite storage in tests, Redis when REDIS_URL is set):
progress is recorded, the result is downloadable, a failure shows a Vietnamese message and can be
retried."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY

from danchu.core.audit.models import AuditEvent
from danchu.core.jobs.models import Job, JobStatus
from danchu.core.jobs.registry import JobError, JobFile, UnknownJobKind, register_job
from danchu.core.jobs.services import job_start

ATTEMPTS: dict[str, int] = {}


def count_rows(job, progress):
    total = job.params["rows"]
    for done in range(0, total + 1, 100):
        progress(done, total, f"{done} rows")
    return JobFile("ket-qua.csv", "Số hộ,Địa chỉ\n1,Thôn Một\n".encode())


def flaky(job, progress):
    ATTEMPTS[job.kind] = ATTEMPTS.get(job.kind, 0) + 1
    if ATTEMPTS[job.kind] == 1:
        raise JobError(_("The register file could not be read."))
    return None


def broken(job, progress):
    raise RuntimeError("database exploded")


register_job("tests.count_rows", count_rows, "Count rows")
register_job("tests.flaky", flaky, "Flaky")
register_job("tests.broken", broken, "Broken")


def _start(actor, kind, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=actor, kind=kind, params=params)
    job.refresh_from_db()
    return job


def test_runs_on_huey_with_progress_and_a_download(
    client, personas, django_capture_on_commit_callbacks
):
    officer = personas["officer_a"]
    job = _start(officer, "tests.count_rows", django_capture_on_commit_callbacks, rows=1000)
    assert job.status == JobStatus.SUCCEEDED
    assert (job.progress_done, job.progress_total, job.percent) == (1000, 1000, 100)
    assert job.task_id  # went through the django.tasks backend
    assert HUEY.storage.__class__.__name__ in ("SqliteStorage", "RedisStorage")
    assert AuditEvent.objects.filter(action="jobs.started", target_id=str(job.pk)).exists()
    client.force_login(officer)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "100%" in page and f"/jobs/{job.pk}/download/" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert b"".join(download.streaming_content).decode() == "Số hộ,Địa chỉ\n1,Thôn Một\n"


def test_failure_is_shown_in_vietnamese_and_can_be_retried(
    client, personas, django_capture_on_commit_callbacks
):
    officer = personas["officer_a"]
    job = _start(officer, "tests.flaky", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    client.force_login(officer)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Không đọc được" in page or _("The register file could not be read.") in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert AuditEvent.objects.filter(action="jobs.retried").count() == 1


def test_unexpected_errors_are_recorded_without_leaking_details(
    personas, django_capture_on_commit_callbacks
):
    job = _start(personas["officer_a"], "tests.broken", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert "database exploded" not in job.error and job.error


def test_jobs_are_private_to_who_started_them(client, personas, django_capture_on_commit_callbacks):
    job = _start(
        personas["officer_a"], "tests.count_rows", django_capture_on_commit_callbacks, rows=10
    )
    client.force_login(personas["chair_a"])
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 404


def test_unknown_kind_is_refused(personas):
    with pytest.raises(UnknownJobKind):
        job_start(actor=personas["officer_a"], kind="tests.nope")
    assert not Job.objects.exists()


def test_htmx_poll_returns_the_status_partial(client, personas, django_capture_on_commit_callbacks):
    job = _start(
        personas["officer_a"], "tests.count_rows", django_capture_on_commit_callbacks, rows=10
    )
    client.force_login(personas["officer_a"])
    body = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<section id="job-status"') and "<html" not in body


def test_a_double_retry_queues_once(personas, django_capture_on_commit_callbacks):
    from danchu.core.jobs.services import job_retry

    ATTEMPTS.pop("tests.flaky", None)
    job = _start(personas["officer_a"], "tests.flaky", django_capture_on_commit_callbacks)
    stale_copy = Job.objects.get(pk=job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        job_retry(actor=personas["officer_a"], job=job)
    with pytest.raises(JobError):
        job_retry(actor=personas["officer_a"], job=stale_copy)
    assert Job.objects.get(pk=job.pk).attempts == 2


def test_a_duplicate_task_does_not_run_the_job_again(personas, django_capture_on_commit_callbacks):
    from danchu.core.jobs.services import job_execute

    job = _start(
        personas["officer_a"], "tests.count_rows", django_capture_on_commit_callbacks, rows=10
    )
    assert job_execute(job.pk) == JobStatus.SUCCEEDED
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_a_job_whose_worker_died_can_be_retried(
    personas, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from danchu.core.jobs.services import job_retry

    job = _start(
        personas["officer_a"], "tests.count_rows", django_capture_on_commit_callbacks, rows=10
    )
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    with pytest.raises(JobError):
        job_retry(actor=personas["officer_a"], job=job)
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        job_retry(actor=personas["officer_a"], job=job)
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def export_register(job, progress):
    return JobFile("so-ho.csv", b"data")


register_job(
    "tests.export_register", export_register, "Export", view_permission="people.view_household"
)


def test_results_need_the_permission_still_held(
    client, personas, tree, django_capture_on_commit_callbacks
):
    officer = personas["officer_a"]
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=officer, kind="tests.export_register", unit=tree.commune_a)
    client.force_login(officer)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 200
    officer.role_assignments.update(valid_to="2025-12-31")
    client.force_login(officer)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
