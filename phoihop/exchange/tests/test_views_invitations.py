"""Invitation pages with every persona (frozen clock): the list, the invitation page with
its answers (HTMX), the form from the subject page, send and cancel, the .ics download,
the work calendar and "Việc của tôi" (waiting subjects, upcoming invitations). Strangers
get 404, the upper level reads and may not act, query counts do not grow with rows."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.accounts.tests.budgets import MY_WORK_QUERIES
from phoihop.exchange import services
from phoihop.exchange.models import Invitation, InvitationResponse, Subject
from phoihop.exchange.tests.factories import (
    NOW,
    PRESS_DAY,
    SubjectRowFactory,
    make_assessment,
    make_invitation,
    make_scene,
    make_subject,
)
from phoihop.programs.tests.factories import task_rows

pytestmark = pytest.mark.django_db
LIST = reverse("exchange:invitation_list")
CALENDAR = reverse("exchange:calendar")
MY_WORK = reverse("accounts:my_work")
A = InvitationResponse.Answer
TITLE = "Họp báo thông tin về phiên tòa xét xử lưu động"


def url(name, obj) -> str:
    return reverse(f"exchange:{name}", args=[obj.pk])


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scene(world):
    return make_scene(world)


@pytest.fixture
def subject(world, scene):
    return make_subject(world, scene.program, status=Subject.Status.REGISTERED)


@pytest.fixture
def invitation(world, subject):
    return make_invitation(world, subject, actor=world.partner)


class TestList:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_inviter_invitee_upper_level_and_admin_see_it(self, world, invitation, client_for, persona):
        assert TITLE in client_for(getattr(world, persona)).get(LIST).content.decode()

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_see_none(self, world, invitation, client_for, persona):
        html = client_for(getattr(world, persona)).get(LIST).content.decode()
        assert TITLE not in html and "Có 0 lời mời." in html

    def test_a_draft_is_not_shown_to_the_invitee(self, world, subject, client_for):
        draft = make_invitation(world, subject, actor=world.partner, sent=False)
        assert TITLE not in client_for(world.officer).get(LIST).content.decode()
        assert client_for(world.officer).get(url("invitation_detail", draft)).status_code == 404
        assert TITLE in client_for(world.partner).get(LIST).content.decode()

    def test_filters_received_sent_answered(self, world, invitation, client_for):
        officer = client_for(world.officer)
        assert TITLE in officer.get(LIST, {"box": "received", "answered": "no", "when": "upcoming"}).content.decode()
        assert "Không có lời mời nào phù hợp." in officer.get(LIST, {"box": "sent"}).content.decode()
        assert "Không có lời mời nào phù hợp." in officer.get(LIST, {"when": "past"}).content.decode()
        assert TITLE in client_for(world.partner).get(LIST, {"box": "sent"}).content.decode()
        html = officer.get(LIST).content.decode()
        assert "Chưa trả lời" in html

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.get(LIST).status_code == 302

    @pytest.mark.parametrize("persona", ["officer", "upper"])
    def test_query_count_does_not_grow_with_rows(
        self, world, subject, client_for, django_assert_max_num_queries, persona
    ):
        client = client_for(getattr(world, persona))
        for count in (3, 30):
            while Invitation.objects.count() < count:
                make_invitation(world, subject, actor=None)
            with django_assert_max_num_queries(10):
                response = client.get(LIST)
            assert response.status_code == 200
        assert response.content.decode().count(f">{TITLE}</a>") == 25


class TestInvitationPage:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_sees_it_reads_facts_agenda_invitees_and_history(self, world, invitation, client_for, persona):
        html = client_for(getattr(world, persona)).get(url("invitation_detail", invitation)).content.decode()
        assert TITLE in html and "09:00–11:00" in html and "08/06/2026" in html
        assert "Thông tin về vụ án; trả lời câu hỏi của phóng viên." in html
        assert "Đảng ủy xã Cẩm Đức" in html and "Lịch sử thay đổi" in html
        assert url("invitation_ics", invitation) in html

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_strangers_get_404_on_every_page(self, world, invitation, client_for, persona):
        client = client_for(getattr(world, persona))
        for name in ("invitation_detail", "invitation_edit", "invitation_ics"):
            assert client.get(url(name, invitation)).status_code == 404
        assert client.post(url("invitation_answer", invitation), {}).status_code == 404
        assert client.post(url("invitation_transition", invitation), {}).status_code == 404

    def test_only_the_invitee_gets_the_answer_form_and_only_the_inviter_the_buttons(
        self, world, invitation, client_for
    ):
        officer = client_for(world.officer).get(url("invitation_detail", invitation)).content.decode()
        assert f'data-answer="{world.target.pk}"' in officer and 'data-transition="cancel"' not in officer
        partner = client_for(world.partner).get(url("invitation_detail", invitation)).content.decode()
        assert "data-answer=" not in partner and 'data-transition="cancel"' in partner
        upper = client_for(world.upper).get(url("invitation_detail", invitation)).content.decode()
        assert "data-answer=" not in upper and "data-transition" not in upper

    def test_the_invitee_answers_through_htmx(self, world, invitation, client_for):
        response = InvitationResponse.objects.get()
        data = {
            "organization": world.target.pk,
            "answer": "attending",
            "delegates": "2",
            "positions": "01 Phó Trưởng ban, 01 chuyên viên",
            "version": response.version,
        }
        page = client_for(world.officer).post(url("invitation_answer", invitation), data, HTTP_HX_REQUEST="true")
        html = page.content.decode()
        assert page.status_code == 200 and 'id="invitees"' in html and "<html" not in html
        assert "2 đại biểu: 01 Phó Trưởng ban, 01 chuyên viên" in html
        assert InvitationResponse.objects.get().answer == A.ATTENDING

    def test_a_bad_answer_shows_next_to_the_field_and_writes_nothing(self, world, invitation, client_for):
        response = InvitationResponse.objects.get()
        data = {"organization": world.target.pk, "answer": "declined", "reason": "", "version": response.version}
        html = client_for(world.officer).post(url("invitation_answer", invitation), data, HTTP_HX_REQUEST="true")
        assert "Hãy nêu lý do không tham dự." in html.content.decode()
        assert InvitationResponse.objects.get().answer == A.PENDING

    def test_after_the_start_the_answer_is_refused_with_a_message(self, world, invitation, client_for, clock):
        response = InvitationResponse.objects.get()
        clock.move_to(dt.datetime(2026, 6, 8, 9, 30, tzinfo=NOW.tzinfo))
        client = client_for(world.officer)
        html = client.get(url("invitation_detail", invitation)).content.decode()
        assert "data-answer=" not in html and "Hoạt động đã bắt đầu: không nhận trả lời nữa." in html
        data = {"organization": world.target.pk, "answer": "declined", "reason": "Bận", "version": response.version}
        html = client.post(url("invitation_answer", invitation), data, HTTP_HX_REQUEST="true").content.decode()
        assert "Hoạt động đã bắt đầu lúc 09:00 08/06/2026" in html
        assert InvitationResponse.objects.get().answer == A.PENDING

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_who_may_not_answer_for_the_invitee_gets_403(self, world, invitation, client_for, persona):
        response = InvitationResponse.objects.get()
        data = {"organization": world.target.pk, "answer": "declined", "reason": "Bận", "version": response.version}
        assert client_for(getattr(world, persona)).post(url("invitation_answer", invitation), data).status_code == 403
        assert InvitationResponse.objects.get().answer == A.PENDING

    def test_the_ics_download(self, world, invitation, client_for):
        response = client_for(world.officer).get(url("invitation_ics", invitation))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert f'filename="loi-moi-{invitation.pk}.ics"' in response["Content-Disposition"]
        assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260608T090000" in response.content.decode()

    def test_the_page_stays_within_its_query_budget(self, world, invitation, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        with django_assert_max_num_queries(12):
            assert client.get(url("invitation_detail", invitation)).status_code == 200


class TestFormAndTransitions:
    def post_data(self, world, **overrides):
        data = {
            "inviter": world.commune_committee.pk,
            "kind": "site_visit",
            "title": "Khảo sát thực tế địa điểm xét xử lưu động",
            "date": "10/06/2026",
            "start_time": "14:00",
            "end_time": "16:30",
            "place": "Nhà văn hóa thôn 3, xã Cẩm Đức",
            "online_link": "",
            "agenda": "Kiểm tra hội trường, phương án an ninh",
            "invitees": [world.target.pk],
        }
        return {**data, **overrides}

    def test_the_subject_page_shows_mời_dự_only_to_who_may(self, world, subject, client_for):
        for persona, shown in (("partner", True), ("officer", True), ("upper", False)):
            html = client_for(getattr(world, persona)).get(url("subject_detail", subject)).content.decode()
            assert ("data-invite" in html) is shown, persona
        assert client_for(world.upper).get(url("invitation_create", subject)).status_code == 403
        assert client_for(world.outsider).get(url("invitation_create", subject)).status_code == 404

    def test_the_partner_invites_then_sends(self, world, subject, client_for):
        client = client_for(world.partner)
        assert client.get(url("invitation_create", subject)).status_code == 200
        response = client.post(url("invitation_create", subject), self.post_data(world))
        invitation = Invitation.objects.get()
        assert response.status_code == 302 and response.url == url("invitation_detail", invitation)
        assert (invitation.date, invitation.start_time) == (dt.date(2026, 6, 10), dt.time(14, 0))
        client.post(url("invitation_transition", invitation), {"action": "send", "version": invitation.version})
        assert Invitation.objects.get().status == Invitation.Status.SENT

    def test_bad_input_shows_next_to_the_field_and_writes_nothing(self, world, subject, client_for):
        data = self.post_data(world, date="31/06/2026", start_time="25:00", place="", invitees=[])
        html = client_for(world.partner).post(url("invitation_create", subject), data).content.decode()
        assert "Ngày không hợp lệ" in html and "Giờ không hợp lệ" in html
        data = self.post_data(world, end_time="13:00", place="", invitees=[])
        html = client_for(world.partner).post(url("invitation_create", subject), data).content.decode()
        assert "Giờ kết thúc phải sau giờ bắt đầu." in html
        assert "Hãy nhập địa điểm hoặc đường dẫn họp trực tuyến." in html
        assert "Hãy chọn ít nhất một cơ quan được mời." in html
        assert not Invitation.objects.exists()

    def test_rescheduling_from_the_edit_page(self, world, invitation, client_for):
        client = client_for(world.partner)
        assert client.get(url("invitation_edit", invitation)).status_code == 200
        data = self.post_data(
            world, kind="press_conference", title=TITLE, date="09/06/2026", version=invitation.version
        )
        del data["inviter"]
        assert client.post(url("invitation_edit", invitation), data).status_code == 302
        invitation.refresh_from_db()
        assert (invitation.date, invitation.sequence) == (dt.date(2026, 6, 9), 1)

    @pytest.mark.parametrize("persona", ["officer", "upper"])
    def test_who_may_not_edit_gets_403(self, world, invitation, client_for, persona):
        client = client_for(getattr(world, persona))
        assert client.get(url("invitation_edit", invitation)).status_code == 403
        data = {"action": "cancel", "version": invitation.version, "reason": "Hoãn"}
        assert client.post(url("invitation_transition", invitation), data).status_code == 403
        assert Invitation.objects.get().status == Invitation.Status.SENT

    def test_cancelling_without_a_reason_shows_why(self, world, invitation, client_for):
        data = {"action": "cancel", "version": invitation.version, "reason": ""}
        html = client_for(world.partner).post(url("invitation_transition", invitation), data).content.decode()
        assert "Hãy nêu lý do" in html
        assert Invitation.objects.get().status == Invitation.Status.SENT


class TestCalendar:
    def test_the_invitation_shows_in_the_invitees_and_the_inviters_calendar(self, world, invitation, client_for):
        for persona in ("officer", "partner"):
            html = client_for(getattr(world, persona)).get(CALENDAR, {"month": "2026-06"}).content.decode()
            assert f"09:00 · {TITLE}" in html, persona
        html = client_for(world.officer).get(CALENDAR, {"month": "2026-06"}).content.decode()
        assert "chưa trả lời" in html
        assert TITLE not in client_for(world.outsider).get(CALENDAR, {"month": "2026-06"}).content.decode()
        assert TITLE not in client_for(world.officer).get(CALENDAR, {"month": "2026-07"}).content.decode()

    def test_query_count_does_not_grow(self, world, scene, subject, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        for count in (3, 30):
            while Invitation.objects.count() < count:
                make_invitation(world, subject, actor=None)
                task_rows(scene.plan, world.target, [world.commune_committee], count=1, due_date=PRESS_DAY)
            with django_assert_max_num_queries(10):
                response = client.get(CALENDAR, {"month": "2026-06"})
            assert response.context["invitation_count"] == count and response.context["task_count"] == count


class TestMyWork:
    def test_the_department_sees_subjects_to_acknowledge_and_the_leader_assessments_to_approve(
        self, world, scene, subject, client_for
    ):
        html = client_for(world.officer).get(MY_WORK).content.decode()
        assert 'id="my-waiting"' in html and "Chờ tiếp nhận" in html and subject.title in html
        services.subject_transition(actor=None, subject=subject, action="acknowledge", expected_version=subject.version)
        assessment = make_assessment(subject)
        services.assessment_transition(
            actor=None, assessment=assessment, action="submit", expected_version=assessment.version
        )
        assert "Bản thẩm định chờ phê duyệt" in client_for(scene.leader).get(MY_WORK).content.decode()
        officer = client_for(world.officer).get(MY_WORK).content.decode()
        assert "Bản thẩm định chờ phê duyệt" not in officer  # leaders only
        assert 'id="my-waiting"' not in client_for(world.partner).get(MY_WORK).content.decode()

    def test_assessed_subjects_wait_for_their_plan(self, world, scene, client_for):
        make_subject(world, scene.program, status=Subject.Status.ASSESSED, title="Vấn đề đã thẩm định")
        html = client_for(world.officer).get(MY_WORK).content.decode()
        assert "Kế hoạch tuyên truyền cần lập hoặc giao nhiệm vụ" in html and "Vấn đề đã thẩm định" in html

    def test_upcoming_invitations_unanswered_first(self, world, subject, client_for):
        later = make_invitation(world, subject, actor=None, title="Họp báo thứ hai", date=dt.date(2026, 6, 12))
        first = make_invitation(world, subject, actor=None, title="Khảo sát trước", kind="site_visit")
        far = make_invitation(world, subject, actor=None, title="Hội nghị tháng sau", date=dt.date(2026, 7, 20))
        response = InvitationResponse.objects.get(invitation=first)
        services.invitation_answer(
            actor=world.officer, response=response, expected_version=response.version, answer="declined", reason="Bận"
        )
        html = client_for(world.officer).get(MY_WORK).content.decode().split('id="my-invitations"')[1]
        assert html.index(later.title) < html.index(first.title)
        assert far.title not in html
        partner = client_for(world.partner).get(MY_WORK).content.decode()
        assert "Cơ quan bạn mời" in partner

    @pytest.mark.parametrize("persona", ["upper", "outsider", "nobody"])
    def test_who_is_not_concerned_gets_neither_section(self, world, invitation, client_for, persona):
        html = client_for(getattr(world, persona)).get(MY_WORK).content.decode()
        assert 'id="my-invitations"' not in html and 'id="my-waiting"' not in html

    def test_query_count_does_not_grow(self, world, scene, subject, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        for count in (3, 30):
            while Invitation.objects.count() < count:
                make_invitation(world, subject, actor=None)
                SubjectRowFactory(program=scene.program, owner=world.commune_committee)
            with django_assert_max_num_queries(MY_WORK_QUERIES):  # the whole page, every section
                response = client.get(MY_WORK)
            sections = {s["template"]: s for s in response.context["sections"]}
            assert len(sections["exchange/_my_invitations.html"]["invitations"]) == count
            assert len(sections["exchange/_my_waiting.html"]["waiting"].to_acknowledge) == count + 1


class TestSubjectInvitations:
    def test_the_subject_page_loads_the_invitations_the_user_sees(self, world, subject, invitation, client_for):
        link = url("subject_invitations", subject)
        assert link in client_for(world.officer).get(url("subject_detail", subject)).content.decode()
        html = client_for(world.officer).get(link, HTTP_HX_REQUEST="true").content.decode()
        assert TITLE in html and "<html" not in html
        draft = make_invitation(world, subject, actor=world.partner, sent=False, title="Dự thảo lời mời khảo sát")
        assert draft.title not in client_for(world.officer).get(link).content.decode()
        assert draft.title in client_for(world.partner).get(link).content.decode()
        assert client_for(world.outsider).get(link).status_code == 404
