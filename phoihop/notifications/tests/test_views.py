"""The notification pages: the bell (loaded by HTMX, its count), the list (own only,
newest first, unread highlighted, filters, paginated, query count flat), marking read
(one, all, by following the link) and the preferences form. Another user's
notification answers 404 to everybody, administrators included."""

import pytest
from django.urls import reverse

from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery
from phoihop.notifications.models import Notification, NotificationPreference
from phoihop.notifications.tests.factories import NotificationFactory

LIST = reverse("notifications:list")
BELL = reverse("notifications:bell")
PREFERENCES = reverse("notifications:preferences")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def mine(world):
    return NotificationFactory(
        recipient=world.officer,
        kind=kinds.TASK_OVERDUE,
        title="Nhiệm vụ quá hạn: Tuyên truyền Đại hội Đảng bộ xã Cẩm Đức",
        url="/programs/tasks/5/",
    )


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [n.title for n in response.context["page"].object_list]


class TestBell:
    def test_base_page_loads_the_bell_by_htmx(self, world, client_for):
        html = client_for(world.officer).get(LIST).content.decode()
        assert f'hx-get="{BELL}"' in html
        assert "load, every 60s" in html

    def test_the_bell_counts_my_unread_notifications(self, world, client_for, mine):
        NotificationFactory(recipient=world.officer)
        NotificationFactory(recipient=world.officer, read_at="2026-09-01T08:00:00+07:00")
        NotificationFactory(recipient=world.partner)
        response = client_for(world.officer).get(BELL, **HTMX)
        assert response.context["unread"] == 2
        assert "2 chưa đọc" in response.content.decode()

    def test_no_unread_no_count(self, world, client_for):
        assert "chưa đọc" not in client_for(world.partner).get(BELL).content.decode()

    def test_anonymous_is_sent_to_login(self, client_for):
        assert client_for(None).get(BELL).status_code == 302


class TestList:
    def test_only_my_own_notifications_newest_first(self, world, client_for, mine):
        newer = NotificationFactory(recipient=world.officer, title="Nhiệm vụ sắp đến hạn: Báo cáo quý")
        NotificationFactory(recipient=world.partner, title="Của người khác")
        assert listed(client_for(world.officer).get(LIST)) == [newer.title, mine.title]
        assert listed(client_for(world.admin).get(LIST)) == []

    def test_unread_is_highlighted(self, world, client_for, mine):
        html = client_for(world.officer).get(LIST).content.decode()
        assert "notification--unread" in html
        assert "Chưa đọc" in html

    def test_filters_unread_and_kind(self, world, client_for, mine):
        read = NotificationFactory(recipient=world.officer, read_at="2026-09-01T08:00:00+07:00")
        client = client_for(world.officer)
        assert listed(client.get(LIST, {"unread": "on"})) == [mine.title]
        assert listed(client.get(LIST, {"kind": kinds.TASK_DUE_SOON})) == [read.title]

    def test_htmx_gets_the_results_only(self, world, client_for, mine):
        html = client_for(world.officer).get(LIST, {"unread": "on"}, **HTMX).content.decode()
        assert "<html" not in html and mine.title in html

    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        for _index in range(3):
            NotificationFactory(recipient=world.officer)
        with django_assert_max_num_queries(7):
            assert client.get(LIST).status_code == 200
        for _index in range(30):
            NotificationFactory(recipient=world.officer)
        with django_assert_max_num_queries(7):
            response = client.get(LIST)
        assert len(listed(response)) == 25

    def test_anonymous_is_sent_to_login(self, client_for):
        assert client_for(None).get(LIST).status_code == 302


class TestMarkRead:
    def test_the_recipient_marks_one_read_by_htmx(self, world, client_for, mine):
        response = client_for(world.officer).post(reverse("notifications:read", args=[mine.pk]), **HTMX)
        assert response.status_code == 200
        assert response["HX-Trigger"] == "notifications-changed"
        assert "notification--unread" not in response.content.decode()
        mine.refresh_from_db()
        assert mine.read_at is not None

    @pytest.mark.parametrize("persona", ["partner", "upper", "outsider", "admin", "nobody"])
    def test_anybody_else_gets_404_and_nothing_changes(self, world, client_for, mine, persona):
        client = client_for(getattr(world, persona))
        assert client.post(reverse("notifications:read", args=[mine.pk])).status_code == 404
        assert client.get(reverse("notifications:open", args=[mine.pk])).status_code == 404
        mine.refresh_from_db()
        assert mine.read_at is None

    def test_a_get_does_not_mark_read(self, world, client_for, mine):
        assert client_for(world.officer).get(reverse("notifications:read", args=[mine.pk])).status_code == 405

    def test_following_the_link_marks_it_read(self, world, client_for, mine):
        response = client_for(world.officer).get(reverse("notifications:open", args=[mine.pk]))
        assert response.status_code == 302
        assert response["Location"] == "/programs/tasks/5/"
        mine.refresh_from_db()
        assert mine.read_at is not None

    def test_a_link_to_another_site_is_never_followed(self, world, client_for):
        notification = NotificationFactory(recipient=world.officer, url="//evil.example/")
        response = client_for(world.officer).get(reverse("notifications:open", args=[notification.pk]))
        assert response["Location"] == LIST

    def test_mark_all_read_touches_only_mine(self, world, client_for, mine):
        NotificationFactory(recipient=world.officer)
        other = NotificationFactory(recipient=world.partner)
        response = client_for(world.officer).post(reverse("notifications:read_all"), follow=True)
        assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
        assert not Notification.objects.filter(recipient=world.officer, read_at__isnull=True).exists()
        other.refresh_from_db()
        assert other.read_at is None


class TestPreferences:
    def test_one_row_per_kind_with_the_default(self, world, client_for):
        response = client_for(world.officer).get(PREFERENCES)
        html = response.content.decode()
        assert "Nhiệm vụ sắp đến hạn" in html and "Nhiệm vụ quá hạn" in html
        assert "Mặc định: Gộp vào thư tổng hợp hằng ngày." in html
        assert response.context["form"][kinds.TASK_OVERDUE].value() == Delivery.IMMEDIATE

    def test_saving_a_choice(self, world, client_for):
        defaults = {kind.key: kind.default_delivery for kind in kinds.KINDS}  # the form posts every kind
        response = client_for(world.partner).post(
            PREFERENCES,
            {**defaults, kinds.TASK_DUE_SOON: Delivery.IN_APP, kinds.TASK_OVERDUE: Delivery.DIGEST},
            follow=True,
        )
        assert "Đã lưu cách nhận thông báo." in response.content.decode()
        task_kinds = [kinds.TASK_DUE_SOON, kinds.TASK_OVERDUE]
        stored = NotificationPreference.objects.filter(user=world.partner, kind__in=task_kinds)
        assert dict(stored.values_list("kind", "delivery")) == {
            kinds.TASK_DUE_SOON: Delivery.IN_APP,
            kinds.TASK_OVERDUE: Delivery.DIGEST,
        }

    def test_an_unknown_delivery_is_refused_next_to_the_field(self, world, client_for):
        response = client_for(world.partner).post(
            PREFERENCES, {kinds.TASK_DUE_SOON: "carrier_pigeon", kinds.TASK_OVERDUE: Delivery.DIGEST}
        )
        assert response.status_code == 200
        assert response.context["form"].errors[kinds.TASK_DUE_SOON] == [
            "Cách nhận không hợp lệ: carrier_pigeon. Hãy chọn một cách trong danh sách."
        ]
        assert not NotificationPreference.objects.exists()

    def test_a_missing_kind_is_refused(self, world, client_for):
        response = client_for(world.partner).post(PREFERENCES, {kinds.TASK_DUE_SOON: Delivery.IN_APP})
        assert response.context["form"].errors[kinds.TASK_OVERDUE] == ["Hãy chọn cách nhận thông báo loại này."]
        assert not NotificationPreference.objects.exists()

    def test_an_unknown_kind_posted_changes_nothing(self, world, client_for):
        client_for(world.partner).post(
            PREFERENCES,
            {kinds.TASK_DUE_SOON: Delivery.IN_APP, kinds.TASK_OVERDUE: Delivery.DIGEST, "tin_don": "immediate"},
        )
        assert not NotificationPreference.objects.filter(kind="tin_don").exists()

    def test_anonymous_is_sent_to_login(self, client_for):
        assert client_for(None).get(PREFERENCES).status_code == 302
