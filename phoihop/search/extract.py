"""Text out of an uploaded file, for the search index: DOCX with python-docx, PDF with
poppler's `pdftotext` when it is installed (without it a PDF is found by its title and
summary only, and the extraction row says why), UTF-8 plain text as it is. Other kinds
(spreadsheets, slides, images, old Office formats) are not read. At most TEXT_LIMIT
characters are kept."""

from __future__ import annotations

import io
import shutil
import subprocess  # noqa: S404 — pdftotext, with a fixed argument list and a timeout
import tempfile

from phoihop.search.models import TEXT_LIMIT, DocumentText

PDFTOTEXT_TIMEOUT_SECONDS = 60


class NoTool(Exception):
    """The program this kind of file needs is not installed."""


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(part for part in parts if part.strip())


def pdf_text(data: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise NoTool("pdftotext")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(data)
        source.flush()
        completed = subprocess.run(  # noqa: S603
            [tool, "-q", "-enc", "UTF-8", source.name, "-"],
            capture_output=True,
            timeout=PDFTOTEXT_TIMEOUT_SECONDS,
            check=True,
        )
    return completed.stdout.decode("utf-8", errors="replace")


READERS = {"docx": docx_text, "pdf": pdf_text, "text": lambda data: data.decode("utf-8", errors="replace")}


def extract(kind: str, data: bytes) -> tuple[str, str]:
    """(status, text) for a file of this kind (FileKind value)."""
    reader = READERS.get(kind)
    if reader is None:
        return DocumentText.Status.UNSUPPORTED, ""
    try:
        text = reader(data)
    except NoTool:
        return DocumentText.Status.NO_TOOL, ""
    except Exception:  # a damaged file must not stop the job: the title still finds it
        return DocumentText.Status.FAILED, ""
    return DocumentText.Status.EXTRACTED, text.replace("\x00", "")[:TEXT_LIMIT]
