"""Pages of public opinion. Reads go through selectors, writes through services, and every
access through `phoihop.accounts.permissions`: strangers get 404, readers who may not act
get 403, a refused write changes nothing and shows why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.params import parse_id
from phoihop.opinion import selectors, services
from phoihop.opinion.forms import (
    CalendarForm,
    ItemFormSet,
    ReportFilterForm,
    ReportForm,
    TagForm,
    TopicForm,
    attach_errors,
)
from phoihop.opinion.models import OpinionReport, Tag, Topic
from phoihop.organisations.models import AdministrativeUnit, Organization

NAV = "opinion"
MAX_CHOICES = 500


@login_required
def index(request):
    return redirect("opinion:report_list")


# --- the reports list ---------------------------------------------------------------------------


@login_required
def report_list(request):
    visible = permissions.visible_opinion_reports(request.user).order_by()
    departments = list(
        Organization.objects.filter(pk__in=visible.values("department_id"))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )
    form = ReportFilterForm(request.GET, departments=departments)
    filters = form.to_filter()
    page = paginate(request, selectors.report_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ReportFilter(),
        "filing": _filing_memberships(request.user),
        "departments": selectors.own_departments(request.user),
    }
    return render_page_or_partial(
        request, page="opinion/report_list.html", partial="opinion/_report_results.html", context=context
    )


# --- filing -------------------------------------------------------------------------------------


def _filing_memberships(user):
    return [
        m for m in permissions.principal(user).memberships if m.role in (Role.COLLABORATOR, Role.LEADER, Role.OFFICER)
    ]


def _choices(department, membership, report=None):
    """Choices of the report form: areas (the one covered and the units within), open
    periods (plus the report's own), topics and tags in use (plus those the report has)."""
    covered = membership.area if membership.role == Role.COLLABORATOR else department.administrative_unit
    units = [(u.pk, u.name) for u in selectors.units_for(covered)] if covered else []
    periods = [(p.key, p.label) for p in selectors.open_periods(department, membership, membership.user)]
    topic_ids, tag_ids = set(), set()
    if report is not None and report.pk:
        items = report.items.all()
        topic_ids = set(items.values_list("topic_id", flat=True))
        tag_ids = set(items.values_list("tags", flat=True)) - {None}
        if report.kind == OpinionReport.Kind.PERIODIC and report.period:
            key = f"{report.year}-{report.period}"
            if key not in dict(periods):
                periods.insert(0, (key, services.report_title(report)))
    from django.db.models import Q

    topics = [(t.pk, t.name) for t in Topic.objects.filter(Q(is_active=True) | Q(pk__in=topic_ids))]
    tags = [(t.pk, t.name) for t in Tag.objects.filter(Q(is_active=True) | Q(pk__in=tag_ids))]
    return {"areas": units, "periods": periods, "topics": topics, "tags": tags, "covered": covered}


def _item_initial(report) -> list[dict]:
    return [
        {
            "topic": item.topic_id,
            "tags": [tag.pk for tag in item.tags.all()],
            "area": item.area_id,
            "direction": item.direction,
            "intensity": item.intensity,
            "breadth": item.breadth,
            "summary": item.summary,
            "flagged_hot": item.flagged_hot,
        }
        for item in selectors.report_items(report)
    ]


def _report_form(request, *, department, membership, report=None, corrects=None):
    """The form of a new report, of a draft (`report`) or of a correction (`corrects`)."""
    source = report or corrects
    choices = _choices(department, membership, source)
    item_kwargs = {"topics": choices["topics"], "tags": choices["tags"], "areas": choices["areas"]}
    fixed_kind = source is not None
    form_kwargs = {"periods": choices["periods"], "areas": choices["areas"], "fixed_kind": fixed_kind}
    if request.method == "POST":
        form = ReportForm(request.POST, **form_kwargs)
        formset = ItemFormSet(request.POST, prefix="items", form_kwargs=item_kwargs)
        valid = form.is_valid() & formset.is_valid()
        if valid:
            data = form.cleaned_data
            year, number = form.period_values()
            area = AdministrativeUnit.objects.filter(pk=data["area"]).first()
            submit = "submit" in request.POST
            common = {
                "actor": request.user,
                "area": area,
                "items": formset.inputs(),
                "overview": data["overview"],
                "year": year,
                "period": number,
                "observed_on": data.get("observed_on"),
                "submit": submit,
            }
            try:
                if report is not None:
                    saved = services.report_update(report=report, expected_version=data.get("version") or 0, **common)
                else:
                    saved = services.report_create(
                        department=department,
                        kind=corrects.kind if corrects else data["kind"],
                        corrects=corrects,
                        corrects_version=data.get("version") if corrects else None,
                        **common,
                    )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
                if hasattr(error, "error_dict") and "items" in error.error_dict:
                    form.item_errors = [m for e in error.error_dict["items"] for m in e.messages]
            else:
                if submit:
                    messages.success(request, _("Đã nộp báo cáo."))
                else:
                    messages.success(request, _("Đã lưu bản nháp."))
                return redirect("opinion:report_detail", pk=saved.pk)
    else:
        initial = {"kind": OpinionReport.Kind.PERIODIC, "area": choices["covered"].pk if choices["covered"] else None}
        if membership.role != Role.COLLABORATOR:
            initial["kind"] = OpinionReport.Kind.QUICK
        if request.GET.get("kind") in OpinionReport.Kind.values:
            initial["kind"] = request.GET["kind"]
        wanted = request.GET.get("period")
        if wanted in dict(choices["periods"]):
            initial["period"] = wanted
        elif choices["periods"]:
            initial["period"] = choices["periods"][0][0]
        items = []
        if source is not None:
            initial.update(
                {
                    "area": source.area_id,
                    "overview": source.overview,
                    "version": source.version,
                    "observed_on": source.period_end if source.kind == OpinionReport.Kind.QUICK else None,
                    "period": f"{source.year}-{source.period}" if source.period else None,
                }
            )
            items = _item_initial(source)
        form = ReportForm(initial=initial, **form_kwargs)
        formset = ItemFormSet(prefix="items", initial=items, form_kwargs=item_kwargs)
    context = {
        "nav_active": NAV,
        "form": form,
        "formset": formset,
        "department": department,
        "report": report,
        "corrects": corrects,
        "calendar": selectors.calendar_of(department),
        "is_collaborator": membership.role == Role.COLLABORATOR,
    }
    return render(request, "opinion/report_form.html", context)


@login_required
def report_create(request):
    filing = _filing_memberships(request.user)
    if not filing:
        raise PermissionDenied(_("Bạn không phải cộng tác viên dư luận xã hội của ban nào."))
    wanted = parse_id(request.POST.get("department") or request.GET.get("department"))
    membership = next((m for m in filing if m.organization_id == wanted), None)
    if membership is None:
        if len(filing) == 1:
            membership = filing[0]
        else:
            return render(request, "opinion/choose_department.html", {"nav_active": NAV, "filing": filing})
    return _report_form(request, department=membership.organization, membership=membership)


def _author_membership(request, report):
    membership = next((m for m in _filing_memberships(request.user) if m.organization_id == report.department_id), None)
    if membership is None:
        raise PermissionDenied(_("Bạn không còn là cộng tác viên của ban này."))
    return membership


@login_required
def report_edit(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, Action.CHANGE)
    membership = _author_membership(request, report)
    return _report_form(request, department=report.department, membership=membership, report=report)


@login_required
def report_correct(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk)
    if report.collaborator_id != request.user.pk or report.status != OpinionReport.Status.SUBMITTED:
        raise PermissionDenied(_("Chỉ người đã gửi báo cáo mới đính chính báo cáo đã nộp."))
    membership = _author_membership(request, report)
    return _report_form(request, department=report.department, membership=membership, corrects=report)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, Action.CHANGE)
    try:
        services.report_submit(
            actor=request.user, report=report, expected_version=parse_id(request.POST.get("version")) or 0
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã nộp báo cáo."))
    return redirect("opinion:report_detail", pk=pk)


@login_required
def report_detail(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk)
    is_author = report.collaborator_id == request.user.pk
    context = {
        "nav_active": NAV,
        "report": report,
        "title": services.report_title(report),
        "items": selectors.report_items(report),
        "chain": selectors.report_chain(request.user, report),
        "can_edit": permissions.can(request.user, Action.CHANGE, report),
        "can_correct": is_author and report.status == OpinionReport.Status.SUBMITTED,
        "on_time": report.due_on
        and report.submitted_at
        and timezone.localtime(report.submitted_at).date() <= report.due_on,
    }
    return render(request, "opinion/report_detail.html", context)


@login_required
def report_history(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="opinion/report_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "report": report, "history": history_for(report, limit=200)},
    )


# --- the department's pages -------------------------------------------------------------------


def _department_index(request, name: str):
    departments = selectors.own_departments(request.user)
    if len(departments) == 1:
        return redirect(f"opinion:{name}", department=departments[0].pk)
    return render(
        request, "opinion/choose_reading_department.html", {"nav_active": NAV, "departments": departments, "name": name}
    )


@login_required
def collaborators_index(request):
    return _department_index(request, "collaborators")


@login_required
def collaborators(request, department: int):
    department_obj = selectors.get_department_for_user(request.user, department)
    page = paginate(request, selectors.collaborators(department_obj))
    today = timezone.localdate()
    for membership in page.object_list:
        membership.is_active_now = selectors.is_active_membership(membership, today)
    context = {"nav_active": NAV, "department": department_obj, "page": page, "today": today}
    return render(request, "opinion/collaborators.html", context)


@login_required
def calendar_edit(request, department: int):
    department_obj = selectors.get_department_for_user(request.user, department)
    current = selectors.calendar_of(department_obj)
    can_change = permissions.can(request.user, Action.CHANGE, current)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(_("Chỉ lãnh đạo, chuyên viên của ban mới đổi lịch báo cáo."))
        form = CalendarForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.calendar_update(
                    actor=request.user,
                    department=department_obj,
                    frequency=data["frequency"],
                    due_day=data["due_day"],
                    remind_days_before=data["remind_days_before"],
                    expected_version=data["version"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu lịch báo cáo."))
                return redirect("opinion:calendar", department=department_obj.pk)
    else:
        form = CalendarForm(
            initial={
                "frequency": current.frequency,
                "due_day": current.due_day,
                "remind_days_before": current.remind_days_before,
                "version": current.version,
            }
        )
    today = timezone.localdate()
    context = {
        "nav_active": NAV,
        "department": department_obj,
        "calendar": current,
        "form": form,
        "can_change": can_change,
        "periods": selectors.periods_of_year(current, today.year),
        "today": today,
    }
    return render(request, "opinion/calendar.html", context)


@login_required
def matrix_current(request, department: int):
    selectors.get_department_for_user(request.user, department)
    return redirect("opinion:matrix", department=department, year=timezone.localdate().year)


@login_required
def matrix(request, department: int, year: int):
    department_obj = selectors.get_department_for_user(request.user, department)
    if not 1900 <= year <= 2200:
        raise Http404(_("Không tìm thấy."))
    result = selectors.department_matrix(department_obj, year)
    this_year = timezone.localdate().year
    context = {
        "nav_active": NAV,
        "department": department_obj,
        "matrix": result,
        "legend": result.legend(),
        "years": [this_year - 2, this_year - 1, this_year],
    }
    return render(request, "opinion/matrix.html", context)


@login_required
def summary(request, department: int):
    department_obj = selectors.get_department_for_user(request.user, department)
    cal = selectors.calendar_of(department_obj)
    period_ = selectors.parse_period_key(cal, request.GET.get("period"))
    today = timezone.localdate()
    result = selectors.department_summary(department_obj, period_, today)
    current = selectors.current_period(cal, today)
    choices = [
        p for year in (today.year - 1, today.year) for p in selectors.periods_of_year(cal, year) if p.start <= today
    ]
    context = {
        "nav_active": NAV,
        "department": department_obj,
        "summary": result,
        "choices": list(reversed(choices)),
        "current": current,
    }
    return render(request, "opinion/summary.html", context)


# --- the taxonomy -------------------------------------------------------------------------------


@login_required
def taxonomy(request):
    is_admin = permissions.principal(request.user).is_admin
    topic_form, tag_form = TopicForm(prefix="topic"), TagForm(prefix="tag")
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied(_("Chỉ quản trị viên mới sửa danh mục chủ đề."))
        what = request.POST.get("what")
        pk = parse_id(request.POST.get("pk"))
        try:
            if what == "topic":
                topic_form = TopicForm(request.POST, prefix="topic")
                if topic_form.is_valid():
                    topic = Topic.objects.filter(pk=pk).first() if pk else None
                    services.topic_save(actor=request.user, topic=topic, **topic_form.cleaned_data)
                    messages.success(request, _("Đã lưu chủ đề."))
                    return redirect("opinion:taxonomy")
            elif what == "tag":
                tag_form = TagForm(request.POST, prefix="tag")
                if tag_form.is_valid():
                    tag = Tag.objects.filter(pk=pk).first() if pk else None
                    services.tag_save(actor=request.user, tag=tag, **tag_form.cleaned_data)
                    messages.success(request, _("Đã lưu sự kiện, dịp."))
                    return redirect("opinion:taxonomy")
        except ValidationError as error:
            attach_errors(topic_form if what == "topic" else tag_form, error)
            messages.error(request, " ".join(error.messages))
    context = {
        "nav_active": NAV,
        "topics": list(selectors.topics()),
        "tags": list(selectors.tags()),
        "is_admin": is_admin,
        "topic_form": topic_form,
        "tag_form": tag_form,
    }
    return render(request, "opinion/taxonomy.html", context)
