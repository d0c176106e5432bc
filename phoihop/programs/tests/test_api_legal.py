"""/api/v1/legal-references/parse: a citation → its parsed fields and canonical form;
an unparseable text → 422 with the parser's Vietnamese message. Writes nothing."""

import pytest

from phoihop.programs import legal
from phoihop.programs.models import LegalReference
from phoihop.programs.tests.test_api_common import API, bearer, errors, post_json

URL = f"{API}/legal-references/parse"


@pytest.mark.django_db
class TestParse:
    def test_anonymous_gets_401(self, client):
        response = post_json(client, URL, {"citation": "Quyết định số 238-QĐ/TW"})
        assert response.status_code == 401

    @pytest.mark.parametrize("persona", ["officer", "nobody", "admin"])
    def test_any_signed_in_user_may_parse(self, world, persona):
        response = post_json(bearer(getattr(world, persona)), URL, {"citation": "Công văn số 93-CV/TU"})
        assert response.status_code == 200
        assert response.json()["symbol"] == "93-CV/TU"

    def test_party_decision_238(self, world):
        citation = "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)"
        response = post_json(bearer(world.officer), URL, {"citation": citation})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body == {
            "doc_type": "Quyết định",
            "doc_type_key": body["doc_type_key"],
            "number": "238",
            "year": 2020,
            "type_code": "QĐ",
            "issuer_code": "TW",
            "symbol": "238-QĐ/TW",
            "date": "2020-09-30",
            "issuing_body": "Ban Bí thư",
            "term": "khóa XII",
            "style": "party",
            "title": None,
            "canonical": citation,
        }
        assert not LegalReference.objects.exists()

    def test_state_decree(self, world):
        body = post_json(bearer(world.officer), URL, {"citation": "Nghị định số 30/2020/NĐ-CP"}).json()
        assert (body["style"], body["number"], body["year"], body["type_code"], body["issuer_code"]) == (
            "state",
            "30",
            2020,
            "NĐ",
            "CP",
        )
        assert body["canonical"] == "Nghị định số 30/2020/NĐ-CP"

    @pytest.mark.parametrize("garbage", ["xin chào các bạn", "!!! ???", "12345 abc"])
    def test_garbage_is_422_with_the_parsers_vietnamese_message(self, world, garbage):
        response = post_json(bearer(world.officer), URL, {"citation": garbage})
        found = errors(response)
        assert list(found) == ["citation"]
        with pytest.raises(legal.CitationError) as raised:
            legal.parse_citation(garbage)
        assert found["citation"] == [str(raised.value)]
        assert found["citation"][0].startswith("Không ")  # the parser's own Vietnamese message
        assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"citation": ""}, "Trường này không được để trống."),
            ({}, "Trường này là bắt buộc."),
            ({"citation": "x" * 701}, "Tối đa 700 ký tự."),
            ({"citation": "   "}, "Chưa nhập trích dẫn văn bản."),
        ],
    )
    def test_empty_or_oversized_input_is_422(self, world, body, message):
        assert errors(post_json(bearer(world.officer), URL, body)) == {"citation": [message]}


@pytest.mark.django_db
def test_openapi_lists_the_parse_path(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    operation = paths[f"{API}/legal-references/parse"]["post"]
    assert {"200", "401", "422"} <= set(operation["responses"])
    assert operation.get("security")
