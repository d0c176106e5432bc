"""Reads of inspections, scoped to the user: the list (its filter shared by the list page
and the API list), one inspection, its conclusions with their remediation tasks.
Constant queries whatever the rows.

`inspections_in` and `remediation_progress` serve the reports and dashboards of issue 6."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.organisations.models import Organization
from phoihop.programs.models import Task


def inspections_in(org_ids: set[int], start: dt.date, end: dt.date) -> QuerySet:
    """Inspections made by, or of, one of the organisations, started within [start, end]."""
    ids = list(org_ids)
    return Inspection.objects.filter(
        Q(owner_id__in=ids) | Q(inspected_id__in=ids), started_on__gte=start, started_on__lte=end
    )


def remediation_progress(inspection_ids) -> dict[int, tuple[int, int]]:
    """{inspection id: (conclusions remedied, conclusions)}: a conclusion is remedied when
    it has remediation tasks and all of them are done. Inspections without conclusions are
    absent. Two queries, whatever the rows."""
    ids = list(inspection_ids)
    totals = dict(
        InspectionConclusion.objects.filter(inspection_id__in=ids)
        .order_by()
        .values("inspection_id")
        .annotate(n=Count("id"))
        .values_list("inspection_id", "n")
    )
    remedied_ids = (
        InspectionConclusion.objects.filter(inspection_id__in=ids)
        .order_by()
        .annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__status=Task.Status.DONE), distinct=True),
        )
        .values_list("inspection_id", "task_count", "done_count")
    )
    remedied: dict[int, int] = {}
    for inspection_id, task_count, done_count in remedied_ids:
        if task_count and task_count == done_count:
            remedied[inspection_id] = remedied.get(inspection_id, 0) + 1
    return {pk: (remedied.get(pk, 0), total) for pk, total in totals.items()}


# --- the list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionFilter:
    q: str | None = None
    status: str | None = None
    year: int | None = None
    inspected: int | None = None


def inspection_list(user, filters: InspectionFilter = InspectionFilter()) -> QuerySet:
    qs = permissions.visible_inspections(user).select_related("owner", "inspected", "program")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(started_on__gte=dt.date(filters.year, 1, 1), started_on__lte=dt.date(filters.year, 12, 31))
    if filters.inspected:
        qs = qs.filter(inspected_id=filters.inspected)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-started_on", "-id")


def with_progress(rows) -> list:
    """Set `remedied` and `conclusion_total` on each inspection of a page (two queries)."""
    rows = list(rows)
    progress = remediation_progress([row.pk for row in rows])
    for row in rows:
        row.remedied, row.conclusion_total = progress.get(row.pk, (0, 0))
    return rows


def inspected_choices(user, limit: int = 500) -> list[tuple[int, str]]:
    """The inspected organisations of the inspections the user sees (for the list's filter)."""
    visible = permissions.visible_inspections(user).order_by().values("inspected_id")
    return list(
        Organization.objects.filter(pk__in=visible).order_by("sort_name", "id").values_list("pk", "name")[:limit]
    )


def year_choices(today: dt.date | None = None, span: int = 10) -> list[int]:
    """The years offered by the list's filter: next year back to `span` years ago (no query)."""
    year = (today or timezone.localdate()).year
    return list(range(year + 1, year - span - 1, -1))


# --- one inspection -------------------------------------------------------------------------------


def get_inspection_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Inspection:
    """404 unless the user may see the inspection; 403 if they see it but may not `action`."""
    inspection = (
        Inspection.objects.select_related(
            "owner", "inspected", "program", "created_by", "inspected__administrative_unit"
        )
        .filter(pk=pk)
        .first()
    )
    if inspection is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, inspection)
    return inspection


def get_conclusion(inspection: Inspection, conclusion_id: int) -> InspectionConclusion:
    conclusion = inspection.conclusions.filter(pk=conclusion_id).first()
    if conclusion is None:
        raise Http404(_("Không tìm thấy."))
    conclusion.inspection = inspection
    return conclusion


def conclusions_with_tasks(inspection: Inspection) -> list[InspectionConclusion]:
    """The conclusions in order, each with its remediation tasks (bucket and average
    progress of the parts annotated) and `remedied`. Two queries."""
    today = timezone.localdate()
    tasks = (
        Task.objects.with_bucket(today)
        .select_related("lead")
        .annotate(progress=Avg("parts__progress"))
        .order_by("due_date", "id")
    )
    conclusions = list(inspection.conclusions.prefetch_related(Prefetch("tasks", queryset=tasks)).order_by("number"))
    for conclusion in conclusions:
        items = list(conclusion.tasks.all())
        conclusion.remedied = bool(items) and all(task.status == Task.Status.DONE for task in items)
    return conclusions
