"""Input and output schemas of the reports API. Inputs are strict (unknown fields are
refused); `ReportFilterIn` mirrors selectors.ReportFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.organisations.schemas import OrganizationRefOut
from phoihop.reports.models import Report, ReportRun

KindCode = Literal[tuple(Report.Kind.values)]  # type: ignore[valid-type]
ScopeCode = Literal[tuple(Report.ScopeKind.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(Report.Status.values)]  # type: ignore[valid-type]
AuthorityCode = Literal[tuple(Report.Authority.values)]  # type: ignore[valid-type]
FormatCode = Literal["docx", "xlsx", "pdf"]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."


class FigureOut(Schema):
    key: str
    label: str
    value: int | float | None
    unit: str = ""
    kind: str = Field("", description="Loại bản ghi được đếm; rỗng với số liệu suy ra.")
    group: str = ""
    # The ids of the counted records are not given here: some may be records the reader
    # may not open. GET /reports/{id}/figures/{key} lists them as the reader may see them.


class TraceRowOut(Schema):
    text: str = Field("", description="Tên bản ghi (rỗng khi là các bản ghi bạn không có quyền xem).")
    detail: str = ""
    url: str | None = Field(None, description="Trang của bản ghi, nếu có.")
    hidden: int = Field(0, description="Số bản ghi được đếm mà bạn không có quyền xem, ở vị trí này.")


class FigureTraceOut(Schema):
    figure: FigureOut
    kind_label: str
    page: int
    pages: int
    count: int = Field(..., description="Số bản ghi được giữ lại để truy vết (tối đa 5.000).")
    truncated: bool = Field(..., description="Số liệu đếm nhiều bản ghi hơn số được giữ lại.")
    rows: list[TraceRowOut]


class SectionOut(Schema):
    key: str
    heading: str
    text: str
    required: bool


class ReportOut(Schema):
    id: int
    version: int
    issuer: OrganizationRefOut
    kind: str
    kind_label: str
    regime: str
    title: str
    scope_kind: str
    scope_organization_id: int | None
    scope_program_id: int | None
    scope_area_id: int | None
    period_start: dt.date
    period_end: dt.date
    status: str
    number: int | None
    number_symbol: str
    issued_on: dt.date | None

    @staticmethod
    def resolve_kind_label(obj: Report) -> str:
        return str(obj.get_kind_display())


class ReportDetailOut(ReportOut):
    hot_issue_id: int | None
    request_to_id: int | None
    figures: list[FigureOut]
    sections: list[SectionOut]
    computed_at: dt.datetime | None
    place: str
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: str


class RunOut(Schema):
    id: int
    report_id: int
    status: str
    progress: int = Field(..., description="Tiến độ, 0–100.")
    step: str
    error: str
    formats: list[str]
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_formats(obj: ReportRun) -> list[str]:
        return [fmt for fmt in obj.formats.split(",") if fmt]


class FileOut(Schema):
    id: int
    format: str
    size: int
    sha256: str
    report_version: int
    created_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj) -> str:
        return f"/api/v1/reports/{obj.report_id}/files/{obj.format}"


# --- inputs ------------------------------------------------------------------------------------


class ReportFilterIn(FilterIn):
    kind: KindCode | None = None
    status: StatusCode | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="Năm kết thúc kỳ báo cáo.")
    issuer: int | None = Field(None, description="Mã cơ quan ban hành.")


class ReportIn(StrictIn):
    issuer: int = Field(..., description="Mã cơ quan ban hành (người dùng là lãnh đạo, chuyên viên của cơ quan).")
    kind: KindCode
    scope_kind: ScopeCode
    organization: int | None = Field(None, description="Mã cơ quan, đơn vị (phạm vi “organization”).")
    program: int | None = Field(None, description="Mã chương trình (phạm vi “program”; bắt buộc với sơ kết, tổng kết).")
    area: int | None = Field(None, description="Mã địa bàn (phạm vi “area”).")
    period_start: ViDate = Field(..., description="Từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd).")
    period_end: ViDate = Field(..., description="Đến ngày.")
    hot_issue: int | None = Field(None, description="Mã vấn đề nổi cộm (báo cáo tình hình).")
    request_to: int | None = Field(None, description="Mã cơ quan có thẩm quyền được đề nghị (báo cáo tình hình).")


class ReportPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    sections: dict[str, str] = Field(default_factory=dict, description="Nội dung các phần, theo khóa (key).")
    title: str = Field(None, max_length=500)
    place: str = Field(None, max_length=100)
    signer_authority: AuthorityCode = None
    signer_title: str = Field(None, max_length=255)
    signer_name: str = Field(None, max_length=255)
    recipients: str = Field(None, max_length=5000, description="Mỗi dòng một nơi nhận.")


class RecomputeIn(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reset_text: bool = Field(False, description="Đặt lại cả nội dung các phần đã sửa.")


class IssueIn(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)


class GenerateIn(StrictIn):
    formats: list[FormatCode] = Field(default_factory=lambda: ["docx", "xlsx", "pdf"])
