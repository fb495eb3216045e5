"""Searching: folded terms, full-text match, rank, and the permission filter, always.

A search returns public entries plus the entries whose unit the actor holds the kind's
permission over: the same rule the record's own page applies, so a search never reveals a
record the actor may not open.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
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


def visible_entries(actor: Any, kinds: list[SearchKind]) -> QuerySet:
    """Entries of ``kinds`` the actor may see: public ones, and those under a unit where the
    actor holds the kind's permission."""
    visible = [Q(is_public=True)]
    for kind in kinds:
        if kind.permission is not None:
            visible.append(Q(kind=kind.name) & scope_q(actor, kind.permission, "unit_path"))
    return SearchEntry.objects.filter(
        Q(kind__in=[k.name for k in kinds]) & reduce(or_, visible)
    ).defer("title_terms", "body_terms")


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
        entries = match(visible_entries(actor, search_kinds), terms)
    else:
        entries = SearchEntry.objects.none()
    paginator = Paginator(entries, per_page or settings.DANCHU_PAGE_SIZE)
    result = paginator.get_page(page)
    labels = {k.name: k.label for k in search_kinds}
    result.object_list = [_hit(entry, terms, labels) for entry in result.object_list]
    result.param = "page"  # type: ignore[attr-defined]
    result.terms = terms  # type: ignore[attr-defined]
    return result
