"""The expected-versus-received matrix of a programme and year, with frozen time around
the due day: on the due day itself still on time (and, if nothing came, not yet missing);
the next day late (or missing)."""

import datetime as dt

import pytest
import time_machine

from phoihop.organisations.models import Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import PartyRole
from phoihop.programs.selectors import get_program_for_user
from phoihop.programs.tests.factories import ProgramPartyFactory, make_program
from phoihop.provisions import selectors, services
from phoihop.provisions.tests.factories import ProvisionFactory, at, provide

pytestmark = pytest.mark.django_db


def states(matrix, row=0) -> dict[int, str]:
    return {cell.period.number: cell.state for cell in matrix.rows[row].cells}


def matrix_on(world, program, day: dt.date, year=2026):
    return selectors.program_matrix(get_program_for_user(world.officer, program.pk), year, day)


def test_provided_on_the_due_day_is_on_time_the_next_day_late(world, program):
    with time_machine.travel(at(dt.date(2026, 3, 25), 23, 50), tick=False):
        provide(world, program, period=3)
    with time_machine.travel(at(dt.date(2026, 4, 26), 0, 10), tick=False):
        provide(world, program, period=4)
    result = states(matrix_on(world, program, dt.date(2026, 5, 1)))
    assert result[3] == "on_time"
    assert result[4] == "late"


def test_missing_only_after_the_due_day_passes(world, program):
    assert states(matrix_on(world, program, dt.date(2026, 3, 25)))[3] == "not_yet_due"
    assert states(matrix_on(world, program, dt.date(2026, 3, 26)))[3] == "missing"


def test_every_state_in_one_year(world, program):
    with time_machine.travel(at(dt.date(2026, 2, 20)), tick=False):
        provide(world, program, period=2)
    with time_machine.travel(at(dt.date(2026, 3, 30)), tick=False):
        march = provide(world, program, period=3)
        services.provision_acknowledge(actor=world.officer, provision=march)
        provide(world, program, corrects=march, content="Bổ sung", corrects_version=march.version)
    matrix = matrix_on(world, program, dt.date(2026, 4, 26))
    result = states(matrix)
    # January: due 25/01, after the signature of 15/01, nothing came: missing.
    assert [result[n] for n in (1, 2, 3, 4, 5, 12)] == [
        "missing",
        "on_time",
        "late",
        "missing",
        "not_yet_due",
        "not_yet_due",
    ]
    march_cell = matrix.rows[0].cells[2]
    assert march_cell.acknowledged and march_cell.corrections == 1 and march_cell.provision == march
    assert matrix.receiver == world.target and matrix.rows[0].provider == world.commune_committee
    assert matrix.totals() == {"on_time": 1, "late": 1, "missing": 2, "not_yet_due": 8, "not_expected": 0}


def test_periods_before_signing_are_not_expected(world):
    program = make_program(world, info_frequency="quarterly", info_day=31, signed_on=dt.date(2026, 4, 2))
    result = states(matrix_on(world, program, dt.date(2026, 12, 31)))
    assert result == {1: "not_expected", 2: "missing", 3: "missing", 4: "not_yet_due"}


def test_ad_hoc_counts_against_the_hours(world, program):
    incident = at(dt.date(2026, 6, 1), 8)
    with time_machine.travel(incident + dt.timedelta(hours=3), tick=False):
        provide(world, program, kind="adhoc", incident_at=incident)
    with time_machine.travel(incident + dt.timedelta(hours=30), tick=False):
        provide(world, program, kind="adhoc", incident_at=incident, incident_title="Cháy rừng phòng hộ")
    row = matrix_on(world, program, dt.date(2026, 7, 1)).rows[0]
    assert (len(row.adhoc), row.adhoc_on_time, row.adhoc_late) == (2, 1, 1)


def test_the_matrix_takes_the_same_queries_for_3_or_30_providers(world, program, django_assert_max_num_queries):
    def grow(n):
        for _index in range(n):
            org = OrganizationFactory(level=world.target.level, administrative_unit=world.commune_c)
            ProgramPartyFactory(program=program, organization=org, role=PartyRole.PARTNER)
            for month in range(1, 4):
                ProvisionFactory(program=program, provider=org, receiver=world.target, period=month)

    def run():
        program_ = get_program_for_user(world.officer, program.pk)
        return selectors.program_matrix(program_, 2026, dt.date(2026, 6, 1))

    # The programme with its parties and content items, the user's memberships, then the
    # matrix's own two: the signature date and the year's provisions.
    grow(2)
    with django_assert_max_num_queries(6):
        assert len(run().rows) == 3
    grow(27)
    with django_assert_max_num_queries(6):
        assert len(run().rows) == 30
    assert Organization.objects.count() > 30
