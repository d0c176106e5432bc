"""programs.jobs.remind_tasks, called directly with frozen time: who is reminded of which
task (the leaders, officers and focal points of the organisations with an unfinished
part), never twice, again when the due date moves; and a constant number of queries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.notifications import kinds
from phoihop.notifications.models import Notification
from phoihop.programs import services
from phoihop.programs.jobs import remind_tasks
from phoihop.programs.models import Task, TaskPart
from phoihop.programs.tests.factories import make_plan, make_program, make_task, task_rows

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 9, 28)


@pytest.fixture
def plan(world):
    return make_plan(make_program(world), actor=world.admin, year=2026)


@pytest.fixture
def task(world, plan):
    return make_task(
        plan,
        actor=world.admin,
        lead=world.target,
        partners=[world.commune_committee],
        title="Tuyên truyền Đại hội Đảng bộ xã Cẩm Đức",
        due_date=dt.date(2026, 9, 30),
    )


def received(user) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", "title"))


def reminded_users(kind=None) -> set[str]:
    qs = Notification.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return set(qs.values_list("recipient__username", flat=True))


def frozen(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 6, 0, tzinfo=HANOI), tick=False)


class TestWhoIsReminded:
    def test_lead_and_partner_members_hear_of_a_task_due_in_two_days(self, world, task):
        with frozen(TODAY):
            assert remind_tasks() == 2
        title = "Nhiệm vụ sắp đến hạn: Tuyên truyền Đại hội Đảng bộ xã Cẩm Đức"
        assert received(world.officer) == [(kinds.TASK_DUE_SOON, title)]
        assert received(world.partner) == [(kinds.TASK_DUE_SOON, title)]
        notification = Notification.objects.get(recipient=world.officer)
        assert notification.body == "Hạn hoàn thành: 30/09/2026; phần việc của cơ quan bạn chưa hoàn thành."
        assert notification.url == f"/programs/tasks/{task.pk}/"
        assert notification.dedupe_key == f"task-due-soon:{task.pk}:2026-09-30"

    def test_outsiders_upper_level_viewers_and_former_members_hear_nothing(self, world, task):
        viewer = UserFactory(username="viewer")
        MembershipFactory(user=viewer, organization=world.target, role=Role.VIEWER)
        collaborator = UserFactory(username="ctv")
        MembershipFactory(user=collaborator, organization=world.target, role=Role.COLLABORATOR)
        former = UserFactory(username="former")
        MembershipFactory(user=former, organization=world.target, role=Role.OFFICER, valid_to=dt.date(2026, 8, 31))
        inactive = UserFactory(username="inactive", is_active=False)
        MembershipFactory(user=inactive, organization=world.target, role=Role.LEADER)
        remind_tasks(TODAY)
        assert reminded_users() == {"officer", "partner"}

    def test_leaders_officers_and_focal_points_are_reminded(self, world, task):
        for username, role in (("leader", Role.LEADER), ("focal", Role.FOCAL_POINT)):
            MembershipFactory(user=UserFactory(username=username), organization=world.target, role=role)
        remind_tasks(TODAY)
        assert reminded_users() == {"officer", "partner", "leader", "focal"}

    def test_a_finished_part_is_not_reminded(self, world, task):
        TaskPart.objects.filter(task=task, organization=world.commune_committee).update(progress=100)
        remind_tasks(TODAY)
        assert reminded_users() == {"officer"}

    @pytest.mark.parametrize("status", [Task.Status.DONE, Task.Status.CANCELLED])
    def test_done_and_cancelled_tasks_get_nothing(self, world, task, status):
        Task.objects.filter(pk=task.pk).update(status=status)
        assert remind_tasks(TODAY) == 0
        assert not Notification.objects.exists()

    def test_a_task_due_later_than_the_window_waits(self, world, task, settings):
        settings.PHOIHOP_DUE_SOON_DAYS = 1
        assert remind_tasks(TODAY) == 0
        assert remind_tasks(TODAY + dt.timedelta(days=1)) == 2

    def test_an_overdue_task_reminds_once_as_overdue(self, world, task):
        remind_tasks(dt.date(2026, 10, 1))
        assert received(world.officer) == [
            (kinds.TASK_OVERDUE, "Nhiệm vụ quá hạn: Tuyên truyền Đại hội Đảng bộ xã Cẩm Đức")
        ]
        notification = Notification.objects.get(recipient=world.officer)
        assert notification.body == "Hạn hoàn thành là 30/09/2026; phần việc của cơ quan bạn chưa hoàn thành."
        for day in range(2, 20):
            remind_tasks(dt.date(2026, 10, day))
        assert Notification.objects.filter(recipient=world.officer).count() == 1


class TestNothingTwice:
    def test_running_twice_creates_nothing_the_second_time(self, world, task):
        assert remind_tasks(TODAY) == 2
        assert remind_tasks(TODAY) == 0
        assert remind_tasks(TODAY + dt.timedelta(days=1)) == 0
        assert Notification.objects.count() == 2

    def test_due_soon_then_overdue_are_two_reminders(self, world, task):
        remind_tasks(TODAY)
        remind_tasks(dt.date(2026, 10, 1))
        assert [kind for kind, _title in received(world.officer)] == [kinds.TASK_DUE_SOON, kinds.TASK_OVERDUE]

    def test_a_moved_due_date_reminds_again(self, world, task):
        remind_tasks(TODAY)
        task.refresh_from_db()
        services.task_update(actor=world.admin, task=task, expected_version=task.version, due_date=dt.date(2026, 9, 29))
        assert remind_tasks(TODAY) == 2
        keys = set(Notification.objects.filter(recipient=world.officer).values_list("dedupe_key", flat=True))
        assert keys == {f"task-due-soon:{task.pk}:2026-09-30", f"task-due-soon:{task.pk}:2026-09-29"}


class TestQueries:
    def test_query_count_does_not_grow_with_tasks(self, world, plan, django_assert_max_num_queries):
        task_rows(plan, world.target, [world.commune_committee], count=3, due_date=dt.date(2026, 9, 29))
        with django_assert_max_num_queries(8):
            assert remind_tasks(TODAY) == 6
        task_rows(plan, world.target, [world.commune_committee], count=30, due_date=dt.date(2026, 9, 27))
        with django_assert_max_num_queries(8):
            assert remind_tasks(TODAY) == 60
        assert Notification.objects.filter(kind=kinds.TASK_OVERDUE).count() == 60
