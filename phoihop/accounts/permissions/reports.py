"""Official reports (issue 6, items 4, 5 and 7).

* The issuer's members (and its successors', through lineage) see its reports; its
  editors (leaders, officers, focal points) create them, edit the drafts, recompute the
  figures, issue them and generate their files. Nobody edits an issued report (the
  services refuse it with a message; the rule here says who may act at all).
* Upper levels read the reports of the issuers below them; the centre and administrators
  read all — through memberships other than collaborator (a collaborator reads its own
  department's reports, not those of the levels below it: the claims precedent).
* A report is written for a scope the user may read: one of their organisations or one
  below them, a programme they see, an area within their organisations' areas.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Access, Action, Principal, organization_access, principal, visible_programs

__all__ = ["visible_reports", "report_issuer_ids", "may_report_on"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})


def visible_reports(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.reports.models import Report

    queryset = Report.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    return queryset.filter(Q(issuer_id__in=list(who.history_organization_ids)) | reader.upper_level_q("issuer__"))


def report_issuer_ids(user) -> set[int]:
    """The organisations the user may issue reports for: those they edit for."""
    return set(principal(user).editor_organization_ids)


def may_report_on(user, scope_kind: str, target) -> bool:
    """May the user write a report on this scope (an Organization, a Program or an
    AdministrativeUnit, per `scope_kind`)? Only on what they may read."""
    from phoihop.reports.models import Report

    who = principal(user)
    if target is None:
        return False
    if scope_kind == Report.ScopeKind.ORGANIZATION:
        return organization_access(user, target) >= Access.READ
    if scope_kind == Report.ScopeKind.PROGRAM:
        return visible_programs(user).filter(pk=target.pk).exists()
    if scope_kind == Report.ScopeKind.AREA:
        if who.is_admin or who.is_central:
            return True
        units = {m.organization.administrative_unit_id for m in who.memberships} - {None}
        return bool(units & {target.pk, target.parent_id, target.province_id})
    return False


def _report_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    if action is Action.VIEW:
        if who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central or obj.issuer_id in who.organization_ids:
            return True  # without a query: the common case
        if not who.memberships:
            return False
        return visible_reports(user).filter(pk=obj.pk).exists()
    return who.is_admin or obj.issuer_id in who.editor_organization_ids


RULES = {"reports.Report": _report_rule}
