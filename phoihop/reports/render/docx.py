"""The DOCX of an official document, laid out per its regime (python-docx, no template).

Party documents follow Hướng dẫn 36-HD/VPTW (2018), state documents Nghị định
30/2020/NĐ-CP, Phụ lục I. Common to both, within the ranges both allow:

- A4 (210 × 297 mm); margins top 20, bottom 20, left 30, right 15 mm.
- Times New Roman everywhere: on every run, with the East-Asian and complex-script font
  names too, so that neither Word nor LibreOffice substitutes another font.
- Body 14 pt, justified, first-line indent 1.27 cm, 6 pt after, line spacing 1.15;
  headings bold (level 2 bold italic).
- The header as a borderless table of two columns and two rows: the bodies and the
  national header on the first row, the number and the place/date line (italic) on the
  second, so the two lines sit level.
  Party: parent body (caps), issuing body (bold caps), "*"; "ĐẢNG CỘNG SẢN VIỆT NAM"
  (15 pt, bold, underlined); "Số 27-BC/BTGDVTU".
  State: parent body (caps, 13 pt), issuing body (bold caps, 13 pt) with a short rule
  under it; "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold, 12 pt), "Độc lập - Tự do - Hạnh
  phúc" (bold, 14 pt, underlined); "Số: 27/BC-UBND" (13 pt).
- "DỰ THẢO" in a box above the type name while the report is a draft; "BÁO CÁO" bold
  centred, the title bold centred in capitals with a short rule under it.
- Tables 12 pt with borders, the header row bold and repeated on every page; charts as
  PNG pictures 15 cm wide.
- The last row: "Nơi nhận:" (12 pt bold italic) over the list (11 pt) on the left, the
  signature on the right (authority and body, title: bold caps; four empty lines; the
  name bold).
- Page numbers centred in the header from page 2 (a different first page).
- Deterministic: fixed core-property dates and zip entry times, so the same report gives
  the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from phoihop.reports.document import OfficialDocument, Table
from phoihop.reports.models import Regime

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
RECIPIENTS_HEADING_SIZE = 12
RECIPIENTS_SIZE = 11
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE_INDENT = Cm(1.27)
LINE_SPACING = 1.15
# the header's columns (16.5 cm of text width): the Party's issuing body needs the room of
# "BAN TUYÊN GIÁO VÀ DÂN VẬN" in 14 pt bold; the state's national header one line in 12 pt
HEADER_COLUMNS = {Regime.PARTY: (Cm(8.0), Cm(8.5)), Regime.STATE: (Cm(7.0), Cm(9.5))}
CHART_WIDTH = Cm(15)
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


# The elements this module adds by hand, and those that must follow each in its parent
# (the order of the OOXML schema: Word refuses a file whose properties are out of order).
SUCCESSORS = {
    "w:szCs": (
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ),
    "w:pBdr": (
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "w:tblBorders": (
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    ),
    "w:cantSplit": (
        "w:trHeight",
        "w:tblHeader",
        "w:tblCellSpacing",
        "w:jc",
        "w:hidden",
        "w:ins",
        "w:del",
        "w:trPrChange",
    ),
    "w:tblHeader": ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"),
}


def _add(parent, tag: str):
    """A new child `tag` of `parent`, in its schema place."""
    element = OxmlElement(tag)
    parent.insert_element_before(element, *SUCCESSORS[tag])
    return element


def _set_font(run, size: float | None = None, *, bold=None, italic=None, underline=None):
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        run.font.size = Pt(size)
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = _add(rpr, "w:szCs")
        size_cs.set(qn("w:val"), str(int(size * 2)))
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if underline is not None:
        run.font.underline = underline
    return run


def _paragraph(container, text="", size=BODY_SIZE, *, align=None, bold=False, italic=False, underline=False):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if align is not None:
        paragraph.alignment = align
    if text:
        _set_font(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _first_paragraph(cell, text, size, **kwargs):
    """A table cell starts with one empty paragraph: use it for the first line."""
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    if text:
        _set_font(paragraph.add_run(text), size, **kwargs)
    return paragraph


def _border(paragraph, sides=("top",), size=6):
    borders = _add(paragraph._p.get_or_add_pPr(), "w:pBdr")
    for side in sides:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "1")
        element.set(qn("w:color"), "000000")
        borders.append(element)


def _short_rule(container, width: float, available: float):
    """A short centred line: an empty paragraph with a top border, narrowed by indents."""
    paragraph = _paragraph(container, align=WD_ALIGN_PARAGRAPH.CENTER)
    side = max((available - width) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.space_before = Pt(2)
    _set_font(paragraph.add_run(""), 4)
    _border(paragraph, ("top",))
    return paragraph


def _no_borders(table):
    borders = _add(table._tbl.tblPr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)


def _widths(table, widths):
    """Column widths that both Word (cell widths) and LibreOffice (the grid) honour."""
    table.autofit = False  # a fixed layout
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _keep_together(row):
    """A row that never splits across pages (the signature block)."""
    _add(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def _page(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # page numbers from page 2, centred in the header (Nghị định 30/2020, Phụ lục I)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    begin, instruction, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = "PAGE"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, end):
        run = _set_font(paragraph.add_run(), BODY_SIZE)
        run._r.append(element)
    # the first page's header exists and stays empty
    _set_font(section.first_page_header.paragraphs[0].add_run(""), BODY_SIZE)


def _styles(document):
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_SIZE)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _header(document, doc: OfficialDocument):
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.table_direction = WD_TABLE_DIRECTION.LTR
    _no_borders(table)
    left_column, right_column = HEADER_COLUMNS.get(doc.regime, HEADER_COLUMNS[Regime.STATE])
    _widths(table, [left_column, right_column])
    left, right = table.cell(0, 0), table.cell(0, 1)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    left_width = left_column.cm
    if doc.regime == Regime.PARTY:
        size = BODY_SIZE
        if doc.parent_body:
            _first_paragraph(left, doc.parent_body, size)
            _paragraph(left, doc.issuing_body, size, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        else:
            _first_paragraph(left, doc.issuing_body, size, bold=True)
        _paragraph(left, "*", size, align=WD_ALIGN_PARAGRAPH.CENTER)
        _first_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, underline=True)
        _first_paragraph(number_cell, doc.number, size)
    else:
        size = 13
        if doc.parent_body:
            _first_paragraph(left, doc.parent_body, size)
            _paragraph(left, doc.issuing_body, size, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        else:
            _first_paragraph(left, doc.issuing_body, size, bold=True)
        _short_rule(left, 2.5, left_width)
        _first_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
        _paragraph(right, "Độc lập - Tự do - Hạnh phúc", 14, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, underline=True)
        _first_paragraph(number_cell, doc.number, size)
    _first_paragraph(date_cell, doc.place_date, BODY_SIZE, italic=True)


def _heading_block(document, doc: OfficialDocument):
    _paragraph(document)
    if doc.is_draft:
        marker = _paragraph(document, "DỰ THẢO", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        marker.paragraph_format.left_indent = Cm(6)
        marker.paragraph_format.right_indent = Cm(6)
        marker.paragraph_format.space_after = Pt(6)
        _border(marker, ("top", "left", "bottom", "right"), size=8)
    type_size = 15 if doc.regime == Regime.PARTY else BODY_SIZE
    type_paragraph = _paragraph(document, doc.type_name, type_size, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    type_paragraph.paragraph_format.space_before = Pt(6)
    _paragraph(document, doc.title, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    text_width = (PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10
    rule = _short_rule(document, 3.0, text_width)
    rule.paragraph_format.space_before = Pt(4)
    rule.paragraph_format.space_after = Pt(12)


def _body_paragraph(document, text, *, bold=False, italic=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = LINE_SPACING
    _set_font(paragraph.add_run(text), BODY_SIZE, bold=bold, italic=italic)
    return paragraph


def _repeat_header(row):
    _add(row._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")


def _table(document, table: Table, number: int):
    caption = _paragraph(
        document, f"Bảng {number}. {table.title}", TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True
    )
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        _first_paragraph(cell, column, TABLE_SIZE, bold=True)
    for values in table.rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=False)):
            numeric = not isinstance(value, str)
            align = (
                WD_ALIGN_PARAGRAPH.CENTER
                if index == 0
                else (WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
            )
            _first_paragraph(cell, str(value), TABLE_SIZE, align=align)
    if len(table.columns) == 3:
        _widths(grid, [Cm(1.2), Cm(11.8), Cm(3.5)])
    _paragraph(document)


def _chart(document, chart, number: int):
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.keep_with_next = True
    _set_font(paragraph.add_run(), BODY_SIZE).add_picture(io.BytesIO(chart.png), width=CHART_WIDTH)
    caption = _paragraph(
        document, f"Biểu đồ {number}. {chart.title}", TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True
    )
    caption.paragraph_format.space_after = Pt(6)


def _body(document, doc: OfficialDocument):
    table_number = chart_number = 0
    for section in doc.sections:
        if section.heading:
            _body_paragraph(document, section.heading, bold=True, italic=section.level >= 2)
        for text in section.paragraphs:
            _body_paragraph(document, text)
        for table in section.tables:
            table_number += 1
            _table(document, table, table_number)
        for chart in section.charts:
            chart_number += 1
            _chart(document, chart, chart_number)


def _signature(document, doc: OfficialDocument):
    _paragraph(document)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Cm(7.5), Cm(9.0)])
    _keep_together(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _first_paragraph(left, "Nơi nhận:", RECIPIENTS_HEADING_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True)
    for line in doc.recipients:
        _paragraph(left, line, RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    authority = " ".join(part for part in (doc.signer_authority, doc.signer_body) if part)
    lines = [line for line in (authority, doc.signer_title) if line]
    first = True
    for line in lines:
        if first:
            _first_paragraph(right, line, BODY_SIZE, bold=True)
            first = False
        else:
            _paragraph(right, line, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for _ in range(4):
        _paragraph(right, align=WD_ALIGN_PARAGRAPH.CENTER)
    if doc.signer_name:
        _paragraph(right, doc.signer_name, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)


def _deterministic(data: bytes, rewrite=None) -> bytes:
    """The same zip with fixed entry times, so the same document gives the same bytes;
    `rewrite(name, content)` may change an entry on the way."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            target.writestr(fixed, rewrite(info.filename, content) if rewrite else content)
    return out.getvalue()


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    _styles(document)
    _page(document)
    # python-docx starts with one empty paragraph: drop it, the header table comes first
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _header(document, doc)
    _heading_block(document, doc)
    _body(document, doc)
    _signature(document, doc)
    properties = document.core_properties
    properties.title = doc.title
    properties.author = doc.author or doc.issuing_body
    properties.last_modified_by = doc.author or doc.issuing_body
    properties.subject = doc.type_name
    properties.created = FIXED_TIME.replace(tzinfo=None)
    properties.modified = FIXED_TIME.replace(tzinfo=None)
    properties.last_printed = FIXED_TIME.replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())
