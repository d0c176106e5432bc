"""Rows for the dashboard tests, written directly from the models (the figures are read
by grouped queries; how the rows came to be is the owning apps' business)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from phoihop.exemplary.models import ExemplaryModel
from phoihop.hotissues.models import HotIssue
from phoihop.hotissues.tests.factories import IssueRowFactory
from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.meetings.models import Meeting, MeetingConclusion, MeetingParticipant
from phoihop.opinion.models import OpinionItem, OpinionReport
from phoihop.opinion.tests.factories import topic
from phoihop.press.models import Tone
from phoihop.press.tests.factories import PressItemFactory
from phoihop.programs.models import Task
from phoihop.programs.tests.factories import AnnualPlanFactory, ProgramFactory, TaskFactory, task_rows

_period = itertools.count(1)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def plan_2026():
    return AnnualPlanFactory(program=ProgramFactory(), year=2026)


def task(plan, lead, *, due: dt.date, status=Task.Status.OPEN, completed=None, partners=()) -> Task:
    return task_rows(plan, lead, partners, due_date=due, status=status, completed_on=completed)[0]


def issue(owner, area, *, code="land", status=HotIssue.Status.HANDLING, detected: dt.date, closed=None) -> HotIssue:
    return IssueRowFactory(
        owner=owner,
        area=area,
        topic=topic(code),
        status=status,
        detected_at=at(detected),
        status_changed_at=at(detected),
        closed_at=at(closed) if closed else None,
    )


def opinion_report(department, collaborator, area, *, end: dt.date, directions=(), submitted=True, corrects=None):
    report = OpinionReport.objects.create(
        department=department,
        collaborator=collaborator,
        area=area,
        kind=OpinionReport.Kind.PERIODIC,
        frequency="monthly",
        year=end.year,
        period=corrects.period if corrects else next(_period),
        period_start=end.replace(day=1),
        period_end=end,
        status=OpinionReport.Status.SUBMITTED if submitted else OpinionReport.Status.DRAFT,
        submitted_at=at(end, 17) + dt.timedelta(days=1 if corrects else 0) if submitted else None,
        corrects=corrects,
    )
    for position, direction in enumerate(directions):
        OpinionItem.objects.create(
            report=report,
            position=position,
            topic=topic(),
            area=area,
            direction=direction,
            intensity="medium",
            breadth="many",
            summary="Nhân dân đồng tình với chủ trương sáp nhập xã, mong sớm ổn định bộ máy.",
        )
    return report


def press(owner, *, on: dt.date, tone=Tone.NEUTRAL):
    return PressItemFactory(owner=owner, published_on=on, tone=tone)


def meeting(owner, *, on: dt.date, status=Meeting.Status.HELD, participants=(), conclusions=()):
    """A meeting; `conclusions` = task statuses (one conclusion each, a task each)."""
    held = Meeting.objects.create(
        owner=owner,
        kind=Meeting.Kind.QUARTERLY_BRIEFING,
        title="Hội nghị giao ban công tác dân vận quý",
        starts_at=at(on, 8),
        status=status,
    )
    for position, org in enumerate(participants):
        MeetingParticipant.objects.create(meeting=held, organization=org, position=position)
    plan = plan_2026() if conclusions else None
    for number, task_status in enumerate(conclusions, start=1):
        MeetingConclusion.objects.create(
            meeting=held,
            number=number,
            text="Tiếp tục tuyên truyền chủ trương sáp nhập đơn vị hành chính.",
            task=TaskFactory(plan=plan, status=task_status, due_date=on + dt.timedelta(days=30)),
        )
    return held


def inspection(owner, inspected, *, on: dt.date, conclusions=()):
    """An inspection; `conclusions` = for each, the statuses of its remediation tasks."""
    made = Inspection.objects.create(
        owner=owner, inspected=inspected, title="Kiểm tra công tác dân vận chính quyền", started_on=on
    )
    plan = plan_2026() if any(conclusions) else None
    for number, statuses in enumerate(conclusions, start=1):
        conclusion = InspectionConclusion.objects.create(
            inspection=made, number=number, text="Chưa kịp thời cung cấp thông tin định kỳ."
        )
        conclusion.tasks.set([TaskFactory(plan=plan, status=status) for status in statuses])
    return made


def exemplary(owner, *, year=2026, status=ExemplaryModel.Status.COMMENDED, field=ExemplaryModel.Field.ECONOMY):
    return ExemplaryModel.objects.create(
        owner=owner,
        title="Mô hình “Dân vận khéo” trong xây dựng nông thôn mới",
        description="Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn.",
        field=field,
        year=year,
        status=status,
    )


def rows_of_every_kind(world, collaborator, owner, n: int) -> None:
    """`n` rows of each kind the dashboard counts, for `owner`, in the third quarter of
    2026 (the query-count tests: 3 rows against 30)."""
    plan = plan_2026()
    for i in range(n):
        day = dt.date(2026, 7 + i % 3, 1 + i % 28)
        task(plan, owner, due=day, partners=[world.commune_committee])
        issue(owner, world.commune_c, detected=day, code=["land", "economy"][i % 2])
        opinion_report(owner, collaborator, world.commune_c, end=day, directions=["approving", "opposing"])
        press(owner, on=day, tone=Tone.NEGATIVE if i % 2 else Tone.POSITIVE)
        meeting(owner, on=day, participants=[world.commune_committee], conclusions=[Task.Status.DONE])
        inspection(world.province_dept_a, owner, on=day, conclusions=[[Task.Status.DONE]])
        exemplary(owner)
