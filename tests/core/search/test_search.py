"""Searching: diacritics, đ and case ignored, every word required, ranked, permission-filtered,
paginated, with highlighted snippets."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danchu.core.search.kinds import UNIT
from danchu.core.search.registry import UnknownSearchKind
from danchu.core.search.selectors import search
from danchu.core.units.domain.kinds import Kind
from tests.conftest import make_unit
from tests.core.search.conftest import NOTICE


def _titles(actor, query, **kwargs):
    return [hit.entry.title for hit in search(actor, query, **kwargs).object_list]


@pytest.fixture
def anonymous():
    return AnonymousUser()


def test_unaccented_query_finds_accented_title(tree, notice, anonymous):
    notice(tree.commune_a, "Công khai ngân sách")
    assert _titles(anonymous, "cong khai ngan sach", kinds=[NOTICE]) == ["Công khai ngân sách"]


def test_d_with_stroke_folds_both_ways(tree, notice, anonymous):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    notice(tree.commune_b, "Sua duong lien xa")
    assert _titles(anonymous, "duong giao", kinds=[NOTICE]) == ["Đường giao thông thôn 3"]
    assert _titles(anonymous, "Đường liên", kinds=[NOTICE]) == ["Sua duong lien xa"]
    assert sorted(_titles(anonymous, "đường", kinds=[NOTICE])) == [
        "Sua duong lien xa",
        "Đường giao thông thôn 3",
    ]


def test_case_is_ignored(tree, notice, anonymous):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    assert _titles(anonymous, "ĐƯỜNG GIAO THÔNG", kinds=[NOTICE]) == ["Đường giao thông thôn 3"]
    assert _titles(anonymous, "DUONG", kinds=[NOTICE]) == ["Đường giao thông thôn 3"]


def test_every_word_must_match_and_the_last_may_be_incomplete(tree, notice, anonymous):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    notice(tree.commune_b, "Công khai ngân sách")
    assert _titles(anonymous, "duong ngan", kinds=[NOTICE]) == []
    assert _titles(anonymous, "giao thô", kinds=[NOTICE]) == ["Đường giao thông thôn 3"]
    assert _titles(anonymous, "ngâ", kinds=[NOTICE]) == ["Công khai ngân sách"]
    # Only the last word is a prefix.
    assert _titles(anonymous, "gia thong", kinds=[NOTICE]) == []


def test_title_match_ranks_above_body_match(tree, notice, anonymous):
    notice(tree.commune_a, "Kế hoạch năm 2026", "Làm mới đường giao thông liên thôn và trường học")
    notice(tree.commune_b, "Đường giao thông thôn 3", "Báo cáo tiến độ")
    notice(tree.village_a1, "Họp thôn", "Không liên quan")
    assert _titles(anonymous, "duong", kinds=[NOTICE]) == [
        "Đường giao thông thôn 3",
        "Kế hoạch năm 2026",
    ]


def test_empty_or_punctuation_query_finds_nothing(tree, notice, anonymous):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    assert _titles(anonymous, "", kinds=[NOTICE]) == []
    assert _titles(anonymous, ' "* OR ( ', kinds=[NOTICE]) == []


def test_query_syntax_is_not_interpreted(tree, notice, anonymous):
    notice(tree.commune_a, "Đường giao thông thôn 3")
    assert _titles(anonymous, 'duong" OR "x', kinds=[NOTICE]) == []
    assert _titles(anonymous, "duong & !giao | x:*", kinds=[NOTICE]) == []
    assert _titles(anonymous, "title_terms:duong", kinds=[NOTICE]) == []


def test_snippets_highlight_the_right_words_with_diacritics(tree, notice, anonymous):
    notice(
        tree.commune_a,
        "Công khai ngân sách xã",
        "Ủy ban nhân dân xã công khai dự toán ngân sách năm 2026 tại nhà văn hóa.",
    )
    (hit,) = search(anonymous, "ngan sach", kinds=[NOTICE]).object_list
    assert hit.title == "Công khai <mark>ngân</mark> <mark>sách</mark> xã"
    assert "dự toán <mark>ngân</mark> <mark>sách</mark> năm 2026" in hit.snippet
    assert "<mark>" not in hit.snippet.replace("<mark>ngân</mark>", "").replace(
        "<mark>sách</mark>", ""
    )


def test_snippets_escape_html(tree, notice, anonymous):
    notice(tree.commune_a, "<script>alert(1)</script> Đường", "<b>đường</b>")
    (hit,) = search(anonymous, "duong", kinds=[NOTICE]).object_list
    assert hit.title == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Đường</mark>"
    assert hit.snippet == "&lt;b&gt;<mark>đường</mark>&lt;/b&gt;"


def test_results_are_paginated(tree, notice, anonymous):
    for index in range(7):
        unit = make_unit(f"90001-2{index:02d}", f"Thôn Phụ {index}", Kind.VILLAGE, tree.commune_a)
        notice(unit, f"Thông báo họp số {index}")
    pages = [search(anonymous, "thong bao", kinds=[NOTICE], page=n, per_page=3) for n in (1, 2, 3)]
    assert pages[0].paginator.count == 7
    assert pages[0].paginator.num_pages == 3
    assert [len(p.object_list) for p in pages] == [3, 3, 1]
    titles = [hit.entry.title for p in pages for hit in p.object_list]
    assert sorted(titles) == sorted(f"Thông báo họp số {i}" for i in range(7))
    # A page past the end gives the last page.
    assert search(anonymous, "thong bao", kinds=[NOTICE], page=9, per_page=3).number == 3


def test_units_are_public(tree, anonymous):
    titles = _titles(anonymous, "xa an phu", kinds=[UNIT])
    assert titles[0] == "Xã An Phú"
    assert set(titles) == {"Xã An Phú", "Trạm Y tế xã An Phú", "Thôn Một", "Thôn Hai"}
    hit = search(anonymous, "thon mot", kinds=[UNIT]).object_list[0]
    assert hit.entry.url == f"/units/{tree.village_a1.code}/"
    assert "Xã An Phú" in hit.snippet


def test_unknown_kind_raises(tree, anonymous):
    with pytest.raises(UnknownSearchKind):
        search(anonymous, "duong", kinds=["nope.nothing"])
