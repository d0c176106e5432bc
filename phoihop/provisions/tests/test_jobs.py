"""The daily reminder job, called directly: who gets what, and nothing twice."""

import datetime as dt

import pytest

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.jobs.schedules import BY_NAME
from phoihop.notifications.models import Notification
from phoihop.programs.models import Program
from phoihop.programs.tests.factories import SignatureFactory, program_rows
from phoihop.provisions.jobs import remind_missing_provisions
from phoihop.provisions.tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


def sent(kind=None):
    rows = Notification.objects.order_by("recipient__username", "title")
    if kind:
        rows = rows.filter(kind=kind)
    return [(n.recipient.username, n.kind, n.title) for n in rows]


def test_the_job_is_scheduled_daily():
    job = BY_NAME["phoihop.provision_reminders"]
    assert job.func == "phoihop.provisions.jobs.remind_missing_provisions" and job.cron.endswith("* * *")


def test_missing_and_due_soon_remind_the_providers_editors_once(world, program, settings):
    settings.PHOIHOP_DUE_SOON_DAYS = 3
    viewer = UserFactory(username="xem")
    MembershipFactory(user=viewer, organization=world.commune_committee, role=Role.VIEWER)
    ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, period=1)
    created = remind_missing_provisions(today=dt.date(2026, 3, 23))
    assert sorted(sent()) == [
        ("partner", "provision_due_soon", "Sắp đến hạn cung cấp thông tin Tháng 3/2026"),
        ("partner", "provision_missing", "Chưa cung cấp thông tin Tháng 2/2026"),
    ]
    assert created == 2  # the receiver, the viewer, the upper level and the outsider get nothing
    assert remind_missing_provisions(today=dt.date(2026, 3, 23)) == 0
    assert remind_missing_provisions(today=dt.date(2026, 3, 24)) == 0  # nothing twice
    assert remind_missing_provisions(today=dt.date(2026, 3, 26)) == 1  # March is now missing
    assert Notification.objects.count() == 3
    url = Notification.objects.filter(kind="provision_missing").first().url
    assert url == f"/provisions/new/?program={program.pk}&provider={world.commune_committee.pk}"


def test_a_received_period_and_a_draft_programme_remind_nobody(world, program):
    ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, period=1)
    ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, period=2)
    Program.objects.filter(pk=program.pk).update(status=Program.Status.DRAFT)
    assert remind_missing_provisions(today=dt.date(2026, 3, 1)) == 0
    Program.objects.filter(pk=program.pk).update(status=Program.Status.IN_FORCE)
    assert remind_missing_provisions(today=dt.date(2026, 3, 1)) == 0  # January and February received


def test_same_queries_for_3_or_30_programmes(world, django_assert_max_num_queries):
    def grow(n):
        for program in program_rows(
            world.target,
            world.commune_committee,
            count=n,
            status=Program.Status.IN_FORCE,
            info_frequency="monthly",
            info_day=25,
        ):
            SignatureFactory(program=program, organization=world.target, signed_on=dt.date(2026, 1, 10))

    # Parties with their regimes, provisions received, members, then notify_many's own
    # (existing keys, a savepoint around the insert, preferences).
    grow(3)
    with django_assert_max_num_queries(8):
        first = remind_missing_provisions(today=dt.date(2026, 3, 26))
    assert first == 3 * 3  # January, February, March for each programme, to the partner's focal point
    grow(27)
    with django_assert_max_num_queries(8):
        second = remind_missing_provisions(today=dt.date(2026, 3, 26))
    assert second == 27 * 3
