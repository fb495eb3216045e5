"""The small teams the law sets up around a decision: the ballot team (Art. 19(2); ND 59 Art.
4(3)), the online voting team (ND 59 Art. 5(2)(b)), the meeting's vote-counting board (ND 59 Art.
3(5)(c)) and the election team (ND 59 Art. 6(1)(b)). Each has 3–5 members; all but the counting
board are led by the Front work committee's representative."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamPurpose(models.TextChoices):
    BALLOT = "ballot", _("Ballot team")
    ONLINE = "online", _("Online voting team")
    COUNTING = "counting", _("Vote-counting board")
    ELECTION = "election", _("Election team")


class Team(models.Model):
    purpose = models.CharField(_("purpose"), max_length=10, choices=TeamPurpose.choices)
    matter = models.ForeignKey(
        "decisions.Matter", null=True, blank=True, on_delete=models.CASCADE, related_name="teams"
    )
    meeting = models.ForeignKey(
        "decisions.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="teams"
    )
    election = models.ForeignKey(
        "decisions.Election", null=True, blank=True, on_delete=models.CASCADE, related_name="teams"
    )
    decided_on = models.DateField(_("set up on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} #{self.pk}"


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    represents = models.CharField(_("represents"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("leads the team"), default=False)
    is_front_representative = models.BooleanField(
        _("represents the Front work committee"), default=False
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["-is_leader", "pk"]

    def __str__(self) -> str:
        return self.full_name
