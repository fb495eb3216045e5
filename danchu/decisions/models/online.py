"""The preliminary poll before an online vote (ND 59/2023 Art. 5(2)(c)): each household's
representative says whether the village should vote online."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.decisions.models.matters import Choice


class OnlinePollResponse(models.Model):
    matter = models.ForeignKey(
        "decisions.Matter", on_delete=models.CASCADE, related_name="poll_responses"
    )
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    other_opinion = models.CharField(_("other opinion"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer to the online-voting poll")
        verbose_name_plural = _("answers to the online-voting poll")
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "household"], name="one_poll_answer_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}/{self.household_id}: {self.choice}"
