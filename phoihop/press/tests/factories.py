"""Factories of the press tests: sources, items (with their fingerprint and search
columns, as the services store them) and watch lists."""

import datetime as dt

import factory

from phoihop.press.models import PressItem, PressSource, WatchList
from phoihop.press.paste import fingerprint


class PressSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressSource

    name = factory.Sequence(lambda n: f"Báo Phú Yên {n}")
    feed_url = factory.Sequence(lambda n: f"https://baophuyen.example/rss/{n}.xml")
    kind = PressSource.Kind.RSS


class PressItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressItem

    outlet = "Báo Phú Yên"
    title = factory.Sequence(lambda n: f"Phú Yên giải phóng mặt bằng dự án số {n}")
    link = factory.Sequence(lambda n: f"https://baophuyen.example/tin/{n}.html")
    published_on = dt.date(2026, 11, 20)
    summary = "Người dân đồng thuận bàn giao mặt bằng."
    origin = PressItem.Origin.MANUAL
    fingerprint = factory.LazyAttribute(
        lambda o: fingerprint(link=o.link, outlet=o.outlet, title=o.title, published_on=o.published_on)
    )


class WatchListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WatchList

    name = factory.Sequence(lambda n: f"Đất đai {n}")
    keywords = "giải phóng mặt bằng\nĐắk Lắk"
