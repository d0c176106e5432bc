"""Exemplary models, "Dân vận khéo" (issue 6, item 3).

* The nominating organisation (the owner) — its members, and its successors' through
  lineage — sees its nominations; its editors (leaders, officers, focal points) nominate,
  edit while nominated or under review, and withdraw before the decision.
* Upper levels read the nominations of the organisations below them; the centre and
  administrators read all — through memberships other than collaborator.
* The deciding side: editors of a Party committee or a propaganda / mass mobilisation
  department at a level above the owner, in its area — a province's over the districts and
  communes of the province, a district's over its communes, the centre's over all — take
  a nomination under review and decide it (commended or not), for that organisation.
  Reading alone (a viewer) never decides.
* A commended model is public praise: every signed-in user reads it (the honour roll).
  Nominations in progress, refused or withdrawn stay with the owner and the upper levels.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import EDITOR_ROLES, Action, Principal, principal
from phoihop.organisations.models import Level, Organization

__all__ = ["visible_exemplary_models", "deciding_organizations", "may_decide_exemplary", "awaiting_decision"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})
DECIDING_KINDS = frozenset(
    {
        Organization.Kind.PARTY_COMMITTEE,
        Organization.Kind.PROPAGANDA,
        Organization.Kind.MASS_MOBILISATION,
        Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
    }
)


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def visible_exemplary_models(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.exemplary.models import ExemplaryModel

    queryset = ExemplaryModel.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    commended = Q(status=ExemplaryModel.Status.COMMENDED)
    if not who.memberships:
        return queryset.filter(commended)
    return queryset.filter(
        commended | Q(owner_id__in=list(who.history_organization_ids)) | reader.upper_level_q("owner__")
    )


def _is_above(decider: Organization, owner: Organization) -> bool:
    """Is `decider` at a level above `owner`, in its area (no query when the owner's
    administrative unit is loaded)?"""
    if decider.kind not in DECIDING_KINDS or decider.pk == owner.pk:
        return False
    if decider.level == Level.CENTRAL:
        return owner.level != Level.CENTRAL
    unit = owner.administrative_unit
    if unit is None or not decider.administrative_unit_id:
        return False
    if decider.level == Level.PROVINCE:
        return owner.level in (Level.DISTRICT, Level.COMMUNE) and unit.province_id == decider.administrative_unit_id
    if decider.level == Level.DISTRICT:
        return owner.level == Level.COMMUNE and unit.parent_id == decider.administrative_unit_id
    return False


def deciding_organizations(user, exemplary_model) -> list[Organization]:
    """The organisations the user may decide the nomination for: their own deciding
    organisations above the owner (for an administrator, every one above it)."""
    if not _signed_in(user):
        return []
    who = principal(user)
    owner = exemplary_model.owner
    if who.is_admin:
        candidates = Organization.objects.filter(kind__in=DECIDING_KINDS).select_related("administrative_unit")
        return sorted((org for org in candidates if _is_above(org, owner)), key=lambda org: org.sort_name or org.name)
    return [m.organization for m in who.memberships if m.role in EDITOR_ROLES and _is_above(m.organization, owner)]


def may_decide_exemplary(user, exemplary_model) -> bool:
    """May the user take the nomination under review and decide it?"""
    return bool(deciding_organizations(user, exemplary_model))


def _exemplary_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    if action is Action.VIEW:
        if obj.status == obj.Status.COMMENDED or who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central:
            return True
        if obj.owner_id in who.organization_ids:
            return True  # without a query: the common case
        if not who.memberships:
            return False
        return visible_exemplary_models(user).filter(pk=obj.pk).exists()
    return who.is_admin or obj.owner_id in who.editor_organization_ids


RULES = {"exemplary.ExemplaryModel": _exemplary_rule}


def awaiting_decision(user, limit: int = 20) -> list:
    """Nominations (nominated or under review) the user may decide, oldest first: one
    query, none for a user who decides for no organisation ("Việc của tôi")."""
    from phoihop.exemplary.models import ExemplaryModel

    if not _signed_in(user):
        return []
    who = principal(user)
    deciding = [m for m in who.memberships if m.role in EDITOR_ROLES and m.organization.kind in DECIDING_KINDS]
    deciding = [m for m in deciding if m.organization.level in (Level.CENTRAL, Level.PROVINCE, Level.DISTRICT)]
    if not deciding:
        return []
    q = Q(pk__in=[])
    if any(m.organization.level == Level.CENTRAL for m in deciding):
        q = ~Q(owner__level=Level.CENTRAL)
    q |= Principal(user=user, memberships=deciding).upper_level_q("owner__")
    pending = [ExemplaryModel.Status.NOMINATED, ExemplaryModel.Status.UNDER_REVIEW]
    rows = ExemplaryModel.objects.filter(q, status__in=pending).select_related("owner", "area")
    return list(rows.order_by("created_at", "id")[:limit])
