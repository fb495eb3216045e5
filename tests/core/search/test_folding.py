"""Folding keeps one character per character, so match positions in the folded text are
positions in the original."""

import unicodedata

from danchu.common.text import fold
from danchu.core.search.domain.folding import fold_aligned, index_text, query_terms

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng


def _vietnamese_letters() -> str:
    letters = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
    letters.append("đ")
    lower = "".join(letters)
    return lower + lower.upper()


def test_every_vietnamese_letter_is_one_character_in_nfc_and_folds_to_one():
    letters = _vietnamese_letters()
    assert len(letters) == 2 * (len(VOWELS) * len(TONES) + 1)
    for letter in letters:
        assert len(letter) == 1, letter
        assert len(fold_aligned(letter)) == 1, letter
        assert fold_aligned(letter) == fold(letter)


def test_aligned_folding_equals_fold_on_vietnamese_text():
    text = "Đường giao thông thôn 3 — Công khai ngân sách xã Hà Trung, NĂM 2026"
    assert fold_aligned(text) == fold(text)
    assert len(fold_aligned(text)) == len(text)
    assert (
        fold_aligned(text) == "duong giao thong thon 3 — cong khai ngan sach xa ha trung, nam 2026"
    )


def test_aligned_folding_keeps_length_where_fold_would_not():
    text = "  İstanbul\tĐà\u00a0Nẵng "
    assert len(fold_aligned(text)) == len(text)


def test_index_text_holds_the_folded_words():
    assert index_text("Đường giao-thông, thôn 3!") == "duong giao thong thon 3"
    assert index_text("Số A1-001") == "so a1 001"


def test_decomposed_input_folds_like_precomposed():
    decomposed = unicodedata.normalize("NFD", "Đường")
    assert index_text(decomposed) == "duong"


def test_query_terms_drop_punctuation_and_duplicates():
    assert query_terms('  "Công khai" công-khai OR ngân_sách* ') == [
        "cong",
        "khai",
        "or",
        "ngan",
        "sach",
    ]
    assert query_terms("!!!") == []
