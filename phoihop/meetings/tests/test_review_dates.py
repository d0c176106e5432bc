"""Review of issue 6: a meeting dated in year 1 or 9999 is refused with a Vietnamese
message, never a 500 (the moment overflowed when converted to UTC to be stored)."""

import json

import pytest

from phoihop.accounts.services import api_token_issue
from phoihop.meetings.models import Meeting
from phoihop.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

MESSAGE = "Năm phải từ 1990 đến 2100."
VALUES = ["01/01/0001 00:00", "0001-01-01T00:00:00", "31/12/9999 23:59", "9999-12-31T23:59:59-12:00"]


@pytest.fixture
def api(world, client):
    token = api_token_issue(user=world.officer)[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("value", VALUES)
def test_the_api_refuses_a_meeting_out_of_the_years(world, api, value):
    body = {"kind": "quarterly_briefing", "title": "Giao ban quý IV", "owner": world.target.pk, "starts_at": value}
    response = api.post("/api/v1/meetings/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert {"field": "starts_at", "message": MESSAGE} in response.json()["errors"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("value", VALUES)
def test_the_api_refuses_an_end_out_of_the_years(world, api, value):
    meeting = make_meeting(world)
    body = {"version": meeting.version, "ends_at": value}
    response = api.patch(f"/api/v1/meetings/{meeting.pk}", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert {"field": "ends_at", "message": MESSAGE} in response.json()["errors"]
    meeting.refresh_from_db()
    assert meeting.ends_at is None or meeting.ends_at.year < 9999


@pytest.mark.parametrize("value", ["01/01/0001 00:00", "31/12/9999 23:59"])
def test_the_page_refuses_a_meeting_out_of_the_years(world, client_for, value):
    client = client_for(world.officer)
    client.raise_request_exception = False
    body = {"kind": "quarterly_briefing", "title": "Giao ban quý IV", "owner": world.target.pk, "starts_at": value}
    response = client.post("/meetings/new/", body)
    assert response.status_code in (200, 422)  # the form says why; never a 500
    assert not Meeting.objects.exists()
