"""Pages of false claims. Reads go through selectors, writes through services, and every
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
from phoihop.claims import selectors, services, transitions
from phoihop.claims.forms import (
    ClaimEditForm,
    ClaimFilterForm,
    ClaimForm,
    LinkForm,
    ResponseForm,
    area_choices,
    attach_errors,
    topic_choices,
)
from phoihop.claims.models import FalseClaim
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.params import parse_id
from phoihop.core.transitions import post_transition
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem

NAV = "claims"
FACTS = ("claim", "channel", "seen_where", "seen_on", "area", "topic")


# --- list -------------------------------------------------------------------------------------


@login_required
def claim_list(request):
    form = ClaimFilterForm(request.GET, topics=topic_choices(), areas=selectors.area_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.claim_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ClaimFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, FalseClaim),
    }
    return render_page_or_partial(
        request, page="claims/claim_list.html", partial="claims/_claim_results.html", context=context
    )


# --- create and edit --------------------------------------------------------------------------


def _owner_choices(user) -> list[tuple[int, str]]:
    editors = permissions.principal(user).editor_organization_ids
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in editors
    ]


def _facts(data: dict) -> dict:
    """The form's values as the service takes them (objects for ids)."""
    values = {name: data[name] for name in FACTS if name in data}
    values["area"] = AdministrativeUnit.objects.filter(pk=data["area"]).first() if data.get("area") else None
    values["topic"] = Topic.objects.filter(pk=data["topic"]).first() if data.get("topic") else None
    return values


@login_required
def claim_create(request):
    permissions.check(request.user, Action.CREATE, FalseClaim)
    owners = _owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    kwargs = {"owners": owners, "topics": topic_choices(), "areas": area_choices(request.user)}
    if request.method == "POST":
        form = ClaimForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                false_claim = services.false_claim_create(
                    actor=request.user, owner=Organization.objects.filter(pk=data["owner"]).first(), **_facts(data)
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận thông tin sai sự thật."))
                return redirect("claims:detail", pk=false_claim.pk)
    else:
        form = ClaimForm(initial={"owner": owners[0][0], "seen_on": timezone.localdate()}, **kwargs)
    return render(request, "claims/claim_form.html", {"nav_active": NAV, "form": form})


@login_required
def claim_edit(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk, Action.CHANGE)
    kwargs = {"topics": topic_choices(false_claim.topic_id), "areas": area_choices(request.user, false_claim.area_id)}
    if request.method == "POST":
        form = ClaimEditForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.false_claim_update(
                    actor=request.user, false_claim=false_claim, expected_version=data["version"], **_facts(data)
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("claims:detail", pk=false_claim.pk)
    else:
        initial = {name: getattr(false_claim, name) for name in ("claim", "channel", "seen_where", "seen_on")}
        initial |= {"area": false_claim.area_id, "topic": false_claim.topic_id, "version": false_claim.version}
        form = ClaimEditForm(initial=initial, **kwargs)
    context = {"nav_active": NAV, "form": form, "false_claim": false_claim}
    return render(request, "claims/claim_form.html", context)


# --- one claim --------------------------------------------------------------------------------


def _claim_page(request, false_claim: FalseClaim, *, transition_errors=None, link_form=None, status: int = 200):
    can_change = permissions.can(request.user, Action.CHANGE, false_claim)
    candidates = selectors.link_candidates(request.user, false_claim) if can_change else None
    if can_change and link_form is None:
        link_form = LinkForm(**candidates)
    context = {
        "nav_active": NAV,
        "false_claim": false_claim,
        **selectors.claim_links(request.user, false_claim),
        "can_change": can_change,
        "can_respond": can_change and false_claim.status in transitions.RESPONDED,
        "transitions": transitions.allowed(transitions.CLAIM, false_claim.status) if can_change else [],
        "transition_errors": transition_errors or [],
        "link_form": link_form if can_change and (candidates["hot_issues"] or candidates["press_items"]) else None,
    }
    return render(request, "claims/claim_detail.html", context, status=status)


@login_required
def claim_detail(request, pk: int):
    return _claim_page(request, selectors.get_claim_for_user(request.user, pk))


@login_required
def claim_history(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="claims/claim_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "false_claim": false_claim, "history": history_for(false_claim, limit=200)},
    )


@login_required
@require_POST
def claim_transition(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk, Action.CHANGE)
    return post_transition(
        request,
        false_claim,
        apply=partial(services.false_claim_transition, actor=request.user, false_claim=false_claim),
        success=lambda obj: _("Kết quả xác minh: “%(s)s”.") % {"s": obj.get_status_display()},
        redirect_to="claims:detail",
        page=partial(_claim_page, request, false_claim),
    )


@login_required
def claim_respond(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.false_claim_respond(
                    actor=request.user,
                    false_claim=false_claim,
                    expected_version=data["version"],
                    response=data["response"],
                    published_where=data["response_published_where"],
                    url=data["response_url"],
                    published_on=data["response_published_on"],
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thông tin chính thức."))
                return redirect("claims:detail", pk=false_claim.pk)
    else:
        initial = {
            name: getattr(false_claim, name)
            for name in ("response", "response_published_where", "response_url", "response_published_on", "version")
        }
        form = ResponseForm(initial=initial)
    return render(request, "claims/response_form.html", {"nav_active": NAV, "form": form, "false_claim": false_claim})


@login_required
@require_POST
def claim_link(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk, Action.CHANGE)
    form = LinkForm(request.POST, **selectors.link_candidates(request.user, false_claim))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.false_claim_link(
                actor=request.user,
                false_claim=false_claim,
                hot_issues=list(HotIssue.objects.filter(pk__in=data["hot_issues"])),
                press_items=list(PressItem.objects.filter(pk__in=data["press_items"])),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật liên kết."))
            return redirect("claims:detail", pk=false_claim.pk)
    return _claim_page(request, false_claim, link_form=form, status=422)


@login_required
@require_POST
def claim_unlink(request, pk: int):
    false_claim = selectors.get_claim_for_user(request.user, pk, Action.CHANGE)
    hot_issue = request.POST.get("hot_issue", "")
    press_item = request.POST.get("press_item", "")
    services.false_claim_unlink(
        actor=request.user,
        false_claim=false_claim,
        hot_issues=list(false_claim.hot_issues.filter(pk=parse_id(hot_issue))) if parse_id(hot_issue) else [],
        press_items=list(false_claim.press_items.filter(pk=parse_id(press_item))) if parse_id(press_item) else [],
    )
    messages.success(request, _("Đã cập nhật liên kết."))
    return redirect("claims:detail", pk=false_claim.pk)
