"""False claims (issue 5, item 5).

* The owning department's members (and its successors', through lineage) see its false
  claims; its editors (leaders, officers, focal points) record them, edit them, move them
  through verification, record the official response and change their links.
* Whoever sees a linked hot issue through a share reads the claims linked to it.
* Upper levels read the departments below them; the centre and administrators read all —
  through memberships other than collaborator (a collaborator reads its own department's
  claims, not those of the levels below it).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = ["visible_false_claims"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})


def visible_false_claims(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.claims.models import FalseClaim

    queryset = FalseClaim.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    links = FalseClaim.hot_issues.through.objects
    shared = links.filter(hotissue__shared_with__in=list(who.organization_ids)).values("falseclaim_id")
    return queryset.filter(
        Q(owner_id__in=list(who.history_organization_ids)) | Q(pk__in=shared) | reader.upper_level_q("owner__")
    )


def _claim_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    if action is Action.VIEW:
        if who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central or obj.owner_id in who.organization_ids:
            return True  # without a query: the common case
        if not who.memberships:
            return False
        return visible_false_claims(user).filter(pk=obj.pk).exists()
    return who.is_admin or obj.owner_id in who.editor_organization_ids


RULES = {"claims.FalseClaim": _claim_rule}
