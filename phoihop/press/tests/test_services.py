"""The press services: polling health (success, failure, success; one failing source
never stops another; the same article once per department), manual entry, bulk paste
(all or nothing, duplicates skipped), watch-list flags and notifications, weekly digests
(which items, idempotent, who is notified)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phoihop.notifications import kinds
from phoihop.notifications.models import Notification
from phoihop.press import jobs, services
from phoihop.press.feeds import FeedError
from phoihop.press.models import PressDigest, PressItem, PressSource, WatchMatch
from phoihop.press.tests.conftest import feed
from phoihop.press.tests.factories import PressItemFactory, PressSourceFactory, WatchListFactory

pytestmark = pytest.mark.django_db


def serve(files: dict[str, bytes | Exception]):
    """A fetch function answering from a dict (an Exception is raised)."""

    def fetch(url):
        answer = files[url]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return fetch


class TestPolling:
    def test_success_then_failure_then_success(self, world):
        source = PressSourceFactory(owner=world.target, name="Báo Phú Yên", feed_url="https://a.example/rss")
        url = source.feed_url

        ok = services.source_poll(source=source, fetch=serve({url: feed("rss_phu_yen.xml")}))
        source.refresh_from_db()
        assert ok.ok and ok.new_items == 3
        assert (source.consecutive_failures, source.items_count, source.last_new_items) == (0, 3, 3)
        assert source.last_success_at is not None and source.is_healthy

        for attempt in (1, 2):
            failed = services.source_poll(source=source, fetch=serve({url: feed("malformed.xml")}))
            source.refresh_from_db()
            assert not failed.ok
            assert source.consecutive_failures == attempt
            assert "Nguồn tin không phải XML hợp lệ" in source.last_error
            assert source.last_error_at is not None and not source.is_healthy
        assert source.items_count == 3  # nothing lost

        again = services.source_poll(source=source, fetch=serve({url: feed("rss_phu_yen.xml")}))
        source.refresh_from_db()
        assert again.ok and again.new_items == 0  # stored once
        assert (source.consecutive_failures, source.last_new_items) == (0, 0)
        assert "không phải XML" in source.last_error  # the last error stays on record, with its time
        assert PressItem.objects.filter(owner=world.target).count() == 3

    def test_one_failing_source_does_not_stop_the_others(self, world):
        broken = PressSourceFactory(owner=world.target, name="Báo A", feed_url="https://a.example/rss")
        html = PressSourceFactory(owner=world.target, name="Báo B", feed_url="https://b.example/rss")
        crashing = PressSourceFactory(owner=world.target, name="Báo C", feed_url="https://c.example/rss")
        good = PressSourceFactory(owner=world.province_dept_a, name="Báo Đắk Lắk", feed_url="https://d.example/atom")
        paused = PressSourceFactory(owner=world.target, name="Báo D", feed_url="https://e.example/rss", is_active=False)
        manual = PressSourceFactory(owner=world.target, name="Báo E", feed_url="", kind=PressSource.Kind.MANUAL)
        fetch = serve(
            {
                broken.feed_url: FeedError("Quá 10 giây mà máy chủ chưa trả lời."),
                html.feed_url: feed("not_a_feed.html"),
                crashing.feed_url: RuntimeError("lỗi lạ"),
                good.feed_url: feed("atom_dak_lak.xml"),
            }
        )
        counts = jobs.poll_feeds(fetch=fetch)
        assert counts == {"ok": 1, "failed": 3, "new": 2}
        for source in (broken, html, crashing, good, paused, manual):
            source.refresh_from_db()
        assert broken.last_error == "Quá 10 giây mà máy chủ chưa trả lời."
        assert "trang web (HTML)" in html.last_error
        assert crashing.last_error == "Lỗi không mong đợi khi lấy tin: lỗi lạ"
        assert good.is_healthy and good.items_count == 2
        assert paused.last_polled_at is None and manual.last_polled_at is None

    def test_the_same_article_is_stored_once_per_department(self, world):
        first = PressSourceFactory(owner=world.target, name="Báo Phú Yên", feed_url="https://a.example/rss")
        mirror = PressSourceFactory(owner=world.target, name="Báo Phú Yên điện tử", feed_url="https://b.example/rss")
        other = PressSourceFactory(owner=world.province_dept_a, name="Báo Phú Yên", feed_url="https://a.example/rss")
        jobs.poll_feeds(fetch=lambda url: feed("rss_phu_yen.xml"))
        assert PressItem.objects.filter(owner=world.target).count() == 3
        assert PressItem.objects.filter(owner=world.province_dept_a).count() == 3
        mirror.refresh_from_db()
        first.refresh_from_db()
        assert first.last_new_items + mirror.last_new_items == 3
        assert other.pk

    def test_a_huge_feed_takes_the_newest_500_and_says_so(self, world):
        items = "".join(
            f"<item><title>Tin {n}</title><link>https://bao.example/{n}</link>"
            f"<pubDate>{dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n):%a, %d %b %Y %H:%M:%S +0000}"
            "</pubDate></item>"
            for n in range(3000)
        )
        data = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
        source = PressSourceFactory(owner=world.target, feed_url="https://big.example/rss")
        services.source_poll(source=source, fetch=lambda url: data)
        source.refresh_from_db()
        assert source.items_count == 500
        assert source.last_poll_note == "Nguồn có 3000 tin; chỉ lấy 500 tin mới nhất."

    def test_poll_now_queues_a_job_and_the_job_polls_that_source(self, world):
        from django_q.models import OrmQ

        source = PressSourceFactory(owner=world.target, feed_url="https://a.example/rss")
        services.source_request_poll(actor=world.officer, source=source)
        source.refresh_from_db()
        assert source.poll_pending and source.poll_task_id
        assert OrmQ.objects.count() == 1
        result = jobs.poll_source(source.pk, fetch=lambda url: feed("rss_phu_yen.xml"))
        source.refresh_from_db()
        assert result == {"ok": True, "new": 3, "error": ""}
        assert not source.poll_pending

    def test_poll_now_refuses_a_paused_or_manual_source(self, world):
        paused = PressSourceFactory(owner=world.target, is_active=False)
        manual = PressSourceFactory(owner=world.target, feed_url="", kind=PressSource.Kind.MANUAL)
        with pytest.raises(ValidationError, match="tạm dừng"):
            services.source_request_poll(actor=world.officer, source=paused)
        with pytest.raises(ValidationError, match="không có địa chỉ"):
            services.source_request_poll(actor=world.officer, source=manual)


class TestSources:
    def test_bad_input_names_the_field(self, world):
        with pytest.raises(ValidationError) as caught:
            services.source_create(
                actor=world.officer, owner=world.target, name=" ", feed_url="javascript:x", kind="rss"
            )
        assert set(caught.value.message_dict) == {"name", "feed_url"}
        with pytest.raises(ValidationError) as caught:
            services.source_create(actor=world.officer, owner=world.target, name="Báo Phú Yên", kind="rss")
        assert caught.value.message_dict["feed_url"] == ["Nguồn RSS hoặc Atom cần địa chỉ nguồn tin."]
        assert not PressSource.objects.exists()

    def test_only_for_a_department_one_edits_for(self, world):
        with pytest.raises(ValidationError, match="Bạn không theo dõi báo chí cho"):
            services.source_create(
                actor=world.upper, owner=world.province_dept_a, name="Báo", feed_url="https://a.example/"
            )

    def test_a_stale_version_is_refused(self, world):
        from phoihop.core.concurrency import StaleVersionError

        source = services.source_create(
            actor=world.officer, owner=world.target, name="Báo Phú Yên", feed_url="https://a.example/rss"
        )
        services.source_update(actor=world.officer, source=source, expected_version=1, is_active=False)
        stale = PressSource.objects.get(pk=source.pk)
        stale.version = 1
        with pytest.raises(StaleVersionError):
            services.source_update(actor=world.officer, source=stale, expected_version=1, name="Đổi tên")
        assert PressSource.objects.get(pk=source.pk).name == "Báo Phú Yên"


class TestManualEntry:
    def test_creates_matches_and_refuses_a_duplicate(self, world, people):
        WatchListFactory(owner=world.target, keywords="dak lak")
        item = services.item_create(
            actor=world.officer,
            owner=world.target,
            outlet="Báo Đắk Lắk",
            title="Đắk Lắk bàn giao mặt bằng",
            link="https://baodaklak.example/1",
            published_on=dt.date(2026, 11, 21),
        )
        assert item.is_flagged and item.matches.get().keyword == "dak lak"
        assert item.entered_by == world.officer
        with pytest.raises(ValidationError) as caught:
            services.item_create(
                actor=world.officer,
                owner=world.target,
                outlet="Báo khác",
                title="Tiêu đề khác",
                link="https://BAODAKLAK.example/1#top",
                published_on=dt.date(2026, 11, 21),
            )
        assert caught.value.message_dict["link"] == ["Tin bài này đã có trong danh sách của ban."]

    def test_bad_input(self, world, program):
        from phoihop.programs.tests.factories import make_program

        foreign = make_program(world, lead=world.province_dept_b, partner=world.central, title="Chương trình tỉnh B")
        with pytest.raises(ValidationError) as caught:
            services.item_create(
                actor=world.officer,
                owner=world.target,
                outlet="",
                title="",
                link="javascript:alert(1)",
                published_on=dt.date(2026, 12, 1),
                tone="angry",
                programs=[program, foreign],
            )
        errors = caught.value.message_dict
        assert set(errors) == {"outlet", "title", "link", "published_on", "tone", "programs"}
        assert "Chương trình tỉnh B" in errors["programs"][0] and "xã Cẩm Đức giai" not in errors["programs"][0]
        assert not PressItem.objects.exists()


class TestPaste:
    TEXT = (
        "20/11/2026\tBáo Đắk Lắk\tĐắk Lắk: người dân đồng thuận bàn giao đất\thttps://baodaklak.example/1\n"
        "21/11/2026 | Báo Phú Yên | Phú Yên đẩy nhanh giải phóng mặt bằng | https://baophuyen.example/2\n"
    )

    def test_all_or_nothing(self, world):
        bad = self.TEXT + "32/11/2026 | Báo Phú Yên | Ngày sai | \nchỉ một cột\n"
        with pytest.raises(ValidationError) as caught:
            services.items_paste(actor=world.officer, owner=world.target, text=bad)
        messages = caught.value.message_dict["text"]
        assert messages[0].startswith("Dòng 3: Ngày “32/11/2026” không hợp lệ")
        assert messages[1].startswith("Dòng 4: Có 1 cột")
        assert not PressItem.objects.exists()

    def test_duplicates_are_skipped_and_reported(self, world, people):
        WatchListFactory(owner=world.target, keywords="giai phong mat bang")
        PressItemFactory(owner=world.target, link="https://baodaklak.example/1", title="Đã có")
        text = (
            self.TEXT
            + "21/11/2026 | Báo Phú Yên | Phú Yên đẩy nhanh giải phóng mặt bằng | https://baophuyen.example/2\n"
        )
        outcome = services.items_paste(actor=world.officer, owner=world.target, text=text)
        assert [line.number for line in outcome.duplicates] == [1, 3]
        assert [item.title for item in outcome.created] == ["Phú Yên đẩy nhanh giải phóng mặt bằng"]
        created = outcome.created[0]
        assert created.origin == PressItem.Origin.PASTE and created.is_flagged
        assert created.search_text.startswith("phu yen day nhanh giai phong mat bang")
        assert PressItem.objects.filter(owner=world.target).count() == 2


class TestWatchLists:
    def test_saving_a_list_rematches_the_last_30_days_and_notifies_editors_once(self, world, people):
        recent = PressItemFactory(
            owner=world.target, title="Tranh chấp Đất đai ở Cẩm Đức", published_on=dt.date(2026, 11, 1)
        )
        old = PressItemFactory(owner=world.target, title="Đất đai năm ngoái", published_on=dt.date(2026, 10, 1))
        other = PressItemFactory(owner=world.province_dept_a, title="Đất đai tỉnh", published_on=dt.date(2026, 11, 20))
        watch_list = services.watch_list_create(
            actor=world.officer, owner=world.target, name="Đất đai", keywords="dat dai\n\nĐẤT ĐAI"
        )
        assert watch_list.keywords == "dat dai"
        recent.refresh_from_db(), old.refresh_from_db(), other.refresh_from_db()
        assert (recent.is_flagged, old.is_flagged, other.is_flagged) == (True, False, False)
        notified = set(
            Notification.objects.filter(kind=kinds.PRESS_ITEM_FLAGGED).values_list("recipient__username", flat=True)
        )
        assert notified == {"officer", "leader"}  # editors; not the collaborators, not the partner
        services.watch_list_update(
            actor=world.officer, watch_list=watch_list, expected_version=1, keywords="dat dai\ncẩm đức"
        )
        assert WatchMatch.objects.filter(item=recent).count() == 1  # one match per item and list
        assert Notification.objects.filter(kind=kinds.PRESS_ITEM_FLAGGED).count() == 2  # deduplicated per item

    def test_bad_lists(self, world):
        with pytest.raises(ValidationError) as caught:
            services.watch_list_create(actor=world.officer, owner=world.target, name="", keywords=" \n ")
        assert set(caught.value.message_dict) == {"name", "keywords"}


class TestDigests:
    def test_hot_items_of_last_week_per_programme_idempotent_and_notified(self, world, people, program):
        def item(day, hot=True, title=None):
            made = PressItemFactory(
                owner=world.target, published_on=day, is_hot=hot, **({"title": title} if title else {})
            )
            made.programs.add(program)
            return made

        monday, sunday = dt.date(2026, 11, 16), dt.date(2026, 11, 22)
        first, last = item(monday, title="Thứ Hai"), item(sunday, title="Chủ nhật")
        item(dt.date(2026, 11, 15), title="Tuần trước nữa")
        item(dt.date(2026, 11, 18), hot=False, title="Không nổi bật")
        digests = services.digests_build(today=dt.date(2026, 11, 23))  # Monday the 23rd: the week 16–22
        assert len(digests) == 1
        digest = PressDigest.objects.get()
        assert digest.week_start == monday
        assert set(digest.items.all()) == {first, last}
        notified = set(
            Notification.objects.filter(kind=kinds.PRESS_DIGEST_READY).values_list("recipient__username", flat=True)
        )
        assert notified == {"officer", "partner", "leader", "ctv", "ctv2"}  # members of every party
        assert services.digests_build(today=dt.date(2026, 11, 23)) == []
        assert jobs.weekly_press_digests(today=dt.date(2026, 11, 26)) == 0  # same week, nothing new
        assert PressDigest.objects.count() == 1
        assert Notification.objects.filter(kind=kinds.PRESS_DIGEST_READY).count() == 5

    def test_no_digest_for_a_programme_not_in_force_or_without_hot_items(self, world, program):
        from phoihop.programs.tests.factories import make_program

        draft = make_program(world, status="draft", title="Dự thảo chương trình")
        made = PressItemFactory(owner=world.target, published_on=dt.date(2026, 11, 17), is_hot=True)
        made.programs.add(draft)
        PressItemFactory(owner=world.target, published_on=dt.date(2026, 11, 17), is_hot=False).programs.add(program)
        assert services.digests_build(today=dt.date(2026, 11, 23)) == []
