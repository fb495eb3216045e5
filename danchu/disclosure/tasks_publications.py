"""Background work of publications: scheduled publishing, the end of posting periods and the
notifications to followers.

The periodic tasks run in the huey consumer (``danchu run_huey``): scheduled publications are
published every minute, posting periods are ended every hour (both are idempotent). This module
is imported by ``publications_setup.register()`` so that huey knows the tasks.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from danchu.core.jobs.taskapi import task


@db_periodic_task(crontab(minute="*"), name="disclosure.publish_scheduled")
def publish_scheduled() -> int:
    from danchu.disclosure.services_publications import publications_publish_due

    return publications_publish_due()


@db_periodic_task(crontab(minute="5"), name="disclosure.end_postings")
def end_postings() -> int:
    from danchu.disclosure.services_publications import postings_end_due

    return postings_end_due()


@task()
def notify_followers(publication_id: int, actor_id: int | None) -> int:
    """Notify the people who follow the publication's unit (all items, or this item), in
    batches of the notification service's batch size. Returns how many were notified."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from danchu.core.access.models import User
    from danchu.core.notify.services import batch_size, notify_send
    from danchu.disclosure.models import Follow, Publication
    from danchu.disclosure.services_publications import NOTIFY_KIND

    publication = (
        Publication.objects.select_related("unit", "current_version")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None or publication.current_version is None:
        return 0
    followers = (
        Follow.objects.filter(unit_id=publication.unit_id)
        .filter(Q(item__isnull=True) | Q(item_id=publication.item_id))
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    version = publication.current_version
    size = batch_size()
    ids = list(followers)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(unit)s published: %(title)s") % {
            "unit": publication.unit.name,
            "title": version.title,
        }
        url = reverse("disclosure:publication_detail", args=[publication.pk])
        for start in range(0, len(ids), size):
            notify_send(
                actor=actor,
                kind=NOTIFY_KIND,
                recipients=ids[start : start + size],
                title=title,
                body=version.summary,
                url=url,
            )
    return len(ids)
