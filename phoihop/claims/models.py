"""False claims (*thông tin sai sự thật*, issue 5 item 5): a claim in circulation, where
and when it was seen — an outlet or a channel, never a person — how far it is verified,
and the official response and where it was published. Linked to hot issues and press
items.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import SearchableMixin, VersionedModel
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem


class FalseClaim(SearchableMixin, VersionedModel):
    class Channel(models.TextChoices):
        PRESS = "press", _("Báo chí")
        SOCIAL = "social", _("Mạng xã hội")
        WEBSITE = "website", _("Trang thông tin điện tử")
        VIDEO = "video", _("Nền tảng chia sẻ video")
        MESSAGING = "messaging", _("Ứng dụng nhắn tin")
        PRINT = "print", _("Tờ rơi, ấn phẩm")
        OTHER = "other", _("Khác")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Chưa xác minh")
        VERIFYING = "verifying", _("Đang xác minh")
        FALSE = "false", _("Sai sự thật")
        MISLEADING = "misleading", _("Gây hiểu lầm")
        TRUE = "true", _("Đúng sự thật")

    owner = models.ForeignKey(
        Organization, verbose_name=_("Ban theo dõi"), on_delete=models.PROTECT, related_name="false_claims"
    )
    claim = models.TextField(
        _("Nội dung thông tin"),
        help_text=_("Nội dung được lan truyền. Không ghi tên, tài khoản hay thông tin cá nhân của người đăng."),
    )
    channel = models.CharField(_("Kênh"), max_length=16, choices=Channel.choices)
    seen_where = models.CharField(
        _("Nơi phát hiện"),
        max_length=500,
        help_text=_("Tên cơ quan báo chí, trang, nhóm hoặc nền tảng — không phải tên hay tài khoản của một người."),
    )
    seen_on = models.DateField(_("Ngày phát hiện"))
    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("Địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="false_claims",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Chủ đề"), null=True, blank=True, on_delete=models.PROTECT, related_name="false_claims"
    )
    status = models.CharField(_("Kết quả xác minh"), max_length=16, choices=Status.choices, default=Status.UNVERIFIED)
    # Why the status last changed (required when a conclusion is revised or reopened);
    # every change and its reason is also in the audit log.
    status_reason = models.TextField(_("Lý do chuyển trạng thái"), blank=True, default="")
    response = models.TextField(_("Thông tin chính thức"), blank=True)
    response_published_where = models.CharField(_("Đăng tải tại"), max_length=500, blank=True)
    response_url = models.URLField(_("Đường dẫn bài đăng"), max_length=2000, blank=True)
    response_published_on = models.DateField(_("Ngày đăng tải"), null=True, blank=True)
    hot_issues = models.ManyToManyField(
        HotIssue, verbose_name=_("Vấn đề nổi cộm liên quan"), related_name="false_claims", blank=True
    )
    press_items = models.ManyToManyField(
        PressItem, verbose_name=_("Tin bài liên quan"), related_name="false_claims", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = ("claim", "seen_where", "response")
    sort_field = "claim"

    class Meta:
        verbose_name = _("Thông tin sai sự thật")
        verbose_name_plural = _("Thông tin sai sự thật")
        ordering = ["-seen_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "status", "-seen_on"], name="false_claim_owner_status_idx"),
            models.Index(fields=["status", "seen_on"], name="false_claim_status_idx"),
        ]

    def __str__(self):
        return self.claim[:80]
