"""The watch-list matcher: folded (case, diacritics, đ/Đ), whole words and phrases."""

import pytest

from phoihop.press.matching import Matcher, first_match, keywords_of


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("dat dai", "Tranh chấp Đất đai kéo dài"),
        ("Đất đai", "tranh chap dat dai keo dai"),
        ("dak lak", "Đắk Lắk đẩy nhanh tiến độ"),
        ("Đắk Lắk", "Tỉnh ĐẮK LẮK đẩy nhanh tiến độ"),
        ("Đắk Lắk", "Đắk Lắk"),
        ("dan", "Ý kiến của người dân"),
        ("giai phong mat bang", "Phú Yên: giải phóng mặt bằng cao tốc"),
        ("đất đai", "Luật đất-đai sửa đổi"),
        ("duc", "Xã Cẩm Đức"),
    ],
)
def test_matches(keyword, text):
    assert first_match([keyword], text) == keyword


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("dan", "Người dân đang chờ"[10:]),  # "đang chờ": dan is not đang
        ("dan", "Dankook mở văn phòng"),
        ("dat", "Đất đai"[3:]),
        ("lak", "Đắk Lắkxyz"),
        ("giai phong mat bang", "giải phóng một phần mặt bằng"),
        ("tham nhung", "tham gia nhưng chưa"),
    ],
)
def test_does_not_match(keyword, text):
    assert first_match([keyword], text) is None


def test_dan_is_not_dang():
    assert first_match(["dan"], "Cán bộ đang làm việc") is None
    assert first_match(["dân"], "Cán bộ đang làm việc") is None


def test_a_phrase_does_not_run_from_the_title_into_the_summary():
    matcher = Matcher(["dat dai"])
    assert matcher.first_match("Tin về đất", "đai ngộ cán bộ") is None
    assert matcher.first_match("Tin thường", "Chuyện đất đai") == "dat dai"


def test_the_first_keyword_in_the_list_order_is_reported():
    assert first_match(["Đắk Lắk", "đất đai"], "Đất đai ở Đắk Lắk") == "Đắk Lắk"


def test_keywords_one_per_line_trimmed_and_deduplicated_by_folding():
    assert keywords_of("  Đất đai \n\n dat dai\nĐắk   Lắk\n!!!\n") == ["Đất đai", "Đắk Lắk"]
