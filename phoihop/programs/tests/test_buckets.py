"""The Government Office's four buckets, computed from status and dates — never stored.
The database annotation (`Task.objects.with_bucket`) and the Python rule
(`Task.bucket_on`) must agree around the deadline."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import selectors, services
from phoihop.programs.models import Bucket, PartyRole, Task
from phoihop.programs.services import PartyInput

D = dt.date
TODAY = D(2026, 3, 15)
NOW = dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC)  # 17:00 in Hà Nội


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def setup(world, frozen):
    ubnd = OrganizationFactory(
        name="Ủy ban nhân dân tỉnh An Hòa",
        kind=Organization.Kind.PEOPLES_COMMITTEE,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
        valid_from=D(2025, 7, 1),
    )
    program = services.program_create(
        actor=world.admin,
        title="Chương trình phối hợp tuyên truyền giai đoạn 2025–2027",
        start_year=2025,
        end_year=2027,
        parties=[PartyInput(world.province_dept_a, PartyRole.LEAD), PartyInput(ubnd, PartyRole.PARTNER)],
    )
    plan = services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch năm 2026")
    return SimpleNamespace(world=world, admin=world.admin, dept=world.province_dept_a, program=program, plan=plan)


def make_task(s, title, due, *, action=None, completed_on=None):
    task = services.task_create(actor=s.admin, plan=s.plan, title=title, lead=s.dept, due_date=due)
    if action:
        task = services.task_transition(
            actor=s.admin,
            task=task,
            action=action,
            expected_version=task.version,
            completed_on=completed_on,
            reason="Không còn phù hợp" if action == "cancel" else "",
        )
    return task


CASES = [
    # (title, due date, action, completed on, expected bucket)
    (
        "done on the due date",
        TODAY - dt.timedelta(days=5),
        "complete",
        TODAY - dt.timedelta(days=5),
        Bucket.DONE_ON_TIME,
    ),
    ("done before the due date", TODAY, "complete", TODAY - dt.timedelta(days=3), Bucket.DONE_ON_TIME),
    ("done a day late", TODAY - dt.timedelta(days=5), "complete", TODAY - dt.timedelta(days=4), Bucket.DONE_LATE),
    ("done today after a past deadline", TODAY - dt.timedelta(days=1), "complete", TODAY, Bucket.DONE_LATE),
    ("open, due today", TODAY, None, None, Bucket.OPEN_ON_TIME),
    ("open, due tomorrow", TODAY + dt.timedelta(days=1), None, None, Bucket.OPEN_ON_TIME),
    ("open, due yesterday", TODAY - dt.timedelta(days=1), None, None, Bucket.OPEN_OVERDUE),
    ("open, due long ago", D(2026, 1, 1), None, None, Bucket.OPEN_OVERDUE),
    ("cancelled before its deadline", TODAY + dt.timedelta(days=10), "cancel", None, ""),
    ("cancelled after its deadline", TODAY - dt.timedelta(days=10), "cancel", None, ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("title", "due", "action", "completed_on", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_database_and_the_model_agree_on_the_bucket(setup, title, due, action, completed_on, expected):
    task = make_task(setup, title, due, action=action, completed_on=completed_on)
    annotated = Task.objects.with_bucket(TODAY).get(pk=task.pk)
    assert annotated.bucket == expected
    assert Task.objects.get(pk=task.pk).bucket_on(TODAY) == expected


@pytest.mark.django_db
def test_an_open_task_moves_to_overdue_the_day_after_its_deadline(setup):
    task = make_task(setup, "Nộp báo cáo quý I", TODAY)
    for day, expected in ((TODAY, Bucket.OPEN_ON_TIME), (TODAY + dt.timedelta(days=1), Bucket.OPEN_OVERDUE)):
        assert Task.objects.with_bucket(day).get(pk=task.pk).bucket == expected
        assert task.bucket_on(day) == expected


@pytest.mark.django_db
def test_on_a_past_day_a_task_completed_later_was_still_open(setup):
    """A report or dashboard of a past period takes the buckets on its last day: a task
    completed after that day was open then (overdue if its deadline had passed)."""
    late = make_task(setup, "Tổng kết quý IV", D(2026, 2, 10), action="complete", completed_on=D(2026, 3, 10))
    early = make_task(setup, "Sơ kết", D(2026, 3, 5), action="complete", completed_on=D(2026, 3, 1))
    for day, expected_late, expected_early in (
        (D(2026, 2, 28), Bucket.OPEN_OVERDUE, Bucket.OPEN_ON_TIME),
        (D(2026, 2, 5), Bucket.OPEN_ON_TIME, Bucket.OPEN_ON_TIME),
        (D(2026, 3, 10), Bucket.DONE_LATE, Bucket.DONE_ON_TIME),
    ):
        assert Task.objects.with_bucket(day).get(pk=late.pk).bucket == expected_late
        assert late.bucket_on(day) == expected_late
        assert Task.objects.with_bucket(day).get(pk=early.pk).bucket == expected_early
        assert early.bucket_on(day) == expected_early
        counts = Task.objects.filter(pk__in=[late.pk, early.pk]).bucket_counts(day)
        assert sum(counts[b.value] for b in Bucket) == 2  # each in exactly one bucket


@pytest.mark.django_db
def test_a_done_task_keeps_its_bucket_whatever_the_day(setup):
    task = make_task(
        setup, "Hội nghị báo cáo viên", TODAY - dt.timedelta(days=5), action="complete", completed_on=TODAY
    )
    for day in (TODAY, TODAY + dt.timedelta(days=400)):
        assert Task.objects.with_bucket(day).get(pk=task.pk).bucket == Bucket.DONE_LATE
        assert task.bucket_on(day) == Bucket.DONE_LATE


@pytest.mark.django_db
def test_the_task_list_filters_and_the_programme_page_counts_by_bucket(setup):
    for title, due, action, completed_on, _expected in CASES:
        make_task(setup, title, due, action=action, completed_on=completed_on)
    overdue = selectors.task_list(setup.admin, selectors.TaskFilter(bucket=Bucket.OPEN_OVERDUE), today=TODAY)
    assert {t.title for t in overdue} == {"open, due yesterday", "open, due long ago"}
    assert all(t.bucket == Bucket.OPEN_OVERDUE for t in overdue)
    counts = dict(selectors.program_detail(setup.program, today=TODAY)["buckets"])
    assert counts == {
        Bucket.DONE_ON_TIME: 2,
        Bucket.DONE_LATE: 2,
        Bucket.OPEN_ON_TIME: 2,
        Bucket.OPEN_OVERDUE: 2,
    }


@pytest.mark.django_db
def test_the_filter_the_annotation_and_the_counts_agree_on_every_bucket(setup):
    for title, due, action, completed_on, _expected in CASES:
        make_task(setup, title, due, action=action, completed_on=completed_on)
    # Done without a completion date (not through the services): late, everywhere.
    undated = make_task(setup, "done, no completion date", TODAY - dt.timedelta(days=2))
    Task.objects.filter(pk=undated.pk).update(status=Task.Status.DONE, completed_on=None)
    annotated = {task.title: task.bucket for task in Task.objects.with_bucket(TODAY)}
    assert annotated["done, no completion date"] == Bucket.DONE_LATE
    assert Task.objects.get(pk=undated.pk).bucket_on(TODAY) == Bucket.DONE_LATE
    for bucket in Bucket:
        assert {t.title for t in Task.objects.in_bucket(bucket, TODAY)} == {
            title for title, value in annotated.items() if value == bucket
        }
    assert Task.objects.bucket_counts(TODAY) == {
        Bucket.DONE_ON_TIME: 2,
        Bucket.DONE_LATE: 3,
        Bucket.OPEN_ON_TIME: 2,
        Bucket.OPEN_OVERDUE: 2,
        "": 2,
        "total": 11,
    }
    assert not Task.objects.in_bucket("late", TODAY).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("bucket", list(Bucket))
def test_the_bucket_filter_is_on_the_columns_so_indexes_apply(setup, bucket):
    """Filtering on the CASE annotation would hide status and due date from the indexes."""
    query = str(selectors.task_list(setup.admin, selectors.TaskFilter(bucket=bucket), today=TODAY).query)
    where = query[query.index(" WHERE ") :]
    assert "CASE" not in where
    assert "status" in where


@pytest.mark.django_db
def test_the_programme_page_counts_each_bucket_in_the_plans_query(setup, django_assert_num_queries):
    for title, due, action, completed_on, _expected in CASES:
        make_task(setup, title, due, action=action, completed_on=completed_on)
    services.plan_create(actor=setup.admin, program=setup.program, year=2027, title="Kế hoạch năm 2027")
    # plans (with task and bucket counts), legal bases, signatures, revisions
    with django_assert_num_queries(4):
        detail = selectors.program_detail(setup.program, today=TODAY)
    assert [(plan.year, plan.task_count) for plan in detail["plans"]] == [(2027, 0), (2026, 10)]
    assert dict(detail["buckets"]) == {
        Bucket.DONE_ON_TIME: 2,
        Bucket.DONE_LATE: 2,
        Bucket.OPEN_ON_TIME: 2,
        Bucket.OPEN_OVERDUE: 2,
    }


@pytest.mark.django_db
def test_today_is_the_date_in_viet_nam_not_in_utc(world):
    """At 00:30 on 15/3 in Hà Nội it is still 14/3 in UTC: a task due 14/3 is overdue."""
    with time_machine.travel(dt.datetime(2026, 3, 14, 17, 30, tzinfo=dt.UTC), tick=False):
        ubnd = OrganizationFactory(
            name="Ủy ban nhân dân tỉnh An Hòa",
            kind=Organization.Kind.PEOPLES_COMMITTEE,
            level=Level.PROVINCE,
            administrative_unit=world.province_a,
            valid_from=D(2025, 7, 1),
        )
        program = services.program_create(
            actor=world.admin,
            title="Chương trình phối hợp",
            start_year=2026,
            end_year=2026,
            parties=[PartyInput(world.province_dept_a, PartyRole.LEAD), PartyInput(ubnd, PartyRole.PARTNER)],
        )
        plan = services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch năm 2026")
        services.task_create(
            actor=world.admin, plan=plan, title="Nộp báo cáo", lead=world.province_dept_a, due_date=D(2026, 3, 14)
        )
        assert [t.bucket for t in selectors.task_list(world.admin)] == [Bucket.OPEN_OVERDUE]
        counts = dict(selectors.program_detail(program)["buckets"])
        assert counts[Bucket.OPEN_OVERDUE] == 1
