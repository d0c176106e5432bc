"""The trace of a figure: a click on a number shows the records it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from phoihop.programs.tests.factories import make_plan, make_program, task_rows
from phoihop.reports.figures import MAX_IDS, Figure
from phoihop.reports.tests.factories import make_report

pytestmark = pytest.mark.django_db


def trace_url(report, key):
    return reverse("reports:figure_trace", args=[report.pk, key])


@pytest.fixture
def traced(world):
    """A report of the commune's Party committee whose figure counts three of its tasks and
    one task of another province's programme that its officer may not see."""
    plan = make_plan(make_program(world), year=2026)
    own = task_rows(plan, world.target, [world.commune_committee], count=3, due_date=dt.date(2026, 8, 1))
    foreign_plan = make_plan(
        make_program(world, lead=world.province_dept_b, partner=world.central, title="Chương trình tỉnh Bình Sơn"),
        year=2026,
    )
    foreign = task_rows(
        foreign_plan, world.province_dept_b, title="Việc của tỉnh Bình Sơn", due_date=dt.date(2026, 8, 1)
    )
    ids = sorted([t.pk for t in own] + [foreign[0].pk])
    report = make_report(world)
    report.figures = [
        Figure("tasks.due", "Nhiệm vụ đến hạn trong kỳ", 4, kind="task", ids=ids, group="tasks").as_json(),
        Figure("provisions.missing", "Kỳ cung cấp đã đến hạn nhưng chưa nhận", 2, group="provisions").as_json(),
    ]
    report.save()
    return report, own, foreign[0]


def test_the_issuers_officer_sees_the_records_and_not_what_they_may_not_see(world, client_for, traced):
    report, own, foreign = traced
    response = client_for(world.officer).get(trace_url(report, "tasks.due"))
    assert response.status_code == 200
    body = response.content.decode()
    for task in own:
        assert reverse("programs:task_detail", args=[task.pk]) in body
    assert "Chủ trì: Đảng ủy xã Cẩm Đức · hạn 01/08/2026" in body
    assert "1 bản ghi bạn không có quyền xem" in body
    assert reverse("programs:task_detail", args=[foreign.pk]) not in body
    assert "Việc của tỉnh Bình Sơn" not in body


def test_outsiders_and_unknown_figures_get_404(world, client_for, traced):
    report, _own, _foreign = traced
    assert client_for(world.outsider).get(trace_url(report, "tasks.due")).status_code == 404
    assert client_for(world.officer).get(trace_url(report, "tasks.nothing")).status_code == 404


def test_a_derived_figure_lists_no_records(world, client_for, traced):
    report, _own, _foreign = traced
    response = client_for(world.officer).get(trace_url(report, "provisions.missing"))
    assert response.status_code == 200
    assert "không liệt kê theo bản ghi" in response.content.decode()


def test_a_capped_figure_says_it_lists_the_first_5000(world, client_for, traced):
    report, own, _foreign = traced
    report.figures = [
        Figure(
            "tasks.due", "Nhiệm vụ đến hạn trong kỳ", MAX_IDS + 10, kind="task", ids=list(range(1, MAX_IDS + 1))
        ).as_json()
    ]
    report.save()
    body = client_for(world.officer).get(trace_url(report, "tasks.due")).content.decode()
    assert "tối đa 5.000" in body


@pytest.mark.parametrize("rows", [3, 30])
def test_the_trace_page_costs_the_same_whatever_the_count(world, client_for, django_assert_max_num_queries, rows):
    plan = make_plan(make_program(world), year=2026)
    tasks = task_rows(plan, world.target, [world.commune_committee], count=rows, due_date=dt.date(2026, 8, 1))
    report = make_report(world)
    report.figures = [Figure("tasks.due", "Nhiệm vụ", rows, kind="task", ids=[t.pk for t in tasks]).as_json()]
    report.save()
    client = client_for(world.officer)
    with django_assert_max_num_queries(14):
        response = client.get(trace_url(report, "tasks.due"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/programs/tasks/') == min(rows, 25)


def test_the_figure_include_links_a_counted_number_and_not_a_derived_one(world, traced):
    report, _own, _foreign = traced
    counted, derived_ = report.figures
    html = render_to_string("reports/_figure.html", {"report": report, "figure": counted})
    assert f'href="{trace_url(report, "tasks.due")}"' in html and ">4</a>" in html
    assert "href" not in render_to_string("reports/_figure.html", {"report": report, "figure": derived_})
