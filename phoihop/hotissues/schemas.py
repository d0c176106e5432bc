"""Input and output schemas of the hot issues API. Inputs are strict (unknown fields are
refused); `HotIssueFilterIn` mirrors selectors.HotIssueFilter."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.hotissues.models import HotIssue, Severity
from phoihop.organisations.schemas import OrganizationRefOut

StatusCode = Literal[tuple(HotIssue.Status.values)]  # type: ignore[valid-type]
SeverityCode = Literal[tuple(Severity.values)]  # type: ignore[valid-type]
SourceKind = Literal["opinion_item", "press_item", "provision", "subject"]
FlagCode = Literal["is_prominent", "is_complex", "is_sensitive"]


class RefOut(Schema):
    id: int
    name: str


class HotIssueOut(Schema):
    id: int
    version: int
    title: str
    description: str
    owner: OrganizationRefOut
    area: RefOut
    topic: RefOut
    severity: str
    is_prominent: bool
    is_complex: bool
    is_sensitive: bool
    program_id: int | None
    status: str
    status_label: str
    detected_at: dt.datetime
    status_changed_at: dt.datetime
    escalated_at: dt.datetime | None
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj: HotIssue) -> str:
        return str(obj.get_status_display())


class SourceOut(Schema):
    id: int
    kind: str
    object_id: int
    label: str
    added_at: dt.datetime

    @staticmethod
    def resolve_kind(obj) -> str:
        return next(k for k in ("opinion_item", "press_item", "provision", "subject") if getattr(obj, f"{k}_id"))

    @staticmethod
    def resolve_object_id(obj) -> int:
        return obj.opinion_item_id or obj.press_item_id or obj.provision_id or obj.subject_id

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.opinion_item or obj.press_item or obj.provision or obj.subject)


class EventOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    reason: str
    actor_name: str
    at: dt.datetime

    @staticmethod
    def resolve_actor_name(obj) -> str:
        return (obj.actor.get_full_name() or obj.actor.get_username()) if obj.actor else ""


class HandOverOut(Schema):
    id: int
    to_organization: OrganizationRefOut
    note: str
    sent_at: dt.datetime
    status: str
    answered_at: dt.datetime | None
    answer_reason: str


class TaskRefOut(Schema):
    id: int
    title: str
    lead_id: int
    due_date: dt.date
    status: str
    progress: int

    @staticmethod
    def resolve_progress(obj) -> int:
        return obj.progress_value


class TimerOut(Schema):
    rule_id: int
    rule: str
    due: dt.date | None
    days: int = Field(..., description="> 0: quá hạn bấy nhiêu ngày; < 0: còn bấy nhiêu ngày; 0: đến hạn.")
    text: str

    @staticmethod
    def resolve_rule_id(obj) -> int:
        return obj.rule.pk

    @staticmethod
    def resolve_rule(obj) -> str:
        return obj.rule.name


class HotIssueDetailOut(HotIssueOut):
    sources: list[SourceOut]
    events: list[EventOut]
    hand_overs: list[HandOverOut]
    tasks: list[TaskRefOut]
    shared_with: list[OrganizationRefOut]
    timers: list[TimerOut]
    allowed_actions: list[str] = Field(..., description="Các bước người dùng được chuyển ngay lúc này.")

    @staticmethod
    def resolve_sources(obj) -> list:
        return obj.detail_data["sources"]

    @staticmethod
    def resolve_events(obj) -> list:
        return obj.detail_data["events"]

    @staticmethod
    def resolve_hand_overs(obj) -> list:
        return obj.detail_data["hand_overs"]

    @staticmethod
    def resolve_tasks(obj) -> list:
        return obj.detail_data["tasks"]

    @staticmethod
    def resolve_shared_with(obj) -> list:
        return obj.detail_data["shared"]

    @staticmethod
    def resolve_timers(obj) -> list:
        return obj.detail_data["timers"]

    @staticmethod
    def resolve_allowed_actions(obj) -> list[str]:
        return [t.name for t in obj.detail_data["transitions"]]


class RuleOut(Schema):
    id: int
    version: int
    department_id: int
    name: str
    min_severity: str
    unresolved_days: int | None
    is_active: bool


# --- inputs ----------------------------------------------------------------------------


class HotIssueFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo tên, nội dung; không phân biệt dấu.")
    status: StatusCode | None = None
    topic: int | None = None
    area: int | None = None
    severity: SeverityCode | None = None
    flag: FlagCode | None = None
    owner: int | None = Field(None, description="Mã Ban theo dõi.")
    open_only: bool | None = Field(None, description="true: chỉ vấn đề chưa kết thúc.")


class SourceIn(StrictIn):
    kind: SourceKind
    id: int


class HotIssueCreateIn(StrictIn):
    owner: int = Field(..., description="Mã Ban theo dõi (Ban người dùng là lãnh đạo hoặc chuyên viên).")
    title: str = Field(..., max_length=500)
    description: str = Field("", max_length=20000)
    area: int
    topic: int
    severity: SeverityCode
    is_prominent: bool = False
    is_complex: bool = False
    is_sensitive: bool = False
    program: int | None = None
    source: SourceIn | None = Field(None, description="Nguồn phát hiện (nội dung dư luận, tin bài, thông tin, vấn đề).")


class HotIssueUpdateIn(StrictIn):
    version: int = Field(..., ge=1, description="Phiên bản đã đọc; 409 nếu đã đổi.")
    title: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=20000)
    area: int | None = None
    topic: int | None = None
    severity: SeverityCode | None = None
    is_prominent: bool = None  # may be left out, never null
    is_complex: bool = None  # may be left out, never null
    is_sensitive: bool = None  # may be left out, never null
    program: int | None = None


class TransitionIn(StrictIn):
    action: str = Field(
        ..., max_length=32, description="assess, advise, escalate, handle, resolve, watch, flare_up, reopen"
    )
    version: int = Field(..., ge=1)
    reason: str = Field("", max_length=5000, description="Bắt buộc ở mọi bước.")


class HandOverIn(StrictIn):
    to_organization: int
    note: str = Field(..., max_length=5000)


class AnswerIn(StrictIn):
    accept: bool
    reason: str = Field("", max_length=5000, description="Bắt buộc khi trả lại.")


class ShareIn(StrictIn):
    version: int = Field(..., ge=1)
    organizations: list[int] = Field([], description="Toàn bộ danh sách cơ quan được chia sẻ.")


class RuleIn(StrictIn):
    department: int
    name: str = Field(..., max_length=255)
    min_severity: SeverityCode | Literal[""] = ""
    unresolved_days: int | None = Field(None, ge=1, le=365)
    is_active: bool = True


class RuleUpdateIn(StrictIn):
    version: int = Field(..., ge=1)
    name: str | None = Field(None, max_length=255)
    min_severity: SeverityCode | Literal[""] | None = None
    unresolved_days: int | None = Field(None, ge=1, le=365)
    is_active: bool = None  # may be left out, never null


class TaskIn(StrictIn):
    title: str = Field(..., max_length=500)
    lead: int
    partners: list[int] = []
    due_date: ViDate
