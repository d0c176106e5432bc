"""Which administrative units lie within an area: the area itself and the units below it
(a province's districts and communes, a district's communes). No query: a unit knows its
parent and its province."""

from __future__ import annotations

from django.db.models import Q


def unit_within(unit, area) -> bool:
    """Is `unit` the `area` itself or a unit below it? Any unit is within no area at all
    (a central department covers the whole country)."""
    if area is None:
        return True
    if unit is None:
        return False
    return area.pk in {unit.pk, unit.parent_id, unit.province_id}


def units_within_q(area, prefix: str = "") -> Q:
    """The units (reached through `prefix`) within `area`, as a filter."""
    if area is None:
        return Q()
    return Q(**{f"{prefix}pk": area.pk}) | Q(**{f"{prefix}parent_id": area.pk}) | Q(**{f"{prefix}province_id": area.pk})
