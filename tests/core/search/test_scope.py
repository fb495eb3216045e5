"""The actor's scope narrows what the index reads (PostgreSQL: scope lexemes in the tsvector,
migration 0003), while the permission filter still decides what is found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from danchu.core.search.backends import postgresql
from danchu.core.search.domain.folding import query_terms
from danchu.core.search.kinds import HOUSEHOLD
from danchu.core.search.models import SearchEntry
from danchu.core.search.registry import get_kinds
from danchu.core.search.selectors import _q_paths, scope_paths, search
from tests.core.search.conftest import NOTICE


def test_scope_paths_are_the_paths_of_the_actors_scopes(tree, personas, notice):
    kinds = get_kinds([HOUSEHOLD, NOTICE])
    assert scope_paths(personas["officer_a"], kinds) == {tree.commune_a.path}
    assert scope_paths(personas["village_head_a1"], kinds) == {tree.village_a1.path}
    # No scope: nothing but the public entries.
    assert scope_paths(AnonymousUser(), kinds) == frozenset()
    # Only public kinds: no permission filter, nothing beyond the public entries.
    assert scope_paths(personas["officer_a"], []) == frozenset()


def test_filters_not_made_of_unit_paths_give_no_scope():
    assert _q_paths(Q()) is None  # everything
    assert _q_paths(~Q(unit_path__startswith="90/")) is None
    assert _q_paths(Q(unit_level__in=["commune"])) is None
    assert _q_paths(Q(unit_path__startswith="90/9")) is None  # not a whole unit's path
    assert _q_paths(Q(unit_path__startswith="90/") | Q(unit_level="village")) is None
    assert _q_paths(Q(pk__in=[])) == frozenset()
    either = Q(unit_path__startswith="90/90001/") | Q(unit_path__in=["91/", "92/"])
    assert _q_paths(either) == {"90/90001/", "91/", "92/"}
    both = Q(unit_path__startswith="90/") & Q(unit_level__in=["commune"])
    assert _q_paths(both) == {"90/"}


@pytest.mark.postgres
def test_postgresql_document_holds_the_scope_lexemes(tree, notice):
    notice(tree.village_a1, "Đường thôn", public=False)
    notice(tree.commune_b, "Đường phường", public=True)
    rows = {
        path: sorted(lexeme for lexeme in lexemes if lexeme.startswith("@"))
        for path, lexemes in SearchEntry.objects.filter(kind=NOTICE)
        .extra(select={"lexemes": "tsvector_to_array(document)"})  # noqa: S610
        .values_list("unit_path", "lexemes")
    }
    assert rows[tree.village_a1.path] == [
        "@90/",
        "@90/90001/",
        "@90/90001/90001-001/",
    ]
    assert rows[tree.commune_b.path] == ["@90/", "@90/90002/", "@public"]
    # No word typed by a user reaches them, not even as a prefix.
    assert search(AnonymousUser(), "public").paginator.count == 0
    assert search(AnonymousUser(), "90").paginator.count == 0


@pytest.mark.postgres
def test_postgresql_match_reads_only_the_given_scopes(tree, notice):
    notice(tree.commune_a, "Đường thôn xã An Phú", public=False)
    notice(tree.commune_b, "Đường thôn phường Bình Minh", public=False)
    notice(tree.commune_c, "Đường thôn công khai", public=True)
    everything = SearchEntry.objects.filter(kind=NOTICE)  # no permission filter at all
    terms = query_terms("duong thon")

    def titles(scopes):
        return sorted(e.title for e in postgresql.match(everything, terms, scopes=scopes))

    assert titles(None) == [
        "Đường thôn công khai",
        "Đường thôn phường Bình Minh",
        "Đường thôn xã An Phú",
    ]
    # The lexemes alone keep commune B's entry out; the public one stays.
    assert titles({tree.commune_a.path}) == ["Đường thôn công khai", "Đường thôn xã An Phú"]
    assert titles({tree.village_a1.path}) == ["Đường thôn công khai"]
    assert titles(set()) == ["Đường thôn công khai"]
    # A province is most of the index: its scope does not narrow the read (the filter would).
    assert not postgresql.narrows({tree.province.path, tree.commune_a.path})
    assert len(titles({tree.province.path})) == 3

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # GIN scans are bitmap scans
        all_kinds = SearchEntry.objects.all()
        plan = postgresql.match(all_kinds, terms, scopes={tree.commune_a.path}).explain()
    index_scan = plan[plan.index("Bitmap Index Scan on search_entry_document_gin") :]
    condition = index_scan.splitlines()[1]
    assert "Index Cond:" in condition
    assert f"'@{tree.commune_a.path}'" in condition


@pytest.mark.postgres
def test_postgresql_search_of_an_officer_sends_the_scope_term(tree, personas, notice):
    notice(tree.commune_a, "Hồ sơ đường thôn", public=False)
    notice(tree.commune_b, "Hồ sơ đường phường", public=False)
    with CaptureQueriesContext(connection) as queries:
        page = search(personas["officer_a"], "ho so", kinds=[NOTICE])
        hits = [hit.entry.title for hit in page.object_list]
    assert hits == ["Hồ sơ đường thôn"]
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    assert f"'@{tree.commune_a.path}'" in sql
    assert f"'@{tree.commune_b.path}'" not in sql
    assert "unit_path" in sql  # the permission filter stays


def test_ranking_ignores_the_scope_lexemes(tree, notice):
    # The shorter title first. With its lexemes counted, the village's entry (3 words, 4 scope
    # lexemes) would be longer than the province's (4 words, 2 lexemes) and come second.
    notice(tree.province, "Đường thôn mới xây")
    notice(tree.village_a1, "Đường thôn mới")
    titles = [hit.entry.title for hit in search(AnonymousUser(), "duong thon").object_list]
    assert titles == ["Đường thôn mới", "Đường thôn mới xây"]
