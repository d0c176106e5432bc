"""Public opinion (issue 5, items 1 and 2): collaborators' reports and their summaries.

* A collaborator sees and edits only its own reports — a draft until it is submitted,
  then reads it; it never sees another collaborator's report.
* The department the report is filed with reads its submitted reports: its members other
  than collaborators (leaders, officers, viewers). Drafts stay with their author.
* Upper levels read the submitted reports of the departments below them; the centre and
  administrators read all (administrators keep the taxonomy). "Upper level" and "the
  centre" count reader memberships only: a collaborator of a province department reads
  no commune's reports.
* Filing: a collaborator of the department (within its membership dates), or an editor
  (leader, officer) of the department for a quick report of its own.
* The department's reporting calendar: its leaders and officers change it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = [
    "visible_opinion_reports",
    "visible_opinion_items",
    "opinion_reader_organization_ids",
    "opinion_filing_organization_ids",
    "may_read_opinion_of",
]

READER_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.VIEWER})
MANAGER_ROLES = frozenset({Role.LEADER, Role.OFFICER})


def opinion_reader_organization_ids(who: Principal) -> set[int]:
    """The departments whose submitted reports the user reads as a member."""
    return {m.organization_id for m in who.memberships if m.role in READER_ROLES}


def opinion_filing_organization_ids(who: Principal) -> set[int]:
    """The departments the user may file reports with: as a collaborator or a manager."""
    return {m.organization_id for m in who.memberships if m.role in MANAGER_ROLES | {Role.COLLABORATOR}}


def visible_opinion_reports(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.opinion.models import OpinionReport

    queryset = OpinionReport.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.user is None or not getattr(who.user, "is_authenticated", False):
        return queryset.none()
    own = Q(collaborator_id=user.pk)
    reader = who.with_roles(READER_ROLES)
    if who.is_admin or reader.is_central:
        return queryset.filter(own | Q(status=OpinionReport.Status.SUBMITTED))
    readers = list(opinion_reader_organization_ids(who))
    return queryset.filter(
        own
        | (
            Q(status=OpinionReport.Status.SUBMITTED)
            & (Q(department_id__in=readers) | reader.upper_level_q("department__"))
        )
    )


def visible_opinion_items(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.opinion.models import OpinionItem

    queryset = OpinionItem.objects.all() if queryset is None else queryset
    return queryset.filter(report__in=visible_opinion_reports(user).values("pk"))


def may_read_opinion_of(user, department) -> bool:
    """May the user read the department's summaries, matrix and calendar?"""
    who = principal(user)
    reader = who.with_roles(READER_ROLES)
    if who.is_admin or reader.is_central or department.pk in opinion_reader_organization_ids(who):
        return True
    from phoihop.organisations.models import Organization

    return Organization.objects.filter(reader.upper_level_q(), pk=department.pk).exists()


def _report_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or (action is Action.CREATE and bool(opinion_filing_organization_ids(who)))
    report = obj if obj._meta.label == "opinion.OpinionReport" else obj.report
    if action is Action.VIEW:
        if report.collaborator_id == user.pk:
            return True
        if report.status != report.Status.SUBMITTED:
            return False
        if who.is_admin or who.with_roles(READER_ROLES).is_central:
            return True
        if report.department_id in opinion_reader_organization_ids(who):
            return True
        return visible_opinion_reports(user).filter(pk=report.pk).exists()
    # Changing, submitting, deleting: the author, while it is a draft.
    return report.collaborator_id == user.pk and report.status == report.Status.DRAFT


def _taxonomy_rule(user, who: Principal, action: Action, obj) -> bool:
    return action is Action.VIEW or who.is_admin


def _calendar_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or any(m.role in MANAGER_ROLES for m in who.memberships)
    if action is Action.VIEW:
        return may_read_opinion_of(user, obj.department) or obj.department_id in who.organization_ids
    return who.is_admin or who.role_in(obj.department_id) in MANAGER_ROLES


RULES = {
    "opinion.OpinionReport": _report_rule,
    "opinion.OpinionItem": _report_rule,
    "opinion.Topic": _taxonomy_rule,
    "opinion.Tag": _taxonomy_rule,
    "opinion.ReportingCalendar": _calendar_rule,
}
