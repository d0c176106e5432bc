"""Every write to documents and the incoming register: one keyword-only function per
action, one transaction, audited. Views, API, other apps (information provisions,
subjects, invitations attach documents through `document_create`) and tests call these.

The rules live here, for every caller:

* an upload passes the product's one checker (phoihop.core.uploads: size, type by
  content, macros) and is not a file the owner already stores (same SHA-256);
* a confidential document (mật, tối mật, tuyệt mật) is never stored: with a file it is
  refused, with a message pointing to the secure channel; without one only the fact that
  it exists is recorded (number, date, issuer, level, "via the secure channel"), and it
  never gets a version;
* edits carry the version they started from; a stale one is refused, never merged;
* an incoming document gets the next number of the receiving organisation's register for
  the year, assigned in the same transaction and safe under concurrent registration.

Nothing is left behind when a rule refuses: no row, no file on disk.

Callers check permissions (phoihop.accounts.permissions) for the object acted on; the
services check that the actor edits for the owner or receiving organisation, since that
is what makes the record theirs (`actor=None` is the system: demo, imports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core import uploads
from phoihop.core.concurrency import save_versioned
from phoihop.documents.models import (
    Classification,
    Document,
    DocumentShare,
    DocumentVersion,
    IncomingEntry,
    SecrecyLevel,
)
from phoihop.organisations.models import Organization

DOCUMENT_FIELDS = ("title", "number_symbol", "issued_on", "issuer", "summary", "classification", "secrecy_level")
REGISTER_ATTEMPTS = 5


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def msg_confidential() -> str:
    return _(
        "Văn bản mật (mật, tối mật, tuyệt mật) không được tải lên hệ thống. Hãy chuyển văn bản qua kênh bảo mật "
        "(đường giao liên); hệ thống chỉ ghi nhận văn bản tồn tại: số, ký hiệu, ngày ban hành, cơ quan ban hành "
        "và độ mật."
    )


# --- checks shared by create and update ------------------------------------------------


def _check_edits_for(actor, organization: Organization, field: str) -> None:
    if actor is None:
        return
    if permissions.organization_access(actor, organization) < permissions.Access.EDIT:
        raise _error(field, _("Bạn chỉ có thể tạo và quản lý tài liệu của cơ quan mình."))


def _clean_facts(values: dict) -> dict:
    """Strip text, check lengths, dates and the classification with its level; return
    the values to store (secure_channel follows the classification)."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for name in ("title", "number_symbol", "issuer", "summary", "secrecy_level"):
        cleaned[name] = (cleaned.get(name) or "").strip()
    limits = {"title": 500, "number_symbol": 100, "issuer": 255}
    if not cleaned["title"]:
        errors["title"] = [_("Hãy nhập tên tài liệu.")]
    for name, limit in limits.items():
        if len(cleaned[name]) > limit:
            errors.setdefault(name, []).append(_("Tối đa %(n)s ký tự.") % {"n": limit})
    issued_on = cleaned.get("issued_on")
    if issued_on is not None and issued_on > timezone.localdate():
        errors["issued_on"] = [_("Ngày ban hành không thể ở tương lai.")]
    classification = cleaned.get("classification") or Classification.INTERNAL
    if classification not in Classification.values:
        errors["classification"] = [_("Phân loại không hợp lệ.")]
    cleaned["classification"] = classification
    if classification == Classification.CONFIDENTIAL:
        if cleaned["secrecy_level"] not in SecrecyLevel.values:
            errors["secrecy_level"] = [_("Hãy chọn độ mật: mật, tối mật hoặc tuyệt mật.")]
        if not cleaned["number_symbol"]:
            errors["number_symbol"] = [_("Văn bản mật: hãy ghi số, ký hiệu để ghi nhận văn bản tồn tại.")]
        if issued_on is None and "issued_on" not in errors:
            errors["issued_on"] = [_("Văn bản mật: hãy ghi ngày ban hành.")]
        if not cleaned["issuer"]:
            errors["issuer"] = [_("Văn bản mật: hãy ghi cơ quan ban hành.")]
        if cleaned["summary"]:
            errors["summary"] = [_("Không ghi trích yếu nội dung văn bản mật vào hệ thống.")]
        cleaned["secure_channel"] = True
    elif cleaned["secrecy_level"]:
        # A secrecy level makes a document confidential whatever else was chosen: never
        # drop it silently and store the file as internal.
        errors["secrecy_level"] = [
            _("Văn bản có độ mật (mật, tối mật, tuyệt mật) là văn bản mật: hãy chọn phân loại “Mật”.")
        ]
    else:
        cleaned["secure_channel"] = False
    if errors:
        raise ValidationError(errors)
    return cleaned


def _shares(owner: Organization, organizations: Iterable[Organization]) -> list[Organization]:
    """The organisations to share with: distinct, not the owner, in the order given."""
    result, seen = [], {owner.pk}
    for organization in organizations or ():
        if organization is not None and organization.pk not in seen:
            seen.add(organization.pk)
            result.append(organization)
    return result


def _duplicate_error(version: DocumentVersion) -> ValidationError:
    document = version.document
    name = f"{document.number_symbol} — {document.title}" if document.number_symbol else document.title
    return _error(
        "file",
        _("Tệp này đã có trong tài liệu “%(document)s” (phiên bản %(n)s) của cơ quan; không tải lên lần nữa.")
        % {"document": name, "n": version.number},
    )


def _check_not_stored(owner: Organization, sha256: str) -> None:
    existing = (
        DocumentVersion.objects.filter(owner=owner, sha256=sha256)
        .select_related("document")
        .only("number", "document__title", "document__number_symbol")
        .first()
    )
    if existing is not None:
        raise _duplicate_error(existing)


def _store_version(*, actor, document: Document, checked: uploads.CheckedUpload, number: int, note: str):
    version = DocumentVersion(
        document=document,
        owner_id=document.owner_id,
        number=number,
        original_name=checked.original_name,
        size=checked.size,
        kind=checked.kind,
        content_type=checked.content_type,
        sha256=checked.sha256,
        note=(note or "").strip()[:500],
        uploaded_by=actor if _is_user(actor) else None,
    )
    version.file.save(checked.stored_name, ContentFile(checked.data), save=False)
    version.save()
    return version


def _discard(version: DocumentVersion | None) -> None:
    if version is not None and version.file.name:
        version.file.storage.delete(version.file.name)


def _refuse_concurrent_duplicate(owner: Organization, sha256: str, exc: IntegrityError):
    """An IntegrityError while storing: the same file stored a moment earlier by somebody
    else (document_version_unique_content) reads as the duplicate it is."""
    existing = DocumentVersion.objects.filter(owner=owner, sha256=sha256).select_related("document").first()
    if existing is not None:
        raise _duplicate_error(existing) from exc
    raise exc


def _version_label(version: DocumentVersion) -> str:
    return f"{version.number}: {version.original_name}"


# --- documents -----------------------------------------------------------------------


def document_create(
    *,
    actor,
    owner: Organization,
    title: str,
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    issuer: str = "",
    summary: str = "",
    classification: str = Classification.INTERNAL,
    secrecy_level: str = "",
    file=None,
    note: str = "",
    shared_with: Iterable[Organization] = (),
) -> Document:
    """Create a document of `owner`, shared with `shared_with`, with its first version
    from `file` — or, for a confidential document, only the record that it exists.

    The function other apps call to attach documents (information provisions, subjects,
    invitations). Refused with a ValidationError naming the field, and nothing stored,
    when a rule fails; a confidential document with a file is refused on "file".
    """
    if owner is None:
        raise _error("owner", _("Hãy chọn cơ quan sở hữu tài liệu."))
    _check_edits_for(actor, owner, "owner")
    if (classification == Classification.CONFIDENTIAL or secrecy_level) and file is not None:
        raise _error("file", msg_confidential())
    facts = _clean_facts(
        {
            "title": title,
            "number_symbol": number_symbol,
            "issued_on": issued_on,
            "issuer": issuer,
            "summary": summary,
            "classification": classification,
            "secrecy_level": secrecy_level,
        }
    )
    checked = None
    if facts["classification"] != Classification.CONFIDENTIAL:
        checked = uploads.check_file(file)
        _check_not_stored(owner, checked.sha256)
    day = facts["issued_on"] or timezone.localdate()
    document = Document(owner=owner, year=day.year, created_by=actor if _is_user(actor) else None, **facts)
    version = None
    try:
        with transaction.atomic():
            document.save()
            DocumentShare.objects.bulk_create(
                [
                    DocumentShare(document=document, organization=organization, shared_by=document.created_by)
                    for organization in _shares(owner, shared_with)
                ]
            )
            if checked is not None:
                version = _store_version(actor=actor, document=document, checked=checked, number=1, note=note)
            audit.record_create(actor=actor, target=document)
            if version is not None:
                _record_version(actor, document, version)
    except IntegrityError as exc:
        _discard(version)
        if checked is None:
            raise
        _refuse_concurrent_duplicate(owner, checked.sha256, exc)
    except BaseException:
        _discard(version)
        raise
    return document


def _record_version(actor, document: Document, version: DocumentVersion) -> None:
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="version_added",
        target=document,
        changes={"file_version": [None, _version_label(version)]},
        message=_("Tải lên phiên bản %(n)s “%(name)s”") % {"n": version.number, "name": version.original_name},
    )


def document_update(*, actor, document: Document, expected_version: int, **values) -> Document:
    """Change the facts of a document (title, number, date, issuer, summary, and its
    classification between public and internal, or the level of a confidential record).
    A document with files cannot become confidential, nor a confidential record stop
    being one: that is a different document."""
    unknown = set(values) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"document_update: unknown fields {sorted(unknown)}")
    _check_edits_for(actor, document.owner, "owner")
    merged = {name: values.get(name, getattr(document, name)) for name in DOCUMENT_FIELDS}
    becomes_confidential = merged["classification"] == Classification.CONFIDENTIAL
    if becomes_confidential and not document.is_confidential:
        if document.versions.exists():
            raise _error("classification", msg_confidential())
        raise _error(
            "classification",
            _("Không chuyển tài liệu đã có thành văn bản mật; hãy ghi nhận văn bản mật thành một tài liệu riêng."),
        )
    if document.is_confidential and not becomes_confidential:
        raise _error("classification", _("Văn bản mật được giữ nguyên phân loại."))
    facts = _clean_facts(merged)
    before = audit.snapshot(document)
    for name, value in facts.items():
        setattr(document, name, value)
    if facts["issued_on"] is not None:
        document.year = facts["issued_on"].year
    with transaction.atomic():
        save_versioned(document, expected_version=expected_version, fields=[*DOCUMENT_FIELDS, "secure_channel", "year"])
        audit.record_update(actor=actor, target=document, before=before)
    return document


def document_add_version(*, actor, document: Document, file, expected_version: int, note: str = "") -> DocumentVersion:
    """A new file for a document: the next version number. Refused for a confidential
    record (never a file) and from a stale version of the document."""
    _check_edits_for(actor, document.owner, "owner")
    if document.is_confidential:
        raise _error("file", msg_confidential())
    checked = uploads.check_file(file)
    _check_not_stored(document.owner, checked.sha256)
    version = None
    try:
        with transaction.atomic():
            # The conditional UPDATE holds the document's row until commit, so two people
            # adding a version at once get 1 and 2, or the later one a stale refusal.
            save_versioned(document, expected_version=expected_version, fields=["updated_at"])
            number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = _store_version(actor=actor, document=document, checked=checked, number=number, note=note)
            _record_version(actor, document, version)
    except IntegrityError as exc:
        _discard(version)
        _refuse_concurrent_duplicate(document.owner, checked.sha256, exc)
    except BaseException:
        _discard(version)
        raise
    return version


def document_share(
    *, actor, document: Document, organizations: Iterable[Organization], expected_version: int
) -> Document:
    """Share the document with exactly these organisations (adding and removing)."""
    _check_edits_for(actor, document.owner, "owner")
    wanted = {organization.pk: organization for organization in _shares(document.owner, organizations)}
    before = audit.snapshot(document, ["shared_with"])
    with transaction.atomic():
        save_versioned(document, expected_version=expected_version, fields=["updated_at"])
        current = set(document.shares.values_list("organization_id", flat=True))
        document.shares.exclude(organization_id__in=list(wanted)).delete()
        DocumentShare.objects.bulk_create(
            [
                DocumentShare(
                    document=document, organization=organization, shared_by=actor if _is_user(actor) else None
                )
                for pk, organization in wanted.items()
                if pk not in current
            ]
        )
        changes = audit.diff(before, audit.snapshot(document, ["shared_with"]))
        if changes:
            audit.record(actor=actor, action=AuditEntry.Action.UPDATE, target=document, changes=changes)
    return document


def version_open(*, actor, version: DocumentVersion):
    """Open a stored file for reading and record who downloaded which version, for which
    organisation (the audit context). Raises FileNotFoundError, nothing recorded, when
    the file is missing from storage."""
    handle = version.file.storage.open(version.file.name, "rb")
    try:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="download",
            target=version.document,
            changes={"file_version": [None, _version_label(version)]},
            message=_("Tải về phiên bản %(n)s “%(name)s”") % {"n": version.number, "name": version.original_name},
        )
    except BaseException:
        handle.close()
        raise
    return handle


# --- the incoming register -----------------------------------------------------------


def incoming_register(
    *,
    actor,
    receiving_organization: Organization,
    document: Document,
    received_on: dt.date,
    sender_organization: Organization | None = None,
    sender_name: str = "",
    note: str = "",
) -> IncomingEntry:
    """Enter a received document in `receiving_organization`'s register: the next number
    of that organisation's register for the year it was received. The sender defaults to
    the document's owner."""
    if receiving_organization is None:
        raise _error("receiving_organization", _("Hãy chọn cơ quan nhận."))
    _check_edits_for(actor, receiving_organization, "receiving_organization")
    errors: dict[str, list[str]] = {}
    if document is None:
        errors["document"] = [_("Hãy chọn tài liệu cần vào sổ.")]
    if received_on is None:
        errors["received_on"] = [_("Hãy nhập ngày đến.")]
    elif received_on > timezone.localdate():
        errors["received_on"] = [_("Ngày đến không thể ở tương lai.")]
    elif document is not None and document.issued_on and received_on < document.issued_on:
        errors["received_on"] = [_("Ngày đến không thể trước ngày ban hành của văn bản.")]
    sender_name = (sender_name or "").strip()
    if len(sender_name) > 255:
        errors["sender_name"] = [_("Tối đa %(n)s ký tự.") % {"n": 255}]
    if errors:
        raise ValidationError(errors)
    existing = IncomingEntry.objects.filter(receiving_organization=receiving_organization, document=document).first()
    if existing is not None:
        raise _already_registered(existing)
    if sender_organization is None and not sender_name:
        sender_organization = document.owner
    entry = IncomingEntry(
        receiving_organization=receiving_organization,
        year=received_on.year,
        document=document,
        received_on=received_on,
        sender_organization=sender_organization,
        sender_name="" if sender_organization is not None else sender_name,
        note=(note or "").strip()[:500],
        registered_by=actor if _is_user(actor) else None,
    )
    with transaction.atomic():
        _assign_number(entry)
        audit.record_create(
            actor=actor,
            target=entry,
            message=_("Vào sổ văn bản đến số %(n)s/%(year)s") % {"n": entry.number, "year": entry.year},
        )
    return entry


def _already_registered(entry: IncomingEntry) -> ValidationError:
    return _error(
        "document",
        _("Tài liệu này đã được vào sổ văn bản đến của cơ quan với số %(n)s/%(year)s.")
        % {"n": entry.number, "year": entry.year},
    )


def _assign_number(entry: IncomingEntry) -> None:
    """The next number of the register, saved: read the highest, insert the next in a
    savepoint; if somebody took it meanwhile (the unique constraint), read again and
    retry. On SQLite writers are serialised (IMMEDIATE transactions); on PostgreSQL the
    losing insert waits for the winner's commit, fails, and the next read sees it."""
    register = IncomingEntry.objects.filter(receiving_organization=entry.receiving_organization, year=entry.year)
    for attempt in range(REGISTER_ATTEMPTS):
        entry.number = (register.aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                entry.save()
            return
        except IntegrityError:
            taken = IncomingEntry.objects.filter(
                receiving_organization=entry.receiving_organization, document=entry.document
            ).first()
            if taken is not None:
                raise _already_registered(taken) from None
            if attempt == REGISTER_ATTEMPTS - 1:
                raise
            entry.pk = None
