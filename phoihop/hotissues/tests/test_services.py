"""The hot issue services: the lifecycle with a reason at every step (and every refusal
changes nothing), creating from a source or joining one, hand-over to the same level and
area only, sharing, and response tasks in the programme's annual plan."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from phoihop.core.concurrency import StaleVersionError
from phoihop.hotissues import services
from phoihop.hotissues.models import HandOver, HotIssue, HotIssueEvent
from phoihop.hotissues.tests.factories import PressItemFactory, make_issue, make_report_item, move
from phoihop.notifications.models import Notification
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import Program
from phoihop.programs.tests.factories import make_plan, make_program

pytestmark = pytest.mark.django_db
S = HotIssue.Status

PATHS = [
    ("assess", S.DETECTED, S.ASSESSING, ()),
    ("advise", S.ASSESSING, S.ADVISED, ("assess",)),
    ("escalate", S.ADVISED, S.ESCALATED, ("assess", "advise")),
    ("handle", S.ESCALATED, S.HANDLING, ("assess", "advise", "escalate")),
    ("handle", S.ADVISED, S.HANDLING, ("assess", "advise")),
    ("resolve", S.HANDLING, S.RESOLVED, ("assess", "advise", "handle")),
    ("watch", S.HANDLING, S.WATCHING, ("assess", "advise", "handle")),
    ("watch", S.ASSESSING, S.WATCHING, ("assess",)),
    ("flare_up", S.WATCHING, S.HANDLING, ("assess", "watch")),
    ("reopen", S.RESOLVED, S.HANDLING, ("assess", "advise", "handle", "resolve")),
]


@pytest.mark.parametrize(("action", "source", "target", "before"), PATHS)
def test_every_step_records_its_reason_actor_and_time(world, frozen, action, source, target, before):
    issue = move(make_issue(world), *before)
    assert issue.status == source
    issue = services.hot_issue_transition(
        actor=world.officer, hot_issue=issue, action=action, expected_version=issue.version, reason="Đã họp bàn"
    )
    issue.refresh_from_db()
    assert issue.status == target
    event = issue.events.order_by("-at", "-id").first()
    assert (event.action, event.from_status, event.to_status, event.reason, event.actor) == (
        action,
        source,
        target,
        "Đã họp bàn",
        world.officer,
    )
    assert event.at == timezone.now()


def test_escalation_sets_escalated_at_and_notifies_the_leaders(world, people, frozen):
    issue = move(make_issue(world), "assess", "advise")
    issue = services.hot_issue_transition(
        actor=world.officer,
        hot_issue=issue,
        action="escalate",
        expected_version=issue.version,
        reason="Vụ việc đông người, cần Ban Thường vụ chỉ đạo",
    )
    assert issue.escalated_at == timezone.now() and issue.closed_at is None
    notes = Notification.objects.filter(kind="hot_issue_escalated")
    assert [n.recipient for n in notes] == [people.leader]
    assert "Ban Thường vụ" in notes[0].title and "đông người" in notes[0].body


def test_closing_sets_closed_at_and_reopening_clears_it(world, frozen):
    issue = move(make_issue(world), "assess", "advise", "handle", "resolve")
    assert issue.closed_at == timezone.now() and not issue.is_open
    issue = move(issue, "reopen")
    assert issue.closed_at is None and issue.is_open


def test_a_step_without_its_reason_is_refused_and_changes_nothing(world):
    issue = make_issue(world)
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_transition(
            actor=world.officer, hot_issue=issue, action="assess", expected_version=issue.version, reason="  "
        )
    assert caught.value.message_dict == {"reason": ["Hãy nêu lý do."]}
    issue.refresh_from_db()
    assert issue.status == S.DETECTED and issue.version == 1 and issue.events.count() == 1


def test_a_step_from_the_wrong_state_is_refused(world):
    issue = make_issue(world)
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_transition(
            actor=world.officer, hot_issue=issue, action="escalate", expected_version=issue.version, reason="Gấp"
        )
    assert "khi đang ở trạng thái “Mới phát hiện”" in caught.value.message_dict["action"][0]
    assert HotIssue.objects.get().status == S.DETECTED


def test_a_stale_version_is_refused_and_nothing_is_recorded(world):
    issue = make_issue(world)
    with pytest.raises(StaleVersionError):
        services.hot_issue_transition(
            actor=world.officer, hot_issue=issue, action="assess", expected_version=issue.version + 1, reason="Đánh giá"
        )
    assert HotIssue.objects.get().status == S.DETECTED
    assert HotIssueEvent.objects.filter(action="assess").count() == 0


# --- create and sources ------------------------------------------------------------------


def test_create_from_a_flagged_opinion_item(world, people):
    item = make_report_item(world, people.collaborator)
    issue = make_issue(world, source=services.SourceRef("opinion_item", item))
    assert [s.opinion_item for s in issue.sources.all()] == [item]
    assert list(issue.events.values_list("action", flat=True)) == ["detected", "source_added"]


def test_a_source_of_another_department_is_refused(world, people):
    item = make_report_item(world, people.collaborator, department=world.province_dept_a)
    with pytest.raises(ValidationError) as caught:
        make_issue(world, source=services.SourceRef("opinion_item", item))
    assert "thuộc cơ quan khác" in caught.value.message_dict["source"][0]
    assert not HotIssue.objects.exists()


def test_a_draft_report_is_no_source(world, people):
    item = make_report_item(world, people.collaborator, submitted=False)
    with pytest.raises(ValidationError):
        make_issue(world, source=services.SourceRef("opinion_item", item))


def test_only_the_departments_managers_open_issues(world, people):
    with pytest.raises(ValidationError) as caught:
        make_issue(world, actor=people.collaborator)
    assert "Ban mình làm việc" in caught.value.message_dict["owner"][0]
    with pytest.raises(ValidationError):
        make_issue(world, actor=world.outsider)


def test_an_area_outside_the_department_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_issue(world, area=world.province_b)
    assert "Địa bàn phải thuộc" in caught.value.message_dict["area"][0]


def test_join_adds_a_source_once(world):
    issue = make_issue(world)
    press = PressItemFactory(owner=world.target)
    services.hot_issue_add_source(actor=world.officer, hot_issue=issue, source=services.SourceRef("press_item", press))
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_add_source(
            actor=world.officer, hot_issue=issue, source=services.SourceRef("press_item", press)
        )
    assert caught.value.message_dict == {"source": ["Nguồn này đã gắn với vấn đề."]}
    assert issue.sources.count() == 1


def test_a_closed_issue_takes_no_source(world):
    issue = move(make_issue(world), "assess", "watch")
    with pytest.raises(ValidationError):
        services.hot_issue_add_source(
            actor=world.officer,
            hot_issue=issue,
            source=services.SourceRef("press_item", PressItemFactory(owner=world.target)),
        )


# --- hand-over and sharing --------------------------------------------------------------------


def test_hand_over_to_the_communes_peoples_committee_and_accept(world):
    issue = make_issue(world)
    hand_over = services.hot_issue_hand_over(
        actor=world.officer,
        hot_issue=issue,
        to_organization=world.commune_committee,
        note="Đề nghị UBND xã đối thoại với người dân thôn 3",
    )
    assert (hand_over.sent_by, hand_over.from_organization, hand_over.status) == (
        world.officer,
        world.target,
        "pending",
    )
    assert Notification.objects.filter(kind="hot_issue_handed_over", recipient=world.partner).exists()
    services.hand_over_answer(actor=world.partner, hand_over=hand_over, accept=True)
    hand_over.refresh_from_db()
    assert (hand_over.status, hand_over.answered_by) == (HandOver.Status.ACCEPTED, world.partner)
    assert Notification.objects.filter(kind="hot_issue_hand_over_answered", recipient=world.officer).exists()
    with pytest.raises(ValidationError):
        services.hand_over_answer(actor=world.partner, hand_over=hand_over, accept=False, reason="Nhầm")


def test_returning_needs_a_reason(world):
    issue = make_issue(world)
    hand_over = services.hot_issue_hand_over(
        actor=world.officer, hot_issue=issue, to_organization=world.commune_committee, note="Đề nghị xử lý"
    )
    with pytest.raises(ValidationError) as caught:
        services.hand_over_answer(actor=world.partner, hand_over=hand_over, accept=False, reason="")
    assert caught.value.message_dict == {"reason": ["Hãy nêu lý do trả lại."]}
    services.hand_over_answer(actor=world.partner, hand_over=hand_over, accept=False, reason="Không thuộc thẩm quyền")
    assert HandOver.objects.get().answer_reason == "Không thuộc thẩm quyền"


@pytest.mark.parametrize("where", ["province_dept_a", "province_dept_b", "other_commune"])
def test_hand_over_outside_the_level_and_area_is_refused(world, where):
    issue = make_issue(world)
    if where == "other_commune":
        org = OrganizationFactory(name="UBND xã khác", level=Level.COMMUNE, administrative_unit=None)
    else:
        org = getattr(world, where)
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_hand_over(actor=world.officer, hot_issue=issue, to_organization=org, note="Đề nghị xử lý")
    assert "cùng cấp, cùng địa bàn" in caught.value.message_dict["to_organization"][0]
    assert not HandOver.objects.exists()


def test_one_pending_hand_over_at_a_time(world):
    issue = make_issue(world)
    services.hot_issue_hand_over(
        actor=world.officer, hot_issue=issue, to_organization=world.commune_committee, note="Lần 1"
    )
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_hand_over(
            actor=world.officer, hot_issue=issue, to_organization=world.commune_committee, note="Lần 2"
        )
    assert "đang chờ" in caught.value.message_dict["to_organization"][0]
    assert HandOver.objects.count() == 1


def test_share_only_within_the_level_and_area(world):
    issue = make_issue(world)
    with pytest.raises(ValidationError):
        services.hot_issue_share(
            actor=world.officer, hot_issue=issue, organizations=[world.province_dept_a], expected_version=issue.version
        )
    assert not issue.shared_with.exists()
    services.hot_issue_share(
        actor=world.officer, hot_issue=issue, organizations=[world.commune_committee], expected_version=issue.version
    )
    assert list(issue.shared_with.all()) == [world.commune_committee]


# --- response tasks ---------------------------------------------------------------------------


def test_a_response_task_goes_into_this_years_plan_of_the_programme(world, frozen):
    program = make_program(world)
    plan = make_plan(program, year=2026)
    issue = make_issue(world, program=Program.objects.prefetch_related("parties").get(pk=program.pk))
    task = services.hot_issue_create_task(
        actor=world.officer,
        hot_issue=issue,
        title="Tổ chức đối thoại với nhân dân thôn 3",
        lead=world.commune_committee,
        partners=[world.target],
        due_date=dt.date(2026, 12, 15),
    )
    assert task.plan == plan and task.lead == world.commune_committee
    assert [link.task for link in issue.task_links.all()] == [task]
    assert {p.organization for p in task.parts.all()} == {world.commune_committee, world.target}


def test_a_response_task_needs_a_programme_with_this_years_plan(world, frozen):
    issue = make_issue(world)
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_create_task(
            actor=world.officer, hot_issue=issue, title="Đối thoại", lead=world.target, due_date=dt.date(2026, 12, 15)
        )
    assert "chưa gắn với chương trình" in caught.value.messages[0]
    program = make_program(world)
    make_plan(program, year=2027)  # next year's plan is not this year's
    issue = make_issue(world, program=Program.objects.prefetch_related("parties").get(pk=program.pk))
    with pytest.raises(ValidationError) as caught:
        services.hot_issue_create_task(
            actor=world.officer, hot_issue=issue, title="Đối thoại", lead=world.target, due_date=dt.date(2026, 12, 15)
        )
    assert "chưa có kế hoạch năm 2026" in caught.value.messages[0]
    assert not issue.task_links.exists()
