"""Snippets mark the matching words of the original text, diacritics intact, HTML escaped."""

from danchu.core.search.domain.highlight import highlight, match_spans


def test_marks_words_with_their_diacritics():
    assert (
        highlight("Công khai ngân sách năm 2026", ["ngan", "sach"])
        == "Công khai <mark>ngân</mark> <mark>sách</mark> năm 2026"
    )


def test_d_with_stroke_and_case_are_matched():
    assert highlight("ĐƯỜNG giao thông", ["duong"]) == "<mark>ĐƯỜNG</mark> giao thông"


def test_last_term_matches_the_beginning_of_a_word():
    assert highlight("Đường giao thông", ["duo"]) == "<mark>Đường</mark> giao thông"
    assert highlight("Đường giao thông", ["duo"], prefix_last=False) == "Đường giao thông"
    # Earlier terms must match whole words.
    assert highlight("Đường giao thông", ["gia", "thong"]) == "Đường giao <mark>thông</mark>"


def test_html_is_escaped():
    html = highlight("<b>Đường</b> & <script>", ["duong"])
    assert html == "&lt;b&gt;<mark>Đường</mark>&lt;/b&gt; &amp; &lt;script&gt;"


def test_long_text_is_cut_around_the_first_match():
    text = " ".join(["mở đầu"] * 60) + " Quyết toán ngân sách xã " + " ".join(["kết thúc"] * 60)
    html = highlight(text, ["ngan", "sach"], size=80)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>ngân</mark> <mark>sách</mark>" in html
    assert len(html) < 160


def test_spans_are_positions_in_the_original():
    text = "Thôn Đông — Đường số 3"
    spans = match_spans(text, ["duong"])
    assert [text[a:b] for a, b in spans] == ["Đường"]
