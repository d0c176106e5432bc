"""Reads of notifications, scoped to the user: a notification is seen by its recipient
and nobody else. The filter here is shared by the list page and the API list."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.notifications.models import Notification


@dataclass(frozen=True)
class NotificationFilter:
    unread: bool = False
    kind: str | None = None


def notification_list(user, filters: NotificationFilter = NotificationFilter()):
    qs = permissions.visible_notifications(user)
    if filters.unread:
        qs = qs.filter(read_at__isnull=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("-created_at", "-id")


def unread_count(user) -> int:
    return permissions.visible_notifications(user).filter(read_at__isnull=True).count()


def get_notification_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Notification:
    notification = Notification.objects.filter(pk=pk).first()
    if notification is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, notification)
    return notification
