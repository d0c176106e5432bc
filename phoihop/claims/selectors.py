"""Reads of false claims, scoped to the user: the list (its filter shared by the list
page and the API list), one claim, its links (only the hot issues and press items the
user may see), and what may still be linked. Constant queries whatever the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.claims.models import FalseClaim
from phoihop.core.text import fold_words
from phoihop.organisations.models import AdministrativeUnit

MAX_CANDIDATES = 200


@dataclass(frozen=True)
class ClaimFilter:
    q: str | None = None
    status: str | None = None
    channel: str | None = None
    topic: int | None = None
    area: int | None = None
    seen_from: dt.date | None = None
    seen_to: dt.date | None = None


def claim_list(user, filters: ClaimFilter = ClaimFilter()) -> QuerySet:
    qs = (
        permissions.visible_false_claims(user)
        .select_related("owner", "topic", "area")
        .annotate(
            hot_issue_count=Count("hot_issues", distinct=True), press_item_count=Count("press_items", distinct=True)
        )
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.topic:
        qs = qs.filter(topic_id=filters.topic)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.seen_from:
        qs = qs.filter(seen_on__gte=filters.seen_from)
    if filters.seen_to:
        qs = qs.filter(seen_on__lte=filters.seen_to)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-seen_on", "-id")


def area_choices(user, limit: int = 500) -> list[tuple[int, str]]:
    """The areas of the claims the user sees (for the list's filter), in one query."""
    visible = permissions.visible_false_claims(user).order_by().values("area_id")
    return list(
        AdministrativeUnit.objects.filter(pk__in=visible).order_by("name", "id").values_list("pk", "name")[:limit]
    )


def get_claim_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> FalseClaim:
    """404 unless the user may see the claim; 403 if they see it but may not `action`."""
    false_claim = FalseClaim.objects.select_related("owner", "topic", "area", "created_by").filter(pk=pk).first()
    if false_claim is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, false_claim)
    return false_claim


def claim_links(user, false_claim: FalseClaim) -> dict:
    """The linked hot issues and press items the user may see (one query each)."""
    hot_issues = list(
        permissions.visible_hot_issues(user, false_claim.hot_issues.all())
        .select_related("area")
        .order_by("-detected_at", "-id")
    )
    press_items = list(
        permissions.visible_press_items(user, false_claim.press_items.all()).order_by("-published_on", "-id")
    )
    return {"hot_issues": hot_issues, "press_items": press_items}


def link_candidates(user, false_claim: FalseClaim) -> dict:
    """What the user may still link: the department's own hot issues and press items the
    user sees, not yet linked (newest first, at most MAX_CANDIDATES each)."""
    hot_issues = list(
        permissions.visible_hot_issues(user)
        .filter(owner_id=false_claim.owner_id)
        .exclude(pk__in=false_claim.hot_issues.values("pk"))
        .order_by("-detected_at", "-id")
        .values_list("pk", "title")[:MAX_CANDIDATES]
    )
    press_items = list(
        permissions.visible_press_items(user)
        .filter(owner_id=false_claim.owner_id)
        .exclude(pk__in=false_claim.press_items.values("pk"))
        .order_by("-published_on", "-id")
        .values_list("pk", "title", "outlet", "published_on")[:MAX_CANDIDATES]
    )
    return {
        "hot_issues": hot_issues,
        "press_items": [(pk, f"{title} — {outlet}, {day:%d/%m/%Y}") for pk, title, outlet, day in press_items],
    }
