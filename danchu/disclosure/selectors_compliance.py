"""Loading what compliance needs for a unit (or a whole subtree) and a period, as plain data, in
a constant number of queries: publications with their item and current title, channel records,
broadcast days, relay confirmations, and the villages that must confirm relays.

Callers check VIEW_COMPLIANCE over the unit first (views, API, the steering pillar).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit
from danchu.disclosure.domain.compliance import (
    ChannelSpan,
    ComplianceResult,
    ItemRules,
    Period,
    PublicationFacts,
    assess,
)
from danchu.disclosure.models import (
    BroadcastLog,
    ChannelRecord,
    Publication,
    PublicationStatus,
    RelayConfirmation,
)


def _publications_in(scope: Q, period: Period) -> list[Publication]:
    """Publications under ``scope`` due in the period or published in it (one query)."""
    in_period = Q(due_on__range=(period.start, period.end)) | Q(
        status=PublicationStatus.PUBLISHED, published_on__range=(period.start, period.end)
    )
    return list(
        Publication.objects.filter(scope)
        .filter(in_period)
        .select_related("item", "current_version")
        .only(
            "id",
            "unit_id",
            "reference",
            "decision_ref",
            "decision_date",
            "due_on",
            "status",
            "published_on",
            "item__code",
            "item__number",
            "item__regime",
            "item__title",
            "item__required_channels",
            "item__posting_days",
            "item__permanent",
            "item__broadcast_days",
            "item__village_relay",
            "current_version__title",
        )
        .order_by("due_on", "id")
    )


def _facts(publications: list[Publication]) -> list[PublicationFacts]:
    """Three more queries, whatever the number of publications."""
    ids = [p.id for p in publications]
    spans: dict[int, list[ChannelSpan]] = defaultdict(list)
    broadcasts: dict[int, list[date]] = defaultdict(list)
    relays: dict[int, set[int]] = defaultdict(set)
    if ids:
        for pub_id, channel, started, ended, place in ChannelRecord.objects.filter(
            publication_id__in=ids
        ).values_list("publication_id", "channel", "started_on", "ended_on", "place_id"):
            spans[pub_id].append(ChannelSpan(channel, started, ended, place))
        for pub_id, day in BroadcastLog.objects.filter(publication_id__in=ids).values_list(
            "publication_id", "broadcast_on"
        ):
            broadcasts[pub_id].append(day)
        for pub_id, village_id in RelayConfirmation.objects.filter(
            publication_id__in=ids
        ).values_list("publication_id", "village_id"):
            relays[pub_id].add(village_id)
    items: dict[int, ItemRules] = {}
    facts = []
    for pub in publications:
        item = pub.item
        rules = items.get(item.pk)
        if rules is None:
            rules = items[item.pk] = ItemRules(
                code=item.code,
                number=item.number,
                regime=item.regime,
                title=item.title,
                required_channels=tuple(item.required_channels or ()),
                posting_days=item.posting_days,
                permanent=item.permanent,
                broadcast_days=item.broadcast_days,
                village_relay=item.village_relay,
            )
        version = pub.current_version
        facts.append(
            PublicationFacts(
                id=pub.id,
                unit_id=pub.unit_id,
                reference=pub.reference,
                title=version.title if version is not None else pub.reference,
                item=rules,
                decision_date=pub.decision_date,
                due_on=pub.due_on,
                status=pub.status,
                published_on=pub.published_on,
                decision_ref=pub.decision_ref,
                channels=tuple(spans.get(pub.id, ())),
                broadcast_days=tuple(sorted(broadcasts.get(pub.id, ()))),
                relayed_village_ids=frozenset(relays.get(pub.id, ())),
            )
        )
    return facts


def _villages_by_parent(scope: Q) -> dict[int, list[int]]:
    """Current villages under ``scope``, grouped by their commune (one query)."""
    grouped: dict[int, list[int]] = defaultdict(list)
    rows = Unit.objects.current().filter(scope, level=Level.VILLAGE).values_list("id", "parent_id")
    for village_id, parent_id in rows:
        grouped[parent_id].append(village_id)
    return grouped


@dataclass(frozen=True)
class UnitFacts:
    unit: Unit
    period: Period
    publications: tuple[PublicationFacts, ...]
    village_ids: tuple[int, ...]


def unit_facts(unit: Unit, period: Period) -> UnitFacts:
    """Everything compliance needs for ``unit`` (its own publications) in five queries."""
    publications = _facts(_publications_in(Q(unit=unit), period))
    villages = _villages_by_parent(Q(parent=unit))
    return UnitFacts(unit, period, tuple(publications), tuple(villages.get(unit.pk, ())))


def unit_compliance(unit: Unit, period: Period, *, today: date | None = None) -> ComplianceResult:
    facts = unit_facts(unit, period)
    return assess(
        facts.publications,
        period,
        today=today or timezone.localdate(),
        village_ids=facts.village_ids,
    )


def publishing_units_within(root: Unit) -> list[Unit]:
    """The current units of the subtree that publish (commune level and organisations, and the
    root itself), in path order (one query)."""
    return list(
        Unit.objects.current()
        .within(root)
        .filter(Q(pk=root.pk) | Q(level__in=(Level.COMMUNE, Level.ORGANISATION)))
        .only("id", "code", "name", "kind", "level", "path", "parent_id")
        .order_by("path")
    )


def subtree_compliance(
    root: Unit, period: Period, *, today: date | None = None
) -> list[tuple[Unit, ComplianceResult]]:
    """Compliance of every publishing unit under ``root`` (the materialised path), in a
    constant number of queries: six, whatever the number of units."""
    day = today or timezone.localdate()
    units = publishing_units_within(root)
    scope_prefix = Q(path__startswith=root.path)
    publications = _facts(_publications_in(Q(unit__path__startswith=root.path), period))
    villages = _villages_by_parent(scope_prefix)
    by_unit: dict[int, list[PublicationFacts]] = defaultdict(list)
    for pub in publications:
        by_unit[pub.unit_id].append(pub)
    known = {unit.pk for unit in units}
    # A publication of a unit no longer current (merged) still counts, under the root.
    orphans = [pub for unit_id, pubs in by_unit.items() if unit_id not in known for pub in pubs]
    results = []
    for unit in units:
        pubs = by_unit.get(unit.pk, [])
        if unit.pk == root.pk:
            pubs = pubs + orphans
        results.append(
            (unit, assess(pubs, period, today=day, village_ids=villages.get(unit.pk, ())))
        )
    return results


def published_in_period(unit: Unit, period: Period) -> list[PublicationFacts]:
    """Everything ``unit`` published in the period, by date (the quarterly list, Law 10/2022
    Art. 13(2))."""
    scope = Q(unit=unit, status=PublicationStatus.PUBLISHED)
    publications = [p for p in _publications_in(scope, period) if period.contains(p.published_on)]
    facts = _facts(publications)
    return sorted(facts, key=lambda p: (p.published_on, p.id))
