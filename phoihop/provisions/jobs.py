"""Background jobs of information provision: plain functions the worker runs on the
schedules declared in phoihop/jobs/schedules.py (and tests call directly)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.provisions.selectors import owed
from phoihop.provisions.services import NOTIFIED_ROLES


def remind_missing_provisions(today: dt.date | None = None) -> int:
    """Remind the leaders, officers and focal points of every provider (a partner party
    of a programme signed or in force) of each expected periodic provision not yet
    received that is:

    * due within PHOIHOP_DUE_SOON_DAYS days (today included): "provision due soon";
    * past its due day (this year's and last year's periods): "provision missing".

    Each reminder is keyed by programme, provider and period, so running this again (or
    daily) never repeats one. A constant number of queries whatever the number of
    programmes. Returns the number of notifications created."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.PHOIHOP_DUE_SOON_DAYS)
    items_owed = owed(years=sorted({today.year - 1, today.year, horizon.year}), due_until=horizon)
    members = organization_members({item.provider_id for item in items_owed}, NOTIFIED_ROLES, day=today)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for item in items_owed:
            missing = item.period.due < today
            values = {
                "period": item.period.label,
                "program": item.program_title,
                "due": item.period.due.strftime("%d/%m/%Y"),
            }
            if missing:
                kind, key = kinds.PROVISION_MISSING, f"provision-missing:{item.key}"
                title = _("Chưa cung cấp thông tin %(period)s") % values
                body = _("Hạn cung cấp là %(due)s theo chương trình “%(program)s”; cơ quan bạn chưa gửi.") % values
            else:
                kind, key = kinds.PROVISION_DUE_SOON, f"provision-due-soon:{item.key}"
                title = _("Sắp đến hạn cung cấp thông tin %(period)s") % values
                body = _("Hạn cung cấp: %(due)s, theo chương trình “%(program)s”.") % values
            url = reverse("provisions:create") + f"?program={item.program_id}&provider={item.provider_id}"
            items.extend(
                NotificationInput(recipient_id=user_id, kind=kind, title=title, body=body, url=url, dedupe_key=key)
                for user_id in members.get(item.provider_id, [])
            )
    return notify_many(items)
