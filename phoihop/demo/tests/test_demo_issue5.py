"""The demo's issue-5 data: collaborators with their areas, reports whose matrix shows
on time, late and missing, hot issues in several states (one escalated, one handed over
and accepted, one resolved), press sources (one failing), items flagged and hot, a
digest, false claims with a response — loaded twice, created once; no phone number or
e-mail address in any of its texts."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.accounts.models import Membership
from phoihop.claims.identity import personal_identifiers
from phoihop.claims.models import FalseClaim
from phoihop.hotissues.models import EscalationRule, HandOver, HotIssue
from phoihop.opinion.models import OpinionItem, OpinionReport, ReportingCalendar
from phoihop.press.models import PressDigest, PressItem, PressSource, WatchMatch

pytestmark = pytest.mark.django_db

DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"


@pytest.fixture
def loaded():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out, stderr=StringIO())
        yield out.getvalue()


def test_collaborators_cover_areas_and_are_printed_with_the_logins(loaded):
    memberships = Membership.objects.filter(organization__name=DEPARTMENT, role="collaborator", valid_to__isnull=True)
    assert sorted(m.user.username for m in memberships) == ["ctv.daklak", "ctv2.daklak", "ctv3.daklak"]
    assert {m.area.name.replace("  ", " ") for m in memberships} == {
        "Phường Buôn Ma Thuột",
        "Phường Tuy Hòa",
        "Xã Ea Kar",
    }
    assert "ctv2.daklak" in loaded and "ctv3.daklak" in loaded
    assert "Báo cáo dư luận mới: 9; vấn đề nổi cộm mới: 4; tin bài mới: 4; thông tin sai sự thật mới: 3." in loaded


def test_the_submission_matrix_has_every_state(loaded):
    calendar = ReportingCalendar.objects.get(department__name=DEPARTMENT)
    assert (calendar.frequency, calendar.due_day) == ("monthly", 25)
    periodic = OpinionReport.objects.filter(department__name=DEPARTMENT, kind="periodic")
    # August, September and October 2026 (November is not yet due on 21/11).
    assert sorted(set(periodic.values_list("period", flat=True))) == [8, 9, 10]
    states = {}
    for report in periodic.select_related("collaborator"):
        on_time = report.submitted_at.date() <= report.due_on
        states[(report.collaborator.username, report.period)] = "on_time" if on_time else "late"
    assert states[("ctv2.daklak", 10)] == "late"
    assert ("ctv3.daklak", 9) not in states  # missing
    assert sum(1 for state in states.values() if state == "on_time") == 7
    quick = OpinionReport.objects.get(department__name=DEPARTMENT, kind="quick")
    assert quick.items.get().flagged_hot
    items = OpinionItem.objects.filter(report__department__name=DEPARTMENT)
    assert items.filter(flagged_hot=True).exists() and items.values("topic").distinct().count() >= 4


def test_hot_issues_in_several_states_with_their_events(loaded):
    issues = {issue.status: issue for issue in HotIssue.objects.filter(owner__name=DEPARTMENT)}
    assert set(issues) == {"escalated", "resolved", "detected"}
    escalated = issues["escalated"]
    assert escalated.escalated_at is not None and escalated.sources.filter(opinion_item__isnull=False).exists()
    assert [e.to_status for e in escalated.events.all()] == ["detected", "assessing", "advised", "escalated"]
    assert issues["resolved"].closed_at is not None
    hand_over = HandOver.objects.get()
    assert (hand_over.status, hand_over.to_organization.name) == ("accepted", "Ủy ban nhân dân tỉnh An Giang")
    assert hand_over.answered_by.username == "daumoi.angiang"
    assert EscalationRule.objects.get(department__name=DEPARTMENT).min_severity == "high"


def test_every_demo_hot_issue_event_is_a_step_the_lifecycle_allows(loaded):
    """The demo writes its backdated history directly; each step must be one the hot-issue
    transitions allow, under the name the issue page has a label for."""
    from phoihop.hotissues.models import HotIssueEvent
    from phoihop.hotissues.transitions import EVENT_LABELS, HOT_ISSUE

    events = list(HotIssueEvent.objects.order_by("hot_issue", "at", "id"))
    assert events
    for event in events:
        assert event.action in EVENT_LABELS, event.action
        transition = HOT_ISSUE.get(event.action)
        if transition is not None:
            assert event.from_status in transition.sources and event.to_status == transition.target, event.action


def test_press_sources_items_watch_list_and_digest(loaded):
    sources = {source.kind: source for source in PressSource.objects.filter(owner__name=DEPARTMENT)}
    assert set(sources) == {"manual", "rss"}
    assert not sources["rss"].is_healthy and "Không kết nối được" in sources["rss"].last_error
    items = PressItem.objects.filter(owner__name=DEPARTMENT)
    assert items.filter(is_flagged=True).count() == WatchMatch.objects.filter(item__in=items).count() >= 2
    assert items.filter(is_hot=True, programs__isnull=False).exists()
    assert PressDigest.objects.filter(items__in=items).distinct().count() == 1


def test_false_claims_with_a_response_and_links(loaded):
    claims = {claim.status: claim for claim in FalseClaim.objects.filter(owner__name=DEPARTMENT)}
    assert set(claims) == {"false", "verifying", "misleading"}
    answered = claims["false"]
    assert answered.response and answered.response_url.startswith("https://")
    assert answered.hot_issues.filter(status="escalated").exists() and answered.press_items.exists()


def test_no_citizen_identifier_in_any_demo_text(loaded):
    texts = [
        *OpinionItem.objects.values_list("summary", flat=True),
        *OpinionReport.objects.values_list("overview", flat=True),
        *HotIssue.objects.values_list("description", flat=True),
        *PressItem.objects.values_list("summary", flat=True),
        *FalseClaim.objects.values_list("claim", flat=True),
        *FalseClaim.objects.values_list("seen_where", flat=True),
    ]
    assert texts and [text for text in texts if personal_identifiers(text)] == []


def test_loading_again_creates_nothing(loaded):
    counts = [model.objects.count() for model in (OpinionReport, HotIssue, PressItem, PressSource, FalseClaim)]
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert [model.objects.count() for model in (OpinionReport, HotIssue, PressItem, PressSource, FalseClaim)] == counts
    assert (
        "Báo cáo dư luận mới: 0; vấn đề nổi cộm mới: 0; tin bài mới: 0; thông tin sai sự thật mới: 0." in out.getvalue()
    )


def test_the_demo_collaborators_owe_only_since_they_joined(loaded):
    """Joined at the start of the first demo month: "Việc của tôi" lists the one month
    ctv3 missed, not every month of the year."""
    from django.contrib.auth import get_user_model

    from phoihop.opinion.selectors import my_reports_due

    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        users = get_user_model().objects
        assert len(my_reports_due(users.get(username="ctv3.daklak"), dt.date(2026, 11, 21))["missing"]) == 1
        assert (my_reports_due(users.get(username="ctv.daklak"), dt.date(2026, 11, 21)) or {}).get("missing") == []
