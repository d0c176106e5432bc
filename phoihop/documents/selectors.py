"""Reads of documents and incoming registers, scoped to the user. `DocumentFilter` is the
one filter definition shared by the list page and the API list; `documents_for_user` is
what other apps (information provisions, subjects, invitations) read documents through."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.documents.models import Document, DocumentShare, DocumentVersion, IncomingEntry
from phoihop.organisations.models import Organization


def _not_found():
    return Http404(_("Không tìm thấy."))


# --- documents -----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentFilter:
    q: str | None = None
    classification: str | None = None
    owner: int | None = None
    year: int | None = None
    shared_with_me: bool = False


def documents_for_user(user):
    """Every document the user may see, owner loaded (for other apps to narrow down)."""
    return permissions.visible_documents(user).select_related("owner")


def document_list(user, filters: DocumentFilter = DocumentFilter()):
    qs = documents_for_user(user).annotate(version_count=Count("versions"))
    if filters.classification:
        qs = qs.filter(classification=filters.classification)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.shared_with_me:
        ids = list(permissions.principal(user).organization_ids)
        qs = qs.filter(pk__in=DocumentShare.objects.filter(organization_id__in=ids).values("document_id"))
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-year", "sort_name", "id")


def get_document_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Document:
    """404 unless the user may see the document; 403 if they see it but may not `action`."""
    document = Document.objects.select_related("owner", "created_by").filter(pk=pk).first()
    if document is None:
        raise _not_found()
    permissions.check(user, action, document)
    return document


def get_version_for_user(user, pk: int) -> DocumentVersion:
    """A stored file, checked through its document: 404 for whoever may not see it."""
    version = DocumentVersion.objects.select_related("document", "document__owner").filter(pk=pk).first()
    if version is None:
        raise _not_found()
    permissions.check(user, permissions.Action.VIEW, version.document)
    return version


def document_versions(document: Document):
    return document.versions.select_related("uploaded_by").order_by("-number")


def document_shares(document: Document):
    return document.shares.select_related("organization").order_by("organization__sort_name", "id")


def document_detail(user, document: Document) -> dict:
    """What the document page shows besides the document: one query each for its
    versions, shares and the register entries the user may see."""
    return {
        "versions": list(document_versions(document)),
        "shares": list(document_shares(document)),
        "incoming_entries": list(
            permissions.visible_incoming_entries(user, document.incoming_entries.all())
            .select_related("receiving_organization", "sender_organization")
            .order_by("received_on", "id")
        ),
    }


def owner_choices(user) -> list[tuple[int, str]]:
    """Owners to filter by: the organisations owning documents the user sees (≤ 500)."""
    visible = permissions.visible_documents(user).values("owner_id")
    return list(Organization.objects.filter(pk__in=visible).order_by("sort_name", "id").values_list("pk", "name")[:500])


# --- the incoming register -----------------------------------------------------------


def get_register_organization_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Organization:
    """The organisation whose register is asked for: 404 unless the user may read it,
    403 if they read it but may not register (`action` other than VIEW)."""
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None:
        raise _not_found()
    access = permissions.incoming_register_access(user, organization)
    if access is permissions.Access.NONE:
        raise _not_found()
    if action != permissions.Action.VIEW and access < permissions.Access.EDIT:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    return organization


def incoming_entries(organization: Organization, year: int, user=None):
    """The register of one organisation for one year, newest number first (the caller
    has checked the user may read it). With `user`, each entry says whether that user may
    see its document (`document_visible`): a reader of the register (an upper level) does
    not thereby read the documents shared with the organisation."""
    entries = (
        IncomingEntry.objects.filter(receiving_organization=organization, year=year)
        .select_related("document", "sender_organization", "registered_by")
        .order_by("-number")
    )
    if user is not None:
        visible = permissions.visible_documents(user).filter(pk=OuterRef("document_id"))
        entries = entries.annotate(document_visible=Exists(visible))
    return entries


def registrable_documents(user, organization: Organization, limit: int = 500):
    """Documents the user sees that are shared with `organization` (or public), not yet
    in its register: what the "Vào sổ" form offers."""
    registered = IncomingEntry.objects.filter(receiving_organization=organization).values("document_id")
    shared = DocumentShare.objects.filter(organization=organization).values("document_id")
    return (
        permissions.visible_documents(user)
        .filter(pk__in=shared)
        .exclude(pk__in=registered)
        .select_related("owner")
        .order_by("-year", "sort_name", "id")[:limit]
    )


def register_organizations(user) -> list[Organization]:
    """The organisations whose register the user keeps or reads as a member."""
    return [membership.organization for membership in permissions.acting_memberships(user)]


def this_year() -> int:
    return timezone.localdate().year
