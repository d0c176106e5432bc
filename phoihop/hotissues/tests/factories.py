"""Builders of hot issue tests. The opinion and press apps are built by other helpers at
the same time: their rows are written here directly from their models (a submitted
opinion report with a flagged item, a press item a watch list matched); hot issues go
through the services (events, audit and notifications as in real use), or `IssueRowFactory`
writes rows directly for the query-count tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from phoihop.hotissues import services
from phoihop.hotissues.models import HotIssue, Severity
from phoihop.opinion.models import OpinionItem, OpinionReport
from phoihop.opinion.tests.factories import topic  # the default taxonomy (opinion.taxonomy)
from phoihop.press.models import PressItem


def make_report_item(world, collaborator, *, department=None, flagged=True, submitted=True, summary=None):
    """A submitted periodic report of `collaborator` to the department with one item."""
    today = timezone.localdate()
    department = department or world.target
    report = OpinionReport.objects.create(
        department=department,
        collaborator=collaborator,
        area=world.commune_c,
        kind=OpinionReport.Kind.PERIODIC,
        frequency="monthly",
        year=today.year,
        period=OpinionReport.objects.filter(collaborator=collaborator).count() + 1,
        period_start=today.replace(day=1),
        period_end=today,
        status=OpinionReport.Status.SUBMITTED if submitted else OpinionReport.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    return OpinionItem.objects.create(
        report=report,
        topic=topic(),
        area=world.commune_c,
        direction="worried",
        intensity="high",
        breadth="many",
        summary=summary or "Nhân dân thôn 3 lo lắng về tiến độ bồi thường giải phóng mặt bằng dự án đường ven biển.",
        flagged_hot=flagged,
    )


class PressItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressItem

    outlet = "Báo An Hòa"
    title = factory.Sequence(lambda n: f"Người dân phản ánh ô nhiễm môi trường tại cụm công nghiệp {n}")
    link = factory.Sequence(lambda n: f"https://baoanhoa.vn/tin/{n}")
    published_on = factory.LazyFunction(timezone.localdate)
    summary = "Bài báo phản ánh nước thải chưa qua xử lý chảy ra sông."
    is_flagged = True
    fingerprint = factory.Sequence(lambda n: f"{n:064d}")


def make_issue(world, *, actor=None, owner=None, severity=Severity.MEDIUM, title=None, **values) -> HotIssue:
    return services.hot_issue_create(
        actor=actor if actor is not None else world.officer,
        owner=owner or world.target,
        title=title or "Khiếu kiện đông người về bồi thường giải phóng mặt bằng",
        area=values.pop("area", world.commune_c),
        topic=values.pop("topic", topic()),
        severity=severity,
        **values,
    )


def move(issue: HotIssue, *actions: str, actor=None) -> HotIssue:
    """Take `issue` through `actions`, each with a reason."""
    for action in actions:
        issue = services.hot_issue_transition(
            actor=actor, hot_issue=issue, action=action, expected_version=issue.version, reason=f"Lý do {action}"
        )
    return issue


class IssueRowFactory(factory.django.DjangoModelFactory):
    """Rows written directly, for the query-count tests."""

    class Meta:
        model = HotIssue
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Vấn đề nổi cộm thử nghiệm {n}")
    severity = Severity.MEDIUM
    topic = factory.LazyFunction(topic)
    detected_at = factory.LazyFunction(timezone.now)
    status_changed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        obj.refresh_search_columns()
        obj.save(update_fields=["search_text", "sort_name"])


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
