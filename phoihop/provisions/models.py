"""Information provision (*cung cấp thông tin*): what a partner agency of a programme
provides to the programme's lead (the propaganda department) — periodically, for a
period of the programme's regime ("Tháng 3/2026"), or ad hoc, about an incident, within
the programme's hours. The receiver acknowledges it (a read receipt: who and when). A
provision is never edited: a correction (*đính chính, bổ sung*) is a new provision that
links to the one it corrects. What is expected is computed (`provisions.calendar`), not
stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, VersionedModel
from phoihop.documents.models import Document
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program
from phoihop.provisions import calendar


class InformationProvision(SearchableMixin, VersionedModel):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Định kỳ")
        ADHOC = "adhoc", _("Đột xuất")

    program = models.ForeignKey(
        Program, verbose_name=_("Chương trình"), on_delete=models.PROTECT, related_name="provisions"
    )
    provider = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan cung cấp"), on_delete=models.PROTECT, related_name="provisions_given"
    )
    receiver = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan nhận"), on_delete=models.PROTECT, related_name="provisions_received"
    )
    kind = models.CharField(_("Loại"), max_length=16, choices=Kind.choices)
    # Periodic: the period (year, number) of the frequency it belongs to. Ad hoc: the
    # incident's year (for the filters), no frequency, no number.
    frequency = models.CharField(_("Định kỳ"), max_length=16, choices=Program.Frequency.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("Năm"))
    period = models.PositiveSmallIntegerField(_("Kỳ"), null=True, blank=True)
    incident_title = models.CharField(_("Sự việc"), max_length=500, blank=True)
    incident_at = models.DateTimeField(_("Thời điểm xảy ra"), null=True, blank=True)
    due_at = models.DateTimeField(_("Hạn cung cấp"), null=True, blank=True)
    content = models.TextField(_("Nội dung thông tin"))
    documents = models.ManyToManyField(
        Document, verbose_name=_("Tài liệu kèm theo"), related_name="provisions", blank=True
    )
    provided_at = models.DateTimeField(_("Cung cấp lúc"))
    provided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người cung cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("Đính chính cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    acknowledged_at = models.DateTimeField(_("Xác nhận đã nhận lúc"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người xác nhận đã nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("incident_title", "content")
    sort_field = "incident_title"

    class Meta:
        verbose_name = _("Cung cấp thông tin")
        verbose_name_plural = _("Cung cấp thông tin")
        ordering = ["-provided_at", "-id"]
        indexes = [
            models.Index(fields=["-provided_at", "-id"], name="provision_list_order_idx"),
            models.Index(fields=["program", "year", "kind"], name="provision_program_year_idx"),
            models.Index(fields=["provider", "year"], name="provision_provider_year_idx"),
            models.Index(fields=["receiver", "acknowledged_at"], name="provision_receiver_ack_idx"),
        ]
        constraints = [
            # One original provision per programme, provider and period; more only as corrections.
            models.UniqueConstraint(
                fields=["program", "provider", "frequency", "year", "period"],
                condition=Q(kind="periodic", corrects__isnull=True),
                name="provision_one_per_period",
            ),
            models.CheckConstraint(
                condition=(Q(kind="periodic") & ~Q(frequency="") & Q(period__isnull=False))
                | (Q(kind="adhoc") & Q(frequency="") & Q(period__isnull=True) & Q(incident_at__isnull=False)),
                name="provision_periodic_or_adhoc",
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.provider}"

    @property
    def subject(self) -> str:
        """What it is about: the period ("Tháng 3/2026") or the incident."""
        if self.kind == self.Kind.PERIODIC:
            return calendar.period_label(self.frequency, self.year, self.period)
        return self.incident_title

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def is_on_time(self) -> bool | None:
        """Against the deadline recorded when it was provided; None without one."""
        if self.due_at is None:
            return None
        if self.kind == self.Kind.PERIODIC:
            return calendar.on_time(timezone.localtime(self.provided_at).date(), timezone.localtime(self.due_at).date())
        return self.provided_at <= self.due_at

    def audit_value(self, name: str):
        """How the audit log shows a field: the period by its name, times as people read them."""
        if name == "period" and self.period:
            return self.subject
        if name in {"provided_at", "due_at", "incident_at", "acknowledged_at"}:
            value = getattr(self, name)
            return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else None
        return None
