"""The one background task that runs every job."""

from __future__ import annotations

from danchu.core.jobs.taskapi import task


@task()
def run_job(job_id: int) -> str:
    from danchu.core.jobs.services import job_execute

    return job_execute(job_id)
