"""Bulk publications for benchmarks and query-count tests: N published publications of a unit
written with ``bulk_create`` in batches (no save() per row, no signals, no audit: this is
synthetic load, not official acts). ``index=True`` also fills the search index in batches."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from itertools import cycle

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from danchu.common.text import fold
from danchu.core.search.services import search_index_many
from danchu.core.units.models import Unit
from danchu.disclosure.models import Publication, PublicationStatus, PublicationVersion
from danchu.disclosure.selectors_publications import items_for_unit
from danchu.disclosure.services_publications import SEARCH_KIND, content_hash, posting_end

BATCH = 1000


def bulk_publications(
    unit: Unit, count: int, *, until: date | None = None, index: bool = False
) -> int:
    """Create ``count`` published publications of ``unit`` over the days before ``until``
    (one a day, cycling through the unit's catalogue items); returns how many were made."""
    items = list(items_for_unit(unit))
    if not items or count <= 0:
        return 0
    until = until or timezone.localdate()
    run = secrets.token_hex(3).upper()
    prefix = f"SC{run}-"
    item_cycle = cycle(items)
    with transaction.atomic():
        for start in range(0, count, BATCH):
            publications = []
            titles: dict[str, str] = {}
            for n in range(start, min(start + BATCH, count)):
                item = next(item_cycle)
                published_on = until - timedelta(days=n % 3650)
                title = f"Thông tin công khai số {n + 1}: {item.title[:120]}"
                titles[f"{prefix}{n + 1:07d}"] = title
                publications.append(
                    Publication(
                        unit=unit,
                        item=item,
                        reference=f"{prefix}{n + 1:07d}",
                        decision_ref=f"{n + 1}/QĐ-UBND",
                        decision_date=published_on - timedelta(days=2),
                        due_on=published_on + timedelta(days=3),
                        status=PublicationStatus.PUBLISHED,
                        published_on=published_on,
                        posting_ends_on=posting_end(published_on, item),
                        title_folded=fold(title)[:255],
                    )
                )
            Publication.objects.bulk_create(publications, batch_size=BATCH)
            created = Publication.objects.filter(
                reference__in=[p.reference for p in publications]
            ).values_list("pk", "reference", "published_on")
            versions = []
            for pk, reference, published_on in created:
                title = titles[reference]
                summary = f"Nội dung công khai của {unit.name}."
                body = f"<p>{summary}</p>"
                versions.append(
                    PublicationVersion(
                        publication_id=pk,
                        number=1,
                        title=title,
                        summary=summary,
                        body=body,
                        published_at=timezone.make_aware(datetime.combine(published_on, time(8))),
                        content_hash=content_hash(title, summary, body, []),
                    )
                )
            PublicationVersion.objects.bulk_create(versions, batch_size=BATCH)
        Publication.objects.filter(reference__startswith=prefix).update(
            current_version=Subquery(
                PublicationVersion.objects.filter(publication=OuterRef("pk"), number=1).values(
                    "pk"
                )[:1]
            )
        )
    if index:
        pks = Publication.objects.filter(reference__startswith=prefix).values_list("pk", flat=True)
        search_index_many(SEARCH_KIND, pks.iterator(chunk_size=BATCH))
    return count
