"""Invitation services on a frozen clock: who may invite whom, draft → sent → cancelled,
rescheduling, answers until the event starts (and refused after), the notifications
(who, what, nothing twice), the unanswered-invitation reminder and the .ics file.

The scene: the commune's People's Committee (world.partner) registered a trial; it
invites the department (world.target: world.officer answers) to a press conference on
08/06/2026 09:00–11:00; the clock stands at 01/06/2026 08:00."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.core import ical
from phoihop.core.concurrency import StaleVersionError
from phoihop.exchange import selectors, services
from phoihop.exchange.jobs import remind_unanswered_invitations
from phoihop.exchange.models import Invitation, InvitationResponse, Subject
from phoihop.exchange.tests.factories import HANOI, NOW, make_invitation, make_scene, make_subject
from phoihop.notifications import kinds
from phoihop.notifications.models import Notification
from phoihop.organisations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
A = InvitationResponse.Answer


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def subject(world):
    scene = make_scene(world)
    subject = make_subject(world, scene.program, status=Subject.Status.REGISTERED)
    Notification.objects.all().delete()  # the registration's: these tests look at the invitations'
    return subject


def received(kind=None) -> set[tuple[str, str]]:
    qs = Notification.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return set(qs.values_list("recipient__username", "dedupe_key"))


def response_of(invitation, org) -> InvitationResponse:
    return InvitationResponse.objects.select_related("invitation", "organization").get(
        invitation=invitation, organization=org
    )


def answer(actor, invitation, org, **values):
    response = response_of(invitation, org)
    return services.invitation_answer(actor=actor, response=response, expected_version=response.version, **values)


class TestCreate:
    def test_the_owner_invites_the_department_as_a_draft(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner, sent=False)
        assert invitation.status == Invitation.Status.DRAFT
        assert [r.organization for r in invitation.responses.all()] == [world.target]
        assert not Notification.objects.exists()  # nobody hears of a draft

    def test_bad_input_is_refused_with_vietnamese_messages_and_nothing_written(self, world, subject):
        with pytest.raises(ValidationError) as caught:
            services.invitation_create(
                actor=world.partner,
                subject=subject,
                inviter=world.commune_committee,
                invitees=[],
                kind="press_conference",
                title=" ",
                date=dt.date(2026, 5, 30),
                start_time=dt.time(9, 0),
                end_time=dt.time(8, 0),
                place="",
                online_link="meet.example",
            )
        errors = caught.value.message_dict
        assert errors["title"] == ["Hãy nhập tên hoạt động."]
        assert errors["end_time"] == ["Giờ kết thúc phải sau giờ bắt đầu."]
        assert errors["invitees"] == ["Hãy chọn ít nhất một cơ quan được mời."]
        assert errors["online_link"] == ["Đường dẫn không hợp lệ; hãy nhập đầy đủ, bắt đầu bằng https://"]
        assert not Invitation.objects.exists()

    def test_a_start_already_past_is_refused(self, world, subject):
        with pytest.raises(ValidationError) as caught:
            make_invitation(world, subject, actor=world.partner, date=dt.date(2026, 6, 1), start_time=dt.time(7, 30))
        assert caught.value.message_dict["date"] == [
            "Thời gian bắt đầu (07:30 01/06/2026) đã qua; hãy chọn ngày, giờ sắp tới."
        ]

    def test_only_for_a_party_one_edits_for(self, world, subject):
        with pytest.raises(ValidationError) as caught:
            make_invitation(world, subject, actor=world.officer, sent=False)  # for the committee: not his
        assert caught.value.message_dict["inviter"] == [
            "Cơ quan mời phải là một bên của chương trình mà bạn làm việc cho."
        ]
        with pytest.raises(ValidationError):
            make_invitation(world, subject, actor=world.upper, sent=False, inviter=world.province_dept_a)

    def test_invitees_are_parties_or_organisations_the_inviter_sees(self, world, subject):
        press = OrganizationFactory(
            name="Trung tâm Văn hóa - Thông tin xã Cẩm Đức",
            level=world.target.level,
            administrative_unit=world.commune_c,
            valid_from=dt.date(2025, 7, 1),
        )
        invitation = make_invitation(world, subject, actor=world.partner, sent=False, invitees=[world.target, press])
        assert invitation.responses.count() == 2
        with pytest.raises(ValidationError) as caught:
            make_invitation(world, subject, actor=world.partner, sent=False, invitees=[world.province_dept_b])
        assert caught.value.message_dict["invitees"] == [
            "Chỉ mời được các bên của chương trình hoặc cơ quan bạn thấy trong danh mục: "
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Sơn."
        ]
        with pytest.raises(ValidationError) as caught:
            make_invitation(world, subject, actor=world.partner, sent=False, invitees=[world.commune_committee])
        assert "Cơ quan mời không tự mời chính mình." in caught.value.message_dict["invitees"]

    def test_a_draft_subject_gets_no_invitation(self, world):
        scene = make_scene(world)
        draft = make_subject(world, scene.program, title="Dự thảo vấn đề")
        with pytest.raises(ValidationError) as caught:
            make_invitation(world, draft, actor=world.partner, sent=False)
        assert "Chỉ mời dự hoạt động của vấn đề đã đăng ký và chưa kết thúc." in caught.value.messages


class TestSendRescheduleCancel:
    def test_sending_notifies_the_invitees_editors_once(self, world, subject):
        leader = UserFactory(username="leader2")
        MembershipFactory(user=leader, organization=world.target, role=Role.LEADER)
        viewer = UserFactory(username="viewer")
        MembershipFactory(user=viewer, organization=world.target, role=Role.VIEWER)
        invitation = make_invitation(world, subject, actor=world.partner)
        key = f"invitation-sent:{invitation.pk}"
        assert received() == {("officer", key), ("leader2", key), ("leader", key)}
        note = Notification.objects.filter(recipient=world.officer).get()
        assert note.kind == kinds.INVITATION_RECEIVED
        assert note.title == "Lời mời: Họp báo thông tin về phiên tòa xét xử lưu động"
        assert "09:00–11:00 08/06/2026, Hội trường Ủy ban nhân dân xã Cẩm Đức" in note.body
        assert kinds.BY_KEY[kinds.INVITATION_RECEIVED].default_delivery == "immediate"

    def test_only_the_inviters_editors_send(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner, sent=False)
        with pytest.raises(PermissionDenied):
            services.invitation_transition(
                actor=world.officer, invitation=invitation, action="send", expected_version=invitation.version
            )
        assert Invitation.objects.get().status == Invitation.Status.DRAFT

    def test_rescheduling_a_sent_invitation_notifies_again_each_time(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        services.invitation_update(
            actor=world.partner,
            invitation=invitation,
            expected_version=invitation.version,
            start_time=dt.time(14, 0),
            end_time=dt.time(16, 0),
        )
        assert invitation.sequence == 1
        assert ("officer", f"invitation-rescheduled:{invitation.pk}:1") in received()
        services.invitation_update(
            actor=world.partner, invitation=invitation, expected_version=invitation.version, place="Nhà văn hóa thôn 3"
        )
        assert ("officer", f"invitation-rescheduled:{invitation.pk}:2") in received()
        services.invitation_update(
            actor=world.partner, invitation=invitation, expected_version=invitation.version, agenda="Bổ sung nội dung"
        )
        assert invitation.sequence == 2  # the agenda is no rescheduling
        assert Notification.objects.filter(recipient=world.officer).count() == 3

    def test_a_stale_version_is_refused(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        with pytest.raises(StaleVersionError):
            services.invitation_update(actor=world.partner, invitation=invitation, expected_version=1, title="Khác")
        assert Invitation.objects.get().title == "Họp báo thông tin về phiên tòa xét xử lưu động"

    def test_sent_invitees_may_be_added_not_removed(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        press = OrganizationFactory(
            name="Đài truyền thanh xã Cẩm Đức",
            level=world.target.level,
            administrative_unit=world.commune_c,
            valid_from=dt.date(2025, 7, 1),
        )
        press_officer = UserFactory(username="press")
        MembershipFactory(user=press_officer, organization=press, role=Role.OFFICER)
        services.invitation_update(
            actor=world.partner,
            invitation=invitation,
            expected_version=invitation.version,
            invitees=[world.target, press],
        )
        assert received(kinds.INVITATION_RECEIVED) >= {("press", f"invitation-sent:{invitation.pk}")}
        assert Notification.objects.filter(recipient=world.officer).count() == 1  # not told twice
        with pytest.raises(ValidationError) as caught:
            services.invitation_update(
                actor=world.partner, invitation=invitation, expected_version=invitation.version, invitees=[press]
            )
        assert caught.value.message_dict["invitees"] == [
            "Lời mời đã gửi: không bỏ được cơ quan đã được mời (Đảng ủy xã Cẩm Đức)."
        ]

    def test_cancelling_needs_a_reason_and_tells_the_invitees(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        with pytest.raises(ValidationError):
            services.invitation_transition(
                actor=world.partner, invitation=invitation, action="cancel", expected_version=invitation.version
            )
        services.invitation_transition(
            actor=world.partner,
            invitation=invitation,
            action="cancel",
            expected_version=invitation.version,
            reason="Tòa án hoãn phiên xét xử",
        )
        assert ("officer", f"invitation-cancelled:{invitation.pk}") in received()
        with pytest.raises(ValidationError):
            services.invitation_update(
                actor=world.partner, invitation=invitation, expected_version=invitation.version, title="Mới"
            )

    def test_a_cancelled_draft_tells_nobody(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner, sent=False)
        services.invitation_transition(
            actor=world.partner,
            invitation=invitation,
            action="cancel",
            expected_version=invitation.version,
            reason="Nhầm",
        )
        assert not Notification.objects.exists()


class TestAnswers:
    def test_the_invitees_editor_answers_and_the_inviter_hears_of_it(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        response = answer(
            world.officer,
            invitation,
            world.target,
            answer=A.ATTENDING,
            delegates=2,
            positions="01 Phó Trưởng ban, 01 chuyên viên",
        )
        assert (response.answer, response.delegates, response.answered_by) == (A.ATTENDING, 2, world.officer)
        key = f"invitation-answered:{response.pk}:{response.version}"
        assert received(kinds.INVITATION_ANSWERED) == {("partner", key)}
        note = Notification.objects.get(dedupe_key=key)
        assert note.title == "Đảng ủy xã Cẩm Đức tham dự: Họp báo thông tin về phiên tòa xét xử lưu động"
        assert note.body == "2 đại biểu: 01 Phó Trưởng ban, 01 chuyên viên."

    def test_the_answer_may_change_until_the_start(self, world, subject, clock):
        invitation = make_invitation(world, subject, actor=world.partner)
        answer(world.officer, invitation, world.target, answer=A.ATTENDING, delegates=1, positions="01 chuyên viên")
        clock.move_to(dt.datetime(2026, 6, 8, 8, 59, tzinfo=HANOI))
        response = answer(world.officer, invitation, world.target, answer=A.DECLINED, reason="Trùng lịch họp Ban")
        assert (response.answer, response.delegates, response.positions) == (A.DECLINED, None, "")
        assert Notification.objects.filter(kind=kinds.INVITATION_ANSWERED).count() == 2
        clock.move_to(dt.datetime(2026, 6, 8, 9, 0, tzinfo=HANOI))
        with pytest.raises(ValidationError) as caught:
            answer(world.officer, invitation, world.target, answer=A.ATTENDING, delegates=1, positions="01 chuyên viên")
        assert caught.value.messages == [
            "Hoạt động đã bắt đầu lúc 09:00 08/06/2026; không thể trả lời hoặc đổi câu trả lời nữa."
        ]
        assert response_of(invitation, world.target).answer == A.DECLINED

    def test_bad_answers_are_refused(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        with pytest.raises(ValidationError) as caught:
            answer(world.officer, invitation, world.target, answer=A.ATTENDING, delegates=0)
        assert caught.value.message_dict == {
            "delegates": ["Hãy nhập số đại biểu tham dự (ít nhất 1)."],
            "positions": ["Hãy ghi chức vụ của đại biểu, ví dụ “01 Phó Trưởng ban, 01 chuyên viên”."],
        }
        with pytest.raises(ValidationError) as caught:
            answer(world.officer, invitation, world.target, answer=A.DECLINED)
        assert caught.value.message_dict == {"reason": ["Hãy nêu lý do không tham dự."]}
        assert response_of(invitation, world.target).answer == A.PENDING

    @pytest.mark.parametrize("persona", ["partner", "upper", "outsider", "admin"])
    def test_only_the_invitees_editors_answer(self, world, subject, persona):
        invitation = make_invitation(world, subject, actor=world.partner)
        with pytest.raises(PermissionDenied):
            answer(getattr(world, persona), invitation, world.target, answer=A.DECLINED, reason="Bận")

    def test_a_draft_cannot_be_answered(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner, sent=False)
        with pytest.raises(ValidationError):
            answer(world.officer, invitation, world.target, answer=A.DECLINED, reason="Bận")


class TestUnansweredReminder:
    def test_invitees_without_an_answer_are_reminded_once_within_a_week(self, world, subject, clock):
        invitation = make_invitation(world, subject, actor=world.partner)
        Notification.objects.all().delete()
        assert remind_unanswered_invitations(dt.date(2026, 5, 31)) == 0  # eight days ahead: not yet
        assert remind_unanswered_invitations(dt.date(2026, 6, 1)) == 2  # officer and leader
        assert received() == {
            ("officer", f"invitation-unanswered:{invitation.pk}:{world.target.pk}"),
            ("leader", f"invitation-unanswered:{invitation.pk}:{world.target.pk}"),
        }
        assert remind_unanswered_invitations(dt.date(2026, 6, 2)) == 0  # nothing twice

    def test_answered_cancelled_and_past_invitations_are_not_reminded(self, world, subject):
        answered = make_invitation(world, subject, actor=world.partner)
        answer(world.officer, answered, world.target, answer=A.DECLINED, reason="Bận")
        cancelled = make_invitation(world, subject, actor=world.partner, title="Khảo sát", kind="site_visit")
        services.invitation_transition(
            actor=world.partner,
            invitation=cancelled,
            action="cancel",
            expected_version=cancelled.version,
            reason="Hoãn",
        )
        Notification.objects.all().delete()
        assert remind_unanswered_invitations(dt.date(2026, 6, 1)) == 0
        assert remind_unanswered_invitations(dt.date(2026, 6, 9)) == 0

    def test_constant_queries(self, world, subject, django_assert_max_num_queries):
        for count in (3, 30):
            while Invitation.objects.count() < count:
                make_invitation(world, subject, actor=world.partner)
            Notification.objects.all().delete()
            with django_assert_max_num_queries(7):
                assert remind_unanswered_invitations(dt.date(2026, 6, 1)) == 2 * count


class TestIcs:
    def test_the_file_has_the_vietnamese_times_a_stable_uid_and_escaped_text(self, world, subject, settings):
        settings.PHOIHOP_BASE_URL = "https://phoihop.example.vn"
        invitation = make_invitation(
            world,
            subject,
            actor=world.partner,
            place="Hội trường UBND xã, số 1; đường Trần Phú",
            agenda="1. Thông tin vụ án\n2. Hỏi, đáp",
        )
        text = selectors.invitation_ics(selectors.get_invitation_for_user(world.officer, invitation.pk))
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
        unfolded = text.replace("\r\n ", "")
        lines = unfolded.split("\r\n")
        assert "TZID:Asia/Ho_Chi_Minh" in lines
        assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20260608T090000" in lines
        assert "DTEND;TZID=Asia/Ho_Chi_Minh:20260608T110000" in lines
        assert f"UID:invitation-{invitation.pk}@phoihop.example.vn" in lines
        assert "SUMMARY:Họp báo: Họp báo thông tin về phiên tòa xét xử lưu động" in lines
        assert "LOCATION:Hội trường UBND xã\\, số 1\\; đường Trần Phú" in lines
        assert "DTSTAMP:20260601T010000Z" in lines
        description = next(line for line in lines if line.startswith("DESCRIPTION:"))
        assert "Cơ quan mời: Ủy ban nhân dân xã Cẩm Đức\\n" in description
        assert "1. Thông tin vụ án\\n2. Hỏi\\, đáp" in description
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        assert "SEQUENCE:0" in lines and "STATUS:CONFIRMED" in lines

    def test_a_rescheduling_keeps_the_uid_and_raises_the_sequence(self, world, subject):
        invitation = make_invitation(world, subject, actor=world.partner)
        before = selectors.invitation_ics(invitation)
        services.invitation_update(
            actor=world.partner, invitation=invitation, expected_version=invitation.version, date=dt.date(2026, 6, 9)
        )
        after = selectors.invitation_ics(invitation)
        uid = next(line for line in before.split("\r\n") if line.startswith("UID:"))
        assert uid in after.split("\r\n")
        assert "SEQUENCE:1" in after and "DTSTART;TZID=Asia/Ho_Chi_Minh:20260609T090000" in after

    def test_fold_never_splits_a_character(self):
        line = "SUMMARY:" + "Tuyên truyền kết quả xét xử, giáo dục pháp luật " * 5
        folded = ical.fold(line)
        parts = folded.split("\r\n ")
        assert "".join(parts) == line
        assert all(len(part.encode()) <= 75 for part in parts)
        assert ical.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
