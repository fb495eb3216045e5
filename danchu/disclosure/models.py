"""Dân biết: the statutory catalogue, publications with versions, attachments and channel
proofs, followers, and information requests (Law 10/2022 Arts 11–14, 46–48, 64–66; Law on Access
to Information 104/2016)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.common.models import TimeStampedModel
from danchu.disclosure.domain.channels import Channel


class Regime(models.TextChoices):
    COMMUNE = "commune", _("Commune-level authority (Art. 11)")
    AGENCY = "agency", _("Agency or public service unit (Art. 46)")
    ENTERPRISE = "enterprise", _("Organisation employing labour (Art. 64)")


class DeadlineUnit(models.TextChoices):
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")


class CatalogueItem(models.Model):
    """One content item the law requires to be published, with its channels and time limits.
    Seeded from domain/catalogue_data.py; rows are configuration an administrator can adjust."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    regime = models.CharField(_("applies to"), max_length=16, choices=Regime.choices)
    number = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    required_channels = models.JSONField(_("required channels"), default=list)
    deadline_amount = models.PositiveSmallIntegerField(_("publish within"), null=True, blank=True)
    deadline_unit = models.CharField(
        _("counted in"),
        max_length=16,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    posting_days = models.PositiveSmallIntegerField(
        _("minimum posting period (consecutive days)"), null=True, blank=True
    )
    permanent = models.BooleanField(_("posted permanently"), default=False)
    broadcast_days = models.PositiveSmallIntegerField(
        _("minimum loudspeaker days"), null=True, blank=True
    )
    village_relay = models.BooleanField(_("relayed by village heads"), default=False)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["regime", "number"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "number"], name="catalogue_item_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class Publication(TimeStampedModel):
    """A piece of information a unit publishes under a catalogue item. Its content lives in
    versions: once published a version never changes; a correction is a new version."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="publications"
    )
    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("catalogue item"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    decision_ref = models.CharField(
        _("decision published (number and symbol)"), max_length=120, blank=True
    )
    decision_date = models.DateField(_("date of the decision"))
    due_on = models.DateField(_("must be published by"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    scheduled_for = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_on = models.DateField(_("first published on"), null=True, blank=True)
    posting_ends_on = models.DateField(_("posting period ends on"), null=True, blank=True)
    current_version = models.ForeignKey(
        "PublicationVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_folded = models.CharField(max_length=255, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "-published_on"]),
            models.Index(fields=["item", "status"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def access_unit(self):
        return self.unit


class PublicationVersion(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("content"), blank=True)
    reason = models.CharField(_("reason for the correction"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("publication version")
        verbose_name_plural = _("publication versions")
        ordering = ["publication_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="publication_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} v{self.number}"


class Attachment(models.Model):
    version = models.ForeignKey(
        PublicationVersion, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="disclosure/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ChannelRecord(models.Model):
    """Proof that a publication went out on a channel: where, from and until when, by whom."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="channel_records"
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    place = models.ForeignKey(
        "units.Unit",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    proof_document_id = models.PositiveBigIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("channel record")
        verbose_name_plural = _("channel records")
        ordering = ["publication_id", "started_on", "id"]
        indexes = [models.Index(fields=["publication", "channel"])]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.channel} {self.started_on}"


class BroadcastLog(models.Model):
    """One day's loudspeaker reading of a publication."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="broadcasts"
    )
    broadcast_on = models.DateField(_("broadcast on"))
    read_by = models.CharField(_("read by"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "broadcast_on"], name="one_broadcast_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.broadcast_on}"


class RelayConfirmation(models.Model):
    """A village head confirms that a publication was relayed to the village (Art. 13(4))."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="relays")
    village = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("how"), max_length=120)
    relayed_on = models.DateField(_("relayed on"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("relay confirmation")
        verbose_name_plural = _("relay confirmations")
        constraints = [
            models.UniqueConstraint(fields=["publication", "village"], name="one_relay_per_village")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} → {self.village_id}"


class Follow(models.Model):
    """A resident follows a unit (optionally one catalogue item) to be notified of publications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(
        CatalogueItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "item"], name="one_follow"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.unit_id}"


class RequestChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the office")
    ELECTRONIC = "electronic", _("Electronically")
    POST = "post", _("By post or fax")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PROVIDED = "provided", _("Information provided")
    REFUSED = "refused", _("Refused in writing")


class RefusalGround(models.TextChoices):
    """Law on Access to Information Art. 28."""

    SECRET = "secret", _("Secret, or conditional information whose conditions are not met")
    ALREADY_PUBLISHED = "already_published", _("Already published")
    NOT_RESPONSIBLE = "not_responsible", _("Not this body's responsibility")
    PROVIDED_TWICE = "provided_twice", _("Already provided twice to the same requester")
    BEYOND_CAPACITY = "beyond_capacity", _("Beyond the body's capacity")
    COST_NOT_PAID = "cost_not_paid", _("The cost has not been paid")


class InformationRequest(TimeStampedModel):
    """A request for information (Law on Access to Information Arts 24–31), logged in the
    tracking book (sổ theo dõi cung cấp thông tin theo yêu cầu, Art. 26)."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="information_requests"
    )
    tracking_code = models.CharField(_("tracking code"), max_length=32, unique=True)
    channel = models.CharField(_("received"), max_length=16, choices=RequestChannel.choices)
    complex = models.BooleanField(_("complex information"), default=False)
    requester_name = models.CharField(_("full name"), max_length=150)
    requester_address = models.CharField(_("place of residence"), max_length=255)
    requester_id_number = models.CharField(_("identity number"), max_length=20)
    requester_contact = models.CharField(_("phone or e-mail"), max_length=150)
    information = models.TextField(_("information requested"))
    purpose = models.CharField(_("purpose"), max_length=255)
    delivery_form = models.CharField(_("how to receive it"), max_length=120)
    received_on = models.DateField(_("valid request received on"))
    due_on = models.DateField(_("answer due by"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=32, choices=RefusalGround.choices, blank=True
    )
    refusal_reason = models.TextField(_("written reason"), blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "status", "due_on"])]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def access_unit(self):
        return self.unit
