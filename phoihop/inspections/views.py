"""Pages of inspections. Reads go through selectors, writes through services, and every
access through `phoihop.accounts.permissions`: strangers get 404, readers who may not act
get 403, a refused write changes nothing and shows why."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.transitions import post_transition
from phoihop.inspections import selectors, services, transitions
from phoihop.inspections.forms import (
    ConclusionForm,
    InspectionEditForm,
    InspectionFilterForm,
    InspectionForm,
    RemediationTaskForm,
    attach_errors,
)
from phoihop.inspections.models import Inspection
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program

NAV = "inspections"
FACTS = ("title", "decision_ref", "scope", "started_on", "ended_on", "concluded_on", "conclusion_ref", "summary")
MAX_CHOICES = 1000


# --- list -------------------------------------------------------------------------------------


@login_required
def inspection_list(request):
    form = InspectionFilterForm(
        request.GET, years=selectors.year_choices(), inspected=selectors.inspected_choices(request.user)
    )
    filters = form.to_filter()
    page = paginate(request, selectors.inspection_list(request.user, filters))
    page.object_list = selectors.with_progress(page.object_list)
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.InspectionFilter(),
        "can_create": bool(_owner_choices(request.user)),
    }
    return render_page_or_partial(
        request,
        page="inspections/inspection_list.html",
        partial="inspections/_inspection_results.html",
        context=context,
    )


# --- create and edit --------------------------------------------------------------------------


def _owner_choices(user) -> list[tuple[int, str]]:
    who = permissions.principal(user)
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in who.editor_organization_ids
    ]


def _choices(user, current: Inspection | None = None) -> dict:
    organizations = list(
        permissions.visible_organizations(user).order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES]
    )
    programs = list(
        permissions.visible_programs(user).order_by("-start_year", "title", "id").values_list("pk", "title")[:500]
    )
    if current is not None:
        for choices, obj in ((organizations, current.inspected), (programs, current.program)):
            if obj is not None and obj.pk not in {pk for pk, _label in choices}:
                choices.append((obj.pk, str(obj)))
    return {"organizations": organizations, "programs": programs}


def _facts(data: dict) -> dict:
    """The form's values as the service takes them (objects for ids)."""
    values = {name: data[name] for name in FACTS if name in data}
    values["inspected"] = Organization.objects.filter(pk=data["inspected"]).first() if data.get("inspected") else None
    values["program"] = Program.objects.filter(pk=data["program"]).first() if data.get("program") else None
    return values


@login_required
def inspection_create(request):
    owners = _owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    kwargs = {"owners": owners, **_choices(request.user)}
    if request.method == "POST":
        form = InspectionForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inspection = services.inspection_create(
                    actor=request.user, owner=Organization.objects.filter(pk=data["owner"]).first(), **_facts(data)
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lập cuộc kiểm tra."))
                return redirect("inspections:detail", pk=inspection.pk)
    else:
        form = InspectionForm(initial={"owner": owners[0][0], "started_on": timezone.localdate()}, **kwargs)
    return render(request, "inspections/inspection_form.html", {"nav_active": NAV, "form": form})


@login_required
def inspection_edit(request, pk: int):
    inspection = selectors.get_inspection_for_user(request.user, pk, Action.CHANGE)
    kwargs = _choices(request.user, inspection)
    if request.method == "POST":
        form = InspectionEditForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.inspection_update(
                    actor=request.user, inspection=inspection, expected_version=data["version"], **_facts(data)
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("inspections:detail", pk=inspection.pk)
    else:
        initial = {name: getattr(inspection, name) for name in FACTS}
        initial |= {"inspected": inspection.inspected_id, "program": inspection.program_id}
        form = InspectionEditForm(initial=initial | {"version": inspection.version}, **kwargs)
    context = {"nav_active": NAV, "form": form, "inspection": inspection}
    return render(request, "inspections/inspection_form.html", context)


# --- one inspection ---------------------------------------------------------------------------


def _parties(inspection: Inspection) -> list[tuple[int, str]]:
    if inspection.program_id is None:
        return []
    parties = inspection.program.parties.select_related("organization").order_by("position", "id")
    return [(p.organization_id, p.organization.name) for p in parties]


def _inspection_page(
    request, inspection: Inspection, *, transition_errors=None, conclusion_form=None, task_forms=None, status=200
):
    can_change = permissions.can(request.user, Action.CHANGE, inspection)
    may_plan = permissions.may_plan_remediation(request.user, inspection)
    open_ = inspection.status in transitions.CONCLUSIONS_OPEN
    conclusions = selectors.conclusions_with_tasks(inspection)
    parties = _parties(inspection) if may_plan and open_ else []
    plan = services.remediation_plan(inspection) if parties else None
    task_forms = task_forms or {}
    for conclusion in conclusions:
        conclusion.task_form = None
        if parties and plan is not None:
            conclusion.task_form = task_forms.get(conclusion.pk) or RemediationTaskForm(
                parties=parties,
                initial={"lead": inspection.inspected_id, "due_date": conclusion.remediation_due},
                prefix=f"c{conclusion.pk}",
            )
    remedied = sum(1 for conclusion in conclusions if conclusion.remedied)
    context = {
        "nav_active": NAV,
        "inspection": inspection,
        "conclusions": conclusions,
        "remedied": remedied,
        "percent": round(100 * remedied / len(conclusions)) if conclusions else 0,
        "can_change": can_change,
        "may_plan": may_plan and open_,
        "plan": plan,
        "transitions": transitions.allowed(transitions.INSPECTION, inspection.status) if can_change else [],
        "transition_errors": transition_errors or [],
        "conclusion_form": (conclusion_form or ConclusionForm()) if can_change and open_ else None,
    }
    return render(request, "inspections/inspection_detail.html", context, status=status)


@login_required
def inspection_detail(request, pk: int):
    return _inspection_page(request, selectors.get_inspection_for_user(request.user, pk))


@login_required
def inspection_history(request, pk: int):
    inspection = selectors.get_inspection_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="inspections/inspection_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "inspection": inspection, "history": history_for(inspection, limit=200)},
    )


@login_required
@require_POST
def inspection_transition(request, pk: int):
    inspection = selectors.get_inspection_for_user(request.user, pk, Action.CHANGE)
    return post_transition(
        request,
        inspection,
        apply=partial(services.inspection_transition, actor=request.user, inspection=inspection),
        success=lambda obj: _("Trạng thái: “%(s)s”.") % {"s": obj.get_status_display()},
        redirect_to="inspections:detail",
        page=partial(_inspection_page, request, inspection),
    )


@login_required
@require_POST
def conclusion_add(request, pk: int):
    inspection = selectors.get_inspection_for_user(request.user, pk, Action.CHANGE)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.conclusion_add(actor=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết luận."))
            return redirect("inspections:detail", pk=inspection.pk)
    return _inspection_page(request, inspection, conclusion_form=form, status=422)


@login_required
@require_POST
def remediation_task_create(request, pk: int, conclusion_id: int):
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if not permissions.may_plan_remediation(request.user, inspection):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    conclusion = selectors.get_conclusion(inspection, conclusion_id)
    form = RemediationTaskForm(request.POST, parties=_parties(inspection), prefix=f"c{conclusion.pk}")
    if form.is_valid():
        data = form.cleaned_data
        found = Organization.objects.in_bulk([data["lead"], *data["partners"]])
        try:
            task = services.remediation_task_create(
                actor=request.user,
                conclusion=conclusion,
                title=data["title"],
                lead=found.get(data["lead"]),
                partners=[found[pk_] for pk_ in data["partners"] if pk_ in found],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lập nhiệm vụ khắc phục “%(title)s”.") % {"title": task.title})
            return redirect("inspections:detail", pk=inspection.pk)
    return _inspection_page(request, inspection, task_forms={conclusion.pk: form}, status=422)
