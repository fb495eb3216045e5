"""Reads of publications: the public list of a unit (filtered by item and period), the
officials' working list, versions with their attachments, and rows for the open-data export.
Every list is a queryset the caller paginates; related rows come by join or prefetch, never
one query per row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from danchu.core.access.registry import scope_queryset
from danchu.core.units.models import Unit
from danchu.disclosure.models import (
    Attachment,
    BroadcastLog,
    CatalogueItem,
    ChannelRecord,
    Publication,
    PublicationStatus,
    PublicationVersion,
    RelayConfirmation,
)
from danchu.disclosure.permissions import MANAGE_PUBLICATIONS
from danchu.disclosure.services_publications import regime_of

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    """A month ("2027-03"), a quarter ("2027-Q1") or a year ("2027"), as a date range."""

    key: str
    start: date
    end: date  # exclusive


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def parse_period(text: str | None) -> Period | None:
    """The period named by ``text``, or None when it names none (the filter is ignored)."""
    text = (text or "").strip()
    if match := _YEAR.match(text):
        year = int(match[1])
        if 1900 < year < 2200:
            return Period(text, date(year, 1, 1), date(year + 1, 1, 1))
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        if 1900 < year < 2200:
            first = 3 * (quarter - 1) + 1
            return Period(f"{year}-Q{quarter}", date(year, first, 1), _next_month(year, first + 2))
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if 1900 < year < 2200 and 1 <= month <= 12:
            return Period(f"{year}-{month:02d}", date(year, month, 1), _next_month(year, month))
    return None


def items_for_unit(unit: Unit) -> QuerySet[CatalogueItem]:
    """The catalogue items that apply to ``unit`` (empty for units that do not publish)."""
    regime = regime_of(unit)
    if regime is None:
        return CatalogueItem.objects.none()
    return CatalogueItem.objects.filter(regime=regime, active=True).order_by("number")


def published_in_unit(
    unit: Unit, *, item: CatalogueItem | None = None, period: Period | None = None
) -> QuerySet[Publication]:
    """Published publications of ``unit``, newest first, with their current version and item."""
    queryset = Publication.objects.filter(unit=unit, status=PublicationStatus.PUBLISHED)
    if item is not None:
        queryset = queryset.filter(item=item)
    if period is not None:
        queryset = queryset.filter(published_on__gte=period.start, published_on__lt=period.end)
    return queryset.select_related("current_version", "item").order_by("-published_on", "-id")


def managed_in_unit(actor: Any, unit: Unit, *, status: str = "") -> QuerySet[Publication]:
    """Every publication of ``unit`` (drafts included) the actor manages."""
    queryset = scope_queryset(
        actor, MANAGE_PUBLICATIONS, Publication.objects.filter(unit=unit), "unit__path"
    )
    if status in PublicationStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("current_version", "item").order_by("-updated_at", "-id")


def versions_of(publication: Publication, *, published_only: bool = True) -> list:
    """The versions, newest first, each with its attachments (two queries)."""
    queryset = PublicationVersion.objects.filter(publication=publication)
    if published_only:
        queryset = queryset.filter(published_at__isnull=False)
    return list(
        queryset.select_related("published_by")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("-number")
    )


def channel_records_of(publication: Publication) -> list[ChannelRecord]:
    return list(
        ChannelRecord.objects.filter(publication=publication)
        .select_related("place")
        .order_by("started_on", "pk")
    )


def broadcasts_of(publication: Publication) -> list[BroadcastLog]:
    return list(BroadcastLog.objects.filter(publication=publication).order_by("broadcast_on"))


def relays_of(publication: Publication) -> list[RelayConfirmation]:
    return list(
        RelayConfirmation.objects.filter(publication=publication)
        .select_related("village")
        .order_by("village__code")
    )


def villages_of(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=unit, level="village", valid_to__isnull=True).order_by("code")


EXPORT_COLUMNS = (
    "reference",
    "item_code",
    "item_number",
    "item_title",
    "title",
    "summary",
    "decision_ref",
    "decision_date",
    "due_on",
    "published_on",
    "posting_ends_on",
    "version",
    "content_hash",
    "url",
)


def export_rows(unit: Unit, build_url: Any) -> Iterator[tuple]:
    """Rows of the open-data export, read in chunks (memory stays flat)."""
    queryset = published_in_unit(unit).order_by("published_on", "id")
    for p in queryset.iterator(chunk_size=1000):
        yield export_row(p, build_url)


def export_row(p: Publication, build_url: Any) -> tuple:
    v = p.current_version
    return (
        p.reference,
        p.item.code,
        p.item.number,
        p.item.title,
        v.title if v else "",
        v.summary if v else "",
        p.decision_ref,
        p.decision_date,
        p.due_on,
        p.published_on,
        p.posting_ends_on,
        v.number if v else None,
        v.content_hash if v else "",
        build_url(p),
    )
