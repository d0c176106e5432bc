"""Background jobs of the exchange app: plain functions the worker runs on the schedules
declared in phoihop/jobs/schedules.py (and tests call directly). Each reminder carries a
dedupe key, so running a job again (or daily) never repeats one; each takes a constant
number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.exchange import selectors
from phoihop.exchange.services import notices
from phoihop.notifications.services import notify_many


def remind_unacknowledged_subjects(today: dt.date | None = None) -> int:
    """Subjects registered more than `selectors.ACKNOWLEDGE_WITHIN_DAYS` days ago and still
    not acknowledged: the department's editors, once per subject. Returns the number of
    notifications created."""
    today = today or timezone.localdate()
    subjects = list(selectors.unacknowledged_subjects(today))
    return notify_many(notices.subject_unacknowledged_items(subjects, day=today))


def remind_unanswered_invitations(today: dt.date | None = None) -> int:
    """Sent invitations to events within `selectors.UNANSWERED_WITHIN_DAYS` days that an
    invited organisation has not answered: that organisation's editors, once per
    invitation and organisation. Returns the number of notifications created."""
    today = today or timezone.localdate()
    rows = [(response.invitation, response.organization_id) for response in selectors.unanswered_invitations(today)]
    return notify_many(notices.invitation_unanswered_items(rows, day=today))
