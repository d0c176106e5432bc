"""The exemplary models API per persona: list (constant queries), fetch, nominate, update
(409 on a stale version), review and decision by the department above, withdraw, the
honour roll; 422 with Vietnamese field errors and nothing stored."""

import pytest

from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.tests.factories import ExemplaryFactory, decider, make_model
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

URL = f"{API}/exemplary-models/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404), ("nobody", 404)],
)
def test_who_fetches_a_nomination(world, persona, status):
    model = make_model(world)
    response = bearer(getattr(world, persona)).get(f"{URL}{model.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND


def test_list_constant_queries_and_filters(world, django_assert_max_num_queries):
    ExemplaryFactory.create_batch(3, owner=world.target)
    client = bearer(world.officer)
    with django_assert_max_num_queries(8):
        client.get(URL)
    ExemplaryFactory.create_batch(27, owner=world.target, year=2025)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"year": 2025})
    assert response.json()["count"] == 27
    assert bearer(world.outsider).get(URL).json()["count"] == 0


def test_nominate_update_stale_and_identity_guard(world):
    client = bearer(world.officer)
    body = {
        "owner": world.target.pk,
        "title": "Hiến đất làm đường",
        "description": "Liên hệ: ongba@example.com",
        "field": "economy",
        "year": 2026,
    }
    assert "thư điện tử" in errors(post_json(client, URL, body))["description"][0]
    assert not ExemplaryModel.objects.exists()
    created = post_json(client, URL, body | {"description": "Cả thôn hiến 3.000 m² đất.", "area": world.commune_c.pk})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert [t["action"] for t in created.json()["transitions"]] == ["withdraw"]
    assert patch_json(client, f"{URL}{pk}", {"version": 1, "title": "Cả thôn hiến đất làm đường"}).status_code == 200
    stale = patch_json(client, f"{URL}{pk}", {"version": 1, "title": "Ghi đè"})
    assert stale.status_code == 409 and STALE in stale.json()["detail"]
    assert patch_json(bearer(world.upper), f"{URL}{pk}", {"version": 2, "title": "Cấp trên sửa"}).json() == FORBIDDEN


def test_review_decide_and_the_honour_roll(world):
    model = make_model(world)
    boss = bearer(decider(world))
    url = f"{URL}{model.pk}/transitions"
    assert post_json(bearer(world.officer), url, {"action": "review", "version": 1}).status_code == 403
    assert post_json(bearer(world.outsider), url, {"action": "review", "version": 1}).json() == NOT_FOUND
    reviewed = post_json(boss, url, {"action": "review", "version": 1}).json()
    assert [t["action"] for t in reviewed["transitions"]] == ["commend", "not_commend"]
    refused = post_json(boss, url, {"action": "commend", "version": 2})
    assert set(errors(refused)) == {"decided_by", "decision_ref", "decided_on"}
    commended = post_json(
        boss,
        url,
        {
            "action": "commend",
            "version": 2,
            "decided_by": world.province_dept_a.pk,
            "decision_ref": "Quyết định số 125-QĐ/TU",
            "decided_on": "20/11/2026",
        },
    )
    assert commended.json()["status"] == "commended"
    roll = bearer(world.outsider).get(f"{URL}honour-roll", {"year": 2026}).json()
    assert roll[0]["year"] == 2026 and roll[0]["areas"][0]["area"]["name"] == "Xã Cẩm Đức"
    assert roll[0]["areas"][0]["models"][0]["decision_ref"] == "Quyết định số 125-QĐ/TU"
    assert bearer(world.outsider).get(f"{URL}{model.pk}").status_code == 200
