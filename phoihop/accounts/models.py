"""Users, their memberships in organisations, and API tokens.

The only people phoihop holds are its users (and, later, the signatories of agreements).
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimestampedModel


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo")
    OFFICER = "officer", _("Chuyên viên")
    FOCAL_POINT = "focal_point", _("Đầu mối")
    COLLABORATOR = "collaborator", _("Cộng tác viên")
    VIEWER = "viewer", _("Chỉ xem")


class User(AbstractUser):
    full_name = models.CharField(_("Họ và tên"), max_length=255, blank=True)
    position = models.CharField(_("Chức vụ"), max_length=255, blank=True)
    acting_organization = models.ForeignKey(
        "organisations.Organization",
        verbose_name=_("Đang làm việc cho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_site_admin(self) -> bool:
        return self.is_active and self.is_superuser


class MembershipQuerySet(models.QuerySet):
    def active(self, day=None):
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Membership(TimestampedModel):
    """A user acts for an organisation in a role, for a period."""

    user = models.ForeignKey(User, verbose_name=_("Người dùng"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "organisations.Organization",
        verbose_name=_("Cơ quan"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("Vai trò"), max_length=16, choices=Role.choices)
    valid_from = models.DateField(_("Từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)
    # A public-opinion collaborator covers an area (a province, a commune …) for its
    # department; other roles leave it empty.
    area = models.ForeignKey(
        "organisations.AdministrativeUnit",
        verbose_name=_("Địa bàn phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thành viên cơ quan")
        verbose_name_plural = _("Thành viên cơ quan")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role_idx")]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mã truy cập API")
        verbose_name_plural = _("Mã truy cập API")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "ph_" + secrets.token_urlsafe(32)
