"""Reads of inspections. `inspections_in` and `remediation_progress` serve the reports and
dashboards of issue 6."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.programs.models import Task


def inspections_in(org_ids: set[int], start: dt.date, end: dt.date) -> QuerySet:
    """Inspections made by, or of, one of the organisations, started within [start, end]."""
    ids = list(org_ids)
    return Inspection.objects.filter(
        Q(owner_id__in=ids) | Q(inspected_id__in=ids), started_on__gte=start, started_on__lte=end
    )


def remediation_progress(inspection_ids) -> dict[int, tuple[int, int]]:
    """{inspection id: (conclusions remedied, conclusions)}: a conclusion is remedied when
    it has remediation tasks and all of them are done. Two queries, whatever the rows."""
    ids = list(inspection_ids)
    totals = dict(
        InspectionConclusion.objects.filter(inspection_id__in=ids)
        .values("inspection_id")
        .annotate(n=Count("id"))
        .values_list("inspection_id", "n")
    )
    remedied_rows = (
        InspectionConclusion.objects.filter(inspection_id__in=ids)
        .annotate(
            task_count=Count("tasks", distinct=True),
            open_count=Count("tasks", filter=~Q(tasks__status=Task.Status.DONE), distinct=True),
        )
        .filter(task_count__gt=0, open_count=0)
        .values("inspection_id")
        .annotate(n=Count("id"))
        .values_list("inspection_id", "n")
    )
    remedied = dict(remedied_rows)
    return {pk: (remedied.get(pk, 0), total) for pk, total in totals.items()}
