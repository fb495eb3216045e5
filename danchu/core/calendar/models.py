"""Per-year official adjustments to the working-day calendar (LAW.md §4.5).

The Prime Minister fixes the exact Tết days and the day next to National Day each year, and
the Government announces swapped working days (Labour Code Art. 112(3)). An administrator
enters them here, on top of the statutory holidays from the ``holidays`` package.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdjustmentKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Working day (swapped)")


class CalendarAdjustment(models.Model):
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AdjustmentKind.choices)
    reason = models.CharField(_("reason"), max_length=255)
    source = models.CharField(
        _("legal source"), max_length=255, blank=True, help_text=_("e.g. the notice that set it")
    )

    class Meta:
        verbose_name = _("calendar adjustment")
        verbose_name_plural = _("calendar adjustments")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
