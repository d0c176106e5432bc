"""Pages of information provision. Reads go through selectors, writes through services,
and every access through `phoihop.accounts.permissions`: strangers get 404, readers who
may not act get 403, a refused write changes nothing and shows why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.documents.models import Document
from phoihop.organisations.models import Organization
from phoihop.programs.models import PartyRole, Program
from phoihop.programs.selectors import get_program_for_user
from phoihop.provisions import calendar, selectors, services
from phoihop.provisions.forms import CorrectionForm, ProvideForm, ProvisionFilterForm, attach_errors
from phoihop.provisions.models import InformationProvision

NAV = "provisions"
MAX_CHOICES = 500


# --- list ------------------------------------------------------------------------------------


def _filter_choices(user) -> dict:
    """Programmes and organisations of the provisions the user sees (≤ 500 each, two queries)."""
    visible = permissions.visible_provisions(user).order_by()
    programs = list(
        Program.objects.filter(pk__in=visible.values("program_id"))
        .order_by("-start_year", "sort_name", "id")
        .values_list("pk", "title")[:MAX_CHOICES]
    )
    organizations = list(
        Organization.objects.filter(Q(pk__in=visible.values("provider_id")) | Q(pk__in=visible.values("receiver_id")))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )
    return {"programs": programs, "organizations": organizations}


@login_required
def provision_list(request):
    form = ProvisionFilterForm(request.GET, **_filter_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.provision_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ProvisionFilter(),
        "matrix_program": filters.program,
        "this_year": filters.year or timezone.localdate().year,
        "can_create": permissions.can(request.user, Action.CREATE, InformationProvision),
    }
    return render_page_or_partial(
        request, page="provisions/provision_list.html", partial="provisions/_provision_results.html", context=context
    )


# --- provide -------------------------------------------------------------------------------


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _organizations(ids: list[int]) -> dict[int, Organization]:
    return Organization.objects.in_bulk([pk for pk in ids if pk is not None])


def _documents(user, provider_id: int | None) -> list[tuple[int, str]]:
    if not provider_id:
        return []
    return [
        (d.pk, f"{d.number_symbol} — {d.title}" if d.number_symbol else d.title)
        for d in selectors.provider_documents(user, provider_id)
    ]


@login_required
def provision_create(request):
    permissions.check(request.user, Action.CREATE, InformationProvision)
    source = request.POST if request.method == "POST" else request.GET
    program_id = _int(source.get("program"))
    if program_id is None:
        programs = list(selectors.provider_programs(request.user))
        if len(programs) == 1:
            return redirect(reverse("provisions:create") + f"?program={programs[0].pk}")
        return render(request, "provisions/choose_program.html", {"nav_active": NAV, "programs": programs})
    program = get_program_for_user(request.user, program_id)
    who = permissions.principal(request.user)
    parties = list(program.parties.all())
    providers = [
        (p.organization_id, p.organization.name)
        for p in parties
        if p.role == PartyRole.PARTNER and (who.is_admin or p.organization_id in who.editor_organization_ids)
    ]
    if not providers:
        raise PermissionDenied(_("Cơ quan của bạn không phải là cơ quan phối hợp của chương trình này."))
    receivers = [(p.organization_id, p.organization.name) for p in parties if p.role == PartyRole.LEAD]
    provider_id = _int(source.get("provider"))
    if provider_id not in dict(providers):
        provider_id = providers[0][0]
    periods = [(p.key, p.label) for p in selectors.open_periods(program, provider_id)]
    kwargs = {
        "providers": providers,
        "receivers": receivers,
        "periods": periods,
        "documents": _documents(request.user, provider_id),
    }
    if request.method == "POST":
        form = ProvideForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            year, number = form.period_values()
            found = _organizations([data["provider"], data["receiver"]])
            try:
                provision = services.provision_provide(
                    actor=request.user,
                    program=program,
                    provider=found.get(data["provider"]),
                    receiver=found.get(data["receiver"]),
                    kind=data["kind"],
                    content=data["content"],
                    year=year,
                    period=number,
                    incident_title=data["incident_title"],
                    incident_at=form.incident_at(),
                    documents=list(Document.objects.filter(pk__in=data["documents"])),
                    files=data["files"],
                    file_classification=data["file_classification"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã gửi thông tin %(subject)s.") % {"subject": provision.subject})
                return redirect("provisions:detail", pk=provision.pk)
    else:
        initial = {"provider": provider_id, "receiver": receivers[0][0] if receivers else None}
        if periods:
            initial["period"] = periods[0][0]
        elif program.info_frequency == Program.Frequency.NONE or not periods:
            initial["kind"] = InformationProvision.Kind.ADHOC
        if request.GET.get("kind") in InformationProvision.Kind.values:
            initial["kind"] = request.GET["kind"]
        form = ProvideForm(initial=initial, **kwargs)
    context = {"nav_active": NAV, "form": form, "program": program, "provider_id": provider_id}
    return render(request, "provisions/provision_form.html", context)


# --- one provision ----------------------------------------------------------------------------


def _provision_page(request, provision: InformationProvision, *, correction_form=None, status: int = 200):
    detail = selectors.provision_detail(request.user, provision)
    can_correct = permissions.can(request.user, Action.CHANGE, provision)
    context = {
        "nav_active": NAV,
        "provision": provision,
        **detail,
        "can_correct": can_correct,
        "can_acknowledge": permissions.may_acknowledge_provision(request.user, provision),
        "on_time": provision.is_on_time(),
        # information received can be the source of a hot issue of the receiving department
        "can_open_hot_issue": provision.receiver_id in permissions.hot_issue_manager_ids(request.user),
    }
    return render(request, "provisions/provision_detail.html", context, status=status)


@login_required
def provision_detail(request, pk: int):
    return _provision_page(request, selectors.get_provision_for_user(request.user, pk))


@login_required
def provision_history(request, pk: int):
    provision = selectors.get_provision_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="provisions/provision_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "provision": provision, "history": history_for(provision, limit=200)},
    )


@login_required
@require_POST
def provision_acknowledge(request, pk: int):
    """The read receipt: an HTMX button that swaps in the receipt, or a plain form post."""
    provision = selectors.get_provision_for_user(request.user, pk)
    if not permissions.may_acknowledge_provision(request.user, provision):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    provision, acknowledged = services.provision_acknowledge(actor=request.user, provision=provision)
    if not getattr(request, "htmx", False):
        if acknowledged:
            messages.success(request, _("Đã xác nhận đã nhận thông tin."))
        return redirect("provisions:detail", pk=provision.pk)
    provision = selectors.get_provision_for_user(request.user, pk)
    return render(
        request,
        "provisions/_acknowledgement.html",
        {"provision": provision, "can_acknowledge": True, "just_acknowledged": acknowledged},
    )


@login_required
def provision_correct(request, pk: int):
    provision = selectors.get_provision_for_user(request.user, pk, Action.CHANGE)
    kwargs = {"documents": _documents(request.user, provision.provider_id)}
    if request.method == "POST":
        form = CorrectionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                correction = services.provision_provide(
                    actor=request.user,
                    program=provision.program,
                    provider=provision.provider,
                    receiver=provision.receiver,
                    kind=provision.kind,
                    content=data["content"],
                    documents=list(Document.objects.filter(pk__in=data["documents"])),
                    files=data["files"],
                    file_classification=data["file_classification"],
                    corrects=provision,
                    corrects_version=data["version"],
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã gửi bản đính chính, bổ sung."))
                return redirect("provisions:detail", pk=correction.pk)
    else:
        form = CorrectionForm(initial={"version": provision.version}, **kwargs)
    return render(request, "provisions/correction_form.html", {"nav_active": NAV, "form": form, "provision": provision})


# --- the matrix -------------------------------------------------------------------------------


@login_required
def program_matrix_current(request, program: int):
    get_program_for_user(request.user, program)
    return redirect("provisions:matrix", program=program, year=timezone.localdate().year)


@login_required
def program_matrix(request, program: int, year: int):
    program_obj = get_program_for_user(request.user, program)
    if not 1900 <= year <= 2200:
        raise Http404(_("Không tìm thấy."))
    matrix = selectors.program_matrix(program_obj, year)
    context = {
        "nav_active": NAV,
        "program": program_obj,
        "matrix": matrix,
        "legend": matrix.legend(),
        "years": selectors.matrix_years(program_obj),
        "can_provide": any(
            row.provider.pk in permissions.principal(request.user).editor_organization_ids for row in matrix.rows
        ),
        "regime_none": program_obj.info_frequency not in calendar.PERIODS_PER_YEAR,
    }
    return render(request, "provisions/matrix.html", context)
