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
from phoihop.accounts.permissions import Action, Principal, principal, visible_programs

__all__ = [
    "visible_reports",
    "report_issuer_ids",
    "may_report_on",
    "report_area_unit_ids",
    "report_scope_organizations",
    "report_scope_areas",
]

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
    AdministrativeUnit, per `scope_kind`)? Only on what they may read: one of their
    organisations, one below them, an area within their organisations' areas — as an upper
    level only through memberships other than collaborator (a collaborator is no upper
    level: the figures and the prose of the scope would be records it may not read)."""
    from phoihop.organisations.models import Organization
    from phoihop.reports.models import Report

    who = principal(user)
    if target is None:
        return False
    if scope_kind == Report.ScopeKind.PROGRAM:
        return visible_programs(user).filter(pk=target.pk).exists()
    reader = who.with_roles(NOT_COLLABORATOR)
    if scope_kind == Report.ScopeKind.ORGANIZATION:
        if who.is_admin or reader.is_central or target.pk in who.organization_ids:
            return True
        return bool(reader.memberships) and Organization.objects.filter(reader.upper_level_q(), pk=target.pk).exists()
    if scope_kind == Report.ScopeKind.AREA:
        if who.is_admin or reader.is_central:
            return True
        return bool(set(report_area_unit_ids(user)) & {target.pk, target.parent_id, target.province_id})
    return False


def report_area_unit_ids(user) -> list[int]:
    """The administrative units whose areas (with the units within them) the user may
    report on: those of their non-collaborator organisations."""
    reader = principal(user).with_roles(NOT_COLLABORATOR)
    return [pk for pk in dict.fromkeys(m.organization.administrative_unit_id for m in reader.memberships) if pk]


def report_scope_areas(user, queryset: QuerySet | None = None) -> QuerySet:
    """The areas the user may report on (`may_report_on`), for the chooser."""
    from phoihop.organisations.models import AdministrativeUnit

    queryset = AdministrativeUnit.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central:
        return queryset
    unit_ids = report_area_unit_ids(user)
    return queryset.filter(Q(pk__in=unit_ids) | Q(parent_id__in=unit_ids) | Q(province_id__in=unit_ids))


def report_scope_organizations(user, queryset: QuerySet | None = None) -> QuerySet:
    """The organisations the user may report on (`may_report_on`), for the chooser."""
    from phoihop.organisations.models import Organization

    queryset = Organization.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    return queryset.filter(Q(pk__in=list(who.organization_ids)) | reader.upper_level_q())


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
