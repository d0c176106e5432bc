"""Writing notifications: create them (never twice), mark them read, set each user's
delivery per kind, and send the e-mails (one per person per run, never one per
notification). The jobs in `notifications.jobs` call the delivery functions; every other
app calls `notify` (or `notify_many` for many at once) and `organization_recipients`."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phoihop.accounts.models import Membership
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery
from phoihop.notifications.models import Notification, NotificationPreference

DELIVERY_JOB = "phoihop.notifications.jobs.deliver_immediate"

logger = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    """Some e-mails of a delivery run could not be sent (the others were)."""


BATCH = 500


@dataclass(frozen=True)
class NotificationInput:
    """One notification to one user, before it is stored."""

    recipient_id: int
    kind: str
    title: str
    dedupe_key: str
    body: str = ""
    url: str = ""


# --- who ------------------------------------------------------------------------------


def organization_members(organization_ids: Iterable[int], roles: Iterable[str] | None = None, *, day=None):
    """{organisation id: [user id, …]} of the active users with a membership in force on
    `day` (default today) in those organisations, in those roles (default: any). One query."""
    day = day or timezone.localdate()
    memberships = Membership.objects.active(day).filter(
        organization_id__in=list(organization_ids), user__is_active=True
    )
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    result: dict[int, list[int]] = defaultdict(list)
    for organization_id, user_id in memberships.order_by("organization_id", "user_id").values_list(
        "organization_id", "user_id"
    ):
        result[organization_id].append(user_id)
    return dict(result)


def organization_recipients(organization_ids: Iterable[int], roles: Iterable[str] | None = None):
    """The active users with a membership in force today in those organisations (in
    those roles, default any): a queryset, each user once."""
    memberships = Membership.objects.active(timezone.localdate()).filter(organization_id__in=list(organization_ids))
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


# --- creating ---------------------------------------------------------------------------


def _validate(item: NotificationInput) -> None:
    if item.kind not in kinds.BY_KEY:
        raise ValidationError({"kind": [_("Loại thông báo không tồn tại: %(kind)s.") % {"kind": item.kind}]})
    if not item.dedupe_key:
        raise ValidationError({"dedupe_key": [_("Thiếu khóa chống trùng của thông báo.")]})
    if item.url and not item.url.startswith("/"):
        raise ValidationError({"url": [_("Đường dẫn của thông báo phải là một trang của hệ thống (bắt đầu bằng /).")]})


def notify(recipients, kind: str, *, title: str, body: str = "", url: str = "", dedupe_key: str) -> int:
    """Notify each of `recipients` (users or user ids) once for `dedupe_key`. Returns the
    number of notifications created (0 for those who already had this key)."""
    items = [
        NotificationInput(
            recipient_id=getattr(user, "pk", user), kind=kind, title=title, body=body, url=url, dedupe_key=dedupe_key
        )
        for user in recipients
    ]
    return notify_many(items)


def notify_many(items: list[NotificationInput]) -> int:
    """Store the notifications whose (recipient, dedupe_key) is new — a constant number
    of queries whatever their number — and, after commit, queue the e-mail of those
    whose recipients want this kind at once. Returns the number created."""
    for item in items:
        _validate(item)
    unique: dict[tuple[int, str], NotificationInput] = {}
    for item in items:
        unique.setdefault((item.recipient_id, item.dedupe_key), item)
    if not unique:
        return 0
    keys = {key for _user, key in unique}
    existing = set()
    for chunk in _chunks(sorted(keys), BATCH):
        existing |= set(
            Notification.objects.filter(dedupe_key__in=chunk).values_list("recipient_id", "dedupe_key").iterator()
        )
    new = [item for pair, item in unique.items() if pair not in existing]
    if not new:
        return 0
    with transaction.atomic():
        # ignore_conflicts: a concurrent run that stored the same key first wins, quietly.
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=item.recipient_id,
                    kind=item.kind,
                    title=item.title[:500],
                    body=item.body,
                    url=item.url,
                    dedupe_key=item.dedupe_key,
                )
                for item in new
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        preferences = preferences_of({item.recipient_id for item in new})
        immediate = {
            item.recipient_id
            for item in new
            if delivery_for(preferences, item.recipient_id, item.kind) == Delivery.IMMEDIATE
        }
        if immediate:
            transaction.on_commit(lambda: enqueue_delivery(sorted(immediate)))
    return len(new)


def _chunks(values: list, size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def preferences_of(user_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """{(user id, kind): delivery} for the choices these users made (one query)."""
    rows = NotificationPreference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "kind", "delivery")
    return {(user_id, kind): delivery for user_id, kind, delivery in rows}


def delivery_for(preferences: dict[tuple[int, str], str], user_id: int, kind: str) -> str:
    chosen = preferences.get((user_id, kind))
    if chosen:
        return chosen
    declared = kinds.BY_KEY.get(kind)
    return declared.default_delivery if declared else Delivery.IN_APP


def enqueue_delivery(user_ids: list[int]) -> None:
    """Queue the immediate e-mails of these users on the background worker."""
    from django_q.tasks import async_task

    async_task(DELIVERY_JOB, user_ids=user_ids, task_name=f"deliver-{timezone.now():%Y%m%d%H%M%S%f}"[:100])


# --- reading ------------------------------------------------------------------------------


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one notification read (the permission module has checked it is the actor's).
    Reading is the recipient's own state, not a shared record: no audit row."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notification_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


# --- preferences ---------------------------------------------------------------------------


def preferences_for(user) -> list[dict]:
    """One row per declared kind: key, label, the delivery in force and the default."""
    chosen = preferences_of([user.pk])
    return [
        {
            "kind": kind.key,
            "label": str(kind.label),
            "delivery": delivery_for(chosen, user.pk, kind.key),
            "default": kind.default_delivery,
        }
        for kind in kinds.KINDS
    ]


def notification_preferences_set(*, actor, user, choices: dict[str, str]) -> list[dict]:
    """Set `user`'s delivery for the kinds in `choices` ({kind: delivery}); the others
    keep theirs. An unknown kind or delivery is refused and nothing changes."""
    errors: dict[str, list[str]] = {}
    for kind, delivery in choices.items():
        if kind not in kinds.BY_KEY:
            errors.setdefault(kind, []).append(_("Loại thông báo không tồn tại: %(kind)s.") % {"kind": kind})
        elif delivery not in Delivery.values:
            errors.setdefault(kind, []).append(
                _("Cách nhận không hợp lệ: %(value)s. Chọn một trong: %(choices)s.")
                % {"value": delivery, "choices": ", ".join(str(label) for label in Delivery.labels)}
            )
    if errors:
        raise ValidationError(errors)
    before = {row["kind"]: row["delivery"] for row in preferences_for(user)}
    with transaction.atomic():
        for kind, delivery in choices.items():
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
        changes = {
            kinds.label(kind): [str(Delivery(before[kind]).label), str(Delivery(delivery).label)]
            for kind, delivery in sorted(choices.items())
            if before[kind] != delivery
        }
        if changes:
            audit.record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                target=user,
                changes=changes,
                event="notification_preferences",
                message=_("Đổi cách nhận thông báo."),
            )
    return preferences_for(user)


# --- e-mail delivery ------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return f"{settings.PHOIHOP_BASE_URL}{path}"


def _open_link(notification: Notification) -> str:
    return absolute_url(reverse("notifications:open", args=[notification.pk]))


def _send(user, notifications: list[Notification], *, digest: bool, today: dt.date) -> None:
    count = len(notifications)
    if digest:
        subject = ngettext(
            "[phoihop] Thư tổng hợp ngày %(day)s: %(n)d thông báo",
            "[phoihop] Thư tổng hợp ngày %(day)s: %(n)d thông báo",
            count,
        ) % {"day": today.strftime("%d/%m/%Y"), "n": count}
    elif count == 1:
        subject = _("[phoihop] %(title)s") % {"title": notifications[0].title}
    else:
        subject = ngettext("[phoihop] %(n)d thông báo mới", "[phoihop] %(n)d thông báo mới", count) % {"n": count}
    context = {
        "user": user,
        "digest": digest,
        "day": today,
        "items": [{"notification": n, "link": _open_link(n)} for n in notifications],
        "list_url": absolute_url(reverse("notifications:list")),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }
    body = render_to_string("notifications/email/notifications.txt", context)
    send_mail(subject.replace("\n", " ")[:250], body, None, [user.email])


def deliver(*, digest: bool, user_ids: Iterable[int] | None = None) -> int:
    """Send what is due: the notifications not yet e-mailed whose recipients get their
    kind this way (immediate, or the daily digest). ONE e-mail per recipient, listing all
    of them; each recipient's rows are claimed and marked sent in one transaction with
    the sending, so a second run sends nothing and a failed send leaves them to retry.
    Returns the number of e-mails sent."""
    wanted = Delivery.DIGEST if digest else Delivery.IMMEDIATE
    pending = Notification.objects.filter(delivered_at__isnull=True).exclude(recipient__email="")
    pending = pending.filter(recipient__is_active=True, kind__in=list(kinds.BY_KEY))
    if user_ids is not None:
        pending = pending.filter(recipient_id__in=list(user_ids))
    rows = list(pending.values_list("pk", "recipient_id", "kind"))
    preferences = preferences_of({user_id for _pk, user_id, _kind in rows})
    by_user: dict[int, list[int]] = defaultdict(list)
    for pk, user_id, kind in rows:
        if delivery_for(preferences, user_id, kind) == wanted:
            by_user[user_id].append(pk)
    users = get_user_model().objects.in_bulk(list(by_user))
    today = timezone.localdate()
    sent, failed = 0, []
    with translation.override(settings.LANGUAGE_CODE):
        for user_id, ids in sorted(by_user.items()):
            # Claim the rows in a short transaction (the SMTP conversation holds no lock),
            # send, and give the claim back if the send fails: one refused address never
            # stops the others, and a row is never e-mailed twice.
            claimed_at = timezone.now()
            with transaction.atomic():
                claimed = list(
                    Notification.objects.select_for_update()
                    .filter(pk__in=ids, delivered_at__isnull=True)
                    .order_by("-created_at", "-id")
                )
                if not claimed:
                    continue  # another run sent them meanwhile
                Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(delivered_at=claimed_at)
            try:
                _send(users[user_id], claimed, digest=digest, today=today)
            except Exception as error:  # noqa: BLE001 — any failure of one send; reported below
                Notification.objects.filter(pk__in=[n.pk for n in claimed], delivered_at=claimed_at).update(
                    delivered_at=None
                )
                logger.warning("notification e-mail to user %s failed: %s", user_id, error)
                failed.append(error)
                continue
            sent += 1
    if failed:
        # The job shows as failed (and is retried) once everybody else has been served.
        raise DeliveryError(
            f"{len(failed)} of {len(failed) + sent} notification e-mails failed; first error: {failed[0]!r}"
        ) from failed[0]
    return sent
