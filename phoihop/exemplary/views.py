"""Pages of exemplary models ("Dân vận khéo"). Reads go through selectors, writes through
services, and every access through `phoihop.accounts.permissions`: strangers get 404,
readers who may not act get 403, a refused write changes nothing and shows why."""

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
from phoihop.core.params import parse_id
from phoihop.core.transitions import post_transition
from phoihop.documents.models import Document
from phoihop.exemplary import selectors, services, transitions
from phoihop.exemplary.forms import (
    DecisionForm,
    ExemplaryEditForm,
    ExemplaryFilterForm,
    ExemplaryForm,
    attach_errors,
)
from phoihop.exemplary.models import ExemplaryModel
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem
from phoihop.programs.models import Program, Task

NAV = "exemplary"
FACTS = ("title", "description", "field", "year")
EVIDENCE = (
    ("evidence_tasks", Task),
    ("evidence_documents", Document),
    ("evidence_press_items", PressItem),
)


# --- list and honour roll ---------------------------------------------------------------------


@login_required
def model_list(request):
    form = ExemplaryFilterForm(
        request.GET, years=selectors.year_choices(request.user), areas=selectors.area_choices(request.user)
    )
    filters = form.to_filter()
    page = paginate(request, selectors.exemplary_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ExemplaryFilter(),
        "can_create": bool(_owner_choices(request.user)),
    }
    return render_page_or_partial(
        request, page="exemplary/model_list.html", partial="exemplary/_model_results.html", context=context
    )


@login_required
def honour_roll(request):
    year = parse_id(request.GET.get("year", ""))
    area = parse_id(request.GET.get("area", ""))
    context = {
        "nav_active": NAV,
        "roll": selectors.honour_roll(year=year, area=area),
        "year": year,
        "area": AdministrativeUnit.objects.filter(pk=area).first() if area else None,
        "years": selectors.honour_roll_years(),
    }
    return render(request, "exemplary/honour_roll.html", context)


# --- nominate and edit ------------------------------------------------------------------------


def _owner_choices(user) -> list[tuple[int, str]]:
    who = permissions.principal(user)
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in who.editor_organization_ids
    ]


def _form_kwargs(user, owner: Organization, current: ExemplaryModel | None = None) -> dict:
    units = [owner.administrative_unit_id] if owner.administrative_unit_id else []
    if current is None:
        units = [m.organization.administrative_unit_id for m in permissions.principal(user).memberships]
    candidates = selectors.evidence_candidates(user, owner)
    if current is not None:  # what is already linked stays offered
        for name, _model in EVIDENCE:
            offered = {pk for pk, _label in candidates[name]}
            candidates[name] += [(obj.pk, str(obj)) for obj in getattr(current, name).all() if obj.pk not in offered]
    programs = list(
        permissions.visible_programs(user).order_by("-start_year", "title").values_list("pk", "title")[:500]
    )
    return {
        "areas": selectors.nominating_area_choices(units, current.area_id if current else None),
        "programs": programs,
        "candidates": candidates,
    }


def _values(data: dict) -> dict:
    """The form's values as the service takes them (objects for ids)."""
    values = {name: data[name] for name in FACTS if name in data}
    values["area"] = AdministrativeUnit.objects.filter(pk=data["area"]).first() if data.get("area") else None
    values["program"] = Program.objects.filter(pk=data["program"]).first() if data.get("program") else None
    for name, model in EVIDENCE:
        values[name] = list(model.objects.filter(pk__in=data.get(name) or []))
    return values


@login_required
def model_create(request):
    owners = _owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    owner_id = parse_id(request.POST.get("owner", "")) if request.method == "POST" else owners[0][0]
    owner = Organization.objects.filter(pk=owner_id or owners[0][0]).first()
    kwargs = {"owners": owners, **_form_kwargs(request.user, owner)}
    if request.method == "POST":
        form = ExemplaryForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                model = services.exemplary_nominate(
                    actor=request.user, owner=Organization.objects.filter(pk=data["owner"]).first(), **_values(data)
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã gửi đề nghị."))
                return redirect("exemplary:detail", pk=model.pk)
    else:
        form = ExemplaryForm(initial={"owner": owners[0][0], "year": timezone.localdate().year}, **kwargs)
    return render(request, "exemplary/model_form.html", {"nav_active": NAV, "form": form})


@login_required
def model_edit(request, pk: int):
    model = selectors.get_exemplary_for_user(request.user, pk, Action.CHANGE)
    kwargs = _form_kwargs(request.user, model.owner, model)
    if request.method == "POST":
        form = ExemplaryEditForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.exemplary_update(
                    actor=request.user, exemplary_model=model, expected_version=data["version"], **_values(data)
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("exemplary:detail", pk=model.pk)
    else:
        initial = {name: getattr(model, name) for name in FACTS}
        initial |= {"area": model.area_id, "program": model.program_id, "version": model.version}
        for name, _model in EVIDENCE:
            initial[name] = list(getattr(model, name).values_list("pk", flat=True))
        form = ExemplaryEditForm(initial=initial, **kwargs)
    return render(request, "exemplary/model_form.html", {"nav_active": NAV, "form": form, "model": model})


# --- one model ---------------------------------------------------------------------------------


def _deciders(user, model: ExemplaryModel) -> list[tuple[int, str]]:
    return [(org.pk, org.name) for org in permissions.deciding_organizations(user, model)]


def _model_page(request, model: ExemplaryModel, *, transition_errors=None, decision_form=None, status=200):
    can_change = permissions.can(request.user, Action.CHANGE, model)
    deciders = _deciders(request.user, model)
    allowed = transitions.allowed(transitions.EXEMPLARY, model.status)
    shown = [
        t
        for t in allowed
        if (t.name in transitions.NOMINATOR_ACTIONS and can_change) or (t.name == "review" and deciders)
    ]
    may_decide = bool(deciders) and model.status == ExemplaryModel.Status.UNDER_REVIEW
    if may_decide and decision_form is None:
        decision_form = DecisionForm(
            deciders=deciders,
            initial={"version": model.version, "decided_by": deciders[0][0], "decided_on": timezone.localdate()},
        )
    context = {
        "nav_active": NAV,
        "model": model,
        **selectors.evidence_for(request.user, model),
        "can_change": can_change and model.status in transitions.EDITABLE,
        "transitions": shown,
        "transition_errors": transition_errors or [],
        "decision_form": decision_form if may_decide else None,
    }
    return render(request, "exemplary/model_detail.html", context, status=status)


@login_required
def model_detail(request, pk: int):
    return _model_page(request, selectors.get_exemplary_for_user(request.user, pk))


@login_required
def model_history(request, pk: int):
    model = selectors.get_exemplary_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="exemplary/model_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "model": model, "history": history_for(model, limit=200)},
    )


@login_required
@require_POST
def model_transition(request, pk: int):
    model = selectors.get_exemplary_for_user(request.user, pk)
    return post_transition(
        request,
        model,
        apply=partial(services.exemplary_transition, actor=request.user, exemplary_model=model),
        success=lambda obj: _("Trạng thái: “%(s)s”.") % {"s": obj.get_status_display()},
        redirect_to="exemplary:detail",
        page=partial(_model_page, request, model),
        allowed_actions=transitions.NOMINATOR_ACTIONS | {"review"},  # the decision has its own form
    )


@login_required
@require_POST
def model_decide(request, pk: int):
    model = selectors.get_exemplary_for_user(request.user, pk)
    deciders = _deciders(request.user, model)
    if not deciders:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    form = DecisionForm(request.POST, deciders=deciders)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.exemplary_transition(
                actor=request.user,
                exemplary_model=model,
                action=data["action"],
                expected_version=data["version"],
                reason=data["reason"],
                decided_by=Organization.objects.filter(pk=data["decided_by"]).first(),
                decision_ref=data["decision_ref"],
                decided_on=data["decided_on"],
                review_note=data["review_note"],
            )
        except ValidationError as error:  # a stale version too (StaleVersionError)
            attach_errors(form, error)
            model.refresh_from_db()
        else:
            messages.success(request, _("Đã ghi quyết định: “%(s)s”.") % {"s": model.get_status_display()})
            return redirect("exemplary:detail", pk=model.pk)
    return _model_page(request, model, decision_form=form, status=422)
