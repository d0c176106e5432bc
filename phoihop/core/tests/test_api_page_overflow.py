"""A page number whose offset would not fit a database integer is a 422 with a Vietnamese
message on every paginated list, never a crash of the database driver."""

import pytest
from django.test import Client

from phoihop.accounts.services import api_token_issue


@pytest.fixture
def api(world):
    token = api_token_issue(user=world.officer)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/meetings/", "/api/v1/inspections/", "/api/v1/exemplary-models/", "/api/v1/reports/", "/api/v1/tasks/"],
)
@pytest.mark.parametrize("page", [str(10**23), str(2**62)])
def test_a_huge_page_is_422(api, path, page):
    response = api.get(path, {"page": page})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "page"
    assert error["message"] == "Giá trị phải nhỏ hơn hoặc bằng 1000000."


def test_an_ordinary_page_passes(api):
    assert api.get("/api/v1/meetings/", {"page": "3"}).status_code == 200
