"""The search index (issue 5, item 6): one row per searchable record of every area.

`folded_title` and `folded` hold the folded words (`core.text.fold_tokens`) of the title
and of title and text together; the full-text index is built over them by migration 0002,
one per database: an FTS5 table kept in step by triggers on SQLite, a generated
`tsvector` column with a GIN index on PostgreSQL. `title` and `text` keep the original
(bounded) for the result list: its snippet and the marks around the words found.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 100_000  # characters of a record's text (a document's body above all) kept and indexed


class SearchEntry(models.Model):
    kind = models.CharField(_("Loại"), max_length=32)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("Tiêu đề"), max_length=1000)
    text = models.TextField(_("Nội dung"), blank=True)
    folded_title = models.TextField(editable=False, default="")
    folded = models.TextField(editable=False, default="")
    url = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Mục tìm kiếm")
        verbose_name_plural = _("Mục tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["kind"], name="search_entry_kind_idx")]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title[:60]}"


class DocumentText(models.Model):
    """The text extracted from a document's latest file, by the background job
    (`search.jobs.extract_document_text`), never inside the request that uploaded it."""

    class Status(models.TextChoices):
        EXTRACTED = "extracted", _("Đã trích xuất")
        UNSUPPORTED = "unsupported", _("Không trích xuất được loại tệp này")
        NO_TOOL = "no_tool", _("Thiếu công cụ trích xuất (pdftotext)")
        FAILED = "failed", _("Trích xuất lỗi")

    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("Tài liệu")
    )
    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="+", verbose_name=_("Phiên bản")
    )
    status = models.CharField(_("Kết quả"), max_length=16, choices=Status.choices)
    text = models.TextField(_("Nội dung"), blank=True)
    extracted_at = models.DateTimeField(_("Trích xuất lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Nội dung tài liệu đã trích xuất")
        verbose_name_plural = _("Nội dung tài liệu đã trích xuất")

    def __str__(self):
        return f"{self.document_id} v{self.version_id} ({self.status})"
