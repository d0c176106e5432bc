"""The meetings API per persona: list with the page's filters (constant queries), fetch,
create (422 with Vietnamese field errors, nothing stored), update (409 on a stale
version), transitions, conclusions, conclusion → task, .ics; the paths in OpenAPI."""

import json

import pytest
from django.test import Client

from phoihop.meetings.models import Meeting, MeetingConclusion
from phoihop.meetings.tests.factories import TITLE, make_meeting, make_scene, meeting_rows
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import Task
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, STALE, bearer, errors, post_json

pytestmark = pytest.mark.django_db

URL = f"{API}/meetings/"


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def new_meeting(world, **overrides) -> dict:
    return {
        "owner": world.target.pk,
        "kind": "quarterly_briefing",
        "title": "Giao ban trực tuyến quý IV năm 2026",
        "starts_at": "18/12/2026 08:00",
        "ends_at": "2026-12-18T11:30:00+07:00",
        "is_online": True,
        "participants": [world.commune_committee.pk],
        "connection_points": [
            {"name": "Hội trường Đảng ủy xã", "organization": world.target.pk, "is_main": True},
            {"name": "Hội trường UBND xã", "organization": world.commune_committee.pk},
        ],
    } | overrides


@pytest.fixture
def scene(world):
    return make_scene(world)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("partner", 200), ("upper", 200), ("admin", 200), ("outsider", 404), ("nobody", 404)],
)
def test_who_fetches_a_meeting(world, scene, persona, status):
    response = bearer(getattr(world, persona)).get(f"{URL}{scene.meeting.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
        return
    body = response.json()
    assert body["title"] == TITLE and body["status_label"] == "Đã tổ chức"
    assert body["starts_at"] == "2026-10-15T01:00:00Z"
    assert [c["number"] for c in body["conclusions"]] == [1, 2]
    assert body["progress"] == {"done": 0, "total": 2, "percent": 0}
    assert [p["name"] for p in body["participants"]] == ["Đảng ủy xã Cẩm Đức", "Ủy ban nhân dân xã Cẩm Đức"]


def test_anonymous_gets_401():
    assert Client().get(URL).status_code == 401


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_keeps_its_queries(world, rows, django_assert_max_num_queries):
    meeting_rows(world.target, [world.commune_committee], count=rows, conclusions=1)
    client = bearer(world.officer)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"status": "held", "year": 2026})
    assert response.status_code == 200 and response.json()["count"] == rows


def test_the_list_filters_like_the_page(world, scene):
    make_meeting(world, title="Họp báo quý IV", kind=Meeting.Kind.PRESS_CONFERENCE, held=False)
    client = bearer(world.upper)
    assert [m["title"] for m in client.get(URL, {"kind": "press_conference"}).json()["items"]] == ["Họp báo quý IV"]
    assert [m["title"] for m in client.get(URL, {"q": "giao ban"}).json()["items"]] == [TITLE]
    assert client.get(URL, {"program": scene.program.pk}).json()["count"] == 1
    assert bearer(world.outsider).get(URL).json()["count"] == 0
    assert client.get(URL, {"kind": "party"}).status_code == 422


def test_create_an_online_meeting(world):
    response = post_json(bearer(world.officer), URL, new_meeting(world))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["starts_at"] == "2026-12-18T01:00:00Z" and body["status"] == "planned"
    assert [(p["name"], p["is_main"]) for p in body["connection_points"]] == [
        ("Hội trường Đảng ủy xã", True),
        ("Hội trường UBND xã", False),
    ]


def test_bad_input_is_422_with_vietnamese_messages_and_nothing_stored(world):
    client = bearer(world.officer)
    found = errors(post_json(client, URL, new_meeting(world, title=" ", connection_points=[])))
    assert found["title"] == ["Hãy nhập tên hội nghị."]
    assert found["connection_points"] == ["Hội nghị trực tuyến cần ít nhất một điểm cầu."]
    assert "starts_at" in errors(post_json(client, URL, new_meeting(world, starts_at="31/02/2026 08:00")))
    assert "participants" in errors(post_json(client, URL, new_meeting(world, participants=[world.province_dept_b.pk])))
    assert post_json(bearer(world.upper), URL, new_meeting(world)).status_code == 403
    assert "owner" in errors(post_json(bearer(world.partner), URL, new_meeting(world)))
    assert not Meeting.objects.exists()


def test_update_with_version_and_409_when_stale(world, scene):
    meeting = scene.meeting
    client = bearer(world.officer)
    url = f"{URL}{meeting.pk}"
    response = send(client, "patch", url, {"version": meeting.version, "minutes": "Biên bản hội nghị"})
    assert response.status_code == 200 and response.json()["minutes"] == "Biên bản hội nghị"
    stale = send(client, "patch", url, {"version": meeting.version, "title": "Khác"})
    assert stale.status_code == 409 and STALE in stale.json()["detail"]
    assert send(bearer(world.partner), "patch", url, {"version": 9, "title": "X"}).json() == FORBIDDEN
    assert send(bearer(world.upper), "patch", url, {"version": 9, "title": "X"}).status_code == 403
    assert send(bearer(world.outsider), "patch", url, {"version": 9, "title": "X"}).status_code == 404
    assert Meeting.objects.get().title == TITLE


def test_transitions(world):
    meeting = make_meeting(world, held=False)
    client = bearer(world.officer)
    url = f"{URL}{meeting.pk}/transitions"
    assert "action" in errors(post_json(client, url, {"action": "hold", "version": meeting.version}))
    assert errors(post_json(client, url, {"action": "cancel", "version": meeting.version}))["reason"] == [
        "Hãy nêu lý do."
    ]
    done = post_json(client, url, {"action": "cancel", "version": meeting.version, "reason": "Hoãn theo chỉ đạo"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled" and done.json()["transitions"] == []


def test_conclusions_and_conclusion_to_task(world, scene):
    meeting = scene.meeting
    client = bearer(world.officer)
    added = post_json(client, f"{URL}{meeting.pk}/conclusions", {"text": "Ba là: tổng kết năm 2026"})
    assert added.status_code == 201 and [c["number"] for c in added.json()["conclusions"]] == [1, 2, 3]
    assert post_json(bearer(world.partner), f"{URL}{meeting.pk}/conclusions", {"text": "X"}).status_code == 403
    third = meeting.conclusions.get(number=3)
    base = f"{URL}{meeting.pk}/conclusions/{third.pk}"
    edited = send(client, "patch", base, {"version": 1, "text": "Ba là: sơ kết"})
    assert edited.status_code == 200 and edited.json()["version"] == 2
    assert send(client, "patch", base, {"version": 1, "text": "Khác"}).status_code == 409

    task_url = f"{base}/task"
    front = OrganizationFactory(
        name="Ủy ban Mặt trận Tổ quốc xã Cẩm Đức",
        kind=Organization.Kind.FATHERLAND_FRONT,
        level=Level.COMMUNE,
        administrative_unit=world.commune_c,
    )  # a same-level body the officer sees, not a participant
    outside = errors(post_json(client, task_url, {"version": 2, "lead": front.pk, "due_date": "31/12/2026"}))
    assert outside["lead"] == [
        "Ủy ban Mặt trận Tổ quốc xã Cẩm Đức không tham dự hội nghị: cơ quan chủ trì nhiệm vụ từ kết luận "
        "phải là một cơ quan tham dự hội nghị."
    ]
    no_plan = errors(
        post_json(client, task_url, {"version": 2, "lead": world.commune_committee.pk, "due_date": "31/03/2027"})
    )
    assert "chưa có kế hoạch năm 2027" in no_plan[None][0]
    assert not Task.objects.exists()
    made = post_json(
        client,
        task_url,
        {"version": 2, "lead": world.commune_committee.pk, "partners": [world.target.pk], "due_date": "31/12/2026"},
    )
    assert made.status_code == 201, made.content
    task = made.json()["task"]
    assert task["lead"]["name"] == "Ủy ban nhân dân xã Cẩm Đức" and task["bucket"] == "open_on_time"
    assert task["progress"] == 0 and task["due_date"] == "2026-12-31"
    assert client.delete(f"{base}?version=3").status_code == 422
    first = meeting.conclusions.get(number=1)
    assert client.delete(f"{URL}{meeting.pk}/conclusions/{first.pk}?version=1").status_code == 204
    assert MeetingConclusion.objects.count() == 2


def test_ics_endpoints(world, scene):
    response = bearer(world.partner).get(f"{URL}{scene.meeting.pk}/ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261015T080000" in response.content.decode()
    assert bearer(world.outsider).get(f"{URL}{scene.meeting.pk}/ics").status_code == 404
    calendar = bearer(world.officer).get(f"{URL}calendar.ics", {"kind": "quarterly_briefing"})
    assert calendar.status_code == 200 and calendar.content.decode().count("BEGIN:VEVENT") == 1


def test_openapi_documents_the_paths(world):
    schema = bearer(world.officer).get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{meeting_id}/conclusions/{conclusion_id}/task",
    ):
        assert path in paths, path
    assert paths["/api/v1/meetings/"]["post"]["summary"] == "Lên lịch hội nghị"


def test_a_task_lead_the_user_cannot_see_is_unknown_not_named(world, scene):
    """Review of issue 6: the refusal named any organisation of the country by its id."""
    conclusion = scene.meeting.conclusions.get(number=1)
    url = f"{URL}{scene.meeting.pk}/conclusions/{conclusion.pk}/task"
    client = bearer(world.officer)
    body = {"version": conclusion.version, "lead": world.province_dept_b.pk, "due_date": "31/12/2026"}
    response = post_json(client, url, body)
    assert errors(response)["lead"] == [f"Không tìm thấy: {world.province_dept_b.pk}."]
    assert world.province_dept_b.name not in str(response.json())
    body = {**body, "lead": world.commune_committee.pk, "partners": [world.province_dept_b.pk]}
    response = post_json(client, url, body)
    assert errors(response)["partners"] == [f"Không tìm thấy: {world.province_dept_b.pk}."]
    assert not Task.objects.exists()
