"""Rows for the false claim tests. `FalseClaimFactory` writes rows directly (query-count
tests need many quickly); `make_claim` goes through the service (audit, validation).

Hot issues and press items are written as plain rows here: their apps' services belong to
other parts of issue 5, and these tests only need something to link to.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from phoihop.claims import services
from phoihop.claims.models import FalseClaim
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.tests.factories import topic  # the default taxonomy (opinion.taxonomy)
from phoihop.press.models import PressItem


class FalseClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FalseClaim

    claim = factory.Sequence(lambda n: f"Tin đồn thu hồi đất làm khu công nghiệp số {n}")
    channel = FalseClaim.Channel.SOCIAL
    seen_where = "Nhóm Facebook “Cộng đồng Cẩm Đức”"
    seen_on = dt.date(2026, 11, 20)


def make_claim(world, **values) -> FalseClaim:
    defaults = {
        "owner": world.target,
        "claim": "Tin đồn xã Cẩm Đức sắp thu hồi toàn bộ đất nông nghiệp để làm sân golf.",
        "channel": FalseClaim.Channel.SOCIAL,
        "seen_where": "Nhóm Facebook “Cộng đồng Cẩm Đức”",
        "seen_on": timezone.localdate(),
        "area": world.commune_c,
        "topic": topic(),
    }
    return services.false_claim_create(actor=world.officer, **(defaults | values))


def hot_issue(world, *, owner=None, shared_with=(), title="Khiếu kiện về bồi thường giải phóng mặt bằng") -> HotIssue:
    now = timezone.now()
    issue = HotIssue.objects.create(
        title=title,
        owner=owner or world.target,
        area=world.commune_c,
        topic=topic(),
        severity="high",
        status_changed_at=now,
        detected_at=now,
    )
    issue.shared_with.set(shared_with)
    return issue


def press_item(world, *, owner=None, title="Cẩm Đức: người dân lo lắng về dự án khu công nghiệp") -> PressItem:
    return PressItem.objects.create(
        owner=owner or world.target,
        outlet="Báo An Hòa",
        title=title,
        link="https://baoanhoa.example/tin-1",
        published_on=timezone.localdate(),
        fingerprint=f"{title}-{(owner or world.target).pk}",
    )
