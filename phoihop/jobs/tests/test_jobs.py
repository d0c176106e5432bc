"""Background jobs: the cluster settings bound retries; a job that keeps failing is
retried by the real django-q2 worker machinery (pusher → worker → monitor, in this
process) at most three times and then shows as failed on the administrators' page;
`sync_schedules` writes the declared schedules and is idempotent; the page is for site
administrators only, failures first, with a flat query count."""

import datetime as dt
from multiprocessing import Event, Queue, Value

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule, Task
from django_q.tasks import async_task

from phoihop.jobs.schedules import SCHEDULES, Periodic
from phoihop.jobs.services import schedules_sync

JOBS = reverse("jobs:list")


def explode():
    raise RuntimeError("Máy chủ thư không trả lời")


def run_cluster_once(monkeypatch):
    """One turn of the cluster, in this process: the pusher takes what is due from the
    ORM broker, a worker runs it, the monitor records the result and acknowledges it."""
    import django_q.monitor
    import django_q.worker
    from django_q.brokers import get_broker

    # The worker and monitor close "old" connections between tasks; here that would be
    # the test's own transaction.
    monkeypatch.setattr(django_q.worker, "close_old_django_connections", lambda: None)
    monkeypatch.setattr(django_q.monitor, "close_old_django_connections", lambda: None)
    broker = get_broker()
    task_queue, result_queue, stop = Queue(), Queue(), Event()
    stop.set()  # the pusher pulls once, then stops
    django_q.pusher.pusher(task_queue, stop, broker)
    task_queue.put("STOP")
    django_q.worker.worker(task_queue, result_queue, Value("f", -1), timeout=30)
    result_queue.put("STOP")
    django_q.monitor.monitor(result_queue, broker)


def retry_is_due():
    """`retry` seconds have passed: the broker hands unacknowledged tasks out again."""
    OrmQ.objects.update(lock=timezone.now() - dt.timedelta(seconds=1))


class TestClusterSettings:
    def test_orm_broker_and_bounded_retries(self):
        q = settings.Q_CLUSTER
        assert q["orm"] == "default"
        assert q["max_attempts"] == 3
        assert q["retry"] > q["timeout"]
        assert q["ack_failures"] is False  # a failure is retried, up to max_attempts
        assert q["catch_up"] is False
        assert q["workers"] <= 2
        assert (Conf.MAX_ATTEMPTS, Conf.ORM, Conf.CATCH_UP) == (3, "default", False)


class TestAFailingJob:
    def test_is_retried_three_times_then_shown_as_failed(self, world, client_for, monkeypatch):
        import django_q.pusher  # noqa: F401

        async_task("phoihop.jobs.tests.test_jobs.explode", task_name="gui-thu-thu-nghiem")
        for attempt in (1, 2, 3):
            retry_is_due()
            run_cluster_once(monkeypatch)
            run = Task.objects.get(name="gui-thu-thu-nghiem")
            assert (run.success, run.attempt_count) == (False, attempt)
            assert OrmQ.objects.exists() == (attempt < 3)  # acknowledged after the third
        retry_is_due()
        run_cluster_once(monkeypatch)  # nothing left to run
        assert Task.objects.get(name="gui-thu-thu-nghiem").attempt_count == 3

        response = client_for(world.admin).get(JOBS, {"status": "failed"})
        html = response.content.decode()
        assert [run.name for run in response.context["page"].object_list] == ["gui-thu-thu-nghiem"]
        assert "Máy chủ thư không trả lời" in html
        assert "Thất bại" in html

    def test_a_job_that_succeeds_is_recorded_once(self, world, monkeypatch):
        import django_q.pusher  # noqa: F401

        async_task("phoihop.notifications.jobs.send_daily_digest", task_name="thu-tong-hop")
        run_cluster_once(monkeypatch)
        run = Task.objects.get(name="thu-tong-hop")
        assert (run.success, run.attempt_count, run.result) == (True, 1, 0)
        assert not OrmQ.objects.exists()


class TestSyncSchedules:
    def test_writes_the_declared_schedules(self, db):
        call_command("sync_schedules", stdout=open("/dev/null", "w"))  # noqa: SIM115
        rows = {row.name: row for row in Schedule.objects.all()}
        assert set(rows) == {job.name for job in SCHEDULES}
        reminders = rows["phoihop.task_reminders"]
        assert (reminders.func, reminders.schedule_type, reminders.cron) == (
            "phoihop.programs.jobs.remind_tasks",
            Schedule.CRON,
            "0 6 * * *",
        )
        assert reminders.next_run > timezone.now()

    def test_is_idempotent(self, db):
        first = schedules_sync()
        before = list(Schedule.objects.order_by("name").values_list("pk", "name", "cron", "next_run"))
        second = schedules_sync()
        assert len(first.created) == len(SCHEDULES)
        assert (second.created, second.updated, second.removed) == ([], [], [])
        assert list(Schedule.objects.order_by("name").values_list("pk", "name", "cron", "next_run")) == before

    def test_changes_a_cron_and_removes_what_is_no_longer_declared(self, db):
        schedules_sync()
        Schedule.objects.create(name="someone-elses", func="x.y", schedule_type=Schedule.DAILY)
        declared = [Periodic("phoihop.task_reminders", "phoihop.programs.jobs.remind_tasks", "30 5 * * *", "x")]
        result = schedules_sync(declared)
        assert result.updated == ["phoihop.task_reminders"]
        # every other declared job (the digest, the provision reminders…) is no longer declared here
        assert set(result.removed) == {job.name for job in SCHEDULES} - {"phoihop.task_reminders"}
        assert set(Schedule.objects.values_list("name", flat=True)) == {"phoihop.task_reminders", "someone-elses"}
        assert Schedule.objects.get(name="phoihop.task_reminders").cron == "30 5 * * *"


def make_runs(count: int, *, success: bool):
    now = timezone.now()
    for index in range(count):
        Task.objects.create(
            id=f"{'ok' if success else 'ko'}{index:030d}",
            name=f"run-{success}-{index}",
            func="phoihop.programs.jobs.remind_tasks",
            started=now - dt.timedelta(minutes=index + 1),
            stopped=now - dt.timedelta(minutes=index),
            success=success,
            result=None if success else f"RuntimeError: lỗi số {index}",
            attempt_count=1 if success else 3,
        )


class TestJobsPage:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "nobody"])
    def test_everybody_but_administrators_gets_404(self, world, client_for, persona):
        assert client_for(getattr(world, persona)).get(JOBS).status_code == 404

    def test_anonymous_is_sent_to_login(self, client_for):
        assert client_for(None).get(JOBS).status_code == 302

    def test_failures_first_then_the_newest(self, world, client_for):
        make_runs(2, success=True)
        make_runs(2, success=False)
        response = client_for(world.admin).get(JOBS)
        names = [run.name for run in response.context["page"].object_list]
        assert names == ["run-False-0", "run-False-1", "run-True-0", "run-True-1"]
        assert "RuntimeError: lỗi số 0" in response.content.decode()

    def test_filter_successes(self, world, client_for):
        make_runs(1, success=True)
        make_runs(1, success=False)
        response = client_for(world.admin).get(JOBS, {"status": "success"})
        assert [run.name for run in response.context["page"].object_list] == ["run-True-0"]

    def test_shows_the_declared_schedules_with_next_and_last_run(self, world, client_for):
        schedules_sync()
        make_runs(1, success=False)
        Schedule.objects.filter(name="phoihop.task_reminders").update(task=f"ko{0:030d}")
        response = client_for(world.admin).get(JOBS)
        rows = {row["job"].name: row for row in response.context["schedules"]}
        assert rows["phoihop.task_reminders"]["last"].success is False
        assert rows["phoihop.notification_digest"]["last"] is None
        html = response.content.decode()
        assert "Nhắc nhiệm vụ sắp đến hạn và quá hạn" in html
        assert "Chưa chạy" in html

    def test_query_count_does_not_grow_with_runs(self, world, client_for, django_assert_max_num_queries):
        schedules_sync()
        client = client_for(world.admin)
        make_runs(3, success=False)
        with django_assert_max_num_queries(9):
            assert client.get(JOBS).status_code == 200
        make_runs(30, success=True)
        with django_assert_max_num_queries(9):
            response = client.get(JOBS)
        assert len(response.context["page"].object_list) == 25

    def test_django_q_admin_stays_registered(self, world, client_for):
        assert client_for(world.admin).get(reverse("admin:django_q_failure_changelist")).status_code == 200
