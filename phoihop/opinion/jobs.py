"""Background jobs of public opinion: plain functions the worker runs on the schedules
declared in phoihop/jobs/schedules.py (and tests call directly)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many
from phoihop.opinion.selectors import owed


def remind_opinion_reports(today: dt.date | None = None) -> int:
    """Remind each collaborator of the periodic reports it owes its department:

    * due within the calendar's `remind_days_before` days (today included): "due soon";
    * past the due day (this year's periods, and the last of last year) while its
      membership covered the period: "missing".

    Each reminder is keyed by collaborator, department and period, so running this again
    (or daily) never repeats one. A constant number of queries whatever the number of
    collaborators. Returns the number of notifications created."""
    today = today or timezone.localdate()
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for item in owed(today=today):
            values = {
                "period": item.period.label,
                "org": item.department_name,
                "due": item.period.due.strftime("%d/%m/%Y"),
            }
            if item.period.due < today:
                kind, key = kinds.OPINION_REPORT_MISSING, f"opinion-report-missing:{item.key}"
                title = _("Chưa nộp báo cáo dư luận %(period)s") % values
                body = _("Hạn nộp cho %(org)s là %(due)s; bạn chưa nộp báo cáo.") % values
            else:
                kind, key = kinds.OPINION_REPORT_DUE_SOON, f"opinion-report-due-soon:{item.key}"
                title = _("Sắp đến hạn nộp báo cáo dư luận %(period)s") % values
                body = _("Hạn nộp cho %(org)s: %(due)s.") % values
            url = reverse("opinion:report_create") + f"?department={item.department_id}&period={item.period.key}"
            items.append(
                NotificationInput(
                    recipient_id=item.collaborator_id, kind=kind, title=title, body=body, url=url, dedupe_key=key
                )
            )
    return notify_many(items)
