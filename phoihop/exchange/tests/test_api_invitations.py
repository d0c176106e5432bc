"""/api/v1/invitations/ on a frozen clock: personas on every endpoint (inviter, invitee,
upper level reading, strangers 404), create / update / send / cancel / answer with 422
field errors and 409 on stale versions, answers refused after the start, the .ics, and a
list that does not grow in queries with rows."""

import datetime as dt

import pytest
import time_machine

from phoihop.exchange.models import Invitation, InvitationResponse, Subject
from phoihop.exchange.tests.factories import NOW, make_invitation, make_scene, make_subject
from phoihop.notifications.models import Notification
from phoihop.programs.tests.test_api_common import (
    API,
    NOT_FOUND,
    NOT_SEEING,
    STALE,
    client_of,
    errors,
    patch_json,
    post_json,
)

pytestmark = pytest.mark.django_db
INVITATIONS = f"{API}/invitations/"
TITLE = "Họp báo thông tin về phiên tòa xét xử lưu động"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def subject(world):
    scene = make_scene(world)
    return make_subject(world, scene.program, status=Subject.Status.REGISTERED)


@pytest.fixture
def invitation(world, subject):
    return make_invitation(world, subject, actor=world.partner)


def one(invitation) -> str:
    return f"{INVITATIONS}{invitation.pk}"


def body(world, subject, **overrides):
    data = {
        "subject": subject.pk,
        "inviter": world.commune_committee.pk,
        "invitees": [world.target.pk],
        "kind": "meeting",
        "title": "Họp thống nhất phương án tuyên truyền phiên tòa",
        "date": "05/06/2026",
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Phòng họp UBND xã",
        "agenda": "Thống nhất nội dung thông cáo báo chí",
    }
    return {**data, **overrides}


class TestRead:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_sees_it_lists_and_fetches_it(self, world, invitation, persona):
        client = client_of(world, persona)
        assert [item["title"] for item in client.get(INVITATIONS).json()["items"]] == [TITLE]
        data = client.get(one(invitation)).json()
        assert data["start_time"] == "09:00:00" and data["date"] == "2026-06-08"
        assert [r["organization"]["name"] for r in data["responses"]] == ["Đảng ủy xã Cẩm Đức"]
        assert data["responses"][0]["answer_label"] == "Chưa trả lời"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_strangers_list_nothing_and_get_404(self, world, invitation, persona):
        client = client_of(world, persona)
        assert client.get(INVITATIONS).json()["count"] == 0
        assert client.get(one(invitation)).json() == NOT_FOUND
        assert client.get(f"{one(invitation)}/ics").status_code == 404
        answer = {"organization": world.target.pk, "answer": "declined", "reason": "Bận", "version": 1}
        assert post_json(client, f"{one(invitation)}/answer", answer).status_code == 404
        assert post_json(client, f"{one(invitation)}/cancel", {"version": 2, "reason": "x"}).status_code == 404

    def test_anonymous_gets_401(self, client):
        assert client.get(INVITATIONS).status_code == 401

    def test_my_answer_and_filters(self, world, invitation):
        officer = client_of(world, "officer")
        assert officer.get(INVITATIONS).json()["items"][0]["my_answer"] == "pending"
        assert officer.get(INVITATIONS, {"box": "received", "answered": "no"}).json()["count"] == 1
        assert officer.get(INVITATIONS, {"box": "sent"}).json()["count"] == 0
        assert errors(officer.get(INVITATIONS, {"box": "everything"}))["box"][0].startswith("Giá trị không hợp lệ.")

    def test_the_ics(self, world, invitation):
        response = client_of(world, "officer").get(f"{one(invitation)}/ics")
        assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260608T090000" in response.content.decode()
        assert client_of(world, "officer").get(one(invitation)).json()["ics_url"] == f"{one(invitation)}/ics"

    def test_query_count_does_not_grow_with_rows(self, world, subject, django_assert_max_num_queries):
        client = client_of(world, "officer")
        client.get(INVITATIONS)  # the token's last_used_at is written on first use
        for size in (3, 30):
            while Invitation.objects.count() < size:
                make_invitation(world, subject, actor=None)
            with django_assert_max_num_queries(7):
                response = client.get(INVITATIONS, {"page_size": 100})
            assert response.json()["count"] == size


class TestWrite:
    def test_the_partner_creates_updates_and_sends(self, world, subject):
        client = client_of(world, "partner")
        response = post_json(client, INVITATIONS, body(world, subject))
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["status"] == "draft" and data["allowed_actions"][0]["action"] == "send"
        url = f"{INVITATIONS}{data['id']}"
        response = patch_json(client, url, {"version": data["version"], "title": "Họp thống nhất phương án"})
        assert response.status_code == 200
        response = post_json(client, f"{url}/send", {"version": response.json()["version"]})
        assert response.json()["status_label"] == "Đã gửi"
        assert Notification.objects.filter(recipient=world.officer, dedupe_key=f"invitation-sent:{data['id']}").exists()

    def test_bad_input_gets_422_with_vietnamese_field_errors(self, world, subject):
        client = client_of(world, "partner")
        response = post_json(client, INVITATIONS, body(world, subject, end_time="07:00", place="", invitees=[]))
        assert errors(response) == {
            "end_time": ["Giờ kết thúc phải sau giờ bắt đầu."],
            "place": ["Hãy nhập địa điểm hoặc đường dẫn họp trực tuyến."],
            "invitees": ["Hãy chọn ít nhất một cơ quan được mời."],
        }
        assert errors(post_json(client, INVITATIONS, body(world, subject, date="31/02/2026")))["date"]
        assert errors(post_json(client, INVITATIONS, body(world, subject, invitees=[999999])))["invitees"] == [
            "Không tìm thấy cơ quan có mã: 999999."
        ]
        assert not Invitation.objects.exists()

    def test_the_upper_level_may_not_invite_and_the_invitee_not_for_the_committee(self, world, subject):
        assert post_json(client_of(world, "upper"), INVITATIONS, body(world, subject)).status_code == 403
        response = post_json(client_of(world, "officer"), INVITATIONS, body(world, subject))
        assert errors(response)["inviter"] == ["Cơ quan mời phải là một bên của chương trình mà bạn làm việc cho."]
        assert not Invitation.objects.exists()

    def test_a_stale_version_gets_409(self, world, invitation):
        response = patch_json(client_of(world, "partner"), one(invitation), {"version": 1, "title": "Khác"})
        assert response.status_code == 409 and STALE in response.json()["detail"]

    @pytest.mark.parametrize("persona", ["officer", "upper"])
    def test_who_may_not_edit_gets_403(self, world, invitation, persona):
        client = client_of(world, persona)
        assert patch_json(client, one(invitation), {"version": invitation.version, "title": "Khác"}).status_code == 403
        response = post_json(client, f"{one(invitation)}/cancel", {"version": invitation.version, "reason": "Hoãn"})
        assert response.status_code == 403
        assert Invitation.objects.get().status == Invitation.Status.SENT

    def test_cancel_needs_a_reason(self, world, invitation):
        response = post_json(client_of(world, "partner"), f"{one(invitation)}/cancel", {"version": invitation.version})
        assert response.status_code == 422


class TestAnswer:
    def answer(self, world, invitation, persona="officer", **overrides):
        response = InvitationResponse.objects.get(invitation=invitation)
        data = {
            "organization": world.target.pk,
            "answer": "attending",
            "delegates": 2,
            "positions": "01 Phó Trưởng ban, 01 chuyên viên",
            "version": response.version,
            **overrides,
        }
        return post_json(client_of(world, persona), f"{one(invitation)}/answer", data)

    def test_the_invitee_answers(self, world, invitation):
        response = self.answer(world, invitation)
        assert response.status_code == 200, response.content
        assert response.json()["responses"][0]["answer"] == "attending"

    @pytest.mark.parametrize("persona", ["partner", "upper", "admin"])
    def test_only_the_invitees_editors_answer(self, world, invitation, persona):
        assert self.answer(world, invitation, persona).status_code == 403

    def test_bad_answers_and_stale_versions(self, world, invitation):
        assert errors(self.answer(world, invitation, answer="declined"))["reason"] == ["Hãy nêu lý do không tham dự."]
        assert errors(self.answer(world, invitation, delegates=0))["delegates"]
        assert self.answer(world, invitation, version=7).status_code == 409
        response = self.answer(world, invitation, organization=world.province_dept_b.pk)
        assert response.status_code == 404

    def test_answers_after_the_start_are_refused(self, world, invitation, clock):
        clock.move_to(dt.datetime(2026, 6, 8, 9, 0, tzinfo=NOW.tzinfo))
        assert errors(self.answer(world, invitation)) == {
            None: ["Hoạt động đã bắt đầu lúc 09:00 08/06/2026; không thể trả lời hoặc đổi câu trả lời nữa."]
        }
        assert InvitationResponse.objects.get().answer == "pending"
