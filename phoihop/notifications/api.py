"""The notifications API: /notifications/ (list, unread count, mark read, mark all read)
and /notifications/preferences (get, put). Each user reaches only their own
notifications: another user's id answers 404. Logic in selectors and services."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.notifications import selectors, services
from phoihop.notifications.schemas import (
    MarkedOut,
    NotificationFilterIn,
    NotificationOut,
    PreferenceOut,
    PreferencesIn,
    UnreadCountOut,
)

router = Router()
notifications = Router(tags=["Thông báo"])


@notifications.get(
    "/", response={200: list[NotificationOut], **error_responses(401, 422)}, summary="Danh sách thông báo"
)
@paginate(Pagination)
def notification_list(request: HttpRequest, filters: Query[NotificationFilterIn]):
    """The user's own notifications, newest first; `unread=true` for the unread ones."""
    return selectors.notification_list(request.auth, selectors.NotificationFilter(**filters.model_dump()))


@notifications.get(
    "/unread-count", response={200: UnreadCountOut, **error_responses(401)}, summary="Số thông báo chưa đọc"
)
def unread_count(request: HttpRequest):
    return {"unread": selectors.unread_count(request.auth)}


@notifications.post("/read-all", response={200: MarkedOut, **error_responses(401)}, summary="Đánh dấu tất cả là đã đọc")
def notification_read_all(request: HttpRequest):
    return {"marked": services.notification_mark_all_read(actor=request.auth)}


@notifications.get(
    "/preferences", response={200: list[PreferenceOut], **error_responses(401)}, summary="Cách nhận thông báo"
)
def preference_list(request: HttpRequest):
    """One row per kind: the delivery in force (immediate, digest or in_app) and the default."""
    return services.preferences_for(request.auth)


@notifications.put(
    "/preferences", response={200: list[PreferenceOut], **error_responses(401, 422)}, summary="Đổi cách nhận thông báo"
)
def preference_update(request: HttpRequest, payload: PreferencesIn):
    """The kinds sent change; the others keep theirs. An unknown kind or delivery: 422, nothing changes."""
    choices: dict[str, str] = {}
    for item in payload.preferences:
        if item.kind in choices:
            raise ValidationError({item.kind: [_("Loại thông báo này được gửi hai lần.")]})
        choices[item.kind] = item.delivery
    return services.notification_preferences_set(actor=request.auth, user=request.auth, choices=choices)


@notifications.post(
    "/{notification_id}/read", response={200: NotificationOut, **error_responses(401, 404)}, summary="Đánh dấu đã đọc"
)
def notification_read(request: HttpRequest, notification_id: int):
    notification = selectors.get_notification_for_user(request.auth, notification_id, Action.CHANGE)
    return services.notification_mark_read(actor=request.auth, notification=notification)


router.add_router("/notifications/", notifications)
