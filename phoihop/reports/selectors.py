"""Reads of official reports, scoped to the user: the list (its filter shared by the list
page and the API list), one report, its latest files and generation run, the drafts of
"Việc của tôi", and the choices of the create form. Constant queries whatever the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.organisations.models import Organization
from phoihop.reports.figures import group_title
from phoihop.reports.models import Report, ReportFile, ReportRun

MAX_CHOICES = 500
MY_DRAFTS = 20


@dataclass(frozen=True)
class ReportFilter:
    kind: str | None = None
    status: str | None = None
    year: int | None = None
    issuer: int | None = None


def report_list(user, filters: ReportFilter = ReportFilter()) -> QuerySet:
    qs = permissions.visible_reports(user).select_related("issuer")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(period_end__gte=dt.date(filters.year, 1, 1), period_end__lte=dt.date(filters.year, 12, 31))
    if filters.issuer:
        qs = qs.filter(issuer_id=filters.issuer)
    return qs.order_by("-period_end", "-id")


def issuer_filter_choices(user) -> list[tuple[int, str]]:
    """The issuers of the reports the user sees (for the list's filter), in one query."""
    issuers = permissions.visible_reports(user).order_by().values("issuer_id")
    return list(
        Organization.objects.filter(pk__in=issuers).order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES]
    )


def get_report_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Report:
    """404 unless the user may see the report; 403 if they see it but may not `action`."""
    report = (
        Report.objects.select_related(
            "issuer",
            "issuer__administrative_unit",
            "scope_organization",
            "scope_program",
            "scope_area",
            "hot_issue",
            "request_to",
            "issued_by",
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, report)
    return report


def latest_files(report: Report) -> list[ReportFile]:
    """The last file of each format, in DOCX, XLSX, PDF order (one query)."""
    latest: dict[str, ReportFile] = {}
    for row in ReportFile.objects.filter(report=report).order_by("-created_at", "-id")[:60]:
        latest.setdefault(row.format, row)
    return [latest[fmt] for fmt in ReportFile.Format.values if fmt in latest]


def latest_file(report: Report, fmt: str) -> ReportFile | None:
    return ReportFile.objects.filter(report=report, format=fmt).order_by("-created_at", "-id").first()


def latest_run(report: Report) -> ReportRun | None:
    return ReportRun.objects.filter(report=report).order_by("-created_at", "-id").first()


def get_run_for_user(user, pk: int) -> ReportRun:
    run = ReportRun.objects.select_related("report").filter(pk=pk).first()
    if run is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, permissions.Action.VIEW, run.report)
    return run


def figure_groups(report: Report) -> list[tuple[str, list[dict]]]:
    """The figures grouped by their `group`, in first-seen order, each under its title."""
    groups: dict[str, list[dict]] = {}
    for figure in report.figures or []:
        groups.setdefault(figure.get("group") or "", []).append(figure)
    return [(group_title(group), items) for group, items in groups.items()]


def my_drafts(user) -> list[Report]:
    """The drafts of the organisations the user edits for (no query for a non-editor)."""
    editor_ids = permissions.principal(user).editor_organization_ids
    if not editor_ids:
        return []
    return list(
        Report.objects.filter(issuer_id__in=list(editor_ids), status=Report.Status.DRAFT)
        .select_related("issuer")
        .order_by("-period_end", "-id")[:MY_DRAFTS]
    )


# --- choices of the create form ---------------------------------------------------------------


def issuer_choices(user) -> list[tuple[int, str]]:
    editors = permissions.principal(user).editor_organization_ids
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in editors
    ]


def scope_organization_choices(user) -> list[tuple[int, str]]:
    """The user's organisations and those below them (what they may report on)."""
    qs = permissions.report_scope_organizations(user)
    return list(qs.order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES])


def program_choices(user) -> list[tuple[int, str]]:
    return list(
        permissions.visible_programs(user)
        .order_by("-start_year", "title", "id")
        .values_list("pk", "title")[:MAX_CHOICES]
    )


def area_choices(user) -> list[tuple[int, str]]:
    """The units of the user's organisations and the units within them."""
    qs = permissions.report_scope_areas(user)
    return list(qs.order_by("level", "sort_name", "id").values_list("pk", "name")[:MAX_CHOICES])


def hot_issue_choices(user) -> list[tuple[int, str]]:
    return list(
        permissions.visible_hot_issues(user).order_by("-detected_at", "-id").values_list("pk", "title")[:MAX_CHOICES]
    )


def request_to_choices(user) -> list[tuple[int, str]]:
    return list(
        permissions.visible_organizations(user).order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES]
    )
