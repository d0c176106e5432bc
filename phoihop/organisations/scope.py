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

from collections import defaultdict

from django.db.models import Q

from phoihop.organisations import lineage
from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Level, Organization


def unit_histories(unit_ids) -> dict[int, set[int]]:
    """{unit id: the unit and every unit it came from, through any chain of successions}
    for many units, the successions read once."""
    came_from: dict[int, set[int]] = defaultdict(set)
    for successor_id, predecessor_id in AdministrativeUnitSuccession.objects.values_list(
        "successor_id", "predecessor_id"
    ):
        came_from[successor_id].add(predecessor_id)
    result = {}
    for unit_id in unit_ids:
        seen, frontier = {unit_id}, [unit_id]
        while frontier:
            for predecessor_id in came_from[frontier.pop()]:
                if predecessor_id not in seen:
                    seen.add(predecessor_id)
                    frontier.append(predecessor_id)
        result[unit_id] = seen
    return result


def areas_below_q(organizations, prefix: str = "") -> Q:
    """Organisations (reached through `prefix`) in the areas below the given ones: a
    province's districts and communes, a district's communes. The one place of this rule:
    the permission module's upper-level reading (`Principal.upper_level_q`) and the
    roll-ups here both use it. The centre is not in it: each caller says what the centre
    reaches."""
    q = Q(pk__in=[])
    for org in organizations:
        if org.level == Level.PROVINCE and org.administrative_unit_id:
            q |= Q(
                **{
                    f"{prefix}administrative_unit__province_id": org.administrative_unit_id,
                    f"{prefix}level__in": [Level.DISTRICT, Level.COMMUNE],
                }
            )
        elif org.level == Level.DISTRICT and org.administrative_unit_id:
            q |= Q(
                **{
                    f"{prefix}administrative_unit__parent_id": org.administrative_unit_id,
                    f"{prefix}level": Level.COMMUNE,
                }
            )
    return q


def _below_q(organizations) -> Q:
    """The roll-up's units below: `areas_below_q`, and for the centre every other level."""
    organizations = list(organizations)
    q = areas_below_q(organizations)
    if any(org.level == Level.CENTRAL for org in organizations):
        q |= ~Q(level=Level.CENTRAL)
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
    units = unit_histories([unit.pk])[unit.pk]
    q = Q(administrative_unit_id__in=units) | Q(administrative_unit__parent_id__in=units)
    q |= Q(administrative_unit__province_id__in=units)
    ids = set(Organization.objects.filter(q).values_list("pk", flat=True))
    return ids | lineage.predecessor_ids(ids)
