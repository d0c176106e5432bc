"""Input and output schemas of the meetings API. Inputs are strict (unknown fields are
refused); `MeetingFilterIn` mirrors selectors.MeetingFilter field for field. Times are
accepted as ISO 8601 or dd/mm/yyyy hh:mm; without an offset they are Vietnam's time."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.meetings import transitions
from phoihop.meetings.models import Meeting
from phoihop.organisations.schemas import OrganizationRefOut

KindCode = Literal[tuple(Meeting.Kind.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(Meeting.Status.values)]  # type: ignore[valid-type]
MeetingAction = Literal[tuple(transitions.MEETING)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 20000
_DMY_HM = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$")


def parse_datetime(value: Any) -> Any:
    """dd/mm/yyyy hh:mm or ISO 8601; a time without an offset is Vietnam's local time."""
    if value is None:
        return None
    moment = value
    if isinstance(value, str):
        match = _DMY_HM.match(value)
        try:
            if match:
                day, month, year, hour, minute = (int(part) for part in match.groups())
                moment = dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())
            else:
                moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("datetime_parsing", "invalid datetime") from None
    if not isinstance(moment, dt.datetime):
        raise PydanticCustomError("datetime_parsing", "invalid datetime")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


ViDateTime = Annotated[dt.datetime, BeforeValidator(parse_datetime)]


class ProgramRefOut(Schema):
    id: int
    title: str


class TransitionOut(Schema):
    action: str
    label: str
    needs_reason: bool


class ConnectionPointOut(Schema):
    name: str
    organization: OrganizationRefOut | None
    place: str
    is_main: bool


class TaskRefOut(Schema):
    id: int
    title: str
    lead: OrganizationRefOut
    due_date: dt.date
    status: str
    bucket: str = Field(..., description="Nhóm theo dõi: done_on_time, done_late, open_on_time, open_overdue.")
    progress: int = Field(..., description="Tiến độ tổng hợp (%).")


class ConclusionOut(Schema):
    id: int
    version: int
    number: int
    text: str
    task: TaskRefOut | None


class MeetingOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    program: ProgramRefOut | None
    kind: str
    kind_label: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    is_online: bool
    chair_name: str
    chair_position: str
    status: str
    status_label: str
    status_reason: str

    @staticmethod
    def resolve_kind_label(obj: Meeting) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Meeting) -> str:
        return str(obj.get_status_display())


class ProgressOut(Schema):
    done: int
    total: int
    percent: int


class MeetingDetailOut(MeetingOut):
    agenda: str
    minutes: str
    participants: list[OrganizationRefOut]
    connection_points: list[ConnectionPointOut]
    conclusions: list[ConclusionOut]
    progress: ProgressOut = Field(..., description="Số kết luận đã hoàn thành (nhiệm vụ đã hoàn thành) trên tổng số.")
    transitions: list[TransitionOut] = Field(
        ..., description="Các thao tác chuyển trạng thái người dùng làm được lúc này."
    )

    @staticmethod
    def resolve_participants(obj: Meeting) -> list:
        return obj.detail_data["participants"]

    @staticmethod
    def resolve_connection_points(obj: Meeting) -> list:
        return obj.detail_data["connection_points"]

    @staticmethod
    def resolve_conclusions(obj: Meeting) -> list:
        return obj.detail_data["conclusions"]

    @staticmethod
    def resolve_progress(obj: Meeting) -> dict:
        return obj.detail_data["progress"]

    @staticmethod
    def resolve_transitions(obj: Meeting) -> list[dict]:
        return [
            {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
            for t in obj.detail_data["transitions"]
        ]


# --- inputs ------------------------------------------------------------------------------------


class MeetingFilterIn(FilterIn):
    q: str | None = Field(
        None, max_length=200, description="Tìm theo tên, địa điểm, chương trình, biên bản; không phân biệt dấu."
    )
    kind: KindCode | None = None
    status: StatusCode | None = None
    year: int | None = Field(None, ge=1900, le=9999, description="Năm diễn ra.")
    program: int | None = Field(None, description="Mã chương trình phối hợp.")


class ConnectionPointIn(StrictIn):
    name: str = Field(..., max_length=255)
    organization: int | None = Field(None, description="Mã cơ quan chủ trì điểm cầu (một cơ quan tham dự).")
    place: str = Field("", max_length=500)
    is_main: bool = False


class MeetingIn(StrictIn):
    owner: int = Field(..., description="Mã cơ quan tổ chức (người dùng là lãnh đạo, chuyên viên, đầu mối).")
    kind: KindCode
    title: str = Field(..., max_length=500)
    program: int | None = Field(None, description="Mã chương trình phối hợp mà cơ quan tổ chức là một bên.")
    starts_at: ViDateTime = Field(..., description="dd/mm/yyyy hh:mm hoặc ISO 8601; không có múi giờ: giờ Việt Nam.")
    ends_at: ViDateTime | None = None
    place: str = Field("", max_length=500)
    is_online: bool = False
    chair_name: str = Field("", max_length=255)
    chair_position: str = Field("", max_length=255)
    participants: list[int] = Field(
        default_factory=list, description="Mã các cơ quan tham dự; luôn gồm cơ quan tổ chức."
    )
    agenda: str = Field("", max_length=TEXT)
    minutes: str = Field("", max_length=TEXT)
    connection_points: list[ConnectionPointIn] = Field(
        default_factory=list, description="Điểm cầu của hội nghị trực tuyến: ít nhất một, đúng một điểm cầu chính."
    )


class MeetingPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    kind: KindCode = None
    title: str = Field(None, max_length=500)
    program: int | None = None
    starts_at: ViDateTime = None
    ends_at: ViDateTime | None = None
    place: str = Field(None, max_length=500)
    is_online: bool = None
    chair_name: str = Field(None, max_length=255)
    chair_position: str = Field(None, max_length=255)
    participants: list[int] = Field(None, description="Danh sách mới, đầy đủ.")
    agenda: str = Field(None, max_length=TEXT)
    minutes: str = Field(None, max_length=TEXT)
    connection_points: list[ConnectionPointIn] = Field(None, description="Danh sách mới, đầy đủ.")


class MeetingTransitionIn(StrictIn):
    action: MeetingAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT, description="Bắt buộc khi hủy hội nghị.")


class ConclusionIn(StrictIn):
    text: str = Field(..., max_length=TEXT)
    number: int | None = Field(None, ge=1, le=999, description="Để trống: số tiếp theo.")


class ConclusionPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    text: str = Field(..., max_length=TEXT)
    number: int | None = Field(None, ge=1, le=999)


class ConclusionTaskIn(StrictIn):
    version: int = Field(..., ge=1, description="Phiên bản kết luận đã đọc.")
    lead: int = Field(..., description="Mã cơ quan chủ trì: một cơ quan tham dự hội nghị.")
    partners: list[int] = Field(default_factory=list, description="Mã các cơ quan phối hợp, đều tham dự hội nghị.")
    due_date: ViDate
    title: str = Field("", max_length=500, description="Để trống: lấy nội dung kết luận.")
