"""From a `Report` to the `OfficialDocument` the renderers lay out (issue 6 item 5).

Everything a file shows is decided here, from the report alone (no query beyond the
issuer, its parent and its area): the header bodies in capitals, the number line, the
place and date, the sections as paragraphs, the figures as tables and charts, the
signature block and the "Nơi nhận" list. The layout itself (page, fonts, sizes) is the
renderers' business.

Choices, as offices write them:

- The parent body is the issuer's `parent` in capitals. For a state document the common
  phrases of the parent body are abbreviated ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" →
  "UBND TỈNH ĐẮK LẮK"), as Nghị định 30/2020/NĐ-CP, Phụ lục I allows for the body
  *above* the issuer; the issuer itself is always written in full. Party documents
  abbreviate nothing (Hướng dẫn 36-HD/VPTW).
- The issuing body drops a trailing repetition of its parent's name: "Ban Tuyên giáo và
  Dân vận Tỉnh ủy Đắk Lắk" under "Tỉnh ủy Đắk Lắk" is printed "BAN TUYÊN GIÁO VÀ DÂN VẬN".
- Signature: "TM." acts for the collective ("BAN THƯỜNG VỤ" of a party committee, "ỦY BAN
  NHÂN DÂN" of a People's Committee, the issuing body otherwise); "KT.", "T/L." and "TUQ."
  sign for the head ("BÍ THƯ", "CHỦ TỊCH", "TRƯỞNG BAN", "GIÁM ĐỐC", "THỦ TRƯỞNG").
- "Nơi nhận": one line per recipient, each "- …;", the last "- Lưu: VT, <short name>."
  added when missing.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from phoihop.core.charts import ChartSpec, render_png
from phoihop.core.text import fold
from phoihop.organisations.models import Organization
from phoihop.reports.document import Amount, Chart, OfficialDocument, Section, Table, date_line, number_text
from phoihop.reports.figures import group_title
from phoihop.reports.models import PARTY_KINDS, Regime, Report, regime_of

TYPE_CODE = "BC"
TYPE_NAME = "BÁO CÁO"

# The common phrases a state document may abbreviate in the parent body (Nghị định 30/2020, Phụ lục I).
STATE_ABBREVIATIONS = [
    ("ỦY BAN NHÂN DÂN", "UBND"),
    ("HỘI ĐỒNG NHÂN DÂN", "HĐND"),
]

# The tables of figures, by group: the title of each (groups not listed keep their own name).
# The charts drawn from the figures: the figures whose key matches, and the chart's title.
# A chart is drawn only when at least two of them are counted and not all are zero (the
# keys come from reports.figures: "tasks.<bucket>", "hot_issues.status.<state>", …).
CHART_FIGURES = [
    (re.compile(r"^tasks\.(done_on_time|done_late|open_on_time|open_overdue)$"), "Nhiệm vụ theo tình trạng"),
    (re.compile(r"^tasks\.response\.[a-z_]+$"), "Nhiệm vụ xử lý theo tình trạng"),
    (re.compile(r"^hot_issues\.status\.[a-z_]+$"), "Vấn đề nổi cộm theo trạng thái"),
    (re.compile(r"^opinion\.direction\.[a-z_]+$"), "Dư luận xã hội theo chiều hướng"),
    (re.compile(r"^opinion\.topic\.[^.]+$"), "Dư luận xã hội theo chủ đề"),
]


def upper(text: str) -> str:
    """Capitals the Vietnamese way: composed characters first, so "ủy" becomes "ỦY" and
    "đ" becomes "Đ" whatever the input's normal form."""
    return unicodedata.normalize("NFC", text or "").strip().upper()


def parent_body(issuer: Organization, regime: str) -> str:
    parent = issuer.parent
    if parent is None:
        return ""
    text = upper(parent.name)
    if regime == Regime.STATE:
        for phrase, short in STATE_ABBREVIATIONS:
            text = text.replace(phrase, short)
    return text


def issuing_body(issuer: Organization) -> str:
    """The issuer's name in capitals, without a trailing repetition of its parent's name."""
    name = unicodedata.normalize("NFC", issuer.name).strip()
    parent = issuer.parent
    if parent is not None:
        parent_name = unicodedata.normalize("NFC", parent.name).strip()
        if len(name) > len(parent_name) and fold(name).endswith(" " + fold(parent_name)):
            name = name[: len(name) - len(parent_name)].strip()
    return upper(name)


def head_title(issuer: Organization) -> str:
    """The title of the head of the issuer, for whom "KT.", "T/L." and "TUQ." sign."""
    kind = issuer.kind
    if kind == Organization.Kind.PARTY_COMMITTEE:
        return "BÍ THƯ"
    if kind in (Organization.Kind.PEOPLES_COMMITTEE, Organization.Kind.PEOPLES_COUNCIL):
        return "CHỦ TỊCH"
    if kind in PARTY_KINDS or kind == Organization.Kind.FATHERLAND_FRONT:
        return "TRƯỞNG BAN"
    if kind == Organization.Kind.STATE_DEPARTMENT:
        return "GIÁM ĐỐC"
    return "THỦ TRƯỞNG"


def signer_body(issuer: Organization, authority: str) -> str:
    if not authority:
        return ""
    if authority == Report.Authority.TM:
        if issuer.kind == Organization.Kind.PARTY_COMMITTEE:
            return "BAN THƯỜNG VỤ"
        if issuer.kind == Organization.Kind.PEOPLES_COMMITTEE:
            return "ỦY BAN NHÂN DÂN"
        return issuing_body(issuer)
    return head_title(issuer)


def recipients(text: str, issuer: Organization) -> list[str]:
    """The "Nơi nhận" lines: "- Như trên;" …, ending "- Lưu: VT, <short name>."."""
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("-+•").strip()
        if line:
            lines.append(line)
    keep = [line for line in lines if not fold(line).startswith("luu")]
    archive = next((line for line in lines if fold(line).startswith("luu")), "")
    if not archive:
        short = issuer.short_name or issuer.issuer_code
        archive = f"Lưu: VT, {short}" if short else "Lưu: VT"
    shown = [f"- {line.rstrip(';.,')};" for line in keep]
    shown.append(f"- {archive.rstrip(';.,')}.")
    return shown


def paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line; "- " and "+ " lines stay as written."""
    result = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        if line:
            result.append(line)
    return result


def _number(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def figure_tables(figures: list[dict]) -> list[Table]:
    """One table per group of figures, in the order the groups first appear."""
    groups: dict[str, list[dict]] = {}
    for figure in figures or []:
        groups.setdefault(figure.get("group") or "", []).append(figure)
    tables = []
    for group, items in groups.items():
        title = group_title(group)
        rows = [
            [index, item.get("label", ""), Amount(_number(item.get("value")), item.get("unit") or "")]
            for index, item in enumerate(items, start=1)
        ]
        tables.append(
            Table(
                title=title,
                columns=["TT", "Nội dung", "Số liệu"],
                rows=rows,
                notes=[item.get("key", "") for item in items],
            )
        )
    return tables


def figure_charts(figures: list[dict]) -> list[Chart]:
    charts = []
    for pattern, title in CHART_FIGURES:
        items = [
            figure
            for figure in figures or []
            if pattern.match(str(figure.get("key", "")))
            and not figure.get("unit")
            and _number(figure.get("value")) is not None
        ]
        if len(items) < 2 or not any(item["value"] for item in items):
            continue
        spec = ChartSpec(
            kind="hbar",
            title="",
            categories=[item.get("label", "") for item in items],
            series={title: [float(item["value"]) for item in items]},
        )
        charts.append(Chart(title=title, png=render_png(spec, width=6.4, height=max(2.4, 0.45 * len(items) + 1))))
    return charts


def build_document(report: Report) -> OfficialDocument:
    issuer = report.issuer
    regime = report.regime or regime_of(issuer)
    place = report.place or _default_place(issuer)
    issued = report.status == Report.Status.ISSUED
    sections = [
        Section(
            heading=(item.get("heading") or "").strip(),
            paragraphs=paragraphs(item.get("text", "")),
            level=2 if item.get("level") == 2 else 1,  # optional: a sub-part, bold italic
        )
        for item in report.sections or []
    ]
    tables = figure_tables(report.figures)
    charts = figure_charts(report.figures)
    if tables or charts:
        if not sections:
            sections.append(Section(heading=_("SỐ LIỆU TỔNG HỢP")))
        sections[0].tables.extend(tables)
        sections[0].charts.extend(charts)
    return OfficialDocument(
        regime=regime,
        parent_body=parent_body(issuer, regime),
        issuing_body=issuing_body(issuer),
        number=number_text(regime, report.number if issued else None, TYPE_CODE, issuer.issuer_code),
        place_date=date_line(place, report.issued_on if issued else None),
        type_name=TYPE_NAME,
        title=upper(report.title),
        sections=sections,
        signer_authority=report.signer_authority or "",
        signer_body=signer_body(issuer, report.signer_authority or ""),
        signer_title=upper(report.signer_title),
        signer_name=(report.signer_name or "").strip(),
        recipients=recipients(report.recipients, issuer),
        annex_tables=tables,
        is_draft=not issued,
        author=issuer.name,
        computed_at=report.computed_at,
    )


def _default_place(issuer: Organization) -> str:
    """Without a place written on the report: the issuer's province, as "Đắk Lắk"."""
    unit = issuer.administrative_unit
    if unit is None:
        return "Hà Nội"
    province = unit.province or unit
    name = province.short_name or province.name
    return re.sub(r"^(Tỉnh|Thành phố)\s+", "", name, flags=re.IGNORECASE)
