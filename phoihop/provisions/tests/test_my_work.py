""" "Việc của tôi" shows what the user's organisations owe (missing this year, due within
two weeks) and the provisions awaiting their acknowledgement, in a bounded number of
queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.accounts.tests.budgets import MY_WORK_QUERIES
from phoihop.programs.models import Program
from phoihop.programs.tests.factories import SignatureFactory, program_rows
from phoihop.provisions.tests.factories import ProvisionFactory, at, provide

pytestmark = pytest.mark.django_db

MY_WORK = reverse("accounts:my_work")
APRIL = at(dt.date(2026, 4, 20))


@pytest.fixture(autouse=True)
def _april():
    with time_machine.travel(APRIL, tick=False):
        yield


def section(response) -> dict | None:
    found = [s for s in response.context["sections"] if s["template"] == "provisions/_my_provisions.html"]
    return found[0] if found else None


def test_the_provider_sees_missing_and_due_soon(world, client_for, program):
    provide(world, program, period=2)
    response = client_for(world.partner).get(MY_WORK)
    box = section(response)
    assert [item.period.label for item in box["missing"]] == ["Tháng 1/2026", "Tháng 3/2026"]
    assert [item.period.label for item in box["due_soon"]] == ["Tháng 4/2026"]
    html = response.content.decode()
    assert 'id="my-provisions"' in html and "Quá hạn, chưa cung cấp" in html and "25/03/2026" in html


def test_the_receiver_sees_what_awaits_its_acknowledgement(world, client_for, program):
    provision = provide(world, program, period=2)
    box = section(client_for(world.officer).get(MY_WORK))
    assert box["awaiting"] == [provision] and box["missing"] == [] and box["due_soon"] == []


@pytest.mark.parametrize("persona", ["upper", "outsider", "nobody"])
def test_others_get_no_box(world, client_for, program, persona):
    provide(world, program, period=2)
    assert section(client_for(getattr(world, persona)).get(MY_WORK)) is None


def test_queries_do_not_grow_with_programmes(world, client_for, django_assert_max_num_queries):
    client = client_for(world.partner)

    def grow(n):
        for program in program_rows(world.target, world.commune_committee, count=n, status=Program.Status.IN_FORCE,
                                    info_frequency="monthly", info_day=25):  # fmt: skip
            SignatureFactory(program=program, organization=world.target, signed_on=dt.date(2026, 1, 10))
            ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, period=1)

    grow(3)
    # the whole page: 4 for the tasks, 2 for the exchange sections, at most 3 for this box,
    # 1 for the hand-overs of hot issues awaiting an answer (phoihop.hotissues)
    with django_assert_max_num_queries(MY_WORK_QUERIES):
        assert len(section(client.get(MY_WORK))["missing"]) == 3 * 2
    grow(27)
    with django_assert_max_num_queries(MY_WORK_QUERIES):
        assert len(section(client.get(MY_WORK))["missing"]) == 30 * 2
