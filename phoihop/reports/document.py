"""What a rendered official document holds, independent of the file format: the
contract between the report builder (`reports.build`, which fills it from a `Report`)
and the renderers (`reports.render.docx`, `.xlsx`, `.pdf`), which lay it out.

The layout rules themselves (page, margins, fonts, header per regime, signature block,
"Nơi nhận") live in the DOCX renderer only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from phoihop.reports.models import Regime

PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def number_text(regime: str, number: int | None, type_code: str, issuer_code: str) -> str:
    """The number line: Party "Số 27-BC/BTGDVTU" (Hướng dẫn 36-HD/VPTW), state
    "Số: 27/BC-UBND" (Nghị định 30/2020/NĐ-CP). A draft (no number yet) leaves the number
    blank, as offices print it before registration: "Số     -BC/BTGDVTU"."""
    shown = str(number) if number is not None else "     "
    if regime == Regime.PARTY:
        return f"Số {shown}-{type_code}/{issuer_code}" if issuer_code else f"Số {shown}-{type_code}"
    return f"Số: {shown}/{type_code}-{issuer_code}" if issuer_code else f"Số: {shown}/{type_code}"


def date_line(place: str, day: dt.date | None) -> str:
    """ "Phú Yên, ngày 05 tháng 4 năm 2022": day zero-padded below 10, month padded only
    for January and February (Nghị định 30/2020, Phụ lục I; the Party guide writes it the
    same way)."""
    if day is None:
        return f"{place}, ngày     tháng     năm     "
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class Amount:
    """A number in a table cell with its unit ("" for a count, "%" for a percentage): the
    DOCX prints it the Vietnamese way ("1.234", "85,5%"), the XLSX keeps it a number with a
    number format."""

    value: int | float | None
    unit: str = ""

    def __str__(self) -> str:
        return format_amount(self.value, self.unit)


def format_amount(value: int | float | None, unit: str = "") -> str:
    """ "1.234", "85,5%", "–" for no value: dot for thousands, comma for decimals."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{text}%" if unit == "%" else (f"{text} {unit}" if unit else text)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[object]]
    # figure keys per row (or None), so the annex can say where a number comes from
    notes: list[str] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    png: bytes  # rendered by dashboards.charts (matplotlib), embedded as a picture


@dataclass
class Section:
    heading: str  # "I. KẾT QUẢ THỰC HIỆN" — written as the builder wants it shown
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    level: int = 1  # 1: a numbered part (bold), 2: a sub-part (bold italic)


@dataclass
class OfficialDocument:
    regime: str  # Regime.PARTY or Regime.STATE
    parent_body: str  # the body above the issuer, e.g. "TỈNH ỦY ĐẮK LẮK", "UBND TỈNH ĐẮK LẮK"
    issuing_body: str  # the issuer, e.g. "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    number: str  # from number_text()
    place_date: str  # from date_line()
    type_name: str  # "BÁO CÁO"
    title: str  # the subject line (trích yếu), shown in capitals for Party documents
    sections: list[Section]
    signer_authority: str = ""  # "TM.", "KT.", "T/L.", "TUQ." or ""
    signer_body: str = ""  # what the authority acts for: "BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN"
    signer_title: str = ""  # "PHÓ TRƯỞNG BAN"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)  # the "Nơi nhận" lines, the last "- Lưu: …"
    annex_tables: list[Table] = field(default_factory=list)  # also written as the XLSX annex
    is_draft: bool = True  # a draft carries "DỰ THẢO" above the type name
    author: str = ""  # the core property "author" of the files: the issuer's name
    computed_at: dt.datetime | None = None  # when the figures were computed (the XLSX footer)
