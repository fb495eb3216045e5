"""Matters the community decides, and the one voice of each household on each matter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.decisions.domain import rules


class MatterKind(models.TextChoices):
    CONTRIBUTION = rules.CONTRIBUTION, _("Contributions to public works (Art. 15(1))")
    COMMUNITY_FUND = rules.COMMUNITY_FUND, _("Community funds and contributions (Art. 15(2))")
    VILLAGE_CODE = rules.VILLAGE_CODE, _("Village code (Art. 15(3))")
    VILLAGE_HEAD = rules.VILLAGE_HEAD, _("Village head (Art. 15(4))")
    BOARD_MEMBER = rules.BOARD_MEMBER, _("Inspection and supervision board members (Art. 15(5))")
    OTHER = rules.OTHER, _("Other self-managed matter (Art. 15(6))")


class DecisionForm(models.TextChoices):
    MEETING = "meeting", _("Community meeting")
    BALLOT = "ballot", _("Household ballots")
    ONLINE = "online", _("Online vote")


class MatterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Voting open")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")


class Matter(models.Model):
    """A matter put to the households of a village (Art. 15). Counts are kept on the row as votes
    arrive, so that a tally never loads every ballot."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="matters")
    kind = models.CharField(_("kind"), max_length=20, choices=MatterKind.choices)
    form = models.CharField(_("form"), max_length=10, choices=DecisionForm.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.DRAFT
    )
    eligible_households = models.PositiveIntegerField(
        _("households of the village"), null=True, blank=True
    )
    agree_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    other_count = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def access_unit(self):
        return self.unit

    @property
    def votes_cast(self) -> int:
        return self.agree_count + self.disagree_count + self.other_count


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    OTHER = "other", _("Other opinion")


class VoteChannel(models.TextChoices):
    MEETING = "meeting", _("At the meeting")
    PAPER = "paper", _("Paper ballot")
    ONLINE = "online", _("Online")


class HouseholdVote(models.Model):
    """The one voice of a household on a matter (Art. 19(3): one ballot per household). The
    unique constraint makes a second entry impossible, whatever the channel."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="votes")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    other_opinion = models.CharField(_("other opinion"), max_length=500, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=VoteChannel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household vote")
        verbose_name_plural = _("household votes")
        constraints = [
            models.UniqueConstraint(fields=["matter", "household"], name="one_voice_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}/{self.household_id}: {self.choice}"
