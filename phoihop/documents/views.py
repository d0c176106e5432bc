"""Pages of documents and incoming registers. Reads go through selectors, writes through
services, and every access through `phoihop.accounts.permissions`: strangers get 404,
readers who may not act get 403, a refused write changes nothing and shows why. Files
are served only by `version_download`, never from MEDIA_URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core import uploads
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.params import parse_id
from phoihop.documents import selectors, services
from phoihop.documents.forms import (
    DocumentEditForm,
    DocumentFilterForm,
    DocumentForm,
    IncomingForm,
    ShareForm,
    VersionForm,
    attach_errors,
    editor_choices,
    share_choices,
)
from phoihop.documents.models import Document

NAV = "documents"


# --- list ----------------------------------------------------------------------------


@login_required
def document_list(request):
    form = DocumentFilterForm(request.GET, owners=selectors.owner_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.document_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.DocumentFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, Document),
    }
    return render_page_or_partial(
        request, page="documents/document_list.html", partial="documents/_document_results.html", context=context
    )


# --- create and edit -----------------------------------------------------------------


@login_required
def document_create(request):
    permissions.check(request.user, Action.CREATE, Document)
    owners = editor_choices(request.user)
    kwargs = {"owners": owners, "organizations": share_choices(request.user)}
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                document = services.document_create(actor=request.user, **form.service_values())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                if document.is_confidential:
                    messages.success(request, _("Đã ghi nhận văn bản mật (không lưu tệp)."))
                else:
                    messages.success(request, _("Đã tải lên tài liệu %(title)s.") % {"title": document.title})
                return redirect("documents:detail", pk=document.pk)
    else:
        acting = getattr(request, "acting_organization", None)
        initial = {"owner": acting.pk} if acting is not None and acting.pk in dict(owners) else {}
        form = DocumentForm(initial=initial, **kwargs)
    return render(request, "documents/document_form.html", {"nav_active": NAV, "form": form, "document": None})


@login_required
def document_edit(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = DocumentEditForm(request.POST)
        if form.is_valid():
            try:
                services.document_update(
                    actor=request.user,
                    document=document,
                    expected_version=form.cleaned_data["version"],
                    **form.facts(),
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của tài liệu."))
                return redirect("documents:detail", pk=document.pk)
            document.refresh_from_db()
    else:
        form = DocumentEditForm(initial=DocumentEditForm.initial_for(document))
    return render(request, "documents/document_form.html", {"nav_active": NAV, "form": form, "document": document})


# --- the document page ---------------------------------------------------------------


def _document_page(request, document: Document, *, version_form=None, share_form=None, status: int = 200):
    can_change = permissions.can(request.user, Action.CHANGE, document)
    detail = selectors.document_detail(request.user, document)
    if can_change and not document.is_confidential and version_form is None:
        version_form = VersionForm(initial={"version": document.version})
    context = {
        "nav_active": NAV,
        "document": document,
        **detail,
        "can_change": can_change,
        "version_form": version_form if can_change and not document.is_confidential else None,
        "share_form": share_form,
        "register_organizations": [
            org
            for org in selectors.register_organizations(request.user)
            if org.pk in {share.organization_id for share in detail["shares"]}
            and org.pk not in {entry.receiving_organization_id for entry in detail["incoming_entries"]}
            and org.pk in permissions.principal(request.user).editor_organization_ids
        ],
        "this_year": timezone.localdate().year,
    }
    return render(request, "documents/document_detail.html", context, status=status)


@login_required
def document_detail(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk)
    return _document_page(request, document)


@login_required
def document_history(request, pk: int):
    """The document's history (changes, versions, every download): loaded into the page
    when scrolled to (HTMX), or as a page of its own without JavaScript."""
    document = selectors.get_document_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="documents/document_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "document": document, "history": history_for(document, limit=200)},
    )


@login_required
def version_create(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk, Action.CHANGE)
    if request.method != "POST":
        return redirect(reverse("documents:detail", args=[pk]) + "#versions")
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_add_version(
                actor=request.user,
                document=document,
                file=form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:  # a stale version too (StaleVersionError)
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã tải lên phiên bản %(n)s.") % {"n": version.number})
            return redirect(reverse("documents:detail", args=[pk]) + "#versions")
        document.refresh_from_db()
    return _document_page(request, document, version_form=form)


@login_required
def document_share(request, pk: int):
    document = selectors.get_document_for_user(request.user, pk, Action.CHANGE)
    current = [share.organization for share in selectors.document_shares(document)]
    choices = share_choices(request.user)
    known = {pk for pk, _name in choices}
    organizations = choices + [(org.pk, org.name) for org in current if org.pk not in known]
    if request.method == "POST":
        form = ShareForm(request.POST, organizations=organizations)
        if form.is_valid():
            try:
                services.document_share(
                    actor=request.user,
                    document=document,
                    organizations=form.organizations(),
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã cập nhật các cơ quan được chia sẻ."))
                return redirect(reverse("documents:detail", args=[pk]) + "#shares")
    else:
        form = ShareForm(
            initial={"shared_with": [org.pk for org in current], "version": document.version},
            organizations=organizations,
        )
    return render(request, "documents/share_form.html", {"nav_active": NAV, "form": form, "document": document})


@login_required
@require_GET
def version_download(request, pk: int):
    """Every download: VIEW on the document checked, an audit row, the file streamed as
    an attachment with the content type decided at upload."""
    version = selectors.get_version_for_user(request.user, pk)
    try:
        handle = services.version_open(actor=request.user, version=version)
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    return uploads.download_response(handle, content_type=version.content_type, name=version.original_name)


# --- the incoming register -----------------------------------------------------------


@login_required
def register_home(request):
    """The register of the organisation the user acts for, this year."""
    acting = getattr(request, "acting_organization", None)
    organizations = selectors.register_organizations(request.user)
    organization = acting or (organizations[0] if organizations else None)
    if organization is None:
        raise Http404(_("Không tìm thấy."))
    return redirect("documents:register", organization=organization.pk, year=timezone.localdate().year)


@login_required
def register(request, organization: int, year: int):
    writing = request.method == "POST"
    receiver = selectors.get_register_organization_for_user(
        request.user, organization, Action.CREATE if writing else Action.VIEW
    )
    can_register = permissions.incoming_register_access(request.user, receiver) >= permissions.Access.EDIT
    form = None
    if can_register:
        documents = list(selectors.registrable_documents(request.user, receiver))
        wanted = parse_id(request.POST.get("document") if writing else request.GET.get("document"))
        if wanted and wanted not in {d.pk for d in documents}:
            documents += list(selectors.documents_for_user(request.user).filter(pk=wanted))
        choices = [(d.pk, f"{d.number_symbol} — {d.title}" if d.number_symbol else d.title) for d in documents]
        if writing:
            form = IncomingForm(request.POST, documents=choices)
            if form.is_valid():
                data = form.cleaned_data
                document = next(d for d in documents if d.pk == data["document"])
                try:
                    entry = services.incoming_register(
                        actor=request.user,
                        receiving_organization=receiver,
                        document=document,
                        received_on=data["received_on"],
                        sender_name=data["sender_name"],
                        note=data["note"],
                    )
                except ValidationError as error:
                    attach_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Đã vào sổ văn bản đến số %(n)s/%(year)s.") % {"n": entry.number, "year": entry.year},
                    )
                    return redirect("documents:register", organization=receiver.pk, year=entry.year)
        else:
            initial = {"received_on": timezone.localdate()}
            if wanted:
                initial["document"] = wanted
            form = IncomingForm(initial=initial, documents=choices)
    page = paginate(request, selectors.incoming_entries(receiver, year, request.user))
    context = {
        "nav_active": NAV,
        "organization": receiver,
        "year": year,
        "years": [year - 1, year + 1],
        "page": page,
        "form": form,
        "organizations": selectors.register_organizations(request.user),
    }
    return render_page_or_partial(
        request, page="documents/register.html", partial="documents/_register_rows.html", context=context
    )
