"""Hot issues (issue 5, item 3).

* The owning department's leaders, officers and viewers see its hot issues; its
  collaborators do not (they file aggregate opinion reports, they do not follow the
  department's issues). Its leaders and officers create and change them and move them
  through the lifecycle — escalating to the standing committee included: the officer
  records the escalation the leader decided, and every escalation notifies the leaders
  at once (DESIGN.md: leaders decide escalations; they see them on "Việc của tôi").
* An organisation the issue is shared with reads it; an organisation it is handed over
  to (waiting or accepted) reads it, and its editors (leaders, officers, focal points)
  accept or return the hand-over — nobody else, not even an administrator.
* Upper levels read the issues of the departments below them; the centre and
  administrators read all — counting memberships other than collaborator only: a
  collaborator of a province department reads no commune's issues.
* Escalation rules: the department's leaders, officers and viewers read them, its leaders
  and officers change them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = [
    "visible_hot_issues",
    "may_manage_hot_issue",
    "may_answer_hand_over",
    "hot_issue_manager_ids",
    "hot_issue_reader_ids",
]

MANAGER_ROLES = frozenset({Role.LEADER, Role.OFFICER})
READER_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.VIEWER})


def hot_issue_manager_ids(user) -> set[int]:
    """The departments whose hot issues the user creates and changes (leader, officer)."""
    return {m.organization_id for m in principal(user).memberships if m.role in MANAGER_ROLES}


def hot_issue_reader_ids(who: Principal) -> set[int]:
    """The organisations whose own hot issues the user reads as a member: every role but
    collaborator."""
    return {m.organization_id for m in who.memberships if m.role != Role.COLLABORATOR}


def visible_hot_issues(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.hotissues.models import HandOver, HotIssue

    queryset = HotIssue.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(READER_ROLES | {Role.FOCAL_POINT})
    if who.is_admin or reader.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    readers = hot_issue_reader_ids(who)
    ids = list(who.organization_ids)
    shared = HotIssue.shared_with.through.objects.filter(organization_id__in=ids).values("hotissue_id")
    handed = HandOver.objects.filter(
        to_organization_id__in=ids, status__in=[HandOver.Status.PENDING, HandOver.Status.ACCEPTED]
    ).values("hot_issue_id")
    return queryset.filter(
        Q(owner_id__in=list(readers)) | Q(pk__in=shared) | Q(pk__in=handed) | reader.upper_level_q("owner__")
    )


def may_manage_hot_issue(user, hot_issue) -> bool:
    """Leaders and officers of the owning department (and administrators)."""
    who = principal(user)
    return who.is_admin or who.role_in(hot_issue.owner_id) in MANAGER_ROLES


def may_answer_hand_over(user, hand_over) -> bool:
    """Editors of the organisation the issue is handed to."""
    return hand_over.to_organization_id in principal(user).editor_organization_ids


def _hot_issue_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or any(m.role in MANAGER_ROLES for m in who.memberships)
    issue = obj if obj._meta.label == "hotissues.HotIssue" else obj.hot_issue
    if action is Action.VIEW:
        if who.is_admin or who.with_roles(READER_ROLES | {Role.FOCAL_POINT}).is_central:
            return True
        if issue.owner_id in hot_issue_reader_ids(who):
            return True
        return visible_hot_issues(user).filter(pk=issue.pk).exists()
    if obj._meta.label == "hotissues.HandOver" and action is Action.CHANGE:
        return may_answer_hand_over(user, obj)
    return may_manage_hot_issue(user, issue)


def _rule_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return who.is_admin or any(m.role in (MANAGER_ROLES if action is not Action.VIEW else READER_ROLES)
                                   for m in who.memberships)  # fmt: skip
    if action is Action.VIEW:
        return who.is_admin or who.role_in(obj.department_id) in READER_ROLES
    return who.is_admin or who.role_in(obj.department_id) in MANAGER_ROLES


RULES = {
    "hotissues.HotIssue": _hot_issue_rule,
    "hotissues.HotIssueEvent": _hot_issue_rule,
    "hotissues.HotIssueSource": _hot_issue_rule,
    "hotissues.HandOver": _hot_issue_rule,
    "hotissues.HotIssueTask": _hot_issue_rule,
    "hotissues.EscalationRule": _rule_rule,
}
