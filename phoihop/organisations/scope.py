"""Which organisations a roll-up counts: the one place that resolves a report's or a
dashboard's scope into organisation ids.

* An organisation: itself and its predecessors through the re-organisation lineage (a
  report of Đắk Lắk's merged department in 2026 counts the work of Phú Yên's departments
  that became it).
* With its subordinate units: also the organisations of the levels below it in its area
  (a province's districts and communes, a district's communes), and theirs before them.
* An area (an administrative unit): the organisations of the unit and of the units below
  it, of the units it came from (Phú Yên for Đắk Lắk from 1/7/2025), and their
  predecessors.

The re-organisation graph is read in two queries (see `lineage`); the rest is one query
per call, whatever the number of organisations.
"""

from __future__ import annotations

from django.db.models import Q

from phoihop.organisations import lineage
from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Level, Organization


def _unit_history(unit_ids: set[int]) -> set[int]:
    """The units and every unit they came from, through any chain of successions."""
    edges = list(AdministrativeUnitSuccession.objects.values_list("successor_id", "predecessor_id"))
    seen = set(unit_ids)
    frontier = list(unit_ids)
    while frontier:
        current = frontier.pop()
        for successor_id, predecessor_id in edges:
            if successor_id == current and predecessor_id not in seen:
                seen.add(predecessor_id)
                frontier.append(predecessor_id)
    return seen


def _below_q(organizations) -> Q:
    """Organisations in the areas below the given organisations (as the permission
    module's upper-level rule reads them)."""
    q = Q(pk__in=[])
    for org in organizations:
        if org.level == Level.CENTRAL:
            q |= ~Q(level=Level.CENTRAL)
        elif org.level == Level.PROVINCE and org.administrative_unit_id:
            q |= Q(
                administrative_unit__province_id=org.administrative_unit_id,
                level__in=[Level.DISTRICT, Level.COMMUNE],
            )
        elif org.level == Level.DISTRICT and org.administrative_unit_id:
            q |= Q(administrative_unit__parent_id=org.administrative_unit_id, level=Level.COMMUNE)
    return q


def organization_scope(org_ids: set[int], *, include_subordinates: bool = False) -> set[int]:
    """The ids a roll-up for these organisations counts (see the module's docstring)."""
    org_ids = set(org_ids)
    if not org_ids:
        return set()
    ids = org_ids | lineage.predecessor_ids(org_ids)
    if include_subordinates:
        roots = Organization.objects.filter(pk__in=ids).only("level", "administrative_unit_id")
        below = set(Organization.objects.filter(_below_q(roots)).values_list("pk", flat=True))
        ids |= below | lineage.predecessor_ids(below)
    return ids


def area_scope(unit: AdministrativeUnit) -> set[int]:
    """The ids of the organisations of an area, the units below it and the units it came
    from, with their predecessors."""
    units = _unit_history({unit.pk})
    q = Q(administrative_unit_id__in=units) | Q(administrative_unit__parent_id__in=units)
    q |= Q(administrative_unit__province_id__in=units)
    ids = set(Organization.objects.filter(q).values_list("pk", flat=True))
    return ids | lineage.predecessor_ids(ids)
