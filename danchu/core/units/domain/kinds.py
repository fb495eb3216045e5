"""Kinds of unit and the level each belongs to.

After 1 July 2025 local government has two levels: province and commune (LAW.md §0.3(1), §7).
Commune-level units are xã, phường and đặc khu; villages are thôn and tổ dân phố. Which kinds
count as commune level is configuration (LAW.md R-CFG-01), read from
``settings.DANCHU_COMMUNE_LEVEL_KINDS``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province level")
    COMMUNE = "commune", _("Commune level")
    VILLAGE = "village", _("Village")
    ORGANISATION = "organisation", _("Agency or enterprise")


class Kind(models.TextChoices):
    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Centrally-run city")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    VILLAGE = "village", _("Village (thôn)")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group (tổ dân phố)")
    AGENCY = "agency", _("Agency or public service unit")
    ENTERPRISE = "enterprise", _("Enterprise or employer")


DEFAULT_COMMUNE_LEVEL_KINDS = (Kind.COMMUNE, Kind.WARD, Kind.SPECIAL_ZONE)

_FIXED_LEVELS: dict[str, str] = {
    Kind.PROVINCE: Level.PROVINCE,
    Kind.MUNICIPALITY: Level.PROVINCE,
    Kind.VILLAGE: Level.VILLAGE,
    Kind.RESIDENTIAL_GROUP: Level.VILLAGE,
    Kind.AGENCY: Level.ORGANISATION,
    Kind.ENTERPRISE: Level.ORGANISATION,
}

# Which parent level each level hangs under.
ALLOWED_PARENT_LEVELS: dict[str, tuple[str, ...]] = {
    Level.PROVINCE: (),
    Level.COMMUNE: (Level.PROVINCE,),
    Level.VILLAGE: (Level.COMMUNE,),
    Level.ORGANISATION: (Level.PROVINCE, Level.COMMUNE),
}


def commune_level_kinds() -> tuple[str, ...]:
    return tuple(getattr(settings, "DANCHU_COMMUNE_LEVEL_KINDS", DEFAULT_COMMUNE_LEVEL_KINDS))


def level_of(kind: str) -> str:
    """Return the level of a unit kind; raise ValueError for a kind nobody configured."""
    if kind in _FIXED_LEVELS:
        return _FIXED_LEVELS[kind]
    if kind in commune_level_kinds():
        return Level.COMMUNE
    raise ValueError(f"Unknown unit kind: {kind!r}")


def parent_allowed(child_level: str, parent_level: str | None) -> bool:
    allowed = ALLOWED_PARENT_LEVELS[child_level]
    if not allowed:
        return parent_level is None
    return parent_level in allowed


# Division types of the `vietnam-provinces` package mapped to our kinds.
PACKAGE_DIVISION_KINDS: dict[str, str] = {
    "tỉnh": Kind.PROVINCE,
    "thành phố trung ương": Kind.MUNICIPALITY,
    "xã": Kind.COMMUNE,
    "phường": Kind.WARD,
    "đặc khu": Kind.SPECIAL_ZONE,
}
