"""The documents API: /documents/ (list, fetch, create with a multipart upload, edit,
versions, share, download) and /documents/register (the incoming register).

Thin on purpose: reads through the selectors (the list filter is selectors.DocumentFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors (the confidential refusal
included). Every download is checked and written to the audit log.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core import uploads
from phoihop.core.api import Pagination, error_responses
from phoihop.documents import selectors, services
from phoihop.documents.models import Document
from phoihop.documents.schemas import (
    DocumentCreateIn,
    DocumentDetailOut,
    DocumentFilterIn,
    DocumentOut,
    DocumentPatch,
    IncomingEntryOut,
    IncomingIn,
    ShareIn,
    VersionIn,
    VersionOut,
)
from phoihop.organisations.models import Organization

router = Router(tags=["Tài liệu"])

BINARY_DOWNLOAD = {
    "responses": {
        "200": {
            "description": "Tệp (Content-Disposition: attachment).",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _organizations(user, field: str, ids: list[int]) -> list[Organization]:
    """Organisations the user may name (those visible in the registry), in order; 422 on
    the field for any other id."""
    wanted = list(dict.fromkeys(ids))
    found = permissions.visible_organizations(user).in_bulk(wanted)
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError(
            {field: [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]}
        )
    return [found[pk] for pk in wanted]


def _detail(user, document_id: int) -> Document:
    document = selectors.get_document_for_user(user, document_id)
    document.detail_data = selectors.document_detail(user, document)
    return document


@router.get("/", response={200: list[DocumentOut], **error_responses(401, 422)}, summary="Danh sách tài liệu")
@paginate(Pagination)
def document_list(request: HttpRequest, filters: Query[DocumentFilterIn]):
    """The documents the user may see: public ones, their organisations' own and those
    shared with them, and for an upper level the documents of the levels below. `q`
    ignores diacritics."""
    return selectors.document_list(request.auth, selectors.DocumentFilter(**filters.model_dump()))


@router.get(
    "/{int:document_id}", response={200: DocumentDetailOut, **error_responses(401, 404)}, summary="Một tài liệu"
)
def document_detail(request: HttpRequest, document_id: int):
    """With its versions (newest first, each with its `download_url`) and shares."""
    return _detail(request.auth, document_id)


@router.post("/", response={201: DocumentDetailOut, **error_responses(401, 403, 404, 422)}, summary="Tải lên tài liệu")
def document_create(request: HttpRequest, payload: Form[DocumentCreateIn], file: File[UploadedFile] = None):
    """multipart/form-data: the fields and `file`. The type is decided by the content (PDF,
    Word, Excel, PowerPoint, OpenDocument, JPEG/PNG, UTF-8 text), within the size limit,
    not a file the owner already stores. A confidential document (`classification`
    "confidential") is never stored: sent with a file it is refused (422 on `file`);
    without one only its existence is recorded (number, date, issuer, `secrecy_level`)."""
    user = request.auth
    permissions.check(user, Action.CREATE, Document)
    values = payload.model_dump()
    owner = Organization.objects.filter(pk=values.pop("owner")).first()
    if owner is None:
        raise ValidationError({"owner": [_("Không tìm thấy cơ quan.")]})
    shared = _organizations(user, "shared_with", values.pop("shared_with"))
    document = services.document_create(actor=user, owner=owner, file=file, shared_with=shared, **values)
    return Status(201, _detail(user, document.pk))


@router.patch(
    "/{int:document_id}",
    response={200: DocumentDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa tài liệu",
)
def document_update(request: HttpRequest, document_id: int, payload: DocumentPatch):
    """Only the fields sent change. Send the `version` you read (409 if someone saved in between)."""
    user = request.auth
    document = selectors.get_document_for_user(user, document_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    services.document_update(actor=user, document=document, expected_version=values.pop("version"), **values)
    return _detail(user, document.pk)


@router.post(
    "/{int:document_id}/versions",
    response={201: VersionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Thêm phiên bản",
)
def version_create(request: HttpRequest, document_id: int, payload: Form[VersionIn], file: File[UploadedFile] = None):
    """multipart/form-data: `file`, the document's `version` you read, an optional `note`.
    Never for a confidential record; editors of the owner only."""
    user = request.auth
    document = selectors.get_document_for_user(user, document_id, Action.CHANGE)
    version = services.document_add_version(
        actor=user, document=document, file=file, expected_version=payload.version, note=payload.note
    )
    return Status(201, version)


@router.put(
    "/{int:document_id}/shares",
    response={200: DocumentDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chia sẻ tài liệu",
)
def document_share(request: HttpRequest, document_id: int, payload: ShareIn):
    """The organisations the document is shared with, as a whole (adding and removing)."""
    user = request.auth
    document = selectors.get_document_for_user(user, document_id, Action.CHANGE)
    organizations = _organizations(user, "organizations", payload.organizations)
    services.document_share(
        actor=user, document=document, organizations=organizations, expected_version=payload.version
    )
    return _detail(user, document.pk)


@router.get(
    "/versions/{version_id}/download",
    response={**error_responses(401, 404)},
    url_name="document_version_download",
    summary="Tải về một phiên bản",
    openapi_extra=BINARY_DOWNLOAD,
)
def version_download(request: HttpRequest, version_id: int):
    """The file itself, as an attachment; every download is recorded in the audit log."""
    user = request.auth
    version = selectors.get_version_for_user(user, version_id)
    try:
        handle = services.version_open(actor=user, version=version)
    except FileNotFoundError as exc:
        raise Http404 from exc
    return uploads.download_response(handle, content_type=version.content_type, name=version.original_name)


# --- the incoming register -----------------------------------------------------------


@router.get(
    "/register/{organization_id}/{year}",
    response={200: list[IncomingEntryOut], **error_responses(401, 404, 422)},
    summary="Sổ văn bản đến của một cơ quan trong năm",
)
@paginate(Pagination)
def register_list(request: HttpRequest, organization_id: int, year: int):
    """Newest number first. Members of the organisation and the levels above read it."""
    organization = selectors.get_register_organization_for_user(request.auth, organization_id)
    return selectors.incoming_entries(organization, year).select_related("receiving_organization")


@router.post(
    "/register",
    response={201: IncomingEntryOut, **error_responses(401, 403, 404, 422)},
    summary="Vào sổ văn bản đến",
)
def register_create(request: HttpRequest, payload: IncomingIn):
    """The next number of the receiving organisation's register for the year received.
    Editors of the receiving organisation only; the document must be one they see."""
    user = request.auth
    receiver = selectors.get_register_organization_for_user(user, payload.receiving_organization, Action.CREATE)
    document = selectors.documents_for_user(user).filter(pk=payload.document).first()
    if document is None:
        raise ValidationError({"document": [_("Không tìm thấy tài liệu.")]})
    sender = None
    if payload.sender_organization is not None:
        sender = _organizations(user, "sender_organization", [payload.sender_organization])[0]
    entry = services.incoming_register(
        actor=user,
        receiving_organization=receiver,
        document=document,
        received_on=payload.received_on,
        sender_organization=sender,
        sender_name=payload.sender_name,
        note=payload.note,
    )
    return Status(201, entry)
