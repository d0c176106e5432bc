"""The search page (/search/), the box in every page's header, and the API
(/api/v1/search/): who finds what, hints instead of errors, constant query counts."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from phoihop.accounts.api import api_token_issue
from phoihop.programs.tests.factories import make_program, program_rows
from phoihop.search import indexer
from phoihop.search.tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/search/"
API = "/api/v1/search/"


def bearer(user) -> Client:
    _, raw = api_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def land(world):
    """A programme and a hot issue of the target about land (đất đai) in Đắk Lắk."""
    program = make_program(world, title="Tuyên truyền chính sách đất đai", purpose="Giải thích cho người dân Đắk Lắk.")
    issue = factories.hot_issue(world.target, world.commune_c, "Khiếu kiện đất đai kéo dài", "Ở thôn Đắk Lắk.")
    return program, issue


class TestPage:
    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(PAGE, {"q": "dat dai"})
        assert response.status_code == 302 and "/login" in response["Location"]

    def test_officer_finds_marked_results_with_links(self, world, client_for, land):
        program, issue = land
        response = client_for(world.officer).get(PAGE, {"q": "dat dai"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Có 2 kết quả." in html
        assert "Tuyên truyền chính sách <mark>đất</mark> <mark>đai</mark>" in html
        assert f'href="/programs/{program.pk}/"' in html
        assert "Vấn đề nổi cộm" in html and "Chương trình phối hợp" in html  # the kinds, with their counts

    def test_the_kind_filter(self, world, client_for, land):
        response = client_for(world.officer).get(PAGE, {"q": "dat dai", "kind": "hot_issue"})
        html = response.content.decode()
        assert "Có 1 kết quả." in html
        assert "Khiếu kiện <mark>đất</mark> <mark>đai</mark> kéo <mark>dài</mark>" in html  # "dai" also begins "dài"
        assert "Tuyên truyền chính sách" not in html

    def test_outsider_finds_nothing(self, world, client_for, land):
        html = client_for(world.outsider).get(PAGE, {"q": "dat dai"}).content.decode()
        assert "Có 0 kết quả." in html and "Không tìm thấy kết quả nào" in html
        assert "Khiếu kiện" not in html

    def test_upper_level_finds_the_communes_records(self, world, client_for, land):
        assert "Có 2 kết quả." in client_for(world.upper).get(PAGE, {"q": "dak lak"}).content.decode()

    @pytest.mark.parametrize("query", ["", "d", " -- ", "*"])
    def test_empty_or_too_short_gives_a_hint(self, world, client_for, query):
        response = client_for(world.officer).get(PAGE, {"q": query})
        assert response.status_code == 200
        assert "Nhập ít nhất 2 chữ cái hoặc chữ số để tìm." in response.content.decode()

    def test_too_long_is_bounded_and_said(self, world, client_for, land):
        response = client_for(world.officer).get(PAGE, {"q": "dat dai " + "x" * 5000})
        assert response.status_code == 200
        assert "Từ khóa quá dài: chỉ 200 ký tự đầu được dùng để tìm." in response.content.decode()

    def test_htmx_gets_the_results_only(self, world, client_for, land):
        response = client_for(world.officer).get(PAGE, {"q": "dat dai"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "<mark>đất</mark>" in html and "<html" not in html

    def test_every_page_has_the_search_box(self, world, client_for):
        html = client_for(world.officer).get("/programs/").content.decode()
        assert 'action="/search/"' in html and 'name="q"' in html

    @pytest.mark.parametrize("rows", [3, 30])
    def test_query_count_does_not_grow_with_results(self, world, client_for, rows, django_assert_max_num_queries):
        program_rows(world.target, world.commune_committee, count=rows, title="Đất đai Cẩm Đức")
        indexer.rebuild(["program"])
        client = client_for(world.officer)
        with django_assert_max_num_queries(16):
            response = client.get(PAGE, {"q": "dat dai"})
        assert response.content.decode().count("search-hit__title") == min(rows, 20)


class TestApi:
    def test_results_with_kind_id_title_snippet_url_rank(self, world, land):
        program, issue = land
        response = bearer(world.officer).get(API, {"q": "dat dai"})
        assert response.status_code == 200
        body = response.json()
        assert (body["count"], body["page"], body["pages"], body["too_short"]) == (2, 1, 1, False)
        assert {(item["kind"], item["id"]) for item in body["items"]} == {
            ("program", program.pk),
            ("hot_issue", issue.pk),
        }
        first = body["items"][0]
        assert set(first) == {"kind", "id", "title", "title_html", "snippet", "url", "rank"}
        assert "<mark>đất</mark> <mark>đai</mark>" in first["title_html"]
        assert body["items"][0]["rank"] >= body["items"][1]["rank"]
        assert {row["kind"]: row["count"] for row in body["kinds"]} == {"program": 1, "hot_issue": 1}

    def test_kind_and_page(self, world, land):
        body = bearer(world.officer).get(API, {"q": "dat dai", "kind": "hot_issue"}).json()
        assert [item["kind"] for item in body["items"]] == ["hot_issue"]
        assert bearer(world.officer).get(API, {"q": "dat dai", "page": 9}).json()["page"] == 1  # clamped

    def test_an_unknown_kind_is_a_422_in_vietnamese(self, world):
        response = bearer(world.officer).get(API, {"q": "dat dai", "kind": "khong-co"})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "kind"

    def test_anonymous_gets_401(self, db):
        assert Client().get(API, {"q": "dat dai"}).status_code == 401

    def test_outsider_finds_nothing(self, world, land):
        body = bearer(world.outsider).get(API, {"q": "dat dai"}).json()
        assert (body["count"], body["items"], body["kinds"]) == (0, [], [])

    @pytest.mark.parametrize("query", ['"', "NEAR(dat", "dat:* & !", "-", "x" * 5000])
    def test_nasty_queries_are_answered(self, world, land, query):
        assert bearer(world.officer).get(API, {"q": query}).status_code == 200

    def test_too_short(self, world):
        body = bearer(world.officer).get(API, {"q": "d"}).json()
        assert (body["too_short"], body["count"], body["items"]) == (True, 0, [])

    @pytest.mark.parametrize("rows", [3, 30])
    def test_query_count_does_not_grow_with_results(self, world, rows, django_assert_max_num_queries):
        program_rows(world.target, world.commune_committee, count=rows, title="Đất đai Cẩm Đức")
        indexer.rebuild(["program"])
        client = bearer(world.officer)
        with django_assert_max_num_queries(14):
            assert client.get(API, {"q": "dat dai"}).json()["count"] == rows

    def test_is_in_the_openapi_schema(self, db):
        schema = json.loads(Client().get("/api/v1/openapi.json").content)
        operation = schema["paths"][API]["get"]
        assert {parameter["name"] for parameter in operation["parameters"]} >= {"q", "kind", "page"}
