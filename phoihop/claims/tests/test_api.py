"""The false claims API per persona: list with the page's filters (constant queries),
fetch, create, update (409 on a stale version), transitions, the response, links; 422
with Vietnamese field errors and nothing stored; the paths in the OpenAPI schema."""

import json

import pytest
from django.test import Client

from phoihop.claims.models import FalseClaim
from phoihop.claims.tests.factories import FalseClaimFactory, hot_issue, make_claim, press_item, topic
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, STALE, bearer, errors, post_json

pytestmark = pytest.mark.django_db

URL = f"{API}/claims/"


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def new_claim(world, **overrides) -> dict:
    return {
        "owner": world.target.pk,
        "claim": "Tin đồn học sinh phải đóng thêm 2 triệu đồng tiền xây trường",
        "channel": "social",
        "seen_where": "Trang Facebook “Tin nóng Cẩm Đức”",
        "seen_on": "21/11/2026",
        "area": world.commune_c.pk,
        "topic": topic().pk,
    } | overrides


@pytest.mark.parametrize(
    ("persona", "status"), [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404)]
)
def test_who_fetches_a_claim(world, persona, status):
    claim = make_claim(world)
    response = bearer(getattr(world, persona)).get(f"{URL}{claim.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
    else:
        body = response.json()
        assert body["status"] == "unverified" and body["status_label"] == "Chưa xác minh"
        assert body["seen_on"] == "2026-11-22" and body["area"]["name"] == "Xã Cẩm Đức"
        expected = ["verify"] if persona in ("officer", "admin") else []
        assert [t["action"] for t in body["transitions"]] == expected


def test_anonymous_gets_401():
    assert Client().get(URL).status_code == 401


def test_the_list_filters_like_the_page_and_keeps_its_queries(world, django_assert_max_num_queries):
    client = bearer(world.officer)
    make_claim(world)
    FalseClaimFactory.create_batch(2, owner=world.target, channel="video")
    with django_assert_max_num_queries(8):
        assert client.get(URL).json()["count"] == 3
    FalseClaimFactory.create_batch(27, owner=world.target, channel="video")
    with django_assert_max_num_queries(8):
        assert client.get(URL, {"page_size": 100}).json()["count"] == 30
    assert client.get(URL, {"q": "san golf"}).json()["count"] == 1
    assert client.get(URL, {"channel": "video", "seen_from": "20/11/2026"}).json()["count"] == 29
    assert client.get(URL, {"status": "false"}).json()["count"] == 0
    assert errors(client.get(URL, {"status": "fake"}))["status"][0].startswith("Giá trị không hợp lệ.")
    assert bearer(world.outsider).get(URL).json()["count"] == 0


def test_the_officer_creates_a_claim(world):
    response = post_json(bearer(world.officer), URL, new_claim(world))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["owner"]["id"] == world.target.pk and body["seen_on"] == "2026-11-21"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"seen_where": "Zalo 0912345678"}, "seen_where", "số điện thoại"),
        ({"claim": "Liên hệ abc@example.com"}, "claim", "thư điện tử"),
        ({"seen_on": "30/02/2026"}, "seen_on", "Ngày không hợp lệ"),
        ({"seen_on": "01/12/2026"}, "seen_on", "Ngày phát hiện không thể ở tương lai."),
        ({"channel": "pigeon"}, "channel", "Giá trị không hợp lệ"),
        ({"topic": 999999}, "topic", "Không tìm thấy: 999999."),
        ({"owner": "outsider"}, "owner", "Chỉ lãnh đạo, chuyên viên của ban"),
        ({"nickname": "x"}, "nickname", "Trường này không được phép."),
    ],
)
def test_bad_input_is_a_422_in_vietnamese_and_nothing_is_stored(world, overrides, field, message):
    if overrides.get("owner") == "outsider":
        overrides = {"owner": world.province_dept_b.pk}
    response = post_json(bearer(world.officer), URL, new_claim(world, **overrides))
    assert message in " ".join(errors(response)[field])
    assert not FalseClaim.objects.exists()


def test_readers_may_not_create(world):
    for persona in ("upper", "nobody"):
        response = post_json(bearer(getattr(world, persona)), URL, new_claim(world))
        assert response.json() == FORBIDDEN
    assert not FalseClaim.objects.exists()


def test_update_with_a_stale_version_is_409(world):
    claim = make_claim(world)
    client = bearer(world.officer)
    response = send(client, "patch", f"{URL}{claim.pk}", {"version": 1, "seen_where": "Kênh YouTube “Tin 24h”"})
    assert response.status_code == 200 and response.json()["version"] == 2
    response = send(client, "patch", f"{URL}{claim.pk}", {"version": 1, "seen_where": "Khác"})
    assert response.status_code == 409 and STALE in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.seen_where == "Kênh YouTube “Tin 24h”"
    assert send(bearer(world.upper), "patch", f"{URL}{claim.pk}", {"version": 2, "claim": "x"}).json() == FORBIDDEN
    assert send(bearer(world.outsider), "patch", f"{URL}{claim.pk}", {"version": 2}).status_code == 404


def test_transitions_and_the_response(world):
    claim = make_claim(world)
    client = bearer(world.officer)
    url = f"{URL}{claim.pk}"
    assert post_json(client, f"{url}/transitions", {"action": "verify", "version": 1}).status_code == 200
    response = post_json(client, f"{url}/transitions", {"action": "conclude_false", "version": 1})
    assert response.status_code == 409
    response = post_json(client, f"{url}/transitions", {"action": "revise_true", "version": 2})
    assert "Không thể “Sửa kết luận: đúng sự thật”" in errors(response)["action"][0]
    body = post_json(client, f"{url}/transitions", {"action": "conclude_misleading", "version": 2}).json()
    assert body["status"] == "misleading" and "reopen" in [t["action"] for t in body["transitions"]]
    response = send(client, "put", f"{url}/response", {"version": 3, "response": "Sở GD&ĐT khẳng định không thu."})
    assert set(errors(response)) == {"response_published_where", "response_url", "response_published_on"}
    response = send(
        client,
        "put",
        f"{url}/response",
        {
            "version": 3,
            "response": "Sở GD&ĐT khẳng định không thu thêm khoản nào.",
            "published_where": "Báo An Hòa điện tử",
            "url": "https://baoanhoa.example/bac-tin",
            "published_on": "22/11/2026",
        },
    )
    assert response.status_code == 200 and response.json()["response_published_on"] == "2026-11-22"
    response = post_json(bearer(world.upper), f"{url}/transitions", {"action": "reopen", "version": 4, "reason": "x"})
    assert response.status_code == 403


def test_links_and_unlinks(world):
    claim = make_claim(world)
    client = bearer(world.officer)
    issue, item = hot_issue(world), press_item(world)
    foreign = hot_issue(world, owner=world.province_dept_b, title="Của tỉnh khác")
    response = post_json(client, f"{URL}{claim.pk}/links", {"hot_issues": [foreign.pk, 987654]})
    assert errors(response)["hot_issues"] == ["Không tìm thấy: 987654."]
    response = post_json(client, f"{URL}{claim.pk}/links", {"hot_issues": [foreign.pk]})
    assert errors(response)["hot_issues"] == [f"Không tìm thấy: {foreign.pk}."]
    body = post_json(client, f"{URL}{claim.pk}/links", {"hot_issues": [issue.pk], "press_items": [item.pk]}).json()
    assert [h["id"] for h in body["hot_issues"]] == [issue.pk] and [p["id"] for p in body["press_items"]] == [item.pk]
    body = post_json(client, f"{URL}{claim.pk}/unlinks", {"hot_issues": [issue.pk]}).json()
    assert body["hot_issues"] == [] and len(body["press_items"]) == 1
    assert post_json(bearer(world.upper), f"{URL}{claim.pk}/unlinks", {"press_items": [item.pk]}).status_code == 403


def test_the_partner_reads_through_a_shared_hot_issue(world):
    claim = make_claim(world)
    claim.hot_issues.add(hot_issue(world, shared_with=[world.commune_committee]))
    client = bearer(world.partner)
    assert client.get(URL).json()["count"] == 1
    assert client.get(f"{URL}{claim.pk}").json()["transitions"] == []
    assert send(client, "patch", f"{URL}{claim.pk}", {"version": 1, "claim": "x"}).status_code == 403


def test_the_paths_are_in_the_openapi_schema():
    schema = Client().get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths[f"{API}/claims/"])
    assert {"get", "patch"} <= set(paths[f"{API}/claims/{{claim_id}}"])
    for tail in ("transitions", "links", "unlinks"):
        assert "post" in paths[f"{API}/claims/{{claim_id}}/{tail}"]
    assert "put" in paths[f"{API}/claims/{{claim_id}}/response"]
