"""Prepare the benchmark database after seeding: an official with a session, the codes of the
pages to measure, and the data volumes. Prints one JSON object.

    python -m bench.harness.fixtures
"""

from __future__ import annotations

import json
from datetime import date


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from danchu.core.access import roles
    from danchu.core.access.models import RoleAssignment, User
    from danchu.core.people.models import Household, Person
    from danchu.core.units.models import Unit

    commune = (
        Unit.objects.filter(level="commune", children__code__contains="-S").order_by("code").first()
    )
    village = Unit.objects.filter(parent=commune, level="village").order_by("code").first()
    household = Household.objects.filter(village=village).order_by("id").first()
    officer = User.objects.filter(phone="0999000001").first()
    if officer is None:
        officer = User.objects.create_user(phone="0999000001", password=None)
        RoleAssignment.objects.create(
            user=officer, role_id=roles.COMMUNE_OFFICER, unit=commune, valid_from=date(2025, 7, 1)
        )
    client = Client()
    client.force_login(officer)
    seeded_villages = list(
        Unit.objects.filter(level="village", code__contains="-S")
        .order_by("code")
        .values_list("code", flat=True)
    )
    print(
        json.dumps(
            {
                "province": commune.parent.code,
                "commune": commune.code,
                "village": village.code,
                "household": household.pk,
                "officer_login": officer.login,
                "session_cookie": client.cookies["sessionid"].value,
                "villages": seeded_villages,
                "volumes": {
                    "provinces": Unit.objects.filter(level="province").count(),
                    "communes": Unit.objects.filter(level="commune").count(),
                    "villages": Unit.objects.filter(level="village").count(),
                    "households": Household.objects.count(),
                    "persons": Person.objects.count(),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
