"""Background work of notifications: fan-out batches, immediate sends, the daily digest.

The digest runs every day at ``DANCHU_DIGEST_HOUR``:``DANCHU_DIGEST_MINUTE`` (default 07:00)
in ``TIME_ZONE`` (Asia/Ho_Chi_Minh), as a huey periodic task of the consumer
(``danchu run_huey``). ``digest_send()`` in services runs it directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from danchu.core.jobs.taskapi import task


@task()
def fanout_batch(fanout_id: int, after_user_id: int) -> int:
    from danchu.core.notify.services import fanout_process_batch

    return fanout_process_batch(fanout_id, after_user_id)


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    from danchu.core.notify.models import Notification
    from danchu.core.notify.services import deliver_now

    return deliver_now(Notification.objects.filter(pk__in=notification_ids))


def local_crontab(hour: int, minute: int):
    """A huey crontab evaluated in the site's time zone (huey passes UTC times by default)."""
    matches = crontab(minute=str(minute), hour=str(hour))

    def validate(moment: datetime) -> bool:
        if HUEY.utc:
            zone = ZoneInfo(settings.TIME_ZONE)
            moment = moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
        return matches(moment)

    return validate


@db_periodic_task(
    local_crontab(
        getattr(settings, "DANCHU_DIGEST_HOUR", 7), getattr(settings, "DANCHU_DIGEST_MINUTE", 0)
    ),
    name="notify.daily_digest",
)
def daily_digest() -> dict[str, int]:
    from danchu.core.notify.services import digest_send

    report = digest_send()
    return {
        "people": report.people,
        "notifications": report.notifications,
        "messages": report.messages,
    }


@db_periodic_task(crontab(minute="*/10"), name="notify.resume_fanouts")
def resume_fanouts() -> int:
    """Re-enqueue the next batch of every unfinished fan-out older than ten minutes, in case a
    batch task was lost (a worker restart) or failed. Repeats are harmless: a batch whose cursor
    has moved on does nothing."""
    from danchu.core.notify.services import fanout_resume_stalled

    return fanout_resume_stalled()
