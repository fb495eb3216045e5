"""`danchu demo`: a realistic commune inside a real imported province, with one login per
persona. Running it again changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from danchu.core.access import roles
from danchu.core.access.models import RoleAssignment, User
from danchu.core.people.importers import index_households_later
from danchu.core.people.models import Employment, Household, HouseholdMember, Person, Residence
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.core.units.services import units_import_official
from danchu.decisions.demo import build_demo_decisions
from danchu.demo.names import SURNAMES, full_name
from danchu.disclosure.demo import build_demo_publications
from danchu.petitions.demo import build_demo_petitions

DEMO_PROVINCE = "38"  # Thanh Hóa
DEMO_COMMUNE = "15271"  # Xã Hà Trung
VILLAGES = (
    "Thôn Đông Sơn",
    "Thôn Yên Thái",
    "Thôn Phú Điền",
    "Thôn Đồng Xuân",
    "Thôn Trung Chính",
    "Thôn Bái Đô",
    "Thôn Hà Thượng",
    "Thôn Nam Ngoại",
)
AGENCIES = ("Trạm Y tế xã Hà Trung", "Trường Tiểu học Hà Trung")
ENTERPRISES = (
    "Công ty TNHH May mặc Hà Trung",
    "Hợp tác xã Nông nghiệp Hà Trung",
    "Công ty Cổ phần Gạch ngói Hà Trung",
)
HOUSEHOLDS = 1500
RELATIONS = ("Vợ", "Con", "Con", "Con", "Mẹ", "Cháu")


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    phone: str
    role: str | None
    unit_code: str


def personas() -> list[Persona]:
    village = f"{DEMO_COMMUNE}-001"
    return [
        Persona("chair", "Chủ tịch UBND xã", "0901000001", roles.COMMUNE_CHAIR, DEMO_COMMUNE),
        Persona("officer", "Công chức UBND xã", "0901000002", roles.COMMUNE_OFFICER, DEMO_COMMUNE),
        Persona("front", "Cán bộ Mặt trận xã", "0901000003", roles.COMMUNE_FRONT, DEMO_COMMUNE),
        Persona("village_head", "Trưởng thôn", "0901000004", roles.VILLAGE_HEAD, village),
        Persona(
            "front_committee_head",
            "Trưởng Ban công tác Mặt trận thôn",
            "0901000005",
            roles.FRONT_COMMITTEE_HEAD,
            village,
        ),
        Persona(
            "agency_head",
            "Thủ trưởng cơ quan",
            "0901000006",
            roles.AGENCY_HEAD,
            f"{DEMO_COMMUNE}-C01",
        ),
        Persona(
            "employer",
            "Người sử dụng lao động",
            "0901000007",
            roles.EMPLOYER,
            f"{DEMO_COMMUNE}-D01",
        ),
        Persona("province", "Cán bộ cấp tỉnh", "0901000008", roles.PROVINCE_OFFICER, DEMO_PROVINCE),
        Persona("resident", "Người dân (đại diện hộ)", "0901000009", None, village),
    ]


def _citizen_id(rng: random.Random, serial: int, born: date, gender: str) -> str:
    century_digit = {1900: 0, 2000: 2}[born.year // 100 * 100] + (0 if gender == "male" else 1)
    return f"038{century_digit}{born.year % 100:02d}{serial:06d}"


def _birth(rng: random.Random, min_age: int, max_age: int) -> date:
    today = date.today()
    return today - timedelta(days=rng.randint(min_age * 365, max_age * 365))


@transaction.atomic
def build_demo() -> list[Persona]:
    if not Unit.objects.filter(code=DEMO_COMMUNE).exists():
        units_import_official()
    commune = Unit.objects.get(code=DEMO_COMMUNE)
    villages = _ensure_villages(commune)
    _ensure_organisations(commune)
    if not Household.objects.filter(village__in=villages).exists():
        _build_households(villages)
        index_households_later(
            list(Household.objects.filter(village__in=villages).values_list("pk", flat=True))
        )
    _ensure_personas(villages)
    _ensure_village_officials(villages)
    _ensure_employment(commune)
    build_demo_publications(commune)
    build_demo_decisions(commune)
    build_demo_petitions(commune)
    return personas()


def _ensure_villages(commune: Unit) -> list[Unit]:
    result = []
    for index, name in enumerate(VILLAGES, start=1):
        village, _ = Unit.objects.get_or_create(
            code=f"{commune.code}-{index:03d}",
            defaults={
                "name": name,
                "kind": Kind.VILLAGE,
                "parent": commune,
                "valid_from": date(2025, 7, 1),
            },
        )
        result.append(village)
    return result


def _ensure_organisations(commune: Unit) -> None:
    for index, name in enumerate(AGENCIES, start=1):
        Unit.objects.get_or_create(
            code=f"{commune.code}-C{index:02d}",
            defaults={"name": name, "kind": Kind.AGENCY, "parent": commune},
        )
    for index, name in enumerate(ENTERPRISES, start=1):
        Unit.objects.get_or_create(
            code=f"{commune.code}-D{index:02d}",
            defaults={"name": name, "kind": Kind.ENTERPRISE, "parent": commune},
        )


def _build_households(villages: list[Unit]) -> None:
    rng = random.Random(20250701)  # noqa: S311 - demo data, not security
    serial = 0
    plans = []
    for number in range(1, HOUSEHOLDS + 1):
        village = villages[(number - 1) % len(villages)]
        surname = rng.choice(SURNAMES)
        members = []
        head_gender = "male" if rng.random() < 0.8 else "female"
        people_count = rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 6))
        for position in range(people_count):
            if position == 0:
                gender, relation, born = head_gender, "Chủ hộ", _birth(rng, 28, 80)
            else:
                relation = rng.choice(RELATIONS)
                gender = "female" if relation in ("Vợ", "Mẹ") else rng.choice(("male", "female"))
                born = _birth(rng, 1, 75)
            serial += 1
            has_id = (date.today() - born).days >= 14 * 365
            members.append(
                (
                    Person(
                        full_name=full_name(rng, gender, surname if relation != "Vợ" else None),
                        date_of_birth=born,
                        gender=gender,
                        citizen_id=_citizen_id(rng, serial, born, gender) if has_id else None,
                    ).fill_derived(),
                    relation,
                )
            )
        plans.append((village, f"{number:04d}", members))
    Person.objects.bulk_create([p for _, _, ms in plans for p, _ in ms], batch_size=2000)
    households = [
        Household(
            village=village,
            code=code,
            address=f"Số {int(code)}, {village.name}",
            representative=members[0][0],
            joined_on=date(2025, 7, 1),
        )
        for village, code, members in plans
    ]
    Household.objects.bulk_create(households, batch_size=2000)
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(household=h, person=p, relation=rel, joined_on=date(2025, 7, 1))
            for h, (_, _, members) in zip(households, plans, strict=True)
            for p, rel in members
        ],
        batch_size=2000,
    )
    Residence.objects.bulk_create(
        [
            Residence(person=p, unit=h.village, kind="permanent", valid_from=date(2025, 7, 1))
            for h, (_, _, members) in zip(households, plans, strict=True)
            for p, _ in members
        ],
        batch_size=2000,
    )


def _ensure_personas(villages: list[Unit]) -> None:
    password = settings.DANCHU_DEMO_PASSWORD
    units = {u.code: u for u in Unit.objects.filter(code__in={p.unit_code for p in personas()})}
    for persona in personas():
        user = User.objects.filter(phone=persona.phone).first()
        if user is None:
            user = User.objects.create_user(
                phone=persona.phone, password=password, full_name=persona.label
            )
        if persona.role is not None:
            RoleAssignment.objects.get_or_create(
                user=user,
                role_id=persona.role,
                unit=units[persona.unit_code],
                defaults={"valid_from": date(2025, 7, 1)},
            )
        elif user.person_id is None:
            household = (
                Household.objects.filter(village=units[persona.unit_code]).order_by("code").first()
            )
            if household is not None and household.representative_id:
                user.person_id = household.representative_id
                user.full_name = household.representative.full_name
                user.save(update_fields=["person", "full_name"])


def _ensure_village_officials(villages: list[Unit]) -> None:
    """Every village has its head and its Front work committee head (logins 09010011NN and
    09010012NN; the first village's are the printed personas)."""
    password = settings.DANCHU_DEMO_PASSWORD
    for index, village in enumerate(villages[1:], start=2):
        for prefix, role in (
            ("0901001", roles.VILLAGE_HEAD),
            ("0901002", roles.FRONT_COMMITTEE_HEAD),
        ):
            phone = f"{prefix}{index:03d}"
            user = User.objects.filter(phone=phone).first()
            if user is None:
                representative = (
                    Household.objects.filter(village=village)
                    .order_by("-code")
                    .first()
                    .representative
                )
                user = User.objects.create_user(
                    phone=phone, password=password, full_name=representative.full_name
                )
            RoleAssignment.objects.get_or_create(
                user=user, role_id=role, unit=village, defaults={"valid_from": date(2025, 7, 1)}
            )


def _ensure_employment(commune: Unit) -> None:
    """Staff of the demo agencies and workers of the demo enterprises, taken from adults of
    the commune's households."""
    organisations = list(
        Unit.objects.filter(parent=commune, kind__in=[Kind.AGENCY, Kind.ENTERPRISE]).order_by(
            "code"
        )
    )
    if Employment.objects.filter(organisation__in=organisations).exists():
        return
    adults = list(
        Person.objects.filter(
            memberships__household__village__parent=commune,
            date_of_birth__lte=date.today() - timedelta(days=20 * 365),
            date_of_birth__gte=date.today() - timedelta(days=58 * 365),
        ).order_by("id")[: 40 * len(organisations)]
    )
    Employment.objects.bulk_create(
        [
            Employment(
                person=person,
                organisation=organisations[i % len(organisations)],
                position="Nhân viên"
                if organisations[i % len(organisations)].kind == Kind.AGENCY
                else "Công nhân",
                valid_from=date(2025, 7, 1),
            )
            for i, person in enumerate(adults)
        ]
    )
