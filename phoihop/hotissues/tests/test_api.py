"""The hot issues API per persona: list with the page's filters (constant queries),
fetch, create by hand and from a source, update (409 when stale), transitions (422 with
the Vietnamese reason), hand-over and answer, share, rules, response tasks; OpenAPI."""

import datetime as dt

import pytest

from phoihop.hotissues.models import HandOver, HotIssue
from phoihop.hotissues.tests.factories import IssueRowFactory, make_issue, make_report_item, topic
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, bearer, errors, patch_json, post_json

pytestmark = pytest.mark.django_db

URL = f"{API}/hot-issues"


def body(world, **overrides) -> dict:
    return {
        "owner": world.target.pk,
        "title": "Khiếu kiện về đất đai",
        "area": world.commune_c.pk,
        "topic": topic().pk,
        "severity": "high",
        **overrides,
    }


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 200), ("partner", 404), ("outsider", 404)])
def test_fetch_per_persona(world, persona, status):
    issue = make_issue(world)
    response = bearer(getattr(world, persona)).get(f"{URL}/{issue.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
    else:
        assert response.json()["allowed_actions"] == (["assess"] if persona == "officer" else [])


def test_create_from_a_source_and_refusals(world, people):
    client = bearer(world.officer)
    item = make_report_item(world, people.collaborator)
    response = post_json(client, f"{URL}/", body(world, source={"kind": "opinion_item", "id": item.pk}))
    assert response.status_code == 201, response.content
    assert [s["object_id"] for s in response.json()["sources"]] == [item.pk]
    assert errors(post_json(client, f"{URL}/", body(world, title=" "))) == {"title": ["Hãy nhập tên vấn đề."]}
    assert post_json(bearer(people.collaborator), f"{URL}/", body(world)).status_code == 403
    assert post_json(bearer(world.upper), f"{URL}/", body(world)).status_code == 403
    assert HotIssue.objects.count() == 1


def test_update_with_a_stale_version_is_409(world):
    issue = make_issue(world)
    client = bearer(world.officer)
    assert patch_json(client, f"{URL}/{issue.pk}", {"version": 1, "severity": "critical"}).status_code == 200
    response = patch_json(client, f"{URL}/{issue.pk}", {"version": 1, "title": "Cũ"})
    assert response.status_code == 409 and "người khác sửa" in response.json()["detail"]
    assert patch_json(bearer(world.upper), f"{URL}/{issue.pk}", {"version": 2, "title": "X"}).json() == FORBIDDEN


def test_transition_needs_a_reason_and_the_right_state(world):
    issue = make_issue(world)
    client = bearer(world.officer)
    url = f"{URL}/{issue.pk}/transition"
    assert errors(post_json(client, url, {"action": "assess", "version": 1})) == {"reason": ["Hãy nêu lý do."]}
    assert "action" in errors(post_json(client, url, {"action": "resolve", "version": 1, "reason": "x"}))
    response = post_json(client, url, {"action": "assess", "version": 1, "reason": "Xác minh"})
    assert response.json()["status"] == "assessing" and response.json()["events"][-1]["reason"] == "Xác minh"
    assert post_json(client, url, {"action": "advise", "version": 1, "reason": "x"}).status_code == 409


def test_hand_over_and_answer(world):
    issue = make_issue(world)
    response = post_json(
        bearer(world.officer),
        f"{URL}/{issue.pk}/hand-overs",
        {"to_organization": world.province_dept_a.pk, "note": "Đề nghị"},
    )
    assert "cùng cấp, cùng địa bàn" in errors(response)["to_organization"][0]
    response = post_json(
        bearer(world.officer),
        f"{URL}/{issue.pk}/hand-overs",
        {"to_organization": world.commune_committee.pk, "note": "Đề nghị đối thoại"},
    )
    hand_over = response.json()["id"]
    assert bearer(world.partner).get(f"{URL}/{issue.pk}").status_code == 200
    answer = f"{URL}/hand-overs/{hand_over}/answer"
    assert post_json(bearer(world.officer), answer, {"accept": True}).status_code == 403
    assert errors(post_json(bearer(world.partner), answer, {"accept": False})) == {"reason": ["Hãy nêu lý do trả lại."]}
    assert post_json(bearer(world.partner), answer, {"accept": True}).json()["status"] == "accepted"
    assert HandOver.objects.get().answered_by == world.partner


def test_share_and_rules(world, people):
    issue = make_issue(world)
    client = bearer(world.officer)
    response = client.put(
        f"{URL}/{issue.pk}/shares",
        {"version": 1, "organizations": [world.commune_committee.pk]},
        content_type="application/json",
    )
    assert [o["id"] for o in response.json()["shared_with"]] == [world.commune_committee.pk]
    assert bearer(world.partner).get(f"{URL}/{issue.pk}").status_code == 200
    rule = post_json(
        client, f"{URL}/rules", {"department": world.target.pk, "name": "Quá 3 ngày", "unresolved_days": 3}
    )
    assert rule.status_code == 201
    assert (
        post_json(
            bearer(world.outsider), f"{URL}/rules", {"department": world.target.pk, "name": "X", "min_severity": "low"}
        ).status_code
        == 403
    )
    assert [r["name"] for r in bearer(people.leader).get(f"{URL}/rules").json()["items"]] == ["Quá 3 ngày"]
    assert bearer(world.outsider).get(f"{URL}/rules").json()["items"] == []


def test_a_task_without_a_programme_is_422(world):
    issue = make_issue(world)
    response = post_json(
        bearer(world.officer),
        f"{URL}/{issue.pk}/tasks",
        {"title": "Đối thoại", "lead": world.target.pk, "due_date": "15/12/2026"},
    )
    assert "chưa gắn với chương trình" in errors(response)[None][0]


def test_list_filters_and_constant_queries(world, django_assert_max_num_queries):
    client = bearer(world.upper)
    for count in (3, 30):
        while HotIssue.objects.count() < count:
            IssueRowFactory(owner=world.target, area=world.commune_c, severity="low")
        with django_assert_max_num_queries(8):
            assert client.get(f"{URL}/").json()["count"] == count
    IssueRowFactory(owner=world.target, area=world.commune_c, severity="critical", detected_at=dt.datetime.now(dt.UTC))
    assert client.get(f"{URL}/?severity=critical").json()["count"] == 1


def test_openapi_lists_the_hot_issue_operations(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert f"{API}/hot-issues/{{issue_id}}/transition" in schema["paths"]
