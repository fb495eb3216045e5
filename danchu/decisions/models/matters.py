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
    POLL = "poll", _("Poll on voting online")
    OPEN = "open", _("Voting open")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")
    ANNULLED = "annulled", _("Annulled")


# The statuses in which a matter's voting is over.
CLOSED_STATUSES = (MatterStatus.ADOPTED, MatterStatus.REJECTED, MatterStatus.ANNULLED)


class MatterScope(models.TextChoices):
    VILLAGE = "village", _("Village")
    COMMUNE = "commune", _("Commune")


class MatterOrigin(models.TextChoices):
    PROPOSAL = "proposal", _("Proposed by the village head or the commune chair")
    INITIATIVE = "initiative", _("Residents' initiative")


class Matter(models.Model):
    """A matter put to the households of a village (Art. 15). Counts are kept on the row as votes
    arrive, so that a tally never loads every ballot.

    A commune-scope matter (items 1–2, Art. 15) belongs to the commune and has one child matter
    per village (``parent``); each village decides its own, and the commune counts the villages
    that adopted it (Art. 21(1); ND 59/2023 Art. 4(6)(c)).
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="matters")
    scope = models.CharField(
        _("scope"), max_length=10, choices=MatterScope.choices, default=MatterScope.VILLAGE
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_matters",
        verbose_name=_("commune-scope matter"),
    )
    origin = models.CharField(
        _("origin"), max_length=12, choices=MatterOrigin.choices, default=MatterOrigin.PROPOSAL
    )
    initiator = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    initiative_front_approved = models.BooleanField(
        _("approved by the Front work committee below 10%"), default=False
    )
    initiative_front_approved_by = models.CharField(
        _("Front work committee head who approved"), max_length=150, blank=True
    )
    initiative_front_approved_on = models.DateField(
        _("approved by the Front work committee on"), null=True, blank=True
    )
    # Art. 16(1)–(2): agreement of the (village) Front's head, recorded before opening.
    front_agreed_by = models.CharField(_("Front head who agreed"), max_length=150, blank=True)
    front_agreed_on = models.DateField(_("Front agreement date"), null=True, blank=True)
    meeting = models.ForeignKey(
        "decisions.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters",
    )
    ballot_fallback = models.BooleanField(
        _("household ballots after a meeting without enough households"), default=False
    )
    documents_sent_on = models.DateField(
        _("documents delivered to every household on"), null=True, blank=True
    )
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("amends"),
    )
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
    # Commune scope: villages that adopted / all villages (Art. 21(1)).
    villages_adopted = models.PositiveIntegerField(default=0)
    # ND 59/2023 Art. 5(2)(c): the preliminary poll on voting online.
    poll_opened_at = models.DateTimeField(null=True, blank=True)
    poll_closed_at = models.DateTimeField(null=True, blank=True)
    poll_chose_online = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(_("voting ends"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "unit"],
                condition=models.Q(parent__isnull=False),
                name="one_village_matter_per_commune_matter",
            )
        ]

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


class InitiativeConsent(models.Model):
    """A household's consent to put a resident's proposal to the community (Art. 16(3)); it is
    valid for three months from when it was given."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="consents")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consent to an initiative")
        verbose_name_plural = _("consents to an initiative")
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "household"], name="one_consent_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}/{self.household_id}"
