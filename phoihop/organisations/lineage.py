"""Following re-organisations through whole chains.

Phú Yên's propaganda department + mass-mobilisation department → Phú Yên's merged
department (01/03/2025) → Đắk Lắk's merged department (01/07/2025): `successors_of`
the first gives both later ones, `predecessors_of` the last gives all three before it.

The re-organisation graph is small (a few thousand edges for the whole country), so it is
read in two queries and walked in memory: the cost does not grow with chain length.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from phoihop.organisations.models import Organization, Reorganization


@dataclass(frozen=True)
class Edge:
    predecessor_id: int
    successor_id: int
    reorganization_id: int
    effective_date: dt.date


def _edges() -> list[Edge]:
    preds = defaultdict(list)
    for reorg_id, org_id in Reorganization.predecessors.through.objects.values_list(
        "reorganization_id", "organization_id"
    ):
        preds[reorg_id].append(org_id)
    edges = []
    for reorg_id, org_id, effective in Reorganization.successors.through.objects.values_list(
        "reorganization_id", "organization_id", "reorganization__effective_date"
    ):
        for pred_id in preds[reorg_id]:
            edges.append(Edge(pred_id, org_id, reorg_id, effective))
    return edges


def _walk(start_ids: set[int], forward: bool, edges: list[Edge] | None = None) -> set[int]:
    edges = _edges() if edges is None else edges
    adjacency: dict[int, set[int]] = defaultdict(set)
    for edge in edges:
        if forward:
            adjacency[edge.predecessor_id].add(edge.successor_id)
        else:
            adjacency[edge.successor_id].add(edge.predecessor_id)
    seen: set[int] = set()
    frontier = list(start_ids)
    while frontier:
        current = frontier.pop()
        for nxt in adjacency[current]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen - set(start_ids)


def successor_ids(org_ids: set[int]) -> set[int]:
    return _walk(set(org_ids), forward=True)


def predecessor_ids(org_ids: set[int]) -> set[int]:
    return _walk(set(org_ids), forward=False)


def predecessor_map(groups: dict) -> dict:
    """{key: the group's ids and all their predecessors} for many groups, the graph read
    once (e.g. the dashboards' units side by side)."""
    edges = _edges()
    return {key: set(ids) | _walk(set(ids), False, edges) for key, ids in groups.items()}


def lineage_ids(org_ids: set[int]) -> set[int]:
    """Every organisation before or after the given ones, through any chain."""
    if not org_ids:
        return set()
    edges = _edges()
    return _walk(set(org_ids), True, edges) | _walk(set(org_ids), False, edges)


def successors_of(org: Organization):
    """All later organisations the given one became, oldest first."""
    return Organization.objects.filter(pk__in=successor_ids({org.pk})).order_by("valid_from", "sort_name")


def predecessors_of(org: Organization):
    """All earlier organisations the given one came from, oldest first."""
    return Organization.objects.filter(pk__in=predecessor_ids({org.pk})).order_by("valid_from", "sort_name")


def current_successors(org: Organization, day: dt.date) -> list[Organization]:
    """Where the work of `org` lives on `day`: itself if still valid, else the successors
    valid on that day (the end of every chain that is)."""
    if org.is_valid_on(day):
        return [org]
    candidates = Organization.objects.filter(pk__in=successor_ids({org.pk})).valid_on(day)
    return list(candidates.order_by("sort_name"))


def would_create_cycle(predecessor_ids_: set[int], successor_ids_: set[int]) -> bool:
    """True if any successor already precedes (or is) any predecessor."""
    if predecessor_ids_ & successor_ids_:
        return True
    ancestors = _walk(predecessor_ids_, forward=False)
    return bool(ancestors & successor_ids_)
