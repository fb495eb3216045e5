"""PostgreSQL: ``document @@ to_tsquery('simple', unaccent(...))`` over the tsvector that the
trigger of migrations 0002 and 0003 keeps, ranked by ts_rank: title weight A above body weight
B, and normalisation 1 (divide by the log of the length) so that short titles come first, as
with bm25.

The document also holds scope lexemes (migration 0003): ``@<prefix>`` for every prefix of the
entry's ``unit_path`` ending in ``/``, and ``@public`` for a public entry. Given the actor's
scope paths, :func:`match` ANDs ``'@public' | '@<path>' | …`` into the tsquery, so the GIN index
intersects the words' posting lists with the actor's part of the province instead of returning
every entry of the province holding the words. The lexemes only narrow what the index reads:
the permission filter of the queryset stays in the WHERE clause and decides. Ranking reads the
words alone (``ts_filter`` on weights A and B), so the lexemes do not change the order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from danchu.core.search.models import SearchEntry

_TABLE = SearchEntry._meta.db_table
_TSQUERY = "to_tsquery('simple', unaccent(%s))"
_WORDS = f'ts_filter("{_TABLE}"."document", \'{{a,b}}\')'
PATH_END = "/"
SCOPE_MARK = "@"
PUBLIC_LEXEME = f"{SCOPE_MARK}public"
# A scope at the root of the tree (a province) holds most of the index: intersecting with its
# posting list costs more than it saves (a province-wide "đất" over 1,000,000 entries: 1.0 s
# with it, 0.7 s without), so only scopes below the root narrow the index read.
NARROWING_DEPTH = 2


def ts_query(terms: Sequence[str]) -> str:
    """Every term must occur; the last one may be the beginning of a word. Terms are folded
    words (letters and digits only), quoted as tsquery lexemes."""
    quoted = [f"'{term}'" for term in terms]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def _quoted(lexeme: str) -> str:
    escaped = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def scope_lexeme(path: str) -> str:
    """The lexeme of the entries whose ``unit_path`` starts with ``path`` (which ends in /)."""
    if not path.endswith(PATH_END):
        raise ValueError(f"a scope path ends in {PATH_END!r}: {path!r}")
    return f"{SCOPE_MARK}{path}"


def scope_query(paths: Collection[str]) -> str:
    """The tsquery (cast, never parsed) of the entries that are public or lie under one of
    ``paths``."""
    lexemes = [PUBLIC_LEXEME, *(scope_lexeme(path) for path in sorted(set(paths)))]
    return " | ".join(_quoted(lexeme) for lexeme in lexemes)


def narrows(scopes: Collection[str] | None) -> bool:
    """Whether ANDing ``scopes`` into the tsquery pays: known, and none at the root."""
    return scopes is not None and all(path.count(PATH_END) >= NARROWING_DEPTH for path in scopes)


def match(
    queryset: QuerySet, terms: Sequence[str], *, scopes: Collection[str] | None = None
) -> QuerySet:
    """The entries of ``queryset`` holding every term, best first. ``scopes``, when given, are
    paths (ending in /) such that every entry of ``queryset`` is public or lies under one of
    them: the index then reads only those entries (unless one is a root, see
    :func:`narrows`). ``None``: the index reads every entry."""
    query = ts_query(terms)
    if not narrows(scopes):
        condition, params = f'"{_TABLE}"."document" @@ {_TSQUERY}', [query]
    else:
        condition = f'"{_TABLE}"."document" @@ ({_TSQUERY} && %s::tsquery)'
        params = [query, scope_query(scopes)]
    return (
        queryset.filter(
            RawSQL(condition, params, output_field=BooleanField())  # noqa: S611  (constant SQL)
        )
        .annotate(
            rank=RawSQL(  # noqa: S611  (constant SQL; the query is a parameter)
                f"ts_rank({_WORDS}, {_TSQUERY}, 1)", [query], output_field=FloatField()
            )
        )
        .order_by("-rank", "-updated_at", "pk")
    )
