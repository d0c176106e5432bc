"""Press monitoring (issue 5, item 4): sources, items, watch lists and weekly digests.

* A department's members see its sources, items and watch lists; its editors (leaders,
  officers, focal points) add and change them.
* The parties of a programme read the items of the programme's weekly digests (the
  digest is shared with them), and the digests themselves — whoever sees the programme.
* Upper levels read the departments below them; the centre and administrators read all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.permissions import Action, Principal, principal, visible_programs

__all__ = [
    "visible_press_items",
    "visible_press_sources",
    "visible_watch_lists",
    "visible_press_digests",
    "press_departments",
    "may_keep_press_for",
]


def _owned(user, queryset: QuerySet) -> QuerySet:
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    return queryset.filter(Q(owner_id__in=list(who.organization_ids)) | who.upper_level_q("owner__"))


def visible_press_sources(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.press.models import PressSource

    return _owned(user, PressSource.objects.all() if queryset is None else queryset)


def visible_watch_lists(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.press.models import WatchList

    return _owned(user, WatchList.objects.all() if queryset is None else queryset)


def visible_press_digests(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.press.models import PressDigest

    queryset = PressDigest.objects.all() if queryset is None else queryset
    return queryset.filter(program__in=visible_programs(user).values("pk"))


def visible_press_items(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.press.models import PressItem

    queryset = PressItem.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.organization_ids)
    from phoihop.press.models import PressDigest

    shared = PressDigest.items.through.objects.filter(pressdigest__program__parties__organization_id__in=ids)
    return queryset.filter(Q(owner_id__in=ids) | who.upper_level_q("owner__") | Q(pk__in=shared.values("pressitem_id")))


def press_departments(user) -> QuerySet:
    """The organisations the user keeps press monitoring for (adds sources, items and
    watch lists to): those they edit for; every organisation for an administrator."""
    from phoihop.organisations.models import Organization

    who = principal(user)
    if who.is_admin:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=list(who.editor_organization_ids))


def may_keep_press_for(user, organization) -> bool:
    who = principal(user)
    return who.is_admin or organization.pk in who.editor_organization_ids


def _owned_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    owner_id = obj.owner_id if hasattr(obj, "owner_id") else obj.item.owner_id
    if action is Action.VIEW:
        if who.is_admin or who.is_central or owner_id in who.organization_ids:
            return True
        if obj._meta.label == "press.PressItem":
            return visible_press_items(user).filter(pk=obj.pk).exists()
        if obj._meta.label == "press.WatchMatch":
            return visible_press_items(user).filter(pk=obj.item_id).exists()
        return _owned(user, type(obj).objects.filter(pk=obj.pk)).exists()
    return who.is_admin or owner_id in who.editor_organization_ids


def _digest_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW
    return action is Action.VIEW and visible_press_digests(user).filter(pk=obj.pk).exists()


RULES = {
    "press.PressSource": _owned_rule,
    "press.PressItem": _owned_rule,
    "press.WatchList": _owned_rule,
    "press.WatchMatch": _owned_rule,
    "press.PressDigest": _digest_rule,
}
