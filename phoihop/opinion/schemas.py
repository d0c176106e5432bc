"""Input and output schemas of the public-opinion API. Inputs are strict (unknown fields
are refused); `ReportFilterIn` mirrors selectors.ReportFilter."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from phoihop.core.api import FilterIn
from phoihop.opinion.models import Breadth, Direction, Intensity, OpinionReport, ReportingCalendar
from phoihop.organisations.schemas import OrganizationRefOut

KindCode = Literal[tuple(OpinionReport.Kind.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(OpinionReport.Status.values)]  # type: ignore[valid-type]
DirectionCode = Literal[tuple(Direction.values)]  # type: ignore[valid-type]
IntensityCode = Literal[tuple(Intensity.values)]  # type: ignore[valid-type]
BreadthCode = Literal[tuple(Breadth.values)]  # type: ignore[valid-type]
FrequencyCode = Literal[tuple(ReportingCalendar.Frequency.values)]  # type: ignore[valid-type]


class TopicOut(Schema):
    id: int
    code: str
    name: str
    position: int
    is_active: bool


class TagOut(Schema):
    id: int
    name: str
    is_active: bool


class UnitRefOut(Schema):
    id: int
    name: str


class ItemOut(Schema):
    id: int
    position: int
    topic: TopicOut
    tags: list[TagOut]
    area: UnitRefOut
    direction: str
    intensity: str
    breadth: str
    summary: str
    flagged_hot: bool

    @staticmethod
    def resolve_tags(obj) -> list:
        return list(obj.tags.all())


class ReportOut(Schema):
    id: int
    version: int
    department: OrganizationRefOut
    collaborator_name: str
    area: UnitRefOut
    kind: str
    title: str = Field(..., description="Kỳ (“Tháng 10/2026”) hoặc “Báo cáo nhanh ngày …”.")
    frequency: str
    year: int
    period: int | None
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date | None
    status: str
    submitted_at: dt.datetime | None
    corrects_id: int | None = Field(..., description="Báo cáo gốc mà báo cáo này đính chính.")
    overview: str

    @staticmethod
    def resolve_collaborator_name(obj: OpinionReport) -> str:
        return obj.collaborator.get_full_name() or obj.collaborator.get_username()


class ReportDetailOut(ReportOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj: OpinionReport) -> list:
        return obj.item_list


class CalendarOut(Schema):
    department: OrganizationRefOut
    frequency: str
    due_day: int
    remind_days_before: int
    version: int
    is_default: bool


class CellOut(Schema):
    period: int
    label: str
    due: dt.date
    state: Literal["on_time", "late", "missing", "not_yet_due", "not_expected"] = Field(
        ..., description="not_expected: khi đó chưa hoặc không còn là cộng tác viên."
    )
    report_id: int | None
    corrections: int


class MatrixRowOut(Schema):
    collaborator_id: int
    collaborator_name: str
    area: UnitRefOut | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    cells: list[CellOut]


class MatrixOut(Schema):
    department: OrganizationRefOut
    year: int
    frequency: str
    due_day: int
    rows: list[MatrixRowOut]
    totals: dict[str, int]


class TrendOut(Schema):
    current: int
    previous: int
    difference: int
    direction: Literal["up", "down", "steady"]


class FiguresOut(Schema):
    items: int
    hot: int
    attention: int
    by_direction: dict[str, int]


class SummaryLineOut(Schema):
    id: int | None = None
    key: str | None = None
    name: str
    figures: FiguresOut
    trend: TrendOut


class SummaryOut(Schema):
    department: OrganizationRefOut
    period: str = Field(..., description="Kỳ tổng hợp, dạng năm-số kỳ (2026-10).")
    period_label: str
    previous: str
    total: FiguresOut
    total_trend: TrendOut
    by_topic: list[SummaryLineOut]
    by_area: list[SummaryLineOut]
    by_period: list[SummaryLineOut]


# --- inputs --------------------------------------------------------------------------


class ReportFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm trong tóm tắt các nội dung; không phân biệt dấu.")
    department: int | None = None
    collaborator: int | None = None
    kind: KindCode | None = None
    status: StatusCode | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    period: int | None = Field(None, ge=1, le=12)
    area: int | None = None
    hot: bool | None = Field(None, description="true: có nội dung nổi cộm; false: không có.")


class ItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    topic: int = Field(..., description="Mã chủ đề (đang dùng).")
    tags: list[int] = Field([], description="Mã các sự kiện, dịp.")
    area: int | None = Field(None, description="Địa bàn của nội dung; mặc định là địa bàn của báo cáo.")
    direction: DirectionCode
    intensity: IntensityCode
    breadth: BreadthCode
    summary: str = Field(..., max_length=5000)
    flagged_hot: bool = False


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    department: int
    kind: KindCode = OpinionReport.Kind.PERIODIC
    area: int
    year: int | None = Field(None, ge=1900, le=2200, description="Định kỳ: năm của kỳ.")
    period: int | None = Field(None, ge=1, le=12, description="Định kỳ: số kỳ (tháng 1–12 hoặc quý 1–4).")
    observed_on: dt.date | None = Field(None, description="Báo cáo nhanh: ngày ghi nhận.")
    overview: str = Field("", max_length=20000)
    items: list[ItemIn] = Field([], max_length=50)
    submit: bool = Field(False, description="Nộp ngay (cần ít nhất một nội dung).")


class ReportUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., ge=1, description="Phiên bản đã đọc; 409 nếu đã đổi.")
    area: int
    year: int | None = Field(None, ge=1900, le=2200)
    period: int | None = Field(None, ge=1, le=12)
    observed_on: dt.date | None = None
    overview: str = Field("", max_length=20000)
    items: list[ItemIn] = Field([], max_length=50)
    submit: bool = False


class CorrectionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., ge=1, description="Phiên bản đã đọc của báo cáo được đính chính; 409 nếu đã đổi.")
    area: int
    overview: str = Field("", max_length=20000)
    items: list[ItemIn] = Field([], max_length=50)
    submit: bool = False


class VersionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., ge=1)


class CalendarIn(Schema):
    model_config = ConfigDict(extra="forbid")

    frequency: FrequencyCode
    due_day: int = Field(..., ge=1, le=31)
    remind_days_before: int = Field(3, ge=0, le=31)
    version: int = Field(..., ge=1, description="Phiên bản đã đọc (1 với lịch mặc định); 409 nếu đã đổi.")
