"""The daily reminder: due soon within the calendar's `remind_days_before` days, missing
after the due day; never twice for one collaborator, department and period; constant
queries whatever the number of collaborators."""

import datetime as dt

import pytest

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.jobs.schedules import BY_NAME
from phoihop.notifications.models import Notification
from phoihop.opinion.jobs import remind_opinion_reports
from phoihop.opinion.tests.factories import at, file_report

pytestmark = pytest.mark.django_db


def keys(user) -> set[str]:
    return set(Notification.objects.filter(recipient=user).values_list("dedupe_key", flat=True))


def test_scheduled_daily():
    assert BY_NAME["phoihop.opinion_report_reminders"].func == "phoihop.opinion.jobs.remind_opinion_reports"


def test_due_soon_and_missing_once(world, people):
    file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=10, when=at(dt.date(2026, 10, 20))
    )
    Notification.objects.all().delete()
    # 21/11 is not within 3 days of 25/11; 22/11 is
    remind_opinion_reports(dt.date(2026, 11, 21))
    assert not any("due-soon:" in key and ":2026:11" in key for key in keys(people.collaborator))
    remind_opinion_reports(dt.date(2026, 11, 22))
    mine = keys(people.collaborator)
    assert f"opinion-report-due-soon:{people.collaborator.pk}:{world.target.pk}:monthly:2026:11" in mine
    assert not any(":2026:10" in key for key in mine)  # October was submitted
    others = keys(people.collaborator_2)
    assert f"opinion-report-missing:{people.collaborator_2.pk}:{world.target.pk}:monthly:2026:10" in others
    count = Notification.objects.count()
    assert remind_opinion_reports(dt.date(2026, 11, 22)) == 0
    assert Notification.objects.count() == count
    # officers and leaders are not reminded: collaborators report
    assert not keys(world.officer) and not keys(people.leader)


def test_missing_on_the_day_after_the_due_day_only(world, people):
    remind_opinion_reports(dt.date(2026, 11, 25))
    assert not any("missing" in key and ":2026:11" in key for key in keys(people.collaborator))
    remind_opinion_reports(dt.date(2026, 11, 26))
    assert any("missing" in key and ":2026:11" in key for key in keys(people.collaborator))


def test_queries_do_not_grow_with_collaborators(world, people, django_assert_max_num_queries):
    """Two reads whatever the number of collaborators (the memberships with their
    calendar, the reports submitted); the notifications are then inserted in batches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from phoihop.opinion.selectors import owed

    def grow(n, start):
        for i in range(n):
            user = UserFactory(username=f"ctv-job-{start + i}")
            MembershipFactory(user=user, organization=world.target, role=Role.COLLABORATOR, area=world.commune_c)

    def reads() -> int:
        with CaptureQueriesContext(connection) as context:
            remind_opinion_reports(dt.date(2026, 11, 22))
        return sum(1 for query in context.captured_queries if not query["sql"].startswith("INSERT"))

    grow(1, 0)
    with django_assert_max_num_queries(2):
        assert len(owed(today=dt.date(2026, 11, 22))) == 3 * 12
    assert reads() <= 6
    Notification.objects.all().delete()
    grow(27, 1)
    with django_assert_max_num_queries(2):
        assert len(owed(today=dt.date(2026, 11, 22))) == 30 * 12
    assert reads() <= 6
    assert Notification.objects.filter(kind="opinion_report_missing").count() == 30 * 11
