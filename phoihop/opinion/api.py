"""The public-opinion API: /opinion/reports (list, fetch, create with items, update a
draft, submit, correct), /opinion/topics and /opinion/tags, /opinion/calendar/{dept},
/opinion/matrix/{dept}/{year}, /opinion/summary/{dept}.

Thin on purpose: reads through the selectors (the list filter is selectors.ReportFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.opinion import selectors, services
from phoihop.opinion.models import OpinionReport
from phoihop.opinion.schemas import (
    CalendarIn,
    CalendarOut,
    CorrectionIn,
    ItemIn,
    MatrixOut,
    ReportDetailOut,
    ReportFilterIn,
    ReportIn,
    ReportOut,
    ReportUpdateIn,
    SummaryOut,
    TagOut,
    TopicOut,
    VersionIn,
)
from phoihop.organisations.models import AdministrativeUnit, Organization

router = Router(tags=["Dư luận xã hội"])


def _detail(user, report_id: int) -> OpinionReport:
    report = selectors.get_report_for_user(user, report_id)
    report.item_list = selectors.report_items(report)
    return report


def _items(items: list[ItemIn]) -> list[services.ItemInput]:
    return [
        services.ItemInput(
            topic=item.topic,
            direction=item.direction,
            intensity=item.intensity,
            breadth=item.breadth,
            summary=item.summary,
            area=item.area,
            tags=tuple(item.tags),
            flagged_hot=item.flagged_hot,
        )
        for item in items
    ]


def _area(pk: int) -> AdministrativeUnit:
    area = AdministrativeUnit.objects.filter(pk=pk).first()
    if area is None:
        raise ValidationError({"area": [_("Không tìm thấy địa bàn.")]})
    return area


# --- reports ---------------------------------------------------------------------------------


@router.get("/reports", response={200: list[ReportOut], **error_responses(401, 422)}, summary="Danh sách báo cáo")
@paginate(Pagination)
def report_list(request: HttpRequest, filters: Query[ReportFilterIn]):
    """The reports the user may see: its own (drafts included); the submitted reports of
    the departments it reads (leaders, officers, viewers) and, for an upper level, of
    the departments below. Newest period first."""
    return selectors.report_list(request.auth, selectors.ReportFilter(**filters.model_dump()))


@router.get(
    "/reports/{int:report_id}", response={200: ReportDetailOut, **error_responses(401, 404)}, summary="Một báo cáo"
)
def report_detail(request: HttpRequest, report_id: int):
    return _detail(request.auth, report_id)


@router.post(
    "/reports",
    response={201: ReportDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Tạo báo cáo (bản nháp, hoặc nộp ngay)",
)
def report_create(request: HttpRequest, payload: ReportIn):
    """Periodic: `year` and `period` of the department's calendar, begun, covered by the
    collaborator's membership, not yet reported (else 422 on `period`). Quick:
    `observed_on`. `area` within the collaborator's area; items with topics in use.
    `submit`: submit at once (at least one item)."""
    user = request.auth
    permissions.check(user, Action.CREATE, OpinionReport)
    department = Organization.objects.filter(pk=payload.department).first()
    if department is None:
        raise ValidationError({"department": [_("Không tìm thấy cơ quan.")]})
    report = services.report_create(
        actor=user,
        department=department,
        kind=payload.kind,
        area=_area(payload.area),
        items=_items(payload.items),
        overview=payload.overview,
        year=payload.year,
        period=payload.period,
        observed_on=payload.observed_on,
        submit=payload.submit,
    )
    return Status(201, _detail(user, report.pk))


@router.put(
    "/reports/{int:report_id}",
    response={200: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa bản nháp",
)
def report_update(request: HttpRequest, report_id: int, payload: ReportUpdateIn):
    """A draft, by its author, with the `version` read (409 if changed since). The items
    given replace the draft's."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    services.report_update(
        actor=user,
        report=report,
        expected_version=payload.version,
        area=_area(payload.area),
        items=_items(payload.items),
        overview=payload.overview,
        year=payload.year,
        period=payload.period,
        observed_on=payload.observed_on,
        submit=payload.submit,
    )
    return _detail(user, report_id)


@router.post(
    "/reports/{int:report_id}/submit",
    response={200: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Nộp báo cáo",
)
def report_submit(request: HttpRequest, report_id: int, payload: VersionIn):
    """A draft, by its author (at least one item). Never edited afterwards."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    services.report_submit(actor=user, report=report, expected_version=payload.version)
    return _detail(user, report_id)


@router.post(
    "/reports/{int:report_id}/corrections",
    response={201: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Đính chính báo cáo đã nộp",
)
def report_correct(request: HttpRequest, report_id: int, payload: CorrectionIn):
    """A new report of the author linking to the submitted one it corrects (same
    department, kind and period), with the corrected report's `version` (409 if changed)."""
    user = request.auth
    corrects = selectors.get_report_for_user(user, report_id)
    report = services.report_create(
        actor=user,
        department=corrects.department,
        area=_area(payload.area),
        items=_items(payload.items),
        overview=payload.overview,
        corrects=corrects,
        corrects_version=payload.version,
        submit=payload.submit,
    )
    return Status(201, _detail(user, report.pk))


# --- the taxonomy ----------------------------------------------------------------------------


@router.get("/topics", response={200: list[TopicOut], **error_responses(401)}, summary="Chủ đề dư luận")
def topic_list(request: HttpRequest, active: bool | None = None):
    """All topics in their order; `active=true`: only those that may be chosen."""
    return list(selectors.topics(active_only=bool(active)))


@router.get("/tags", response={200: list[TagOut], **error_responses(401)}, summary="Sự kiện, dịp")
def tag_list(request: HttpRequest, active: bool | None = None):
    return list(selectors.tags(active_only=bool(active)))


# --- a department's calendar, matrix and summary ---------------------------------------------


def _calendar_out(cal) -> dict:
    return {
        "department": cal.department,
        "frequency": cal.frequency,
        "due_day": cal.due_day,
        "remind_days_before": cal.remind_days_before,
        "version": cal.version,
        "is_default": cal.pk is None,
    }


@router.get(
    "/calendar/{int:department_id}",
    response={200: CalendarOut, **error_responses(401, 404)},
    summary="Lịch báo cáo của ban",
)
def calendar_detail(request: HttpRequest, department_id: int):
    department = selectors.get_department_for_user(request.auth, department_id)
    return _calendar_out(selectors.calendar_of(department))


@router.put(
    "/calendar/{int:department_id}",
    response={200: CalendarOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Đổi lịch báo cáo của ban",
)
def calendar_update(request: HttpRequest, department_id: int, payload: CalendarIn):
    """Leaders and officers of the department; `version` as read (1 for the default)."""
    department = selectors.get_department_for_user(request.auth, department_id)
    cal = services.calendar_update(
        actor=request.auth,
        department=department,
        frequency=payload.frequency,
        due_day=payload.due_day,
        remind_days_before=payload.remind_days_before,
        expected_version=payload.version,
    )
    return _calendar_out(cal)


@router.get(
    "/matrix/{int:department_id}/{int:year}",
    response={200: MatrixOut, **error_responses(401, 404)},
    summary="Bảng theo dõi nộp báo cáo của ban trong năm",
)
def matrix(request: HttpRequest, department_id: int, year: int):
    """One row per collaborator whose membership overlaps the year, one cell per period:
    `on_time` (submitted by the end of the due day), `late`, `missing` (due day passed,
    nothing submitted), `not_yet_due`, `not_expected` (not a collaborator then)."""
    department = selectors.get_department_for_user(request.auth, department_id)
    if not 1900 <= year <= 2200:  # as the page: a year the calendar arithmetic can hold
        raise Http404(_("Không tìm thấy."))
    result = selectors.department_matrix(department, year, timezone.localdate())
    return {
        "department": department,
        "year": year,
        "frequency": result.calendar.frequency,
        "due_day": result.calendar.due_day,
        "totals": result.totals(),
        "rows": [
            {
                "collaborator_id": row.user.pk,
                "collaborator_name": row.user.get_full_name() or row.user.get_username(),
                "area": row.membership.area,
                "valid_from": row.membership.valid_from,
                "valid_to": row.membership.valid_to,
                "cells": [
                    {
                        "period": cell.period.number,
                        "label": cell.period.label,
                        "due": cell.period.due,
                        "state": cell.state,
                        "report_id": cell.report.pk if cell.report else None,
                        "corrections": cell.corrections,
                    }
                    for cell in row.cells
                ],
            }
            for row in result.rows
        ],
    }


def _line(name: str, line, **ids) -> dict:
    trend = line.trend
    return {
        **ids,
        "name": name,
        "figures": vars(line.figures),
        "trend": {
            "current": trend.current,
            "previous": trend.previous,
            "difference": trend.difference,
            "direction": trend.direction,
        },
    }


@router.get(
    "/summary/{int:department_id}",
    response={200: SummaryOut, **error_responses(401, 404, 422)},
    summary="Tổng hợp dư luận của ban",
)
def summary(request: HttpRequest, department_id: int, period: str | None = None):
    """Items of submitted reports (the latest version of each) by topic, by area and by
    period of the year, with the trend against the previous period. `period`: "2026-10"
    (default: the current period). The attention score is the sum over items of
    intensity (1–3) × breadth (1–4)."""
    department = selectors.get_department_for_user(request.auth, department_id)
    cal = selectors.calendar_of(department)
    wanted = selectors.parse_period_key(cal, period) if period else None
    if period and wanted is None:
        raise ValidationError({"period": [_("Kỳ không hợp lệ; ví dụ 2026-10.")]})
    result = selectors.department_summary(department, wanted)
    total = result.result
    trend = total.total_trend
    return {
        "department": department,
        "period": result.period.key,
        "period_label": result.period.label,
        "previous": result.previous.key,
        "total": vars(total.total),
        "total_trend": {
            "current": trend.current,
            "previous": trend.previous,
            "difference": trend.difference,
            "direction": trend.direction,
        },
        "by_topic": [_line(name, line, id=line.key) for name, line in result.topic_rows()],
        "by_area": [_line(name, line, id=line.key) for name, line in result.area_rows()],
        "by_period": [_line(name, line, key=line.key) for name, line in result.period_rows()],
    }
