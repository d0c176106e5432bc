"""Input and output schemas of the subjects, assessments and communication plans API.
Inputs are strict (unknown fields refused) and carry ids; outputs are separate classes.
`SubjectFilterIn` mirrors selectors.SubjectFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema

from phoihop.core.api import FilterIn, In, StrictIn, ViDate
from phoihop.documents.models import Classification
from phoihop.exchange import selectors, transitions
from phoihop.exchange.models import (
    Assessment,
    Invitation,
    InvitationKind,
    InvitationResponse,
    Level3,
    PlanActivity,
    Subject,
    SubjectKind,
)
from phoihop.organisations.schemas import OrganizationRefOut
from phoihop.programs.models import Channel, Phase
from phoihop.programs.schemas import PlanRefOut, ProgramRefOut, TransitionOut

Kind = Literal[tuple(SubjectKind.values)]  # type: ignore[valid-type]
SubjectStatus = Literal[tuple(Subject.Status.values)]  # type: ignore[valid-type]
LevelCode = Literal[tuple(Level3.values)]  # type: ignore[valid-type]
DirectionCode = Literal[tuple(Assessment.Direction.values)]  # type: ignore[valid-type]
BreadthCode = Literal[tuple(Assessment.Breadth.values)]  # type: ignore[valid-type]
PhaseCode = Literal[tuple(Phase.values)]  # type: ignore[valid-type]
ChannelCode = Literal[tuple(Channel.values)]  # type: ignore[valid-type]
SubjectAction = Literal[transitions.MANUAL_SUBJECT_ACTIONS]  # type: ignore[valid-type]
AssessmentAction = Literal[tuple(transitions.ASSESSMENT)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 10000


def _allowed(table, status: str, names=None) -> list[dict]:
    return [
        {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
        for t in transitions.allowed(table, status)
        if names is None or t.name in names
    ]


# --- outputs -------------------------------------------------------------------------


class KeyDateOut(Schema):
    id: int
    label: str
    date: dt.date


ClassificationCode = Literal[tuple(Classification.values)]  # type: ignore[valid-type]


class SubjectOut(Schema):
    id: int
    title: str
    program: ProgramRefOut
    owner: OrganizationRefOut
    year: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    start_date: dt.date
    end_date: dt.date
    sensitivity: str
    version: int = Field(..., description="Gửi lại trong PATCH, khi chuyển trạng thái và khi dời mốc.")

    @staticmethod
    def resolve_kind_label(obj: Subject) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Subject) -> str:
        return str(obj.get_status_display())


class AssessmentOut(Schema):
    id: int
    subject_id: int
    affected_groups: str
    benefits: str
    risks: str
    impact_level: str
    opinion_direction: str
    opinion_direction_label: str
    opinion_intensity: str
    opinion_breadth: str
    opinion_breadth_label: str
    flashpoints: str
    recommendation: str
    status: str
    status_label: str
    status_reason: str
    approved_at: dt.datetime | None
    allowed_actions: list[TransitionOut]
    version: int

    @staticmethod
    def resolve_opinion_direction_label(obj: Assessment) -> str:
        return str(obj.get_opinion_direction_display())

    @staticmethod
    def resolve_opinion_breadth_label(obj: Assessment) -> str:
        return str(obj.get_opinion_breadth_display())

    @staticmethod
    def resolve_status_label(obj: Assessment) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_allowed_actions(obj: Assessment):
        return _allowed(transitions.ASSESSMENT, obj.status)


class TaskRefOut(Schema):
    id: int
    title: str
    due_date: dt.date
    status: str
    bucket: str = Field(..., description="Nhóm trạng thái tính theo hôm nay; rỗng với nhiệm vụ đã hủy.")
    plan: PlanRefOut


class ActivityOut(Schema):
    id: int
    phase: str
    phase_label: str
    title: str
    key_date: KeyDateOut
    offset_days: int = Field(..., description="Số ngày so với mốc: âm là trước, dương là sau.")
    offset_text: str = Field(..., description="Ví dụ “7 ngày trước Ngày xét xử”.")
    due_date: dt.date = Field(..., description="Ngày của mốc cộng số ngày.")
    channels: list[str]
    lead: OrganizationRefOut
    partners: list[OrganizationRefOut]
    expected_product: str
    task: TaskRefOut | None

    @staticmethod
    def resolve_phase_label(obj: PlanActivity) -> str:
        return str(obj.get_phase_display())

    @staticmethod
    def resolve_channels(obj: PlanActivity) -> list[str]:
        return obj.channel_list

    @staticmethod
    def resolve_partners(obj: PlanActivity):
        return list(obj.partners.all())

    @staticmethod
    def resolve_task(obj: PlanActivity):
        task = obj.task
        if task is None:
            return None
        return {
            "id": task.pk,
            "title": task.title,
            "due_date": task.due_date,
            "status": task.status,
            "bucket": getattr(obj, "bucket", "") or "",
            "plan": task.plan,
        }


class CommunicationPlanOut(Schema):
    id: int
    subject_id: int
    title: str
    status: str
    status_label: str
    template_id: int | None
    annual_plan: PlanRefOut | None
    generated_at: dt.datetime | None
    activities: list[ActivityOut] = Field(..., description="Trước, trong, sau; mỗi giai đoạn theo ngày.")
    version: int = Field(..., description="Gửi lại khi sửa kế hoạch, thêm/sửa/bỏ hoạt động và khi giao nhiệm vụ.")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_activities(obj):
        return selectors.plan_activities(obj)


class SubjectDocumentOut(Schema):
    id: int
    title: str
    number_symbol: str
    issued_on: dt.date | None
    issuer: str
    classification: str
    download_url: str | None = Field(
        ..., description="Tải về phiên bản mới nhất (kiểm tra quyền, ghi nhật ký); null nếu không có tệp."
    )

    @staticmethod
    def resolve_download_url(obj) -> str | None:
        if not obj.latest_version_id:
            return None
        return reverse("api:document_version_download", kwargs={"version_id": obj.latest_version_id})


class SubjectDocumentIn(StrictIn):
    """JSON: attach an existing document of the subject's owner."""

    version: int = Field(..., ge=1, description="Phiên bản đã đọc của vấn đề; 409 nếu đã đổi.")
    document: int = Field(..., ge=1, description="Mã tài liệu đã có của cơ quan đăng ký vấn đề (không mật).")


class SubjectDocumentUploadIn(In):
    """multipart/form-data fields (the file is the `file` part)."""

    version: int = Field(..., ge=1, description="Phiên bản đã đọc của vấn đề; 409 nếu đã đổi.")
    title: str = Field("", max_length=500, description="Để trống: lấy tên tệp.")
    number_symbol: str = Field("", max_length=100, description="Ví dụ: 12/TTr-UBND.")
    issued_on: ViDate | None = Field(None, description="Ngày ban hành (dd/mm/yyyy).")
    issuer: str = Field("", max_length=255)
    classification: ClassificationCode = Field(
        Classification.INTERNAL, description="Văn bản mật bị từ chối (chuyển qua kênh bảo mật)."
    )


class SubjectDetailOut(SubjectOut):
    summary: str
    status_reason: str
    registered_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    key_dates: list[KeyDateOut]
    assessment: AssessmentOut | None
    communication_plan: CommunicationPlanOut | None
    allowed_actions: list[TransitionOut] = Field(..., description="Các thao tác chuyển trạng thái được phép lúc này.")
    created_at: dt.datetime
    updated_at: dt.datetime

    documents: list[SubjectDocumentOut] = Field(..., description="Tài liệu của vấn đề mà bạn được xem.")

    @staticmethod
    def resolve_key_dates(obj: Subject):
        return list(obj.key_dates.all())

    @staticmethod
    def resolve_documents(obj: Subject):
        return obj.detail_documents

    @staticmethod
    def resolve_assessment(obj: Subject):
        return selectors.assessment_of(obj)

    @staticmethod
    def resolve_communication_plan(obj: Subject):
        return selectors.plan_of(obj)

    @staticmethod
    def resolve_allowed_actions(obj: Subject):
        return _allowed(transitions.SUBJECT, obj.status, transitions.MANUAL_SUBJECT_ACTIONS)


class RescheduleOut(Schema):
    subject: SubjectDetailOut
    moved_tasks: list[int] = Field(..., description="Nhiệm vụ đang thực hiện đã được dời hạn.")
    kept_tasks: list[int] = Field(..., description="Nhiệm vụ đã hoàn thành hoặc đã hủy, giữ nguyên hạn.")


class GeneratedOut(Schema):
    communication_plan: CommunicationPlanOut
    task_ids: list[int]


class TemplateActivityOut(Schema):
    phase: str
    title: str
    offset_days: int
    lead_side: str
    with_partner: bool
    expected_product: str


class PlanTemplateOut(Schema):
    id: int
    kind: str
    title: str
    anchor_label: str
    description: str
    activities: list[TemplateActivityOut]

    @staticmethod
    def resolve_activities(obj):
        return list(obj.activities.all())


# --- inputs --------------------------------------------------------------------------


class SubjectFilterIn(FilterIn):
    """selectors.SubjectFilter as query parameters."""

    q: str | None = Field(None, max_length=200, description="Tìm theo tên, tóm tắt; không phân biệt dấu.")
    program: int | None = Field(None, description="Mã chương trình.")
    year: int | None = None
    kind: Kind | None = None
    status: SubjectStatus | None = None
    owner: int | None = Field(None, description="Mã cơ quan đăng ký.")


class KeyDateIn(StrictIn):
    id: int | None = Field(None, description="Mã mốc đã có (khi sửa); bỏ trống để thêm mốc mới.")
    label: str = Field(..., max_length=200, description="Ví dụ “Ngày xét xử”.")
    date: ViDate


class SubjectIn(StrictIn):
    program: int = Field(..., description="Mã chương trình (đã ký kết, đang thực hiện).")
    owner: int = Field(..., description="Mã cơ quan đăng ký: một bên của chương trình mà bạn làm việc cho.")
    year: int = Field(..., ge=1945, le=2100)
    kind: Kind
    title: str = Field(..., max_length=500)
    summary: str = Field("", max_length=TEXT, description="Không ghi nội dung mật, nhạy cảm.")
    start_date: ViDate
    end_date: ViDate
    sensitivity: LevelCode = Level3.MEDIUM.value
    key_dates: list[KeyDateIn] = Field(default_factory=list)


class SubjectPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    year: int = Field(None, ge=1945, le=2100)
    kind: Kind = None
    title: str = Field(None, max_length=500)
    summary: str = Field(None, max_length=TEXT)
    start_date: ViDate = None
    end_date: ViDate = None
    sensitivity: LevelCode = None
    key_dates: list[KeyDateIn] = Field(None, description="Cả danh sách: mốc có `id` được giữ, mốc thiếu bị bỏ.")


class SubjectTransitionIn(StrictIn):
    action: SubjectAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)


class MoveKeyDateIn(StrictIn):
    new_date: ViDate
    version: int = Field(..., ge=1, description="Phiên bản của vấn đề; 409 nếu người khác đã lưu trước.")
    reason: str = Field(..., max_length=TEXT)


class AssessmentIn(StrictIn):
    affected_groups: str = Field(..., max_length=TEXT, description="Các nhóm, địa bàn — không nêu tên người.")
    benefits: str = Field("", max_length=TEXT)
    risks: str = Field("", max_length=TEXT)
    impact_level: LevelCode
    opinion_direction: DirectionCode
    opinion_intensity: LevelCode
    opinion_breadth: BreadthCode
    flashpoints: str = Field("", max_length=TEXT)
    recommendation: str = Field(..., max_length=TEXT)


class AssessmentPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    affected_groups: str = Field(None, max_length=TEXT)
    benefits: str = Field(None, max_length=TEXT)
    risks: str = Field(None, max_length=TEXT)
    impact_level: LevelCode = None
    opinion_direction: DirectionCode = None
    opinion_intensity: LevelCode = None
    opinion_breadth: BreadthCode = None
    flashpoints: str = Field(None, max_length=TEXT)
    recommendation: str = Field(None, max_length=TEXT)


class AssessmentTransitionIn(StrictIn):
    action: AssessmentAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)


class CommunicationPlanIn(StrictIn):
    title: str = Field(..., max_length=500)
    template: int | None = Field(None, description="Mã mẫu kế hoạch (GET /communication-plans/templates).")
    anchor: int | None = Field(None, description="Mã mốc để tính ngày các hoạt động theo mẫu.")


class CommunicationPlanPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    title: str = Field(..., max_length=500)


class ActivityIn(StrictIn):
    version: int = Field(..., ge=1, description="Phiên bản của kế hoạch.")
    phase: PhaseCode
    title: str = Field(..., max_length=500)
    key_date: int = Field(..., description="Mã mốc của vấn đề.")
    offset_days: int = Field(..., description="Âm là trước mốc, dương là sau mốc.")
    lead: int = Field(..., description="Mã cơ quan chủ trì (một bên của chương trình).")
    partners: list[int] = Field(default_factory=list)
    channels: list[ChannelCode] = Field(default_factory=list)
    expected_product: str = Field("", max_length=500)


class ActivityPatch(StrictIn):
    version: int = Field(..., ge=1, description="Phiên bản của kế hoạch.")
    phase: PhaseCode = None
    title: str = Field(None, max_length=500)
    key_date: int = None
    offset_days: int = None
    lead: int = None
    partners: list[int] = None
    channels: list[ChannelCode] = None
    expected_product: str = Field(None, max_length=500)


class GenerateIn(StrictIn):
    version: int = Field(..., ge=1, description="Phiên bản của kế hoạch.")


# --- invitations ---------------------------------------------------------------------

InvitationKindCode = Literal[tuple(InvitationKind.values)]  # type: ignore[valid-type]
InvitationAction = Literal[tuple(transitions.INVITATION)]  # type: ignore[valid-type]
AnswerCode = Literal["attending", "declined"]
Time = Annotated[dt.time, Field(description="Giờ, dạng hh:mm (giờ Việt Nam).")]


class InvitationResponseOut(Schema):
    organization: OrganizationRefOut
    answer: str
    answer_label: str
    delegates: int | None
    positions: str
    reason: str
    answered_at: dt.datetime | None
    version: int = Field(..., description="Gửi lại khi trả lời; 409 nếu người khác đã trả lời trước.")

    @staticmethod
    def resolve_answer_label(obj: InvitationResponse) -> str:
        return str(obj.get_answer_display())


class InvitationOut(Schema):
    id: int
    subject_id: int
    subject_title: str
    inviter: OrganizationRefOut
    kind: str
    kind_label: str
    title: str
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    status: str
    status_label: str
    my_answer: str | None = Field(None, description="Trả lời của cơ quan bạn (null: cơ quan bạn không được mời).")
    version: int

    @staticmethod
    def resolve_subject_title(obj: Invitation) -> str:
        return obj.subject.title

    @staticmethod
    def resolve_kind_label(obj: Invitation) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Invitation) -> str:
        return str(obj.get_status_display())


class InvitationDetailOut(InvitationOut):
    place: str
    online_link: str
    agenda: str
    activity_id: int | None
    status_reason: str
    sent_at: dt.datetime | None
    sequence: int = Field(..., description="Số lần đổi lịch sau khi gửi (SEQUENCE của tệp .ics).")
    responses: list[InvitationResponseOut]
    allowed_actions: list[TransitionOut]
    ics_url: str

    @staticmethod
    def resolve_responses(obj: Invitation):
        return list(obj.responses.all())

    @staticmethod
    def resolve_allowed_actions(obj: Invitation):
        return _allowed(transitions.INVITATION, obj.status)

    @staticmethod
    def resolve_ics_url(obj: Invitation) -> str:
        return reverse("api:invitation_ics", args=[obj.pk])


class InvitationFilterIn(FilterIn):
    """selectors.InvitationFilter as query parameters."""

    box: Literal[selectors.INVITATION_BOXES] | None = Field(  # type: ignore[valid-type]
        None, description="received: cơ quan bạn được mời; sent: cơ quan bạn mời; bỏ trống: tất cả."
    )
    when: Literal[selectors.INVITATION_WHEN] | None = Field(  # type: ignore[valid-type]
        None, description="upcoming: từ hôm nay; past: trước hôm nay."
    )
    answered: Literal["yes", "no"] | None = Field(None, description="Trả lời của cơ quan bạn.")
    kind: InvitationKindCode | None = None
    subject: int | None = Field(None, description="Mã vấn đề.")


class InvitationIn(StrictIn):
    subject: int = Field(..., description="Mã vấn đề (đã đăng ký, chưa kết thúc).")
    inviter: int = Field(..., description="Mã cơ quan mời: một bên của chương trình mà bạn làm việc cho.")
    invitees: list[int] = Field(
        ..., description="Mã các cơ quan được mời: các bên của chương trình hoặc cơ quan bạn thấy trong danh mục."
    )
    kind: InvitationKindCode
    title: str = Field(..., max_length=500)
    date: ViDate
    start_time: Time
    end_time: Time
    place: str = Field("", max_length=500)
    online_link: str = Field("", max_length=500)
    agenda: str = Field("", max_length=TEXT)
    activity: int | None = Field(None, description="Mã hoạt động của kế hoạch tuyên truyền của vấn đề.")


class InvitationPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    invitees: list[int] = Field(None, description="Cả danh sách; lời mời đã gửi chỉ thêm được, không bỏ được.")
    kind: InvitationKindCode = None
    title: str = Field(None, max_length=500)
    date: ViDate = None
    start_time: Time = None
    end_time: Time = None
    place: str = Field(None, max_length=500)
    online_link: str = Field(None, max_length=500)
    agenda: str = Field(None, max_length=TEXT)
    activity: int | None = None


class InvitationTransitionIn(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT)


class AnswerIn(StrictIn):
    organization: int = Field(..., description="Mã cơ quan được mời mà bạn trả lời thay.")
    answer: AnswerCode
    delegates: int | None = Field(None, ge=1, le=100, description="Số đại biểu (khi tham dự).")
    positions: str = Field("", max_length=500, description="Chức vụ của đại biểu — không ghi họ tên.")
    reason: str = Field("", max_length=TEXT, description="Lý do (khi không tham dự).")
    version: int = Field(..., ge=1, description="Phiên bản của trả lời đã đọc; 409 nếu người khác đã trả lời trước.")
