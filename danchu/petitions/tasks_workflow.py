"""Background work of the workflows: the daily deadline alerts and escalation of overdue cases.

The periodic task runs in the huey consumer (``danchu run_huey``) every day at 06:30 in the
site's time zone; ``services_workflow.petitions_alerts_run()`` runs it directly (idempotent:
each alert is sent once per case and deadline), as does ``danchu petitions_alerts``."""

from __future__ import annotations

from huey.contrib.djhuey import db_periodic_task

from danchu.core.notify.tasks import local_crontab


def _run() -> dict[str, int]:
    from danchu.petitions.services_workflow import petitions_alerts_run

    report = petitions_alerts_run()
    return {"near": report.near, "overdue": report.overdue}


@db_periodic_task(local_crontab(6, 30), name="petitions.deadline_alerts")
def petitions_alerts() -> dict[str, int]:
    return _run()
