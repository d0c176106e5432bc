"""The opinion API per persona: create with items (422 with Vietnamese field errors,
nothing stored), update a draft (409 on a stale version), submit, correct; topics, tags,
the calendar; the flagged items the hot-issue triage builds on; the OpenAPI schema."""

import datetime as dt

import pytest
from django.test import Client

from phoihop.opinion import selectors
from phoihop.opinion.models import OpinionReport, Topic
from phoihop.opinion.tests.factories import at, file_report, item
from phoihop.programs.tests.test_api_common import API, bearer

pytestmark = pytest.mark.django_db

URL = f"{API}/opinion"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def body(world, **overrides) -> dict:
    data = {
        "department": world.target.pk,
        "kind": "periodic",
        "area": world.commune_c.pk,
        "year": 2026,
        "period": 10,
        "items": [
            {
                "topic": Topic.objects.get(code="land").pk,
                "direction": "opposing",
                "intensity": "high",
                "breadth": "many",
                "summary": "Phản đối phương án tái định cư.",
                "flagged_hot": True,
            }
        ],
        "submit": True,
    }
    data.update(overrides)
    return data


def test_create_submit_and_fetch(world, people):
    client = bearer(people.collaborator)
    response = post(client, f"{URL}/reports", body(world))
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["title"], data["items"][0]["topic"]["code"]) == ("submitted", "Tháng 10/2026", "land")
    assert bearer(world.officer).get(f"{URL}/reports/{data['id']}").status_code == 200
    assert bearer(people.collaborator_2).get(f"{URL}/reports/{data['id']}").status_code == 404
    assert bearer(world.outsider).get(f"{URL}/reports/{data['id']}").status_code == 404


def test_bad_input_is_422_in_vietnamese_and_stores_nothing(world, people):
    client = bearer(people.collaborator)
    response = post(client, f"{URL}/reports", body(world, period=12))
    assert response.status_code == 422
    fields = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert "chưa bắt đầu" in fields["period"]
    bad_item = body(world)
    bad_item["items"][0]["topic"] = 999999
    fields = {e["field"]: e["message"] for e in post(client, f"{URL}/reports", bad_item).json()["errors"]}
    assert "chủ đề không có trong danh mục" in fields["items"]
    response = post(client, f"{URL}/reports", body(world, area=world.province_b.pk))
    assert response.status_code == 422
    response = post(client, f"{URL}/reports", body(world, unknown=1))
    assert response.status_code == 422
    assert not OpinionReport.objects.exists()
    post(client, f"{URL}/reports", body(world))
    again = post(client, f"{URL}/reports", body(world))
    assert again.status_code == 422
    assert "đã nộp báo cáo" in {e["field"]: e["message"] for e in again.json()["errors"]}["period"]


def test_draft_update_409_on_stale_and_submit(world, people):
    client = bearer(people.collaborator)
    draft = post(client, f"{URL}/reports", body(world, period=11, submit=False)).json()
    payload = {"version": draft["version"], "area": world.commune_c.pk, "year": 2026, "period": 11,
               "items": body(world)["items"]}  # fmt: skip
    response = client.put(f"{URL}/reports/{draft['id']}", payload, content_type="application/json")
    assert response.status_code == 200
    stale = client.put(f"{URL}/reports/{draft['id']}", payload, content_type="application/json")
    assert stale.status_code == 409
    assert "người khác sửa" in stale.json()["detail"]
    assert bearer(people.collaborator_2).put(f"{URL}/reports/{draft['id']}", payload,
                                             content_type="application/json").status_code == 404  # fmt: skip
    version = response.json()["version"]
    submitted = post(client, f"{URL}/reports/{draft['id']}/submit", {"version": version})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert post(client, f"{URL}/reports/{draft['id']}/submit", {"version": version}).status_code in (403, 422)


def test_correct(world, people):
    original = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    payload = {"version": original.version, "area": world.commune_c.pk, "items": body(world)["items"], "submit": True}
    response = post(bearer(people.collaborator), f"{URL}/reports/{original.pk}/corrections", payload)
    assert response.status_code == 201
    assert response.json()["corrects_id"] == original.pk
    stale = post(bearer(people.collaborator), f"{URL}/reports/{original.pk}/corrections", payload)
    assert stale.status_code == 409
    assert post(bearer(world.officer), f"{URL}/reports/{original.pk}/corrections", payload).status_code == 403
    assert post(bearer(people.collaborator_2), f"{URL}/reports/{original.pk}/corrections", payload).status_code == 404


def test_topics_tags_and_calendar(world, people):
    topics = bearer(world.partner).get(f"{URL}/topics?active=true").json()
    assert "Đất đai, giải phóng mặt bằng" in [t["name"] for t in topics]
    assert any(t["name"] == "Tết Nguyên đán" for t in bearer(world.partner).get(f"{URL}/tags").json())
    cal = bearer(world.officer).get(f"{URL}/calendar/{world.target.pk}").json()
    assert (cal["frequency"], cal["due_day"], cal["is_default"]) == ("monthly", 25, True)
    assert bearer(world.outsider).get(f"{URL}/calendar/{world.target.pk}").status_code == 404
    change = {"frequency": "quarterly", "due_day": 15, "remind_days_before": 5, "version": 1}
    url = f"{URL}/calendar/{world.target.pk}"
    assert bearer(world.upper).put(url, change, content_type="application/json").status_code == 403
    assert bearer(world.officer).put(url, change, content_type="application/json").json()["frequency"] == "quarterly"
    assert bearer(people.leader).put(url, change, content_type="application/json").status_code == 409
    bad = bearer(people.leader).put(url, {**change, "due_day": 40, "version": 2}, content_type="application/json")
    assert bad.status_code == 422


def test_flagged_items_for_the_hot_issue_triage(world, people):
    october = at(dt.date(2026, 10, 20))
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10, when=october,
                items=[item(flagged_hot=True), item("health")])  # fmt: skip
    file_report(
        people.collaborator_2,
        world.target,
        world.commune_c,
        year=2026,
        period=11,
        submit=False,
        items=[item(flagged_hot=True)],
    )  # fmt: skip — a draft: nobody triages it
    assert selectors.flagged_items(world.officer).count() == 1
    assert selectors.flagged_items(world.upper, department=world.target).count() == 1
    assert selectors.flagged_items(world.outsider).count() == 0
    assert selectors.flagged_items(world.partner).count() == 0
    assert selectors.flagged_items(people.collaborator_2).count() == 0


def test_openapi_lists_the_opinion_paths():
    paths = Client().get(f"{API}/openapi.json").json()["paths"]
    for path in ("/api/v1/opinion/reports", "/api/v1/opinion/summary/{department_id}",
                 "/api/v1/opinion/matrix/{department_id}/{year}", "/api/v1/opinion/topics"):  # fmt: skip
        assert path in paths
