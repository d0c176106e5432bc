"""The meeting services: every rule, and bad input that changes nothing (frozen clock:
Sunday 22/11/2026)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.meetings import services
from phoihop.meetings.models import ConnectionPoint, Meeting, MeetingConclusion
from phoihop.meetings.services import ConnectionPointInput
from phoihop.meetings.tests.factories import HELD_AT, PLANNED_AT, TITLE, make_meeting, make_scene
from phoihop.notifications.models import Notification
from phoihop.programs.models import PartyRole, Task
from phoihop.programs.tests.factories import make_program

pytestmark = pytest.mark.django_db


def _create(world, **values):
    base = {
        "actor": world.officer,
        "owner": world.target,
        "kind": Meeting.Kind.QUARTERLY_BRIEFING,
        "title": TITLE,
        "starts_at": PLANNED_AT,
        "participants": [world.commune_committee],
    }
    return services.meeting_create(**{**base, **values})


def _messages(error) -> str:
    return " ".join(message for messages in error.value.message_dict.values() for message in messages)


class TestSchedule:
    def test_the_organiser_is_always_a_participant_and_participants_are_told(self, world):
        meeting = _create(world, participants=[world.commune_committee, world.target])
        assert [p.organization for p in meeting.participations.all()] == [world.target, world.commune_committee]
        assert meeting.status == Meeting.Status.PLANNED
        told = Notification.objects.filter(kind="meeting_scheduled")
        assert list(told.values_list("recipient", flat=True)) == [world.partner.pk]  # the actor is not told
        assert "18/12/2026" in told.get().body
        assert AuditEntry.objects.for_object(meeting).filter(action=AuditEntry.Action.CREATE).exists()

    def test_bad_input_is_refused_field_by_field_and_nothing_is_written(self, world):
        with pytest.raises(ValidationError) as error:
            _create(world, kind="party", title="  ", starts_at=PLANNED_AT, ends_at=PLANNED_AT - dt.timedelta(hours=1))
        assert set(error.value.message_dict) == {"kind", "title", "ends_at"}
        assert error.value.message_dict["ends_at"] == ["Thời gian kết thúc không thể trước thời gian bắt đầu."]
        assert not Meeting.objects.exists() and not Notification.objects.exists()

    def test_only_editors_of_the_organiser_schedule_its_meetings(self, world):
        for user in (world.upper, world.partner):
            with pytest.raises(ValidationError) as error:
                _create(world, actor=user)
            assert "owner" in error.value.message_dict
        assert not Meeting.objects.exists()

    def test_a_participant_the_actor_cannot_see_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            _create(world, participants=[world.province_dept_b])
        assert error.value.message_dict["participants"] == [f"Không tìm thấy cơ quan: {world.province_dept_b.pk}."]

    def test_the_programme_must_be_one_the_organiser_is_party_to(self, world):
        program = make_program(world, lead=world.province_dept_a, partner=world.commune_committee)
        with pytest.raises(ValidationError) as error:
            _create(world, program=program)
        assert "không phải là một bên của chương trình" in error.value.message_dict["program"][0]


class TestConnectionPoints:
    def test_an_online_meeting_needs_a_connection_point(self, world):
        with pytest.raises(ValidationError) as error:
            _create(world, is_online=True)
        assert error.value.message_dict["connection_points"] == ["Hội nghị trực tuyến cần ít nhất một điểm cầu."]

    def test_exactly_one_main_connection_point(self, world):
        points = [
            ConnectionPointInput("Điểm cầu xã", is_main=True),
            ConnectionPointInput("Điểm cầu thôn 1", is_main=True),
        ]
        with pytest.raises(ValidationError) as error:
            _create(world, is_online=True, connection_points=points)
        assert "Hãy chọn đúng một điểm cầu chính." in error.value.message_dict["connection_points"]

    def test_a_host_of_a_connection_point_takes_part(self, world):
        points = [ConnectionPointInput("Điểm cầu tỉnh", organization=world.province_dept_a, is_main=True)]
        with pytest.raises(ValidationError) as error:
            _create(world, is_online=True, connection_points=points)
        assert "phải là cơ quan tham dự" in _messages(error)

    def test_a_meeting_in_one_room_has_no_connection_points(self, world):
        with pytest.raises(ValidationError) as error:
            _create(world, connection_points=[ConnectionPointInput("Điểm cầu xã", is_main=True)])
        assert error.value.message_dict["connection_points"] == ["Chỉ hội nghị trực tuyến mới có điểm cầu."]

    def test_online_meeting_keeps_its_points_in_order(self, world):
        points = [
            ConnectionPointInput("Hội trường Đảng ủy xã", organization=world.target, is_main=True),
            ConnectionPointInput("Hội trường UBND xã", organization=world.commune_committee, place="Thôn 3"),
        ]
        meeting = _create(world, is_online=True, connection_points=points)
        assert list(meeting.connection_points.values_list("name", "is_main")) == [
            ("Hội trường Đảng ủy xã", True),
            ("Hội trường UBND xã", False),
        ]


class TestUpdate:
    def test_a_stale_version_is_refused_and_nothing_changes(self, world):
        meeting = _create(world)
        services.meeting_update(actor=world.officer, meeting=meeting, expected_version=1, place="Hội trường xã")
        with pytest.raises(StaleVersionError):
            services.meeting_update(
                actor=world.officer, meeting=Meeting.objects.get(), expected_version=1, title="Khác"
            )
        assert Meeting.objects.get().title == TITLE

    def test_participants_are_replaced_and_the_change_is_in_the_history(self, world):
        meeting = _create(world)
        services.meeting_update(actor=world.officer, meeting=meeting, expected_version=1, participants=[])
        assert [p.organization for p in meeting.participations.all()] == [world.target]
        entry = AuditEntry.objects.for_object(meeting).filter(action=AuditEntry.Action.UPDATE).get()
        assert "participants" in entry.changes

    def test_upper_level_and_partner_may_not_edit(self, world):
        meeting = _create(world)
        for user in (world.upper, world.partner):
            with pytest.raises(PermissionDenied):
                services.meeting_update(actor=user, meeting=meeting, expected_version=1, title="Khác")

    def test_a_cancelled_meeting_is_not_edited(self, world):
        meeting = _create(world)
        meeting = services.meeting_transition(
            actor=world.officer, meeting=meeting, action="cancel", expected_version=1, reason="Trùng lịch"
        )
        with pytest.raises(ValidationError) as error:
            services.meeting_update(actor=world.officer, meeting=meeting, expected_version=meeting.version, title="X")
        assert error.value.messages == ["Hội nghị đã hủy, không sửa được."]


class TestTransitions:
    def test_a_meeting_that_has_not_begun_is_not_held(self, world):
        meeting = _create(world)
        with pytest.raises(ValidationError) as error:
            services.meeting_transition(actor=world.officer, meeting=meeting, action="hold", expected_version=1)
        assert "08:00 18/12/2026" in error.value.messages[0]
        assert Meeting.objects.get().status == Meeting.Status.PLANNED

    def test_cancel_needs_a_reason_and_records_it(self, world):
        meeting = _create(world)
        with pytest.raises(ValidationError) as error:
            services.meeting_transition(actor=world.officer, meeting=meeting, action="cancel", expected_version=1)
        assert error.value.message_dict == {"reason": ["Hãy nêu lý do."]}
        services.meeting_transition(
            actor=world.officer, meeting=meeting, action="cancel", expected_version=1, reason="Trùng lịch tỉnh"
        )
        assert Meeting.objects.get().status_reason == "Trùng lịch tỉnh"

    def test_a_held_meeting_stays_held(self, world):
        meeting = make_meeting(world)
        assert meeting.status == Meeting.Status.HELD
        for action in ("cancel", "hold", "plan"):
            with pytest.raises(ValidationError):
                services.meeting_transition(
                    actor=world.officer, meeting=meeting, action=action, expected_version=meeting.version, reason="x"
                )
        assert Meeting.objects.get().status == Meeting.Status.HELD


class TestConclusions:
    def test_conclusions_only_once_held(self, world):
        meeting = _create(world)
        with pytest.raises(ValidationError) as error:
            services.conclusion_add(actor=world.officer, meeting=meeting, text="Một là")
        assert error.value.messages == ["Chỉ ghi kết luận khi hội nghị đã tổ chức."]

    def test_numbered_in_turn_and_a_number_is_unique(self, world):
        meeting = make_meeting(world, conclusions=("Một là", "Hai là"))
        assert list(meeting.conclusions.values_list("number", flat=True)) == [1, 2]
        with pytest.raises(ValidationError) as error:
            services.conclusion_add(actor=world.officer, meeting=meeting, text="Ba là", number=2)
        assert error.value.message_dict == {"number": ["Đã có kết luận số 2."]}
        with pytest.raises(ValidationError) as error:
            services.conclusion_add(actor=world.officer, meeting=meeting, text="  ")
        assert error.value.message_dict == {"text": ["Hãy nhập nội dung kết luận."]}

    def test_edit_with_a_stale_version_is_refused(self, world):
        meeting = make_meeting(world, conclusions=("Một là",))
        conclusion = meeting.conclusions.get()
        services.conclusion_update(actor=world.officer, conclusion=conclusion, expected_version=1, text="Một là: sửa")
        with pytest.raises(StaleVersionError):
            services.conclusion_update(
                actor=world.officer, conclusion=MeetingConclusion.objects.get(), expected_version=1, text="Khác"
            )
        assert MeetingConclusion.objects.get().text == "Một là: sửa"

    def test_the_partner_adds_nothing(self, world):
        meeting = make_meeting(world)
        with pytest.raises(PermissionDenied):
            services.conclusion_add(actor=world.partner, meeting=meeting, text="Một là")

    def test_delete(self, world):
        meeting = make_meeting(world, conclusions=("Một là",))
        conclusion = meeting.conclusions.get()
        with pytest.raises(StaleVersionError):
            services.conclusion_delete(actor=world.officer, conclusion=conclusion, expected_version=7)
        services.conclusion_delete(actor=world.officer, conclusion=conclusion, expected_version=1)
        assert not MeetingConclusion.objects.exists()
        assert AuditEntry.objects.for_object(meeting).filter(event="meeting_conclusion_deleted").exists()


class TestConclusionToTask:
    def _task(self, world, conclusion, **values):
        base = {
            "actor": world.officer,
            "conclusion": conclusion,
            "expected_version": conclusion.version,
            "lead": world.commune_committee,
            "partners": [world.target],
            "due_date": dt.date(2026, 12, 31),
        }
        return services.conclusion_create_task(**{**base, **values})

    def test_a_conclusion_becomes_a_task_of_the_programme_plan_for_the_due_year(self, world):
        scene = make_scene(world)
        conclusion = scene.meeting.conclusions.get(number=2)
        task = self._task(world, conclusion)
        assert task.plan == scene.plan and task.lead == world.commune_committee
        assert task.title == conclusion.text
        assert {(p.organization, p.role) for p in task.parts.all()} == {
            (world.commune_committee, PartyRole.LEAD),
            (world.target, PartyRole.PARTNER),
        }
        assert MeetingConclusion.objects.get(pk=conclusion.pk).task == task
        told = Notification.objects.filter(kind="meeting_conclusion_task")
        assert list(told.values_list("recipient", flat=True)) == [world.partner.pk]
        assert AuditEntry.objects.for_object(scene.meeting).filter(event="meeting_conclusion_task_created").exists()

    def test_a_lead_outside_the_participants_is_refused_naming_the_rule(self, world):
        scene = make_scene(world)
        conclusion = scene.meeting.conclusions.get(number=1)
        with pytest.raises(ValidationError) as error:
            self._task(world, conclusion, lead=world.province_dept_a, partners=[])
        assert error.value.message_dict["lead"] == [
            "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa không tham dự hội nghị: cơ quan chủ trì nhiệm vụ từ kết luận "
            "phải là một cơ quan tham dự hội nghị."
        ]
        assert not Task.objects.exists()

    def test_a_partner_outside_the_participants_is_refused(self, world):
        scene = make_scene(world)
        with pytest.raises(ValidationError) as error:
            self._task(world, scene.meeting.conclusions.get(number=1), partners=[world.province_dept_a])
        assert "không tham dự" in error.value.message_dict["partners"][0]
        assert not Task.objects.exists()

    def test_no_programme_or_no_plan_for_the_year_gives_a_clear_message(self, world):
        meeting = make_meeting(world, conclusions=("Một là",))
        with pytest.raises(ValidationError) as error:
            self._task(world, meeting.conclusions.get())
        assert "chưa gắn với chương trình phối hợp" in error.value.messages[0]
        scene = make_scene(world)
        with pytest.raises(ValidationError) as error:
            self._task(world, scene.meeting.conclusions.get(number=1), due_date=dt.date(2027, 3, 31))
        assert error.value.messages == [
            f"Chương trình “{scene.program.title}” chưa có kế hoạch năm 2027; hãy lập kế hoạch năm trước."
        ]
        assert not Task.objects.exists()

    def test_once_only_and_then_the_conclusion_is_not_deleted(self, world):
        scene = make_scene(world)
        conclusion = scene.meeting.conclusions.get(number=1)
        self._task(world, conclusion)
        conclusion.refresh_from_db()
        with pytest.raises(ValidationError):
            self._task(world, conclusion)
        stale = MeetingConclusion.objects.get(pk=conclusion.pk)
        stale.task = None  # a page read before the task was made
        with pytest.raises(StaleVersionError):
            self._task(world, stale, expected_version=1)
        assert Task.objects.count() == 1
        with pytest.raises(ValidationError) as error:
            services.conclusion_delete(actor=world.officer, conclusion=conclusion, expected_version=conclusion.version)
        assert error.value.messages == ["Kết luận đã thành nhiệm vụ, không xóa được."]

    def test_an_organiser_that_does_not_lead_the_programme_may_not_assign_tasks(self, world):
        program = make_program(world, lead=world.commune_committee, partner=world.target)
        from phoihop.programs.tests.factories import make_plan

        make_plan(program, actor=world.admin, year=2026)
        meeting = make_meeting(world, program=program, conclusions=("Một là",))
        with pytest.raises(PermissionDenied):
            self._task(world, meeting.conclusions.get())
        assert not Task.objects.exists()


def test_connection_points_are_rewritten_on_edit(world):
    meeting = _create(world, is_online=True, connection_points=[ConnectionPointInput("A", is_main=True)])
    services.meeting_update(
        actor=world.officer,
        meeting=meeting,
        expected_version=1,
        connection_points=[ConnectionPointInput("B"), ConnectionPointInput("C", is_main=True)],
    )
    assert list(ConnectionPoint.objects.values_list("name", flat=True)) == ["B", "C"]
    assert HELD_AT < PLANNED_AT


def test_a_meeting_no_longer_online_loses_its_points_unless_some_are_sent(world):
    meeting = _create(world, is_online=True, connection_points=[ConnectionPointInput("A", is_main=True)])
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=world.officer,
            meeting=meeting,
            expected_version=1,
            is_online=False,
            connection_points=[ConnectionPointInput("A", is_main=True)],
        )
    services.meeting_update(actor=world.officer, meeting=meeting, expected_version=1, is_online=False)
    assert not ConnectionPoint.objects.exists()


def test_a_participant_carrying_a_task_from_a_conclusion_stays(world):
    scene = make_scene(world)
    conclusion = scene.meeting.conclusions.get(number=1)
    services.conclusion_create_task(
        actor=world.officer,
        conclusion=conclusion,
        expected_version=conclusion.version,
        lead=world.commune_committee,
        due_date=dt.date(2026, 12, 31),
    )
    meeting = Meeting.objects.get()
    with pytest.raises(ValidationError) as error:
        services.meeting_update(actor=world.officer, meeting=meeting, expected_version=meeting.version, participants=[])
    assert error.value.message_dict["participants"] == [
        "Không bỏ được Ủy ban nhân dân xã Cẩm Đức: cơ quan đang thực hiện nhiệm vụ từ kết luận của hội nghị."
    ]
    assert meeting.participations.count() == 2
