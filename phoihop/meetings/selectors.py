"""Reads of meetings. `meetings_in` and `conclusion_progress` serve the reports and
dashboards of issue 6 (roll-ups by organisation scope and period)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from phoihop.meetings.models import Meeting, MeetingConclusion
from phoihop.programs.models import Task


def meetings_in(org_ids: set[int], start: dt.date, end: dt.date) -> QuerySet:
    """Held meetings organised by, or attended by, one of the organisations, starting
    within [start, end] (local dates)."""
    ids = list(org_ids)
    attended = Meeting.participants.through.objects.filter(organization_id__in=ids).values("meeting_id")
    return Meeting.objects.filter(
        Q(owner_id__in=ids) | Q(pk__in=attended),
        status=Meeting.Status.HELD,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    )


def conclusion_progress(meeting_ids) -> dict[int, tuple[int, int]]:
    """{meeting id: (conclusions whose task is done, conclusions)} in one query."""
    rows = (
        MeetingConclusion.objects.filter(meeting_id__in=list(meeting_ids))
        .values("meeting_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(task__status=Task.Status.DONE)))
    )
    return {row["meeting_id"]: (row["done"], row["total"]) for row in rows}
