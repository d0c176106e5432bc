"""Meetings (*hội nghị*, issue 6 item 1): signing ceremonies, quarterly briefings
(*giao ban*), public-opinion briefings, press conferences, mid-term (*sơ kết*) and final
(*tổng kết*) reviews — in one room or online with several connection points (seed 004:
the province and a city with its communes). A meeting records its participants, agenda,
minutes and conclusions; a conclusion can become a programme task, and the meeting page
follows the progress of those tasks.

The chair is an official named with their position (the only people in phoihop are its
users and the officials who sign or chair; DESIGN.md "Aggregate, not people").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, VersionedModel
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program, Task


class Meeting(SearchableMixin, VersionedModel):
    class Kind(models.TextChoices):
        SIGNING = "signing", _("Hội nghị ký kết")
        QUARTERLY_BRIEFING = "quarterly_briefing", _("Giao ban quý")
        OPINION_BRIEFING = "opinion_briefing", _("Giao ban dư luận xã hội")
        PRESS_CONFERENCE = "press_conference", _("Họp báo")
        MIDTERM_REVIEW = "midterm_review", _("Hội nghị sơ kết")
        FINAL_REVIEW = "final_review", _("Hội nghị tổng kết")
        OTHER = "other", _("Hội nghị khác")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Đã hủy")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan tổ chức"), on_delete=models.PROTECT, related_name="meetings"
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("Chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("Loại hội nghị"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("Tên hội nghị"), max_length=500)
    starts_at = models.DateTimeField(_("Bắt đầu"))
    ends_at = models.DateTimeField(_("Kết thúc"), null=True, blank=True)
    place = models.CharField(_("Địa điểm"), max_length=500, blank=True)
    is_online = models.BooleanField(_("Trực tuyến"), default=False)
    chair_name = models.CharField(_("Người chủ trì"), max_length=255, blank=True)
    chair_position = models.CharField(_("Chức vụ người chủ trì"), max_length=255, blank=True)
    participants = models.ManyToManyField(
        Organization,
        verbose_name=_("Cơ quan tham dự"),
        through="MeetingParticipant",
        related_name="meetings_attended",
        blank=True,
    )
    agenda = models.TextField(_("Chương trình hội nghị"), blank=True)
    minutes = models.TextField(_("Biên bản"), blank=True)
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

    search_fields = ("title", "place", "agenda", "minutes")
    sort_field = "title"

    class Meta:
        verbose_name = _("Hội nghị")
        verbose_name_plural = _("Hội nghị")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-starts_at"], name="meeting_owner_start_idx"),
            models.Index(fields=["kind", "starts_at"], name="meeting_kind_start_idx"),
            models.Index(fields=["program", "starts_at"], name="meeting_program_start_idx"),
            models.Index(fields=["status", "starts_at"], name="meeting_status_start_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    def audit_value(self, name: str):
        """How the audit log shows a field, when not as stored: times as read here."""
        if name in ("starts_at", "ends_at"):
            moment = getattr(self, name)
            return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""
        return None


class MeetingParticipant(models.Model):
    """An organisation taking part in a meeting (the organiser is one too)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan"), on_delete=models.PROTECT, related_name="meeting_participations"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Cơ quan tham dự")
        verbose_name_plural = _("Cơ quan tham dự")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organization"], name="meeting_participant_unique"),
        ]

    def __str__(self):
        return f"{self.meeting} — {self.organization}"


class ConnectionPoint(models.Model):
    """A connection point (*điểm cầu*) of an online meeting: e.g. the province's hall, a
    city's hall with its communes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="connection_points")
    name = models.CharField(_("Tên điểm cầu"), max_length=255)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan chủ trì điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("Địa điểm"), max_length=500, blank=True)
    is_main = models.BooleanField(_("Điểm cầu chính"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Điểm cầu")
        verbose_name_plural = _("Điểm cầu")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class MeetingConclusion(VersionedModel):
    """One numbered conclusion of a meeting; it may become a programme task (once: the
    version guards two officers turning it into a task at the same moment)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField(_("Thứ tự"))
    text = models.TextField(_("Nội dung kết luận"))
    task = models.OneToOneField(
        Task,
        verbose_name=_("Nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_conclusion",
    )

    class Meta:
        verbose_name = _("Kết luận hội nghị")
        verbose_name_plural = _("Kết luận hội nghị")
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meeting_conclusion_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"
