"""Jobs are visible to the person who started them."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.jobs.models import Job


def access_job_by_id(actor: Any, job_id: int) -> Job:
    job = Job.objects.filter(pk=job_id).first()
    if (
        job is None
        or not getattr(actor, "is_authenticated", False)
        or job.created_by_id != actor.pk
    ):
        raise not_found()
    return job
