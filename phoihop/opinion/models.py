"""Public opinion (*dư luận xã hội*): the network of collaborators, their aggregate
reports, and the taxonomy the reports are filed under (issue 5, items 1 and 2).

**Aggregate, not people.** A report describes what people in an area think about
topics — direction, intensity, breadth, a summary — never who said it: no model here
has a field for a citizen's name, contact or account, and no free-text field is meant
for one (the help texts say so). The only people are users: the collaborator who files
the report and the officers who read it.

A collaborator is a user with a membership of role "collaborator" in a department
(`accounts.Membership`, with its start and end dates and the area it covers). A report
is filed for the department; a periodic report for one period of the department's
reporting calendar, a quick report (*báo cáo nhanh*) for a date. A submitted report is
never edited: a correction is a new report that links to the one it corrects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.core.text import fold
from phoihop.organisations.models import AdministrativeUnit, Organization


class Topic(models.Model):
    """A topic of the configurable taxonomy (politics and ideology, economy, land …).
    The defaults are written by a data migration; administrators add, rename, order and
    retire topics. A retired topic stays on the records filed under it."""

    code = models.SlugField(_("Mã"), max_length=64, unique=True)
    name = models.CharField(_("Tên chủ đề"), max_length=255)
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Chủ đề dư luận")
        verbose_name_plural = _("Chủ đề dư luận")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """An event or occasion an item can be tagged with (Tết, a plenum, a congress …)."""

    name = models.CharField(_("Tên"), max_length=255)
    folded_name = models.CharField(max_length=255, unique=True, editable=False)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Sự kiện, dịp")
        verbose_name_plural = _("Sự kiện, dịp")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class ReportingCalendar(VersionedModel):
    """When a department's collaborators report: monthly by default, by a day of the
    period's last month (clamped to the month's end). A department without one reports
    monthly by the DEFAULT_DUE_DAY."""

    DEFAULT_DUE_DAY = 25

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")

    department = models.OneToOneField(
        Organization, verbose_name=_("Ban"), on_delete=models.CASCADE, related_name="opinion_calendar"
    )
    frequency = models.CharField(_("Định kỳ"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY)
    due_day = models.PositiveSmallIntegerField(_("Hạn nộp (ngày trong tháng)"), default=DEFAULT_DUE_DAY)
    remind_days_before = models.PositiveSmallIntegerField(_("Nhắc trước (ngày)"), default=3)

    class Meta:
        verbose_name = _("Lịch báo cáo dư luận")
        verbose_name_plural = _("Lịch báo cáo dư luận")
        constraints = [
            models.CheckConstraint(condition=Q(due_day__gte=1, due_day__lte=31), name="opinion_calendar_due_day"),
        ]

    def __str__(self):
        return f"{self.department} · {self.get_frequency_display()}"


class Direction(models.TextChoices):
    APPROVING = "approving", _("Đồng tình, ủng hộ")
    OPPOSING = "opposing", _("Phản đối, không đồng tình")
    WORRIED = "worried", _("Lo lắng, băn khoăn")
    UNDECIDED = "undecided", _("Chưa rõ thái độ")


class Intensity(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class Breadth(models.TextChoices):
    FEW = "few", _("Một số ít")
    MANY = "many", _("Nhiều người")
    MOST = "most", _("Đa số")
    NEARLY_ALL = "nearly_all", _("Hầu hết")


class OpinionReport(VersionedModel):
    """One collaborator's report to a department for an area: periodic (a period of the
    department's calendar) or quick (a date)."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Định kỳ")
        QUICK = "quick", _("Báo cáo nhanh")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp")

    department = models.ForeignKey(
        Organization, verbose_name=_("Ban nhận báo cáo"), on_delete=models.PROTECT, related_name="opinion_reports"
    )
    collaborator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cộng tác viên"),
        on_delete=models.PROTECT,
        related_name="opinion_reports",
    )
    area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Địa bàn"), on_delete=models.PROTECT, related_name="opinion_reports"
    )
    kind = models.CharField(_("Loại báo cáo"), max_length=16, choices=Kind.choices, default=Kind.PERIODIC)
    # Periodic: the period (year, number) of the calendar's frequency and its first and
    # last day. Quick: the date observed, as both first and last day; no number.
    frequency = models.CharField(_("Định kỳ"), max_length=16, choices=ReportingCalendar.Frequency.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("Năm"))
    period = models.PositiveSmallIntegerField(_("Kỳ"), null=True, blank=True)
    period_start = models.DateField(_("Từ ngày"))
    period_end = models.DateField(_("Đến ngày"))
    due_on = models.DateField(_("Hạn nộp"), null=True, blank=True)
    overview = models.TextField(
        _("Nhận định chung"),
        blank=True,
        help_text=_("Tình hình chung trên địa bàn. Không ghi tên, địa chỉ, số điện thoại hay tài khoản của người dân."),
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("Nộp lúc"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("Đính chính cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )

    class Meta:
        verbose_name = _("Báo cáo dư luận xã hội")
        verbose_name_plural = _("Báo cáo dư luận xã hội")
        ordering = ["-period_end", "-id"]
        indexes = [
            models.Index(fields=["department", "year", "period"], name="opinion_report_dept_period_idx"),
            models.Index(fields=["collaborator", "year", "period"], name="opinion_report_collab_idx"),
            models.Index(fields=["department", "status", "-submitted_at"], name="opinion_report_dept_sub_idx"),
            models.Index(fields=["area", "period_end"], name="opinion_report_area_idx"),
        ]
        constraints = [
            # One original periodic report per collaborator, department and period; more
            # only as corrections.
            models.UniqueConstraint(
                fields=["department", "collaborator", "frequency", "year", "period"],
                condition=Q(kind="periodic", corrects__isnull=True),
                name="opinion_report_one_per_period",
            ),
            models.CheckConstraint(
                condition=(Q(kind="periodic") & ~Q(frequency="") & Q(period__isnull=False))
                | (Q(kind="quick") & Q(frequency="") & Q(period__isnull=True)),
                name="opinion_report_periodic_or_quick",
            ),
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="opinion_report_dates"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.area} · {self.period_end:%d/%m/%Y}"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    @property
    def title(self) -> str:
        """ "Tháng 10/2026", "Quý IV/2026", "Báo cáo nhanh ngày 21/11/2026"."""
        from django.utils.translation import gettext

        from phoihop.provisions.calendar import period_label

        if self.kind == self.Kind.QUICK:
            return gettext("Báo cáo nhanh ngày %(day)s") % {"day": self.period_end.strftime("%d/%m/%Y")}
        return period_label(self.frequency, self.year, self.period)


class OpinionItem(SearchableMixin, TimestampedModel):
    """One matter in a report: a topic, how people stand on it, how strongly, how widely,
    and a summary of what is said — about the matter, never about who said it."""

    report = models.ForeignKey(OpinionReport, verbose_name=_("Báo cáo"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    topic = models.ForeignKey(Topic, verbose_name=_("Chủ đề"), on_delete=models.PROTECT, related_name="items")
    tags = models.ManyToManyField(Tag, verbose_name=_("Sự kiện, dịp"), related_name="items", blank=True)
    # The area of the item: the report's area or a unit within it. Stored so that
    # summaries group by area without walking reports.
    area = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Địa bàn"), on_delete=models.PROTECT, related_name="opinion_items"
    )
    direction = models.CharField(_("Chiều hướng"), max_length=16, choices=Direction.choices)
    intensity = models.CharField(_("Mức độ"), max_length=8, choices=Intensity.choices)
    breadth = models.CharField(_("Phạm vi"), max_length=16, choices=Breadth.choices)
    summary = models.TextField(
        _("Tóm tắt"),
        help_text=_("Nội dung dư luận về vấn đề. Không ghi tên, địa chỉ, số điện thoại hay tài khoản của người dân."),
    )
    flagged_hot = models.BooleanField(_("Đánh dấu nổi cộm"), default=False)

    search_fields = ("summary",)
    sort_field = "summary"

    class Meta:
        verbose_name = _("Nội dung dư luận")
        verbose_name_plural = _("Nội dung dư luận")
        ordering = ["report", "position", "id"]
        indexes = [
            models.Index(fields=["topic", "report"], name="opinion_item_topic_idx"),
            models.Index(fields=["area", "report"], name="opinion_item_area_idx"),
            models.Index(fields=["flagged_hot", "report"], name="opinion_item_hot_idx"),
        ]

    def __str__(self):
        return f"{self.topic} · {self.get_direction_display()}"
