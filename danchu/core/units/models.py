"""The administrative tree: province → commune-level unit → village, plus agencies and
enterprises attached to a province or commune."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.common.models import TimeStampedModel
from danchu.common.text import fold
from danchu.core.units.domain.kinds import Kind, Level, level_of

PATH_SEPARATOR = "/"


class UnitQuerySet(models.QuerySet):
    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)

    def within(self, unit: Unit) -> UnitQuerySet:
        """The unit and every unit below it, through the indexed materialised path."""
        return self.filter(path__startswith=unit.path)

    def below(self, unit: Unit) -> UnitQuerySet:
        return self.within(unit).exclude(pk=unit.pk)


class Unit(TimeStampedModel):
    """One node of the tree. ``path`` is the chain of codes from the root, e.g.
    ``"01/00004/00004-001/"``, so that a subtree is one indexed prefix query."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The unit that took over when this one was merged or renamed."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "kind"]), models.Index(fields=["level"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> Unit:
        """Compute level, folded name and path; bulk inserts call this since they skip save()."""
        self.level = level_of(self.kind)
        self.name_folded = fold(self.name)[:200]
        self.path = self.build_path()
        self.depth = self.path.count(PATH_SEPARATOR) - 1
        return self

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    @property
    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.split(PATH_SEPARATOR) if c][:-1]

    @property
    def is_commune(self) -> bool:
        return self.level == Level.COMMUNE

    @property
    def is_village(self) -> bool:
        return self.level == Level.VILLAGE

    @property
    def is_province(self) -> bool:
        return self.level == Level.PROVINCE

    @property
    def is_organisation(self) -> bool:
        return self.level == Level.ORGANISATION
