"""Persons, households and their members, residence, and employment."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.common.models import TimeStampedModel
from danchu.common.text import fold


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")


class Person(TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=150)
    full_name_folded = models.CharField(max_length=150, db_index=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    citizen_id = models.CharField(
        _("citizen identity number"), max_length=12, unique=True, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=15, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["full_name_folded", "id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> Person:
        """Compute the folded name; bulk inserts call this since they skip save()."""
        self.full_name_folded = fold(self.full_name)[:150]
        return self


class HouseholdQuerySet(models.QuerySet):
    def current(self) -> HouseholdQuerySet:
        return self.filter(left_on__isnull=True)


class Household(TimeStampedModel):
    """A household registered in a village; its representative casts its single vote."""

    village = models.ForeignKey(
        "units.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    code = models.CharField(_("household number"), max_length=40)
    address = models.CharField(_("address"), max_length=255, blank=True)
    representative = models.ForeignKey(
        Person,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_households",
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    members = models.ManyToManyField(Person, through="HouseholdMember", related_name="households")

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["village_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["village", "code"], name="household_code_per_village")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.address}" if self.address else self.code

    @property
    def access_unit(self):
        return self.village


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relation = models.CharField(_("relation to the head"), max_length=60, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(left_on__isnull=True),
                name="one_current_household_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.relation})"


class ResidenceKind(models.TextChoices):
    PERMANENT = "permanent", _("Permanent residence")
    TEMPORARY = "temporary", _("Temporary residence")


class Residence(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residences")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="residences")
    kind = models.CharField(_("kind"), max_length=16, choices=ResidenceKind.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")

    def __str__(self) -> str:
        return f"{self.person} — {self.unit} ({self.get_kind_display()})"


class Employment(models.Model):
    """A person working in an agency (cơ quan, đơn vị) or an enterprise."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="employments"
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"
