"""Rows the services write with bulk_create — an opinion report's items, pasted press
items, a feed's new items — are searchable at once: bulk_create sends no post_save, so
the services send `core.signals.bulk_created` and the index writes them in one batch."""

import datetime as dt
from pathlib import Path

import pytest

from phoihop.opinion.tests.factories import file_report, item
from phoihop.press.models import PressSource
from phoihop.press.services import items_paste, source_poll
from phoihop.search.models import SearchEntry
from phoihop.search.selectors import SearchQuery, search

pytestmark = pytest.mark.django_db
FEEDS = Path(__file__).resolve().parents[2] / "press" / "tests" / "feeds"


def found(user, text: str) -> int:
    return search(user, SearchQuery(text=text)).total


def test_an_opinion_reports_items_are_found_once_filed(world, people):
    file_report(people.collaborator, world.target, world.commune_c, kind="quick", observed_on=dt.date.today(),
                items=[item(summary="Dư luận về chợ tạm Xyzabc gây ùn tắc.")])  # fmt: skip
    assert SearchEntry.objects.filter(kind="opinion_item").count() == 1
    assert found(world.officer, "xyzabc") == 1


def test_pasted_press_items_are_found_once_saved(world):
    items_paste(
        actor=world.officer,
        owner=world.target,
        text="01/11/2026 | Báo An Hòa | Chợ Qwertz mở lại | https://baoanhoa.vn/qwertz",
    )
    assert found(world.officer, "qwertz") == 1


def test_a_feeds_new_items_are_found_once_polled(world):
    source = PressSource.objects.create(
        owner=world.target, name="Báo Phú Yên", feed_url="https://baophuyen.example/rss"
    )
    source_poll(source=source, fetch=lambda url: (FEEDS / "rss_phu_yen.xml").read_bytes())
    assert SearchEntry.objects.filter(kind="press_item").count() == source.items.count() > 0
    assert found(world.officer, "tuyen truyen chinh sach dat dai") == 1
