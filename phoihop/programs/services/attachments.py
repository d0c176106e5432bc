"""Programme attachments, checked by content; confidential documents are refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core import uploads
from phoihop.core.uploads import (  # re-exported: programme services have always offered them
    ACCEPTED_EXTENSIONS,
    DEFAULT_MAX_UPLOAD_MB,
    FILE_TYPES,
    FileType,
    clean_file_name,
    max_upload_bytes,
    max_upload_mb,
    sniff,
)
from phoihop.programs.models import (
    Program,
    ProgramAttachment,
)
from phoihop.programs.services._common import _error

# --- attachments ---------------------------------------------------------------------
#
# A programme's documents (the signed text, plans, reports). Small on purpose: the full
# document register with versions and classification is `phoihop.documents`. The type is
# decided by the content (phoihop.core.uploads, the one upload checker of the product),
# never by the name; confidential documents are refused and never stored.

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "DEFAULT_MAX_UPLOAD_MB",
    "FILE_TYPES",
    "FileType",
    "attachment_download",
    "check_upload",
    "clean_file_name",
    "max_upload_bytes",
    "max_upload_mb",
    "program_attach",
    "program_detach",
    "sniff",
]


def check_upload(*, program: Program, uploaded_file) -> uploads.CheckedUpload:
    """Everything an upload must pass before anything is stored: the product's upload
    checks (phoihop.core.uploads.check_file), and not already attached to this programme."""
    checked = uploads.check_file(uploaded_file)
    existing = ProgramAttachment.objects.filter(program=program, sha256=checked.sha256).only("title").first()
    if existing is not None:
        raise _duplicate_error(existing.title)
    return checked


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
        size=checked.size,
        kind=checked.kind,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            attachment.file.save(checked.stored_name, ContentFile(checked.data), save=False)
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
