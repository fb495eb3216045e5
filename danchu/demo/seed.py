"""`danchu seed`: large synthetic data for benchmarks, written with bulk inserts.

Villages get codes ``<commune>-S<nnn>`` so that seeded data never collides with real villages
and a second run skips communes that were already seeded.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from danchu.core.people.importers import index_households_later
from danchu.core.people.models import Household, HouseholdMember, Person
from danchu.core.units.domain.kinds import Kind, Level
from danchu.core.units.models import Unit
from danchu.core.units.services import units_import_official
from danchu.demo.names import full_name

BATCH = 5000


class SeedError(ValueError):
    pass


@dataclass
class SeedResult:
    communes: int = 0
    skipped_communes: int = 0
    villages: int = 0
    households: int = 0
    persons: int = 0


def seed(
    *,
    province_code: str,
    communes: int,
    households_per_commune: int,
    villages_per_commune: int = 20,
    progress: Callable[[SeedResult], None] = lambda r: None,
) -> SeedResult:
    if not Unit.objects.filter(level=Level.PROVINCE).exists():
        units_import_official()
    province = Unit.objects.filter(code=province_code, level=Level.PROVINCE).first()
    if province is None:
        raise SeedError(f"Unknown province code {province_code!r}")
    candidates = list(
        Unit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code")[:communes]
    )
    if len(candidates) < communes:
        raise SeedError(f"Province {province.name} has only {len(candidates)} commune-level units.")
    rng = random.Random(f"seed-{province_code}")  # noqa: S311 - synthetic data
    result = SeedResult()
    for commune in candidates:
        if Unit.objects.filter(parent=commune, code__startswith=f"{commune.code}-S").exists():
            result.skipped_communes += 1
            continue
        with transaction.atomic():
            _seed_commune(rng, commune, households_per_commune, villages_per_commune, result)
        result.communes += 1
        progress(result)
    return result


def _seed_commune(
    rng: random.Random, commune: Unit, households: int, villages: int, result: SeedResult
) -> None:
    village_units = [
        Unit(
            code=f"{commune.code}-S{i:03d}",
            name=f"Thôn {i} ({commune.name})",
            kind=Kind.VILLAGE,
            parent=commune,
            valid_from=date(2025, 7, 1),
        ).fill_derived()
        for i in range(1, villages + 1)
    ]
    Unit.objects.bulk_create(village_units, batch_size=BATCH)
    village_units = list(Unit.objects.filter(parent=commune, code__startswith=f"{commune.code}-S"))
    result.villages += len(village_units)
    for start in range(0, households, BATCH):
        count = min(BATCH, households - start)
        persons = [
            Person(full_name=full_name(rng, g), gender=g).fill_derived()
            for g in (rng.choice(("male", "female")) for _ in range(count))
        ]
        Person.objects.bulk_create(persons, batch_size=BATCH)
        rows = [
            Household(
                village=village_units[(start + i) % len(village_units)],
                code=f"S{start + i + 1:06d}",
                representative=persons[i],
                joined_on=date(2025, 7, 1),
            )
            for i in range(count)
        ]
        Household.objects.bulk_create(rows, batch_size=BATCH)
        HouseholdMember.objects.bulk_create(
            [
                HouseholdMember(household=h, person=p, relation="Chủ hộ")
                for h, p in zip(rows, persons, strict=True)
            ],
            batch_size=BATCH,
        )
        index_households_later([h.pk for h in rows])
        result.households += count
        result.persons += count
