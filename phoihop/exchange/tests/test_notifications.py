"""The notifications of subjects, assessments and plans, and the daily reminder of
unacknowledged subjects: who gets what, nobody else, nothing twice, and a refused change
notifies nobody.

The scene: world.target leads the programme (the department: world.officer, and a leader),
world.commune_committee registers (world.partner); world.upper and world.outsider are
never notified."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.exchange import services
from phoihop.exchange.jobs import remind_unacknowledged_subjects
from phoihop.exchange.models import Subject
from phoihop.exchange.tests.factories import (
    SubjectRowFactory,
    make_assessment,
    make_plan_with_activities,
    make_scene,
    make_subject,
)
from phoihop.notifications import kinds
from phoihop.notifications.models import Notification

pytestmark = pytest.mark.django_db
S = Subject.Status
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def scene(world):
    return make_scene(world)


def received(kind=None) -> set[tuple[str, str]]:
    qs = Notification.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return set(qs.values_list("recipient__username", "dedupe_key"))


def titles(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


class TestSubjects:
    def test_registering_notifies_the_departments_editors_only(self, world, scene):
        viewer = UserFactory(username="viewer")
        MembershipFactory(user=viewer, organization=world.target, role=Role.VIEWER)
        subject = make_subject(world, scene.program)
        services.subject_transition(
            actor=world.partner, subject=subject, action="register", expected_version=subject.version
        )
        key = f"subject-registered:{subject.pk}"
        assert received(kinds.SUBJECT_REGISTERED) == {("officer", key), ("leader", key)}
        note = Notification.objects.get(recipient=world.officer)
        assert note.title == "Vấn đề mới đăng ký: Xét xử lưu động vụ án gây rối trật tự công cộng tại xã Cẩm Đức"
        assert note.body == (
            "Ủy ban nhân dân xã Cẩm Đức đăng ký vấn đề cần phối hợp năm 2026; đề nghị Ban Tuyên giáo tiếp nhận."
        )
        assert note.url == f"/exchange/subjects/{subject.pk}/"

    def test_acknowledging_notifies_the_owners_editors_not_the_actor(self, world, scene):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        Notification.objects.all().delete()
        services.subject_transition(
            actor=world.officer, subject=subject, action="acknowledge", expected_version=subject.version
        )
        assert received() == {("partner", f"subject-acknowledged:{subject.pk}")}
        assert titles(world.partner) == [
            "Vấn đề đã được tiếp nhận: Xét xử lưu động vụ án gây rối trật tự công cộng tại xã Cẩm Đức"
        ]

    def test_cancelling_notifies_the_other_side(self, world, scene):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        Notification.objects.all().delete()
        services.subject_transition(
            actor=world.partner,
            subject=subject,
            action="cancel",
            expected_version=subject.version,
            reason="Tòa án hoãn phiên xét xử",
        )
        key = f"subject-cancelled:{subject.pk}"
        assert received(kinds.SUBJECT_ENDED) == {("officer", key), ("leader", key)}
        assert Notification.objects.filter(recipient=world.officer).get().body == "Lý do: Tòa án hoãn phiên xét xử"

    def test_a_refused_transition_notifies_nobody(self, world, scene):
        subject = make_subject(world, scene.program)
        with pytest.raises(PermissionDenied):
            services.subject_transition(
                actor=world.officer, subject=subject, action="register", expected_version=subject.version
            )
        assert not Notification.objects.exists()


class TestAssessments:
    def submit(self, world, subject):
        assessment = make_assessment(subject, actor=world.officer)
        return services.assessment_transition(
            actor=world.officer, assessment=assessment, action="submit", expected_version=assessment.version
        )

    def test_submitting_notifies_the_departments_leaders_immediately(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        Notification.objects.all().delete()
        assessment = self.submit(world, subject)
        assert received() == {("leader", f"assessment-submitted:{assessment.pk}:{assessment.version}")}
        assert kinds.BY_KEY[kinds.ASSESSMENT_TO_APPROVE].default_delivery == "immediate"

    def test_a_resubmission_after_a_return_notifies_again_and_approval_tells_both_sides(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        assessment = self.submit(world, subject)
        services.assessment_transition(
            actor=scene.leader,
            assessment=assessment,
            action="return",
            expected_version=assessment.version,
            reason="Bổ sung dự báo dư luận",
        )
        assert ("officer", f"assessment-returned:{assessment.pk}:{assessment.version}") in received()
        services.assessment_transition(
            actor=world.officer, assessment=assessment, action="submit", expected_version=assessment.version
        )
        assert Notification.objects.filter(recipient=scene.leader, kind=kinds.ASSESSMENT_TO_APPROVE).count() == 2
        Notification.objects.all().delete()
        services.assessment_transition(
            actor=scene.leader, assessment=assessment, action="approve", expected_version=assessment.version
        )
        key = f"assessment-approved:{assessment.pk}"
        assert received() == {("officer", key), ("partner", key)}


class TestPlans:
    def test_generating_tells_each_tasks_parties_and_the_owner(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        Notification.objects.all().delete()
        tasks = services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        by_title = {task.title: task.pk for task in tasks}
        before, during, after = (
            by_title["Thông cáo báo chí trước phiên tòa"],
            by_title["Đưa tin trong ngày xét xử"],
            by_title["Tuyên truyền kết quả xét xử"],
        )
        assert received(kinds.PLAN_TASKS_ASSIGNED) == {
            ("leader", f"task-assigned:{before}"),
            ("partner", f"task-assigned:{before}"),
            ("leader", f"task-assigned:{during}"),
            ("partner", f"task-assigned:{during}"),
            ("leader", f"task-assigned:{after}"),  # the department alone leads it: not the partner
        }
        assert received(kinds.PLAN_GENERATED) == {("partner", f"plan-generated:{plan.pk}")}
        assert "Nhiệm vụ mới: Thông cáo báo chí trước phiên tòa" in titles(world.partner)

    def test_moving_a_key_date_tells_the_parties_of_the_moved_tasks_once_per_date(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        tasks = services.communication_plan_generate(actor=None, plan=plan, expected_version=plan.version)
        Notification.objects.all().delete()
        trial = subject.key_dates.get(label="Ngày xét xử")
        subject.refresh_from_db()
        services.subject_move_key_date(
            actor=world.partner,
            key_date=trial,
            new_date=dt.date(2026, 6, 22),
            expected_version=subject.version,
            reason="Tòa án dời ngày xét xử",
        )
        first = {t.pk for t in tasks if t.title == "Thông cáo báo chí trước phiên tòa"}.pop()
        assert ("officer", f"task-moved:{first}:2026-06-15") in received(kinds.TASK_RESCHEDULED)
        assert not {user for user, _key in received()} & {"partner", "upper", "outsider"}
        count = Notification.objects.count()
        assert count == 3 * 2  # officer and leader of the department, three tasks
        note = Notification.objects.filter(dedupe_key=f"task-moved:{first}:2026-06-15").first()
        assert note.body == "Hạn mới: 15/06/2026, theo mốc “Ngày xét xử” của vấn đề “" + subject.title + "”."


class TestUnacknowledgedReminder:
    def register(self, world, scene, on: dt.datetime, **values):
        with time_machine.travel(on, tick=False):
            return make_subject(world, scene.program, status=S.REGISTERED, **values)

    def test_the_department_is_reminded_once_after_three_days(self, world, scene):
        subject = self.register(world, scene, dt.datetime(2026, 5, 1, 9, 0, tzinfo=HANOI))
        Notification.objects.all().delete()
        assert remind_unacknowledged_subjects(dt.date(2026, 5, 3)) == 0  # two days: not yet
        assert remind_unacknowledged_subjects(dt.date(2026, 5, 4)) == 2
        key = f"subject-unacknowledged:{subject.pk}"
        assert received() == {("officer", key), ("leader", key)}
        assert Notification.objects.filter(recipient=world.officer).get().body == (
            "Ủy ban nhân dân xã Cẩm Đức đã đăng ký vấn đề từ 01/05/2026; Ban Tuyên giáo chưa tiếp nhận."
        )
        assert remind_unacknowledged_subjects(dt.date(2026, 5, 5)) == 0  # nothing twice

    def test_acknowledged_subjects_are_not_reminded(self, world, scene):
        subject = self.register(world, scene, dt.datetime(2026, 5, 1, 9, 0, tzinfo=HANOI))
        services.subject_transition(
            actor=world.officer, subject=subject, action="acknowledge", expected_version=subject.version
        )
        Notification.objects.all().delete()
        assert remind_unacknowledged_subjects(dt.date(2026, 5, 10)) == 0

    def test_constant_queries_whatever_the_number_of_subjects(self, world, scene, django_assert_max_num_queries):
        registered = dt.datetime(2026, 5, 1, 9, 0, tzinfo=HANOI)
        for count in (3, 30):
            while Subject.objects.count() < count:
                SubjectRowFactory(program=scene.program, owner=world.commune_committee, registered_at=registered)
            Notification.objects.all().delete()
            with django_assert_max_num_queries(8):
                assert remind_unacknowledged_subjects(dt.date(2026, 5, 10)) == 2 * count
