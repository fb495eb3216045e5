"""Searching: folded terms, full-text match, rank, and the permission filter, always.

A search returns public entries plus the entries whose unit the actor holds the kind's
permission over: the same rule the record's own page applies, so a search never reveals a
record the actor may not open.

The permission filter is also read for the unit paths it allows (:func:`scope_paths`), which
the PostgreSQL backend uses to read only that part of its index; the filter itself still
decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from danchu.core.access.registry import scope_q
from danchu.core.search.backends import match
from danchu.core.search.domain.folding import query_terms
from danchu.core.search.domain.highlight import highlight
from danchu.core.search.models import SearchEntry
from danchu.core.search.registry import SearchKind, get_kinds

SNIPPET_LENGTH = 200
QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    entry: SearchEntry
    kind_label: str | Promise
    title: SafeString
    snippet: SafeString

    @property
    def url(self) -> str:
        return self.entry.url


PATH_FIELD = "unit_path"
PATH_END = "/"


def _permission_qs(actor: Any, kinds: list[SearchKind]) -> list[tuple[str, Q]]:
    """The permission filter of each kind that has one, over the entries' unit path."""
    return [
        (kind.name, scope_q(actor, kind.permission, PATH_FIELD))
        for kind in kinds
        if kind.permission is not None
    ]


def _visible(kinds: list[SearchKind], permission_qs: list[tuple[str, Q]]) -> QuerySet:
    visible = [Q(is_public=True)]
    visible += [Q(kind=name) & q for name, q in permission_qs]
    return SearchEntry.objects.filter(
        Q(kind__in=[k.name for k in kinds]) & reduce(or_, visible)
    ).defer("title_terms", "body_terms")


def visible_entries(actor: Any, kinds: list[SearchKind]) -> QuerySet:
    """Entries of ``kinds`` the actor may see: public ones, and those under a unit where the
    actor holds the kind's permission."""
    return _visible(kinds, _permission_qs(actor, kinds))


def _leaf_paths(lookup: str, value: Any) -> frozenset[str] | None:
    field, _, operator = lookup.partition(LOOKUP_SEP)
    if field == "pk" and operator == "in" and isinstance(value, list | tuple) and not value:
        return frozenset()  # NOTHING: no entry at all
    if field != PATH_FIELD:
        return None
    if operator in ("", "exact", "startswith"):
        values = [value]
    elif operator == "in" and isinstance(value, list | tuple | set | frozenset):
        values = list(value)  # never a subquery: that would run it here
    else:
        return None
    if not all(isinstance(v, str) and v.endswith(PATH_END) for v in values):
        return None
    return frozenset(values)


def _q_paths(q: Q) -> frozenset[str] | None:
    """Paths (ending in /) such that every entry ``q`` lets through has a unit path starting
    with one of them; ``None`` when ``q`` is not understood (or lets any path through)."""
    if q.negated or not q.children:
        return None
    found = [
        _q_paths(child)
        if isinstance(child, Q)
        else (_leaf_paths(*child) if isinstance(child, tuple) and len(child) == 2 else None)
        for child in q.children
    ]
    if q.connector == Q.OR:
        if any(paths is None for paths in found):
            return None
        return frozenset().union(*found)
    if q.connector == Q.AND:
        known = [paths for paths in found if paths is not None]
        return min(known, key=len) if known else None
    return None


def _scope_paths(permission_qs: list[tuple[str, Q]]) -> frozenset[str] | None:
    paths: set[str] = set()
    for _, q in permission_qs:
        found = _q_paths(q)
        if found is None:
            return None
        paths |= found
    return frozenset(paths)


def scope_paths(actor: Any, kinds: list[SearchKind]) -> frozenset[str] | None:
    """Unit paths (ending in /) under which lies every non-public entry of ``kinds`` that the
    actor may see, read from the kinds' permission filters: the actor's scopes for a
    role-over-unit permission. ``None`` when a filter is not made of unit-path conditions (the
    index is then read in full). An accelerator only: :func:`visible_entries` decides."""
    return _scope_paths(_permission_qs(actor, kinds))


def _hit(entry: SearchEntry, terms: list[str], labels: dict[str, str | Promise]) -> SearchHit:
    return SearchHit(
        entry=entry,
        kind_label=labels[entry.kind],
        title=highlight(entry.title, terms),
        snippet=highlight(entry.body, terms, size=SNIPPET_LENGTH),
    )


def search(
    actor: Any,
    query: str,
    *,
    kinds: list[str] | None = None,
    page: int | str | None = 1,
    per_page: int | None = None,
) -> Page:
    """One page of :class:`SearchHit`, best first, of the entries matching every word of
    ``query`` (diacritics, đ and case ignored; the last word may be incomplete). ``kinds``
    limits the search to these registered kinds; an unknown kind raises."""
    search_kinds = get_kinds(kinds)
    terms = query_terms(query[:QUERY_LENGTH])
    if terms and search_kinds:
        permission_qs = _permission_qs(actor, search_kinds)
        entries = match(
            _visible(search_kinds, permission_qs), terms, scopes=_scope_paths(permission_qs)
        )
    else:
        entries = SearchEntry.objects.none()
    paginator = Paginator(entries, per_page or settings.DANCHU_PAGE_SIZE)
    result = paginator.get_page(page)
    labels = {k.name: k.label for k in search_kinds}
    result.object_list = [_hit(entry, terms, labels) for entry in result.object_list]
    result.param = "page"  # type: ignore[attr-defined]
    result.terms = terms  # type: ignore[attr-defined]
    return result
