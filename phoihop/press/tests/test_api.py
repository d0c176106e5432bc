"""The press API per persona: lists with the page's filters (flat query counts), fetch,
create with 422 Vietnamese field errors, bulk paste all or nothing, mark hot, sources with
health and poll now, watch lists with 409 on a stale version, digests shared with the
partner; the OpenAPI document lists the press paths."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from phoihop.press import services
from phoihop.press.models import PressItem, PressSource, WatchList
from phoihop.press.tests.factories import PressItemFactory
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, bearer, errors, patch_json, post_json

pytestmark = pytest.mark.django_db

URL = f"{API}/press"


@pytest.fixture
def item(world):
    return PressItemFactory(owner=world.target, title="Đắk Lắk bàn giao đất cho dự án")


@pytest.mark.parametrize(("persona", "count"), [("officer", 1), ("upper", 1), ("partner", 0), ("outsider", 0)])
def test_item_list_per_persona(world, item, persona, count):
    response = bearer(getattr(world, persona)).get(f"{URL}/items/")
    assert response.status_code == 200 and response.json()["count"] == count


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 200), ("partner", 404), ("outsider", 404)])
def test_item_fetch(world, item, persona, status):
    response = bearer(getattr(world, persona)).get(f"{URL}/items/{item.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND


def test_item_filters_fold_vietnamese(world, item):
    PressItemFactory(owner=world.target, title="Khởi công trường học")
    client = bearer(world.officer)
    assert [row["title"] for row in client.get(f"{URL}/items/", {"q": "dak lak"}).json()["items"]] == [item.title]
    assert client.get(f"{URL}/items/", {"date_from": "21/11/2026"}).json()["count"] == 0
    assert errors(client.get(f"{URL}/items/", {"tone": "angry"}))["tone"]


@pytest.mark.parametrize("rows", [3, 30])
def test_item_list_query_count_is_flat(world, django_assert_max_num_queries, rows):
    for n in range(rows):
        PressItemFactory(owner=world.target, title=f"Tin {n}")
    client = bearer(world.officer)
    with django_assert_max_num_queries(10):
        assert client.get(f"{URL}/items/").status_code == 200


def test_create_item_with_field_errors_then_success(world, program):
    client = bearer(world.officer)
    body = {"owner": world.target.pk, "outlet": "", "title": "Đắk Lắk", "published_on": "31/11/2026"}
    assert errors(post_json(client, f"{URL}/items/", body))["published_on"]
    body["published_on"] = "21/11/2026"
    assert errors(post_json(client, f"{URL}/items/", body))["outlet"] == ["Hãy nhập tên cơ quan báo chí."]
    body.update(outlet="Báo Đắk Lắk", programs=[program.pk], link="https://baodaklak.example/1")
    response = post_json(client, f"{URL}/items/", body)
    assert response.status_code == 201, response.content
    assert response.json()["programs"] == [{"id": program.pk, "title": program.title}]
    assert errors(post_json(client, f"{URL}/items/", body))["link"] == ["Tin bài này đã có trong danh sách của ban."]


@pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("outsider", 422), ("partner", 422)])
def test_who_may_not_create_for_the_commune(world, persona, status):
    body = {"owner": world.target.pk, "outlet": "Báo", "title": "Tin", "published_on": "21/11/2026"}
    response = post_json(bearer(getattr(world, persona)), f"{URL}/items/", body)
    assert response.status_code == status
    assert not PressItem.objects.exists()


def test_paste_preview_then_all_or_nothing(world):
    client = bearer(world.officer)
    text = "21/11/2026 | Báo Phú Yên | Giải phóng mặt bằng | https://a.example/1\nsai dòng\n"
    preview = post_json(client, f"{URL}/items/paste", {"owner": world.target.pk, "text": text, "preview": True})
    assert preview.status_code == 200
    assert [line["error"] != "" for line in preview.json()["lines"]] == [False, True]
    assert errors(post_json(client, f"{URL}/items/paste", {"owner": world.target.pk, "text": text}))["text"][
        0
    ].startswith("Dòng 2:")
    assert not PressItem.objects.exists()
    response = post_json(client, f"{URL}/items/paste", {"owner": world.target.pk, "text": text.splitlines()[0]})
    assert response.status_code == 201 and len(response.json()["created"]) == 1


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 403), ("outsider", 404)])
def test_mark_hot(world, item, persona, status):
    response = post_json(bearer(getattr(world, persona)), f"{URL}/items/{item.pk}/hot", {"hot": True})
    assert response.status_code == status
    if status == 403:
        assert response.json() == FORBIDDEN
    item.refresh_from_db()
    assert item.is_hot is (status == 200)


def test_sources_health_poll_now_and_stale_version(world):
    client = bearer(world.officer)
    response = post_json(
        client, f"{URL}/sources/", {"owner": world.target.pk, "name": "Báo Phú Yên", "feed_url": "javascript:x"}
    )
    assert errors(response)["feed_url"] == ["Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."]
    response = post_json(
        client,
        f"{URL}/sources/",
        {"owner": world.target.pk, "name": "Báo Phú Yên", "feed_url": "https://a.example/rss"},
    )
    assert response.status_code == 201
    source_id = response.json()["id"]
    services.source_poll(source=PressSource.objects.get(pk=source_id), fetch=lambda url: b"{}")
    health = client.get(f"{URL}/sources/{source_id}").json()
    assert health["is_healthy"] is False and "không phải XML" in health["last_error"]
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 5, tzinfo=dt.UTC), tick=False):  # five minutes later
        assert post_json(client, f"{URL}/sources/{source_id}/poll").json()["poll_pending"] is True
    assert patch_json(client, f"{URL}/sources/{source_id}", {"version": 1, "is_active": False}).status_code == 200
    stale = patch_json(client, f"{URL}/sources/{source_id}", {"version": 1, "name": "Đổi"})
    assert stale.status_code == 409 and "người khác sửa" in stale.json()["detail"]
    assert bearer(world.upper).get(f"{URL}/sources/{source_id}").status_code == 200
    assert post_json(bearer(world.upper), f"{URL}/sources/{source_id}/poll").status_code == 403
    assert bearer(world.outsider).get(f"{URL}/sources/{source_id}").status_code == 404


def test_watch_lists(world, item):
    client = bearer(world.officer)
    response = post_json(
        client, f"{URL}/watch-lists/", {"owner": world.target.pk, "name": "Đắk Lắk", "keywords": ["dak lak"]}
    )
    assert response.status_code == 201
    item.refresh_from_db()
    assert item.is_flagged  # re-matched on save
    pk = response.json()["id"]
    assert patch_json(client, f"{URL}/watch-lists/{pk}", {"version": 1, "keywords": []}).status_code == 422
    assert patch_json(client, f"{URL}/watch-lists/{pk}", {"version": 1, "keywords": ["đất đai"]}).status_code == 200
    assert patch_json(client, f"{URL}/watch-lists/{pk}", {"version": 1, "name": "X"}).status_code == 409
    assert WatchList.objects.get().keywords == "đất đai"
    assert patch_json(bearer(world.upper), f"{URL}/watch-lists/{pk}", {"version": 2, "name": "X"}).status_code == 403
    assert bearer(world.outsider).get(f"{URL}/watch-lists/{pk}").status_code == 404


def test_digest_shared_with_the_partner(world, program, item):
    PressItem.objects.filter(pk=item.pk).update(is_hot=True, published_on=dt.date(2026, 11, 17))
    item.programs.add(program)
    digest = services.digests_build(today=dt.date(2026, 11, 23))[0]
    partner = bearer(world.partner)
    assert partner.get(f"{URL}/digests/").json()["count"] == 1
    body = partner.get(f"{URL}/digests/{digest.pk}").json()
    assert [row["title"] for row in body["items"]] == [item.title] and body["item_count"] == 1
    assert partner.get(f"{URL}/items/{item.pk}").status_code == 200
    assert bearer(world.outsider).get(f"{URL}/digests/{digest.pk}").status_code == 404


def test_openapi_lists_the_press_paths():
    paths = Client().get(f"{API}/openapi.json").json()["paths"]
    for path in ("/press/items/", "/press/items/paste", "/press/sources/{source_id}/poll", "/press/digests/"):
        assert f"/api/v1{path}" in paths
