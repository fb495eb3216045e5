"""`danchu import-villages FILE`: villages under communes from a CSV or XLSX file.

Columns (Vietnamese or English headers): ma_xa / commune_code, ten / name,
loai / kind (thôn, tổ dân phố; default thôn), ma / code (optional).
Every row is checked first; if any row is bad nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.common.tabular import read_rows
from danchu.common.text import fold, normalise_spaces
from danchu.core.audit.services import audit_record
from danchu.core.units.domain.kinds import Kind, Level
from danchu.core.units.models import Unit
from danchu.core.units.services import next_child_code

VILLAGE_COLUMNS = {
    "ma_xa": "commune_code",
    "commune_code": "commune_code",
    "ten": "name",
    "ten_thon": "name",
    "name": "name",
    "loai": "kind",
    "kind": "kind",
    "ma": "code",
    "ma_thon": "code",
    "code": "code",
}

VILLAGE_KIND_WORDS = {
    "": Kind.VILLAGE,
    "thon": Kind.VILLAGE,
    "village": Kind.VILLAGE,
    "ban": Kind.VILLAGE,
    "ap": Kind.VILLAGE,
    "to dan pho": Kind.RESIDENTIAL_GROUP,
    "residential_group": Kind.RESIDENTIAL_GROUP,
    "residential group": Kind.RESIDENTIAL_GROUP,
}


@dataclass
class VillageImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def import_villages(path: Path) -> VillageImportResult:
    result = VillageImportResult()
    columns, rows = read_rows(path, VILLAGE_COLUMNS)
    missing = [c for c in ("commune_code", "name") if c not in columns]
    if missing:
        result.errors.append(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
        return result
    all_rows = list(rows)
    communes = {
        u.code: u
        for u in Unit.objects.filter(
            level=Level.COMMUNE, code__in={r.values.get("commune_code", "") for r in all_rows}
        )
    }
    existing = set(
        Unit.objects.filter(parent__in=communes.values()).values_list("parent__code", "name_folded")
    )
    taken_codes = set(
        Unit.objects.filter(
            code__in={r.values.get("code") for r in all_rows if r.values.get("code")}
        ).values_list("code", flat=True)
    )
    plan: list[tuple[Unit, str, str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for row in all_rows:
        v = row.values
        commune = communes.get(v.get("commune_code", ""))
        name = normalise_spaces(v.get("name", ""))
        kind = VILLAGE_KIND_WORDS.get(fold(v.get("kind", "")))
        code = v.get("code") or None
        problem = None
        if commune is None:
            problem = _("unknown commune code %(code)s") % {"code": v.get("commune_code", "")}
        elif not name:
            problem = _("the village name is empty")
        elif kind is None:
            problem = _("unknown kind %(kind)s (use thôn or tổ dân phố)") % {"kind": v.get("kind")}
        elif code and code in taken_codes:
            problem = _("the code %(code)s is already used") % {"code": code}
        if problem:
            result.errors.append(
                _("Line %(line)s: %(problem)s.") % {"line": row.line, "problem": problem}
            )
            continue
        key = (commune.code, fold(name))
        if key in existing or key in seen:
            result.unchanged += 1
            continue
        seen.add(key)
        if code:
            taken_codes.add(code)
        plan.append((commune, name, kind, code))
    if result.errors:
        return result
    with transaction.atomic():
        for commune, name, kind, code in plan:
            if not code:
                code = next_child_code(commune, taken_codes)
                taken_codes.add(code)
            Unit(code=code, name=name, kind=kind, parent=commune, valid_from=date.today()).save()
            result.created += 1
        if result.created:
            audit_record(
                actor=None,
                action="units.villages_imported",
                data={"file": path.name, "created": result.created},
            )
    return result
