"""Reading pasted lines: tab (Excel) or "|" separated, dd/mm/yyyy, each bad line with its
number and reason; the heading row and empty lines skipped."""

import datetime as dt

from phoihop.press.paste import parse_lines

TODAY = dt.date(2026, 11, 22)


def test_tab_and_pipe_lines_with_heading_and_blank_lines():
    text = (
        "Ngày\tCơ quan báo chí\tTiêu đề\tĐường dẫn\n"
        "20/11/2026\tBáo Đắk Lắk\tĐắk Lắk: người dân đồng thuận bàn giao đất\thttps://baodaklak.example/1\n"
        "\n"
        "21/11/2026 | Báo Phú Yên | Phú Yên đẩy nhanh giải phóng mặt bằng |\n"
        "2026-11-19|Báo Nhân Dân|Tuyên truyền  chính sách đất đai|https://nhandan.example/2\t\n"
    )
    lines = parse_lines(text, today=TODAY)
    assert [(line.number, line.error) for line in lines] == [(2, ""), (4, ""), (5, "")]
    first, second, third = lines
    assert (first.published_on, first.outlet, first.link) == (
        dt.date(2026, 11, 20),
        "Báo Đắk Lắk",
        "https://baodaklak.example/1",
    )
    assert (second.title, second.link) == ("Phú Yên đẩy nhanh giải phóng mặt bằng", "")
    assert third.title == "Tuyên truyền chính sách đất đai"


def test_bad_lines_carry_their_number_and_reason():
    text = (
        "20/11/2026 | Báo Phú Yên | Tin đúng | https://a.example/1\n"
        "31/02/2026 | Báo Phú Yên | Ngày sai | \n"
        "20/11/2026 | Báo Phú Yên\n"
        "20/11/2026 |  | Thiếu báo | \n"
        "20/11/2026 | Báo Phú Yên | Link lạ | javascript:alert(1)\n"
        "01/12/2026 | Báo Phú Yên | Tương lai | \n"
        "20/11/2026 | Báo Phú Yên |   | \n"
    )
    errors = {line.number: line.error for line in parse_lines(text, today=TODAY)}
    assert errors[1] == ""
    assert "Ngày “31/02/2026” không hợp lệ" in errors[2]
    assert "Có 2 cột; cần 4 cột" in errors[3]
    assert errors[4] == "Thiếu tên cơ quan báo chí."
    assert "http:// hoặc https://" in errors[5]
    assert "ở tương lai" in errors[6]
    assert errors[7] == "Thiếu tiêu đề."
