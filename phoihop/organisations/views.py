"""Pages of the organisation registry: organisations, administrative units and
re-organisations. Reads go through selectors, writes through services, and every access
through `phoihop.accounts.permissions`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.params import parse_id
from phoihop.organisations import selectors, services
from phoihop.organisations.forms import (
    AsOfForm,
    OrganizationEditForm,
    OrganizationFilterForm,
    OrganizationForm,
    ReorganizationForm,
    UnitFilterForm,
    attach_errors,
)
from phoihop.organisations.models import Organization, Reorganization

# --- organisations -------------------------------------------------------------------


@login_required
def organization_list(request):
    form = OrganizationFilterForm(request.GET)
    filters = form.to_filter()
    page = paginate(request, selectors.organization_list(request.user, filters))
    context = {
        "nav_active": "organisations",
        "form": form,
        "page": page,
        "filtered": filters != selectors.OrganizationFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, Organization),
    }
    return render_page_or_partial(
        request,
        page="organisations/organization_list.html",
        partial="organisations/organization_list_partial.html",
        context=context,
    )


@login_required
def organization_detail(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk)
    children = selectors.organization_list(request.user, selectors.OrganizationFilter(parent=org.pk))
    lineage = selectors.organization_lineage(request.user, org)
    return render(
        request,
        "organisations/organization_detail.html",
        {
            "nav_active": "organisations",
            "org": org,
            "parent_visible": org.parent_id is not None and permissions.can(request.user, Action.VIEW, org.parent),
            "children": children,
            "lineage": lineage,
            "lineage_rows": lineage_rows(lineage, org),
            "history": history_for(org),
            "can_change": permissions.can(request.user, Action.CHANGE, org),
            "can_reorganize": permissions.can(request.user, Action.CREATE, Reorganization),
        },
    )


def lineage_rows(lineage: selectors.Lineage, org: Organization) -> list[dict]:
    """The chain as one column, oldest first: the parties before each event, the event,
    the parties after it. A merge A+B → C → D reads A, B, event, C, event, D."""
    rows: list[dict] = []
    shown: set[int] = set()

    def add(party):
        if party.pk not in shown:
            shown.add(party.pk)
            rows.append({"org": party, "current": party.pk == org.pk, "link": party.pk in lineage.visible_ids})

    for event in lineage.events:
        predecessors, successors = list(event.predecessors.all()), list(event.successors.all())
        for party in sorted(predecessors, key=lambda o: o.name):
            add(party)
        parties = {p.pk for p in predecessors} | {p.pk for p in successors}
        rows.append({"event": event, "link": bool(parties & lineage.visible_ids)})
        for party in sorted(successors, key=lambda o: o.name):
            add(party)
    return rows


@login_required
def organization_create(request):
    permissions.check(request.user, Action.CREATE, Organization)
    form = OrganizationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(actor=request.user, **form.service_values())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã thêm cơ quan %(name)s.") % {"name": org.name})
            return redirect("organisations:detail", pk=org.pk)
    return render(
        request, "organisations/organization_form.html", {"nav_active": "organisations", "form": form, "org": None}
    )


@login_required
def organization_edit(request, pk: int):
    org = selectors.get_organization_for_user(request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = OrganizationEditForm(request.POST, user=request.user, instance=org)
        if form.is_valid():
            try:
                services.organization_update(
                    actor=request.user,
                    organization=org,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của %(name)s.") % {"name": org.name})
                return redirect("organisations:detail", pk=org.pk)
            # The service changed the instance in memory before refusing; show what is stored.
            org.refresh_from_db()
    else:
        initial = {**OrganizationEditForm.initial_for(org), "version": org.version}
        form = OrganizationEditForm(initial=initial, user=request.user, instance=org)
    return render(
        request, "organisations/organization_form.html", {"nav_active": "organisations", "form": form, "org": org}
    )


# --- administrative units ------------------------------------------------------------


@login_required
def unit_list(request):
    form = UnitFilterForm(request.GET)
    filters = form.to_filter()
    page = paginate(request, selectors.unit_list(request.user, filters))
    context = {"nav_active": "units", "form": form, "page": page, "filtered": filters != selectors.UnitFilter()}
    return render_page_or_partial(
        request, page="organisations/unit_list.html", partial="organisations/unit_list_partial.html", context=context
    )


@login_required
def unit_detail(request, pk: int):
    unit = selectors.get_unit_for_user(request.user, pk)
    children = paginate(request, selectors.unit_list(request.user, selectors.UnitFilter(parent=unit.pk)))
    as_of_form = AsOfForm(request.GET if "as_of" in request.GET else None)
    as_of_units = selectors.unit_as_of(unit, as_of_form.cleaned_data["as_of"]) if as_of_form.is_valid() else None
    predecessors, successors = selectors.unit_successions(unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "nav_active": "units",
            "unit": unit,
            "children": children,
            "predecessors": predecessors,
            "successors": successors,
            "as_of_form": as_of_form,
            "as_of_units": as_of_units,
        },
    )


# --- re-organisations ----------------------------------------------------------------


@login_required
def reorganization_list(request):
    page = paginate(request, selectors.reorganization_list(request.user))
    return render(
        request,
        "organisations/reorganization_list.html",
        {
            "nav_active": "reorganizations",
            "page": page,
            "visible_ids": selectors.visible_party_ids(request.user, page.object_list),
            "can_create": permissions.can(request.user, Action.CREATE, Reorganization),
        },
    )


@login_required
def reorganization_detail(request, pk: int):
    reorg = selectors.get_reorganization_for_user(request.user, pk)
    return render(
        request,
        "organisations/reorganization_detail.html",
        {
            "nav_active": "reorganizations",
            "reorg": reorg,
            "visible_ids": selectors.visible_party_ids(request.user, [reorg]),
            "history": history_for(reorg),
        },
    )


@login_required
def reorganization_create(request):
    permissions.check(request.user, Action.CREATE, Reorganization)
    if request.method == "POST":
        form = ReorganizationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                reorg = services.reorganization_record(actor=request.user, **form.service_values())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận việc sắp xếp."))
                return redirect("organisations:reorganization_detail", pk=reorg.pk)
    else:
        initial = {}
        predecessor = parse_id(request.GET.get("predecessor"))
        if predecessor:
            initial["predecessors"] = [predecessor]
        form = ReorganizationForm(initial=initial, user=request.user)
    return render(request, "organisations/reorganization_form.html", {"nav_active": "reorganizations", "form": form})
