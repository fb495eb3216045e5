"""SQLite FTS5: ``search_fts MATCH '"term1" "term2"*'`` joined to the entries by rowid, ranked
by bm25 (configured in migration 0002: the title weighs ten times the body)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.db.models import F, QuerySet


def fts_query(terms: Sequence[str]) -> str:
    """Every term must occur; the last one may be the beginning of a word. Terms are folded
    words (letters and digits only), quoted so that nothing in them is FTS5 syntax."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def match(
    queryset: QuerySet, terms: Sequence[str], *, scopes: Collection[str] | None = None
) -> QuerySet:
    """``scopes`` is not used: the FTS5 table holds the words only, and the queryset's
    permission filter restricts the entries."""
    return (
        queryset.filter(fts_row__search_fts__match=fts_query(terms))
        .annotate(rank=F("fts_row__rank"))
        .order_by("rank", "-updated_at", "pk")
    )
