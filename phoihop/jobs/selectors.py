"""Reads for the background jobs page: django-q2's task rows (every run, with its
status and error) and the declared schedules with their next and last run. Site
administrators only; everybody else gets 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django_q.models import OrmQ, Schedule, Task

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.jobs.schedules import SCHEDULES


@dataclass(frozen=True)
class RunFilter:
    status: str | None = None  # "failed" or "success"
    func: str | None = None


def check_may_see_jobs(user) -> None:
    if not permissions.can(user, Action.VIEW, Task):
        raise Http404(_("Không tìm thấy."))


def run_list(user, filters: RunFilter = RunFilter()):
    """Job runs, failures first, then the newest."""
    check_may_see_jobs(user)
    qs = Task.objects.defer("args", "kwargs")
    if filters.status == "failed":
        qs = qs.filter(success=False)
    elif filters.status == "success":
        qs = qs.filter(success=True)
    if filters.func:
        qs = qs.filter(func=filters.func)
    return qs.order_by("success", "-stopped", "id")


def schedule_rows(user) -> list[dict]:
    """Each declared job with its Schedule row (next run) and its last run: two queries."""
    check_may_see_jobs(user)
    rows = {row.name: row for row in Schedule.objects.filter(name__in=[job.name for job in SCHEDULES])}
    last_ids = [row.task for row in rows.values() if row.task]
    last = {task.id: task for task in Task.objects.defer("args", "kwargs").filter(id__in=last_ids)} if last_ids else {}
    return [
        {
            "job": job,
            "schedule": rows.get(job.name),
            "last": last.get(rows[job.name].task) if job.name in rows and rows[job.name].task else None,
        }
        for job in SCHEDULES
    ]


def queued_count(user) -> int:
    check_may_see_jobs(user)
    return OrmQ.objects.count()
