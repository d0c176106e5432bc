"""/api/v1/notifications/: list (own only, filters, paginated, flat query count), unread
count, mark read (another user's id: 404), mark all read, preferences (get, put, 422)."""

import json

import pytest

from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery
from phoihop.notifications.models import Notification, NotificationPreference
from phoihop.notifications.tests.factories import NotificationFactory
from phoihop.programs.tests.test_api_common import API, NOT_FOUND, bearer, client_of, errors, post_json

LIST = f"{API}/notifications/"
PREFERENCES = f"{LIST}preferences"


def put_json(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def mine(world):
    return NotificationFactory(recipient=world.officer, kind=kinds.TASK_OVERDUE, title="Nhiệm vụ quá hạn: Báo cáo")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


class TestList:
    def test_anonymous_gets_401(self, client):
        assert client.get(LIST).status_code == 401

    def test_own_notifications_only(self, world, mine):
        NotificationFactory(recipient=world.partner, title="Của đầu mối")
        body = client_of(world, "officer").get(LIST).json()
        assert [item["title"] for item in body["items"]] == [mine.title]
        assert body["items"][0]["kind_label"] == "Nhiệm vụ quá hạn"
        assert body["items"][0]["read_at"] is None
        assert titles(client_of(world, "admin").get(LIST)) == []

    def test_unread_and_kind_filters(self, world, mine):
        read = NotificationFactory(recipient=world.officer, read_at="2026-09-01T08:00:00+07:00")
        client = client_of(world, "officer")
        assert titles(client.get(LIST, {"unread": "true"})) == [mine.title]
        assert titles(client.get(LIST, {"kind": kinds.TASK_DUE_SOON})) == [read.title]

    def test_an_unknown_kind_is_422_in_vietnamese(self, world):
        assert errors(client_of(world, "officer").get(LIST, {"kind": "tin_don"}))["kind"][0].startswith(
            "Giá trị không hợp lệ. Chọn một trong:"
        )

    def test_unread_count(self, world, mine):
        NotificationFactory(recipient=world.officer)
        assert client_of(world, "officer").get(f"{LIST}unread-count").json() == {"unread": 2}
        assert client_of(world, "partner").get(f"{LIST}unread-count").json() == {"unread": 0}

    def test_query_count_does_not_grow_with_rows(self, world, django_assert_max_num_queries):
        client = bearer(world.officer)
        for _index in range(3):
            NotificationFactory(recipient=world.officer)
        with django_assert_max_num_queries(6):
            assert client.get(LIST).status_code == 200
        for _index in range(30):
            NotificationFactory(recipient=world.officer)
        with django_assert_max_num_queries(6):
            response = client.get(LIST)
        assert len(response.json()["items"]) == 25
        assert response.json()["count"] == 33


class TestMarkRead:
    def test_the_recipient_marks_it_read(self, world, mine):
        response = post_json(client_of(world, "officer"), f"{LIST}{mine.pk}/read")
        assert response.status_code == 200
        assert response.json()["read_at"] is not None

    @pytest.mark.parametrize("persona", ["partner", "upper", "outsider", "admin", "nobody"])
    def test_another_users_id_is_404(self, world, mine, persona):
        response = post_json(client_of(world, persona), f"{LIST}{mine.pk}/read")
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        mine.refresh_from_db()
        assert mine.read_at is None

    def test_an_id_that_does_not_exist_is_404(self, world):
        assert post_json(client_of(world, "officer"), f"{LIST}999999/read").status_code == 404

    def test_mark_all_read_touches_only_mine(self, world, mine):
        NotificationFactory(recipient=world.officer)
        other = NotificationFactory(recipient=world.partner)
        assert post_json(client_of(world, "officer"), f"{LIST}read-all").json() == {"marked": 2}
        assert not Notification.objects.filter(recipient=world.officer, read_at__isnull=True).exists()
        other.refresh_from_db()
        assert other.read_at is None


class TestPreferences:
    def test_get_lists_every_kind_with_the_default(self, world):
        body = client_of(world, "partner").get(PREFERENCES).json()
        assert body[:2] == [
            {"kind": "task_due_soon", "label": "Nhiệm vụ sắp đến hạn", "delivery": "digest", "default": "digest"},
            {"kind": "task_overdue", "label": "Nhiệm vụ quá hạn", "delivery": "immediate", "default": "immediate"},
        ]
        assert [row["kind"] for row in body] == [kind.key for kind in kinds.KINDS]  # every declared kind, in order

    def test_put_changes_the_kinds_sent(self, world):
        response = put_json(
            client_of(world, "partner"), PREFERENCES, {"preferences": [{"kind": "task_overdue", "delivery": "in_app"}]}
        )
        assert response.status_code == 200
        assert [row["delivery"] for row in response.json()][:2] == ["digest", "in_app"]
        assert NotificationPreference.objects.get(user=world.partner).delivery == Delivery.IN_APP

    @pytest.mark.parametrize(
        ("body", "field", "message"),
        [
            ({"preferences": [{"kind": "tin_don", "delivery": "digest"}]}, "tin_don", "Loại thông báo không tồn tại"),
            ({"preferences": [{"kind": "task_overdue", "delivery": "fax"}]}, "task_overdue", "Cách nhận không hợp lệ"),
            ({"preferences": [{"kind": "task_overdue"}]}, "preferences.0.delivery", "Trường này là bắt buộc."),
            (
                {"preferences": [{"kind": "task_overdue", "delivery": "digest"}] * 2},
                "task_overdue",
                "Loại thông báo này được gửi hai lần.",
            ),
        ],
    )
    def test_bad_input_is_422_and_nothing_changes(self, world, body, field, message):
        found = errors(put_json(client_of(world, "partner"), PREFERENCES, body))
        assert found[field][0].startswith(message)
        assert not NotificationPreference.objects.exists()

    def test_anonymous_gets_401(self, client):
        assert client.get(PREFERENCES).status_code == 401
