"""Input and output schemas of the programmes API. Inputs are strict (unknown fields are
refused) and carry ids; outputs are separate classes so nothing internal leaks.

The filter schemas mirror selectors.ProgramFilter and selectors.TaskFilter field for
field: the API builds those dataclasses from them, so the list pages and the API lists
share one filter definition.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.organisations.models import Level
from phoihop.organisations.schemas import OrganizationRefOut
from phoihop.programs import selectors, transitions
from phoihop.programs.models import (
    AnnualPlan,
    Bucket,
    Channel,
    PartyRole,
    Phase,
    Program,
    ProgramAttachment,
    Task,
    TaskPart,
)

ProgramKind = Literal[tuple(Program.Kind.values)]  # type: ignore[valid-type]
ProgramStatus = Literal[tuple(Program.Status.values)]  # type: ignore[valid-type]
Frequency = Literal[tuple(Program.Frequency.values)]  # type: ignore[valid-type]
PlanStatus = Literal[tuple(AnnualPlan.Status.values)]  # type: ignore[valid-type]
TaskStatus = Literal[tuple(Task.Status.values)]  # type: ignore[valid-type]
Role = Literal[tuple(PartyRole.values)]  # type: ignore[valid-type]
BucketCode = Literal[tuple(Bucket.values)]  # type: ignore[valid-type]
PhaseCode = Literal[tuple(Phase.values)]  # type: ignore[valid-type]
PhaseOrBlank = Literal[("", *Phase.values)]  # type: ignore[valid-type]
ChannelCode = Literal[tuple(Channel.values)]  # type: ignore[valid-type]
LevelCode = Literal[tuple(Level.values)]  # type: ignore[valid-type]
ProgramAction = Literal[tuple(transitions.PROGRAM)]  # type: ignore[valid-type]
PlanAction = Literal[tuple(transitions.PLAN)]  # type: ignore[valid-type]
TaskAction = Literal[tuple(transitions.TASK)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 10000


# --- outputs: small pieces -----------------------------------------------------------


class TransitionOut(Schema):
    action: str
    label: str
    needs_reason: bool


def transitions_out(table, status: str) -> list[dict]:
    """The transitions allowed now, as the buttons a page would show."""
    return [
        {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
        for t in transitions.allowed(table, status)
    ]


class BucketCountOut(Schema):
    bucket: str
    label: str
    count: int


def buckets_out(pairs) -> list[dict]:
    return [{"bucket": bucket.value, "label": str(bucket.label), "count": count} for bucket, count in pairs]


class PartyOut(Schema):
    organization: OrganizationRefOut
    role: str
    role_label: str
    responsibilities: str

    @staticmethod
    def resolve_role_label(obj) -> str:
        return str(obj.get_role_display())


class ContentItemOut(Schema):
    id: int
    number: int
    ordinal: str = Field(..., description="“Một là”, “Hai là”… như cách viết trong chương trình.")
    text: str


class LegalReferenceOut(Schema):
    id: int
    citation: str = Field(..., description="Trích dẫn chuẩn.")
    doc_type: str
    number: str
    year: int | None
    type_code: str
    issuer_code: str
    issued_on: dt.date | None
    issuing_body: str
    term: str
    title: str


class SignatureOut(Schema):
    id: int
    organization: OrganizationRefOut
    signer_name: str
    signer_position: str
    signed_on: dt.date
    place: str


class RevisionOut(Schema):
    number: int
    reason: str
    created_at: dt.datetime
    created_by_name: str
    snapshot: dict[str, Any] = Field(..., description="Nội dung chương trình trước lần sửa đổi này.")

    @staticmethod
    def resolve_created_by_name(obj) -> str:
        return obj.created_by.get_full_name() if obj.created_by else ""


class ProgramRefOut(Schema):
    id: int
    title: str
    number_symbol: str


class PlanRefOut(Schema):
    id: int
    year: int
    title: str


# --- programmes ----------------------------------------------------------------------


class ProgramOut(Schema):
    id: int
    title: str
    number_symbol: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    start_year: int
    end_year: int
    period: str
    parties: list[PartyOut]
    version: int = Field(..., description="Gửi lại trong PATCH và khi chuyển trạng thái.")

    @staticmethod
    def resolve_kind_label(obj: Program) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Program) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_parties(obj: Program):
        return list(obj.parties.all())


class ProgramPlanOut(PlanRefOut):
    number_symbol: str
    status: str
    status_label: str
    task_count: int
    version: int

    @staticmethod
    def resolve_status_label(obj: AnnualPlan) -> str:
        return str(obj.get_status_display())


class ProgramDetailOut(ProgramOut):
    """A programme with what its page shows. `detail_data` is set by the API view from
    selectors.program_detail()."""

    purpose: str
    info_frequency: str
    info_frequency_label: str
    info_day: int | None
    adhoc_hours: int | None
    status_reason: str
    content_items: list[ContentItemOut]
    legal_bases: list[LegalReferenceOut]
    signatures: list[SignatureOut]
    plans: list[ProgramPlanOut]
    buckets: list[BucketCountOut] = Field(..., description="Số nhiệm vụ theo bốn nhóm trạng thái.")
    revisions: list[RevisionOut]
    allowed_actions: list[TransitionOut] = Field(..., description="Các thao tác chuyển trạng thái được phép lúc này.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_info_frequency_label(obj: Program) -> str:
        return str(obj.get_info_frequency_display())

    @staticmethod
    def resolve_content_items(obj: Program):
        return list(obj.content_items.all())

    @staticmethod
    def resolve_legal_bases(obj: Program):
        return obj.detail_data["legal_bases"]

    @staticmethod
    def resolve_signatures(obj: Program):
        return obj.detail_data["signatures"]

    @staticmethod
    def resolve_plans(obj: Program):
        return obj.detail_data["plans"]

    @staticmethod
    def resolve_buckets(obj: Program):
        return buckets_out(obj.detail_data["buckets"])

    @staticmethod
    def resolve_revisions(obj: Program):
        return obj.detail_data["revisions"]

    @staticmethod
    def resolve_allowed_actions(obj: Program):
        return transitions_out(transitions.PROGRAM, obj.status)


# --- plans ---------------------------------------------------------------------------


class PlanOut(PlanRefOut):
    program: ProgramRefOut
    number_symbol: str
    status: str
    status_label: str
    summary: str
    copied_from: PlanRefOut | None
    task_count: int
    version: int = Field(..., description="Gửi lại trong PATCH và khi chuyển trạng thái.")

    @staticmethod
    def resolve_status_label(obj: AnnualPlan) -> str:
        return str(obj.get_status_display())


class TasksSummaryOut(Schema):
    count: int
    buckets: list[BucketCountOut]
    cancelled: int


class PlanDetailOut(PlanOut):
    """A plan with its signatures and a summary of its tasks (`detail_data`, set by the view)."""

    signatures: list[SignatureOut]
    tasks_summary: TasksSummaryOut
    allowed_actions: list[TransitionOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_signatures(obj: AnnualPlan):
        return obj.detail_data["signatures"]

    @staticmethod
    def resolve_tasks_summary(obj: AnnualPlan):
        return obj.detail_data["tasks_summary"]

    @staticmethod
    def resolve_allowed_actions(obj: AnnualPlan):
        return transitions_out(transitions.PLAN, obj.status)


# --- tasks ---------------------------------------------------------------------------


class ContentItemRefOut(Schema):
    id: int
    number: int
    ordinal: str


class PartSummaryOut(Schema):
    id: int
    organization: OrganizationRefOut
    role: str
    role_label: str
    progress: int
    reported_at: dt.datetime | None
    version: int = Field(..., description="Gửi lại khi báo cáo tiến độ phần việc này.")

    @staticmethod
    def resolve_role_label(obj: TaskPart) -> str:
        return str(obj.get_role_display())


def lead_first(parts) -> list[TaskPart]:
    """The lead's part, then the partners' in the order they were added."""
    return sorted(parts, key=lambda part: (part.role != PartyRole.LEAD, part.pk))


class TaskOut(Schema):
    id: int
    title: str
    program: ProgramRefOut
    plan: PlanRefOut
    content_item: ContentItemRefOut | None
    lead: OrganizationRefOut
    start_date: dt.date | None
    due_date: dt.date
    phase: str
    phase_label: str
    channels: list[str]
    channel_labels: list[str]
    expected_product: str
    status: str
    status_label: str
    completed_on: dt.date | None
    bucket: str = Field(..., description="Nhóm trạng thái (tính theo ngày hôm nay); rỗng với nhiệm vụ đã hủy.")
    bucket_label: str
    progress: int = Field(..., description="Tiến độ tổng hợp (%) từ phần việc của các bên.")
    parts: list[PartSummaryOut]
    version: int = Field(..., description="Gửi lại trong PATCH và khi chuyển trạng thái.")

    @staticmethod
    def resolve_program(obj: Task):
        return obj.plan.program

    @staticmethod
    def resolve_phase_label(obj: Task) -> str:
        return str(obj.get_phase_display()) if obj.phase else ""

    @staticmethod
    def resolve_channels(obj: Task) -> list[str]:
        return obj.channel_list

    @staticmethod
    def resolve_channel_labels(obj: Task) -> list[str]:
        return obj.get_channels_display()

    @staticmethod
    def resolve_status_label(obj: Task) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_bucket_label(obj: Task) -> str:
        return str(Bucket(obj.bucket).label) if obj.bucket else ""

    @staticmethod
    def resolve_progress(obj: Task) -> int:
        return selectors.task_progress(obj)

    @staticmethod
    def resolve_parts(obj: Task):
        return lead_first(obj.parts.all())


class EvidenceCountOut(Schema):
    label: str
    count: int


class ReportOut(Schema):
    id: int
    progress: int
    previous_progress: int
    note: str
    reason: str
    evidence_links: list[str]
    evidence_counts: list[EvidenceCountOut]
    reported_by_name: str
    reported_at: dt.datetime

    @staticmethod
    def resolve_reported_by_name(obj) -> str:
        return obj.reported_by.get_full_name() if obj.reported_by else ""


class PartOut(PartSummaryOut):
    note: str
    evidence_links: list[str]
    evidence_counts: list[EvidenceCountOut]
    may_report: bool = Field(..., description="Người dùng có được báo cáo tiến độ phần việc này không.")
    latest_reports: list[ReportOut] = Field(..., description="Các lần báo cáo gần nhất, mới nhất trước.")


class ReportedPartOut(PartSummaryOut):
    note: str
    evidence_links: list[str]
    evidence_counts: list[EvidenceCountOut]


class ProgressOut(Schema):
    report: ReportOut
    part: ReportedPartOut = Field(..., description="Phần việc sau báo cáo, với phiên bản mới.")
    task_progress: int = Field(..., description="Tiến độ tổng hợp của nhiệm vụ (%).")


class TaskDetailOut(TaskOut):
    """A task with every party's part and its latest reports (set by the view)."""

    description: str
    responsible_people: str
    status_reason: str
    parts: list[PartOut]
    allowed_actions: list[TransitionOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_parts(obj: Task):
        return lead_first(obj.detail_parts)

    @staticmethod
    def resolve_allowed_actions(obj: Task):
        return transitions_out(transitions.TASK, obj.status)


class ParsedCitationOut(Schema):
    doc_type: str = Field(..., description="Loại văn bản, ví dụ “Quyết định”.")
    doc_type_key: str = Field(..., description="Mã loại văn bản, ví dụ “QD”.")
    number: str | None
    year: int | None
    type_code: str | None = Field(None, description="Ký hiệu loại văn bản, ví dụ “QĐ”.")
    issuer_code: str | None = Field(None, description="Ký hiệu cơ quan ban hành, ví dụ “TW”.")
    symbol: str | None = Field(None, description="Số và ký hiệu, ví dụ “238-QĐ/TW”.")
    date: dt.date | None
    issuing_body: str | None
    term: str | None = Field(None, description="Khóa, ví dụ “XII”.")
    style: str = Field(..., description="Cách ghi: party (238-QĐ/TW), state (30/2020/NĐ-CP), name, number.")
    title: str | None
    canonical: str = Field(..., description="Trích dẫn chuẩn.")


# --- attachments ---------------------------------------------------------------------


class AttachmentOut(Schema):
    id: int
    program_id: int
    title: str
    file_name: str = Field(..., description="Tên tệp như khi tải lên.")
    size: int = Field(..., description="Dung lượng, byte.")
    kind: str = Field(..., description="Loại tệp, xác định theo nội dung (không theo tên).")
    kind_label: str
    content_type: str
    sha256: str
    uploaded_by_name: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_file_name(obj: ProgramAttachment) -> str:
        return obj.original_name

    @staticmethod
    def resolve_kind_label(obj: ProgramAttachment) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_uploaded_by_name(obj: ProgramAttachment) -> str:
        user = obj.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else ""

    @staticmethod
    def resolve_uploaded_at(obj: ProgramAttachment) -> dt.datetime:
        return obj.created_at

    @staticmethod
    def resolve_download_url(obj: ProgramAttachment) -> str:
        return reverse("api:attachment_download", kwargs={"attachment_id": obj.pk})


# --- inputs --------------------------------------------------------------------------


class ProgramFilterIn(FilterIn):
    """selectors.ProgramFilter as query parameters."""

    q: str | None = Field(None, max_length=200, description="Tìm theo tên, số ký hiệu; không phân biệt dấu.")
    party: int | None = Field(None, description="Mã cơ quan là một bên.")
    level: LevelCode | None = Field(None, description="Có một bên ở cấp này.")
    province: int | None = Field(None, description="Mã tỉnh: có một bên ở tỉnh này hoặc địa bàn trong tỉnh.")
    status: ProgramStatus | None = None
    year: int | None = Field(None, description="Chương trình có hiệu lực trong năm này.")
    kind: ProgramKind | None = None


class PlanFilterIn(FilterIn):
    program: int | None = Field(None, description="Mã chương trình.")
    year: int | None = None
    status: PlanStatus | None = None


class TaskFilterIn(FilterIn):
    """selectors.TaskFilter as query parameters."""

    q: str | None = Field(None, max_length=200, description="Tìm theo tên, mô tả, sản phẩm; không phân biệt dấu.")
    program: int | None = None
    plan: int | None = None
    organization: int | None = Field(None, description="Mã cơ quan chủ trì hoặc phối hợp.")
    lead: int | None = Field(None, description="Mã cơ quan chủ trì.")
    status: TaskStatus | None = None
    bucket: BucketCode | None = Field(None, description="Nhóm trạng thái, tính theo ngày hôm nay.")
    phase: PhaseCode | None = None
    channel: ChannelCode | None = None
    due_from: ViDate | None = Field(None, description="Hạn từ ngày (dd/mm/yyyy).")
    due_to: ViDate | None = Field(None, description="Hạn đến ngày (dd/mm/yyyy).")


class PartyIn(StrictIn):
    organization: int = Field(..., description="Mã cơ quan.")
    role: Role
    responsibilities: str = Field("", max_length=TEXT)


class ProgramIn(StrictIn):
    title: str = Field(..., max_length=500)
    number_symbol: str = Field("", max_length=100, description="Ví dụ: 05-CTr/BTGTU-BDVTU.")
    kind: ProgramKind = Program.Kind.SAME_LEVEL_238.value
    start_year: int = Field(..., ge=1945, le=2100)
    end_year: int = Field(..., ge=1945, le=2100)
    purpose: str = Field("", max_length=TEXT)
    info_frequency: Frequency = Program.Frequency.MONTHLY.value
    info_day: int | None = None
    adhoc_hours: int | None = None
    parties: list[PartyIn] = Field(..., description="Hai bên trở lên; ít nhất một bên chủ trì.")
    content_items: list[str] = Field(default_factory=list, description="Các nội dung phối hợp theo thứ tự.")
    legal_bases: list[str] = Field(
        default_factory=list, description="Các văn bản căn cứ, ví dụ “Quyết định số 238-QĐ/TW, ngày 30/9/2020”."
    )


class ProgramPatch(StrictIn):
    """Only the fields sent are changed. Once signed, an edit is an amendment and needs `reason`."""

    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT, description="Lý do sửa đổi, bổ sung (bắt buộc khi đã ký kết).")
    # Non-nullable fields default to None only to mark them "not sent"; an explicit null is refused.
    title: str = Field(None, max_length=500)
    number_symbol: str = Field(None, max_length=100)
    kind: ProgramKind = None
    start_year: int = Field(None, ge=1945, le=2100)
    end_year: int = Field(None, ge=1945, le=2100)
    purpose: str = Field(None, max_length=TEXT)
    info_frequency: Frequency = None
    info_day: int | None = None
    adhoc_hours: int | None = None
    parties: list[PartyIn] = None
    content_items: list[str] = None
    legal_bases: list[str] = None


class SignatureIn(StrictIn):
    organization: int = Field(..., description="Mã cơ quan (một bên) mà người ký thay mặt.")
    signer_name: str = Field(..., max_length=255)
    signer_position: str = Field(..., max_length=255)
    signed_on: ViDate
    place: str = Field("", max_length=255)


class ProgramTransitionIn(StrictIn):
    action: ProgramAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)


class PlanIn(StrictIn):
    year: int = Field(..., ge=1945, le=2100)
    title: str = Field(..., max_length=500)
    number_symbol: str = Field("", max_length=100)
    summary: str = Field("", max_length=TEXT)


class PlanPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    title: str = Field(None, max_length=500)
    number_symbol: str = Field(None, max_length=100)
    summary: str = Field(None, max_length=TEXT)


class PlanTransitionIn(StrictIn):
    action: PlanAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)


class TaskIn(StrictIn):
    title: str = Field(..., max_length=500)
    description: str = Field("", max_length=TEXT)
    content_item: int | None = Field(None, description="Mã nội dung phối hợp của chương trình.")
    lead: int = Field(..., description="Mã cơ quan chủ trì (một bên của chương trình).")
    partners: list[int] = Field(default_factory=list, description="Mã các cơ quan phối hợp.")
    responsible_people: str = Field("", max_length=500)
    start_date: ViDate | None = None
    due_date: ViDate
    phase: PhaseOrBlank = Field("", description="Giai đoạn tuyên truyền; để trống nếu không gắn với sự kiện.")
    channels: list[ChannelCode] = Field(default_factory=list)
    expected_product: str = Field("", max_length=500)


class TaskPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    title: str = Field(None, max_length=500)
    description: str = Field(None, max_length=TEXT)
    content_item: int | None = None
    lead: int = None
    partners: list[int] = None
    responsible_people: str = Field(None, max_length=500)
    start_date: ViDate | None = None
    due_date: ViDate = None
    phase: PhaseOrBlank = None
    channels: list[ChannelCode] = None
    expected_product: str = Field(None, max_length=500)


class TaskTransitionIn(StrictIn):
    action: TaskAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)
    completed_on: ViDate | None = Field(None, description="Ngày hoàn thành (khi “complete”); mặc định hôm nay.")


class EvidenceCountIn(StrictIn):
    label: str = Field(..., max_length=200, description="Ví dụ “bài viết”.")
    count: int


class ProgressIn(StrictIn):
    progress: int = Field(..., description="Tiến độ phần việc của bên mình, 0–100 (%).")
    version: int = Field(..., ge=1, description="Phiên bản của phần việc đã đọc; 409 nếu người khác đã báo cáo trước.")
    note: str = Field("", max_length=TEXT)
    reason: str = Field("", max_length=TEXT, description="Bắt buộc khi tiến độ giảm.")
    evidence_links: list[str] = Field(default_factory=list, description="Đường dẫn http(s) tới minh chứng.")
    evidence_counts: list[EvidenceCountIn] = Field(default_factory=list, description="Ví dụ 12 bài viết, 3 hội nghị.")


class CitationIn(StrictIn):
    citation: str = Field(..., min_length=1, max_length=700)
