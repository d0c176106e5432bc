"""The submission matrix of a department and year with frozen time around the due day
(25/10): submitted on the due day itself on time, the next day late; missing only once
the due day has passed; "not a collaborator then" outside the membership. Constant
queries whatever the number of collaborators."""

import datetime as dt

import pytest
import time_machine

from phoihop.accounts.models import Membership, Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.opinion import selectors
from phoihop.opinion.tests.factories import at, file_report

pytestmark = pytest.mark.django_db


def states(matrix, user) -> dict[int, str]:
    row = next(row for row in matrix.rows if row.user.pk == user.pk)
    return {cell.period.number: cell.state for cell in row.cells}


def test_submitted_on_the_due_day_is_on_time_the_next_day_late(world, people):
    file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=10, when=at(dt.date(2026, 10, 25), 23, 50)
    )
    file_report(
        people.collaborator_2,
        world.target,
        world.commune_c,
        year=2026,
        period=10,
        when=at(dt.date(2026, 10, 26), 0, 10),
    )
    matrix = selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22))
    assert states(matrix, people.collaborator)[10] == "on_time"
    assert states(matrix, people.collaborator_2)[10] == "late"
    cell = next(c for c in matrix.rows[0].cells if c.period.number == 10)
    assert cell.report is not None


def test_missing_only_after_the_due_day_passes(world, people):
    on_due_day = selectors.department_matrix(world.target, 2026, dt.date(2026, 10, 25))
    assert states(on_due_day, people.collaborator)[10] == "not_yet_due"
    next_day = selectors.department_matrix(world.target, 2026, dt.date(2026, 10, 26))
    assert states(next_day, people.collaborator)[10] == "missing"
    assert states(next_day, people.collaborator)[11] == "not_yet_due"


def test_a_draft_is_not_a_submission(world, people):
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10, submit=False,
                when=at(dt.date(2026, 10, 20)))  # fmt: skip
    matrix = selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22))
    assert states(matrix, people.collaborator)[10] == "missing"


def test_not_a_collaborator_outside_the_membership(world, people):
    Membership.objects.filter(user=people.collaborator).update(
        valid_from=dt.date(2026, 6, 15), valid_to=dt.date(2026, 9, 1)
    )
    result = states(selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22)), people.collaborator)
    assert result[5] == "not_expected"
    assert result[6] == "missing"  # joined mid-June: June is expected
    assert result[9] == "missing"  # left on 01/09: September overlaps
    assert result[10] == "not_expected"
    # a membership that ended before the year is not a row
    assert len(selectors.department_matrix(world.target, 2027, dt.date(2027, 1, 5)).rows) == 1


def test_corrections_are_counted_not_a_new_cell(world, people):
    from phoihop.opinion import services
    from phoihop.opinion.tests.factories import item

    original = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10,
                           when=at(dt.date(2026, 10, 20)))  # fmt: skip
    services.report_create(actor=people.collaborator, department=world.target, area=world.commune_c,
                           items=[item()], corrects=original, submit=True)  # fmt: skip
    matrix = selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22))
    row = next(row for row in matrix.rows if row.user.pk == people.collaborator.pk)
    cell = row.cells[9]
    assert (cell.state, cell.report.pk, cell.corrections) == ("on_time", original.pk, 1)


def add_collaborators(world, n, start):
    for i in range(n):
        user = UserFactory(username=f"ctv-extra-{start + i}")
        MembershipFactory(user=user, organization=world.target, role=Role.COLLABORATOR, area=world.commune_c)
        file_report(user, world.target, world.commune_c, year=2026, period=10, when=at(dt.date(2026, 10, 20)))


def test_queries_do_not_grow_with_collaborators(world, people, django_assert_max_num_queries):
    add_collaborators(world, 1, 0)  # 3 collaborators
    with django_assert_max_num_queries(3):
        assert len(selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22)).rows) == 3
    add_collaborators(world, 27, 1)  # 30
    with django_assert_max_num_queries(3):
        assert len(selectors.department_matrix(world.target, 2026, dt.date(2026, 11, 22)).rows) == 30


def test_matrix_page_and_api_per_persona(world, people, client_for, django_assert_max_num_queries):
    add_collaborators(world, 1, 0)
    url = f"/opinion/matrix/{world.target.pk}/2026/"
    for persona, status in [(world.officer, 200), (people.leader, 200), (world.upper, 200), (world.admin, 200),
                            (world.partner, 404), (world.outsider, 404), (people.collaborator, 404)]:  # fmt: skip
        assert client_for(persona).get(url).status_code == status, persona
    page = client_for(world.officer).get(url).content.decode()
    assert "Theo dõi nộp báo cáo dư luận năm 2026" in page
    assert 'data-period="2026-10"' in page
    client = client_for(world.officer)
    with django_assert_max_num_queries(12):
        client.get(url)
    add_collaborators(world, 27, 1)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with time_machine.travel(at(dt.date(2026, 10, 26)), tick=False):
        api = client_for(world.upper).get(f"/api/v1/opinion/matrix/{world.target.pk}/2026")
    assert api.status_code == 200
    body = api.json()
    assert body["frequency"] == "monthly" and len(body["rows"]) == 30
    assert client_for(world.outsider).get(f"/api/v1/opinion/matrix/{world.target.pk}/2026").status_code == 404
