"""Inspections (issue 6, item 2).

* The inspecting organisation (the owner) and the inspected one — their members, and
  their successors' through lineage — see the inspection, its conclusions and its
  remediation plan. The inspected organisation reads it and reports progress on its
  remediation tasks as on any task (the task rules); it does not edit the inspection.
* Editors (leaders, officers, focal points) of the owner edit it: its facts, its status,
  its conclusions and the remediation tasks of each conclusion.
* Upper levels read the inspections made by or of the organisations below them; the
  centre and administrators read all — through memberships other than collaborator (a
  collaborator is no upper level, as for false claims).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = ["visible_inspections", "may_plan_remediation"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})


def visible_inspections(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.inspections.models import Inspection

    queryset = Inspection.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.history_organization_ids)
    return queryset.filter(
        Q(owner_id__in=ids)
        | Q(inspected_id__in=ids)
        | reader.upper_level_q("owner__")
        | reader.upper_level_q("inspected__")
    )


def may_plan_remediation(user, inspection) -> bool:
    """May the user draw up the remediation plan (tasks) of the inspection's conclusions?
    The owner's editors, as for every change of the inspection."""
    who = principal(user)
    return who.is_admin or inspection.owner_id in who.editor_organization_ids


def _inspection_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    if obj._meta.label == "inspections.InspectionConclusion":
        obj = obj.inspection
    if action is Action.VIEW:
        if who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central:
            return True
        if {obj.owner_id, obj.inspected_id} & who.organization_ids:
            return True  # without a query: the common case
        if not who.memberships:
            return False
        return visible_inspections(user).filter(pk=obj.pk).exists()
    return who.is_admin or obj.owner_id in who.editor_organization_ids


RULES = {"inspections.Inspection": _inspection_rule, "inspections.InspectionConclusion": _inspection_rule}
