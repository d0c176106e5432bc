"""The XLSX annex of a report: one sheet per table of figures (openpyxl).

Each sheet: a title row, a bold filled header row (frozen), the rows with numbers kept as
numbers (integers "#,##0", percentages "0.0%"), Times New Roman 12, column widths fitted
to the Vietnamese text, A4 landscape print setup, and a last row "Nguồn: phoihop, số liệu
tính lúc dd/mm/yyyy HH:MM". Deterministic: fixed workbook dates and zip entry times.
"""

from __future__ import annotations

import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from phoihop.reports.document import Amount, OfficialDocument
from phoihop.reports.render.docx import FIXED_TIME, _deterministic

FONT = "Times New Roman"
SIZE = 12
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
MAX_WIDTH = 80


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'") or "Bảng"
    name = re.sub(r"\s+", " ", name)[:31].strip()
    candidate, counter = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({counter})"
        candidate = name[: 31 - len(suffix)].strip() + suffix
        counter += 1
    taken.add(candidate.casefold())
    return candidate


def _cell_value(value):
    """(value, number format) of a table cell."""
    if isinstance(value, Amount):
        if value.value is None:
            return "–", None
        if value.unit == "%":
            return value.value / 100, PERCENT_FORMAT
        if isinstance(value.value, float) and not value.value.is_integer():
            return value.value, DECIMAL_FORMAT
        return value.value, INTEGER_FORMAT
    if isinstance(value, bool):
        return str(value), None
    if isinstance(value, int):
        return value, "0"
    if isinstance(value, float):
        return value, DECIMAL_FORMAT
    return ("" if value is None else str(value)), None


def _footer(doc: OfficialDocument) -> str:
    moment = doc.computed_at
    if moment is None:
        return "Nguồn: phoihop"
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"Nguồn: phoihop, số liệu tính lúc {moment:%d/%m/%Y %H:%M}"


def render_xlsx(doc: OfficialDocument) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    tables = doc.annex_tables or []
    if not tables:
        sheet = workbook.create_sheet(sheet_title("Phụ lục", taken))
        sheet["A1"] = doc.title
        sheet["A1"].font = Font(name=FONT, size=SIZE + 2, bold=True)
        sheet["A2"] = "Báo cáo không có bảng số liệu."
        sheet["A2"].font = Font(name=FONT, size=SIZE, italic=True)
    for number, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(sheet_title(f"{number}. {table.title}", taken))
        columns = len(table.columns)
        title = sheet.cell(row=1, column=1, value=f"Phụ lục {number}. {table.title}")
        title.font = Font(name=FONT, size=SIZE + 2, bold=True)
        title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if columns > 1:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        sheet.row_dimensions[1].height = 24
        widths = [len(str(column)) for column in table.columns]
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=2, column=index, value=column)
            cell.font = Font(name=FONT, size=SIZE, bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row_number, values in enumerate(table.rows, start=3):
            for index, raw in enumerate(values, start=1):
                value, number_format = _cell_value(raw)
                cell = sheet.cell(row=row_number, column=index, value=value)
                cell.font = Font(name=FONT, size=SIZE)
                cell.border = BORDER
                if number_format:
                    cell.number_format = number_format
                    cell.alignment = Alignment(horizontal="center" if index == 1 else "right", vertical="top")
                else:
                    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
                if index <= len(widths):
                    widths[index - 1] = max(widths[index - 1], len(str(raw)))
        footer_row = len(table.rows) + 4
        footer = sheet.cell(row=footer_row, column=1, value=_footer(doc))
        footer.font = Font(name=FONT, size=SIZE - 1, italic=True)
        for index, width in enumerate(widths, start=1):
            # Vietnamese diacritics stack, they do not widen; a little room for the bold header
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width * 1.15 + 2, 8), MAX_WIDTH)
        sheet.freeze_panes = "A3"
        sheet.print_title_rows = "2:2"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.6
        sheet.oddFooter.center.text = "Trang &P/&N"
    properties = workbook.properties
    properties.title = doc.title
    properties.creator = doc.author or doc.issuing_body
    properties.lastModifiedBy = doc.author or doc.issuing_body
    properties.created = FIXED_TIME.replace(tzinfo=None)
    properties.modified = FIXED_TIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic(buffer.getvalue(), _fixed_modified)


def _fixed_modified(name: str, content: bytes) -> bytes:
    """openpyxl stamps the save time as "modified": replace it with the fixed date."""
    if name != "docProps/core.xml":
        return content
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", content)
