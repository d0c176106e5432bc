"""Inspections (*kiểm tra*, issue 6 item 2): an organisation inspects a department or
agency (often how it carries out a programme), records its conclusions — the limitations
found — and each conclusion gets a remediation plan of programme tasks (*khắc phục*).
The inspection page shows how much is remedied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program, Task


class Inspection(SearchableMixin, VersionedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        IN_PROGRESS = "in_progress", _("Đang kiểm tra")
        CONCLUDED = "concluded", _("Đã kết luận")
        CLOSED = "closed", _("Đã khắc phục xong")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan kiểm tra"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspected = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan được kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspections_received",
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("Chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    title = models.CharField(_("Tên cuộc kiểm tra"), max_length=500)
    decision_ref = models.CharField(
        _("Quyết định kiểm tra"), max_length=255, blank=True, help_text=_("Ví dụ: Quyết định số 12-QĐ/BTGDVTU")
    )
    scope = models.TextField(_("Nội dung kiểm tra"), blank=True)
    started_on = models.DateField(_("Ngày bắt đầu"))
    ended_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    concluded_on = models.DateField(_("Ngày kết luận"), null=True, blank=True)
    conclusion_ref = models.CharField(
        _("Văn bản kết luận"), max_length=255, blank=True, help_text=_("Ví dụ: Thông báo kết luận số 05-TB/BTGDVTU")
    )
    summary = models.TextField(_("Đánh giá chung"), blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "decision_ref", "scope", "summary")
    sort_field = "title"

    class Meta:
        verbose_name = _("Cuộc kiểm tra")
        verbose_name_plural = _("Cuộc kiểm tra")
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "-started_on"], name="inspection_owner_start_idx"),
            models.Index(fields=["inspected", "-started_on"], name="inspection_inspected_idx"),
            models.Index(fields=["status", "started_on"], name="inspection_status_idx"),
        ]

    def __str__(self):
        return self.title


class InspectionConclusion(TimestampedModel):
    """One conclusion of an inspection: a limitation found, to be remedied by tasks."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField(_("Thứ tự"))
    text = models.TextField(_("Hạn chế, tồn tại"))
    requirement = models.TextField(_("Yêu cầu khắc phục"), blank=True)
    remediation_due = models.DateField(_("Hạn khắc phục"), null=True, blank=True)
    tasks = models.ManyToManyField(
        Task, verbose_name=_("Nhiệm vụ khắc phục"), related_name="inspection_conclusions", blank=True
    )

    class Meta:
        verbose_name = _("Kết luận kiểm tra")
        verbose_name_plural = _("Kết luận kiểm tra")
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="inspection_conclusion_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"
