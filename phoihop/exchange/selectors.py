"""Reads of subjects, assessments and communication plans, scoped to the user. The
filter definition here is shared by the list page and the API list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.exchange.models import (
    Assessment,
    CommunicationPlan,
    PlanActivity,
    PlanTemplate,
    Subject,
    SubjectKeyDate,
)
from phoihop.programs.models import Phase, ProgramParty

# A registered subject not acknowledged after this many days is overdue for the
# department (the "unacknowledged subjects" reminder reads `unacknowledged_subjects`).
ACKNOWLEDGE_WITHIN_DAYS = 3


def _not_found():
    return Http404(_("Không tìm thấy."))


@dataclass(frozen=True)
class SubjectFilter:
    q: str | None = None
    program: int | None = None
    year: int | None = None
    kind: str | None = None
    status: str | None = None
    owner: int | None = None


def _parties_prefetch(prefix: str = "program__") -> Prefetch:
    return Prefetch(
        f"{prefix}parties",
        queryset=ProgramParty.objects.select_related("organization").order_by("position", "id"),
    )


def subject_list(user, filters: SubjectFilter = SubjectFilter()):
    qs = permissions.visible_subjects(user).select_related("program", "owner")
    if filters.program:
        qs = qs.filter(program_id=filters.program)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-year", "sort_name", "id")


def _subject_queryset():
    return Subject.objects.select_related(
        "program",
        "owner",
        "acknowledged_by",
        "assessment",
        "assessment__approved_by",
        "communication_plan",
        "communication_plan__template",
        "communication_plan__annual_plan",
    ).prefetch_related(_parties_prefetch(), "key_dates")


def get_subject_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Subject:
    """The subject with its programme's parties and key dates (and, through one-to-one
    joins, its assessment and plan): 404 to strangers, 403 to readers asked to act."""
    subject = _subject_queryset().filter(pk=pk).first()
    if subject is None:
        raise _not_found()
    permissions.check(user, action, subject)
    return subject


def assessment_of(subject: Subject) -> Assessment | None:
    try:
        return subject.assessment
    except Subject.assessment.RelatedObjectDoesNotExist:
        return None


def plan_of(subject: Subject) -> CommunicationPlan | None:
    try:
        return subject.communication_plan
    except Subject.communication_plan.RelatedObjectDoesNotExist:
        return None


def get_assessment_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Assessment:
    assessment = Assessment.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if assessment is None:
        raise _not_found()
    subject = get_subject_for_user(user, assessment, permissions.Action.VIEW)
    result = assessment_of(subject)
    permissions.check(user, action, result)
    return result


def get_plan_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> CommunicationPlan:
    subject_id = CommunicationPlan.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if subject_id is None:
        raise _not_found()
    subject = get_subject_for_user(user, subject_id, permissions.Action.VIEW)
    plan = plan_of(subject)
    permissions.check(user, action, plan)
    return plan


def get_activity_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> PlanActivity:
    row = PlanActivity.objects.filter(pk=pk).values_list("plan_id", flat=True).first()
    if row is None:
        raise _not_found()
    plan = get_plan_for_user(user, row, permissions.Action.VIEW)
    activity = PlanActivity.objects.select_related("key_date", "lead", "task").prefetch_related("partners").get(pk=pk)
    activity.plan = plan
    permissions.check(user, action, activity)
    return activity


def get_key_date_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> SubjectKeyDate:
    subject_id = SubjectKeyDate.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if subject_id is None:
        raise _not_found()
    subject = get_subject_for_user(user, subject_id, permissions.Action.VIEW)
    key_date = next(k for k in subject.key_dates.all() if k.pk == pk)
    key_date.subject = subject
    permissions.check(user, action, subject)
    return key_date


def plan_activities(plan: CommunicationPlan, today: dt.date | None = None) -> list[PlanActivity]:
    """The plan's activities, in date order, each with its task's bucket for today (one
    query for the activities with their task, one for the partners)."""
    today = today or timezone.localdate()
    activities = list(
        plan.activities.select_related("key_date", "lead", "task")
        .prefetch_related("partners")
        .order_by("position", "id")
    )
    activities.sort(key=lambda a: (PlanActivity.PHASE_ORDER.get(a.phase, 9), a.due_date, a.position, a.pk))
    for activity in activities:
        activity.bucket = activity.task.bucket_on(today) if activity.task_id else None
    return activities


def activities_by_phase(activities: list[PlanActivity]) -> list[dict]:
    """[{phase, label, activities}] for before, during and after, in that order."""
    return [
        {"phase": phase.value, "label": phase.label, "activities": [a for a in activities if a.phase == phase]}
        for phase in Phase
    ]


def templates_for(kind: str | None = None) -> list[PlanTemplate]:
    """Active templates, those of `kind` first."""
    templates = list(PlanTemplate.objects.filter(is_active=True).prefetch_related("activities"))
    return sorted(templates, key=lambda t: (t.kind != kind, t.title))


def unacknowledged_subjects(today: dt.date | None = None, *, days: int = ACKNOWLEDGE_WITHIN_DAYS):
    """Registered subjects still not acknowledged `days` days after registration (for the
    daily reminder to the department's editors)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
    return (
        Subject.objects.filter(status=Subject.Status.REGISTERED, registered_at__lte=cutoff)
        .select_related("program", "owner")
        .prefetch_related(_parties_prefetch())
        .order_by("registered_at", "id")
    )
