"""Reads of press monitoring, scoped to the user: the item list (its filter shared by the
list page and the API list), one item, sources with their health, watch lists, digests.
Each function runs a constant number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.text import fold_words
from phoihop.press.models import PressDigest, PressItem, PressSource, WatchList, WatchMatch
from phoihop.programs.models import Program


def _not_found():
    return Http404(_("Không tìm thấy."))


def _get(queryset: QuerySet, user, pk, action):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise _not_found()
    permissions.check(user, action, obj)
    return obj


# --- items ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFilter:
    q: str | None = None
    source: int | None = None
    outlet: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    tone: str | None = None
    topic: int | None = None
    area: int | None = None
    flagged: bool | None = None
    hot: bool | None = None
    program: int | None = None


def item_list(user, filters: ItemFilter = ItemFilter()) -> QuerySet:
    qs = permissions.visible_press_items(user).select_related("owner", "source", "topic", "area")
    if filters.source:
        qs = qs.filter(source_id=filters.source)
    if filters.outlet:
        qs = qs.filter(outlet=filters.outlet)
    if filters.date_from:
        qs = qs.filter(published_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(published_on__lte=filters.date_to)
    if filters.tone:
        qs = qs.filter(tone=filters.tone)
    if filters.topic:
        qs = qs.filter(topic_id=filters.topic)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.flagged is not None:
        qs = qs.filter(is_flagged=filters.flagged)
    if filters.hot is not None:
        qs = qs.filter(is_hot=filters.hot)
    if filters.program:
        qs = qs.filter(
            pk__in=PressItem.programs.through.objects.filter(program_id=filters.program).values("pressitem_id")
        )
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-published_on", "-id")


def get_item_for_user(user, pk: int, action: str = Action.VIEW) -> PressItem:
    """404 unless the user may see the item; 403 if they see it but may not `action`."""
    return _get(PressItem.objects.select_related("owner", "source", "topic", "area", "entered_by"), user, pk, action)


def item_detail(user, item: PressItem) -> dict:
    """The item's watch-list matches and the programmes (those the user sees)."""
    matches = list(item.matches.select_related("watch_list").order_by("matched_at", "id"))
    programs = list(permissions.visible_programs(user, item.programs.all()).order_by("sort_name", "id"))
    digests = list(
        permissions.visible_press_digests(user, item.digests.select_related("program")).order_by("-week_start")
    )
    return {"matches": matches, "programs": programs, "digests": digests}


def program_choices(item_or_owner) -> QuerySet:
    """The programmes an item's department is a party to (what it may be linked to)."""
    owner_id = getattr(item_or_owner, "owner_id", None) or item_or_owner.pk
    return (
        Program.objects.filter(parties__organization_id=owner_id).distinct().order_by("-start_year", "sort_name", "id")
    )


# --- sources --------------------------------------------------------------------------


def source_list(user) -> QuerySet:
    return permissions.visible_press_sources(user).select_related("owner").order_by("owner__sort_name", "name", "id")


def get_source_for_user(user, pk: int, action: str = Action.VIEW) -> PressSource:
    return _get(PressSource.objects.select_related("owner"), user, pk, action)


def poll_failure(source: PressSource) -> str:
    """The error of a queued "poll now" job that crashed outright (the poll itself records
    its own errors on the source), or ""."""
    if not source.poll_task_id:
        return ""
    from django_q.models import Task

    task = Task.objects.filter(id=source.poll_task_id).only("success", "result").first()
    if task is None or task.success:
        return ""
    return str(task.result or _("Công việc nền bị lỗi."))[:500]


# --- watch lists ------------------------------------------------------------------------


def watch_list_list(user) -> QuerySet:
    return (
        permissions.visible_watch_lists(user)
        .select_related("owner")
        .annotate(match_count=Count("matches"))
        .order_by("owner__sort_name", "name", "id")
    )


def get_watch_list_for_user(user, pk: int, action: str = Action.VIEW) -> WatchList:
    return _get(WatchList.objects.select_related("owner"), user, pk, action)


def recent_matches(user, watch_list: WatchList, limit: int = 20) -> list[WatchMatch]:
    return list(
        WatchMatch.objects.filter(watch_list=watch_list, item__in=permissions.visible_press_items(user).values("pk"))
        .select_related("item")
        .order_by("-item__published_on", "-id")[:limit]
    )


# --- digests ----------------------------------------------------------------------------


def digest_list(user, program: int | None = None) -> QuerySet:
    qs = permissions.visible_press_digests(user).select_related("program").annotate(item_count=Count("items"))
    if program:
        qs = qs.filter(program_id=program)
    return qs.order_by("-week_start", "-id")


def get_digest_for_user(user, pk: int) -> PressDigest:
    return _get(PressDigest.objects.select_related("program"), user, pk, Action.VIEW)


def digest_items(user, digest: PressDigest) -> list[PressItem]:
    """The digest's items the user may read (its programme's parties read them all)."""
    return list(
        permissions.visible_press_items(user, digest.items.all())
        .select_related("topic", "area")
        .prefetch_related(Prefetch("matches", queryset=WatchMatch.objects.order_by("id")))
        .order_by("-published_on", "-id")
    )
