"""Official reports (*báo cáo*, issue 6 items 4–5), computed from phoihop's own data.

A report has a kind (monthly information summary, quarterly, six-monthly, annual,
programme mid-term or final review, public-opinion summary, hot-issue situation report),
a scope (an organisation, a programme, or an area with its subordinate units — through
the re-organisation lineage) and a period. It starts as a draft: the figures are computed
from the records (each figure keeps the ids of the records it counts, so a click shows
them), the prose sections are pre-filled and edited by an officer. Issuing gives the
report the next number in its issuer's numbering series for the year and freezes it.

Generated files (DOCX in the issuer's regime, the XLSX annex, the PDF converted from the
DOCX) are kept with the report; each generation is a background job whose progress the
report page shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimestampedModel, VersionedModel
from phoihop.hotissues.models import HotIssue
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program


class Regime(models.TextChoices):
    """Which rules lay out an issuer's documents."""

    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)")


# The Party bodies: party committees, their propaganda and mass-mobilisation departments,
# their offices. They issue Party documents; everybody else state documents.
PARTY_KINDS = frozenset(
    {
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PROPAGANDA,
        Organization.Kind.MASS_MOBILISATION,
        Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
        Organization.Kind.PARTY_OFFICE,
    }
)


def regime_of(organization: Organization) -> str:
    """The regime an organisation issues its documents in (the one place of this rule)."""
    return Regime.PARTY if organization.kind in PARTY_KINDS else Regime.STATE


class NumberingSeries(models.Model):
    """An issuer's numbering series of one document type for one year: the last number
    given. Issuing takes the next one under a row lock, so two officers issuing at the same
    moment get distinct consecutive numbers."""

    issuer = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan ban hành"), on_delete=models.PROTECT, related_name="numbering_series"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    type_code = models.CharField(_("Ký hiệu loại văn bản"), max_length=16, default="BC")
    last_number = models.PositiveIntegerField(_("Số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("Sổ đăng ký số văn bản")
        verbose_name_plural = _("Sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "type_code"], name="numbering_series_unique"),
        ]

    def __str__(self):
        return f"{self.issuer} {self.type_code} {self.year}: {self.last_number}"


class Report(VersionedModel):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Báo cáo tổng hợp thông tin tháng")
        QUARTERLY = "quarterly", _("Báo cáo quý")
        SIX_MONTHLY = "six_monthly", _("Báo cáo sáu tháng")
        ANNUAL = "annual", _("Báo cáo năm")
        MIDTERM_REVIEW = "midterm_review", _("Báo cáo sơ kết chương trình")
        FINAL_REVIEW = "final_review", _("Báo cáo tổng kết chương trình")
        OPINION_SUMMARY = "opinion_summary", _("Báo cáo tổng hợp dư luận xã hội")
        HOT_ISSUE_SITUATION = "hot_issue_situation", _("Báo cáo tình hình vấn đề nổi cộm")

    class ScopeKind(models.TextChoices):
        ORGANIZATION = "organization", _("Cơ quan, đơn vị")
        PROGRAM = "program", _("Chương trình phối hợp")
        AREA = "area", _("Địa bàn và các đơn vị trực thuộc")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    class Authority(models.TextChoices):
        """The authority prefix of the signature block."""

        NONE = "", _("(ký trực tiếp)")
        TM = "TM.", _("TM. (thay mặt)")
        KT = "KT.", _("KT. (ký thay)")
        TL = "T/L.", _("T/L. (thừa lệnh)")
        TUQ = "TUQ.", _("TUQ. (thừa ủy quyền)")

    issuer = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan ban hành"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("Loại báo cáo"), max_length=32, choices=Kind.choices)
    regime = models.CharField(_("Thể thức"), max_length=8, choices=Regime.choices)
    title = models.CharField(_("Trích yếu"), max_length=500)
    # scope: exactly one of organization / program / area, per scope_kind
    scope_kind = models.CharField(_("Phạm vi"), max_length=16, choices=ScopeKind.choices)
    scope_organization = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope_program = models.ForeignKey(
        Program, verbose_name=_("Chương trình"), null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    scope_area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Địa bàn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hot_issue = models.ForeignKey(
        HotIssue,
        verbose_name=_("Vấn đề nổi cộm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    request_to = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan có thẩm quyền được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_start = models.DateField(_("Từ ngày"))
    period_end = models.DateField(_("Đến ngày"))
    # the computed figures: [{key, label, value, unit, kind, ids}] (see reports.figures)
    figures = models.JSONField(_("Số liệu"), default=list, blank=True)
    # the prose: [{key, heading, text, required}] in document order (see reports.kinds)
    sections = models.JSONField(_("Nội dung"), default=list, blank=True)
    computed_at = models.DateTimeField(_("Tính số liệu lúc"), null=True, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # the official parts, set when issuing
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("Năm của số"), null=True, blank=True)
    number_symbol = models.CharField(_("Số, ký hiệu"), max_length=100, blank=True)
    place = models.CharField(_("Địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    issued_at = models.DateTimeField(_("Ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_authority = models.CharField(
        _("Quyền hạn ký"), max_length=8, choices=Authority.choices, blank=True, default=Authority.NONE
    )
    signer_title = models.CharField(_("Chức vụ người ký"), max_length=255, blank=True)
    signer_name = models.CharField(_("Họ tên người ký"), max_length=255, blank=True)
    recipients = models.TextField(
        _("Nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận; dòng “Lưu” được thêm tự động nếu thiếu.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Báo cáo")
        verbose_name_plural = _("Báo cáo")
        ordering = ["-period_end", "-id"]
        indexes = [
            models.Index(fields=["issuer", "status", "-period_end"], name="report_issuer_status_idx"),
            models.Index(fields=["kind", "period_end"], name="report_kind_period_idx"),
            models.Index(fields=["scope_program", "period_end"], name="report_program_period_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_year", "number"],
                name="report_number_unique",
                condition=models.Q(number__isnull=False),
            ),
        ]

    def __str__(self):
        return self.number_symbol or self.title

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


def report_file_path(instance: ReportFile, filename: str) -> str:
    return f"reports/{instance.report_id}/{filename}"


class ReportFile(TimestampedModel):
    """A generated file of a report, kept with it (the last of each format counts)."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("Định dạng"), max_length=8, choices=Format.choices)
    file = models.FileField(_("Tệp"), upload_to=report_file_path, max_length=500)
    size = models.PositiveIntegerField(_("Dung lượng (byte)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    report_version = models.PositiveIntegerField(_("Phiên bản báo cáo"), default=1)

    class Meta:
        verbose_name = _("Tệp báo cáo")
        verbose_name_plural = _("Tệp báo cáo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["report", "format", "-created_at"], name="report_file_fmt_idx")]

    def __str__(self):
        return f"{self.report} ({self.format})"


class ReportRun(TimestampedModel):
    """One generation of a report's files, run as a background job; its progress (0–100)
    and current step are shown on the report page while it runs."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    step = models.CharField(_("Bước"), max_length=255, blank=True)
    error = models.TextField(_("Lỗi"), blank=True)
    formats = models.CharField(_("Định dạng"), max_length=32, default="docx,xlsx,pdf")
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt tạo tệp báo cáo")
        verbose_name_plural = _("Lượt tạo tệp báo cáo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["report", "-created_at"], name="report_run_report_idx")]

    def __str__(self):
        return f"{self.report} {self.status} {self.progress}%"
