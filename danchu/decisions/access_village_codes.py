"""Fetching village codes: posted drafts and adopted codes are public (ND 61/2023 Art. 9);
a draft still being written is for the village's and the commune's officials. Anything else
is a 404, never a 403, so that nobody learns what exists outside their units."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.models import Unit
from danchu.decisions.domain import village_codes as law
from danchu.decisions.models import VillageCode, VillageCodeStatus
from danchu.decisions.permissions_village_codes import SEE_DRAFTS, VIEW_CODES


def access_code_by_id(actor: Any, code_id: int, *, permission: str | None = None) -> VillageCode:
    code = (
        VillageCode.objects.select_related("unit", "unit__parent", "matter")
        .filter(pk=code_id)
        .first()
    )
    if code is None:
        raise not_found()
    if permission is None:
        permission = SEE_DRAFTS if code.status == VillageCodeStatus.DRAFTING else VIEW_CODES
    if not has_perm(actor, permission, code):
        raise not_found()
    return code


def codes_of_village(actor: Any, village: Unit) -> QuerySet[VillageCode]:
    """The village's codes the actor may see, newest first."""
    codes = VillageCode.objects.filter(unit=village).order_by("-created_at", "-pk")
    if not has_perm(actor, SEE_DRAFTS, village):
        codes = codes.exclude(status=VillageCodeStatus.DRAFTING)
    return codes


# --- the commune's lists (ND 61 Arts 11, 12, 14, 15(4)) ---------------------------------------


def _of_commune(commune: Unit) -> QuerySet[VillageCode]:
    return VillageCode.objects.filter(unit__parent=commune).select_related("unit")


def commune_reports(commune: Unit) -> QuerySet[VillageCode]:
    """Codes with a written report not yet answered by a suspension or an abolition, oldest
    report first."""
    return (
        _of_commune(commune)
        .filter(
            suspension_reported_on__isnull=False,
            status__in=(VillageCodeStatus.IN_EFFECT, VillageCodeStatus.PARTLY_SUSPENDED),
        )
        .filter(Q(suspended_on__isnull=True) | Q(suspended_on__lt=F("suspension_reported_on")))
        .order_by("suspension_reported_on", "pk")
    )


def commune_awaiting_recognition(commune: Unit) -> QuerySet[VillageCode]:
    """Adopted codes whose dossier reached the commune and await its decision."""
    return (
        _of_commune(commune)
        .filter(status=VillageCodeStatus.ADOPTED, dossier_sent_on__isnull=False)
        .order_by("dossier_sent_on", "pk")
    )


def commune_reviews_due(commune: Unit, year: int) -> QuerySet[VillageCode]:
    """Codes due for their yearly review in ``year`` (the database form of
    ``domain.village_codes.review_due`` with each code's agreed review day, 18 November unless
    the community agreed another: ND 61 Art. 15(4)): recognised on or before that day."""
    recognised_by_review_day = (
        Q(recognised_on__year__lt=year)
        | Q(recognised_on__year=year, recognised_on__month__lt=F("review_month"))
        | Q(
            recognised_on__year=year,
            recognised_on__month=F("review_month"),
            recognised_on__day__lte=F("review_day"),
        )
    )
    return (
        _of_commune(commune)
        .filter(status__in=law.REVIEWED_STATUSES, recognised_on__isnull=False)
        .filter(recognised_by_review_day)
        .exclude(reviews__reviewed_on__year=year)
        .order_by("unit__code", "pk")
    )
