"""The kinds of notification, declared in one place: each with its Vietnamese label and
how it is delivered unless the user chooses otherwise (NotificationPreference).

Adding a kind is one line in KINDS (then `make messages` for the English label); the
sender calls `services.notify(..., kind=<key>)`. Declare a kind only when something sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư điện tử ngay")
    DIGEST = "digest", _("Gộp vào thư tổng hợp hằng ngày")
    IN_APP = "in_app", _("Chỉ hiện trên hệ thống")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_delivery: str


TASK_DUE_SOON = "task_due_soon"
TASK_OVERDUE = "task_overdue"
PROVISION_DUE_SOON = "provision_due_soon"
PROVISION_MISSING = "provision_missing"
PROVISION_RECEIVED = "provision_received"
PROVISION_ACKNOWLEDGED = "provision_acknowledged"

KINDS: list[Kind] = [
    Kind(TASK_DUE_SOON, _("Nhiệm vụ sắp đến hạn"), Delivery.DIGEST),
    Kind(TASK_OVERDUE, _("Nhiệm vụ quá hạn"), Delivery.IMMEDIATE),
    Kind(PROVISION_DUE_SOON, _("Sắp đến hạn cung cấp thông tin"), Delivery.DIGEST),
    Kind(PROVISION_MISSING, _("Quá hạn, chưa cung cấp thông tin"), Delivery.IMMEDIATE),
    Kind(PROVISION_RECEIVED, _("Nhận được thông tin"), Delivery.IMMEDIATE),
    Kind(PROVISION_ACKNOWLEDGED, _("Thông tin đã được xác nhận đã nhận"), Delivery.IN_APP),
]
BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in KINDS]


def label(key: str) -> str:
    kind = BY_KEY.get(key)
    return str(kind.label) if kind else key
