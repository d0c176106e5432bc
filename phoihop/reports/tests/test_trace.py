"""The trace of a figure: a click on a number shows the records it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from phoihop.programs.tests.factories import make_plan, make_program, task_rows
from phoihop.programs.tests.test_api_common import bearer
from phoihop.reports.figures import MAX_IDS, Figure
from phoihop.reports.tests.factories import report_row

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
    report = report_row(world)
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
    assert client_for(world.partner).get(trace_url(report, "tasks.due")).status_code == 404  # not the issuer's
    assert client_for(world.upper).get(trace_url(report, "tasks.due")).status_code == 200  # reads the level below
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
    report = report_row(world)
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


def test_every_kind_of_record_is_traced(world, client_for, people):
    """One record of each kind a figure counts: the administrator's trace shows it (linked
    to its page) — or, for an area whose permission rules are not there yet, counts it as
    not visible; never an error."""
    from phoihop.claims.tests.factories import FalseClaimFactory
    from phoihop.hotissues.models import HotIssueEvent
    from phoihop.hotissues.tests.factories import IssueRowFactory, PressItemFactory, make_report_item
    from phoihop.inspections.models import Inspection, InspectionConclusion
    from phoihop.meetings.models import Meeting, MeetingConclusion
    from phoihop.programs.models import Signature
    from phoihop.provisions.tests.factories import ProvisionFactory, at
    from phoihop.reports.trace import SOURCES

    program = make_program(world)
    plan = make_plan(program, year=2026)
    task = task_rows(plan, world.target, title="Nhiệm vụ được đếm", due_date=dt.date(2026, 8, 1))[0]
    issue = IssueRowFactory(owner=world.target, area=world.commune_c, title="Vấn đề được đếm")
    item = make_report_item(world, people.collaborator, summary="Nội dung dư luận được đếm")
    meeting = Meeting.objects.create(
        owner=world.target, kind=Meeting.Kind.OTHER, title="Hội nghị được đếm", starts_at=at(dt.date(2026, 8, 1))
    )
    inspection = Inspection.objects.create(
        owner=world.target, inspected=world.commune_committee, title="Kiểm tra được đếm", started_on=dt.date(2026, 8, 1)
    )
    records = {
        "task": task,
        "plan": plan,
        "signature": Signature.objects.filter(program=program).first(),
        "provision": ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target),
        "opinion_report": item.report,
        "opinion_item": item,
        "hot_issue": issue,
        "hot_issue_event": HotIssueEvent.objects.create(hot_issue=issue, action="assess", at=at(dt.date(2026, 8, 2))),
        "press_item": PressItemFactory(owner=world.target),
        "false_claim": FalseClaimFactory(owner=world.target),
        "meeting": meeting,
        "meeting_conclusion": MeetingConclusion.objects.create(meeting=meeting, number=1, text="Kết luận được đếm"),
        "inspection": inspection,
        "inspection_conclusion": InspectionConclusion.objects.create(inspection=inspection, number=1, text="Hạn chế"),
    }
    report = report_row(world)
    report.figures = [Figure(f"k.{kind}", kind, 1, kind=kind, ids=[obj.pk]).as_json() for kind, obj in records.items()]
    report.save()
    client = client_for(world.admin)
    for kind, obj in records.items():
        response = client.get(trace_url(report, f"k.{kind}"))
        assert response.status_code == 200, kind
        body = response.content.decode()
        assert SOURCES[kind].text(obj)[:40] in body or "1 bản ghi bạn không có quyền xem" in body, kind
    # the rules of the areas of issue 5 and before are there: those records are linked
    body = client.get(trace_url(report, "k.hot_issue")).content.decode()
    assert reverse("hotissues:detail", args=[issue.pk]) in body


# --- the same trace on the API ------------------------------------------------------------------


def test_the_api_gives_no_ids_and_traces_as_the_reader_may_see(world, traced):
    report, own, foreign = traced
    client = bearer(world.officer)
    detail = client.get(f"/api/v1/reports/{report.pk}").json()
    assert detail["figures"] and all("ids" not in figure for figure in detail["figures"])  # foreign's id stays out
    body = client.get(f"/api/v1/reports/{report.pk}/figures/tasks.due").json()
    assert (body["count"], body["page"], body["pages"], body["truncated"]) == (4, 1, 1, False)
    visible = [row for row in body["rows"] if not row["hidden"]]
    assert [row["url"] for row in visible] == [reverse("programs:task_detail", args=[t.pk]) for t in own]
    assert [row["hidden"] for row in body["rows"] if row["hidden"]] == [1]
    assert "Bình Sơn" not in str(body)
    assert client.get(f"/api/v1/reports/{report.pk}/figures/nothing").status_code == 404
    assert client.get(f"/api/v1/reports/{report.pk}/figures/tasks.due?page=0").status_code == 422
    assert bearer(world.outsider).get(f"/api/v1/reports/{report.pk}/figures/tasks.due").status_code == 404
    assert bearer(world.upper).get(f"/api/v1/reports/{report.pk}/figures/tasks.due").status_code == 200
