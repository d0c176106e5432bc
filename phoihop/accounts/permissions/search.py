"""The one search (issue 5, item 6): who finds what.

A search entry is found by exactly those who see the record it stands for: for each kind
the record's own `visible_*` rule of this package (`visible_programs`, `visible_tasks`,
`visible_subjects`, `visible_documents`, `visible_provisions`, `visible_opinion_items`,
`visible_hot_issues`, `visible_press_items`, `visible_false_claims`), applied in the
database as `object_id IN (the visible ids)` before ranking and paging — never after. The
entries themselves are read only through the search; nobody changes them by hand.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.permissions import Action, Principal

__all__ = ["visible_search_entries"]


def visible_search_entries(user, queryset: QuerySet | None = None, kinds: list[str] | None = None) -> QuerySet:
    """The entries (of these kinds, all by default) whose records the user sees."""
    from phoihop.search.models import SearchEntry
    from phoihop.search.registry import BY_KEY, KINDS

    queryset = SearchEntry.objects.all() if queryset is None else queryset
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    selected = [BY_KEY[key] for key in kinds] if kinds else KINDS
    condition = Q(pk__in=[])
    for kind in selected:
        condition |= Q(kind=kind.key, object_id__in=kind.visible(user).order_by().values("pk"))
    return queryset.filter(condition)


def _entry_rule(user, who: Principal, action: Action, obj) -> bool:
    if action is not Action.VIEW:
        return False
    if isinstance(obj, type):
        return True
    return visible_search_entries(user).filter(pk=obj.pk).exists()


RULES = {"search.SearchEntry": _entry_rule, "search.DocumentText": lambda user, who, action, obj: False}
