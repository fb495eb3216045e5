"""Keeping the index current.

``search_index`` and ``search_remove`` follow single saves and deletes (the signals in
``signals.py`` call them, inside the caller's transaction, so the index commits or rolls back
with the change). The index is derived data, not an official act, so they write no audit
event. ``search_reindex`` rebuilds whole kinds (after bulk imports, which bypass signals) and
records one audit event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import translation

from danchu.core.access.predicates import unit_path_of
from danchu.core.audit.services import audit_record
from danchu.core.search.domain.folding import index_text, to_nfc
from danchu.core.search.models import SearchEntry
from danchu.core.search.registry import SearchKind, get_kind, get_kinds, kinds_for_model

BATCH = 1000
TITLE_LENGTH = SearchEntry._meta.get_field("title").max_length
URL_LENGTH = SearchEntry._meta.get_field("url").max_length
_UPDATED_FIELDS = [
    "title",
    "body",
    "title_terms",
    "body_terms",
    "unit_path",
    "is_public",
    "url",
    "updated_at",
]


def _kinds_of(obj: Model, kind: str | None) -> list[SearchKind]:
    return [get_kind(kind)] if kind is not None else kinds_for_model(type(obj))


def build_entry(kind: SearchKind, obj: Any) -> SearchEntry | None:
    """The index row for ``obj``, or None when the kind leaves it out of the index. Documents
    are built in the site's language: the index holds the words people search in."""
    with translation.override(settings.LANGUAGE_CODE):
        document = kind.document(obj)
    if document is None:
        return None
    title = to_nfc(str(document.title))[:TITLE_LENGTH]
    body = to_nfc(str(document.body))
    return SearchEntry(
        kind=kind.name,
        object_id=str(obj.pk),
        title=title,
        body=body,
        title_terms=index_text(title),
        body_terms=index_text(body),
        unit_path=unit_path_of(document.unit) or "",
        is_public=kind.is_public or document.public,
        url=document.url[:URL_LENGTH],
    )


def _upsert(entries: list[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_UPDATED_FIELDS,
    )


def search_index(obj: Model, *, kind: str | None = None) -> None:
    """Add or refresh ``obj`` in the index under its kind (or every kind of its model)."""
    for search_kind in _kinds_of(obj, kind):
        entry = build_entry(search_kind, obj)
        if entry is None:
            _delete(search_kind, [obj.pk])
        else:
            _upsert([entry])


def search_remove(obj: Model, *, kind: str | None = None) -> None:
    """Drop ``obj`` from the index."""
    for search_kind in _kinds_of(obj, kind):
        _delete(search_kind, [obj.pk])


def _delete(kind: SearchKind, pks: Iterable[Any]) -> None:
    SearchEntry.objects.filter(kind=kind.name, object_id__in=[str(pk) for pk in pks]).delete()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def search_index_many(kind: str, pks: Iterable[Any]) -> int:
    """Index the objects of ``kind`` with these primary keys (e.g. rows a bulk import just
    created) in batches; returns how many entries were written."""
    search_kind = get_kind(kind)
    written = 0
    for batch in _batches(pks, BATCH):
        objects = list(search_kind.queryset().filter(pk__in=batch))
        entries = [e for e in (build_entry(search_kind, o) for o in objects) if e is not None]
        with transaction.atomic():
            _delete(search_kind, batch)
            _upsert(entries)
        written += len(entries)
    return written


def _rebuild(kind: SearchKind) -> int:
    SearchEntry.objects.filter(kind=kind.name).delete()
    written = 0
    objects = kind.queryset().order_by("pk").iterator(chunk_size=BATCH)
    for batch in _batches(objects, BATCH):
        entries = [e for e in (build_entry(kind, o) for o in batch) if e is not None]
        SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
        written += len(entries)
    return written


def search_reindex(kind: str | None = None, *, actor: Any = None) -> dict[str, int]:
    """Rebuild the index of one kind (every kind for ``None``); returns entries per kind.

    Each kind is rebuilt in one transaction, so searches see the old entries until the new
    ones are complete. Run from `danchu reindex` or a task, by the system: there is no page
    for it, hence no permission to check."""
    counts: dict[str, int] = {}
    for search_kind in get_kinds([kind] if kind is not None else None):
        with transaction.atomic():
            counts[search_kind.name] = _rebuild(search_kind)
            audit_record(
                actor=actor,
                action="search.reindexed",
                data={"kind": search_kind.name, "entries": counts[search_kind.name]},
            )
    return counts
