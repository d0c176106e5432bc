"""The one upload checker of the product: what a file is, decided by its content.

Every app that stores uploaded files (programme attachments, documents …) reads the
upload through `check_file`, which refuses, with a Vietnamese message on the "file"
field, an empty file, one over the size limit (settings.PHOIHOP_MAX_UPLOAD_MB), one whose
content is not an accepted kind (magic bytes and, for Office files, the parts inside —
never the name), an Office file carrying macros, and a name whose extension contradicts
the content. Nothing is stored here: the caller stores the checked bytes, and only after
its own rules (duplicates, confidentiality) pass.

Domain-free on purpose (import-linter: core imports no domain app).
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.core.text import fold

DEFAULT_MAX_UPLOAD_MB = 20


class FileKind(models.TextChoices):
    """The kinds of file the product accepts, as `sniff` names them."""

    PDF = "pdf", gettext_lazy("PDF")
    DOCX = "docx", gettext_lazy("Word (.docx)")
    XLSX = "xlsx", gettext_lazy("Excel (.xlsx)")
    PPTX = "pptx", gettext_lazy("PowerPoint (.pptx)")
    ODT = "odt", gettext_lazy("OpenDocument văn bản (.odt)")
    ODS = "ods", gettext_lazy("OpenDocument bảng tính (.ods)")
    ODP = "odp", gettext_lazy("OpenDocument trình chiếu (.odp)")
    DOC = "doc", gettext_lazy("Word 97–2003 (.doc)")
    XLS = "xls", gettext_lazy("Excel 97–2003 (.xls)")
    PPT = "ppt", gettext_lazy("PowerPoint 97–2003 (.ppt)")
    JPEG = "jpeg", gettext_lazy("Ảnh JPEG")
    PNG = "png", gettext_lazy("Ảnh PNG")
    TEXT = "text", gettext_lazy("Văn bản thuần")


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]  # the first is the canonical one


_K = FileKind
FILE_TYPES: dict[str, FileType] = {
    _K.PDF: FileType("application/pdf", ("pdf",)),
    _K.DOCX: FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    _K.XLSX: FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    _K.PPTX: FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)),
    _K.ODT: FileType("application/vnd.oasis.opendocument.text", ("odt",)),
    _K.ODS: FileType("application/vnd.oasis.opendocument.spreadsheet", ("ods",)),
    _K.ODP: FileType("application/vnd.oasis.opendocument.presentation", ("odp",)),
    _K.DOC: FileType("application/msword", ("doc",)),
    _K.XLS: FileType("application/vnd.ms-excel", ("xls",)),
    _K.PPT: FileType("application/vnd.ms-powerpoint", ("ppt",)),
    _K.JPEG: FileType("image/jpeg", ("jpg", "jpeg")),
    _K.PNG: FileType("image/png", ("png",)),
    _K.TEXT: FileType("text/plain; charset=utf-8", ("txt", "csv", "md")),
}
ACCEPTED_EXTENSIONS = tuple(ext for file_type in FILE_TYPES.values() for ext in file_type.extensions)

MACROS = "macro"  # what `sniff` answers for an Office file carrying VBA macros
_OOXML_PARTS = (("word/document.xml", _K.DOCX), ("xl/workbook.xml", _K.XLSX), ("ppt/presentation.xml", _K.PPTX))
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": _K.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": _K.ODS,
    b"application/vnd.oasis.opendocument.presentation": _K.ODP,
}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_STREAMS = (("WordDocument", _K.DOC), ("Workbook", _K.XLS), ("Book", _K.XLS), ("PowerPoint Document", _K.PPT))
_OLE2_MACRO_STORAGES = {"Macros", "_VBA_PROJECT_CUR", "VBA"}
_OLE2_LAST_SECTOR = 0xFFFFFFFA  # higher numbers mark free sectors and chain ends (MS-CFB 2.1)


# --- what the bytes are --------------------------------------------------------------


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return MACROS
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS:
                    if part in names:
                        return kind
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    return _ODF_MIMETYPES.get(entry.read(100).strip())
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, RuntimeError, NotImplementedError):
        return None  # broken, encrypted, or compressed in a way zipfile does not know
    return None


def _ole2_names(data: bytes) -> set[str]:
    """The names of the storages and streams in an OLE2 compound file's directory
    (MS-CFB); empty when the structure is broken."""
    if len(data) < 512 or not data.startswith(_OLE2_MAGIC):
        return set()
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    most = len(data) // size

    def sector(number: int) -> tuple[int, ...]:
        block = data[(number + 1) * size : (number + 2) * size]
        if len(block) < size:
            raise ValueError("sector outside the file")
        return struct.unpack(f"<{size // 4}I", block)

    try:
        fat_sectors = list(struct.unpack("<109I", data[76:512]))
        difat, hops = int.from_bytes(data[68:72], "little"), 0
        while difat <= _OLE2_LAST_SECTOR and hops <= most:
            entries = sector(difat)
            fat_sectors.extend(entries[:-1])
            difat, hops = entries[-1], hops + 1
        fat: list[int] = []
        for number in fat_sectors:
            if number <= _OLE2_LAST_SECTOR:
                fat.extend(sector(number))
        names: set[str] = set()
        current, seen = int.from_bytes(data[48:52], "little"), set()
        while current < len(fat) and current not in seen:
            seen.add(current)
            block = data[(current + 1) * size : (current + 2) * size]
            for offset in range(0, len(block) - 127, 128):
                length = int.from_bytes(block[offset + 64 : offset + 66], "little")
                if 2 <= length <= 64 and block[offset + 66] in (1, 2, 5):  # storage, stream, root
                    names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
            current = fat[current]
    except (ValueError, struct.error):
        return set()
    return names


def _sniff_ole2(data: bytes) -> str | None:
    names = _ole2_names(data)
    if names & _OLE2_MACRO_STORAGES:
        return MACROS
    return next((kind for stream, kind in _OLE2_STREAMS if stream in names), None)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff(data: bytes) -> str | None:
    """The kind of file (FileKind) these bytes are, from their content alone; "macro"
    for an Office file with VBA macros; None for anything not accepted."""
    if data.startswith(b"%PDF-"):
        return _K.PDF
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(_OLE2_MAGIC):
        return _sniff_ole2(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _K.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _K.PNG
    if _is_text(data):
        return _K.TEXT
    return None


# --- names ---------------------------------------------------------------------------

_EXTENSION = re.compile(r"^[A-Za-z0-9]{1,8}$")


def clean_file_name(name: str) -> tuple[str, str]:
    """(stem, lower-case extension) of an uploaded file's name: the last path component,
    NFC, without control and format characters (a right-to-left override can disguise
    "fdp.exe" as "exe.pdf"), whitespace collapsed. The extension is "" when the name has
    none that looks like one."""
    name = re.split(r"[/\\]", name or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"})
    name = re.sub(r"\s+", " ", name).strip()
    stem, dot, ext = name.rpartition(".")
    if dot and _EXTENSION.match(ext):
        return stem.strip(), ext.lower()
    return name, ""


def stored_name(stem: str, kind: str) -> str:
    """The name on disk: ASCII (folded Vietnamese), short, with the canonical extension
    of the content, so that what is stored never claims another type."""
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "tep"
    return f"{ascii_stem}.{FILE_TYPES[kind].extensions[0]}"


# --- the limit and the messages ------------------------------------------------------


def max_upload_bytes() -> int:
    return int(float(getattr(settings, "PHOIHOP_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024)


def max_upload_mb() -> str:
    return f"{float(getattr(settings, 'PHOIHOP_MAX_UPLOAD_MB', DEFAULT_MAX_UPLOAD_MB)):g}"


def file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def msg_no_file() -> str:
    return _("Hãy chọn tệp cần tải lên.")


def msg_type() -> str:
    return _("Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản.")


def msg_macros() -> str:
    return _("Không nhận tệp Office có chứa macro. Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx).")


def msg_too_big() -> str:
    return _("Tệp quá lớn. Dung lượng tối đa là %(mb)s MB; hãy nén hoặc chia nhỏ tệp.") % {"mb": max_upload_mb()}


def msg_empty() -> str:
    return _("Tệp rỗng, không có nội dung.")


def accepted_help() -> str:
    """The help text of a file field."""
    return _("PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản; tối đa %(mb)s MB.") % {
        "mb": max_upload_mb()
    }


def accept_attribute() -> str:
    """The `accept` attribute of an <input type="file">."""
    return ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)


# --- the check -----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    kind: str
    original_name: str
    stem: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def content_type(self) -> str:
        return FILE_TYPES[self.kind].content_type

    @property
    def stored_name(self) -> str:
        return stored_name(self.stem, self.kind)


def read_upload(uploaded_file) -> bytes:
    """The bytes of an upload, refused when empty or over the size limit (read no
    further than one byte past it, whatever the client claimed the size was)."""
    limit = max_upload_bytes()
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise file_error(msg_too_big())
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise file_error(msg_too_big())
    if not data:
        raise file_error(msg_empty())
    return data


def check_file(uploaded_file) -> CheckedUpload:
    """Everything an upload must pass whoever stores it: a file, not empty, not over the
    size limit, an accepted kind by content, no macros, a name whose extension does not
    contradict the content. Raises ValidationError({"file": [...]})."""
    if uploaded_file is None:
        raise file_error(msg_no_file())
    data = read_upload(uploaded_file)
    kind = sniff(data)
    if kind == MACROS:
        raise file_error(msg_macros())
    stem, ext = clean_file_name(uploaded_file.name)
    if kind is None or (ext and ext not in ACCEPTED_EXTENSIONS):
        raise file_error(msg_type())
    file_type = FILE_TYPES[kind]
    if ext and ext not in file_type.extensions:
        raise file_error(
            _("Tên tệp có đuôi “.%(ext)s” nhưng nội dung là loại “%(kind)s”. Hãy kiểm tra lại tệp trước khi tải lên.")
            % {"ext": ext, "kind": FileKind(kind).label}
        )
    ext = ext or file_type.extensions[0]
    original_name = f"{stem[: 250 - len(ext)]}.{ext}"
    return CheckedUpload(
        data=data, kind=kind, original_name=original_name, stem=stem, sha256=hashlib.sha256(data).hexdigest()
    )


# --- serving a stored file -----------------------------------------------------------


def ascii_file_name(name: str) -> str:
    """The name for clients that do not read RFC 5987: Vietnamese letters without marks,
    anything else that could break the header replaced."""
    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._()+ -]+", "_", ascii_name).strip(" ._") or "tai-lieu"


def download_response(handle, *, content_type: str, name: str):
    """A stored file as a download: never shown inline, never sniffed, never cached by a
    shared cache; the name in RFC 6266/5987 form so Vietnamese names survive."""
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_file_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- receiving uploads -----------------------------------------------------------------


class BoundedMemoryUploadHandler(MemoryFileUploadHandler):
    """The only upload handler (settings.FILE_UPLOAD_HANDLERS): an upload never touches
    the disk before the checks above have passed — Django's default writes anything over
    2.5 MB to a temporary file, so the bytes of a confidential document the service then
    refuses would have been on disk — and no more than the size limit plus one byte is
    kept in memory: the true size still reaches `read_upload`, which refuses it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True  # in memory whatever the size of the request

    def receive_data_chunk(self, raw_data, start):
        room = max_upload_bytes() + 1 - self.file.tell()
        if room > 0:
            self.file.write(raw_data[:room])
        return None  # consumed: no other handler sees it
