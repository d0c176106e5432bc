"""Helpers of the opinion tests: a report filed through the service (as a collaborator
would), at a frozen time."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from phoihop.opinion import services
from phoihop.opinion.models import Topic


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in the project's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def topic(code: str = "land") -> Topic:
    return Topic.objects.get(code=code)


def item(topic_code: str = "land", **overrides) -> services.ItemInput:
    values = {
        "topic": topic(topic_code).pk,
        "direction": "worried",
        "intensity": "medium",
        "breadth": "many",
        "summary": "Người dân lo lắng về tiến độ bồi thường, giải phóng mặt bằng.",
    }
    values.update(overrides)
    return services.ItemInput(**values)


def file_report(collaborator, department, area, *, when: dt.datetime | None = None, submit=True, items=None, **kw):
    """A periodic (default) or quick report of `collaborator`, filed at `when`."""
    kwargs = {
        "actor": collaborator,
        "department": department,
        "area": area,
        "items": items if items is not None else [item()],
        "submit": submit,
        **kw,
    }
    if when is None:
        return services.report_create(**kwargs)
    with time_machine.travel(when, tick=False):
        return services.report_create(**kwargs)
