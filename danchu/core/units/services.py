"""Changes to the unit tree: imports and officials adding villages or organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.common.text import fold, normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.units.domain.kinds import (
    PACKAGE_DIVISION_KINDS,
    Kind,
    Level,
    level_of,
    parent_allowed,
)
from danchu.core.units.models import Unit
from danchu.core.units.permissions import ADD_ORGANISATION, ADD_VILLAGE


class UnitError(ValueError):
    """A unit change that cannot be made; the message is in the user's language."""


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _upsert(
    existing: dict[str, Unit], code: str, values: dict[str, Any], counts: ImportCounts
) -> Unit:
    unit = existing.get(code)
    if unit is None:
        unit = Unit(code=code, **values)
        unit.save()
        existing[code] = unit
        counts.created += 1
        return unit
    changed = False
    for name, value in values.items():
        current = getattr(unit, f"{name}_id") if name == "parent" else getattr(unit, name)
        wanted = value.pk if name == "parent" and value is not None else value
        if current != wanted:
            setattr(unit, name, value)
            changed = True
    if changed:
        unit.save()
        counts.updated += 1
    else:
        counts.unchanged += 1
    return unit


def units_import_official(*, actor: Any = None) -> ImportCounts:
    """Load all provinces and commune-level units, with their official codes, from the
    ``vietnam-provinces`` package. Idempotent: a second run changes nothing."""
    from vietnam_provinces import Province, Ward

    counts = ImportCounts()
    with transaction.atomic():
        existing = {
            u.code: u
            for u in Unit.objects.filter(level__in=[Level.PROVINCE, Level.COMMUNE]).select_related(
                None
            )
        }
        provinces: dict[int, Unit] = {}
        for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
            code = f"{int(province.code):02d}"
            provinces[int(province.code)] = _upsert(
                existing,
                code,
                {
                    "name": province.name,
                    "kind": PACKAGE_DIVISION_KINDS[province.division_type.value],
                    "parent": None,
                },
                counts,
            )
        for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
            _upsert(
                existing,
                f"{int(ward.code):05d}",
                {
                    "name": ward.name,
                    "kind": PACKAGE_DIVISION_KINDS[ward.division_type.value],
                    "parent": provinces[int(ward.province_code)],
                },
                counts,
            )
        if counts.created or counts.updated:
            audit_record(actor=actor, action="units.imported", data=counts.as_dict())
    return counts


def next_child_code(parent: Unit, taken: set[str] | None = None) -> str:
    """The next free numbered code under ``parent``: ``<parent code>-001``, ``-002``, …

    ``taken`` holds codes already promised in the same operation (an import in progress).
    """
    prefix = f"{parent.code}-"
    pattern = re.compile(rf"^{re.escape(prefix)}(\d{{3,}})$")
    used = set(Unit.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    used |= taken or set()
    numbers = [int(m.group(1)) for code in used if (m := pattern.match(code))]
    number = max(numbers, default=0) + 1
    while f"{prefix}{number:03d}" in used:
        number += 1
    return f"{prefix}{number:03d}"


def _create_child(
    *, actor: Any, parent: Unit, name: str, kind: str, code: str | None, action: str
) -> Unit:
    name = normalise_spaces(name)
    if not name:
        raise UnitError(_("The name is required."))
    try:
        level = level_of(kind)
    except ValueError:
        raise UnitError(_("Unknown kind of unit.")) from None
    if not parent_allowed(level, parent.level):
        raise UnitError(
            _("A unit of this kind cannot be placed under %(parent)s.") % {"parent": parent.name}
        )
    if Unit.objects.filter(parent=parent, name_folded=fold(name)).exists():
        raise UnitError(
            _("%(parent)s already has a unit named %(name)s.")
            % {"parent": parent.name, "name": name}
        )
    code = (code or "").strip() or next_child_code(parent)
    if Unit.objects.filter(code=code).exists():
        raise UnitError(_("The code %(code)s is already used.") % {"code": code})
    unit = Unit(code=code, name=name, kind=kind, parent=parent, valid_from=date.today())
    unit.save()
    audit_record(
        actor=actor, action=action, target=unit, unit=parent, data={"code": code, "name": name}
    )
    return unit


def village_create(
    *, actor: Any, commune: Unit, name: str, kind: str = Kind.VILLAGE, code: str | None = None
) -> Unit:
    """Add a village (thôn) or residential group (tổ dân phố) under a commune-level unit."""
    if not has_perm(actor, ADD_VILLAGE, commune):
        raise NotPermitted()
    if level_of(kind) != Level.VILLAGE:
        raise UnitError(_("A village must be a thôn or a tổ dân phố."))
    with transaction.atomic():
        return _create_child(
            actor=actor,
            parent=commune,
            name=name,
            kind=kind,
            code=code,
            action="units.village_created",
        )


def organisation_create(
    *, actor: Any, parent: Unit, name: str, kind: str, code: str | None = None
) -> Unit:
    """Attach an agency or an enterprise to a province or commune."""
    if not has_perm(actor, ADD_ORGANISATION, parent):
        raise NotPermitted()
    if kind not in (Kind.AGENCY, Kind.ENTERPRISE):
        raise UnitError(_("An organisation must be an agency or an enterprise."))
    with transaction.atomic():
        return _create_child(
            actor=actor,
            parent=parent,
            name=name,
            kind=kind,
            code=code,
            action="units.organisation_created",
        )
