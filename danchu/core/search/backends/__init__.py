"""Full-text matching, chosen from the database in use: FTS5 on SQLite, tsvector on PostgreSQL.

A backend takes a queryset of entries and the folded query terms, and returns the matching
entries annotated with ``rank`` and ordered best first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

from danchu.core.search.backends import postgresql, sqlite

Matcher = Callable[[QuerySet, Sequence[str]], QuerySet]

_MATCHERS: dict[str, Matcher] = {"sqlite": sqlite.match, "postgresql": postgresql.match}


def matcher_for(queryset: QuerySet) -> Matcher:
    vendor = connections[queryset.db].vendor
    try:
        return _MATCHERS[vendor]
    except KeyError:
        message = f"Search supports SQLite and PostgreSQL, not {vendor}."
        raise ImproperlyConfigured(message) from None


def match(queryset: QuerySet, terms: Sequence[str]) -> QuerySet:
    """The entries of ``queryset`` holding every term (the last one as a prefix), best first."""
    return matcher_for(queryset)(queryset, terms)
