"""Citizen reception (Law on Citizen Reception 42/2013): the leaders' published schedules, slots
booked online, and the reception logbook (sổ tiếp công dân, Art. 25(2))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ScheduleStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    POSTPONED = "postponed", _("Postponed")
    HELD = "held", _("Held")


class ReceptionSchedule(models.Model):
    """A leader's reception day (the commune chair at least one day a week, Art. 15(2)(d)),
    posted at least 5 working days ahead (Art. 24(4))."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="receptions")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    leader_name = models.CharField(pgettext_lazy("petitions", "leader"), max_length=150)
    leader_title = models.CharField(_("position"), max_length=150)
    on = models.DateField(_("reception day"))
    starts_at = models.TimeField(pgettext_lazy("petitions", "from"))
    ends_at = models.TimeField(pgettext_lazy("petitions", "to"))
    place = models.CharField(_("place"), max_length=255)
    posted_on = models.DateField(_("posted on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.PLANNED
    )
    postponed_to = models.DateField(_("postponed to"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponing"), blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per slot"), default=20)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["-on", "starts_at"]

    def __str__(self) -> str:
        return f"{self.leader_name} {self.on}"

    @property
    def access_unit(self):
        return self.unit


class ReceptionBooking(models.Model):
    schedule = models.ForeignKey(
        ReceptionSchedule, on_delete=models.CASCADE, related_name="bookings"
    )
    starts_at = models.TimeField(_("slot"))
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=15)
    topic = models.CharField(_("topic"), max_length=500)
    cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "starts_at"],
                condition=models.Q(cancelled=False),
                name="one_booking_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.starts_at}"


class ReceptionEntry(models.Model):
    """One line of the reception logbook with the fields of Art. 25(2): sequence number, date,
    name, address, content, earlier handling, request, and how it was received and handled; the
    leader's answer or instruction (Art. 18(4))."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))
    year = models.PositiveSmallIntegerField()
    received_on = models.DateField(_("date"))
    schedule = models.ForeignKey(
        ReceptionSchedule, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    address = models.CharField(_("address"), max_length=255)
    id_number = models.CharField(_("identity number"), max_length=12, blank=True)
    people = models.PositiveIntegerField(_("people"), default=1)
    content = models.TextField(_("content"))
    prior_handling = models.TextField(_("handled earlier by"), blank=True)
    request = models.TextField(_("request"))
    handling = models.TextField(_("how it was received and handled"), blank=True)
    leader_answer = models.TextField(_("leader's answer or instruction"), blank=True)
    case = models.ForeignKey(
        "petitions.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("reception logbook")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="one_logbook_number_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def access_unit(self):
        return self.unit
