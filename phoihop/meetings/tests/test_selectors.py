"""The roll-up selectors the reports and dashboards call: held meetings of a scope and
period (local dates, bounds included), and conclusion progress in one query."""

import datetime as dt

import pytest

from phoihop.meetings import selectors
from phoihop.meetings.models import Meeting
from phoihop.meetings.tests.factories import VN, meeting_rows
from phoihop.programs.models import Task
from phoihop.programs.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_meetings_in_counts_held_meetings_organised_or_attended_within_the_local_dates(world):
    first = dt.datetime(2026, 7, 1, 0, 30, tzinfo=VN)  # 30/06 17:30 UTC: still 1/7 in Vietnam
    (organised,) = meeting_rows(world.target, starts_at=first)
    (attended,) = meeting_rows(
        world.province_dept_a, [world.target], starts_at=dt.datetime(2026, 9, 30, 23, 0, tzinfo=VN)
    )
    meeting_rows(world.target, starts_at=dt.datetime(2026, 10, 1, 0, 0, tzinfo=VN))  # after the period
    meeting_rows(world.target, starts_at=first, status=Meeting.Status.PLANNED)
    meeting_rows(world.target, starts_at=first, status=Meeting.Status.CANCELLED)
    meeting_rows(world.province_dept_b, [world.commune_committee], starts_at=first)  # another scope
    found = selectors.meetings_in({world.target.pk}, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert sorted(found.values_list("pk", flat=True)) == sorted([organised.pk, attended.pk])


def test_conclusion_progress_in_one_query(world, django_assert_num_queries):
    first, second, empty = meeting_rows(world.target, count=3)
    for meeting, statuses in ((first, [Task.Status.DONE, Task.Status.OPEN, None]), (second, [Task.Status.CANCELLED])):
        for number, status in enumerate(statuses, start=1):
            task = TaskFactory(status=status) if status else None
            meeting.conclusions.create(number=number, text=f"Kết luận {number}", task=task)
    with django_assert_num_queries(1):
        progress = selectors.conclusion_progress([first.pk, second.pk, empty.pk])
    assert progress == {first.pk: (1, 3), second.pk: (0, 1)}
