"""Hand-built publications for the compliance tests (rows written directly: the compliance area
reads what the publications area records)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import count

import pytest

from danchu.core.calendar import deadline
from danchu.disclosure.models import (
    BroadcastLog,
    CatalogueItem,
    ChannelRecord,
    Publication,
    PublicationStatus,
    PublicationVersion,
    RelayConfirmation,
)

_numbers = count(1)


def make_publication(
    unit,
    item_code: str,
    *,
    decision: date,
    published: date | None = None,
    title: str | None = None,
    due: date | None = None,
    channels: Iterable[tuple] = (),
    broadcasts: Iterable[date] = (),
    relays: Iterable = (),
    decision_ref: str = "",
) -> Publication:
    """``channels``: (channel, started_on, ended_on[, place]); ``relays``: villages."""
    item = CatalogueItem.objects.get(code=item_code)
    number = next(_numbers)
    publication = Publication.objects.create(
        unit=unit,
        item=item,
        reference=f"CK-{unit.code}-{number:05d}",
        decision_ref=decision_ref,
        decision_date=decision,
        due_on=due or deadline(decision, item.deadline_amount, item.deadline_unit),
        status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
        published_on=published,
    )
    version = PublicationVersion.objects.create(
        publication=publication, number=1, title=title or f"Thông tin số {number}"
    )
    publication.current_version = version
    publication.save(update_fields=["current_version"])
    for channel, started, ended, *place in channels:
        ChannelRecord.objects.create(
            publication=publication,
            channel=channel,
            started_on=started,
            ended_on=ended,
            place=place[0] if place else None,
        )
    for day in broadcasts:
        BroadcastLog.objects.create(publication=publication, broadcast_on=day)
    for village in relays:
        RelayConfirmation.objects.create(
            publication=publication, village=village, method="Họp thôn", relayed_on=published
        )
    return publication


@pytest.fixture
def publish():
    return make_publication
