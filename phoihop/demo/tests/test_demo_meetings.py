"""The demo's meetings (issue 6, item 1) for Đắk Lắk: a signing ceremony in 2025, the Q3/2026
briefing held online with three connection points and four conclusions, two of them tasks
(one done), a press conference, the planned Q4 briefing — created once."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.demo.meetings import ensure_meetings
from phoihop.meetings import selectors
from phoihop.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_meetings_of_the_demo():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        assert ensure_meetings() == 0  # a second run creates nothing
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [(m.kind, m.status, m.starts_at.year) for m in meetings] == [
        ("signing", "held", 2025),
        ("press_conference", "held", 2026),
        ("quarterly_briefing", "held", 2026),
        ("quarterly_briefing", "planned", 2026),
    ]
    briefing = meetings[2]
    assert briefing.is_online and briefing.program is not None
    points = list(briefing.connection_points.order_by("position"))
    assert len(points) == 3 and [p.is_main for p in points] == [True, False, False]
    assert selectors.conclusion_progress([briefing.pk]) == {briefing.pk: (1, 4)}
    assert briefing.conclusions.filter(task__isnull=False).count() == 2
    assert meetings[3].starts_at.month == 12
