"""Full-text matching, chosen from the database in use: FTS5 on SQLite, tsvector on PostgreSQL.

A backend takes a queryset of entries and the folded query terms, and returns the matching
entries annotated with ``rank`` and ordered best first. ``scopes`` (the unit paths the entries
of the queryset lie under, besides public ones) lets PostgreSQL read only that part of its
index; SQLite ignores it. Either way the queryset's own filter decides what is found.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

from danchu.core.search.backends import postgresql, sqlite

Matcher = Callable[..., QuerySet]

_MATCHERS: dict[str, Matcher] = {"sqlite": sqlite.match, "postgresql": postgresql.match}


def matcher_for(queryset: QuerySet) -> Matcher:
    vendor = connections[queryset.db].vendor
    try:
        return _MATCHERS[vendor]
    except KeyError:
        message = f"Search supports SQLite and PostgreSQL, not {vendor}."
        raise ImproperlyConfigured(message) from None


def match(
    queryset: QuerySet, terms: Sequence[str], *, scopes: Collection[str] | None = None
) -> QuerySet:
    """The entries of ``queryset`` holding every term (the last one as a prefix), best first.
    ``scopes``: paths (ending in /) under which every non-public entry of ``queryset`` lies, or
    ``None`` when that is not known."""
    return matcher_for(queryset)(queryset, terms, scopes=scopes)
