"""The personal-identifier guard: what it catches, and what it must leave alone."""

import pytest

from phoihop.claims.identity import personal_identifiers


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Liên hệ anh ấy qua 0912345678 để biết thêm", "số điện thoại"),
        ("gọi 0912 345 678", "số điện thoại"),
        ("ĐT: 0236.3822.123", "số điện thoại"),
        ("số +84 912-345-678", "số điện thoại"),
        ("gửi về nguyenvana@gmail.com", "địa chỉ thư điện tử"),
        ("CCCD 001203004567 của người đăng", "số giấy tờ tùy thân"),
        ("CMND 123456789", "số giấy tờ tùy thân"),
        ("https://facebook.com/profile.php?id=100012345", "đường dẫn tới trang cá nhân"),
        ("zalo.me/0912345678", "đường dẫn tới trang cá nhân"),
    ],
)
def test_obvious_identifiers_are_found(text, kind):
    assert kind in personal_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tin đồn thu hồi 1.500.000.000 đồng tiền bồi thường",
        "Quyết định số 238-QĐ/TW ngày 30/9/2020",
        "Nhóm Facebook “Cộng đồng Cẩm Đức”, 12.000 thành viên",
        "Báo Đắk Lắk điện tử, ngày 22/11/2026",
        "facebook.com/groups/congdongcamduc",
        "Khoảng 2026 hộ dân, 35 thôn, năm 2025",
    ],
)
def test_ordinary_numbers_dates_and_channels_pass(text):
    assert personal_identifiers(text) == []
