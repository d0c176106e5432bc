"""The shared API pieces: every error is JSON with a Vietnamese `detail`, validation
errors name their field, dates accept dd/mm/yyyy, pages are {items, count, page, pages}.

A throwaway NinjaAPI with the house error handlers exercises each case, so these tests
do not depend on any domain app.
"""

import datetime as dt
from typing import Literal

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, NinjaAPI, Query, Schema
from ninja.pagination import paginate
from ninja.security import HttpBearer
from ninja.testing import TestClient
from pydantic import ConfigDict

from phoihop.core.api import (
    FilterIn,
    Pagination,
    ViDate,
    install_error_handlers,
    pydantic_message,
)
from phoihop.core.concurrency import StaleVersionError


class NobodyAuth(HttpBearer):
    def authenticate(self, request, token):
        return None


class ItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=5)
    count: int = Field(0, ge=0)
    day: ViDate | None = None
    choice: Literal["merge", "split"] = "merge"
    tags: list[str] = Field(default_factory=list, max_length=2)


class ItemFilter(FilterIn):
    choice: Literal["merge", "split"] | None = None
    day: ViDate | None = None


def build_api() -> NinjaAPI:
    api = NinjaAPI(urls_namespace="core-api-test")
    install_error_handlers(api)

    @api.get("/protected", auth=NobodyAuth())
    def protected(request):
        return {"ok": True}

    @api.get("/forbidden")
    def forbidden(request):
        raise PermissionDenied("any text")

    @api.get("/http404")
    def http404(request):
        raise Http404("any text")

    @api.get("/does-not-exist")
    def does_not_exist(request):
        raise ObjectDoesNotExist("any text")

    @api.get("/stale")
    def stale(request):
        raise StaleVersionError()

    @api.get("/service-error")
    def service_error(request):
        raise ValidationError({"name": ["Hãy nhập tên.", "Tên quá ngắn."], "__all__": ["Lỗi chung."]})

    @api.get("/plain-error")
    def plain_error(request):
        raise ValidationError("Không thể làm việc này.")

    @api.post("/items")
    def create_item(request, payload: ItemIn):
        return payload.model_dump(mode="json")

    @api.get("/filtered")
    def filtered(request, filters: Query[ItemFilter]):
        return filters.model_dump(mode="json")

    @api.get("/numbers", response=list[int])
    @paginate(Pagination)
    def numbers(request):
        return list(range(250))

    return api


@pytest.fixture(scope="module")
def api_client():
    return TestClient(build_api())


def field_messages(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


class TestErrorBodies:
    def test_unauthenticated_is_401_in_vietnamese(self, api_client):
        response = api_client.get("/protected")
        assert response.status_code == 401
        assert response.json() == {"detail": "Chưa đăng nhập hoặc mã truy cập không hợp lệ."}

    def test_permission_denied_is_403_in_vietnamese(self, api_client):
        response = api_client.get("/forbidden")
        assert response.status_code == 403
        assert response.json() == {"detail": "Bạn không có quyền thực hiện thao tác này."}

    @pytest.mark.parametrize("path", ["/http404", "/does-not-exist"])
    def test_missing_object_is_404_in_vietnamese(self, api_client, path):
        response = api_client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}

    def test_stale_version_is_409_with_its_message(self, api_client):
        response = api_client.get("/stale")
        assert response.status_code == 409
        assert response.json()["detail"].startswith("Bản ghi đã được người khác sửa")

    def test_service_validation_error_is_422_one_entry_per_message(self, api_client):
        response = api_client.get("/service-error")
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "name", "message": "Hãy nhập tên."},
            {"field": "name", "message": "Tên quá ngắn."},
            {"field": None, "message": "Lỗi chung."},
        ]
        assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."

    def test_service_error_without_field(self, api_client):
        response = api_client.get("/plain-error")
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": None, "message": "Không thể làm việc này."}]

    def test_unparseable_json_is_400_in_vietnamese(self, api_client):
        response = api_client.post("/items", data="{not json", content_type="application/json")
        assert response.status_code == 400
        assert response.json() == {"detail": "Nội dung không phải JSON hợp lệ."}


class TestValidationMessages:
    def test_missing_field(self, api_client):
        response = api_client.post("/items", json={})
        assert response.status_code == 422
        assert field_messages(response) == {"name": "Trường này là bắt buộc."}

    def test_lengths_numbers_choices_and_unknown_fields(self, api_client):
        response = api_client.post(
            "/items",
            json={"name": "quá dài", "count": "ba", "choice": "rename", "colour": "đỏ", "tags": ["a", "b", "c"]},
        )
        assert response.status_code == 422
        assert field_messages(response) == {
            "name": "Tối đa 5 ký tự.",
            "count": "Cần một số nguyên.",
            "choice": "Giá trị không hợp lệ. Chọn một trong: 'merge', 'split'.",
            "colour": "Trường này không được phép.",
            "tags": "Tối đa 2 phần tử.",
        }

    def test_empty_and_negative(self, api_client):
        response = api_client.post("/items", json={"name": "", "count": -1})
        assert field_messages(response) == {
            "name": "Trường này không được để trống.",
            "count": "Giá trị phải lớn hơn hoặc bằng 0.",
        }

    def test_body_that_is_not_an_object(self, api_client):
        response = api_client.post("/items", json=[1, 2])
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": None, "message": "Cần một đối tượng JSON."}]

    @pytest.mark.parametrize("value", ["31/02/2025", "2025-13-01", "1/7", "hôm qua", 20250701])
    def test_bad_date(self, api_client, value):
        response = api_client.post("/items", json={"name": "a", "day": value})
        assert response.status_code == 422
        assert field_messages(response) == {"day": "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."}

    @pytest.mark.parametrize("value", ["01/07/2025", "1/7/2025", "2025-07-01"])
    def test_dates_accepted_as_dd_mm_yyyy_and_iso_and_returned_as_iso(self, api_client, value):
        response = api_client.post("/items", json={"name": "a", "day": value})
        assert response.status_code == 200
        assert response.json()["day"] == "2025-07-01"

    def test_query_errors_name_the_parameter(self, api_client):
        response = api_client.get("/filtered?choice=x&day=32/01/2025")
        assert response.status_code == 422
        assert set(field_messages(response)) == {"choice", "day"}

    def test_blank_query_parameters_mean_no_filter(self, api_client):
        response = api_client.get("/filtered?choice=&day=")
        assert response.status_code == 200
        assert response.json() == {"choice": None, "day": None}

    def test_unknown_error_type_falls_back_to_a_generic_message(self):
        assert pydantic_message({"type": "something_new", "loc": ("body", "payload", "x")}) == "Giá trị không hợp lệ."

    def test_json_invalid_type(self):
        assert pydantic_message({"type": "json_invalid"}) == "Nội dung không phải JSON hợp lệ."


class TestPagination:
    def test_default_page_size_comes_from_settings(self, api_client, settings):
        settings.PAGE_SIZE = 10
        body = api_client.get("/numbers").json()
        assert body == {"items": list(range(10)), "count": 250, "page": 1, "pages": 25}

    def test_page_and_page_size(self, api_client):
        body = api_client.get("/numbers?page=3&page_size=100").json()
        assert body["items"] == list(range(200, 250))
        assert (body["count"], body["page"], body["pages"]) == (250, 3, 3)

    def test_page_size_is_capped_at_100(self, api_client):
        body = api_client.get("/numbers?page_size=1000").json()
        assert len(body["items"]) == 100
        assert body["pages"] == 3

    def test_page_past_the_end_is_empty(self, api_client):
        body = api_client.get("/numbers?page=99").json()
        assert body["items"] == []
        assert body["count"] == 250

    def test_page_zero_is_422(self, api_client):
        response = api_client.get("/numbers?page=0")
        assert response.status_code == 422
        assert field_messages(response) == {"page": "Giá trị phải lớn hơn hoặc bằng 1."}

    def test_dates_schema_is_iso_in_openapi(self):
        schema = ItemIn.model_json_schema()
        day = schema["properties"]["day"]["anyOf"][0]
        assert day == {"format": "date", "type": "string"}
        assert dt.date(2025, 7, 1).isoformat() == "2025-07-01"


def test_pagination_also_works_for_async_endpoints():
    import asyncio

    from phoihop.core.api import Pagination

    paginator = Pagination()
    pagination = Pagination.Input(page=2, page_size=2)

    async def page():
        return await paginator.apaginate_queryset(list(range(5)), pagination, None)

    result = asyncio.run(page())
    assert (list(result["items"]), result["count"], result["pages"]) == ([2, 3], 5, 3)
