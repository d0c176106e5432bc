"""Programme attachments, checked by content; confidential documents are refused."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.text import fold
from phoihop.programs.models import (
    Program,
    ProgramAttachment,
)
from phoihop.programs.services._common import _error

# --- attachments ---------------------------------------------------------------------
#
# A programme's documents (the signed text, plans, reports). Small on purpose: the full
# document register with versions and classification comes with information exchange.
# The type is decided by the content (magic bytes and, for Office files, the parts
# inside), never by the name; confidential documents are refused and never stored.

DEFAULT_MAX_UPLOAD_MB = 20


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]  # the first is the canonical one


_K = ProgramAttachment.Kind
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

_MACROS = "macro"  # what `sniff` answers for an Office file carrying VBA macros
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


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return _MACROS
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
        return _MACROS
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
    """The kind of file (ProgramAttachment.Kind) these bytes are, from their content
    alone; "macro" for an Office file with VBA macros; None for anything not accepted."""
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


def _stored_name(stem: str, kind: str) -> str:
    """The name on disk: ASCII (folded Vietnamese), short, with the canonical extension
    of the content, so that what is stored never claims another type."""
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "tep"
    return f"{ascii_stem}.{FILE_TYPES[kind].extensions[0]}"


def max_upload_bytes() -> int:
    return int(float(getattr(settings, "PHOIHOP_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024)


def max_upload_mb() -> str:
    return f"{float(getattr(settings, 'PHOIHOP_MAX_UPLOAD_MB', DEFAULT_MAX_UPLOAD_MB)):g}"


def _type_error() -> ValidationError:
    return _error("file", _("Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản."))


@dataclass(frozen=True)
class _CheckedUpload:
    data: bytes
    kind: str
    original_name: str
    stem: str
    sha256: str


def _read_upload(uploaded_file) -> bytes:
    limit = max_upload_bytes()
    too_big = _error(
        "file",
        _("Tệp quá lớn. Dung lượng tối đa là %(mb)s MB; hãy nén hoặc chia nhỏ tệp.") % {"mb": max_upload_mb()},
    )
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise too_big
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise _error("file", _("Tệp rỗng, không có nội dung."))
    return data


def check_upload(*, program: Program, uploaded_file) -> _CheckedUpload:
    """Everything an upload must pass before anything is stored: not empty, not over the
    size limit, an accepted type by content, a name that does not contradict the content,
    not already attached to this programme."""
    if uploaded_file is None:
        raise _error("file", _("Hãy chọn tệp cần tải lên."))
    data = _read_upload(uploaded_file)
    kind = sniff(data)
    if kind == _MACROS:
        raise _error(
            "file",
            _("Không nhận tệp Office có chứa macro. Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx)."),
        )
    stem, ext = clean_file_name(uploaded_file.name)
    if kind is None or (ext and ext not in ACCEPTED_EXTENSIONS):
        raise _type_error()
    file_type = FILE_TYPES[kind]
    if ext and ext not in file_type.extensions:
        raise _error(
            "file",
            _("Tên tệp có đuôi “.%(ext)s” nhưng nội dung là loại “%(kind)s”. Hãy kiểm tra lại tệp trước khi tải lên.")
            % {"ext": ext, "kind": ProgramAttachment.Kind(kind).label},
        )
    ext = ext or file_type.extensions[0]
    original_name = f"{stem[: 250 - len(ext)]}.{ext}"
    digest = hashlib.sha256(data).hexdigest()
    existing = ProgramAttachment.objects.filter(program=program, sha256=digest).only("title").first()
    if existing is not None:
        raise _duplicate_error(existing.title)
    return _CheckedUpload(data=data, kind=kind, original_name=original_name, stem=stem, sha256=digest)


def _duplicate_error(title: str) -> ValidationError:
    return _error("file", _("Tệp này đã được đính kèm vào chương trình với tên “%(title)s”.") % {"title": title})


def _attachment_label(attachment: ProgramAttachment) -> str:
    return f"{attachment.title} ({attachment.original_name})"


def program_attach(
    *, actor, program: Program, uploaded_file, title: str = "", confidential: bool = False
) -> ProgramAttachment:
    """Attach a document to a programme. Refused, with nothing stored, when it is marked
    confidential or fails `check_upload`; the title defaults to the file name without
    its extension."""
    if confidential:
        raise _error(
            "confidential",
            _(
                "Văn bản mật không được tải lên hệ thống. Hãy chuyển qua đường bảo mật; "
                "hệ thống chỉ ghi nhận văn bản tồn tại."
            ),
        )
    checked = check_upload(program=program, uploaded_file=uploaded_file)
    title = (title or "").strip() or checked.stem[:500]
    if not title:
        raise _error("title", _("Hãy nhập tên tài liệu."))
    if len(title) > 500:
        raise _error("title", _("Tên tài liệu tối đa 500 ký tự."))
    attachment = ProgramAttachment(
        program=program,
        title=title,
        original_name=checked.original_name,
        size=len(checked.data),
        kind=checked.kind,
        content_type=FILE_TYPES[checked.kind].content_type,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            attachment.file.save(_stored_name(checked.stem, checked.kind), ContentFile(checked.data), save=False)
            attachment.save()
            audit.record(
                actor=actor,
                action=AuditEntry.Action.EVENT,
                event="attachment_added",
                target=program,
                changes={"attachments": [None, _attachment_label(attachment)]},
                message=_("Đính kèm tài liệu “%(title)s”") % {"title": attachment.title},
            )
    except IntegrityError as exc:
        # Somebody attached the same file a moment earlier (program_attachment_unique_content).
        _discard_file(attachment)
        raise _duplicate_error(title) from exc
    except BaseException:
        _discard_file(attachment)
        raise
    return attachment


def _discard_file(attachment: ProgramAttachment) -> None:
    if attachment.file.name:
        attachment.file.storage.delete(attachment.file.name)


@transaction.atomic
def program_detach(*, actor, attachment: ProgramAttachment) -> None:
    """Remove an attachment; its file is deleted from storage once the removal commits."""
    program = attachment.program
    storage, name = attachment.file.storage, attachment.file.name
    label = _attachment_label(attachment)
    title = attachment.title
    attachment.delete()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="attachment_removed",
        target=program,
        changes={"attachments": [label, None]},
        message=_("Gỡ tài liệu đính kèm “%(title)s”") % {"title": title},
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def attachment_download(*, actor, attachment: ProgramAttachment):
    """Open the stored file for reading and record who downloaded it. Raises
    FileNotFoundError (nothing recorded) when the file is missing from storage."""
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    try:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="downloaded",
            target=attachment,
            message=_("Tải về “%(name)s”") % {"name": attachment.original_name},
        )
    except BaseException:
        handle.close()
        raise
    return handle
