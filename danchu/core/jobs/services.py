"""Starting, running and retrying jobs."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.jobs.models import Job, JobStatus
from danchu.core.jobs.registry import JobError, JobFile, job_kind

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5


def _enqueue(job: Job) -> None:
    from danchu.core.jobs.tasks import run_job

    def send() -> None:
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


def job_start(
    *, actor: Any, kind: str, params: dict[str, Any] | None = None, unit: Any = None
) -> Job:
    """Record a job and hand it to the workers once the caller's transaction commits."""
    job_kind(kind)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            params=params or {},
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            unit=unit,
        )
        audit_record(actor=actor, action="jobs.started", target=job, unit=unit, data={"kind": kind})
        _enqueue(job)
    return job


def job_retry(*, actor: Any, job: Job) -> Job:
    """Queue a failed job again, or one whose worker died: still RUNNING after
    ``DANCHU_JOB_STALE_MINUTES`` (default 60). A double click queues it once."""
    if job.created_by_id not in (None, getattr(actor, "pk", None)):
        raise NotPermitted()
    permission = job_kind(job.kind).view_permission
    if permission and not has_perm(actor, permission, job.unit):
        raise NotPermitted()  # the role that allowed the job has ended
    stale_before = timezone.now() - timedelta(
        minutes=getattr(settings, "DANCHU_JOB_STALE_MINUTES", 60)
    )
    retryable = Q(status=JobStatus.FAILED) | Q(
        status=JobStatus.RUNNING, started_at__lt=stale_before
    )
    with transaction.atomic():
        claimed = Job.objects.filter(retryable, pk=job.pk).update(
            status=JobStatus.QUEUED, error="", message="", progress_done=0, task_id=""
        )
        if not claimed:
            raise JobError(_("Only a failed job can be retried."))
        audit_record(actor=actor, action="jobs.retried", target=job, unit=job.unit)
        _enqueue(job)
    job.refresh_from_db()
    return job


def _progress_reporter(job: Job) -> Callable[[int, int, str], None]:
    last = [0.0]

    def report(done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_SECONDS and done < total:
            return
        last[0] = now
        Job.objects.filter(pk=job.pk).update(
            progress_done=done, progress_total=total, message=str(message)[:255]
        )

    return report


def job_execute(job_id: int) -> str:
    """Run the job's handler (in a worker). Returns the final status.

    The person's acts (starting and retrying a job) are audited; the worker's progress and
    outcome are the job row itself, and the handler audits what it changes through services."""
    job = Job.objects.get(pk=job_id)
    # Claim the job: only one worker moves it from QUEUED to RUNNING (a duplicate or stale task
    # finds nothing to claim).
    claimed = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return Job.objects.values_list("status", flat=True).get(pk=job.pk)
    try:
        produced = job_kind(job.kind).handler(job, _progress_reporter(job))
    except JobError as exc:
        _fail(job, str(exc))
        return JobStatus.FAILED
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("An unexpected error stopped the job. It has been logged; you can retry it."))
        return JobStatus.FAILED
    job.refresh_from_db()
    if isinstance(produced, JobFile):
        job.result_name = produced.name
        job.result_file.save(produced.name, ContentFile(produced.content), save=False)
    job.status = JobStatus.SUCCEEDED
    job.finished_at = timezone.now()
    if job.progress_total:
        job.progress_done = job.progress_total
    job.save()
    return JobStatus.SUCCEEDED


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, error=message, finished_at=timezone.now()
    )
