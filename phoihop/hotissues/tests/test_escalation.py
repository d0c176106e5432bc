"""Escalation rules and SLA timers on a frozen clock: the issue page's timer ("còn 3
ngày", "quá hạn 2 ngày"), the hourly job that notifies the department's leaders once per
issue and rule, in a constant number of queries, and "Việc của tôi" for leaders and for
organisations with a hand-over to answer."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.hotissues import jobs, services
from phoihop.hotissues.tests.conftest import NOW
from phoihop.hotissues.tests.factories import IssueRowFactory, make_issue, move
from phoihop.notifications.models import Notification

pytestmark = pytest.mark.django_db

MY_WORK = reverse("accounts:my_work")


@pytest.fixture
def rule(world):
    return services.rule_create(
        actor=None, department=world.target, name="Chưa giải quyết sau 5 ngày", unresolved_days=5
    )


def detected(world, days_before: int, **values):
    with time_machine.travel(NOW - dt.timedelta(days=days_before), tick=False):
        return make_issue(world, **values)


def timers_text(client, issue) -> str:
    page = client.get(reverse("hotissues:detail", args=[issue.pk])).content.decode()
    return page.split('id="timers"')[1].split("</section>")[0] if 'id="timers"' in page else ""


def test_the_page_counts_down_then_overdue(world, client_for, frozen, rule):
    client = client_for(world.officer)
    assert "Còn 3 ngày theo quy tắc “Chưa giải quyết sau 5 ngày”" in timers_text(client, detected(world, 2))
    assert "Quá hạn 2 ngày theo quy tắc “Chưa giải quyết sau 5 ngày”" in timers_text(client, detected(world, 7))
    assert "Đến hạn hôm nay" in timers_text(client, detected(world, 5))


def test_no_timer_once_escalated_or_closed(world, client_for, frozen, rule):
    issue = move(detected(world, 7), "assess", "advise", "escalate")
    assert timers_text(client_for(world.officer), issue) == ""


def test_a_severity_rule_with_days_needs_both(world, people, frozen):
    services.rule_create(
        actor=None, department=world.target, name="Cao, quá 3 ngày", min_severity="high", unresolved_days=3
    )
    detected(world, 4, severity="medium")
    detected(world, 1, severity="critical")
    assert jobs.check_escalations() == 0
    detected(world, 4, severity="high", title="Tụ tập đông người trước trụ sở")
    assert jobs.check_escalations() == 1  # high and four days: both conditions


def test_the_job_notifies_the_leaders_once_per_issue_and_rule(world, people, frozen, rule):
    late = detected(world, 6, title="Tranh chấp đất đai kéo dài")
    detected(world, 1, title="Mới phát hiện hôm qua")
    severe = services.rule_create(actor=None, department=world.target, name="Rất cao", min_severity="critical")
    critical = detected(world, 0, severity="critical", title="Sự cố môi trường nghiêm trọng")
    assert jobs.check_escalations() == 2
    assert jobs.check_escalations() == 0  # deduped: once per issue and rule
    notes = Notification.objects.filter(kind="hot_issue_escalation_due").order_by("dedupe_key")
    assert {n.dedupe_key for n in notes} == {
        f"hot-issue-escalation-due:{late.pk}:{rule.pk}",
        f"hot-issue-escalation-due:{critical.pk}:{severe.pk}",
    }
    assert {n.recipient for n in notes} == {people.leader}
    assert "Cần xem xét báo cáo Ban Thường vụ" in notes[0].title


def test_the_job_ignores_escalated_closed_and_other_departments(world, people, frozen, rule):
    move(detected(world, 9), "assess", "advise", "escalate")
    move(detected(world, 9), "assess", "watch")
    detected(world, 9, owner=world.province_dept_b, actor=world.outsider, area=world.province_b)
    assert jobs.check_escalations() == 0


def test_the_job_runs_in_constant_queries(world, people, frozen, rule, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            IssueRowFactory(owner=world.target, area=world.commune_c, detected_at=NOW - dt.timedelta(days=9))

    grow(3)
    with django_assert_max_num_queries(8):
        assert jobs.check_escalations() == 3
    grow(27)
    with django_assert_max_num_queries(8):
        assert jobs.check_escalations() == 27


def section(response):
    found = [s for s in response.context["sections"] if s["template"] == "hotissues/_my_hot_issues.html"]
    return found[0] if found else None


def test_my_work_shows_leaders_escalated_and_due_issues(world, people, client_for, frozen, rule):
    escalated = move(detected(world, 1, title="Đã báo cáo, chờ chỉ đạo"), "assess", "advise", "escalate")
    due = detected(world, 7, title="Quá hạn chưa báo cáo")
    detected(world, 1, title="Còn trong hạn")
    response = client_for(people.leader).get(MY_WORK)
    box = section(response)
    assert box["escalated"] == [escalated] and box["due"] == [due]
    html = response.content.decode()
    assert "Đã báo cáo Ban Thường vụ, chờ triển khai xử lý" in html and "Quá hạn 2 ngày" in html
    assert "Còn trong hạn" not in html
    assert section(client_for(world.officer).get(MY_WORK)) is None  # officers: not their decision


def test_my_work_shows_hand_overs_to_answer(world, client_for, frozen):
    issue = detected(world, 1)
    services.hot_issue_hand_over(
        actor=world.officer, hot_issue=issue, to_organization=world.commune_committee, note="Đề nghị xử lý"
    )
    box = section(client_for(world.partner).get(MY_WORK))
    assert [h.hot_issue for h in box["hand_overs"]] == [issue]
    for persona in ("upper", "outsider"):
        assert section(client_for(getattr(world, persona)).get(MY_WORK)) is None


def test_my_work_queries_do_not_grow(world, people, client_for, frozen, rule, django_assert_max_num_queries):
    client = client_for(people.leader)

    def grow(n):
        for _ in range(n):
            IssueRowFactory(owner=world.target, area=world.commune_c, detected_at=NOW - dt.timedelta(days=9))

    grow(3)
    with django_assert_max_num_queries(14):
        assert len(section(client.get(MY_WORK))["due"]) == 3
    grow(27)
    with django_assert_max_num_queries(14):
        assert len(section(client.get(MY_WORK))["due"]) == 30
