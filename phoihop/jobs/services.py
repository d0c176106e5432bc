"""Writing django-q2's schedules from the declarations in `jobs.schedules`."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django_q.models import Schedule

from phoihop.jobs.schedules import PREFIX, SCHEDULES, Periodic


@dataclass
class SyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def schedules_sync(declared: list[Periodic] = SCHEDULES) -> SyncResult:
    """Upsert one cron Schedule row per declared job (by name) and delete ours that are
    no longer declared. Idempotent: a second run changes nothing, and an unchanged job
    keeps its next run."""
    result = SyncResult()
    names = {job.name for job in declared}
    with transaction.atomic():
        existing = {row.name: row for row in Schedule.objects.filter(name__in=names)}
        for job in declared:
            row = existing.get(job.name)
            if row is None:
                Schedule.objects.create(name=job.name, func=job.func, schedule_type=Schedule.CRON, cron=job.cron)
                result.created.append(job.name)
                continue
            if (row.func, row.schedule_type, row.cron, row.repeats) == (job.func, Schedule.CRON, job.cron, -1):
                result.unchanged.append(job.name)
                continue
            row.func, row.schedule_type, row.cron, row.repeats = job.func, Schedule.CRON, job.cron, -1
            row.next_run = row.calculate_next_run()
            row.save()
            result.updated.append(job.name)
        stale = Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=names)
        result.removed = sorted(stale.values_list("name", flat=True))
        stale.delete()
    return result
