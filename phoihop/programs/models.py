"""Coordination programmes, their annual plans and the tasks under them.

A programme (*chương trình / quy chế phối hợp*) binds two or more organisations for a
period; each year an annual plan lists tasks with a lead and partners; every party
reports its own part of a task. Statuses change only through `programs.transitions`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.core.uploads import FileKind
from phoihop.organisations.models import Organization


class PartyRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    PARTNER = "partner", _("Phối hợp")


class LegalReference(TimestampedModel):
    """A cited document: "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)"."""

    doc_type = models.CharField(_("Loại văn bản"), max_length=64)
    number = models.CharField(_("Số"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("Năm"), null=True, blank=True)
    type_code = models.CharField(_("Ký hiệu loại"), max_length=16, blank=True)
    issuer_code = models.CharField(_("Ký hiệu cơ quan ban hành"), max_length=64, blank=True)
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    issuing_body = models.CharField(_("Cơ quan ban hành"), max_length=255, blank=True)
    term = models.CharField(_("Khóa"), max_length=32, blank=True)
    title = models.CharField(_("Trích yếu"), max_length=500, blank=True)
    citation = models.CharField(_("Trích dẫn"), max_length=700, unique=True)

    class Meta:
        verbose_name = _("Văn bản căn cứ")
        verbose_name_plural = _("Văn bản căn cứ")
        ordering = ["-issued_on", "citation"]

    def __str__(self):
        return self.citation


class Program(SearchableMixin, VersionedModel):
    class Kind(models.TextChoices):
        SAME_LEVEL_238 = "same_level_238", _("Phối hợp cùng cấp theo Quy chế 238-QĐ/TW")
        OTHER = "other", _("Chương trình phối hợp khác")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký kết")
        IN_FORCE = "in_force", pgettext_lazy("program status", "Đang thực hiện")
        CONCLUDED = "concluded", _("Đã tổng kết")
        TERMINATED = "terminated", _("Đã chấm dứt")

    class Frequency(models.TextChoices):
        NONE = "none", _("Không định kỳ")
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        SEMIANNUAL = "semiannual", _("Sáu tháng")
        ANNUAL = "annual", _("Hằng năm")

    title = models.CharField(_("Tên chương trình"), max_length=500)
    number_symbol = models.CharField(
        _("Số, ký hiệu"), max_length=100, blank=True, help_text=_("Ví dụ: 05-CTr/BTGTU-BDVTU")
    )
    kind = models.CharField(_("Loại chương trình"), max_length=32, choices=Kind.choices, default=Kind.SAME_LEVEL_238)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    start_year = models.PositiveSmallIntegerField(_("Từ năm"))
    end_year = models.PositiveSmallIntegerField(_("Đến năm"))
    purpose = models.TextField(_("Mục đích, yêu cầu"), blank=True)
    info_frequency = models.CharField(
        _("Cung cấp thông tin định kỳ"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    info_day = models.PositiveSmallIntegerField(
        _("Hạn cung cấp (ngày trong kỳ)"), null=True, blank=True, help_text=_("Ví dụ: 25 — trước ngày 25 hằng tháng.")
    )
    adhoc_hours = models.PositiveSmallIntegerField(
        _("Hạn cung cấp thông tin đột xuất (giờ)"),
        null=True,
        blank=True,
        help_text=_("Ví dụ: 24 giờ kể từ khi sự việc xảy ra."),
    )
    legal_bases = models.ManyToManyField(
        LegalReference, through="ProgramLegalBasis", verbose_name=_("Căn cứ"), related_name="programs", blank=True
    )
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "number_symbol")
    sort_field = "title"

    class Meta:
        verbose_name = _("Chương trình phối hợp")
        verbose_name_plural = _("Chương trình phối hợp")
        ordering = ["-start_year", "sort_name", "id"]
        indexes = [
            models.Index(fields=["status", "start_year", "end_year"], name="program_status_period_idx"),
            # The list's order (latest period first, then by Vietnamese name), so a page is read in index order.
            models.Index(fields=["-start_year", "sort_name", "id"], name="program_list_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="program_period_ordered"),
        ]

    audit_labels = {"parties": _("Các bên tham gia")}

    def __str__(self):
        return self.title

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    def covers(self, day: dt.date) -> bool:
        return self.start_year <= day.year <= self.end_year


class ProgramParty(models.Model):
    """An organisation bound by a programme, its role and what it owes."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan"), on_delete=models.PROTECT, related_name="program_parties"
    )
    role = models.CharField(_("Vai trò"), max_length=16, choices=PartyRole.choices)
    responsibilities = models.TextField(_("Trách nhiệm"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Bên tham gia")
        verbose_name_plural = _("Các bên tham gia")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "organization"], name="program_party_unique")]
        indexes = [models.Index(fields=["organization", "program"], name="party_org_program_idx")]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class ProgramLegalBasis(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="legal_basis_links")
    reference = models.ForeignKey(LegalReference, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "reference"], name="program_legal_basis_unique")]

    def __str__(self):
        return str(self.reference_id)


class ContentItem(models.Model):
    """One numbered content of a programme: "Một là, tuyên truyền, phổ biến…"."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="content_items")
    number = models.PositiveSmallIntegerField(_("Thứ tự"))
    text = models.TextField(_("Nội dung"))

    class Meta:
        verbose_name = _("Nội dung phối hợp")
        verbose_name_plural = _("Nội dung phối hợp")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="content_item_number_unique")]

    ORDINALS = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]

    def __str__(self):
        return f"{self.ordinal}, {self.text[:80]}"

    @property
    def ordinal(self) -> str:
        """ "Một là", "Hai là" … as the programmes write them."""
        word = self.ORDINALS[self.number - 1] if 1 <= self.number <= len(self.ORDINALS) else str(self.number)
        return f"{word} là"


class ProgramRevision(models.Model):
    """The programme as it was before an amendment, kept readable."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("Lần sửa đổi"))
    snapshot = models.JSONField(_("Nội dung trước sửa đổi"))
    reason = models.TextField(_("Lý do sửa đổi"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Phiên bản trước sửa đổi")
        verbose_name_plural = _("Các phiên bản trước sửa đổi")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="program_revision_unique")]

    def __str__(self):
        return f"{self.program_id} #{self.number}"


class AnnualPlan(VersionedModel):
    """The year's plan under a programme (*kế hoạch thực hiện năm N*)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký, đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="plans", verbose_name=_("Chương trình"))
    year = models.PositiveSmallIntegerField(_("Năm"))
    title = models.CharField(_("Tên kế hoạch"), max_length=500)
    number_symbol = models.CharField(_("Số, ký hiệu"), max_length=100, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("Nội dung chính"), blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("Sao chép từ")
    )

    class Meta:
        verbose_name = _("Kế hoạch năm")
        verbose_name_plural = _("Kế hoạch năm")
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "year"], name="plan_year_unique")]

    def __str__(self):
        return self.title


class Signature(models.Model):
    """Who signed a programme or a plan for which party, where and when."""

    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.CASCADE, related_name="signatures")
    plan = models.ForeignKey(AnnualPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="signatures")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Thay mặt"), on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(_("Người ký"), max_length=255)
    signer_position = models.CharField(_("Chức vụ"), max_length=255)
    signed_on = models.DateField(_("Ngày ký"))
    place = models.CharField(_("Địa điểm"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Chữ ký")
        verbose_name_plural = _("Chữ ký")
        ordering = ["signed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, plan__isnull=True) | Q(program__isnull=True, plan__isnull=False),
                name="signature_of_program_or_plan",
            ),
            # One signature per party: of two concurrent signings for the same party, one fails.
            # (The other column is NULL, and NULLs are distinct: a plan's signatures never clash
            # with the programme's.)
            models.UniqueConstraint(fields=["program", "organization"], name="signature_program_party_unique"),
            models.UniqueConstraint(fields=["plan", "organization"], name="signature_plan_party_unique"),
        ]

    def __str__(self):
        return f"{self.signer_name}, {self.signer_position} ({self.signed_on:%d/%m/%Y})"


class Channel(models.TextChoices):
    PRESS = "press", _("Báo chí")
    PRESS_CONFERENCE = "press_conference", _("Họp báo")
    RADIO_TV = "radio_tv", _("Phát thanh - truyền hình")
    ORAL = "oral", _("Tuyên truyền miệng")
    SOCIAL = "social", _("Mạng xã hội")
    VISUAL = "visual", _("Trực quan")


class Phase(models.TextChoices):
    BEFORE = "before", _("Trước")
    DURING = "during", _("Trong")
    AFTER = "after", _("Sau")


class Bucket(models.TextChoices):
    """The Government Office's four buckets, computed from status and dates."""

    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    OPEN_ON_TIME = "open_on_time", _("Đang thực hiện trong hạn")
    OPEN_OVERDUE = "open_overdue", _("Chưa hoàn thành, quá hạn")


def bucket_q(bucket: str, today: dt.date, prefix: str = "") -> Q:
    """The condition on a task's own columns (status, due and completion dates) for one
    bucket on the day `today`: the one rule behind `with_bucket`, `in_bucket` and
    `bucket_counts` (and, in Python, `Task.bucket_on`) — for the pages, which take the
    buckets today, and for the reports and dashboards, which take them on a period's last
    day. Plain conditions, so the indexes on status and due date apply. `prefix` reaches
    the task through a relation ("tasks__" from a plan). Cancelled tasks are in no bucket;
    a done task without a completion date counts as late.

    On a past day, a task completed after it was still open then. Completion dates are
    never in the future (the task services refuse them), so from today on that clause is
    left out and the list pages' filters stay plain."""
    done, open_ = Task.Status.DONE, Task.Status.OPEN
    due = F(f"{prefix}due_date")

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    was_open = q(status=open_)
    was_done = q(status=done)
    if today < timezone.localdate():
        was_open |= q(status=done, completed_on__gt=today)
        was_done &= q(completed_on__lte=today) | q(completed_on__isnull=True)
    conditions = {
        Bucket.DONE_ON_TIME: was_done & q(completed_on__lte=due),
        Bucket.DONE_LATE: was_done & (q(completed_on__gt=due) | q(completed_on__isnull=True)),
        Bucket.OPEN_ON_TIME: was_open & q(due_date__gte=today),
        Bucket.OPEN_OVERDUE: was_open & q(due_date__lt=today),
    }
    return conditions[Bucket(bucket)]


class TaskQuerySet(models.QuerySet):
    def with_bucket(self, today: dt.date):
        """Annotate `bucket` (one of Bucket, "" for a cancelled task) for display."""
        return self.annotate(
            bucket=Case(
                *(When(bucket_q(bucket, today), then=Value(bucket.value)) for bucket in Bucket),
                default=Value(""),
                output_field=CharField(),
            )
        )

    def in_bucket(self, bucket: str, today: dt.date):
        """The tasks in one bucket, filtered on the columns themselves (not on the CASE
        of `with_bucket`), so an index on status and due date can serve it."""
        if bucket not in Bucket.values:
            return self.none()
        return self.filter(bucket_q(bucket, today))

    def bucket_counts(self, today: dt.date) -> dict[str, int]:
        """{bucket: number of tasks} for every Bucket, "" for the cancelled ones and
        "total", in one aggregate query."""
        counts = self.aggregate(
            total=Count("id"),
            **{bucket.value: Count("id", filter=bucket_q(bucket, today)) for bucket in Bucket},
        )
        counts[""] = counts["total"] - sum(counts[bucket.value] for bucket in Bucket)
        return counts


class Task(SearchableMixin, VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("task status", "Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        CANCELLED = "cancelled", _("Đã hủy")

    plan = models.ForeignKey(AnnualPlan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("Kế hoạch"))
    title = models.CharField(_("Tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("Mô tả"), blank=True)
    content_item = models.ForeignKey(
        ContentItem,
        verbose_name=_("Thuộc nội dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    lead = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan chủ trì"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    responsible_people = models.CharField(_("Người phụ trách"), max_length=500, blank=True)
    start_date = models.DateField(_("Ngày bắt đầu"), null=True, blank=True)
    due_date = models.DateField(_("Hạn hoàn thành"))
    phase = models.CharField(_("Giai đoạn tuyên truyền"), max_length=16, choices=Phase.choices, blank=True)
    channels = models.CharField(
        _("Hình thức tuyên truyền"), max_length=200, blank=True
    )  # stored as ",press,social," so one channel is found with `contains`
    expected_product = models.CharField(_("Sản phẩm"), max_length=500, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)

    search_fields = ("title", "description", "expected_product")
    sort_field = "title"
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nhiệm vụ")
        verbose_name_plural = _("Nhiệm vụ")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["plan", "due_date"], name="task_plan_due_idx"),
            models.Index(fields=["lead", "status", "due_date"], name="task_lead_status_due_idx"),
            models.Index(fields=["status", "due_date"], name="task_status_due_idx"),
            models.Index(fields=["due_date", "id"], name="task_due_id_idx"),  # the lists' order
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(start_date__lte=F("due_date")), name="task_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def channel_list(self) -> list[str]:
        return [code for code in self.channels.split(",") if code]

    def get_channels_display(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channel_list]

    audit_labels = {"progress": _("Tiến độ (%)"), "organization": _("Cơ quan")}

    def audit_value(self, name: str):
        """How the audit log shows a field, when not as stored."""
        if name == "channels":
            return ", ".join(self.get_channels_display())
        return None

    def bucket_on(self, today: dt.date) -> str:
        """`bucket_q` in Python (the same rule, for one task already loaded)."""
        done_after = self.status == self.Status.DONE and self.completed_on is not None and self.completed_on > today
        if self.status == self.Status.DONE and not done_after:
            return Bucket.DONE_ON_TIME if self.completed_on and self.completed_on <= self.due_date else Bucket.DONE_LATE
        if self.status == self.Status.OPEN or done_after:
            return Bucket.OPEN_ON_TIME if self.due_date >= today else Bucket.OPEN_OVERDUE
        return ""


class TaskPart(VersionedModel):
    """One party's own part of a task: the lead's and each partner's progress."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="parts")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan"), on_delete=models.PROTECT, related_name="task_parts"
    )
    role = models.CharField(_("Vai trò"), max_length=16, choices=PartyRole.choices)
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    note = models.TextField(_("Ghi chú"), blank=True)
    evidence_links = models.JSONField(_("Đường dẫn minh chứng"), default=list, blank=True)
    evidence_counts = models.JSONField(_("Số liệu"), default=list, blank=True)
    reported_at = models.DateTimeField(_("Báo cáo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phần việc")
        verbose_name_plural = _("Phần việc")
        ordering = ["role", "id"]  # "lead" sorts before "partner": the lead first
        constraints = [
            models.UniqueConstraint(fields=["task", "organization"], name="task_part_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_part_progress_max_100"),
        ]
        indexes = [models.Index(fields=["organization", "task"], name="task_part_org_idx")]

    def __str__(self):
        return f"{self.organization}: {self.progress}%"


class ProgressReport(models.Model):
    """One progress update of one part, as reported; the history of a part."""

    part = models.ForeignKey(TaskPart, on_delete=models.CASCADE, related_name="reports")
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"))
    previous_progress = models.PositiveSmallIntegerField(_("Tiến độ trước"))
    note = models.TextField(_("Ghi chú"), blank=True)
    reason = models.TextField(_("Lý do giảm tiến độ"), blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    evidence_counts = models.JSONField(default=list, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Báo cáo tiến độ")
        verbose_name_plural = _("Báo cáo tiến độ")
        ordering = ["-reported_at", "-id"]

    def __str__(self):
        return f"{self.previous_progress}% → {self.progress}%"


def attachment_path(instance: ProgramAttachment, filename: str) -> str:
    """programs/<programme id>/<uuid4 hex>/<safe name>: a fresh folder per file, so names
    never collide and a stored path cannot be guessed from the programme and the name."""
    return f"programs/{instance.program_id}/{uuid.uuid4().hex}/{filename}"


class ProgramAttachment(TimestampedModel):
    """A document attached to a programme (the signed text, a plan, a report…).

    Only non-confidential documents: confidential ones are refused at upload. The type is
    decided by the content, not the name, and the file is served only through a view that
    checks permissions (never from MEDIA_URL).
    """

    Kind = FileKind  # the product's one list of accepted kinds (phoihop.core.uploads)

    program = models.ForeignKey(
        Program, verbose_name=_("Chương trình"), on_delete=models.PROTECT, related_name="attachments"
    )
    title = models.CharField(_("Tên tài liệu"), max_length=500)
    file = models.FileField(_("Tệp"), upload_to=attachment_path, max_length=500)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    kind = models.CharField(_("Loại tệp"), max_length=16, choices=Kind.choices)
    content_type = models.CharField(_("Kiểu nội dung"), max_length=100)
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Tài liệu đính kèm")
        verbose_name_plural = _("Tài liệu đính kèm")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "sha256"], name="program_attachment_unique_content"),
        ]

    def __str__(self):
        return f"{self.title} ({self.original_name})"
