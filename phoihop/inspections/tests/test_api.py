"""The inspections API per persona: list (constant queries), fetch, create, update (409 on
a stale version), transitions, conclusions, remediation tasks; 422 with Vietnamese field
errors and nothing stored."""

import pytest

from phoihop.inspections.models import Inspection
from phoihop.inspections.tests.factories import InspectionFactory, make_inspection, programme_with_plan
from phoihop.programs.tests.test_api_common import (
    API,
    FORBIDDEN,
    NOT_FOUND,
    STALE,
    bearer,
    errors,
    patch_json,
    post_json,
)

pytestmark = pytest.mark.django_db

URL = f"{API}/inspections/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("partner", 200), ("upper", 200), ("admin", 200), ("outsider", 404), ("nobody", 404)],
)
def test_who_fetches_an_inspection(world, persona, status):
    inspection = make_inspection(world)
    response = bearer(getattr(world, persona)).get(f"{URL}{inspection.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
    else:
        body = response.json()
        assert body["title"] == inspection.title and body["inspected"]["name"] == "Ủy ban nhân dân xã Cẩm Đức"
        assert [t["action"] for t in body["transitions"]] == (["start"] if persona in ("officer", "admin") else [])


def test_list_per_persona_and_constant_queries(world, django_assert_max_num_queries):
    InspectionFactory.create_batch(3, owner=world.target, inspected=world.commune_committee)
    client = bearer(world.officer)
    with django_assert_max_num_queries(8):
        client.get(URL)
    InspectionFactory.create_batch(27, owner=world.target, inspected=world.commune_committee)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"status": "planned"})
    assert response.json()["count"] == 30
    assert bearer(world.partner).get(URL).json()["count"] == 30
    assert bearer(world.outsider).get(URL).json()["count"] == 0


def test_create_update_and_a_stale_version(world):
    client = bearer(world.officer)
    bad = post_json(
        client, URL, {"owner": world.target.pk, "inspected": world.target.pk, "title": "", "started_on": "01/10/2026"}
    )
    assert errors(bad) == {
        "title": ["Hãy nhập tên cuộc kiểm tra."],
        "inspected": ["Cơ quan được kiểm tra phải khác cơ quan kiểm tra."],
    }
    assert not Inspection.objects.exists()
    created = post_json(
        client,
        URL,
        {
            "owner": world.target.pk,
            "inspected": world.commune_committee.pk,
            "title": "Kiểm tra công tác dân vận",
            "started_on": "01/10/2026",
        },
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert patch_json(client, f"{URL}{pk}", {"version": 1, "summary": "Cơ bản đạt yêu cầu"}).status_code == 200
    stale = patch_json(client, f"{URL}{pk}", {"version": 1, "summary": "Ghi đè"})
    assert stale.status_code == 409 and STALE in stale.json()["detail"]
    assert patch_json(bearer(world.partner), f"{URL}{pk}", {"version": 2, "summary": "Tự sửa"}).json() == FORBIDDEN
    assert post_json(bearer(world.upper), URL, {"owner": world.target.pk}).status_code in (403, 422)


def test_transitions_conclusions_and_remediation(world):
    program = programme_with_plan(world)
    inspection = make_inspection(world, program=program)
    client = bearer(world.officer)
    refused = post_json(client, f"{URL}{inspection.pk}/conclusions", {"text": "Chậm báo cáo"})
    assert "Dự kiến" in errors(refused)[None][0]
    started = post_json(client, f"{URL}{inspection.pk}/transitions", {"action": "start", "version": 1})
    assert started.json()["status"] == "in_progress"
    body = post_json(
        client, f"{URL}{inspection.pk}/conclusions", {"text": "Chậm báo cáo", "remediation_due": "31/12/2026"}
    ).json()
    conclusion = body["conclusions"][0]
    assert (conclusion["number"], body["remedied"]) == (1, 0)
    url = f"{URL}{inspection.pk}/conclusions/{conclusion['id']}/tasks"
    outsider_lead = post_json(
        client, url, {"title": "Khắc phục", "due_date": "20/12/2026", "lead": world.province_dept_b.pk}
    )
    assert errors(outsider_lead)["lead"] == [f"Không tìm thấy: {world.province_dept_b.pk}."]  # unseen: not named
    task = post_json(client, url, {"title": "Báo cáo đúng hạn từ quý IV", "due_date": "20/12/2026"})
    assert task.status_code == 201
    tasks = task.json()["conclusions"][0]["tasks"]
    assert [(t["title"], t["lead"]["name"], t["bucket"]) for t in tasks] == [
        ("Báo cáo đúng hạn từ quý IV", "Ủy ban nhân dân xã Cẩm Đức", "open_on_time")
    ]
    assert post_json(bearer(world.partner), url, {"title": "x", "due_date": "20/12/2026"}).json() == FORBIDDEN
    assert post_json(bearer(world.outsider), url, {"title": "x", "due_date": "20/12/2026"}).json() == NOT_FOUND
    version = task.json()["version"]
    post_json(client, f"{URL}{inspection.pk}/transitions", {"action": "conclude", "version": version})
    close = post_json(client, f"{URL}{inspection.pk}/transitions", {"action": "close", "version": version + 1})
    assert errors(close)["action"] == ["Còn 1/1 kết luận chưa khắc phục xong; chưa thể xác nhận đã khắc phục."]
