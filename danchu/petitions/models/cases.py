"""Cases: what a resident sends (feedback, recommendation, complaint, denunciation), who sent it,
its steps and deadlines (Law on Complaints 02/2011; Law on Denunciations 25/2018; Law on Citizen
Reception 42/2013; Law 10/2022 Arts 34–35).

A denouncer's identity never lives on these rows: it is sealed in ``SealedIdentity`` (Law on
Denunciations Arts 8, 9(1), 47, 56). Only a keyed digest lets a signed-in resident find their own
case again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseKind(models.TextChoices):
    UNCLASSIFIED = "unclassified", _("Not yet classified")
    FEEDBACK = "feedback", _("Feedback")
    RECOMMENDATION = "recommendation", _("Recommendation")
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    INFORMATION = "information", _("Information for management (anonymous denunciation)")
    INADMISSIBLE = "inadmissible", _("Not admissible")


class CaseChannel(models.TextChoices):
    WEB = "web", _("Web or phone form")
    DESK = "desk", _("Reception desk")
    POST = "post", _("Letter by post")
    HOTLINE = "hotline", _("Hotline")
    BOX = "box", _("Suggestion box")


class Case(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="cases")
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CaseKind.choices, default=CaseKind.UNCLASSIFIED
    )
    channel = models.CharField(
        pgettext_lazy("petitions", "channel"), max_length=10, choices=CaseChannel.choices
    )
    status = models.CharField(_("status"), max_length=24, default="received")
    subject = models.CharField(_("subject"), max_length=255)
    content = models.TextField(_("content"))
    received_on = models.DateField(_("received on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    complex = models.BooleanField(pgettext_lazy("petitions", "complex"), default=False)
    remote = models.BooleanField(_("remote or hard-to-reach area"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    instance = models.PositiveSmallIntegerField(_("complaint instance"), default=1)
    multi_location = models.BooleanField(
        _("verified at several places or by delegation"), default=False
    )
    earlier_case = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_complaints",
        verbose_name=_("first-instance case"),
    )
    transferred_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("transferred from"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handler"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("split from"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    transferred_to = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group_size = models.PositiveIntegerField(_("people in the group"), default=1)
    anonymous = models.BooleanField(_("sender not identified"), default=False)
    inadmissible_reason = models.CharField(_("reason not admissible"), max_length=40, blank=True)
    signed = models.BooleanField(_("signed or fingerprinted"), default=True)
    decision_known_on = models.DateField(_("decision received or known on"), null=True, blank=True)
    first_decision_known_on = models.DateField(
        _("first decision received, or first-instance limit lapsed, on"), null=True, blank=True
    )
    conclusion = models.TextField(_("answer or conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    published_on = models.DateField(_("conclusion published on"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("comment"), max_length=500, blank=True)
    owner_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"]),
            models.Index(fields=["unit", "kind", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="satisfaction_one_to_five",
            ),
            models.CheckConstraint(
                condition=models.Q(extensions__lte=2), name="at_most_two_extensions"
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def access_unit(self):
        return self.unit


class PartyRole(models.TextChoices):
    SENDER = "sender", _("Sender")
    REPRESENTATIVE = "representative", _("Representative of the group")
    ACCUSED = "accused", _("Person or body complained about or denounced")


class CaseParty(models.Model):
    """A named party of a case, except a denouncer (sealed instead). Group complaints record
    their representatives (Law on Citizen Reception Art. 29)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    full_name = models.CharField(_("full name"), max_length=150)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    id_number = models.CharField(_("identity number"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.full_name


class SealedIdentity(models.Model):
    """The denouncer's name, address, contact and identity number, encrypted at rest with the
    keys from the environment (Fernet, rotatable). Kept apart from the case content."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="sealed_identity")
    ciphertext = models.BinaryField()
    sealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sealed identity")
        verbose_name_plural = _("sealed identities")

    def __str__(self) -> str:
        return f"sealed #{self.case_id}"


class CaseEvent(models.Model):
    """One step of a case: the state it moved to, the notice sent and who took it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=32)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    public = models.BooleanField(_("shown to the sender"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.action}"


class Extension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extension_rows")
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(pgettext_lazy("petitions", "written reason"))
    new_due_on = models.DateField(_("new deadline"))
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.new_due_on}"


class Attachment(models.Model):
    """A scanned letter or evidence; checked by content, hashed. For a denunciation, the
    original letter is confidential (Art. 56): only the handler may open it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="petitions/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    confidential = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
