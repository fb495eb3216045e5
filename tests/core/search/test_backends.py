"""The backend structures: FTS5 on SQLite, a tsvector through unaccent on PostgreSQL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from danchu.core.search.backends import matcher_for, postgresql, sqlite
from danchu.core.search.models import SearchEntry
from danchu.core.search.selectors import search
from tests.core.search.conftest import NOTICE


def test_backend_follows_the_database_vendor(tree, notice):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    expected = {"sqlite": sqlite.match, "postgresql": postgresql.match}[connection.vendor]
    assert matcher_for(SearchEntry.objects.all()) is expected
    entry = SearchEntry.objects.get(kind=NOTICE)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", ['"duong" "thon"']
            )
        else:
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)",
                ["duong & thon"],
            )
        assert [row[0] for row in cursor.fetchall()] == [entry.pk]


def test_fts_queries_are_quoted_terms():
    assert sqlite.fts_query(["duong", "gi"]) == '"duong" "gi"*'
    assert postgresql.ts_query(["duong", "gi"]) == "'duong' & 'gi':*"


@pytest.mark.postgres
def test_postgresql_document_goes_through_unaccent(tree):
    # Written past the Python folding: the trigger's unaccent alone folds it.
    entry = SearchEntry.objects.create(
        kind="units.unit",
        object_id="x-1",
        title="Đường Phố Cổ",
        title_terms="Đường Phố Cổ",
        body_terms="",
        url="/x/",
        is_public=True,
    )
    with connection.cursor() as cursor:
        # The words (weight A and B); the scope lexemes of migration 0003 are test_scope's.
        cursor.execute(
            "SELECT ts_filter(document, '{a,b}')::text FROM search_searchentry WHERE id = %s",
            [entry.pk],
        )
        assert cursor.fetchone()[0] == "'co':3A 'duong':1A 'pho':2A"
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_document_gin'"
        )
        assert "gin (document)" in cursor.fetchone()[0]
    assert [h.entry.pk for h in search(AnonymousUser(), "duong pho").object_list] == [entry.pk]
