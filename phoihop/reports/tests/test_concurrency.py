"""Two officers issue two drafts of the same issuer at the same moment: both get
distinct consecutive numbers (PostgreSQL: the series row is locked by the UPDATE;
SQLite: writers are serialised, with a busy timeout)."""

import threading

import pytest
from django.db import connection

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.reports import services
from phoihop.reports.models import NumberingSeries, Report
from phoihop.reports.tests.factories import make_report, write_sections


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_distinct_consecutive_numbers(world):
    second_officer = UserFactory(username="officer2")
    MembershipFactory(user=second_officer, organization=world.target, role=Role.OFFICER)
    drafts = [
        (world.officer, write_sections(make_report(world, quarter=3), world.officer)),
        (second_officer, write_sections(make_report(world, quarter=2), second_officer)),
    ]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def issue(actor, report):
        try:
            barrier.wait(timeout=10)
            services.report_issue(actor=actor, report=report, expected_version=report.version)
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
