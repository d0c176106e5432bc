"""“Việc của tôi” lists the open tasks of the user's organisations that are overdue or
due within two weeks, grouped, each with its programme, lead, due date and bucket."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.tests.budgets import MY_WORK_QUERIES
from phoihop.programs.tests.factories import make_plan, make_program, make_task, task_rows

pytestmark = pytest.mark.django_db

MY_WORK = reverse("accounts:my_work")


def groups(response) -> dict[str, list[str]]:
    sections = [s for s in response.context["sections"] if s["template"] == "programs/_my_tasks.html"]
    if not sections:
        return {}
    return {group["key"]: [task.title for task in group["tasks"]] for group in sections[0]["groups"]}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plan(world, today):
    program = make_program(
        world,
        title="Chương trình phối hợp của xã",
        start_year=today.year - 1,
        end_year=today.year + 1,
        signed_on=today - dt.timedelta(days=1),
    )
    return make_plan(program, year=today.year)


@pytest.fixture
def tasks(world, plan, today):
    def task(title, days, **kwargs):
        return make_task(
            plan,
            lead=world.target,
            partners=[world.commune_committee],
            title=title,
            due_date=today + dt.timedelta(days=days),
            **kwargs,
        )

    return {
        "overdue": task("Việc quá hạn", -10),
        "soon": task("Việc sắp đến hạn", 5),
        "later": task("Việc còn xa", 60),
    }


def test_officer_sees_overdue_then_due_soon(world, client_for, tasks):
    response = client_for(world.officer).get(MY_WORK)
    assert groups(response) == {"overdue": ["Việc quá hạn"], "due_soon": ["Việc sắp đến hạn"]}


def test_each_row_shows_programme_lead_due_date_and_bucket(world, client_for, tasks):
    html = client_for(world.partner).get(MY_WORK).content.decode().split('id="my-tasks"')[1]
    overdue = tasks["overdue"]
    assert reverse("programs:task_detail", args=[overdue.pk]) in html
    assert "Chương trình phối hợp của xã" in html
    assert world.target.name in html
    assert overdue.due_date.strftime("%d/%m/%Y") in html
    assert "Chưa hoàn thành, quá hạn" in html and "Đang thực hiện trong hạn" in html
    assert html.index("Việc quá hạn") < html.index("Việc sắp đến hạn")
    assert "Chưa có việc nào cần làm." not in html


def test_without_tasks_the_empty_state_shows(world, client_for):
    html = client_for(world.officer).get(MY_WORK).content.decode()
    assert 'id="my-tasks"' not in html
    assert "Chưa có việc nào cần làm." in html


def test_partner_sees_the_tasks_it_takes_part_in(world, client_for, tasks):
    assert groups(client_for(world.partner).get(MY_WORK)) == {
        "overdue": ["Việc quá hạn"],
        "due_soon": ["Việc sắp đến hạn"],
    }


@pytest.mark.parametrize("persona", ["upper", "outsider", "nobody"])
def test_who_is_not_a_party_gets_no_task_section(world, client_for, tasks, persona):
    response = client_for(getattr(world, persona)).get(MY_WORK)
    assert groups(response) == {}
    assert "Việc quá hạn" not in response.content.decode()


def test_finished_tasks_are_not_listed(world, client_for, tasks):
    from phoihop.programs import services

    task = tasks["overdue"]
    services.task_transition(actor=world.admin, task=task, action="complete", expected_version=task.version)
    assert groups(client_for(world.officer).get(MY_WORK)) == {"overdue": [], "due_soon": ["Việc sắp đến hạn"]}


def test_query_count_does_not_grow_with_tasks(world, client_for, plan, today, django_assert_max_num_queries):
    client = client_for(world.officer)

    def grow(n):
        task_rows(plan, world.target, [world.commune_committee], count=n, due_date=today - dt.timedelta(days=2))
        task_rows(plan, world.target, [world.commune_committee], count=n, due_date=today + dt.timedelta(days=2))

    grow(2)  # the sections and what each costs: accounts/tests/budgets.py
    with django_assert_max_num_queries(MY_WORK_QUERIES):
        client.get(MY_WORK)
    grow(20)
    with django_assert_max_num_queries(MY_WORK_QUERIES):
        response = client.get(MY_WORK)
    assert {key: len(titles) for key, titles in groups(response).items()} == {"overdue": 22, "due_soon": 22}
