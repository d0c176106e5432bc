"""Records of the issue-5 areas for search tests, written directly (the areas' services
are being built beside this app): each save goes through `post_save`, as a service's would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.opinion.models import Breadth, Direction, Intensity, OpinionItem, OpinionReport
from phoihop.opinion.tests.factories import topic  # the default taxonomy (opinion.taxonomy)

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def opinion_item(world, collaborator, summary: str, *, submitted: bool = True) -> OpinionItem:
    report = OpinionReport.objects.create(
        department=world.target,
        collaborator=collaborator,
        area=world.commune_c,
        kind=OpinionReport.Kind.QUICK,
        year=2026,
        period_start=dt.date(2026, 11, 20),
        period_end=dt.date(2026, 11, 20),
        status=OpinionReport.Status.SUBMITTED if submitted else OpinionReport.Status.DRAFT,
        submitted_at=NOW if submitted else None,
    )
    return OpinionItem.objects.create(
        report=report,
        topic=topic(),
        area=world.commune_c,
        direction=Direction.choices[0][0],
        intensity=Intensity.choices[0][0],
        breadth=Breadth.choices[0][0],
        summary=summary,
    )


def hot_issue(owner, area, title: str, description: str = ""):
    from phoihop.hotissues.models import HotIssue, Severity

    now = timezone.now()
    return HotIssue.objects.create(
        title=title,
        description=description,
        owner=owner,
        area=area,
        topic=topic(),
        severity=Severity.choices[-1][0],
        status_changed_at=now,
        detected_at=now,
    )


def press_item(owner, title: str, summary: str = ""):
    from phoihop.press.models import PressItem

    return PressItem.objects.create(
        owner=owner,
        outlet="Báo An Hòa",
        title=title,
        summary=summary,
        published_on=dt.date(2026, 11, 21),
        fingerprint=title[:64],
    )


def false_claim(owner, claim: str, response: str = ""):
    from phoihop.claims.models import FalseClaim

    return FalseClaim.objects.create(
        owner=owner,
        claim=claim,
        channel=FalseClaim.Channel.SOCIAL,
        seen_where="Một trang mạng xã hội",
        seen_on=dt.date(2026, 11, 21),
        response=response,
    )
