"""The reports API (issue 6, item 7): /reports/ (list, fetch, create, update),
/reports/{id}/recompute, /issue, /generate, /files (list and download), /reports/runs/{id}.

Thin on purpose: reads through the selectors (the list filter is selectors.ReportFilter,
the one the list page uses), writes through the services and jobs, every object through
the permission module — 404 for those who may not see it, 403 for those who see but may
not act, 409 on a stale version or an issued report, 422 with Vietnamese field errors.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.hotissues.models import HotIssue
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program
from phoihop.reports import downloads, jobs, selectors, services, trace
from phoihop.reports.models import Report
from phoihop.reports.schemas import (
    FigureTraceOut,
    FileOut,
    GenerateIn,
    IssueIn,
    RecomputeIn,
    ReportDetailOut,
    ReportFilterIn,
    ReportIn,
    ReportOut,
    ReportPatch,
    RunOut,
)

router = Router(tags=["Báo cáo"])


@contextmanager
def _issued_is_conflict():
    try:
        yield
    except services.ReportIssuedError as error:
        raise HttpError(409, error.messages[0]) from error


def _references(payload: ReportIn) -> dict:
    """Ids → objects; 422 on an unknown id."""
    values = payload.model_dump()
    errors = {}
    for name, model in (
        ("issuer", Organization),
        ("organization", Organization),
        ("program", Program),
        ("area", AdministrativeUnit),
        ("hot_issue", HotIssue),
        ("request_to", Organization),
    ):
        if values.get(name) is not None:
            found = model.objects.filter(pk=values[name]).first()
            if found is None:
                errors[name] = [_("Không tìm thấy: %(ids)s.") % {"ids": values[name]}]
            values[name] = found
    if errors:
        raise ValidationError(errors)
    return values


@router.get("/", response={200: list[ReportOut], **error_responses(401, 422)}, summary="Danh sách báo cáo")
@paginate(Pagination)
def report_list(request: HttpRequest, filters: Query[ReportFilterIn]):
    """Báo cáo người dùng được xem: của cơ quan mình (và cơ quan tiền thân), của cấp dưới
    với cấp trên. Mới nhất trước."""
    return selectors.report_list(request.auth, selectors.ReportFilter(**filters.model_dump()))


@router.get(
    "/runs/{int:run_id}", response={200: RunOut, **error_responses(401, 404)}, summary="Tiến độ một lượt tạo tệp"
)
def run_status(request: HttpRequest, run_id: int):
    """Trạng thái, tiến độ (%) và bước đang làm; lỗi nếu thất bại."""
    return selectors.get_run_for_user(request.auth, run_id)


@router.get("/{int:report_id}", response={200: ReportDetailOut, **error_responses(401, 404)}, summary="Một báo cáo")
def report_detail(request: HttpRequest, report_id: int):
    """Kèm số liệu và các phần nội dung; các bản ghi mỗi số liệu đếm: /figures/{key}."""
    return selectors.get_report_for_user(request.auth, report_id)


@router.get(
    "/{int:report_id}/figures/{key}",
    response={200: FigureTraceOut, **error_responses(401, 404, 422)},
    summary="Các bản ghi một số liệu đếm",
)
def figure_trace(request: HttpRequest, report_id: int, key: str, page: int = Query(1, ge=1, le=1_000_000)):
    """Truy vết một số liệu: các bản ghi được đếm, theo trang; bản ghi bạn không có quyền xem
    chỉ được đếm (`hidden`), không lộ tên hay mã."""
    report = selectors.get_report_for_user(request.auth, report_id)
    figure = trace.figure_of(report, key)
    if figure is None:
        raise HttpError(404, _("Không tìm thấy số liệu."))
    result = trace.trace(request.auth, report, figure, page)
    return {
        "figure": figure,
        "kind_label": result.kind_label,
        "page": result.page.number,
        "pages": result.page.paginator.num_pages,
        "count": result.page.paginator.count,
        "truncated": result.truncated,
        "rows": [vars(row) for row in result.page.object_list],
    }


@router.post("/", response={201: ReportDetailOut, **error_responses(401, 403, 422)}, summary="Lập dự thảo báo cáo")
def report_create(request: HttpRequest, payload: ReportIn):
    """Cho cơ quan người dùng là lãnh đạo, chuyên viên; về phạm vi người dùng được xem.
    Số liệu được tính, nội dung được điền sẵn."""
    user = request.auth
    permissions.check(user, Action.CREATE, Report)
    report = services.report_create(actor=user, **_references(payload))
    return Status(201, selectors.get_report_for_user(user, report.pk))


@router.patch(
    "/{int:report_id}",
    response={200: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa dự thảo báo cáo",
)
def report_update(request: HttpRequest, report_id: int, payload: ReportPatch):
    """Chỉ các trường gửi lên thay đổi; `sections` theo khóa. Gửi `version` đã đọc (409 nếu
    người khác đã lưu trước hoặc báo cáo đã ban hành)."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    sections = values.pop("sections", None)
    with _issued_is_conflict():
        services.report_update(actor=user, report=report, expected_version=version, sections=sections, **values)
    return selectors.get_report_for_user(user, report_id)


@router.post(
    "/{int:report_id}/recompute",
    response={200: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Tính lại số liệu",
)
def report_recompute(request: HttpRequest, report_id: int, payload: RecomputeIn):
    """Giữ nội dung đã sửa, trừ khi `reset_text`."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    with _issued_is_conflict():
        services.report_recompute(
            actor=user, report=report, expected_version=payload.version, reset_text=payload.reset_text
        )
    return selectors.get_report_for_user(user, report_id)


@router.post(
    "/{int:report_id}/issue",
    response={200: ReportDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Ban hành báo cáo",
)
def report_issue(request: HttpRequest, report_id: int, payload: IssueIn):
    """Cấp số tiếp theo trong sổ của cơ quan ban hành cho năm ban hành và tạo tệp. 409 nếu
    đã ban hành; 422 nêu tên các phần bắt buộc còn trống."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    with _issued_is_conflict():
        services.report_issue(actor=user, report=report, expected_version=payload.version)
    return selectors.get_report_for_user(user, report_id)


@router.post(
    "/{int:report_id}/generate",
    response={202: RunOut, **error_responses(401, 403, 404, 422)},
    summary="Tạo tệp báo cáo",
)
def report_generate(request: HttpRequest, report_id: int, payload: GenerateIn):
    """Xếp hàng một lượt tạo tệp (dự thảo cũng được, tệp mang chữ “Dự thảo”); theo dõi
    tiến độ tại /reports/runs/{id}."""
    user = request.auth
    report = selectors.get_report_for_user(user, report_id, Action.CHANGE)
    run = jobs.report_generate(actor=user, report=report, formats=list(payload.formats))
    return Status(202, run)


@router.get(
    "/{int:report_id}/files", response={200: list[FileOut], **error_responses(401, 404)}, summary="Các tệp báo cáo"
)
def report_files(request: HttpRequest, report_id: int):
    """Tệp mới nhất của mỗi định dạng."""
    return selectors.latest_files(selectors.get_report_for_user(request.auth, report_id))


@router.get(
    "/{int:report_id}/files/{fmt}",
    response={200: None, **error_responses(401, 404)},
    summary="Tải tệp báo cáo",
)
def report_download(request: HttpRequest, report_id: int, fmt: str):
    """Tệp mới nhất của định dạng (docx, xlsx, pdf); mỗi lần tải được ghi nhật ký."""
    report = selectors.get_report_for_user(request.auth, report_id)
    return downloads.file_response(request.auth, report, fmt)
