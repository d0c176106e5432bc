"""Documents (*văn bản, tài liệu*): the files agencies exchange, their versions, and the
register of incoming documents (*sổ văn bản đến*) each receiving organisation keeps.

A document belongs to an owner organisation and is shared with others. Its
classification decides who reads it: public documents every member of an organisation
in force, internal ones the owner, the organisations it is shared with and the levels
above the owner. Confidential documents (*mật, tối mật, tuyệt mật*) are never stored:
the record says only that one exists and that it travels through the secure channel
(*đường giao liên*); it has no versions, ever. Files are kept under paths nobody can
guess and served only through a view that checks the permission module and writes the
audit log (never from MEDIA_URL).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, TimestampedModel, VersionedModel
from phoihop.core.uploads import FileKind
from phoihop.organisations.models import Organization


class Classification(models.TextChoices):
    PUBLIC = "public", _("Công khai")
    INTERNAL = "internal", _("Nội bộ")
    CONFIDENTIAL = "confidential", _("Mật")


class SecrecyLevel(models.TextChoices):
    """The levels of a confidential document (độ mật)."""

    SECRET = "secret", _("Mật")
    TOP_SECRET = "top_secret", _("Tối mật")
    ULTRA_SECRET = "ultra_secret", _("Tuyệt mật")


class Document(SearchableMixin, VersionedModel):
    owner = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan sở hữu"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("Tên tài liệu"), max_length=500)
    number_symbol = models.CharField(
        _("Số, ký hiệu"), max_length=100, blank=True, help_text=_("Ví dụ: 93-CV/TU hoặc 12/KH-UBND")
    )
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("Cơ quan ban hành"), max_length=255, blank=True)
    summary = models.TextField(_("Trích yếu"), blank=True)
    classification = models.CharField(
        _("Phân loại"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )
    secrecy_level = models.CharField(_("Độ mật"), max_length=16, choices=SecrecyLevel.choices, blank=True)
    secure_channel = models.BooleanField(
        _("Chuyển qua kênh bảo mật"),
        default=False,
        help_text=_("Văn bản mật: bản giấy chuyển qua đường giao liên, hệ thống chỉ ghi nhận văn bản tồn tại."),
    )
    year = models.PositiveSmallIntegerField(_("Năm"), editable=False)
    shared_with = models.ManyToManyField(
        Organization, through="DocumentShare", verbose_name=_("Chia sẻ với"), related_name="shared_documents"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("title", "number_symbol", "issuer", "summary")
    sort_field = "title"

    class Meta:
        verbose_name = _("Tài liệu")
        verbose_name_plural = _("Tài liệu")
        ordering = ["-year", "sort_name", "id"]
        indexes = [
            # The list's order (latest year first, then by Vietnamese name), so a page is read in index order.
            models.Index(fields=["-year", "sort_name", "id"], name="document_list_order_idx"),
            models.Index(fields=["owner", "year"], name="document_owner_year_idx"),
            models.Index(fields=["classification", "year"], name="document_class_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(classification="confidential") & ~Q(secrecy_level="") & Q(secure_channel=True))
                | (~Q(classification="confidential") & Q(secrecy_level="") & Q(secure_channel=False)),
                name="document_confidential_is_a_record_only",
            ),
        ]

    audit_labels = {"file_version": _("Phiên bản tệp"), "shared_with": _("Chia sẻ với")}

    def __str__(self):
        return f"{self.number_symbol} — {self.title}" if self.number_symbol else self.title

    @property
    def is_confidential(self) -> bool:
        return self.classification == Classification.CONFIDENTIAL

    def audit_value(self, name: str):
        if name == "secure_channel":
            return str(_("Có")) if self.secure_channel else None
        return None


class DocumentShare(models.Model):
    """An organisation a document is shared with: its members read the document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan"), on_delete=models.PROTECT, related_name="document_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Chia sẻ lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Chia sẻ tài liệu")
        verbose_name_plural = _("Chia sẻ tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["document", "organization"], name="document_share_unique"),
        ]
        indexes = [models.Index(fields=["organization", "document"], name="document_share_org_idx")]

    def __str__(self):
        return str(self.organization)


def version_path(instance: DocumentVersion, filename: str) -> str:
    """documents/<uuid4 hex>/<safe name>: a fresh random folder per file, so a stored path
    says nothing of the document and cannot be guessed."""
    return f"documents/{uuid.uuid4().hex}/{filename}"


class DocumentVersion(TimestampedModel):
    """One uploaded file of a document: version 1, 2, 3…; the type decided by content."""

    document = models.ForeignKey(
        Document, verbose_name=_("Tài liệu"), on_delete=models.CASCADE, related_name="versions"
    )
    # The owner at upload, kept here so that "one file once per owner" is a constraint.
    owner = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("Phiên bản"))
    file = models.FileField(_("Tệp"), upload_to=version_path, max_length=500)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    kind = models.CharField(_("Loại tệp"), max_length=16, choices=FileKind.choices)
    content_type = models.CharField(_("Kiểu nội dung"), max_length=100)
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    note = models.CharField(_("Ghi chú thay đổi"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Phiên bản tài liệu")
        verbose_name_plural = _("Phiên bản tài liệu")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique_number"),
            models.UniqueConstraint(fields=["owner", "sha256"], name="document_version_unique_content"),
        ]

    def __str__(self):
        return f"{self.document.title} — v{self.number} ({self.original_name})"


class IncomingEntry(TimestampedModel):
    """One line of an organisation's register of incoming documents (sổ văn bản đến):
    numbered 1, 2, 3… per receiving organisation and year."""

    receiving_organization = models.ForeignKey(
        Organization, verbose_name=_("Cơ quan nhận"), on_delete=models.PROTECT, related_name="incoming_entries"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveIntegerField(_("Số đến"))
    document = models.ForeignKey(
        Document, verbose_name=_("Tài liệu"), on_delete=models.PROTECT, related_name="incoming_entries"
    )
    received_on = models.DateField(_("Ngày đến"))
    sender_organization = models.ForeignKey(
        Organization,
        verbose_name=_("Cơ quan gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_name = models.CharField(_("Nơi gửi"), max_length=255, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người vào sổ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Văn bản đến")
        verbose_name_plural = _("Sổ văn bản đến")
        ordering = ["receiving_organization", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["receiving_organization", "year", "number"], name="incoming_entry_unique_number"
            ),
            models.UniqueConstraint(
                fields=["receiving_organization", "document"], name="incoming_entry_unique_document"
            ),
        ]

    def __str__(self):
        return f"{self.number}/{self.year} — {self.document.title}"

    @property
    def sender(self) -> str:
        return self.sender_organization.name if self.sender_organization_id else self.sender_name
