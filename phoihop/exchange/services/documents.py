"""Documents of a subject: the owner provides them to the department (issue 4, item 1:
"provide the documents (never confidential ones)").

The rules live here, for every caller (pages, API, demo):

* only editors of the subject's owner attach and detach (`permissions.may_attach_subject_document`),
  and only while the subject is open;
* a new file goes through `documents.services.document_create`: owned by the subject's
  owner, shared with the department (`permissions.subject_department_ids`), checked there
  (size, type by content, duplicates); a confidential one is refused there with the
  message to use the secure channel, and nothing is stored;
* an existing document must be one the actor sees, owned by the subject's owner, and not
  a confidential record; an internal one is then shared with the department;
* the subject's `version` is checked (a stale page is refused, 409 on the API) and moves
  on; the subject's audit log records what was attached or detached, by whom;
* detaching removes only the link: the document stays in the register.

Everything in one transaction: a refusal stores nothing, no row and no file.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.documents import services as document_services
from phoihop.documents.models import Classification, Document
from phoihop.exchange.models import Subject
from phoihop.exchange.services._common import _denied, _error, _text
from phoihop.organisations.models import Organization


def _label(document: Document) -> str:
    return f"{document.number_symbol} — {document.title}" if document.number_symbol else document.title


def _check_may_act(actor, subject: Subject, expected_version: int) -> None:
    if actor is not None and not permissions.may_attach_subject_document(actor, subject):
        raise _denied(_("Chỉ cơ quan đăng ký vấn đề mới gửi kèm hoặc gỡ tài liệu của vấn đề."))
    if not subject.is_open:
        raise _error("__all__", _("Vấn đề đã kết thúc hoặc đã hủy, không thể thay đổi tài liệu."))
    if expected_version != subject.version:
        raise StaleVersionError()


def _departments(subject: Subject) -> list[Organization]:
    ids = permissions.subject_department_ids(subject)
    return [party.organization for party in subject.program.parties.all() if party.organization_id in ids]


def _share_with(actor, document: Document, organizations: list[Organization]) -> None:
    """Share the owner's internal document with the department (if not yet)."""
    if document.classification == Classification.PUBLIC:
        return
    current = list(document.shares.select_related("organization"))
    have = {share.organization_id for share in current}
    missing = [org for org in organizations if org.pk not in have and org.pk != document.owner_id]
    if missing:
        document_services.document_share(
            actor=actor,
            document=document,
            organizations=[share.organization for share in current] + missing,
            expected_version=document.version,
        )


def _check_existing(actor, subject: Subject, document: Document) -> None:
    if actor is not None and not permissions.visible_documents(actor).filter(pk=document.pk).exists():
        raise _error("document", _("Không tìm thấy tài liệu."))
    if document.is_confidential:
        raise _error("document", document_services.msg_confidential())
    if document.owner_id != subject.owner_id:
        raise _error(
            "document",
            _("“%(title)s” không phải tài liệu của %(org)s; chỉ gửi kèm tài liệu của cơ quan đăng ký vấn đề.")
            % {"title": document.title, "org": subject.owner.name},
        )
    if subject.documents.filter(pk=document.pk).exists():
        raise _error("document", _("Tài liệu “%(title)s” đã có trong vấn đề này.") % {"title": document.title})


def subject_attach_document(
    *,
    actor,
    subject: Subject,
    expected_version: int,
    file=None,
    document: Document | None = None,
    title: str = "",
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    issuer: str = "",
    classification: str = Classification.INTERNAL,
) -> Document:
    """Attach a new file (a new document of the subject's owner, shared with the
    department) or an existing document of the owner to `subject`. Returns the document.
    Refused with a ValidationError naming the field ("file", "document", "title"…), a
    PermissionDenied for whoever may not, a StaleVersionError on a stale `expected_version`."""
    _check_may_act(actor, subject, expected_version)
    if (file is None) == (document is None):
        raise _error("file", _("Hãy chọn tệp cần tải lên hoặc một tài liệu đã có của cơ quan."))
    if document is not None:
        _check_existing(actor, subject, document)
    departments = _departments(subject)
    stored: list[str] = []
    try:
        with transaction.atomic():
            # The conditional UPDATE holds the subject's row: of two people attaching from
            # the same page, the second is stale.
            save_versioned(subject, expected_version=expected_version, fields=["updated_at"])
            if document is None:
                name = (getattr(file, "name", "") or "").rsplit("/", 1)[-1]
                document = document_services.document_create(
                    actor=actor,
                    owner=subject.owner,
                    title=_text(title) or name[:500] or _("Tài liệu của vấn đề"),
                    number_symbol=number_symbol,
                    issued_on=issued_on,
                    issuer=issuer,
                    summary=subject.title,
                    classification=classification,
                    file=file,
                    shared_with=departments,
                )
                stored.extend(document.versions.values_list("file", flat=True))
            else:
                _share_with(actor, document, departments)
            subject.documents.add(document)
            audit.record(
                actor=actor,
                action=AuditEntry.Action.EVENT,
                event="document_attached",
                target=subject,
                changes={"documents": [None, _label(document)]},
                message=_("Gửi kèm tài liệu “%(document)s”.") % {"document": _label(document)},
            )
    except BaseException:
        _remove_files(stored)
        raise
    return document


@transaction.atomic
def subject_detach_document(*, actor, subject: Subject, document: Document, expected_version: int) -> None:
    """Remove `document` from `subject`. The document stays in the owner's register (and
    shared as it was): only the link goes."""
    _check_may_act(actor, subject, expected_version)
    if not subject.documents.filter(pk=document.pk).exists():
        raise _error("document", _("Tài liệu này không có trong vấn đề."))
    save_versioned(subject, expected_version=expected_version, fields=["updated_at"])
    subject.documents.remove(document)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="document_detached",
        target=subject,
        changes={"documents": [_label(document), None]},
        message=_("Gỡ tài liệu “%(document)s” khỏi vấn đề (tài liệu vẫn được lưu).") % {"document": _label(document)},
    )


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)
