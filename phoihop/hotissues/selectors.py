"""Reads of hot issues, scoped to the user: the list (its filter shared by the list page
and the API list), one issue and what its page shows, the triage queue, the sources a
user may take, the escalation rules, and the "Việc của tôi" sections. Each function runs
a constant number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.core.text import fold_words
from phoihop.hotissues import escalation, transitions
from phoihop.hotissues.models import EscalationRule, HandOver, HotIssue, HotIssueSource, HotIssueTask
from phoihop.hotissues.services import SourceRef
from phoihop.opinion.models import OpinionItem, OpinionReport
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program, TaskPart

OPEN_STATUSES = [s for s in HotIssue.Status.values if s not in (HotIssue.Status.RESOLVED, HotIssue.Status.WATCHING)]
FLAGS = ("is_prominent", "is_complex", "is_sensitive")


def _not_found():
    return Http404(_("Không tìm thấy."))


# --- the list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HotIssueFilter:
    q: str | None = None
    status: str | None = None
    topic: int | None = None
    area: int | None = None
    severity: str | None = None
    flag: str | None = None  # is_prominent, is_complex or is_sensitive
    owner: int | None = None
    open_only: bool | None = None


def hot_issue_list(user, filters: HotIssueFilter = HotIssueFilter()):
    qs = permissions.visible_hot_issues(user).select_related("owner", "area", "topic")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.topic:
        qs = qs.filter(topic_id=filters.topic)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.severity:
        qs = qs.filter(severity=filters.severity)
    if filters.flag in FLAGS:
        qs = qs.filter(**{filters.flag: True})
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-detected_at", "-id")


def filter_choices(user) -> dict:
    """Owners and areas of the issues the user sees (≤ 500 each, two queries)."""
    visible = permissions.visible_hot_issues(user).order_by()
    owners = list(
        Organization.objects.filter(pk__in=visible.values("owner_id"))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:500]
    )
    areas = list(
        AdministrativeUnit.objects.filter(pk__in=visible.values("area_id"))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:500]
    )
    return {"owners": owners, "areas": areas}


# --- one issue --------------------------------------------------------------------------------


def get_hot_issue_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> HotIssue:
    """404 unless the user may see the issue; 403 if they see it but may not `action`."""
    issue = (
        HotIssue.objects.select_related("owner", "owner__administrative_unit", "area", "topic", "program", "created_by")
        .filter(pk=pk)
        .first()
    )
    if issue is None:
        raise _not_found()
    permissions.check(user, action, issue)
    return issue


def get_hand_over_for_user(user, pk: int) -> HandOver:
    hand_over = (
        HandOver.objects.select_related("hot_issue", "hot_issue__owner", "to_organization").filter(pk=pk).first()
    )
    if hand_over is None or not permissions.can(user, permissions.Action.VIEW, hand_over.hot_issue):
        raise _not_found()
    return hand_over


def department_rules(owner_ids) -> list[EscalationRule]:
    return list(EscalationRule.objects.filter(department_id__in=list(owner_ids), is_active=True).order_by("name", "id"))


def hot_issue_detail(user, issue: HotIssue, today: dt.date | None = None) -> dict:
    """Sources, timeline, hand-overs, shares, response tasks (with each party's progress),
    SLA timers and the transitions the user may take: one query each."""
    today = today or timezone.localdate()
    sources = list(
        issue.sources.select_related(
            "opinion_item__report", "opinion_item__topic", "press_item", "provision", "subject"
        ).order_by("added_at", "id")
    )
    events = list(issue.events.select_related("actor").order_by("at", "id"))
    for event in events:
        event.label = transitions.event_label(event.action)
    hand_overs = list(
        issue.hand_overs.select_related("to_organization", "sent_by", "answered_by").order_by("sent_at", "id")
    )
    links = list(
        HotIssueTask.objects.filter(hot_issue=issue)
        .select_related("task", "task__lead", "task__plan")
        .prefetch_related(Prefetch("task__parts", queryset=TaskPart.objects.select_related("organization")))
        .order_by("task__due_date", "task_id")
    )
    tasks = []
    for link in links:
        task = link.task
        parts = list(task.parts.all())
        task.progress_value = round(sum(p.progress for p in parts) / len(parts)) if parts else 0
        tasks.append(task)
    shared = list(issue.shared_with.order_by("sort_name", "id"))
    manages = permissions.may_manage_hot_issue(user, issue)
    return {
        "sources": sources,
        "events": events,
        "hand_overs": hand_overs,
        "pending_hand_over": next((h for h in hand_overs if h.status == HandOver.Status.PENDING), None),
        "tasks": tasks,
        "shared": shared,
        "timers": escalation.timers(issue, department_rules([issue.owner_id]), today),
        "transitions": transitions.allowed(transitions.HOT_ISSUE, issue.status) if manages else [],
        "can_manage": manages,
    }


# --- sources ----------------------------------------------------------------------------------


def visible_source(user, kind: str, pk) -> SourceRef | None:
    """The source `kind` #`pk` if the user may see it, else None."""
    if kind == "opinion_item":
        qs = permissions.visible_opinion_items(user, OpinionItem.objects.select_related("report", "topic", "area"))
    elif kind == "press_item":
        qs = permissions.visible_press_items(user)
    elif kind == "provision":
        qs = permissions.visible_provisions(user)
    elif kind == "subject":
        qs = permissions.visible_subjects(user).prefetch_related("program__parties")
    else:
        return None
    try:
        obj = qs.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
    return SourceRef(kind, obj) if obj is not None else None


def joinable_issues(user, source: SourceRef):
    """The open issues the user manages that the source may join."""
    from phoihop.hotissues.services import source_owner_ids

    owners = permissions.hot_issue_manager_ids(user) & source_owner_ids(source)
    return (
        HotIssue.objects.filter(owner_id__in=list(owners), status__in=OPEN_STATUSES)
        .exclude(pk__in=HotIssueSource.objects.filter(**{source.kind: source.obj}).values("hot_issue_id"))
        .select_related("owner", "area", "topic")
        .order_by("-detected_at", "-id")
    )


def _unlinked(model_field: str):
    return ~Exists(HotIssueSource.objects.filter(**{model_field: OuterRef("pk")}))


def triage_opinion_items(user):
    """Flagged-hot items of submitted reports to the departments the user manages, not
    yet linked to any hot issue; newest first."""
    owners = list(permissions.hot_issue_manager_ids(user))
    return (
        permissions.visible_opinion_items(user)
        .filter(
            flagged_hot=True,
            report__department_id__in=owners,
            report__status=OpinionReport.Status.SUBMITTED,
        )
        .filter(_unlinked("opinion_item"))
        .select_related("report", "report__department", "report__area", "topic", "area")
        .order_by("-report__submitted_at", "-id")
    )


def triage_press_items(user):
    """Flagged (a watch list matched) or hot press items of the departments the user
    manages, not yet linked to any hot issue; newest first."""
    owners = list(permissions.hot_issue_manager_ids(user))
    return (
        permissions.visible_press_items(user)
        .filter(Q(is_flagged=True) | Q(is_hot=True), owner_id__in=owners)
        .filter(_unlinked("press_item"))
        .select_related("owner", "topic", "area")
        .order_by("-published_on", "-id")
    )


# --- choices of the forms ----------------------------------------------------------------------


def owner_choices(user) -> list[Organization]:
    ids = permissions.hot_issue_manager_ids(user)
    if user.is_superuser and not ids:
        return list(Organization.objects.order_by("sort_name", "id")[:500])
    return list(
        Organization.objects.filter(pk__in=ids).select_related("administrative_unit").order_by("sort_name", "id")
    )


def area_choices(owner: Organization | None) -> list[AdministrativeUnit]:
    """The owner's area and the units within it (≤ 500)."""
    if owner is None or owner.administrative_unit_id is None:
        return list(AdministrativeUnit.objects.order_by("sort_name", "id")[:500])
    unit_id = owner.administrative_unit_id
    return list(
        AdministrativeUnit.objects.filter(Q(pk=unit_id) | Q(parent_id=unit_id) | Q(province_id=unit_id)).order_by(
            "level", "sort_name", "id"
        )[:500]
    )


def program_choices(owner: Organization | None) -> list[Program]:
    if owner is None:
        return []
    return list(
        Program.objects.filter(parties__organization=owner, status__in=(Program.Status.SIGNED, Program.Status.IN_FORCE))
        .order_by("-start_year", "sort_name", "id")
        .distinct()[:500]
    )


def partner_choices(owner: Organization) -> list[Organization]:
    """Organisations of the owner's level and area (hand-over and sharing), in force."""
    today = timezone.localdate()
    return list(
        Organization.objects.valid_on(today)
        .filter(level=owner.level, administrative_unit_id=owner.administrative_unit_id)
        .exclude(pk=owner.pk)
        .order_by("sort_name", "id")[:500]
    )


def rule_list(user):
    who = permissions.principal(user)
    qs = EscalationRule.objects.select_related("department")
    if not who.is_admin:
        qs = qs.filter(department_id__in=[m.organization_id for m in who.memberships if m.role != Role.COLLABORATOR])
    return qs.order_by("department__sort_name", "name", "id")


# --- "Việc của tôi" ----------------------------------------------------------------------------


def my_hot_issues(user, today: dt.date | None = None) -> dict | None:
    """For leaders: the department's escalated issues awaiting handling and the issues an
    escalation rule says are due; for editors of an organisation: hand-overs awaiting its
    answer. At most three queries (none for a user with neither role)."""
    today = today or timezone.localdate()
    who = permissions.principal(user)
    leading = [m.organization_id for m in who.memberships if m.role == Role.LEADER]
    editing = list(who.editor_organization_ids)
    escalated, due = [], []
    if leading:
        rules = department_rules(leading)
        issues = list(
            HotIssue.objects.filter(owner_id__in=leading, status__in=OPEN_STATUSES)
            .filter(Q(status=HotIssue.Status.ESCALATED) | Q(owner_id__in={r.department_id for r in rules}))
            .select_related("owner", "area")
            .order_by("detected_at", "id")[:200]
        )
        escalated = [issue for issue in issues if issue.status == HotIssue.Status.ESCALATED]
        for issue in issues:
            found = [timer for timer in escalation.timers(issue, rules, today) if timer.is_met]
            if found:
                issue.timer = found[0]
                due.append(issue)
    hand_overs = []
    if editing:
        hand_overs = list(
            HandOver.objects.filter(to_organization_id__in=editing, status=HandOver.Status.PENDING)
            .select_related("hot_issue", "hot_issue__owner", "to_organization")
            .order_by("sent_at", "id")[:100]
        )
    if not (escalated or due or hand_overs):
        return None
    return {"escalated": escalated, "due": due, "hand_overs": hand_overs}
