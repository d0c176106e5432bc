"""A number too large for a database integer is a 422 with a Vietnamese message (SQLite's
driver cannot bind it and would crash the request), in filters and in bodies alike."""

import pytest
from django.test import Client

from phoihop.accounts.services import api_token_issue

HUGE = 10**25


@pytest.fixture
def api(world):
    token = api_token_issue(user=world.officer)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/programs/", "party"),
        ("/api/v1/tasks/", "lead"),
        ("/api/v1/documents/", "owner"),
        ("/api/v1/organisations/", "province"),
    ],
)
def test_a_huge_id_in_a_filter_is_422(api, path, field):
    response = api.get(path, {field: str(HUGE)})
    assert response.status_code == 422
    assert {"field": field, "message": "Số quá lớn."} in response.json()["errors"]


def test_a_huge_id_in_a_body_list_is_422(api, world):
    response = api.post(
        "/api/v1/programs/",
        {
            "title": "Chương trình thử",
            "start_year": 2026,
            "end_year": 2027,
            "parties": [{"organization": world.target.pk, "role": "lead"}, {"organization": HUGE, "role": "partner"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"field": "parties.1.organization", "message": "Số quá lớn."} in response.json()["errors"]


def test_ordinary_ids_pass(api, world):
    assert api.get("/api/v1/tasks/", {"lead": str(world.target.pk)}).status_code == 200
