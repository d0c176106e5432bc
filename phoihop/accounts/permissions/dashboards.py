"""Dashboards (issue 6, item 6).

* A member of an organisation opens its dashboard — through a membership other than
  collaborator: a collaborator files opinion reports, it does not read the department's
  roll-up.
* Upper levels open the dashboards of the organisations below them (a province over its
  districts and communes, a district over its communes, the centre over all), through
  the same non-collaborator memberships; administrators open all.
* Everybody else gets 404.

A dashboard has no model: the rule is keyed by the Organization whose roll-up is read,
so callers ask `can_view_dashboard(user, org)` rather than `can(user, "view", org)`
(which answers the registry's wider question).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import principal

__all__ = ["can_view_dashboard", "dashboard_organizations", "own_dashboard_organization_ids"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})


def can_view_dashboard(user, organization) -> bool:
    """May `user` open the dashboard (roll-up) of `organization`?"""
    who = principal(user)
    if who.is_admin:
        return True
    reader = who.with_roles(NOT_COLLABORATOR)
    if not reader.memberships:
        return False
    if organization.pk in reader.organization_ids or reader.is_central:
        return True  # without a query: the common case
    from phoihop.organisations.models import Organization

    return Organization.objects.filter(reader.upper_level_q(), pk=organization.pk).exists()


def dashboard_organizations(user, queryset: QuerySet | None = None) -> QuerySet:
    """The organisations whose dashboard the user may open (for the chooser): their own
    (non-collaborator) organisations and those below them; all for the centre and
    administrators."""
    from phoihop.organisations.models import Organization

    queryset = Organization.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin:
        return queryset
    reader = who.with_roles(NOT_COLLABORATOR)
    if not reader.memberships:
        return queryset.none()
    if reader.is_central:
        return queryset
    return queryset.filter(Q(pk__in=list(reader.organization_ids)) | reader.upper_level_q())


def own_dashboard_organization_ids(user) -> list[int]:
    """The user's own organisations with a dashboard, in membership order."""
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    return list(dict.fromkeys(m.organization_id for m in reader.memberships))


RULES: dict = {}
