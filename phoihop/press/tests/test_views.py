"""The press pages with every persona: the department's officer edits; the upper level
reads but never edits; the programme's partner sees only the items of the digests shared
with it; an outsider gets 404. Bad input next to the field; query counts flat."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.press import services
from phoihop.press.models import PressItem, PressSource, WatchList
from phoihop.press.tests.factories import PressItemFactory, PressSourceFactory, WatchListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world):
    return PressItemFactory(owner=world.target, title="Phú Yên đẩy nhanh giải phóng mặt bằng")


@pytest.fixture
def digest(world, program, item):
    item.is_hot = True
    item.save()
    item.programs.add(program)
    PressItem.objects.filter(pk=item.pk).update(published_on=dt.date(2026, 11, 17))
    return services.digests_build(today=dt.date(2026, 11, 23))[0]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404), ("nobody", 404)],
)
def test_who_sees_an_item(world, client_for, item, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("press:item_detail", args=[item.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Phú Yên đẩy nhanh giải phóng mặt bằng" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("partner", 200), ("upper", 200), ("outsider", 404)])
def test_the_partner_reads_the_items_of_the_digest_shared_with_it(world, client_for, digest, item, persona, status):
    client = client_for(getattr(world, persona))
    response = client.get(reverse("press:digest_detail", args=[digest.pk]))
    assert response.status_code == status
    if status == 200:
        assert item.title in response.content.decode()
        assert client.get(reverse("press:item_detail", args=[item.pk])).status_code == 200
        listed = client.get(reverse("press:digest_list")).content.decode()
        assert reverse("press:digest_detail", args=[digest.pk]) in listed


def test_the_partner_sees_no_other_item(world, client_for, digest):
    other = PressItemFactory(owner=world.target, title="Tin nội bộ của ban")
    client = client_for(world.partner)
    assert client.get(reverse("press:item_detail", args=[other.pk])).status_code == 404
    html = client.get(reverse("press:item_list")).content.decode()
    assert "Tin nội bộ của ban" not in html and "Phú Yên đẩy nhanh" in html


@pytest.mark.parametrize(("persona", "status"), [("officer", 302), ("upper", 403), ("outsider", 404), ("partner", 404)])
def test_who_marks_an_item_hot(world, client_for, item, persona, status):
    response = client_for(getattr(world, persona)).post(reverse("press:item_hot", args=[item.pk]), {"hot": "1"})
    assert response.status_code == status
    item.refresh_from_db()
    assert item.is_hot is (status == 302)


def test_the_item_page_shows_actions_to_editors_only(world, client_for, item):
    editor = client_for(world.officer).get(reverse("press:item_detail", args=[item.pk])).content.decode()
    reader = client_for(world.upper).get(reverse("press:item_detail", args=[item.pk])).content.decode()
    assert "Đánh dấu tin nổi bật" in editor and "Đánh dấu tin nổi bật" not in reader
    # a match can open or join a hot issue: the links carry the item
    assert f"/hot-issues/new/?press_item={item.pk}" in editor and f"/hot-issues/join/?press_item={item.pk}" in editor
    assert "/hot-issues/new/" not in reader


def test_list_filters_and_folded_search(world, client_for):
    PressItemFactory(owner=world.target, title="Đắk Lắk bàn giao đất", tone="negative")
    PressItemFactory(owner=world.target, title="Khởi công trường học")
    client = client_for(world.officer)
    page = client.get(reverse("press:item_list"), {"q": "dak lak"}).context["page"]
    assert [i.title for i in page] == ["Đắk Lắk bàn giao đất"]
    page = client.get(reverse("press:item_list"), {"tone": "negative"}).context["page"]
    assert [i.title for i in page] == ["Đắk Lắk bàn giao đất"]
    response = client.get(reverse("press:item_list"), {"date_from": "31/02/2026"})
    assert "Ngày không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_item_list_query_count_is_flat(world, client_for, django_assert_max_num_queries, rows):
    for n in range(rows):
        PressItemFactory(owner=world.target, title=f"Tin Phú Yên {n}")
    client = client_for(world.officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("press:item_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_source_and_watch_list_pages_query_counts_are_flat(world, client_for, django_assert_max_num_queries, rows):
    for n in range(rows):
        PressSourceFactory(owner=world.target, name=f"Báo {n}")
        WatchListFactory(owner=world.target, name=f"Danh sách {n}")
    client = client_for(world.officer)
    for name in ("press:source_list", "press:watch_list_list", "press:digest_list"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 200), ("outsider", 200)])
def test_source_page_shows_health_to_readers_and_buttons_to_editors(world, client_for, persona, status):
    source = PressSourceFactory(owner=world.target, name="Báo Phú Yên")
    services.source_poll(source=source, fetch=lambda url: b"<html><body>no</body></html>")
    html = client_for(getattr(world, persona)).get(reverse("press:source_list")).content.decode()
    if persona == "outsider":
        assert "Báo Phú Yên" not in html
        return
    assert "Báo Phú Yên" in html and "Lỗi 1 lần liên tiếp" in html and "trang web (HTML)" in html
    assert ("Lấy tin ngay" in html) is (persona == "officer")


def test_add_a_source_with_bad_input_then_good(world, client_for):
    client = client_for(world.officer)
    response = client.post(
        reverse("press:source_create"), {"owner": world.target.pk, "name": "", "kind": "rss", "feed_url": "ftp://x"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy nhập tên cơ quan báo chí." in html and "http:// hoặc https://" in html
    assert not PressSource.objects.exists()
    response = client.post(
        reverse("press:source_create"),
        {"owner": world.target.pk, "name": "Báo Phú Yên", "kind": "rss", "feed_url": "https://baophuyen.example/rss"},
    )
    assert response.status_code == 302 and PressSource.objects.get().owner == world.target


def test_upper_and_outsider_may_not_add_for_the_commune(world, client_for):
    response = client_for(world.upper).get(reverse("press:source_create"))
    assert response.status_code == 403
    response = client_for(world.outsider).post(
        reverse("press:source_create"),
        {"owner": world.target.pk, "name": "Báo", "kind": "rss", "feed_url": "https://a.example/"},
    )
    assert response.status_code == 200 and "Lựa chọn không có trong danh sách." in response.content.decode()
    assert not PressSource.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("officer", 302), ("upper", 403), ("outsider", 404)])
def test_poll_now_and_pause(world, client_for, persona, status):
    source = PressSourceFactory(owner=world.target)
    client = client_for(getattr(world, persona))
    assert client.post(reverse("press:source_poll", args=[source.pk])).status_code == status
    response = client.post(reverse("press:source_active", args=[source.pk]), {"active": "0", "version": "1"})
    assert response.status_code == status
    source.refresh_from_db()
    assert source.poll_pending is (status == 302) and source.is_active is (status != 302)


def test_poll_now_by_htmx_returns_the_polling_health(world, client_for):
    source = PressSourceFactory(owner=world.target)
    response = client_for(world.officer).post(reverse("press:source_poll", args=[source.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Đang chờ lấy tin…" in html and 'hx-trigger="every 2s"' in html


def test_paste_preview_marks_bad_lines_and_save_is_all_or_nothing(world, client_for):
    client = client_for(world.officer)
    text = (
        "21/11/2026 | Báo Phú Yên | Phú Yên đẩy nhanh giải phóng mặt bằng | https://a.example/1\n"
        "31/11/2026 | Báo | Sai |\n"
    )
    data = {"owner": world.target.pk, "text": text, "tone": "neutral"}
    html = client.post(reverse("press:item_paste"), {**data, "action": "preview"}).content.decode()
    assert 'data-line="2" class="row--error"' in html and "Ngày “31/11/2026” không hợp lệ" in html
    assert "1 tin mới, 0 tin đã có (sẽ bỏ qua), 1 dòng lỗi." in html
    html = client.post(reverse("press:item_paste"), {**data, "action": "save"}).content.decode()
    assert "Dòng 2: Ngày “31/11/2026” không hợp lệ" in html
    assert not PressItem.objects.exists()
    response = client.post(reverse("press:item_paste"), {**data, "text": text.splitlines()[0], "action": "save"})
    assert response.status_code == 302 and PressItem.objects.count() == 1


def test_manual_item_form(world, client_for):
    client = client_for(world.officer)
    response = client.post(
        reverse("press:item_create"),
        {
            "owner": world.target.pk,
            "outlet": "Báo Đắk Lắk",
            "title": "",
            "published_on": "2026-13-01",
            "tone": "neutral",
        },
    )
    html = response.content.decode()
    assert "Hãy nhập tiêu đề." not in html  # the form's date error comes first: the service was not called
    assert "Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy" in html
    response = client.post(
        reverse("press:item_create"),
        {
            "owner": world.target.pk,
            "outlet": "Báo Đắk Lắk",
            "title": "Đắk Lắk",
            "published_on": "21/11/2026",
            "tone": "neutral",
        },
    )
    item = PressItem.objects.get()
    assert response.status_code == 302 and item.published_on == dt.date(2026, 11, 21)


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 200), ("outsider", 404)])
def test_watch_list_page(world, client_for, persona, status):
    watch_list = WatchListFactory(owner=world.target, name="Đất đai", keywords="dat dai")
    client = client_for(getattr(world, persona))
    assert client.get(reverse("press:watch_list_edit", args=[watch_list.pk])).status_code == status
    response = client.post(
        reverse("press:watch_list_edit", args=[watch_list.pk]),
        {"owner": world.target.pk, "name": "Đất đai", "keywords": "Đắk Lắk", "is_active": "on", "version": "1"},
    )
    assert response.status_code == {"officer": 302, "upper": 403, "outsider": 404}[persona]
    assert WatchList.objects.get().keywords == ("Đắk Lắk" if persona == "officer" else "dat dai")


def test_a_stale_watch_list_edit_is_refused(world, client_for):
    watch_list = WatchListFactory(owner=world.target, name="Đất đai", keywords="dat dai")
    WatchList.objects.filter(pk=watch_list.pk).update(version=2)
    response = client_for(world.officer).post(
        reverse("press:watch_list_edit", args=[watch_list.pk]),
        {"owner": world.target.pk, "name": "Đất đai", "keywords": "Đắk Lắk", "is_active": "on", "version": "1"},
    )
    assert "đã được người khác sửa" in response.content.decode()
    assert WatchList.objects.get().keywords == "dat dai"


def test_linking_programmes_from_the_item_page_and_a_stale_form_is_refused(world, client_for, item, program):
    client = client_for(world.officer)
    url = reverse("press:item_programs", args=[item.pk])
    page = client.get(reverse("press:item_detail", args=[item.pk])).content.decode()
    assert 'name="shown"' in page
    response = client.post(url, {"programs": [program.pk], "shown": ""})
    assert response.status_code == 302
    assert list(item.programs.all()) == [program]
    # A second editor still looking at the page as it was (no programme linked) unlinks:
    # refused, the link stays — the links decide which partners get the weekly digest.
    stale = client_for(world.officer).post(url, {"shown": ""})
    assert stale.status_code == 422
    assert "Bản ghi đã được người khác sửa" in stale.content.decode()
    assert list(item.programs.all()) == [program]
    # From the page as it is now, the change goes through.
    assert client.post(url, {"shown": str(program.pk)}).status_code == 302
    assert not item.programs.exists()
