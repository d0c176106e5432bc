"""Pages of official reports. Reads go through selectors, writes through services, and
every access through `phoihop.accounts.permissions`: strangers get 404, readers who may
not act get 403, a refused write changes nothing and shows why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.hotissues.models import HotIssue
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program
from phoihop.reports import downloads, jobs, selectors, services
from phoihop.reports.document import date_line, number_text
from phoihop.reports.forms import (
    GenerateForm,
    ReportCreateForm,
    ReportEditForm,
    ReportFilterForm,
    VersionForm,
    attach_errors,
)
from phoihop.reports.models import Report

NAV = "reports"


# --- list -------------------------------------------------------------------------------------


@login_required
def report_list(request):
    form = ReportFilterForm(request.GET, issuers=selectors.issuer_filter_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.report_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ReportFilter(),
        "can_create": bool(selectors.issuer_choices(request.user)),
    }
    return render_page_or_partial(
        request, page="reports/report_list.html", partial="reports/_report_results.html", context=context
    )


# --- create -----------------------------------------------------------------------------------


def _create_form(user, data=None) -> ReportCreateForm:
    return ReportCreateForm(
        data,
        issuers=selectors.issuer_choices(user),
        organizations=selectors.scope_organization_choices(user),
        programs=selectors.program_choices(user),
        areas=selectors.area_choices(user),
        hot_issues=selectors.hot_issue_choices(user),
        agencies=selectors.request_to_choices(user),
    )


def _pick(model, pk):
    return model.objects.filter(pk=pk).first() if pk else None


@login_required
def report_create(request):
    permissions.check(request.user, Action.CREATE, Report)
    if not selectors.issuer_choices(request.user):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if request.method == "POST":
        form = _create_form(request.user, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    actor=request.user,
                    issuer=_pick(Organization, data["issuer"]),
                    kind=data["kind"],
                    scope_kind=data["scope_kind"],
                    organization=_pick(Organization, data["organization"]),
                    program=_pick(Program, data["program"]),
                    area=_pick(AdministrativeUnit, data["area"]),
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    hot_issue=_pick(HotIssue, data["hot_issue"]),
                    request_to=_pick(Organization, data["request_to"]),
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lập dự thảo báo cáo."))
                return redirect("reports:detail", pk=report.pk)
    else:
        form = _create_form(request.user)
        form.initial["issuer"] = form.fields["issuer"].choices[0][0]
        form.prefill(request.GET)
    return render(request, "reports/report_form.html", {"nav_active": NAV, "form": form})


# --- one report -------------------------------------------------------------------------------


def _header(report: Report) -> dict:
    return {
        "number": number_text(report.regime, report.number, services.TYPE_CODE, report.issuer.issuer_code),
        "date_line": date_line(report.place, report.issued_on),
    }


def _report_page(request, report: Report, *, errors=None, status: int = 200):
    can_change = permissions.can(request.user, Action.CHANGE, report)
    context = {
        "nav_active": NAV,
        "report": report,
        "header": _header(report),
        "figure_groups": selectors.figure_groups(report),
        "files": selectors.latest_files(report),
        "run": selectors.latest_run(report),
        "can_change": can_change,
        "can_edit": can_change and not report.is_issued,
        "empty_sections": services.empty_required_sections(report),
        "action_errors": errors or [],
    }
    return render(request, "reports/report_detail.html", context, status=status)


@login_required
def report_detail(request, pk: int):
    return _report_page(request, selectors.get_report_for_user(request.user, pk))


@login_required
def report_edit(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, Action.CHANGE)
    if report.is_issued:
        messages.error(request, _("Báo cáo đã ban hành, không thể thay đổi."))
        return redirect("reports:detail", pk=report.pk)
    if request.method == "POST":
        form = ReportEditForm(request.POST, sections=report.sections)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_update(
                    actor=request.user,
                    report=report,
                    expected_version=data["version"],
                    sections=form.sections(),
                    **{name: data[name] for name in services.OFFICIAL_FIELDS},
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect("reports:detail", pk=report.pk)
    else:
        initial = {name: getattr(report, name) for name in (*services.OFFICIAL_FIELDS, "version")}
        initial |= {f"section_{s['key']}": s.get("text", "") for s in report.sections}
        form = ReportEditForm(initial=initial, sections=report.sections)
    return render(request, "reports/report_edit.html", {"nav_active": NAV, "form": form, "report": report})


def _action(request, pk: int, do, success: str):
    report = selectors.get_report_for_user(request.user, pk, Action.CHANGE)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, errors=[_("Dữ liệu gửi lên không hợp lệ.")], status=422)
    try:
        do(report, form.cleaned_data)
    except ValidationError as error:
        report.refresh_from_db()
        return _report_page(request, report, errors=list(error.messages), status=422)
    messages.success(request, success)
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_recompute(request, pk: int):
    return _action(
        request,
        pk,
        lambda report, data: services.report_recompute(
            actor=request.user, report=report, expected_version=data["version"], reset_text=data["reset_text"]
        ),
        _("Đã tính lại số liệu."),
    )


@login_required
@require_POST
def report_issue(request, pk: int):
    return _action(
        request,
        pk,
        lambda report, data: services.report_issue(actor=request.user, report=report, expected_version=data["version"]),
        _("Đã ban hành báo cáo; các tệp đang được tạo."),
    )


@login_required
@require_POST
def report_generate(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, Action.CHANGE)
    form = GenerateForm(request.POST)
    formats = (form.cleaned_data["formats"] if form.is_valid() else None) or list(jobs.FORMATS)
    try:
        jobs.report_generate(actor=request.user, report=report, formats=formats)
    except ValidationError as error:
        return _report_page(request, report, errors=list(error.messages), status=422)
    messages.success(request, _("Đang tạo tệp báo cáo."))
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_run(request, pk: int):
    """The generation progress (HTMX polls it every second while the run is going)."""
    report = selectors.get_report_for_user(request.user, pk)
    context = {"report": report, "run": selectors.latest_run(report), "files": selectors.latest_files(report)}
    return render(request, "reports/_files.html", context)


@login_required
def report_download(request, pk: int, fmt: str):
    report = selectors.get_report_for_user(request.user, pk)
    return downloads.file_response(request.user, report, fmt)
