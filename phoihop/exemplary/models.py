"""Exemplary models (*điển hình tiên tiến*, "Dân vận khéo"; issue 6 item 3): a good
practice nominated by an organisation — with a description, area, field, year and
evidence (linked tasks, documents, press items) — reviewed, then decided: commended or
not, with the decision's reference. The honour roll lists the commended ones per year and
area.

A model describes a practice of a collective (a commune, an agency, a residential
group); it names no citizen (DESIGN.md "Aggregate, not people").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, VersionedModel
from phoihop.documents.models import Document
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem
from phoihop.programs.models import Program, Task


class ExemplaryModel(SearchableMixin, VersionedModel):
    class Field(models.TextChoices):
        ECONOMY = "economy", _("Kinh tế")
        CULTURE_SOCIETY = "culture_society", _("Văn hóa - xã hội")
        DEFENCE_SECURITY = "defence_security", _("Quốc phòng - an ninh")
        POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")
        ADMINISTRATIVE_REFORM = "administrative_reform", _("Cải cách hành chính")
        OTHER = "other", _("Lĩnh vực khác")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Đã đề nghị")
        UNDER_REVIEW = "under_review", _("Đang xét")
        COMMENDED = "commended", _("Được khen thưởng")
        NOT_COMMENDED = "not_commended", _("Không khen thưởng")
        WITHDRAWN = "withdrawn", _("Đã rút")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan đề nghị"), on_delete=models.PROTECT, related_name="exemplary_models"
    )
    title = models.CharField(_("Tên mô hình, điển hình"), max_length=500)
    description = models.TextField(_("Mô tả, kết quả nổi bật"))
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("Địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplary_models",
    )
    field = models.CharField(_("Lĩnh vực"), max_length=32, choices=Field.choices)
    year = models.PositiveSmallIntegerField(_("Năm"))
    program = models.ForeignKey(
        Program,
        verbose_name=_("Chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplary_models",
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.NOMINATED)
    status_reason = models.TextField(_("Lý do chuyển trạng thái gần nhất"), blank=True)
    review_note = models.TextField(_("Ý kiến thẩm định"), blank=True)
    decided_by = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplary_decisions",
    )
    decision_ref = models.CharField(
        _("Số quyết định"), max_length=255, blank=True, help_text=_("Ví dụ: Quyết định số 125-QĐ/TU")
    )
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    evidence_tasks = models.ManyToManyField(
        Task, verbose_name=_("Nhiệm vụ minh chứng"), related_name="exemplary_models", blank=True
    )
    evidence_documents = models.ManyToManyField(
        Document, verbose_name=_("Tài liệu minh chứng"), related_name="exemplary_models", blank=True
    )
    evidence_press_items = models.ManyToManyField(
        PressItem, verbose_name=_("Tin bài minh chứng"), related_name="exemplary_models", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "description", "decision_ref")
    sort_field = "title"

    class Meta:
        verbose_name = _("Điển hình tiên tiến")
        verbose_name_plural = _("Điển hình tiên tiến")
        ordering = ["-year", "sort_name", "id"]
        indexes = [
            models.Index(fields=["owner", "-year"], name="exemplary_owner_year_idx"),
            models.Index(fields=["status", "year"], name="exemplary_status_year_idx"),
            models.Index(fields=["year", "area"], name="exemplary_year_area_idx"),
        ]

    def __str__(self):
        return self.title
