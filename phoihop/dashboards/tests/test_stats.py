"""The figures of a dashboard against hand-computed fixtures: the third quarter of 2026,
seen on 10/10/2026."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from phoihop.dashboards import stats
from phoihop.dashboards.tests import builders as b
from phoihop.hotissues.models import HotIssue
from phoihop.organisations.models import Level, Reorganization
from phoihop.organisations.scope import organization_scope
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.press.models import Tone
from phoihop.programs.models import Task
from phoihop.programs.tests.factories import make_program
from phoihop.provisions.tests.factories import ProvisionFactory

TODAY = dt.datetime(2026, 10, 10, 9, 0, tzinfo=stats.LOCAL)
Q3 = stats.Period(2026, 3)
DONE, OPEN = Task.Status.DONE, Task.Status.OPEN


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


def test_period_parse_and_labels():
    assert stats.Period.parse("2026", "3") == Q3
    assert (Q3.start, Q3.end, Q3.months, Q3.label) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
        [7, 8, 9],
        "Quý III/2026",
    )
    year = stats.Period.parse("2026", "")
    assert (year.start, year.end, year.label) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Năm 2026")
    assert stats.Period.parse(None, None, today=dt.date(2027, 2, 1)) == stats.Period(2027)
    assert Q3.as_of(dt.date(2026, 8, 15)) == dt.date(2026, 8, 15)
    assert Q3.as_of(dt.date(2026, 10, 10)) == dt.date(2026, 9, 30)
    with pytest.raises(ValidationError) as caught:
        stats.Period.parse("hai nghìn", "5")
    assert caught.value.message_dict == {
        "year": ["Năm phải là một số, ví dụ 2026."],
        "quarter": ["Quý phải là 1, 2, 3 hoặc 4."],
    }
    with pytest.raises(ValidationError) as caught:
        stats.Period.parse("1999", None)
    assert caught.value.message_dict == {"year": ["Năm phải từ 2000 đến 2100."]}


def test_tasks_by_bucket_and_by_party(world, frozen):
    plan = b.plan_2026()
    b.task(plan, world.target, due=dt.date(2026, 7, 31), status=DONE, completed=dt.date(2026, 7, 30))
    b.task(plan, world.target, due=dt.date(2026, 7, 10), status=DONE, completed=dt.date(2026, 7, 20))
    b.task(plan, world.target, due=dt.date(2026, 9, 30))  # open, due on the period's last day: in time
    b.task(plan, world.target, due=dt.date(2026, 8, 1))  # open, overdue
    b.task(plan, world.commune_committee, due=dt.date(2026, 9, 1), partners=[world.target])  # a partner's part
    b.task(plan, world.target, due=dt.date(2026, 9, 2), status=Task.Status.CANCELLED)
    b.task(plan, world.target, due=dt.date(2026, 5, 1))  # another quarter
    b.task(plan, world.province_dept_b, due=dt.date(2026, 8, 1))  # another province

    figures = stats.tasks_by_bucket({world.target.pk}, Q3, frozen)
    assert figures == {
        "done_on_time": 1,
        "done_late": 1,
        "open_on_time": 1,
        "open_overdue": 2,
        "total": 6,
        "on_time_rate": 40.0,
    }
    parties = stats.tasks_by_party({world.target.pk}, Q3, frozen)
    assert [(row["name"], row["total"], row["open_overdue"]) for row in parties] == [
        ("Đảng ủy xã Cẩm Đức", 5, 1),
        ("Ủy ban nhân dân xã Cẩm Đức", 1, 1),
    ]
    # Seen in mid-August, the task due on 01/08 was already overdue, the one due 01/09 not yet.
    august = stats.tasks_by_bucket({world.target.pk}, Q3, dt.date(2026, 8, 15))
    assert (august["open_on_time"], august["open_overdue"]) == (2, 1)


def test_tasks_by_party_keeps_the_top_and_gathers_the_rest(world, frozen):
    plan = b.plan_2026()
    leads = [OrganizationFactory(name=f"Cơ quan {letter}") for letter in "ABCDEFGH"]
    for count, lead in enumerate(leads, start=1):
        for _ in range(count):
            b.task(plan, lead, due=dt.date(2026, 8, 1), partners=[world.target])
    parties = stats.tasks_by_party({world.target.pk}, Q3, frozen, top=3)
    assert [(row["name"], row["total"]) for row in parties] == [
        ("Cơ quan H", 8),
        ("Cơ quan G", 7),
        ("Cơ quan F", 6),
        ("Khác", 1 + 2 + 3 + 4 + 5),
    ]


def test_provisions_on_time_late_missing(world, frozen):
    program = make_program(world)  # monthly, due on each month's last day; the People's Committee provides
    provider = world.commune_committee
    for month, provided in ((7, dt.date(2026, 7, 30)), (8, dt.date(2026, 9, 3)), (6, dt.date(2026, 6, 29))):
        ProvisionFactory(
            program=program,
            provider=provider,
            receiver=world.target,
            period=month,
            provided_at=b.at(provided),
            due_at=b.at(dt.date(2026, month, 30 if month == 6 else 31), 23),
        )
    figures = stats.provisions({provider.pk}, Q3, frozen)
    # July on time, August late, September (due 30/09) never received; June is another quarter.
    assert figures == {"on_time": 1, "late": 1, "missing": 1, "no_deadline": 0, "on_time_rate": 33.3}
    # Before 30/09 has passed, September is not missing yet.
    assert stats.provisions({provider.pk}, Q3, dt.date(2026, 9, 30))["missing"] == 0
    assert stats.provisions({world.target.pk}, Q3, frozen)["on_time_rate"] is None


def test_hot_issues_by_state_topic_and_area(world, frozen):
    commune, target = world.commune_c, world.target
    b.issue(target, commune, detected=dt.date(2026, 8, 1))
    b.issue(target, commune, status=HotIssue.Status.RESOLVED, detected=dt.date(2026, 7, 5), closed=dt.date(2026, 8, 20))
    b.issue(target, commune, code="economy", status=HotIssue.Status.WATCHING, detected=dt.date(2026, 6, 1))
    b.issue(target, commune, status=HotIssue.Status.RESOLVED, detected=dt.date(2026, 5, 1), closed=dt.date(2026, 6, 15))
    b.issue(target, commune, detected=dt.date(2026, 10, 5))  # after the quarter
    b.issue(world.province_dept_b, world.province_b, detected=dt.date(2026, 8, 1))

    figures = stats.hot_issues({target.pk}, Q3)
    assert (figures["total"], figures["open"]) == (3, 2)
    states = {row["status"]: row["n"] for row in figures["by_state"]}
    assert states == {
        "detected": 0,
        "assessing": 0,
        "advised": 0,
        "escalated": 0,
        "handling": 1,
        "resolved": 1,
        "watching": 1,
    }
    assert [row["label"] for row in figures["by_state"]][-2:] == ["Đã giải quyết", "Tiếp tục theo dõi"]
    assert figures["by_topic"] == [{"name": "Đất đai, giải phóng mặt bằng", "n": 2}, {"name": "Kinh tế", "n": 1}]
    assert figures["by_area"] == [{"name": "Xã Cẩm Đức", "n": 3}]


def test_opinion_direction_by_month_counts_latest_versions(world, people, frozen):
    args = (world.target, people.collaborator, world.commune_c)
    b.opinion_report(*args, end=dt.date(2026, 7, 31), directions=["approving", "approving", "opposing"])
    b.opinion_report(*args, end=dt.date(2026, 8, 31), directions=["worried"])
    b.opinion_report(*args, end=dt.date(2026, 8, 31), directions=["opposing"], submitted=False)  # a draft
    b.opinion_report(*args, end=dt.date(2026, 6, 30), directions=["opposing"])  # another quarter
    original = b.opinion_report(*args, end=dt.date(2026, 9, 30), directions=["approving"])
    b.opinion_report(*args, end=dt.date(2026, 9, 30), directions=["undecided", "undecided"], corrects=original)

    figures = stats.opinion_by_month({world.target.pk}, Q3)
    assert figures["months"] == [
        {"month": 7, "label": "T7", "approving": 2, "opposing": 1, "worried": 0, "undecided": 0},
        {"month": 8, "label": "T8", "approving": 0, "opposing": 0, "worried": 1, "undecided": 0},
        {"month": 9, "label": "T9", "approving": 0, "opposing": 0, "worried": 0, "undecided": 2},
    ]
    assert (figures["items"], figures["reports"]) == (6, 3)


def test_press_by_month(world, frozen):
    b.press(world.target, on=dt.date(2026, 7, 3), tone=Tone.NEGATIVE)
    b.press(world.target, on=dt.date(2026, 7, 20), tone=Tone.POSITIVE)
    b.press(world.target, on=dt.date(2026, 9, 30), tone=Tone.NEGATIVE)
    b.press(world.target, on=dt.date(2026, 6, 30), tone=Tone.NEGATIVE)  # another quarter
    b.press(world.province_dept_b, on=dt.date(2026, 7, 3))
    figures = stats.press_by_month({world.target.pk}, Q3)
    assert [(row["label"], row["items"], row["negative"]) for row in figures["months"]] == [
        ("T7", 2, 1),
        ("T8", 0, 0),
        ("T9", 1, 1),
    ]
    assert (figures["items"], figures["negative"]) == (3, 2)


def test_meetings_and_conclusion_progress(world, frozen):
    b.meeting(world.target, on=dt.date(2026, 7, 10), conclusions=[DONE, OPEN])
    b.meeting(world.province_dept_a, on=dt.date(2026, 9, 30), participants=[world.target])  # attended
    b.meeting(world.target, on=dt.date(2026, 8, 10), status="planned")
    b.meeting(world.target, on=dt.date(2026, 4, 10))

    quarter = stats.meetings({world.target.pk}, Q3)
    assert [(row["label"], row["held"], row["conclusions_done"], row["conclusions"]) for row in quarter["buckets"]] == [
        ("T7", 1, 1, 2),
        ("T8", 0, 0, 0),
        ("T9", 1, 0, 0),
    ]
    year = stats.meetings({world.target.pk}, stats.Period(2026))
    assert [(row["label"], row["held"]) for row in year["buckets"]] == [
        ("Quý I", 0),
        ("Quý II", 1),
        ("Quý III", 2),
        ("Quý IV", 0),
    ]


# A conclusion is remedied when it has remediation tasks and all are done (two done: yes;
# one open: no; none: no).
def test_remediation_progress(world, frozen):
    b.inspection(world.province_dept_a, world.target, on=dt.date(2026, 8, 5), conclusions=[[DONE, DONE], [OPEN], []])
    b.inspection(world.province_dept_a, world.province_dept_b, on=dt.date(2026, 8, 5), conclusions=[[DONE]])
    b.inspection(world.province_dept_a, world.target, on=dt.date(2026, 6, 5), conclusions=[[DONE]])
    remediation = stats.remediation({world.target.pk}, Q3)
    assert (remediation["inspections"], remediation["remedied"], remediation["conclusions"]) == (1, 1, 3)


def test_exemplary_models_commended_in_the_year(world, frozen):
    b.exemplary(world.target)
    b.exemplary(world.target, field="culture_society")
    b.exemplary(world.target, status="nominated")
    b.exemplary(world.target, year=2025)
    figures = stats.exemplary({world.target.pk}, Q3)
    assert figures["commended"] == 2
    assert {row["label"] for row in figures["by_field"]} == {"Kinh tế", "Văn hóa - xã hội"}


def test_a_successor_counts_its_predecessors_work(world, frozen):
    """A commune's Party committee merged into the target on 01/07/2026: the target's 2026
    dashboard counts what it did before."""
    old = OrganizationFactory(
        name="Đảng ủy xã Cẩm Bình",
        level=Level.COMMUNE,
        administrative_unit=world.commune_c,
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2026, 6, 30),
    )
    reorganization = Reorganization.objects.create(
        kind=Reorganization.Kind.MERGE, effective_date=dt.date(2026, 7, 1), legal_basis="Nghị quyết số 01/NQ-TU"
    )
    reorganization.predecessors.set([old])
    reorganization.successors.set([world.target])
    plan = b.plan_2026()
    b.task(plan, old, due=dt.date(2026, 7, 15), status=DONE, completed=dt.date(2026, 6, 20))
    b.press(old, on=dt.date(2026, 7, 1))

    ids = organization_scope({world.target.pk})
    assert old.pk in ids
    figures = stats.dashboard(ids, Q3)
    assert figures["tasks"]["done_on_time"] == 1
    assert figures["press"]["items"] == 1
    assert stats.dashboard({world.target.pk}, Q3)["tasks"]["total"] == 0


def test_every_figure_reads_a_fixed_number_of_queries(world, people, frozen, django_assert_max_num_queries):
    ids = {world.target.pk}
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    with django_assert_max_num_queries(20) as few:
        small = stats.dashboard(ids, Q3)
    b.rows_of_every_kind(world, people.collaborator, world.target, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = stats.dashboard(ids, Q3)
    assert (small["tasks"]["total"], large["tasks"]["total"]) == (3, 30)
    assert (small["meetings"]["held"], large["meetings"]["held"]) == (3, 30)
