"""PostgreSQL: ``document @@ to_tsquery('simple', unaccent(...))`` over the tsvector that the
trigger of migration 0002 keeps, ranked by ts_rank: title weight A above body weight B, and
normalisation 1 (divide by the log of the length) so that short titles come first, as with bm25.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from danchu.core.search.models import SearchEntry

_TABLE = SearchEntry._meta.db_table
_TSQUERY = "to_tsquery('simple', unaccent(%s))"


def ts_query(terms: Sequence[str]) -> str:
    """Every term must occur; the last one may be the beginning of a word. Terms are folded
    words (letters and digits only), quoted as tsquery lexemes."""
    quoted = [f"'{term}'" for term in terms]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def match(queryset: QuerySet, terms: Sequence[str]) -> QuerySet:
    query = ts_query(terms)
    return (
        queryset.filter(
            RawSQL(  # noqa: S611  (constant SQL; the query is a parameter)
                f'"{_TABLE}"."document" @@ {_TSQUERY}', [query], output_field=BooleanField()
            )
        )
        .annotate(
            rank=RawSQL(  # noqa: S611  (constant SQL; the query is a parameter)
                f'ts_rank("{_TABLE}"."document", {_TSQUERY}, 1)', [query], output_field=FloatField()
            )
        )
        .order_by("-rank", "-updated_at", "pk")
    )
