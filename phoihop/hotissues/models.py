"""Hot issues (*vấn đề nổi cộm, phức tạp, nhạy cảm; điểm nóng*, issue 5 item 3): what a
department watches and advises the standing committee on.

Lifecycle (states change only through `hotissues.transitions`): detected → assessing →
advised → escalated to the standing committee → being handled → resolved or under watch,
each step with its reason, recorded as a HotIssueEvent. Sources are opinion items, press
items, information provisions and subjects. A hand-over to another agency records who
sent it, who accepted or returned it and why. Escalation rules per department (severity,
days unresolved) drive the SLA timers. Response tasks are programme tasks.

A hot issue describes a public matter — topic, area, nature, severity — never a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.exchange.models import Subject
from phoihop.opinion.models import OpinionItem, Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem
from phoihop.programs.models import Program, Task
from phoihop.provisions.models import InformationProvision


class Severity(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    CRITICAL = "critical", _("Rất cao")


SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}


class HotIssue(SearchableMixin, VersionedModel):
    class Status(models.TextChoices):
        DETECTED = "detected", _("Mới phát hiện")
        ASSESSING = "assessing", _("Đang đánh giá")
        ADVISED = "advised", _("Đã tham mưu")
        ESCALATED = "escalated", _("Đã báo cáo Ban Thường vụ")
        HANDLING = "handling", _("Đang xử lý")
        RESOLVED = "resolved", _("Đã giải quyết")
        WATCHING = "watching", _("Tiếp tục theo dõi")

    title = models.CharField(_("Tên vấn đề"), max_length=500)
    description = models.TextField(
        _("Diễn biến, nội dung"),
        blank=True,
        help_text=_("Mô tả vấn đề, không ghi tên, địa chỉ, số điện thoại hay tài khoản của người dân."),
    )
    owner = models.ForeignKey(
        Organization, verbose_name=_("Ban theo dõi"), on_delete=models.PROTECT, related_name="hot_issues"
    )
    area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Địa bàn"), on_delete=models.PROTECT, related_name="hot_issues"
    )
    topic = models.ForeignKey(Topic, verbose_name=_("Chủ đề"), on_delete=models.PROTECT, related_name="hot_issues")
    is_prominent = models.BooleanField(_("Nổi cộm"), default=False)
    is_complex = models.BooleanField(_("Phức tạp"), default=False)
    is_sensitive = models.BooleanField(_("Nhạy cảm"), default=False)
    severity = models.CharField(_("Mức độ nghiêm trọng"), max_length=16, choices=Severity.choices)
    # The programme whose annual plan the response tasks go into (optional until tasks).
    program = models.ForeignKey(
        Program,
        verbose_name=_("Chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hot_issues",
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DETECTED)
    status_changed_at = models.DateTimeField(_("Chuyển trạng thái lúc"))
    detected_at = models.DateTimeField(_("Phát hiện lúc"))
    escalated_at = models.DateTimeField(_("Báo cáo Ban Thường vụ lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Kết thúc lúc"), null=True, blank=True)
    # The organisations the issue is shared with (read only): partners of the owner.
    shared_with = models.ManyToManyField(
        Organization, verbose_name=_("Chia sẻ với"), related_name="shared_hot_issues", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "description")
    sort_field = "title"

    class Meta:
        verbose_name = _("Vấn đề nổi cộm")
        verbose_name_plural = _("Vấn đề nổi cộm")
        ordering = ["-detected_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "status", "-detected_at"], name="hot_issue_owner_status_idx"),
            models.Index(fields=["status", "status_changed_at"], name="hot_issue_status_changed_idx"),
            models.Index(fields=["topic", "status"], name="hot_issue_topic_idx"),
            models.Index(fields=["area", "status"], name="hot_issue_area_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.RESOLVED, self.Status.WATCHING}


class HotIssueEvent(models.Model):
    """One step of the lifecycle (or a hand-over, a source added …): who, when, why."""

    hot_issue = models.ForeignKey(HotIssue, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("Thao tác"), max_length=32)
    from_status = models.CharField(_("Từ trạng thái"), max_length=16, blank=True)
    to_status = models.CharField(_("Sang trạng thái"), max_length=16, blank=True)
    reason = models.TextField(_("Lý do"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("Lúc"))

    class Meta:
        verbose_name = _("Diễn biến xử lý")
        verbose_name_plural = _("Diễn biến xử lý")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["hot_issue", "at"], name="hot_issue_event_idx")]

    def __str__(self):
        return f"{self.hot_issue} · {self.action}"


class HotIssueSource(models.Model):
    """Where the issue was seen: exactly one of an opinion item, a press item, an
    information provision or a subject."""

    hot_issue = models.ForeignKey(HotIssue, on_delete=models.CASCADE, related_name="sources")
    opinion_item = models.ForeignKey(
        OpinionItem, null=True, blank=True, on_delete=models.CASCADE, related_name="hot_issue_sources"
    )
    press_item = models.ForeignKey(
        PressItem, null=True, blank=True, on_delete=models.CASCADE, related_name="hot_issue_sources"
    )
    provision = models.ForeignKey(
        InformationProvision, null=True, blank=True, on_delete=models.CASCADE, related_name="hot_issue_sources"
    )
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.CASCADE, related_name="hot_issue_sources"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("Thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nguồn phát hiện")
        verbose_name_plural = _("Nguồn phát hiện")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(opinion_item__isnull=False, press_item=None, provision=None, subject=None)
                    | Q(opinion_item=None, press_item__isnull=False, provision=None, subject=None)
                    | Q(opinion_item=None, press_item=None, provision__isnull=False, subject=None)
                    | Q(opinion_item=None, press_item=None, provision=None, subject__isnull=False)
                ),
                name="hot_issue_source_exactly_one",
            ),
            models.UniqueConstraint(fields=["hot_issue", "opinion_item"], name="hot_issue_source_opinion_unique"),
            models.UniqueConstraint(fields=["hot_issue", "press_item"], name="hot_issue_source_press_unique"),
            models.UniqueConstraint(fields=["hot_issue", "provision"], name="hot_issue_source_provision_unique"),
            models.UniqueConstraint(fields=["hot_issue", "subject"], name="hot_issue_source_subject_unique"),
        ]

    def __str__(self):
        return f"{self.hot_issue} ← {self.opinion_item or self.press_item or self.provision or self.subject}"


class HandOver(TimestampedModel):
    """The issue handed to another agency to handle: sent by whom, accepted or returned
    by whom, and why."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ tiếp nhận")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        RETURNED = "returned", _("Đã trả lại")

    hot_issue = models.ForeignKey(HotIssue, on_delete=models.CASCADE, related_name="hand_overs")
    from_organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan chuyển"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan nhận"), on_delete=models.PROTECT, related_name="hot_issue_hand_overs"
    )
    note = models.TextField(_("Nội dung chuyển"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("Chuyển lúc"))
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)
    answer_reason = models.TextField(_("Lý do"), blank=True)

    class Meta:
        verbose_name = _("Chuyển xử lý")
        verbose_name_plural = _("Chuyển xử lý")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["to_organization", "status"], name="hand_over_to_status_idx")]
        constraints = [
            # At most one hand-over waiting for an answer per issue.
            models.UniqueConstraint(fields=["hot_issue"], condition=Q(status="pending"), name="hand_over_one_pending"),
        ]

    def __str__(self):
        return f"{self.hot_issue} → {self.to_organization}"


class EscalationRule(VersionedModel):
    """When a department's open issue must go to the standing committee: at a severity,
    or unresolved after a number of days (either condition, whichever is set). Leaders
    are notified when an issue meets a rule and is not yet escalated."""

    department = models.ForeignKey(
        Organization, verbose_name=_("Ban"), on_delete=models.CASCADE, related_name="escalation_rules"
    )
    name = models.CharField(_("Tên quy tắc"), max_length=255)
    min_severity = models.CharField(_("Từ mức độ"), max_length=16, choices=Severity.choices, blank=True)
    unresolved_days = models.PositiveSmallIntegerField(_("Chưa giải quyết sau (ngày)"), null=True, blank=True)
    is_active = models.BooleanField(_("Đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("Quy tắc báo cáo Ban Thường vụ")
        verbose_name_plural = _("Quy tắc báo cáo Ban Thường vụ")
        ordering = ["department", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(min_severity="") | Q(unresolved_days__isnull=False), name="escalation_rule_has_condition"
            ),
        ]

    def __str__(self):
        return self.name


class HotIssueTask(models.Model):
    """A response task of the issue: a programme task (the task machinery)."""

    hot_issue = models.ForeignKey(HotIssue, on_delete=models.CASCADE, related_name="task_links")
    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="hot_issue_link")

    class Meta:
        verbose_name = _("Nhiệm vụ xử lý")
        verbose_name_plural = _("Nhiệm vụ xử lý")

    def __str__(self):
        return f"{self.hot_issue} · {self.task}"
