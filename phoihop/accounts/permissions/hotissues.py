"""Hot issues (issue 5, item 3).

* The owning department's members see its hot issues; its leaders and officers change
  them and move them through the lifecycle.
* An organisation the issue is shared with reads it; an organisation it is handed over
  to (waiting or accepted) reads it, and its editors accept or return the hand-over.
* Upper levels read the issues of the departments below them; the centre and
  administrators read all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = ["visible_hot_issues", "may_manage_hot_issue", "may_answer_hand_over"]

MANAGER_ROLES = frozenset({Role.LEADER, Role.OFFICER})


def visible_hot_issues(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.hotissues.models import HandOver, HotIssue

    queryset = HotIssue.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.history_organization_ids)
    shared = HotIssue.shared_with.through.objects.filter(organization_id__in=ids).values("hotissue_id")
    handed = HandOver.objects.filter(
        to_organization_id__in=ids, status__in=[HandOver.Status.PENDING, HandOver.Status.ACCEPTED]
    ).values("hot_issue_id")
    return queryset.filter(Q(owner_id__in=ids) | Q(pk__in=shared) | Q(pk__in=handed) | who.upper_level_q("owner__"))


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
        if who.is_admin or who.is_central or issue.owner_id in who.organization_ids:
            return True
        return visible_hot_issues(user).filter(pk=issue.pk).exists()
    return may_manage_hot_issue(user, issue)


def _rule_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or any(m.role in MANAGER_ROLES for m in who.memberships)
    if action is Action.VIEW:
        return who.is_admin or obj.department_id in who.organization_ids
    return who.is_admin or who.role_in(obj.department_id) in MANAGER_ROLES


RULES = {
    "hotissues.HotIssue": _hot_issue_rule,
    "hotissues.HotIssueEvent": _hot_issue_rule,
    "hotissues.HotIssueSource": _hot_issue_rule,
    "hotissues.HandOver": _hot_issue_rule,
    "hotissues.HotIssueTask": _hot_issue_rule,
    "hotissues.EscalationRule": _rule_rule,
}
