"""Two officers issue two drafts of the same issuer at the same moment: both get
distinct consecutive numbers (PostgreSQL: the series row is locked by the UPDATE;
SQLite: writers are serialised, and a writer waits out the busy timeout).

The SQLite test database is in memory with a shared cache, where a lock another thread
holds fails at once ("database table is locked") instead of waiting as the busy timeout
makes a file database wait: there the test retries the same way, and what it checks —
the numbers — is the same."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.reports import services
from phoihop.reports.models import NumberingSeries, Report
from phoihop.reports.tests.factories import make_report, write_sections


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_distinct_consecutive_numbers(world, monkeypatch):
    # no job queue here: the files' job is queued after the commit, not part of the numbering
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: "test-task")
    second_officer = UserFactory(username="officer2")
    MembershipFactory(user=second_officer, organization=world.target, role=Role.OFFICER)
    drafts = [
        (world.officer, write_sections(make_report(world, quarter=3), world.officer)),
        (second_officer, write_sections(make_report(world, quarter=2), second_officer)),
    ]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def issue_waiting(actor, report):
        for _attempt in range(400):
            try:
                fresh = Report.objects.get(pk=report.pk)
                if fresh.is_issued:  # the attempt committed; what failed came after the commit
                    return fresh
                return services.report_issue(actor=actor, report=fresh, expected_version=fresh.version)
            except OperationalError as exc:
                if connection.vendor != "sqlite" or "locked" not in str(exc):
                    raise
                time.sleep(0.025)  # what the busy timeout does on a file database
        raise AssertionError("still locked after 10 s")

    def issue(actor, report):
        try:
            barrier.wait(timeout=10)
            issue_waiting(actor, report)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=draft) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(Report.objects.filter(issuer=world.target).values_list("number", flat=True))
    assert numbers == [1, 2]
    assert NumberingSeries.objects.get(issuer=world.target, year=2026).last_number == 2
    assert sorted(Report.objects.values_list("number_symbol", flat=True)) == ["Số 1-BC/ĐU", "Số 2-BC/ĐU"]
