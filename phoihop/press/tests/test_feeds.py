"""Reading feeds: RSS 2.0 and Atom with Vietnamese titles; malformed XML, an HTML page,
XML that is no feed and an entity bomb refused with a Vietnamese message; a huge feed
bounded in time and entries; hostile HTML made plain text; only http(s) links; dates
from RFC 822 and ISO 8601. Fetching goes to a local server thread, never the internet."""

import datetime as dt
import time

import pytest

from phoihop.press import feeds
from phoihop.press.tests.conftest import TODAY, feed


def test_rss_entries_newest_first_with_plain_text_and_local_dates():
    parsed = feeds.parse(feed("rss_phu_yen.xml"), today=TODAY)
    assert parsed.kind == "rss" and parsed.total == 3 and not parsed.truncated
    titles = [entry.title for entry in parsed.entries]
    # The undated item is dated the day it was polled, so it comes first.
    assert titles == [
        "Hội Nhà báo tỉnh ký kết quy chế phối hợp",
        "Phú Yên đẩy nhanh giải phóng mặt bằng cao tốc Bắc – Nam",
        "Tuyên truyền chính sách đất đai mới đến người dân vùng dự án",
    ]
    undated, clearance, land = parsed.entries
    assert undated.published_on == TODAY
    assert undated.link == "https://baophuyen.example/thoi-su/hoi-nha-bao-ky-ket.html"  # from the permalink guid
    assert clearance.published_on == dt.date(2026, 11, 20)
    assert clearance.link == "https://baophuyen.example/thoi-su/giai-phong-mat-bang-cao-toc.html"  # no #fragment
    assert clearance.summary == (
        "UBND tỉnh yêu cầu các địa phương hoàn thành bàn giao mặt bằng & tái định cư trước 31/12."
    )
    # 23:30 GMT on the 19th is the 20th in Việt Nam.
    assert land.published_on == dt.date(2026, 11, 20)


def test_atom_entries_with_html_titles_alternate_links_and_content():
    parsed = feeds.parse(feed("atom_dak_lak.xml"), today=TODAY)
    assert parsed.kind == "atom"
    first, second = parsed.entries
    assert first.title == "Đắk Lắk: người dân đồng thuận bàn giao đất cho dự án"
    assert first.link == "https://baodaklak.example/xa-hoi/dong-thuan-ban-giao-dat.html"  # not the enclosure
    assert first.published_on == dt.date(2026, 11, 21)
    assert second.published_on == dt.date(2026, 11, 18)  # <updated> when there is no <published>
    assert second.summary == "Công trình dự kiến hoàn thành năm 2027."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "Nguồn tin không phải XML hợp lệ"),
        ("not_a_feed.html", "trả về một trang web (HTML), không phải nguồn tin RSS hoặc Atom"),
        ("billion_laughs.xml", "khai báo DTD hoặc thực thể XML nên bị từ chối"),
    ],
)
def test_bad_documents_are_refused_with_a_vietnamese_reason(name, message):
    started = time.monotonic()
    with pytest.raises(feeds.FeedError) as caught:
        feeds.parse(feed(name), today=TODAY)
    assert message in caught.value.message
    assert time.monotonic() - started < 1  # the bomb is refused, not expanded


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><urlset><url>https://a.example/</url></urlset>',
            "không phải nguồn tin RSS 2.0 hoặc Atom",
        ),
        (b'{"items": []}', "không phải XML"),
        (b"   ", "nội dung rỗng"),
        (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss/>', "DTD"),
    ],
)
def test_other_documents_that_are_no_feed(data, message):
    with pytest.raises(feeds.FeedError) as caught:
        feeds.parse(data, today=TODAY)
    assert message in caught.value.message


def test_hostile_html_becomes_plain_text_and_unsafe_links_are_dropped():
    parsed = feeds.parse(feed("hostile.xml"), today=TODAY)
    by_title = {entry.title: entry for entry in parsed.entries}
    scripted = by_title["Giải phóng mặt bằng ở Phú Yên"]
    assert scripted.link == ""  # javascript: dropped
    assert scripted.summary == 'Người dân được hỗ trợ "tái định cư" & việc làm bấm'
    for entry in parsed.entries:
        for text in (entry.title, entry.summary):
            assert "<" not in text and "alert" not in text and "onerror" not in text and "display:none" not in text
    bold = by_title["Tin đậm & rõ"]
    assert bold.link == ""  # data: dropped
    assert bold.published_on == TODAY  # "not a date at all"


START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_a_huge_feed_is_bounded_in_entries_and_time():
    items = "".join(
        f"<item><title>Tin số {n} về Đắk Lắk</title><link>https://bao.example/{n}</link>"
        f"<description>&lt;p&gt;Tóm tắt {n}&lt;/p&gt;</description>"
        f"<pubDate>{(START + dt.timedelta(hours=n)):%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>"
        for n in range(5000)
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Lớn</title>{items}</channel></rss>'.encode()
    started = time.monotonic()
    parsed = feeds.parse(data, today=TODAY)
    assert time.monotonic() - started < 5
    assert (parsed.total, len(parsed.entries), parsed.truncated) == (5000, feeds.MAX_ITEMS, True)
    assert parsed.entries[0].title == "Tin số 4999 về Đắk Lắk"  # the newest first
    assert parsed.entries[-1].title == f"Tin số {5000 - feeds.MAX_ITEMS} về Đắk Lắk"


def test_long_titles_and_summaries_are_bounded():
    long_title = "Đất đai " * 400
    data = (
        f'<rss version="2.0"><channel><item><title>{long_title}</title><description>{"x" * 10000}</description>'
        "</item></channel></rss>"
    ).encode()
    entry = feeds.parse(data, today=TODAY).entries[0]
    assert len(entry.title) == feeds.TITLE_LENGTH and entry.title.endswith("…")
    assert len(entry.summary) == feeds.SUMMARY_LENGTH


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("Sat, 21 Nov 2026 08:30:00 +0700", dt.date(2026, 11, 21)),
        ("Fri, 20 Nov 2026 20:00:00 GMT", dt.date(2026, 11, 21)),  # 03:00 on the 21st in Việt Nam
        ("2026-11-21T07:15:00+07:00", dt.date(2026, 11, 21)),
        ("2026-11-20T23:00:00Z", dt.date(2026, 11, 21)),
        ("2026-11-19", dt.date(2026, 11, 19)),
        ("hôm qua", None),
        ("", None),
    ],
)
def test_dates(value, day):
    assert feeds.parse_date(value) == day


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://BaoPhuYen.example/a?b=1#c", "https://baophuyen.example/a?b=1"),
        ("http://bao.example/", "http://bao.example/"),
        ("javascript:alert(1)", ""),
        ("JAVASCRIPT:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("ftp://bao.example/x", ""),
        ("//bao.example/x", ""),
        ("https://bao.example/a b", ""),
    ],
)
def test_only_http_links_are_kept(value, kept):
    assert feeds.safe_link(value) == kept


class TestFetch:
    def test_reads_a_feed_from_the_server(self, feed_server):
        assert feeds.fetch(f"{feed_server}/atom_dak_lak.xml") == feed("atom_dak_lak.xml")

    def test_http_error(self, feed_server):
        with pytest.raises(feeds.FeedError, match="lỗi HTTP 404"):
            feeds.fetch(f"{feed_server}/missing.xml")

    def test_timeout(self, feed_server):
        with pytest.raises(feeds.FeedError, match="giây mà máy chủ chưa trả lời"):
            feeds.fetch(f"{feed_server}/slow.xml", timeout=0.3)

    def test_a_body_past_the_cap_is_cut_off(self, feed_server):
        started = time.monotonic()
        with pytest.raises(feeds.FeedError, match="lớn hơn 1 MB"):
            feeds.fetch(f"{feed_server}/huge.xml", max_bytes=1024 * 1024)
        assert time.monotonic() - started < 5

    def test_unreachable(self):
        with pytest.raises(feeds.FeedError, match="Không kết nối được"):
            feeds.fetch("http://127.0.0.1:9/feed.xml", timeout=1)

    def test_only_http(self):
        with pytest.raises(feeds.FeedError, match="http:// hoặc https://"):
            feeds.fetch("file:///etc/passwd")


# --- the server reads public feeds only (no intranet, no cloud metadata) -----------------


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
        "http://127.0.0.2:8000/admin/",  # loopback outside the allowed 127.0.0.1/32
        "http://10.0.0.5/rss",  # a private network not listed
        "http://[::1]/rss",  # IPv6 loopback
        "http://0.0.0.0/rss",  # unspecified
    ],
)
def test_a_feed_on_a_non_public_address_is_refused_before_any_request(url):
    with pytest.raises(feeds.FeedError, match="mạng nội bộ"):
        feeds.fetch(url)


def test_a_listed_intranet_network_is_allowed(settings):
    settings.PHOIHOP_PRESS_FEED_NETWORKS = ["10.20.0.0/16"]
    feeds.check_address("http://10.20.3.4/rss")  # no error: the administrators allowed it
    with pytest.raises(feeds.FeedError):
        feeds.check_address("http://10.21.0.1/rss")


def test_without_the_setting_the_local_server_itself_is_refused(settings, feed_server):
    settings.PHOIHOP_PRESS_FEED_NETWORKS = []
    with pytest.raises(feeds.FeedError, match="mạng nội bộ"):
        feeds.fetch(f"{feed_server}/rss_phu_yen.xml")
