"""Information exchange between the parties of a programme.

This module holds the subjects part (issue 4, items 1–3): each year a partner agency
registers the *subjects* it needs coordinated (a project, a resolution, a court case…),
the propaganda department acknowledges and *assesses* them, and writes a three-phase
*communication plan* whose activities become the programme's tasks. Statuses change only
through `exchange.transitions`.

Never confidential content: a subject describes a public matter; confidential documents
go through the secure channel, not through phoihop.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, VersionedModel
from phoihop.documents.models import Document
from phoihop.organisations.models import Organization
from phoihop.programs.models import Channel, Phase, Program, Task

# An "after" activity may fall this many days after the subject's end date (follow-up
# coverage, the public's reaction); every other activity falls within start..end.
AFTER_GRACE_DAYS = 30


class Level3(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class SubjectKind(models.TextChoices):
    PROJECT = "project", _("Đề án, dự án")
    RESOLUTION = "resolution", _("Nghị quyết")
    PROGRAMME = "programme", _("Chương trình")
    PROSECUTION = "prosecution", _("Vụ án (khởi tố, điều tra, truy tố)")
    TRIAL = "trial", _("Xét xử")
    ISSUE = "issue", _("Vấn đề, vụ việc")
    OTHER = "other", _("Khác")


def offset_text(offset_days: int, label: str) -> str:
    """ "7 ngày trước Ngày xét xử", "đúng Ngày xét xử", "3 ngày sau Ngày xét xử"."""
    if offset_days < 0:
        return str(_("%(n)s ngày trước %(label)s") % {"n": -offset_days, "label": label})
    if offset_days > 0:
        return str(_("%(n)s ngày sau %(label)s") % {"n": offset_days, "label": label})
    return str(_("đúng %(label)s") % {"label": label})


def channels_display(stored: str) -> list[str]:
    labels = dict(Channel.choices)
    return [str(labels.get(code, code)) for code in stored.split(",") if code]


class Subject(SearchableMixin, VersionedModel):
    """What an agency registers for coordination in a year (*vấn đề cần phối hợp*)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        REGISTERED = "registered", _("Đã đăng ký")
        ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
        ASSESSED = "assessed", _("Đã thẩm định")
        PLANNED = "planned", _("Đã lập kế hoạch tuyên truyền")
        CLOSED = "closed", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Đã hủy")

    program = models.ForeignKey(
        Program, verbose_name=_("Chương trình"), on_delete=models.PROTECT, related_name="subjects"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    kind = models.CharField(_("Loại vấn đề"), max_length=16, choices=SubjectKind.choices)
    title = models.CharField(_("Tên vấn đề"), max_length=500)
    summary = models.TextField(
        _("Tóm tắt"),
        blank=True,
        help_text=_(
            "Chỉ nội dung không mật. Văn bản mật, nội dung nhạy cảm không ghi vào đây mà gửi qua kênh bảo mật."
        ),
    )
    owner = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan đăng ký"), on_delete=models.PROTECT, related_name="subjects"
    )
    start_date = models.DateField(_("Ngày bắt đầu"))
    end_date = models.DateField(_("Ngày kết thúc"))
    sensitivity = models.CharField(_("Mức độ nhạy cảm"), max_length=8, choices=Level3.choices, default=Level3.MEDIUM)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    registered_at = models.DateTimeField(_("Đăng ký lúc"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("Tiếp nhận lúc"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The documents the owner provides (never confidential ones): documents of the
    # documents app, owned by the owner and shared with the department. Who attached or
    # detached which, and when, is in the subject's audit log.
    documents = models.ManyToManyField(Document, verbose_name=_("Tài liệu"), related_name="subjects", blank=True)

    search_fields = ("title", "summary")
    sort_field = "title"

    class Meta:
        verbose_name = _("Vấn đề phối hợp")
        verbose_name_plural = _("Vấn đề phối hợp")
        ordering = ["-year", "sort_name", "id"]
        indexes = [
            models.Index(fields=["program", "year"], name="subject_program_year_idx"),
            models.Index(fields=["owner", "status"], name="subject_owner_status_idx"),
            models.Index(fields=["status", "registered_at"], name="subject_status_registered_idx"),
            models.Index(fields=["kind", "year"], name="subject_kind_year_idx"),
            models.Index(fields=["-year", "sort_name", "id"], name="subject_list_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="subject_dates_ordered"),
        ]

    audit_labels = {"key_dates": _("Các mốc thời gian")}

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.CANCELLED)

    def latest_allowed(self, phase: str) -> dt.date:
        """The last day an activity of `phase` may fall on."""
        grace = AFTER_GRACE_DAYS if phase == Phase.AFTER else 0
        return self.end_date + dt.timedelta(days=grace)


class SubjectKeyDate(models.Model):
    """A dated milestone of a subject ("Ngày xét xử"); plan activities are dated relative to one."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="key_dates")
    label = models.CharField(_("Mốc"), max_length=200)
    date = models.DateField(_("Ngày"))

    class Meta:
        verbose_name = _("Mốc thời gian")
        verbose_name_plural = _("Các mốc thời gian")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["subject", "date"], name="key_date_subject_idx")]

    def __str__(self):
        return f"{self.label} ({self.date:%d/%m/%Y})"


class Assessment(VersionedModel):
    """The department's appraisal of a subject: social impact, opinion forecast, advice.

    About groups and areas, never about persons (DESIGN.md, "Aggregate, not people")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Chờ phê duyệt")
        APPROVED = "approved", _("Đã phê duyệt")
        RETURNED = "returned", _("Trả lại để sửa")

    class Direction(models.TextChoices):
        APPROVING = "approving", _("Đồng tình, ủng hộ")
        OPPOSING = "opposing", _("Phản đối")
        WORRIED = "worried", _("Băn khoăn, lo lắng")
        UNDECIDED = "undecided", _("Chưa rõ chiều hướng")

    class Breadth(models.TextChoices):
        FEW = "few", _("Một số ít")
        MANY = "many", _("Nhiều người")
        MOST = "most", _("Đa số")
        NEARLY_ALL = "nearly_all", _("Hầu hết")

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="assessment")
    affected_groups = models.TextField(
        _("Nhóm đối tượng chịu tác động"),
        help_text=_(
            "Các nhóm, tầng lớp, địa bàn (ví dụ: ngư dân ven biển, hộ dân trong vùng dự án) — không nêu tên cá nhân."
        ),
    )
    benefits = models.TextField(_("Tác động tích cực"), blank=True)
    risks = models.TextField(_("Nguy cơ, tác động tiêu cực"), blank=True)
    impact_level = models.CharField(_("Mức độ tác động"), max_length=8, choices=Level3.choices)
    opinion_direction = models.CharField(_("Chiều hướng dư luận"), max_length=16, choices=Direction.choices)
    opinion_intensity = models.CharField(_("Mức độ quan tâm"), max_length=8, choices=Level3.choices)
    opinion_breadth = models.CharField(_("Phạm vi"), max_length=16, choices=Breadth.choices)
    flashpoints = models.TextField(_("Điểm có thể phát sinh phức tạp"), blank=True)
    recommendation = models.TextField(_("Đề xuất, kiến nghị"))
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("Phê duyệt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thẩm định, đánh giá tác động")
        verbose_name_plural = _("Thẩm định, đánh giá tác động")
        indexes = [models.Index(fields=["status"], name="assessment_status_idx")]

    def __str__(self):
        return str(_("Thẩm định: %(subject)s") % {"subject": self.subject.title})


class PlanTemplate(models.Model):
    """A reusable three-phase plan for one kind of subject (a trial, a site clearance…)."""

    kind = models.CharField(_("Loại vấn đề"), max_length=16, choices=SubjectKind.choices)
    title = models.CharField(_("Tên mẫu"), max_length=300, unique=True)
    anchor_label = models.CharField(
        _("Mốc gốc"), max_length=200, help_text=_("Mốc mà các hoạt động tính ngày theo, ví dụ “Ngày xét xử”.")
    )
    description = models.TextField(_("Mô tả"), blank=True)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Mẫu kế hoạch tuyên truyền")
        verbose_name_plural = _("Mẫu kế hoạch tuyên truyền")
        ordering = ["kind", "title"]
        indexes = [models.Index(fields=["kind", "is_active"], name="plan_template_kind_idx")]

    def __str__(self):
        return self.title


class Side(models.TextChoices):
    """Who leads an activity of a template: the agency that owns the subject, or the department."""

    OWNER = "owner", _("Cơ quan đăng ký vấn đề")
    DEPARTMENT = "department", _("Ban Tuyên giáo (bên chủ trì)")


class PlanTemplateActivity(models.Model):
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="activities")
    phase = models.CharField(_("Giai đoạn"), max_length=16, choices=Phase.choices)
    title = models.CharField(_("Hoạt động"), max_length=500)
    offset_days = models.SmallIntegerField(
        _("Số ngày so với mốc"), help_text=_("Âm là trước mốc, dương là sau mốc, 0 là đúng ngày.")
    )
    channels = models.CharField(_("Hình thức tuyên truyền"), max_length=200, blank=True)  # ",press,social,"
    lead_side = models.CharField(_("Chủ trì"), max_length=16, choices=Side.choices, default=Side.DEPARTMENT)
    with_partner = models.BooleanField(_("Bên kia phối hợp"), default=True)
    expected_product = models.CharField(_("Sản phẩm"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Hoạt động mẫu")
        verbose_name_plural = _("Hoạt động mẫu")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class CommunicationPlan(VersionedModel):
    """The three-phase communication plan of a subject (*kế hoạch tuyên truyền trước, trong, sau*)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        GENERATED = "generated", _("Đã giao nhiệm vụ")

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="communication_plan")
    title = models.CharField(_("Tên kế hoạch"), max_length=500)
    template = models.ForeignKey(
        PlanTemplate, verbose_name=_("Theo mẫu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    generated_at = models.DateTimeField(_("Giao nhiệm vụ lúc"), null=True, blank=True)
    annual_plan = models.ForeignKey(
        "programs.AnnualPlan",
        verbose_name=_("Kế hoạch năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Kế hoạch tuyên truyền")
        verbose_name_plural = _("Kế hoạch tuyên truyền")

    def __str__(self):
        return self.title


class PlanActivity(models.Model):
    """One activity of a plan, dated `offset_days` from a key date of the subject."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="activities")
    phase = models.CharField(_("Giai đoạn"), max_length=16, choices=Phase.choices)
    title = models.CharField(_("Hoạt động"), max_length=500)
    key_date = models.ForeignKey(
        SubjectKeyDate, verbose_name=_("Tính theo mốc"), on_delete=models.PROTECT, related_name="activities"
    )
    offset_days = models.SmallIntegerField(_("Số ngày so với mốc"))
    channels = models.CharField(_("Hình thức tuyên truyền"), max_length=200, blank=True)  # ",press,social,"
    lead = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    partners = models.ManyToManyField(Organization, verbose_name=_("Cơ quan phối hợp"), blank=True, related_name="+")
    expected_product = models.CharField(_("Sản phẩm"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    task = models.OneToOneField(
        Task,
        verbose_name=_("Nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_activity",
    )

    PHASE_ORDER = {Phase.BEFORE: 0, Phase.DURING: 1, Phase.AFTER: 2}

    class Meta:
        verbose_name = _("Hoạt động tuyên truyền")
        verbose_name_plural = _("Hoạt động tuyên truyền")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan", "position"], name="activity_plan_idx")]

    def __str__(self):
        return self.title

    @property
    def due_date(self) -> dt.date:
        """The key date moved by the offset. Weekends and holidays are not special: the
        date is the one computed, and the planner chooses the offset."""
        return self.key_date.date + dt.timedelta(days=self.offset_days)

    @property
    def offset_text(self) -> str:
        return offset_text(self.offset_days, self.key_date.label)

    @property
    def channel_list(self) -> list[str]:
        return [code for code in self.channels.split(",") if code]

    def get_channels_display(self) -> list[str]:
        return channels_display(self.channels)


# --- invitations (issue 4, item 6) -----------------------------------------------------


class InvitationKind(models.TextChoices):
    MEETING = "meeting", _("Cuộc họp")
    PRESS_CONFERENCE = "press_conference", _("Họp báo")
    SITE_VISIT = "site_visit", _("Khảo sát thực tế")
    OTHER = "other", _("Hoạt động khác")


class Invitation(VersionedModel):
    """An agency's invitation to an activity of a subject (*giấy mời*): a meeting, a press
    conference, a site visit… on one day, from one time to another, at a place or online.
    The invited organisations answer each for itself (`InvitationResponse`). Statuses change
    only through `exchange.transitions.INVITATION`; `sequence` counts the reschedulings
    after it was sent (the iCalendar SEQUENCE, and the key of the "rescheduled" notice)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SENT = "sent", _("Đã gửi")
        CANCELLED = "cancelled", _("Đã hủy")

    subject = models.ForeignKey(
        Subject, verbose_name=_("Vấn đề phối hợp"), on_delete=models.CASCADE, related_name="invitations"
    )
    inviter = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan mời"), on_delete=models.PROTECT, related_name="invitations_sent"
    )
    activity = models.ForeignKey(
        PlanActivity,
        verbose_name=_("Hoạt động tuyên truyền"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    kind = models.CharField(_("Loại hoạt động"), max_length=20, choices=InvitationKind.choices)
    title = models.CharField(_("Tên hoạt động"), max_length=500)
    date = models.DateField(_("Ngày"))
    start_time = models.TimeField(_("Bắt đầu"))
    end_time = models.TimeField(_("Kết thúc"))
    place = models.CharField(_("Địa điểm"), max_length=500, blank=True)
    online_link = models.URLField(_("Đường dẫn họp trực tuyến"), max_length=500, blank=True)
    agenda = models.TextField(_("Nội dung, chương trình"), blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("Số lần đổi lịch"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Lời mời")
        verbose_name_plural = _("Lời mời")
        ordering = ["date", "start_time", "id"]
        indexes = [
            models.Index(fields=["status", "date"], name="invitation_status_date_idx"),
            models.Index(fields=["inviter", "date"], name="invitation_inviter_date_idx"),
            models.Index(fields=["subject", "date"], name="invitation_subject_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="invitation_times_ordered"),
        ]

    audit_labels = {"invitees": _("Cơ quan được mời"), "time": _("Thời gian")}

    def __str__(self):
        return self.title

    @property
    def starts_at(self) -> dt.datetime:
        """The start as an aware datetime in the project's time zone."""
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    @property
    def where(self) -> str:
        """The place, the online link, or both."""
        return " · ".join(part for part in (self.place, self.online_link) if part)


class InvitationResponse(VersionedModel):
    """One invited organisation and its answer. Aggregate, not people: how many delegates
    and their positions ("01 Phó Trưởng ban, 01 chuyên viên"), never names."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Chưa trả lời")
        ATTENDING = "attending", _("Tham dự")
        DECLINED = "declined", _("Không tham dự")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan được mời"), on_delete=models.PROTECT, related_name="invitation_responses"
    )
    answer = models.CharField(_("Trả lời"), max_length=16, choices=Answer.choices, default=Answer.PENDING)
    delegates = models.PositiveSmallIntegerField(_("Số đại biểu"), null=True, blank=True)
    positions = models.CharField(
        _("Chức vụ của đại biểu"),
        max_length=500,
        blank=True,
        help_text=_("Chỉ ghi chức vụ, ví dụ “01 Phó Trưởng ban, 01 chuyên viên” — không ghi họ tên."),
    )
    reason = models.TextField(_("Lý do không tham dự"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Trả lời lời mời")
        verbose_name_plural = _("Trả lời lời mời")
        ordering = ["invitation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "organization"], name="invitation_response_unique"),
        ]
        indexes = [models.Index(fields=["organization", "answer"], name="invitation_response_org_idx")]

    def __str__(self):
        return f"{self.organization} · {self.get_answer_display()}"

    @property
    def is_answered(self) -> bool:
        return self.answer != self.Answer.PENDING
