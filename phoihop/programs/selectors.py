"""Reads of programmes, plans and tasks, scoped to the user. The filter definitions here
are shared by the list pages and the API lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.programs.models import (
    AnnualPlan,
    Bucket,
    Program,
    ProgramAttachment,
    ProgramParty,
    ProgressReport,
    Task,
    TaskPart,
    bucket_q,
)

DUE_SOON_DAYS = 14


def _search(queryset, q: str | None):
    for word in fold_words(q):
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _not_found():
    return Http404(_("Không tìm thấy."))


# --- programmes ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramFilter:
    q: str | None = None
    party: int | None = None
    level: str | None = None
    province: int | None = None
    status: str | None = None
    year: int | None = None  # programmes whose period covers this year
    kind: str | None = None


def _parties_prefetch() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=ProgramParty.objects.select_related("organization", "organization__administrative_unit").order_by(
            "position", "id"
        ),
    )


def program_list(user, filters: ProgramFilter = ProgramFilter()):
    qs = permissions.visible_programs(user).prefetch_related(_parties_prefetch())
    if filters.party:
        qs = qs.filter(pk__in=ProgramParty.objects.filter(organization_id=filters.party).values("program_id"))
    if filters.level:
        qs = qs.filter(pk__in=ProgramParty.objects.filter(organization__level=filters.level).values("program_id"))
    if filters.province:
        in_province = Q(organization__administrative_unit_id=filters.province) | Q(
            organization__administrative_unit__province_id=filters.province
        )
        qs = qs.filter(pk__in=ProgramParty.objects.filter(in_province).values("program_id"))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(start_year__lte=filters.year, end_year__gte=filters.year)
    return _search(qs, filters.q).order_by("-start_year", "sort_name", "id")


def get_program_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Program:
    program = Program.objects.prefetch_related(_parties_prefetch(), "content_items").filter(pk=pk).first()
    if program is None:
        raise _not_found()
    permissions.check(user, action, program)
    return program


def _bucket_field(bucket: Bucket) -> str:
    return f"n_{bucket.value}"


def program_detail(program: Program, today: dt.date | None = None, *, with_revisions: bool = True) -> dict:
    """What the programme page shows besides the programme itself: one query each for the
    plans (with their task count and bucket counts, summed here into the programme's),
    legal bases, signatures and revisions, whatever their number."""
    today = today or timezone.localdate()
    plans = list(
        program.plans.annotate(
            task_count=Count("tasks"),
            **{
                _bucket_field(bucket): Count("tasks", filter=bucket_q(bucket, today, prefix="tasks__"))
                for bucket in Bucket
            },
        ).order_by("-year")
    )
    return {
        "legal_bases": [link.reference for link in program.legal_basis_links.select_related("reference")],
        "signatures": list(program.signatures.select_related("organization")),
        "plans": plans,
        "buckets": [(bucket, sum(getattr(plan, _bucket_field(bucket)) for plan in plans)) for bucket in Bucket],
        "revisions": list(program.revisions.select_related("created_by")) if with_revisions else [],
    }


# --- plans ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFilter:
    program: int | None = None
    year: int | None = None
    status: str | None = None


def plan_list(user, filters: PlanFilter = PlanFilter()):
    """The annual plans of the programmes the user may see, with their task counts."""
    qs = (
        AnnualPlan.objects.filter(program__in=permissions.visible_programs(user).values("pk"))
        .select_related("program", "copied_from")
        .annotate(task_count=Count("tasks"))
    )
    if filters.program:
        qs = qs.filter(program_id=filters.program)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("-year", "program__sort_name", "program_id", "id")


def get_plan_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> AnnualPlan:
    plan = (
        AnnualPlan.objects.select_related("program")
        .prefetch_related(Prefetch("program__parties", queryset=ProgramParty.objects.select_related("organization")))
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise _not_found()
    permissions.check(user, action, plan)
    return plan


# --- tasks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    q: str | None = None
    program: int | None = None
    plan: int | None = None
    organization: int | None = None  # lead or partner
    lead: int | None = None
    status: str | None = None
    bucket: str | None = None
    phase: str | None = None
    channel: str | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None


def _parts_prefetch() -> Prefetch:
    return Prefetch("parts", queryset=TaskPart.objects.select_related("organization").order_by("role", "id"))


def task_list(user, filters: TaskFilter = TaskFilter(), today: dt.date | None = None):
    today = today or timezone.localdate()
    qs = (
        permissions.visible_tasks(user)
        .with_bucket(today)
        .select_related("lead", "plan", "plan__program", "content_item")
        .prefetch_related(_parts_prefetch())
    )
    if filters.program:
        qs = qs.filter(plan__program_id=filters.program)
    if filters.plan:
        qs = qs.filter(plan_id=filters.plan)
    if filters.lead:
        qs = qs.filter(lead_id=filters.lead)
    if filters.organization:
        qs = qs.filter(pk__in=TaskPart.objects.filter(organization_id=filters.organization).values("task_id"))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.bucket:
        qs = qs.in_bucket(filters.bucket, today)
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    if filters.channel:
        qs = qs.filter(channels__contains=f",{filters.channel},")
    if filters.due_from:
        qs = qs.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        qs = qs.filter(due_date__lte=filters.due_to)
    return _search(qs, filters.q).order_by("due_date", "id")


def get_task_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Task:
    task = (
        Task.objects.select_related("lead", "plan", "plan__program", "content_item")
        .prefetch_related(_parts_prefetch(), "plan__program__parties")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise _not_found()
    permissions.check(user, action, task)
    return task


def get_part_for_user(user, pk: int, action: str = permissions.Action.REPORT) -> TaskPart:
    part = (
        TaskPart.objects.select_related("organization", "task", "task__plan", "task__plan__program")
        .prefetch_related("task__plan__program__parties")  # the permission check reads them
        .filter(pk=pk)
        .first()
    )
    if part is None:
        raise _not_found()
    permissions.check(user, action, part)
    return part


def task_progress(task: Task) -> int:
    """The consolidated progress the lead sees: the mean of every party's part."""
    parts = list(task.parts.all())
    if task.status == Task.Status.DONE:
        return 100
    return round(sum(p.progress for p in parts) / len(parts)) if parts else 0


def part_reports(part: TaskPart, limit: int = 20):
    return list(part.reports.select_related("reported_by")[:limit])


def reports_by_part(task: Task, limit: int = 20) -> dict[int, list[ProgressReport]]:
    """{part id: its latest `limit` reports, newest first} for every part of a task, in
    one query whatever the number of parts (the newest `limit` of each part are picked in
    SQL, so a long history is not read to show its head). Parts without reports are absent."""
    newest_first = [F("reported_at").desc(), F("id").desc()]
    reports = (
        ProgressReport.objects.filter(part__task=task)
        .annotate(rank=Window(RowNumber(), partition_by=[F("part_id")], order_by=newest_first))
        .filter(rank__lte=limit)
        .select_related("reported_by")
        .order_by("part_id", *newest_first)
    )
    result: dict[int, list[ProgressReport]] = {}
    for report in reports:
        result.setdefault(report.part_id, []).append(report)
    return result


def my_tasks(user, today: dt.date | None = None, *, soon_days: int = DUE_SOON_DAYS):
    """Open tasks the user's organisations must act on (as lead or partner), overdue or
    due soon. Only for the organisations the user works for (collaborators and viewers
    have no tasks to report on)."""
    today = today or timezone.localdate()
    who = permissions.principal(user)
    org_ids = list(who.editor_organization_ids)
    if not org_ids:
        return Task.objects.none()
    return (
        Task.objects.filter(
            status=Task.Status.OPEN,
            due_date__lte=today + dt.timedelta(days=soon_days),
            pk__in=TaskPart.objects.filter(organization_id__in=org_ids).values("task_id"),
        )
        .with_bucket(today)
        .select_related("lead", "plan", "plan__program")
        .order_by("due_date", "id")
    )


def task_calendar(user, year: int, month: int, today: dt.date | None = None):
    """The user's visible tasks due in a month, grouped by due date."""
    start = dt.date(year, month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return task_list(user, TaskFilter(due_from=start, due_to=end), today=today)


# --- attachments ---------------------------------------------------------------------


def program_attachments(program: Program):
    """The documents attached to a programme, newest first (the caller has checked that
    the user may see the programme)."""
    return program.attachments.select_related("uploaded_by").order_by("-created_at", "-id")


def get_attachment_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> ProgramAttachment:
    """An attachment, checked through its programme: 404 unless the user may see the
    programme, 403 if they see it but may not do `action` (CHANGE to remove one)."""
    attachment = (
        ProgramAttachment.objects.select_related("program", "uploaded_by")
        .prefetch_related(Prefetch("program__parties", queryset=ProgramParty.objects.order_by("position", "id")))
        .filter(pk=pk)
        .first()
    )
    if attachment is None:
        raise _not_found()
    permissions.check(user, action, attachment.program)
    return attachment
