"""Reads of the organisation registry, scoped to the user. The filter definition here is
shared by the list page and the API list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.organisations import lineage
from phoihop.organisations.models import AdministrativeUnit, Organization, Reorganization


@dataclass(frozen=True)
class OrganizationFilter:
    q: str | None = None
    kind: str | None = None
    level: str | None = None
    unit: int | None = None
    province: int | None = None
    valid_on: dt.date | None = None
    parent: int | None = None


def _search(queryset, q: str | None):
    for word in fold_words(q):
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def organization_list(user, filters: OrganizationFilter = OrganizationFilter()):
    qs = permissions.visible_organizations(user).select_related(
        "administrative_unit", "administrative_unit__province", "parent"
    )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.unit:
        qs = qs.filter(administrative_unit_id=filters.unit)
    if filters.province:
        qs = qs.filter(
            Q(administrative_unit_id=filters.province) | Q(administrative_unit__province_id=filters.province)
        )
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.valid_on:
        qs = qs.valid_on(filters.valid_on)
    return _search(qs, filters.q).order_by("sort_name", "id")


def get_organization_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Organization:
    """404 for strangers, 403 for those who may see it but not do `action`."""
    org = (
        Organization.objects.select_related("administrative_unit", "administrative_unit__province", "parent")
        .filter(pk=pk)
        .first()
    )
    if org is None:
        from django.http import Http404
        from django.utils.translation import gettext as _

        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, org)
    return org


@dataclass
class Lineage:
    predecessors: list[Organization]
    successors: list[Organization]
    events: list[Reorganization]
    visible_ids: set[int]


def organization_lineage(user, org: Organization) -> Lineage:
    """The whole chain around `org`: earlier and later organisations and the events
    between them. Links are offered only to organisations the user may open."""
    edges = lineage._edges()
    before_ids = lineage._walk({org.pk}, False, edges)
    after_ids = lineage._walk({org.pk}, True, edges)
    chain_ids = before_ids | after_ids | {org.pk}
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=chain_ids)}
    parties = Organization.objects.only("id", "name", "valid_from", "valid_to")
    events = list(
        Reorganization.objects.filter(Q(predecessors__in=chain_ids) | Q(successors__in=chain_ids))
        .distinct()
        .order_by("effective_date", "id")
        .prefetch_related(Prefetch("predecessors", queryset=parties), Prefetch("successors", queryset=parties))
    )
    party_ids = chain_ids | {o.pk for e in events for o in (*e.predecessors.all(), *e.successors.all())}
    visible_ids = set(permissions.visible_organizations(user).filter(pk__in=party_ids).values_list("pk", flat=True))
    order = lambda o: (o.valid_from or dt.date.min, o.sort_name)  # noqa: E731
    return Lineage(
        predecessors=sorted((orgs[i] for i in before_ids), key=order),
        successors=sorted((orgs[i] for i in after_ids), key=order),
        events=events,
        visible_ids=visible_ids,
    )


def _with_parties(queryset):
    parties = Organization.objects.only("id", "name", "valid_from", "valid_to").order_by("sort_name", "id")
    return queryset.prefetch_related(
        Prefetch("predecessors", queryset=parties), Prefetch("successors", queryset=parties)
    )


def reorganization_list(user):
    """Re-organisations the user may see, latest first, parties prefetched."""
    return _with_parties(permissions.visible_reorganizations(user).order_by("-effective_date", "-id"))


def get_reorganization_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Reorganization:
    reorg = _with_parties(Reorganization.objects.select_related("recorded_by")).filter(pk=pk).first()
    if reorg is None:
        from django.http import Http404
        from django.utils.translation import gettext as _

        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, reorg)
    return reorg


def visible_party_ids(user, reorganizations) -> set[int]:
    """Which parties of these re-organisations the user may open (one query)."""
    ids = {p.pk for r in reorganizations for p in (*r.predecessors.all(), *r.successors.all())}
    if not ids:
        return set()
    return set(permissions.visible_organizations(user).filter(pk__in=ids).values_list("pk", flat=True))


@dataclass(frozen=True)
class UnitFilter:
    q: str | None = None
    level: str | None = None
    kind: str | None = None
    parent: int | None = None
    province: int | None = None
    valid_on: dt.date | None = None


def unit_list(user, filters: UnitFilter = UnitFilter()):
    qs = permissions.visible_units(user).select_related("parent", "province")
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.province:
        qs = qs.filter(province_id=filters.province)
    if filters.valid_on:
        qs = qs.valid_on(filters.valid_on)
    return _search(qs, filters.q).order_by("sort_name", "id")


def get_unit_for_user(user, pk: int) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.select_related("parent", "province").filter(pk=pk).first()
    if unit is None or not permissions.can(user, permissions.Action.VIEW, unit):
        from django.http import Http404
        from django.utils.translation import gettext as _

        raise Http404(_("Không tìm thấy."))
    return unit


def unit_successions(unit: AdministrativeUnit) -> tuple[list, list]:
    """(where it came from, what it became): AdministrativeUnitSuccession rows, by date."""
    predecessors = unit.succession_in.select_related("predecessor").order_by("effective_date", "predecessor__sort_name")
    successors = unit.succession_out.select_related("successor").order_by("effective_date", "successor__sort_name")
    return list(predecessors), list(successors)


def unit_as_of(unit: AdministrativeUnit, day: dt.date) -> list[AdministrativeUnit]:
    """The unit(s) that cover `unit`'s territory on `day`: itself while valid, else its
    successors through the NQ 202/2025/QH15 (and later) mapping."""
    if unit.is_valid_on(day):
        return [unit]
    frontier, seen, result = [unit], {unit.pk}, []
    while frontier:
        current = frontier.pop()
        for nxt in current.successors.all():
            if nxt.pk in seen:
                continue
            seen.add(nxt.pk)
            (result if nxt.is_valid_on(day) else frontier).append(nxt)
    return sorted(result, key=lambda u: u.sort_name)
