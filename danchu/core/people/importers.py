"""`danchu import-households FILE`: a household register, one row per person.

Columns (Vietnamese or English headers; see docs/import-formats.md):
ma_thon / village_code, so_ho / household_code, dia_chi / address, ho_ten / full_name,
ngay_sinh / date_of_birth, gioi_tinh / gender, so_dinh_danh / citizen_id,
dien_thoai / phone, quan_he / relation, dai_dien / representative, cu_tru / residence.

Every row is validated before anything is written. By default one bad row stops the whole
import; with ``skip_bad`` the households whose rows are all good are imported and every row
not imported is listed with its line number and reason.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.bulk_insert import insert_rows, reserve_ids
from danchu.common.tabular import Row, read_rows
from danchu.common.text import fold, normalise_spaces
from danchu.core.audit.services import audit_record
from danchu.core.people.domain.phone import normalise_phone
from danchu.core.people.models import (
    Household,
    HouseholdMember,
    Person,
    Residence,
    ResidenceKind,
)
from danchu.core.people.parsing import (
    FieldProblem,
    clean_citizen_id,
    parse_date,
    parse_gender,
    parse_yes,
)
from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit

HOUSEHOLD_COLUMNS = {
    "ma_thon": "village_code",
    "village_code": "village_code",
    "so_ho": "household_code",
    "ma_ho": "household_code",
    "household_code": "household_code",
    "dia_chi": "address",
    "address": "address",
    "ho_ten": "full_name",
    "ho_va_ten": "full_name",
    "full_name": "full_name",
    "ngay_sinh": "date_of_birth",
    "date_of_birth": "date_of_birth",
    "gioi_tinh": "gender",
    "gender": "gender",
    "so_dinh_danh": "citizen_id",
    "cccd": "citizen_id",
    "so_cccd": "citizen_id",
    "citizen_id": "citizen_id",
    "dien_thoai": "phone",
    "so_dien_thoai": "phone",
    "phone": "phone",
    "quan_he": "relation",
    "quan_he_voi_chu_ho": "relation",
    "relation": "relation",
    "dai_dien": "representative",
    "representative": "representative",
    "cu_tru": "residence",
    "residence": "residence",
}
REQUIRED_COLUMNS = ("village_code", "household_code", "full_name")
RESIDENCE_WORDS = {
    "": ResidenceKind.PERMANENT,
    "thuong tru": ResidenceKind.PERMANENT,
    "permanent": ResidenceKind.PERMANENT,
    "tam tru": ResidenceKind.TEMPORARY,
    "temporary": ResidenceKind.TEMPORARY,
}
HEAD_WORDS = {"chu ho", "head"}
BATCH = 2000
PROGRESS_EVERY = 10_000

ProgressFn = Callable[[str, int, int], None]


@dataclass
class PersonRow:
    line: int
    village: Unit
    household_code: str
    address: str
    person: Person
    relation: str
    representative: bool
    residence: str


@dataclass
class BadRow:
    line: int
    reason: str
    values: dict[str, str]


@dataclass
class HouseholdImportResult:
    households: int = 0
    persons: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    file_error: str = ""
    imported: bool = False


def _noop(stage: str, done: int, total: int) -> None:
    return None


def import_households(
    path: Path, *, skip_bad: bool = False, progress: ProgressFn = _noop
) -> HouseholdImportResult:
    result = HouseholdImportResult()
    columns, rows_iter = read_rows(path, HOUSEHOLD_COLUMNS)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        result.file_error = _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        return result
    rows = list(rows_iter)
    parsed, bad = _validate(rows, progress)
    result.bad_rows = bad
    if bad and not skip_bad:
        return result
    good = _drop_households_with_bad_rows(parsed, bad)
    if not good:
        return result
    with transaction.atomic():
        result.households, result.persons = _write(good, progress)
        audit_record(
            actor=None,
            action="people.households_imported",
            data={
                "file": path.name,
                "households": result.households,
                "persons": result.persons,
                "bad_rows": len(bad),
            },
        )
    result.imported = True
    return result


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _validate(rows: list[Row], progress: ProgressFn) -> tuple[list[PersonRow], list[BadRow]]:
    total = len(rows)
    village_codes = {r.values.get("village_code", "") for r in rows}
    villages = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=village_codes, level=Level.VILLAGE, valid_to__isnull=True
        )
    }
    existing_households: set[tuple[int, str]] = set()
    for chunk in _chunks([v.pk for v in villages.values()], 500):
        existing_households.update(
            Household.objects.filter(village_id__in=chunk).values_list("village_id", "code")
        )
    ids_in_file = [
        "".join(r.values.get("citizen_id", "").split()) for r in rows if r.values.get("citizen_id")
    ]
    existing_ids: set[str] = set()
    for chunk in _chunks(ids_in_file, 900):
        existing_ids.update(
            Person.objects.filter(citizen_id__in=chunk).values_list("citizen_id", flat=True)
        )

    parsed: list[PersonRow] = []
    bad: list[BadRow] = []
    seen_ids: dict[str, int] = {}
    representatives: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows, start=1):
        v = row.values
        try:
            parsed.append(
                _parse_row(
                    row, villages, existing_households, existing_ids, seen_ids, representatives
                )
            )
        except FieldProblem as exc:
            bad.append(BadRow(row.line, str(exc), v))
        if index % PROGRESS_EVERY == 0 or index == total:
            progress("validate", index, total)
    return parsed, bad


def _parse_row(
    row: Row,
    villages: dict[str, Unit],
    existing_households: set[tuple[int, str]],
    existing_ids: set[str],
    seen_ids: dict[str, int],
    representatives: dict[tuple[str, str], int],
) -> PersonRow:
    v = row.values
    village = villages.get(v.get("village_code", ""))
    if village is None:
        raise FieldProblem(_("unknown village code %(code)s") % {"code": v.get("village_code", "")})
    code = v.get("household_code", "")
    if not code:
        raise FieldProblem(_("the household number is empty"))
    if (village.pk, code) in existing_households:
        raise FieldProblem(
            _("household %(code)s already exists in %(village)s")
            % {"code": code, "village": village.name}
        )
    full_name = normalise_spaces(v.get("full_name", ""))
    if not full_name:
        raise FieldProblem(_("the full name is empty"))
    date_of_birth = parse_date(v.get("date_of_birth", ""))
    gender = parse_gender(v.get("gender", ""))
    citizen_id = clean_citizen_id(
        v.get("citizen_id", ""), date_of_birth=date_of_birth, gender=gender
    )
    if citizen_id:
        if citizen_id in existing_ids:
            raise FieldProblem(
                _("a person with citizen identity number %(value)s is already registered")
                % {"value": citizen_id}
            )
        if citizen_id in seen_ids:
            raise FieldProblem(
                _("citizen identity number %(value)s repeats line %(line)s")
                % {"value": citizen_id, "line": seen_ids[citizen_id]}
            )
        seen_ids[citizen_id] = row.line
    phone = ""
    if v.get("phone"):
        phone = normalise_phone(v["phone"]) or ""
        if not phone:
            raise FieldProblem(_("%(value)s is not a valid phone number") % {"value": v["phone"]})
    residence = RESIDENCE_WORDS.get(fold(v.get("residence", "")))
    if residence is None:
        raise FieldProblem(
            _("unknown residence %(value)s (use thường trú or tạm trú)") % {"value": v["residence"]}
        )
    representative = parse_yes(v.get("representative", ""))
    key = (village.code, code)
    if representative:
        if key in representatives:
            raise FieldProblem(
                _("household %(code)s already has its representative on line %(line)s")
                % {"code": code, "line": representatives[key]}
            )
        representatives[key] = row.line
    person = Person(
        full_name=full_name,
        date_of_birth=date_of_birth,
        gender=gender,
        citizen_id=citizen_id,
        phone=phone,
    ).fill_derived()
    return PersonRow(
        line=row.line,
        village=village,
        household_code=code,
        address=normalise_spaces(v.get("address", "")),
        person=person,
        relation=normalise_spaces(v.get("relation", "")),
        representative=representative,
        residence=residence,
    )


def _drop_households_with_bad_rows(parsed: list[PersonRow], bad: list[BadRow]) -> list[PersonRow]:
    """With --skip-bad a household is imported whole or not at all: its good rows are listed
    as skipped when another of its rows is bad, so that nobody is left out silently."""
    bad_keys: dict[tuple[str, str], int] = {}
    for b in bad:
        key = (b.values.get("village_code", ""), b.values.get("household_code", ""))
        bad_keys.setdefault(key, b.line)
    good = []
    for row in parsed:
        key = (row.village.code, row.household_code)
        if key in bad_keys:
            bad.append(
                BadRow(
                    row.line,
                    _("not imported because line %(line)s of the same household is bad")
                    % {"line": bad_keys[key]},
                    {"village_code": row.village.code, "household_code": row.household_code},
                )
            )
        else:
            good.append(row)
    bad.sort(key=lambda b: b.line)
    return good


PERSON_FIELDS = (
    "id", "created_at", "updated_at", "full_name", "full_name_folded",
    "date_of_birth", "gender", "citizen_id", "phone",
)  # fmt: skip
HOUSEHOLD_FIELDS = (
    "id", "created_at", "updated_at", "village", "code", "address", "representative", "joined_on",
)  # fmt: skip


def _write(rows: list[PersonRow], progress: ProgressFn) -> tuple[int, int]:
    """Write persons, households, memberships and residences with reserved ids and COPY /
    executemany (danchu.common.bulk_insert): the rows were validated above."""
    total = len(rows)
    now = timezone.now()
    today = date.today()
    person_ids = reserve_ids(Person, total)

    def person_rows():
        for index, (row, pk) in enumerate(zip(rows, person_ids, strict=True), start=1):
            p = row.person
            p.pk = pk
            if index % PROGRESS_EVERY == 0 or index == total:
                progress("persons", index, total)
            yield (pk, now, now, p.full_name, p.full_name_folded, p.date_of_birth, p.gender,
                   p.citizen_id, p.phone)  # fmt: skip

    insert_rows(Person, PERSON_FIELDS, person_rows())

    grouped: dict[tuple[int, str], list[PersonRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.village.pk, row.household_code)].append(row)
    household_ids = reserve_ids(Household, len(grouped))
    household_rows = []
    membership_rows = []
    residence_rows = []
    for ((village_id, code), members), household_id in zip(
        grouped.items(), household_ids, strict=True
    ):
        representative = next((m for m in members if m.representative), None)
        if representative is None:
            representative = next(
                (m for m in members if fold(m.relation) in HEAD_WORDS), members[0]
            )
        address = next((m.address for m in members if m.address), "")
        household_rows.append(
            (household_id, now, now, village_id, code, address, representative.person.pk, today)
        )
        for m in members:
            membership_rows.append((household_id, m.person.pk, m.relation, today))
            residence_rows.append((m.person.pk, village_id, m.residence, today))
    insert_rows(Household, HOUSEHOLD_FIELDS, household_rows)
    insert_rows(HouseholdMember, ("household", "person", "relation", "joined_on"), membership_rows)
    insert_rows(Residence, ("person", "unit", "kind", "valid_from"), residence_rows)
    progress("households", len(household_rows), len(household_rows))
    index_households_later(household_ids)
    return len(household_rows), total


def index_households_later(household_ids: list[int], chunk: int = 5000) -> None:
    """Bulk writes send no signals: hand the new households to the search index after commit."""
    from danchu.core.search.tasks import search_index_many_task

    for start in range(0, len(household_ids), chunk):
        ids = household_ids[start : start + chunk]
        transaction.on_commit(
            lambda ids=ids: search_index_many_task.enqueue("people.household", ids)
        )


REPORT_FIELDS = ["line", "reason", *dict.fromkeys(HOUSEHOLD_COLUMNS.values())]


def write_bad_rows_report(path: Path, bad_rows: list[BadRow]) -> None:
    """The rows that were not imported, with line number and reason, as UTF-8 CSV."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for b in bad_rows:
            writer.writerow({"line": b.line, "reason": b.reason, **b.values})
