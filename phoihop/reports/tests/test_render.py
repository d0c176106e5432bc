"""The official layout (issue 6 item 5): the document built from a report, the DOCX of both
regimes and the XLSX annex read back, the PDF converted by LibreOffice and looked at as
pictures (test-artifacts/reports/)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import subprocess
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from phoihop.core.testing.browser import ARTIFACTS
from phoihop.organisations.models import Organization
from phoihop.reports import render
from phoihop.reports.build import build_document, issuing_body, parent_body, recipients, upper
from phoihop.reports.document import date_line, number_text
from phoihop.reports.models import Regime, Report
from phoihop.reports.render.docx import render_docx
from phoihop.reports.render.pdf import PdfUnavailable, docx_to_pdf
from phoihop.reports.render.xlsx import render_xlsx, sheet_title

FIGURES = [
    {"key": "tasks.total", "label": "Nhiệm vụ đến hạn trong kỳ", "value": 12, "unit": "", "group": "tasks"},
    {"key": "tasks.done_on_time", "label": "Hoàn thành đúng hạn", "value": 8, "unit": "", "group": "tasks"},
    {"key": "tasks.done_late", "label": "Hoàn thành quá hạn", "value": 2, "unit": "", "group": "tasks"},
    {"key": "tasks.open_overdue", "label": "Chưa hoàn thành, quá hạn", "value": 2, "unit": "", "group": "tasks"},
    {"key": "tasks.on_time_rate", "label": "Tỷ lệ hoàn thành đúng hạn", "value": 66.7, "unit": "%", "group": "tasks"},
    {"key": "meetings.held", "label": "Hội nghị giao ban đã tổ chức", "value": 1, "unit": "", "group": "meetings"},
]
SECTIONS = [
    {
        "key": "results",
        "heading": "I. KẾT QUẢ THỰC HIỆN QUÝ I NĂM 2022",
        "text": "Trong quý, các bên đã triển khai 12 nhiệm vụ, hoàn thành đúng hạn 8 nhiệm vụ.\n\n"
        "- Tổ chức hội nghị giao ban quý;\n+ Đồng chí Phó Bí thư chủ trì.",
        "required": True,
    },
    {
        "key": "next",
        "heading": "II. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2022",
        "text": "Nắm chắc tình hình.",
        "required": True,
    },
]


def make_report(regime: str, **overrides) -> Report:
    """An issued report in memory (no database): Party — a provincial department under
    its Tỉnh ủy; state — a People's Committee under the province's."""
    if regime == Regime.PARTY:
        parent = Organization(name="Tỉnh ủy Đắk Lắk", kind=Organization.Kind.PARTY_COMMITTEE, level="province")
        issuer = Organization(
            name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
            kind=Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
            level="province",
            issuer_code="BTGDVTU",
            short_name="BTGDV",
            parent=parent,
        )
        authority, title = Report.Authority.KT, "Phó Trưởng ban"
    else:
        parent = Organization(
            name="Ủy ban nhân dân tỉnh Đắk Lắk", kind=Organization.Kind.PEOPLES_COMMITTEE, level="province"
        )
        issuer = Organization(
            name="Ủy ban nhân dân xã Hòa Xuân",
            kind=Organization.Kind.PEOPLES_COMMITTEE,
            level="commune",
            issuer_code="UBND",
            parent=parent,
        )
        authority, title = Report.Authority.TM, "Chủ tịch"
    values = {
        "issuer": issuer,
        "kind": Report.Kind.QUARTERLY,
        "regime": regime,
        "title": "Kết quả thực hiện Chương trình phối hợp quý I năm 2022",
        "status": Report.Status.ISSUED,
        "number": 27,
        "place": "Phú Yên",
        "issued_on": dt.date(2022, 4, 5),
        "signer_authority": authority,
        "signer_title": title,
        "signer_name": "Nguyễn Thị Đào",
        "recipients": "Ban Tuyên giáo và Dân vận Trung ương\n- Thường trực Tỉnh ủy;",
        "computed_at": dt.datetime(2022, 4, 1, 1, 30, tzinfo=dt.UTC),
        "sections": SECTIONS,
        "figures": FIGURES,
    }
    values.update(overrides)
    return Report(**values)


@functools.cache
def docx_bytes(regime: str, draft: bool = False) -> bytes:
    overrides = {"status": Report.Status.DRAFT} if draft else {}
    return render_docx(build_document(make_report(regime, **overrides)))


def read(regime: str, draft: bool = False):
    return Document(io.BytesIO(docx_bytes(regime, draft)))


def all_paragraphs(document):
    """Every paragraph of the body and of its tables (one level of nesting is all we write)."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def header_texts(document) -> list[str]:
    cells = document.tables[0]._cells
    return [p.text for cell in cells for p in cell.paragraphs if p.text]


def paragraph_with(document, text):
    return next(p for p in all_paragraphs(document) if p.text == text)


# --- number and date lines ------------------------------------------------------------


def test_number_text_per_regime():
    assert number_text(Regime.PARTY, 27, "BC", "BTGDVTU") == "Số 27-BC/BTGDVTU"
    assert number_text(Regime.STATE, 27, "BC", "UBND") == "Số: 27/BC-UBND"
    assert number_text(Regime.STATE, None, "BC", "UBND") == "Số:      /BC-UBND"


def test_date_line_pads_day_and_only_january_and_february():
    assert date_line("Phú Yên", dt.date(2022, 4, 5)) == "Phú Yên, ngày 05 tháng 4 năm 2022"
    assert date_line("Đắk Lắk", dt.date(2026, 2, 15)) == "Đắk Lắk, ngày 15 tháng 02 năm 2026"
    assert date_line("Đắk Lắk", dt.date(2026, 12, 1)) == "Đắk Lắk, ngày 01 tháng 12 năm 2026"
    assert date_line("Đắk Lắk", None).startswith("Đắk Lắk, ngày     tháng")


# --- the document built from a report -------------------------------------------------


def test_upper_is_vietnamese_aware():
    assert upper("Tỉnh ủy Đắk Lắk") == "TỈNH ỦY ĐẮK LẮK"
    assert upper("ủy ban đức") == "ỦY BAN ĐỨC"
    # decomposed input (NFD) comes out composed
    assert upper(unicodedata.normalize("NFD", "Tỉnh ủy")) == "TỈNH ỦY"


def test_bodies_per_regime():
    party = make_report(Regime.PARTY).issuer
    state = make_report(Regime.STATE).issuer
    assert parent_body(party, Regime.PARTY) == "TỈNH ỦY ĐẮK LẮK"
    assert issuing_body(party) == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    # a state document abbreviates the body above the issuer, never the issuer
    assert parent_body(state, Regime.STATE) == "UBND TỈNH ĐẮK LẮK"
    assert issuing_body(state) == "ỦY BAN NHÂN DÂN XÃ HÒA XUÂN"


def test_recipients_end_with_the_archive_line():
    issuer = make_report(Regime.PARTY).issuer
    assert recipients("Như trên\n- Thường trực Tỉnh ủy;\n", issuer) == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, BTGDV.",
    ]
    assert recipients("Như trên\nLưu: VT, VP", issuer)[-1] == "- Lưu: VT, VP."


def test_build_document_from_a_saved_report(world):
    report = make_report(
        Regime.PARTY,
        issuer=world.target,
        status=Report.Status.DRAFT,
        number=None,
        issued_on=None,
        signer_authority=Report.Authority.TM,
        recipients="",
        scope_kind=Report.ScopeKind.ORGANIZATION,
        scope_organization=world.target,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 3, 31),
    )
    report.save()
    report = Report.objects.select_related("issuer__parent").get(pk=report.pk)
    document = build_document(report)
    assert document.issuing_body == "ĐẢNG ỦY XÃ CẨM ĐỨC"
    assert document.parent_body == ""
    assert document.number == "Số      -BC/ĐU"  # a draft has no number yet
    assert document.place_date.startswith("Phú Yên, ngày     tháng")
    assert document.is_draft
    assert (document.signer_authority, document.signer_body) == ("TM.", "BAN THƯỜNG VỤ")
    assert document.title == "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP QUÝ I NĂM 2022"
    results = document.sections[0]
    assert results.paragraphs == [
        "Trong quý, các bên đã triển khai 12 nhiệm vụ, hoàn thành đúng hạn 8 nhiệm vụ.",
        "- Tổ chức hội nghị giao ban quý;",
        "+ Đồng chí Phó Bí thư chủ trì.",
    ]
    assert [table.title for table in document.annex_tables] == ["Thực hiện nhiệm vụ", "Hội nghị, giao ban"]
    assert len(results.charts) == 1  # tasks by state; one meeting figure makes no chart
    assert document.recipients == ["- Lưu: VT, ĐU."]


def test_a_report_without_figures_or_text_still_renders():
    report = make_report(Regime.STATE, figures=[], sections=[], signer_authority="", signer_title="", signer_name="")
    document = build_document(report)
    assert document.sections == [] and document.annex_tables == []
    assert document.signer_body == ""
    assert len(Document(io.BytesIO(render_docx(document))).tables) == 2  # header and signature
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))
    assert workbook.sheetnames == ["Phụ lục"]
    assert workbook["Phụ lục"]["A2"].value == "Báo cáo không có bảng số liệu."


def test_no_chart_when_the_figures_are_all_zero():
    zeros = [dict(figure, value=0) for figure in FIGURES]
    document = build_document(make_report(Regime.STATE, figures=zeros))
    assert document.sections[0].charts == []
    assert len(document.annex_tables) == 2


def test_kt_signs_for_the_head():
    document = build_document(make_report(Regime.PARTY))
    assert (document.signer_authority, document.signer_body, document.signer_title) == (
        "KT.",
        "TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
    )


# --- DOCX read back -------------------------------------------------------------------


@pytest.mark.parametrize("regime", [Regime.PARTY, Regime.STATE])
def test_docx_page_and_fonts(regime):
    document = read(regime)
    section = document.sections[0]
    # stored in twentieths of a point: compare in millimetres to 0.1
    mm = [round(length.mm, 1) for length in (section.page_width, section.page_height)]
    assert mm == [210.0, 297.0]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in margins] == [20.0, 20.0, 30.0, 15.0]
    runs = [run for paragraph in all_paragraphs(document) for run in paragraph.runs]
    assert len(runs) > 30
    for run in runs:
        assert run.font.name == "Times New Roman", run.text
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Times New Roman"
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert [p.text for p in body][:2] == [SECTIONS[0]["heading"], SECTIONS[0]["text"].split("\n")[0]]
    for paragraph in body:
        assert paragraph.paragraph_format.first_line_indent == Cm(1.27)
        assert all(run.font.size == Pt(14) for run in paragraph.runs)
    assert body[0].runs[0].font.bold
    assert not body[1].runs[0].font.bold
    # the figures' tables: 12 pt, the header row bold and repeated on every page
    grid = document.tables[1]
    assert [cell.text for cell in grid.rows[0].cells] == ["TT", "Nội dung", "Số liệu"]
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    assert grid.rows[5].cells[2].text == "66,7%"
    assert grid.rows[1].cells[1].paragraphs[0].runs[0].font.size == Pt(12)


def test_docx_party_header():
    document = read(Regime.PARTY)
    assert header_texts(document) == [
        "TỈNH ỦY ĐẮK LẮK",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 27-BC/BTGDVTU",
        "Phú Yên, ngày 05 tháng 4 năm 2022",
    ]
    national = paragraph_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM").runs[0]
    assert national.font.bold and national.font.underline
    assert not paragraph_with(document, "TỈNH ỦY ĐẮK LẮK").runs[0].font.bold
    assert paragraph_with(document, "BAN TUYÊN GIÁO VÀ DÂN VẬN").runs[0].font.bold
    date = paragraph_with(document, "Phú Yên, ngày 05 tháng 4 năm 2022").runs[0]
    assert date.font.italic and date.font.size == Pt(14)


def test_docx_state_header():
    document = read(Regime.STATE)
    assert header_texts(document) == [
        "UBND TỈNH ĐẮK LẮK",
        "ỦY BAN NHÂN DÂN XÃ HÒA XUÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 27/BC-UBND",
        "Phú Yên, ngày 05 tháng 4 năm 2022",
    ]
    national = paragraph_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs[0]
    assert national.font.bold and national.font.size == Pt(12)
    motto = paragraph_with(document, "Độc lập - Tự do - Hạnh phúc").runs[0]
    assert motto.font.bold and motto.font.underline and motto.font.size == Pt(14)
    assert paragraph_with(document, "Phú Yên, ngày 05 tháng 4 năm 2022").runs[0].font.italic
    # the header table has no borders
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {element.get(qn("w:val")) for element in borders} == {"nil"}


@pytest.mark.parametrize("regime", [Regime.PARTY, Regime.STATE])
def test_docx_title_signature_and_recipients(regime):
    document = read(regime)
    texts = [p.text for p in document.paragraphs]
    assert "DỰ THẢO" not in texts
    type_name = paragraph_with(document, "BÁO CÁO")
    title = paragraph_with(document, "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP QUÝ I NĂM 2022")
    for paragraph in (type_name, title):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and paragraph.runs[0].font.bold
    signature = document.tables[-1]
    left, right = signature.rows[0].cells
    heading = left.paragraphs[0].runs[0]
    assert heading.text == "Nơi nhận:"
    assert (heading.font.size, heading.font.bold, heading.font.italic) == (Pt(12), True, True)
    listed = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in listed] == [
        "- Ban Tuyên giáo và Dân vận Trung ương;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, BTGDV." if regime == Regime.PARTY else "- Lưu: VT, UBND.",
    ]
    assert all(run.font.size == Pt(11) for p in listed for run in p.runs)
    signed = [p.text for p in right.paragraphs if p.text]
    expected = ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"] if regime == Regime.PARTY else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signed == [*expected, "Nguyễn Thị Đào"]
    assert all(p.runs[0].font.bold for p in right.paragraphs if p.text)
    # four empty lines for the signature and the seal
    assert [p.text for p in right.paragraphs[2:6]] == ["", "", "", ""]


def test_docx_sub_part_heading_is_bold_italic():
    sections = [*SECTIONS, {"key": "x", "heading": "1. Công tác tuyên truyền", "text": "Nội dung.", "level": 2}]
    document = Document(io.BytesIO(render_docx(build_document(make_report(Regime.STATE, sections=sections)))))
    run = paragraph_with(document, "1. Công tác tuyên truyền").runs[0]
    assert run.font.bold and run.font.italic
    assert not paragraph_with(document, SECTIONS[1]["heading"]).runs[0].font.italic


def test_docx_page_numbers_from_page_two_and_properties():
    document = read(Regime.STATE)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert document.core_properties.title == "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP QUÝ I NĂM 2022"
    assert document.core_properties.author == "Ủy ban nhân dân xã Hòa Xuân"


def test_docx_draft_marker_and_blank_number():
    document = read(Regime.PARTY, draft=True)
    marker = paragraph_with(document, "DỰ THẢO")
    assert marker.runs[0].font.bold
    assert marker._p.pPr.find(qn("w:pBdr")) is not None  # boxed
    assert "Số      -BC/BTGDVTU" in header_texts(document)
    assert "Phú Yên, ngày 05 tháng 4 năm 2022" not in header_texts(document)


def test_docx_embeds_the_chart_as_a_picture():
    with zipfile.ZipFile(io.BytesIO(docx_bytes(Regime.PARTY))) as archive:
        assert [name for name in archive.namelist() if name.startswith("word/media/")] == ["word/media/image1.png"]
    document = read(Regime.PARTY)
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width - Cm(15)) < Cm(0.01)
    no_chart = render_docx(build_document(make_report(Regime.PARTY, figures=FIGURES[-1:])))
    assert len(Document(io.BytesIO(no_chart)).inline_shapes) == 0


def test_docx_is_deterministic():
    report = make_report(Regime.STATE)
    assert render_docx(build_document(report)) == render_docx(build_document(report))


# --- XLSX annex -----------------------------------------------------------------------


def test_xlsx_annex_read_back():
    data = render_xlsx(build_document(make_report(Regime.PARTY)))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["1. Thực hiện nhiệm vụ", "2. Hội nghị, giao ban"]
    sheet = workbook["1. Thực hiện nhiệm vụ"]
    assert sheet["A1"].value == "Phụ lục 1. Thực hiện nhiệm vụ"
    assert [cell.value for cell in sheet[2]] == ["TT", "Nội dung", "Số liệu"]
    assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("D9E2F3") for cell in sheet[2])
    assert [sheet.cell(row=3, column=c).value for c in (1, 2, 3)] == [1, "Nhiệm vụ đến hạn trong kỳ", 12]
    assert sheet["C3"].number_format == "#,##0"
    assert sheet["C7"].value == pytest.approx(0.667)
    assert sheet["C7"].number_format == "0.0%"
    assert sheet["B3"].font.name == "Times New Roman" and sheet["B3"].font.size == 12
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    # 01:30 UTC is 08:30 in Việt Nam
    assert sheet["A9"].value == "Nguồn: phoihop, số liệu tính lúc 01/04/2022 08:30"
    assert data == render_xlsx(build_document(make_report(Regime.PARTY)))


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    first = sheet_title("Nhiệm vụ theo cơ quan chủ trì: quý I/2026 [tạm]", taken)
    second = sheet_title("Nhiệm vụ theo cơ quan chủ trì: quý I/2026 [tạm]", taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)


# --- render_files ---------------------------------------------------------------------


def test_render_files_builds_once_and_reports_progress():
    steps = []
    files = render.render_files(make_report(Regime.STATE), ["xlsx", "docx"], lambda p, s: steps.append(p))
    assert set(files) == {"docx", "xlsx"}
    assert files["docx"][:2] == files["xlsx"][:2] == b"PK"
    assert steps == [10, 40, 60, 100]


def test_pdf_without_libreoffice_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr("phoihop.reports.render.pdf.soffice_path", lambda: None)
    with pytest.raises(PdfUnavailable, match="chưa cài LibreOffice.*libreoffice-writer-nogui"):
        render.render_files(make_report(Regime.STATE), ["pdf"], lambda p, s: None)


def fake_soffice(tmp_path, monkeypatch, body: str):
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    monkeypatch.setattr("phoihop.reports.render.pdf.soffice_path", lambda: str(script))


def test_pdf_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "sleep 30")
    with pytest.raises(PdfUnavailable, match="không chuyển xong văn bản sang PDF trong 1 giây"):
        docx_to_pdf(b"PK", timeout=1)


def test_pdf_conversion_that_fails_says_so(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 3")
    with pytest.raises(PdfUnavailable, match=r"mã lỗi 3\). Error: source file could not be loaded"):
        docx_to_pdf(b"PK")


# --- PDF by LibreOffice, looked at as pictures -----------------------------------------


@pytest.fixture(scope="module")
def pdfs():
    """Each regime converted once in the whole run (LibreOffice takes seconds) — both at
    the same time, as two generation jobs may: each call has its own folder and profile,
    so neither output overwrites the other (the checks below tell the two apart)."""
    if render.pdf.soffice_path() is None:
        pytest.fail(
            "LibreOffice (soffice) is missing: `make test` installs it, or "
            "scripts/system-deps.sh libreoffice-writer-nogui"
        )
    folder = ARTIFACTS / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    regimes = (Regime.PARTY, Regime.STATE)
    with ThreadPoolExecutor(2) as pool:
        converted = list(pool.map(docx_to_pdf, [docx_bytes(regime) for regime in regimes]))
    result = {}
    for regime, pdf in zip(regimes, converted, strict=True):
        path = folder / f"report-{regime}.pdf"
        path.write_bytes(pdf)
        for old in folder.glob(f"report-{regime}-*.png"):
            old.unlink()
        poppler("pdftoppm", "-r", "50", "-png", str(path), str(folder / f"report-{regime}"))
        result[regime] = path
    return result


def poppler(tool: str, *args: str) -> str:
    """Run one of poppler-utils' tools (pdfinfo, pdffonts, pdftoppm, pdftotext); its output."""
    command = [f"/usr/bin/{tool}", *args]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603


@pytest.mark.parametrize("regime", [Regime.PARTY, Regime.STATE])
def test_pdf_pages_are_not_blank_and_keep_the_diacritics(pdfs, regime):
    path = pdfs[regime]
    info = poppler("pdfinfo", str(path))
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 1
    pictures = sorted(path.parent.glob(f"report-{regime}-*.png"))
    assert len(pictures) == pages
    for picture in pictures:
        with Image.open(picture) as image:
            low, _high = image.convert("L").getextrema()
        assert low < 128, f"{picture.name} is blank"
    text = poppler("pdftotext", "-layout", str(path), "-")
    header, other = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    if regime == Regime.STATE:
        header, other = other, header
    assert header in text and other not in text
    assert "Phú Yên, ngày 05 tháng 4 năm 2022" in text
    assert "Nơi nhận:" in text
    assert "Nguyễn Thị Đào" in text
    # every glyph in Times New Roman (or its metric twin on Linux): no fallback font was needed
    fonts = [line.split()[0] for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    assert fonts and all("LiberationSerif" in font or "TimesNewRoman" in font for font in fonts), fonts


def test_charts_follow_the_figure_keys_of_reports_figures():
    """The charts pick figures by the keys `reports.figures` writes: the task buckets and
    the hot issues by state each give one chart; counts of another kind stay out of them."""
    from phoihop.reports.build import figure_charts

    def figure(key, value, label):
        return {"key": key, "label": label, "value": value, "unit": "", "kind": "task", "ids": [], "group": "x"}

    figures = [
        figure("tasks.total", 9, "Nhiệm vụ đến hạn"),
        figure("tasks.done_on_time", 5, "Hoàn thành đúng hạn"),
        figure("tasks.done_late", 1, "Hoàn thành quá hạn"),
        figure("tasks.open_overdue", 3, "Chưa hoàn thành, quá hạn"),
        figure("hot_issues.status.detected", 2, "Mới phát hiện"),
        figure("hot_issues.status.resolved", 1, "Đã giải quyết"),
        figure("opinion.reports", 4, "Báo cáo đã nhận"),  # a lone count: no chart
    ]
    charts = figure_charts(figures)
    assert [chart.title for chart in charts] == ["Nhiệm vụ theo tình trạng", "Vấn đề nổi cộm theo trạng thái"]
    assert all(chart.png.startswith(b"\x89PNG") for chart in charts)
    assert figure_charts([figure("tasks.done_on_time", 0, "a"), figure("tasks.done_late", 0, "b")]) == []
