"""Administrative units, organisations and re-organisations.

Everything here has a validity period: history is kept by ending a record and starting
its successor, never by renaming in place. "As of date D" lookups use `valid_on(D)`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel


class Level(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện (trước 01/07/2025)")
    COMMUNE = "commune", _("Xã")


LEVEL_RANK = {Level.CENTRAL: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}
# The district level was abolished on 1/7/2025 (Nghị quyết 202/2025/QH15 and the
# amended Law on Local Government); district-level records are historical.
DISTRICT_LEVEL_ENDED = dt.date(2025, 6, 30)


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def overlapping(self, start: dt.date | None, end: dt.date | None):
        """Records whose validity overlaps [start, end] (None = open)."""
        qs = self
        if end is not None:
            qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        if start is not None:
            qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        return qs


class ValidityMixin(models.Model):
    valid_from = models.DateField(_("Hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("Hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_historical(self) -> bool:
        from django.utils import timezone

        return self.valid_to is not None and self.valid_to < timezone.localdate()


class AdministrativeUnit(SearchableMixin, ValidityMixin, TimestampedModel):
    """A province, district or commune, as it existed over a period."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Thành phố trực thuộc trung ương")
        PROVINCE = "province", _("Tỉnh")
        PROVINCIAL_CITY = "provincial_city", _("Thành phố thuộc tỉnh")
        TOWN = "town", _("Thị xã")
        RURAL_DISTRICT = "rural_district", _("Huyện")
        URBAN_DISTRICT = "urban_district", _("Quận")
        WARD = "ward", _("Phường")
        COMMUNE = "commune", _("Xã")
        TOWNSHIP = "township", _("Thị trấn")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")

    code = models.CharField(_("Mã đơn vị hành chính"), max_length=16)
    name = models.CharField(_("Tên"), max_length=255)
    short_name = models.CharField(_("Tên ngắn"), max_length=255)
    kind = models.CharField(_("Loại"), max_length=32, choices=Kind.choices)
    level = models.CharField(_("Cấp"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("Trực thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("Tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tỉnh chứa đơn vị này; với một tỉnh là chính nó."),
    )
    successors = models.ManyToManyField(
        "self",
        through="AdministrativeUnitSuccession",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    search_fields = ("name", "code")
    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đơn vị hành chính")
        verbose_name_plural = _("Đơn vị hành chính")
        ordering = ["sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="unit_code_unique_per_period")
        ]
        indexes = [
            models.Index(fields=["level", "valid_from", "valid_to"], name="unit_level_validity_idx"),
            models.Index(fields=["province", "level"], name="unit_province_level_idx"),
        ]

    def __str__(self):
        return self.name


class AdministrativeUnitSuccession(models.Model):
    """An old unit became (part of) a new one: e.g. Phú Yên → Đắk Lắk from 1/7/2025."""

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="succession_out")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="succession_in")
    effective_date = models.DateField(_("Ngày có hiệu lực"))
    legal_basis = models.CharField(_("Căn cứ"), max_length=500)

    class Meta:
        verbose_name = _("Sắp xếp đơn vị hành chính")
        verbose_name_plural = _("Sắp xếp đơn vị hành chính")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique")]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class Organization(SearchableMixin, ValidityMixin, VersionedModel):
    """An agency: a party committee, a department, a state agency, a press body…"""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Cấp ủy đảng")
        PROPAGANDA = "propaganda", _("Ban Tuyên giáo")
        MASS_MOBILISATION = "mass_mobilisation", _("Ban Dân vận")
        PROPAGANDA_MASS_MOBILISATION = "propaganda_mass_mobilisation", _("Ban Tuyên giáo và Dân vận")
        PARTY_OFFICE = "party_office", _("Văn phòng cấp ủy")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
        STATE_DEPARTMENT = "state_department", _("Sở, ngành thuộc Ủy ban nhân dân")
        PROCURACY = "procuracy", _("Viện kiểm sát nhân dân")
        COURT = "court", _("Tòa án nhân dân")
        PUBLIC_SECURITY = "public_security", _("Công an")
        FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc và đoàn thể")
        PRESS_ASSOCIATION = "press_association", _("Hội Nhà báo")
        PRESS_AGENCY = "press_agency", _("Cơ quan báo chí")
        OTHER = "other", _("Khác")

    name = models.CharField(_("Tên cơ quan"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("Loại cơ quan"), max_length=40, choices=Kind.choices)
    level = models.CharField(_("Cấp"), max_length=16, choices=Level.choices)
    administrative_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("Địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("Để trống với cơ quan cấp Trung ương."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Cơ quan cấp trên trực tiếp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    issuer_code = models.CharField(
        _("Ký hiệu cơ quan ban hành"),
        max_length=32,
        blank=True,
        help_text=_("Phần ký hiệu trong số văn bản, ví dụ TU, BTGTU, UBND."),
    )
    description = models.TextField(_("Ghi chú"), blank=True)

    search_fields = ("name", "short_name", "issuer_code")
    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Cơ quan, đơn vị")
        verbose_name_plural = _("Cơ quan, đơn vị")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["kind", "level"], name="org_kind_level_idx"),
            models.Index(fields=["administrative_unit", "level"], name="org_unit_level_idx"),
            models.Index(fields=["valid_from", "valid_to"], name="org_validity_idx"),
            models.Index(fields=["issuer_code"], name="org_issuer_code_idx"),
        ]

    def __str__(self):
        return self.name

    PROPAGANDA_KINDS = frozenset({Kind.PROPAGANDA, Kind.MASS_MOBILISATION, Kind.PROPAGANDA_MASS_MOBILISATION})

    @property
    def is_propaganda_department(self) -> bool:
        return self.kind in self.PROPAGANDA_KINDS

    @property
    def province_id(self) -> int | None:
        unit = self.administrative_unit
        return unit.province_id if unit else None


class Reorganization(TimestampedModel):
    """A merge, split, rename or dissolution of organisations from an effective date.

    The predecessors end the day before `effective_date`; the successors start on it.
    Open work of a predecessor (programmes in force, open tasks) is carried to the
    successors by the programme app from the effective date; `work_carried_at` records
    when that happened, so a re-organisation is carried over exactly once.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất, sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        DISSOLUTION = "dissolution", _("Giải thể")

    kind = models.CharField(_("Hình thức"), max_length=16, choices=Kind.choices)
    effective_date = models.DateField(_("Ngày có hiệu lực"))
    legal_basis = models.CharField(
        _("Căn cứ"), max_length=500, help_text=_("Ví dụ: Quyết định số 123-QĐ/TU, ngày 28/02/2025 của Tỉnh ủy.")
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    predecessors = models.ManyToManyField(
        Organization, verbose_name=_("Cơ quan trước sắp xếp"), related_name="reorganizations_as_predecessor"
    )
    successors = models.ManyToManyField(
        Organization, verbose_name=_("Cơ quan sau sắp xếp"), related_name="reorganizations_as_successor", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    work_carried_at = models.DateTimeField(_("Đã chuyển công việc lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Sắp xếp tổ chức")
        verbose_name_plural = _("Sắp xếp tổ chức")
        ordering = ["-effective_date", "-id"]
        indexes = [models.Index(fields=["effective_date"], name="reorg_effective_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"
