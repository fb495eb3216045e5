"""Jobs are visible to the person who started them."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.jobs.models import Job
from danchu.core.jobs.registry import job_kind


def access_job_by_id(actor: Any, job_id: int) -> Job:
    """The job if the actor started it and, for kinds that name a permission, still holds it
    over the job's unit (a result may hold personal data; an ended role loses it)."""
    job = Job.objects.filter(pk=job_id).select_related("unit").first()
    if (
        job is None
        or not getattr(actor, "is_authenticated", False)
        or job.created_by_id != actor.pk
    ):
        raise not_found()
    permission = job_kind(job.kind).view_permission
    if permission and not has_perm(actor, permission, job.unit):
        raise not_found()
    return job
