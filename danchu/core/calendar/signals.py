"""Drop the cached adjustments when an administrator changes them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from danchu.core.calendar.models import CalendarAdjustment
from danchu.core.calendar.workdays import clear_cache


@receiver(post_save, sender=CalendarAdjustment)
@receiver(post_delete, sender=CalendarAdjustment)
def _adjustment_changed(**kwargs) -> None:
    clear_cache()
