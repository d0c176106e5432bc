"""Notifications to users (in-app, and by e-mail alone or in a daily digest) and each
user's choice of delivery per kind. The kinds are declared in `notifications.kinds`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery


class Notification(models.Model):
    """One message to one user. `dedupe_key` names what it is about (e.g.
    "task-overdue:42:2026-09-30"): the same key is never stored twice for a user, so
    a job that runs again, or daily, never repeats a notification — nor its e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("Loại thông báo"), max_length=64)  # a key of kinds.KINDS
    title = models.CharField(_("Tiêu đề"), max_length=500)
    body = models.TextField(_("Nội dung"), blank=True)
    url = models.CharField(_("Đường dẫn"), max_length=500, blank=True)  # a path on this site
    dedupe_key = models.CharField(_("Khóa chống trùng"), max_length=200)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("Đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo")
        verbose_name_plural = _("Thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_dedupe_unique"),
        ]
        indexes = [
            # the list (newest first) and the bell (unread count)
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            # the delivery jobs: what is still to be sent
            models.Index(fields=["delivered_at", "recipient"], name="notification_undelivered_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one user wants one kind delivered; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("Loại thông báo"), max_length=64)
    delivery = models.CharField(_("Cách nhận"), max_length=16, choices=Delivery.choices)

    class Meta:
        verbose_name = _("Cách nhận thông báo")
        verbose_name_plural = _("Cách nhận thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self):
        return f"{self.user} · {kinds.label(self.kind)} · {self.get_delivery_display()}"
