"""Input and output schemas of the inspections API. Inputs are strict (unknown fields are
refused); `InspectionFilterIn` mirrors selectors.InspectionFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.inspections import transitions
from phoihop.inspections.models import Inspection
from phoihop.organisations.schemas import OrganizationRefOut

StatusCode = Literal[tuple(Inspection.Status.values)]  # type: ignore[valid-type]
InspectionAction = Literal[tuple(transitions.INSPECTION)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 10000


class ProgramRefOut(Schema):
    id: int
    title: str


class TransitionOut(Schema):
    action: str
    label: str
    needs_reason: bool


class TaskRefOut(Schema):
    id: int
    title: str
    lead: OrganizationRefOut
    due_date: dt.date
    status: str
    bucket: str = Field(
        ..., description="Nhóm theo dõi (done_on_time, done_late, open_on_time, open_overdue; rỗng: đã hủy)."
    )
    progress: int = Field(..., description="Tiến độ bình quân của các bên (%).")

    @staticmethod
    def resolve_progress(obj) -> int:
        return round(obj.progress or 0)


class ConclusionOut(Schema):
    id: int
    number: int
    text: str
    requirement: str
    remediation_due: dt.date | None
    remedied: bool
    tasks: list[TaskRefOut]

    @staticmethod
    def resolve_tasks(obj) -> list:
        return list(obj.tasks.all())


class InspectionOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    inspected: OrganizationRefOut
    program: ProgramRefOut | None
    title: str
    decision_ref: str
    scope: str
    started_on: dt.date
    ended_on: dt.date | None
    concluded_on: dt.date | None
    conclusion_ref: str
    summary: str
    status: str
    status_label: str
    status_reason: str

    @staticmethod
    def resolve_status_label(obj: Inspection) -> str:
        return str(obj.get_status_display())


class InspectionDetailOut(InspectionOut):
    conclusions: list[ConclusionOut]
    remedied: int = Field(..., description="Số kết luận đã khắc phục (có nhiệm vụ và tất cả đã hoàn thành).")
    transitions: list[TransitionOut] = Field(
        ..., description="Các thao tác chuyển trạng thái người dùng làm được lúc này."
    )

    @staticmethod
    def resolve_conclusions(obj) -> list:
        return obj.detail_data["conclusions"]

    @staticmethod
    def resolve_remedied(obj) -> int:
        return sum(1 for c in obj.detail_data["conclusions"] if c.remedied)

    @staticmethod
    def resolve_transitions(obj) -> list[dict]:
        return [
            {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
            for t in obj.detail_data["transitions"]
        ]


# --- inputs ------------------------------------------------------------------------------------


class InspectionFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo tên, quyết định, nội dung; không phân biệt dấu.")
    status: StatusCode | None = None
    year: int | None = Field(None, ge=1900, le=9999, description="Năm bắt đầu kiểm tra.")
    inspected: int | None = Field(None, description="Mã cơ quan được kiểm tra.")


class InspectionIn(StrictIn):
    owner: int = Field(..., description="Mã cơ quan kiểm tra (người dùng là lãnh đạo, chuyên viên của cơ quan).")
    inspected: int = Field(..., description="Mã cơ quan được kiểm tra.")
    program: int | None = Field(None, description="Mã chương trình phối hợp (để lập nhiệm vụ khắc phục).")
    title: str = Field(..., max_length=500)
    decision_ref: str = Field("", max_length=255)
    scope: str = Field("", max_length=TEXT)
    started_on: ViDate
    ended_on: ViDate | None = None
    summary: str = Field("", max_length=TEXT)


class InspectionPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    inspected: int = None
    program: int | None = None
    title: str = Field(None, max_length=500)
    decision_ref: str = Field(None, max_length=255)
    scope: str = Field(None, max_length=TEXT)
    started_on: ViDate = None
    ended_on: ViDate | None = None
    concluded_on: ViDate | None = None
    conclusion_ref: str = Field(None, max_length=255)
    summary: str = Field(None, max_length=TEXT)


class InspectionTransitionIn(StrictIn):
    action: InspectionAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT, description="Bắt buộc khi kiểm tra tiếp hoặc mở lại.")


class ConclusionIn(StrictIn):
    text: str = Field(..., max_length=TEXT, description="Hạn chế, tồn tại đã phát hiện.")
    requirement: str = Field("", max_length=TEXT)
    remediation_due: ViDate | None = None
    number: int | None = Field(None, ge=1, le=999, description="Thứ tự; bỏ trống: số tiếp theo.")


class RemediationTaskIn(StrictIn):
    title: str = Field(..., max_length=500)
    due_date: ViDate
    lead: int | None = Field(
        None, description="Mã cơ quan chủ trì (một bên của chương trình); mặc định: cơ quan được kiểm tra."
    )
    partners: list[int] = Field(default_factory=list, description="Mã các cơ quan phối hợp (các bên của chương trình).")
    description: str = Field("", max_length=TEXT)
