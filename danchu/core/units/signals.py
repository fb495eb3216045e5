"""Public unit pages are cached for anonymous visitors; any change to a unit invalidates them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from danchu.common.public_cache import bump
from danchu.core.units.models import Unit

PUBLIC_PAGES = "units"


@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
def _unit_changed(**kwargs) -> None:
    # After commit: a page rendered between the bump and the commit would otherwise be cached
    # under the new version with the old data.
    transaction.on_commit(lambda: bump(PUBLIC_PAGES))
