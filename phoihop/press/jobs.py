"""Background jobs of press monitoring: plain functions the worker runs on the schedules
declared in phoihop/jobs/schedules.py, or queued by a page ("poll now"); tests call them
directly."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation

from phoihop.press import services
from phoihop.press.models import PressSource, WatchList


def poll_feeds(fetch=None) -> dict:
    """Poll every active source with a feed URL, each in isolation: a failing source is
    marked unhealthy and the next one is polled. Returns {"ok": n, "failed": n, "new": n}."""
    counts = {"ok": 0, "failed": 0, "new": 0}
    sources = PressSource.objects.filter(is_active=True).exclude(feed_url="").exclude(kind=PressSource.Kind.MANUAL)
    with translation.override(settings.LANGUAGE_CODE):
        for source in sources.select_related("owner").order_by("id"):
            result = services.source_poll(source=source, fetch=fetch)
            counts["ok" if result.ok else "failed"] += 1
            counts["new"] += result.new_items
    return counts


def poll_source(source_id: int, fetch=None) -> dict:
    """ "Poll now" for one source (queued from the sources page or the API)."""
    source = PressSource.objects.filter(pk=source_id).first()
    if source is None or not source.feed_url:
        return {"ok": False, "new": 0}
    with translation.override(settings.LANGUAGE_CODE):
        result = services.source_poll(source=source, fetch=fetch)
    return {"ok": result.ok, "new": result.new_items, "error": result.error}


def rematch_watch_list(watch_list_id: int) -> int:
    """Match a saved watch list against its department's recent items (queued when they
    are many)."""
    watch_list = WatchList.objects.filter(pk=watch_list_id).first()
    if watch_list is None or not watch_list.is_active:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        recent = watch_list.owner.press_items.filter(
            published_on__gte=timezone.localdate() - dt.timedelta(days=services.REMATCH_DAYS)
        )
        return len(services.match_items(list(recent), watch_lists=[watch_list]))


def weekly_press_digests(today: dt.date | None = None) -> int:
    """Monday 07:30: the digests of the previous week. Returns how many were made."""
    with translation.override(settings.LANGUAGE_CODE):
        return len(services.digests_build(today=today))
