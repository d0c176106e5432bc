"""Pages of hot issues. Reads go through selectors, writes through services, and every
access through `phoihop.accounts.permissions`: strangers get 404, readers who may not
act get 403, a refused write changes nothing and shows why."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.transitions import post_transition
from phoihop.hotissues import selectors, services
from phoihop.hotissues.forms import (
    AnswerForm,
    HandOverForm,
    HotIssueFilterForm,
    HotIssueForm,
    JoinForm,
    RuleForm,
    ShareForm,
    TaskForm,
    attach_errors,
)
from phoihop.hotissues.models import EscalationRule, HotIssue
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program

NAV = "hotissues"


def _topics() -> list[tuple[int, str]]:
    return list(Topic.objects.filter(is_active=True).order_by("position", "name").values_list("pk", "name"))


def _denied():
    return PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


# --- list -----------------------------------------------------------------------------------


@login_required
def hot_issue_list(request):
    form = HotIssueFilterForm(request.GET, topics=_topics(), **selectors.filter_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.hot_issue_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.HotIssueFilter(),
        "can_create": bool(permissions.hot_issue_manager_ids(request.user)),
        "can_read_rules": permissions.can(request.user, Action.VIEW, EscalationRule),
    }
    return render_page_or_partial(
        request, page="hotissues/hot_issue_list.html", partial="hotissues/_hot_issue_results.html", context=context
    )


# --- triage -----------------------------------------------------------------------------------


@login_required
def triage(request):
    if not permissions.hot_issue_manager_ids(request.user):
        raise _denied()
    kind = "press" if request.GET.get("source") == "press" else "opinion"
    opinion = selectors.triage_opinion_items(request.user)
    press = selectors.triage_press_items(request.user)
    page = paginate(request, opinion if kind == "opinion" else press)
    context = {
        "nav_active": NAV,
        "kind": kind,
        "page": page,
        "opinion_count": opinion.count() if kind != "opinion" else page.paginator.count,
        "press_count": press.count() if kind != "press" else page.paginator.count,
    }
    return render(request, "hotissues/triage.html", context)


# --- create and edit --------------------------------------------------------------------------


def _source_from(request, data) -> services.SourceRef | None:
    """The source named by ?opinion_item=, ?press_item=, ?provision= or ?subject= (or the
    form's source_kind/source_id); 404 if the user may not see it."""
    kind = data.get("source_kind") or next((k for k in services.SOURCE_KINDS if data.get(k)), None)
    if not kind:
        return None
    pk = data.get("source_id") or data.get(kind)
    source = selectors.visible_source(request.user, kind, pk)
    if source is None:
        raise selectors._not_found()
    return source


def _form_kwargs(owner: Organization | None) -> dict:
    return {
        "areas": [(unit.pk, unit.name) for unit in selectors.area_choices(owner)],
        "topics": _topics(),
        "programs": [(p.pk, p.title) for p in selectors.program_choices(owner)],
    }


@login_required
def hot_issue_create(request):
    owners = selectors.owner_choices(request.user)
    if not owners:
        raise _denied()
    data = request.POST if request.method == "POST" else request.GET
    source = _source_from(request, data)
    owner_ids = {org.pk for org in owners}
    if source is not None:
        owners = [org for org in owners if org.pk in services.source_owner_ids(source)]
        if not owners:
            raise PermissionDenied(_("Nguồn này thuộc cơ quan khác, không phải Ban bạn làm việc."))
    chosen = next((org for org in owners if str(org.pk) == str(data.get("owner"))), owners[0])
    kwargs = {"owners": [(org.pk, org.name) for org in owners], **_form_kwargs(chosen)}
    if request.method == "POST":
        form = HotIssueForm(request.POST, **kwargs)
        if form.is_valid():
            values = form.cleaned_data
            try:
                issue = services.hot_issue_create(
                    actor=request.user,
                    owner=Organization.objects.get(pk=values["owner"]) if values["owner"] in owner_ids else None,
                    title=values["title"],
                    description=values["description"],
                    area=AdministrativeUnit.objects.filter(pk=values["area"]).first(),
                    topic=Topic.objects.filter(pk=values["topic"]).first(),
                    severity=values["severity"],
                    is_prominent=values["is_prominent"],
                    is_complex=values["is_complex"],
                    is_sensitive=values["is_sensitive"],
                    program=Program.objects.filter(pk=values["program"]).prefetch_related("parties").first()
                    if values["program"]
                    else None,
                    source=source,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã mở vấn đề nổi cộm “%(title)s”.") % {"title": issue.title})
                return redirect("hotissues:detail", pk=issue.pk)
    else:
        initial = {"owner": chosen.pk, "area": chosen.administrative_unit_id}
        if source is not None:
            initial.update({k: v for k, v in services.source_defaults(source).items() if v})
            initial.update({"source_kind": source.kind, "source_id": source.obj.pk})
        form = HotIssueForm(initial=initial, **kwargs)
    context = {"nav_active": NAV, "form": form, "source": source}
    return render(request, "hotissues/hot_issue_form.html", context)


@login_required
def hot_issue_edit(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk, Action.CHANGE)
    kwargs = _form_kwargs(issue.owner)
    if request.method == "POST":
        form = HotIssueForm(request.POST, editing=True, **kwargs)
        if form.is_valid():
            values = form.cleaned_data
            try:
                services.hot_issue_update(
                    actor=request.user,
                    hot_issue=issue,
                    expected_version=values["version"],
                    title=values["title"],
                    description=values["description"],
                    area=AdministrativeUnit.objects.filter(pk=values["area"]).first(),
                    topic=Topic.objects.filter(pk=values["topic"]).first(),
                    severity=values["severity"],
                    is_prominent=values["is_prominent"],
                    is_complex=values["is_complex"],
                    is_sensitive=values["is_sensitive"],
                    program=Program.objects.filter(pk=values["program"]).prefetch_related("parties").first()
                    if values["program"]
                    else None,
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu vấn đề."))
                return redirect("hotissues:detail", pk=issue.pk)
    else:
        initial = {
            "title": issue.title,
            "description": issue.description,
            "area": issue.area_id,
            "topic": issue.topic_id,
            "severity": issue.severity,
            "is_prominent": issue.is_prominent,
            "is_complex": issue.is_complex,
            "is_sensitive": issue.is_sensitive,
            "program": issue.program_id,
            "version": issue.version,
        }
        form = HotIssueForm(initial=initial, editing=True, **kwargs)
    return render(request, "hotissues/hot_issue_form.html", {"nav_active": NAV, "form": form, "issue": issue})


# --- one issue ---------------------------------------------------------------------------------


def _issue_page(request, issue: HotIssue, *, transition_errors=None, answer_form=None, status: int = 200):
    detail = selectors.hot_issue_detail(request.user, issue)
    pending = detail["pending_hand_over"]
    context = {
        "nav_active": NAV,
        "issue": issue,
        "obj": issue,
        **detail,
        "transition_errors": transition_errors or [],
        "action_url": reverse("hotissues:transition", args=[issue.pk]),
        "can_answer": pending is not None and permissions.may_answer_hand_over(request.user, pending),
        "answer_form": answer_form or AnswerForm(),
    }
    return render(request, "hotissues/hot_issue_detail.html", context, status=status)


@login_required
def hot_issue_detail(request, pk: int):
    return _issue_page(request, selectors.get_hot_issue_for_user(request.user, pk))


@login_required
def hot_issue_history(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="hotissues/hot_issue_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "issue": issue, "history": history_for(issue, limit=200)},
    )


@login_required
@require_POST
def hot_issue_transition(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk, Action.CHANGE)
    return post_transition(
        request,
        issue,
        apply=partial(services.hot_issue_transition, actor=request.user, hot_issue=issue),
        success=lambda obj: _("Vấn đề đã chuyển sang “%(s)s”.") % {"s": obj.get_status_display()},
        redirect_to="hotissues:detail",
        page=partial(_issue_page, request, issue),
    )


# --- join ---------------------------------------------------------------------------------------


@login_required
def join(request):
    """Add a source to an open issue instead of opening a new one."""
    data = request.POST if request.method == "POST" else request.GET
    source = _source_from(request, data)
    if source is None:
        raise selectors._not_found()
    issues = list(selectors.joinable_issues(request.user, source)[:200])
    form = JoinForm(request.POST or None, issues=[(i.pk, f"{i.title} · {i.get_status_display()}") for i in issues])
    if request.method == "POST" and form.is_valid():
        issue = selectors.get_hot_issue_for_user(request.user, form.cleaned_data["hot_issue"], Action.CHANGE)
        try:
            services.hot_issue_add_source(actor=request.user, hot_issue=issue, source=source)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã gộp nguồn vào vấn đề “%(title)s”.") % {"title": issue.title})
            return redirect("hotissues:detail", pk=issue.pk)
    context = {"nav_active": NAV, "form": form, "source": source, "issues": issues}
    return render(request, "hotissues/join_form.html", context)


# --- hand-over and sharing -----------------------------------------------------------------------


@login_required
def hand_over(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk, Action.CHANGE)
    partners = selectors.partner_choices(issue.owner)
    form = HandOverForm(request.POST or None, organizations=[(o.pk, o.name) for o in partners])
    if request.method == "POST" and form.is_valid():
        try:
            services.hot_issue_hand_over(
                actor=request.user,
                hot_issue=issue,
                to_organization=Organization.objects.filter(pk=form.cleaned_data["to_organization"]).first(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã chuyển vấn đề cho cơ quan nhận."))
            return redirect("hotissues:detail", pk=issue.pk)
    return render(request, "hotissues/hand_over_form.html", {"nav_active": NAV, "form": form, "issue": issue})


@login_required
@require_POST
def answer_hand_over(request, pk: int):
    hand_over_obj = selectors.get_hand_over_for_user(request.user, pk)
    if not permissions.may_answer_hand_over(request.user, hand_over_obj):
        raise _denied()
    form = AnswerForm(request.POST)
    issue = selectors.get_hot_issue_for_user(request.user, hand_over_obj.hot_issue_id)
    if form.is_valid():
        try:
            services.hand_over_answer(
                actor=request.user,
                hand_over=hand_over_obj,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã trả lời việc chuyển xử lý."))
            return redirect("hotissues:detail", pk=issue.pk)
    return _issue_page(request, issue, answer_form=form)


@login_required
def share(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk, Action.CHANGE)
    partners = selectors.partner_choices(issue.owner)
    initial = {"organizations": list(issue.shared_with.values_list("pk", flat=True)), "version": issue.version}
    form = ShareForm(request.POST or None, initial=initial, organizations=[(o.pk, o.name) for o in partners])
    if request.method == "POST" and form.is_valid():
        try:
            services.hot_issue_share(
                actor=request.user,
                hot_issue=issue,
                organizations=list(Organization.objects.filter(pk__in=form.cleaned_data["organizations"])),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật các cơ quan được chia sẻ."))
            return redirect("hotissues:detail", pk=issue.pk)
    return render(request, "hotissues/share_form.html", {"nav_active": NAV, "form": form, "issue": issue})


# --- response tasks ------------------------------------------------------------------------------


@login_required
def task_create(request, pk: int):
    issue = selectors.get_hot_issue_for_user(request.user, pk, Action.CHANGE)
    plan = services.current_plan(issue)
    parties = (
        [(p.organization_id, p.organization.name) for p in issue.program.parties.select_related("organization")]
        if issue.program_id
        else []
    )  # noqa: E501
    form = TaskForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = Organization.objects.in_bulk([data["lead"], *data["partners"]])
        try:
            task = services.hot_issue_create_task(
                actor=request.user,
                hot_issue=issue,
                title=data["title"],
                lead=found.get(data["lead"]),
                partners=[found[pk_] for pk_ in data["partners"] if pk_ in found],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ “%(title)s”.") % {"title": task.title})
            return redirect("hotissues:detail", pk=issue.pk)
    context = {"nav_active": NAV, "form": form, "issue": issue, "plan": plan}
    return render(request, "hotissues/task_form.html", context)


# --- escalation rules --------------------------------------------------------------------------------


def _rule_departments(user) -> list[tuple[int, str]]:
    return [(org.pk, org.name) for org in selectors.owner_choices(user)]


@login_required
def rule_list(request):
    if not permissions.can(request.user, Action.VIEW, EscalationRule):
        raise _denied()
    departments = _rule_departments(request.user)
    form = None
    if departments:
        form = RuleForm(request.POST or None, departments=departments, initial={"is_active": True})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            department = Organization.objects.get(pk=data["department"])
            try:
                services.rule_create(
                    actor=request.user,
                    department=department,
                    name=data["name"],
                    min_severity=data["min_severity"],
                    unresolved_days=data["unresolved_days"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm quy tắc."))
                return redirect("hotissues:rules")
    elif request.method == "POST":
        raise _denied()
    page = paginate(request, selectors.rule_list(request.user))
    manageable = permissions.hot_issue_manager_ids(request.user)
    context = {"nav_active": NAV, "form": form, "page": page, "manageable": manageable}
    return render(request, "hotissues/rule_list.html", context)


@login_required
def rule_edit(request, pk: int):
    rule = EscalationRule.objects.select_related("department").filter(pk=pk).first()
    if rule is None:
        raise selectors._not_found()
    permissions.check(request.user, Action.CHANGE, rule)
    initial = {
        "name": rule.name,
        "min_severity": rule.min_severity,
        "unresolved_days": rule.unresolved_days,
        "is_active": rule.is_active,
        "version": rule.version,
    }
    form = RuleForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rule_update(
                actor=request.user,
                rule=rule,
                expected_version=data["version"],
                name=data["name"],
                min_severity=data["min_severity"],
                unresolved_days=data["unresolved_days"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quy tắc."))
            return redirect("hotissues:rules")
    return render(request, "hotissues/rule_form.html", {"nav_active": NAV, "form": form, "rule": rule})
