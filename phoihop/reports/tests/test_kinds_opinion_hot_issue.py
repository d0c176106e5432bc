"""The public-opinion summary and the hot-issue situation report, against hand-computed
fixtures."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from phoihop.hotissues.models import HotIssueEvent, HotIssueSource, HotIssueTask
from phoihop.hotissues.tests.factories import PressItemFactory, make_issue, move
from phoihop.opinion.models import OpinionItem, OpinionReport
from phoihop.opinion.tests.factories import topic
from phoihop.programs.tests.factories import make_plan, make_program, task_rows
from phoihop.reports import figures, kinds
from phoihop.reports.models import Report
from phoihop.reports.tests.factories import report_row

pytestmark = pytest.mark.django_db


def opinion_report(world, collaborator, period_end, *, submitted=True, period=1):
    return OpinionReport.objects.create(
        department=world.target,
        collaborator=collaborator,
        area=world.commune_c,
        kind=OpinionReport.Kind.PERIODIC,
        frequency="monthly",
        year=period_end.year,
        period=period,
        period_start=period_end.replace(day=1),
        period_end=period_end,
        status=OpinionReport.Status.SUBMITTED if submitted else OpinionReport.Status.DRAFT,
    )


def opinion_item(world, report, code, direction, intensity, breadth, hot=False):
    return OpinionItem.objects.create(
        report=report,
        topic=topic(code),
        area=world.commune_c,
        direction=direction,
        intensity=intensity,
        breadth=breadth,
        summary="Nhân dân quan tâm tiến độ bồi thường giải phóng mặt bằng.",
        flagged_hot=hot,
    )


def test_opinion_summary_by_direction_topic_and_attention(world, people):
    october = opinion_report(world, people.collaborator, dt.date(2026, 10, 31), period=10)
    worried = opinion_item(world, october, "land", "worried", "high", "many")  # 3 × 2 = 6
    approving = opinion_item(world, october, "land", "approving", "low", "few")  # 1 × 1 = 1
    opposing = opinion_item(world, october, "health", "opposing", "medium", "most", hot=True)  # 2 × 3 = 6
    september = opinion_report(world, people.collaborator, dt.date(2026, 9, 30), period=9)
    opinion_item(world, september, "land", "worried", "high", "nearly_all")  # another month
    draft = opinion_report(world, people.collaborator_2, dt.date(2026, 10, 31), submitted=False, period=10)
    opinion_item(world, draft, "land", "opposing", "high", "most")  # not submitted
    report = report_row(world, kind=Report.Kind.OPINION_SUMMARY, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))
    got = {f.key: f for f in figures.compute(report)}
    assert got["opinion.items"].ids == sorted([worried.pk, approving.pk, opposing.pk])
    assert got["opinion.direction.worried"].ids == [worried.pk]
    assert got["opinion.direction.opposing"].ids == [opposing.pk]
    assert got["opinion.direction.undecided"].value == 0
    assert got["opinion.hot"].ids == [opposing.pk]
    assert got["opinion.attention"].value == 13
    land, health = topic("land"), topic("health")
    assert got[f"opinion.topic.{land.pk}"].ids == sorted([worried.pk, approving.pk])
    assert got[f"opinion.topic.{land.pk}.attention"].value == 7
    assert got[f"opinion.topic.{health.pk}.attention"].value == 6
    assert got[f"opinion.area.{world.commune_c.pk}"].value == 3
    sections = kinds.sections_for(report, list(got.values()))
    mood = sections[0]["text"]
    assert mood.startswith("Trong tháng 10 năm 2026 ghi nhận 3 nội dung dư luận")
    assert "lo lắng, băn khoăn: 1" in mood
    assert "điểm mức độ quan tâm 13" in mood
    assert f"- {land.name}: 2 nội dung." in sections[1]["text"]
    assert sections[2]["text"] == "Có 1 nội dung được đánh dấu nổi cộm."


def test_hot_issue_situation_with_its_request_to_the_competent_agency(world):
    with time_machine.travel(dt.datetime(2026, 10, 2, 9), tick=False):
        issue = make_issue(world, title="Khiếu kiện đông người về bồi thường")
    with time_machine.travel(dt.datetime(2026, 10, 5, 9), tick=False):
        issue = move(issue, "assess", "advise", actor=world.officer)
    press = PressItemFactory(owner=world.target, published_on=dt.date(2026, 10, 1))
    HotIssueSource.objects.create(hot_issue=issue, press_item=press)
    plan = make_plan(make_program(world), year=2026)
    done, overdue = (
        task_rows(
            plan,
            world.target,
            title="Đối thoại với nhân dân",
            due_date=dt.date(2026, 10, 10),
            status="done",
            completed_on=dt.date(2026, 10, 8),
        )[0],
        task_rows(plan, world.target, title="Rà soát hồ sơ bồi thường", due_date=dt.date(2026, 10, 12))[0],
    )
    for task in (done, overdue):
        HotIssueTask.objects.create(hot_issue=issue, task=task)
    report = report_row(
        world,
        kind=Report.Kind.HOT_ISSUE_SITUATION,
        hot_issue=issue,
        request_to=world.province_dept_a,
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 10, 20),
    )
    got = {f.key: f for f in figures.compute(report)}
    assert got["sources.press"].ids == [press.pk]
    assert got["sources.opinion"].value == 0
    events = list(HotIssueEvent.objects.filter(hot_issue=issue).values_list("pk", flat=True))
    assert len(events) >= 2 and got["events"].ids == sorted(events)
    assert got["tasks.response"].ids == sorted([done.pk, overdue.pk])
    assert got["tasks.response.done_on_time"].ids == [done.pk]
    assert got["tasks.response.open_overdue"].ids == [overdue.pk]
    sections = {s["key"]: s for s in kinds.sections_for(report, list(got.values()))}
    assert list(sections) == ["situation", "assessment", "measures", "request"]
    assert "Khiếu kiện đông người về bồi thường" in sections["situation"]["text"]
    assert "phát hiện ngày 02/10/2026" in sections["situation"]["text"]
    assert "- Ngày 05/10/2026: Đã tham mưu — Lý do advise" in sections["measures"]["text"]
    assert (
        "Rà soát hồ sơ bồi thường (chủ trì: Đảng ủy xã Cẩm Đức; thời hạn: 12/10/2026)" in sections["measures"]["text"]
    )
    assert sections["request"]["required"] is True
    assert sections["request"]["text"].startswith(f"Đề nghị {world.province_dept_a.name} xem xét")
    assert kinds.default_title(report) == "Tình hình Khiếu kiện đông người về bồi thường"


def test_hot_issues_by_their_state_on_the_periods_last_day(world):
    from phoihop.hotissues.models import HotIssue

    with time_machine.travel(dt.datetime(2026, 8, 2, 9), tick=False):
        issue = make_issue(world)
        issue = move(issue, "assess", actor=world.officer)
    with time_machine.travel(dt.datetime(2026, 10, 5, 9), tick=False):
        issue = move(issue, "advise", actor=world.officer)  # after the quarter
    assert issue.status == HotIssue.Status.ADVISED
    report = report_row(world)
    got = {f.key: f for f in figures.compute(report, today=dt.date(2026, 10, 15))}
    assert got["hot_issues.status.assessing"].ids == [issue.pk]
    assert got["hot_issues.status.advised"].ids == []
    assert got["hot_issues.new"].ids == [issue.pk]
