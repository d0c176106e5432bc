"""A document's text is found: extracted from DOCX (python-docx) and PDF (pdftotext, when
installed) by a background job queued after the upload — never inside the request."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from django_q.models import OrmQ

from phoihop.documents import services
from phoihop.documents.tests.files import pdf, upload
from phoihop.search import jobs, selectors
from phoihop.search.models import DocumentText
from phoihop.search.selectors import SearchQuery

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_font(text: str) -> bytes:
    """A one-page PDF whose text pdftotext can read (the documents tests' PDF names no font)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def upload_document(world, name: str, data: bytes, title: str = "Báo cáo tháng 11"):
    return services.document_create(
        actor=world.officer, owner=world.target, title=title, file=upload(name, data), issuer="Đảng ủy xã Cẩm Đức"
    )


def found(user, text) -> list[str]:
    results = selectors.search(user, SearchQuery(text=text))
    return [hit.title for hit in results.page.object_list] if results.page else []


class TestDocx:
    def test_the_body_is_found_after_the_job_not_before(self, world, django_capture_on_commit_callbacks):
        data = docx_bytes("Phần mở đầu.", "Tình hình sạt lở bờ sông ở xã Đắk Mar.", table=[["Thôn", "Hộ dân"]])
        with django_capture_on_commit_callbacks(execute=True):
            document = upload_document(world, "bao-cao.docx", data)
        queued = OrmQ.objects.all()
        assert len(queued) == 1 and queued[0].func() == jobs.EXTRACT_JOB  # queued, not run in the request
        assert found(world.officer, "sat lo") == []

        assert jobs.extract_document_text(document.pk) == DocumentText.Status.EXTRACTED
        assert found(world.officer, "sat lo bo song") == ["Báo cáo tháng 11"]
        assert found(world.officer, "dak mar") == ["Báo cáo tháng 11"]
        assert found(world.officer, "ho dan") == ["Báo cáo tháng 11"]  # table cells too
        hit = selectors.search(world.officer, SearchQuery(text="sat lo")).page.object_list[0]
        assert "<mark>sạt</mark> <mark>lở</mark> bờ sông" in hit.snippet_html
        assert found(world.outsider, "sat lo") == []

    def test_editing_the_document_keeps_its_extracted_text(self, world):
        document = upload_document(world, "bao-cao.docx", docx_bytes("Ngập lụt ở Đức Thọ."))
        jobs.extract_document_text(document.pk)
        services.document_update(
            actor=world.officer, document=document, expected_version=document.version, title="Báo cáo đã sửa"
        )
        assert found(world.officer, "ngap lut") == ["Báo cáo đã sửa"]

    def test_the_text_is_bounded(self, world, monkeypatch):
        from phoihop.search import extract

        monkeypatch.setattr(extract, "TEXT_LIMIT", 50)
        document = upload_document(world, "dai.docx", docx_bytes("a" * 40, "cuối văn bản ngập lụt"))
        jobs.extract_document_text(document.pk)
        assert len(DocumentText.objects.get(document=document).text) == 50
        assert found(world.officer, "ngap lut") == []


class TestOtherFiles:
    @pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
    def test_a_pdf_body_is_found_with_pdftotext(self, world):
        document = upload_document(
            world, "cong-van.pdf", pdf_with_font("Cong van ve sat lo o Quang Tri"), title="Công văn"
        )
        assert jobs.extract_document_text(document.pk) == DocumentText.Status.EXTRACTED
        assert found(world.officer, "quang tri") == ["Công văn"]

    def test_without_pdftotext_a_pdf_is_found_by_its_title_and_says_why(self, world, monkeypatch):
        monkeypatch.setattr(shutil, "which", lambda name: None)
        document = upload_document(world, "cong-van.pdf", pdf("Cong van ve Quang Tri"), title="Công văn sạt lở")
        assert jobs.extract_document_text(document.pk) == DocumentText.Status.NO_TOOL
        assert found(world.officer, "sat lo") == ["Công văn sạt lở"]
        assert found(world.officer, "quang tri") == []

    def test_a_damaged_file_fails_quietly(self, world, monkeypatch):
        from phoihop.search import extract

        def broken(data):
            raise ValueError("hỏng")

        monkeypatch.setitem(extract.READERS, "docx", broken)
        document = upload_document(world, "hong.docx", docx_bytes("Nội dung"), title="Tệp hỏng")
        assert jobs.extract_document_text(document.pk) == DocumentText.Status.FAILED
        assert found(world.officer, "tep hong") == ["Tệp hỏng"]

    def test_a_plain_text_file_is_read(self, world):
        document = upload_document(world, "ghi-chu.txt", "Ghi chú về lễ hội Đền Hùng.".encode(), title="Ghi chú")
        jobs.extract_document_text(document.pk)
        assert found(world.officer, "den hung") == ["Ghi chú"]

    def test_a_document_gone_before_the_job_is_nothing(self, db):
        assert jobs.extract_document_text(123_456) == "gone"
