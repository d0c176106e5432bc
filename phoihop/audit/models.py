"""The append-only change log.

Rows are written only by `phoihop.audit.record`. The model refuses updates and deletes,
the admin and API expose it read-only, and database triggers (see migration 0002) refuse
UPDATE and DELETE on the table itself.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogImmutableError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutableError("audit entries cannot be changed")

    def delete(self):
        raise AuditLogImmutableError("audit entries cannot be deleted")

    def for_object(self, obj):
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            target_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")
        EVENT = "event", _("Sự kiện")

    occurred_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("Tên người thực hiện"), max_length=255, blank=True)
    organization_id = models.BigIntegerField(_("Mã cơ quan thực hiện"), null=True, blank=True)
    organization_name = models.CharField(_("Cơ quan thực hiện"), max_length=500, blank=True)
    request_id = models.CharField(_("Mã yêu cầu"), max_length=64, blank=True)
    action = models.CharField(_("Hành động"), max_length=16, choices=Action.choices)
    event = models.CharField(_("Sự kiện"), max_length=64, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(_("Đối tượng"), max_length=500)
    changes = models.JSONField(_("Thay đổi"), default=dict, blank=True)
    message = models.TextField(_("Ghi chú"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bản ghi nhật ký")
        verbose_name_plural = _("Nhật ký thay đổi")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-occurred_at"], name="audit_target_idx")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.occurred_at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogImmutableError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutableError("audit entries cannot be deleted")

    @property
    def change_rows(self):
        """(field label, before, after) for display."""
        return [(name, pair[0], pair[1]) for name, pair in sorted(self.changes.items())]
