"""The quarterly dashboard and the quarterly report count the same tasks in the same
buckets: both take them on the quarter's last day through `programs.models.bucket_q`, so a
task completed after the quarter was still open at its end in both."""

import datetime as dt

import pytest

from phoihop.dashboards import stats
from phoihop.dashboards.tests import builders as b
from phoihop.organisations.scope import organization_scope
from phoihop.programs.models import Task
from phoihop.reports.figures import by_key, compute
from phoihop.reports.tests.factories import report_row

pytestmark = pytest.mark.django_db


def test_a_task_done_after_the_quarter_is_open_at_its_end_in_both(world):
    plan = b.plan_2026()
    done = Task.Status.DONE
    b.task(plan, world.target, due=dt.date(2026, 8, 1), status=done, completed=dt.date(2026, 7, 20))  # on time
    b.task(plan, world.target, due=dt.date(2026, 8, 1), status=done, completed=dt.date(2026, 10, 15))  # after Q3
    b.task(plan, world.target, due=dt.date(2026, 9, 30))  # still open, due on the last day
    report = report_row(world)  # the commune's quarterly report, 01/07–30/09/2026
    figures = by_key(compute(report))
    period = stats.Period(year=2026, quarter=3)
    dashboard = stats.tasks_by_bucket(
        organization_scope({world.target.pk}, include_subordinates=True), period, dt.date(2026, 11, 22)
    )
    expected = {"done_on_time": 1, "done_late": 0, "open_on_time": 1, "open_overdue": 1}
    assert {key: figures[f"tasks.{key}"]["value"] for key in expected} == expected
    assert {key: dashboard[key] for key in expected} == expected
