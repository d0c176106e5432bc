"""Renderers of official documents: DOCX in the issuer's regime, the XLSX annex, the PDF
converted from the DOCX by LibreOffice headless.

Contract (the generation job calls it): `render_files(report, formats, progress)` returns
{format: bytes} for the asked formats ("docx", "xlsx", "pdf"), calling
`progress(percent, step)` as it goes. The document is built once; a PDF needs the DOCX,
which is rendered first (and returned only when asked). A PDF that cannot be made raises
`PdfUnavailable` (the message says why, in Vietnamese).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.reports.build import build_document
from phoihop.reports.render.docx import render_docx
from phoihop.reports.render.pdf import PdfUnavailable, docx_to_pdf
from phoihop.reports.render.xlsx import render_xlsx

__all__ = ["FORMATS", "PdfUnavailable", "render_files"]

FORMATS = ("docx", "xlsx", "pdf")


def render_files(report, formats: list[str], progress: Callable[[int, str], None]) -> dict[str, bytes]:
    asked = [fmt for fmt in FORMATS if fmt in formats]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown formats: {', '.join(unknown)}")
    progress(10, _("Đang dựng văn bản"))
    with translation.override("vi"):  # an official document is in Vietnamese, whoever asks
        document = build_document(report)
    files: dict[str, bytes] = {}
    docx = None
    if "docx" in asked or "pdf" in asked:
        progress(40, _("Đang tạo tệp DOCX"))
        docx = render_docx(document)
        if "docx" in asked:
            files["docx"] = docx
    if "xlsx" in asked:
        progress(60, _("Đang tạo phụ lục XLSX"))
        files["xlsx"] = render_xlsx(document)
    if "pdf" in asked:
        progress(90, _("Đang chuyển sang PDF"))
        files["pdf"] = docx_to_pdf(docx)
    progress(100, _("Hoàn thành"))
    return files
