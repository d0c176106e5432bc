"""Background jobs of programmes: plain functions the worker runs on the schedules
declared in phoihop/jobs/schedules.py (and tests call directly)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts.models import Role
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.programs.models import Task, TaskPart

REMINDED_ROLES = (Role.LEADER, Role.OFFICER, Role.FOCAL_POINT)


def remind_tasks(today: dt.date | None = None) -> int:
    """Remind the leaders, officers and focal points of every organisation that still has
    an unfinished part (progress under 100%) of an open task:

    * due within PHOIHOP_DUE_SOON_DAYS days (today included): "task due soon";
    * past its due date: "task overdue".

    Each reminder is keyed by task and due date, so running this again (or daily) never
    repeats one, and a moved due date reminds again. Done and cancelled tasks, and
    finished parts, get nothing. A constant number of queries whatever the number of tasks. Returns the
    number of notifications created."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.PHOIHOP_DUE_SOON_DAYS)
    parts = list(
        TaskPart.objects.filter(task__status=Task.Status.OPEN, task__due_date__lte=horizon, progress__lt=100)
        .order_by("task__due_date", "task_id", "organization_id")
        .values_list("task_id", "task__title", "task__due_date", "organization_id")
    )
    members = organization_members({organization_id for *_task, organization_id in parts}, REMINDED_ROLES, day=today)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for task_id, title, due_date, organization_id in parts:
            overdue = due_date < today
            kind = kinds.TASK_OVERDUE if overdue else kinds.TASK_DUE_SOON
            key = f"{'task-overdue' if overdue else 'task-due-soon'}:{task_id}:{due_date.isoformat()}"
            values = {"title": title, "due": due_date.strftime("%d/%m/%Y")}
            if overdue:
                heading = _("Nhiệm vụ quá hạn: %(title)s") % values
                body = _("Hạn hoàn thành là %(due)s; phần việc của cơ quan bạn chưa hoàn thành.") % values
            else:
                heading = _("Nhiệm vụ sắp đến hạn: %(title)s") % values
                body = _("Hạn hoàn thành: %(due)s; phần việc của cơ quan bạn chưa hoàn thành.") % values
            url = reverse("programs:task_detail", args=[task_id])
            items.extend(
                NotificationInput(recipient_id=user_id, kind=kind, title=heading, body=body, url=url, dedupe_key=key)
                for user_id in members.get(organization_id, [])
            )
    return notify_many(items)
