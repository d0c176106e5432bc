"""Vietnamese folding and ordering."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phoihop.core.text import fold, fold_words, sort_key, vi_sorted


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ban Tuyên giáo", "ban tuyen giao"),
        ("TUYÊN GIÁO", "tuyen giao"),
        ("Dân vận", "dan van"),
        ("Đắk Lắk", "dak lak"),
        ("đường  Điện\tBiên", "duong dien bien"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Quảng Ngãi", "quang ngai"),
        ("ỨNG PHÓ", "ung pho"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_handles_decomposed_input():
    decomposed = "Tuye\u0302\u0301n gia\u0301o"
    assert fold(decomposed) == "tuyen giao"


def test_fold_words_drops_empty_words():
    assert fold_words("  tuyên   GIÁO ") == ["tuyen", "giao"]


def test_vietnamese_alphabetical_order():
    words = ["đá", "da", "dạ", "dà", "ăn", "an", "âm", "bé", "ba", "ơ", "ô", "o", "ư", "u", "e", "ê", "ca", "y", "x"]
    assert vi_sorted(words) == [
        "an",
        "ăn",
        "âm",
        "ba",
        "bé",
        "ca",
        "da",
        "dà",
        "dạ",
        "đá",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "x",
        "y",
    ]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    assert vi_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letters_decide_before_tones():
    assert vi_sorted(["mai", "mà", "má"]) == ["mà", "má", "mai"]


def test_case_does_not_change_order():
    assert sort_key("Đắk Lắk") == sort_key("đắk lắk")


def test_prefix_sorts_first():
    assert vi_sorted(["Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo"]) == ["Ban Tuyên giáo", "Ban Tuyên giáo Tỉnh ủy"]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once


@given(st.lists(st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxy àáảãạ")), min_size=0, max_size=8).map("".join))
def test_sort_key_is_digits_only(text):
    assert sort_key(text).isdigit()


def test_shorter_name_sorts_before_its_longer_variants():
    assert vi_sorted(["Tỉnh Đắk Lắk (trước 2025)", "Tỉnh Đắk Lắk", "Tỉnh Đắk Lắk mới"]) == [
        "Tỉnh Đắk Lắk",
        "Tỉnh Đắk Lắk (trước 2025)",
        "Tỉnh Đắk Lắk mới",
    ]
