"""Subjects through the services: registration by the owner, acknowledgement by the
department, the assessment's approval by a leader only, the transition table, bad input
(nothing written) and stale versions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.exchange import services
from phoihop.exchange.models import Assessment, Subject, SubjectKeyDate
from phoihop.exchange.tests.factories import TRIAL, make_assessment, make_scene, make_subject
from phoihop.programs.models import Program
from phoihop.programs.tests.factories import make_program

pytestmark = pytest.mark.django_db
S = Subject.Status


@pytest.fixture
def scene(world):
    return make_scene(world)


def messages_of(error) -> str:
    return " ".join(error.value.messages)


class TestCreate:
    def test_the_partner_registers_a_draft_with_key_dates_and_a_history(self, world, scene):
        subject = make_subject(world, scene.program, actor=world.partner)
        assert subject.status == S.DRAFT
        assert [(k.label, k.date) for k in subject.key_dates.all()] == [
            ("Ngày xét xử", TRIAL),
            ("Ngày tuyên án", TRIAL + dt.timedelta(days=2)),
        ]
        entry = AuditEntry.objects.for_object(subject).get()
        assert entry.actor == world.partner
        assert entry.changes["key_dates"][1] == ["Ngày xét xử: 15/06/2026", "Ngày tuyên án: 17/06/2026"]

    def test_only_for_an_organisation_one_edits_for(self, world, scene):
        with pytest.raises(ValidationError) as error:
            make_subject(world, scene.program, actor=world.officer)  # owner: the People's Committee
        assert "của cơ quan mình" in messages_of(error)
        assert not Subject.objects.exists()

    @pytest.mark.parametrize(
        ("values", "field", "text"),
        [
            ({"title": "  "}, "title", "Hãy nhập tên vấn đề."),
            ({"year": 2031}, "year", "Năm phải nằm trong thời gian của chương trình (2026–2030)."),
            ({"end_date": dt.date(2026, 2, 1)}, "end_date", "Ngày kết thúc không thể trước ngày bắt đầu."),
            ({"kind": "secret"}, "kind", "Hãy chọn loại vấn đề."),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, world, scene, values, field, text):
        with pytest.raises(ValidationError) as error:
            make_subject(world, scene.program, **values)
        assert text in error.value.message_dict[field]
        assert not Subject.objects.exists() and not SubjectKeyDate.objects.exists()

    def test_a_key_date_outside_the_timeline_is_refused(self, world, scene):
        with pytest.raises(ValidationError) as error:
            make_subject(world, scene.program, key_dates=[services.KeyDateInput("Ngày xét xử", dt.date(2026, 12, 1))])
        assert error.value.message_dict["key_dates"] == [
            "Mốc “Ngày xét xử” (01/12/2026) nằm ngoài thời gian của vấn đề (01/03/2026 – 30/09/2026)."
        ]

    def test_the_owner_must_be_a_party(self, world, scene):
        with pytest.raises(ValidationError) as error:
            make_subject(world, scene.program, owner=world.province_dept_b)
        assert "không phải là một bên của chương trình" in error.value.message_dict["owner"][0]

    def test_not_under_a_draft_programme(self, world, scene):
        draft = make_program(world, status=Program.Status.DRAFT, title="Chương trình dự thảo")
        with pytest.raises(ValidationError) as error:
            make_subject(world, draft)
        assert "program" in error.value.message_dict


class TestTransitions:
    def test_owner_registers_department_acknowledges(self, world, scene):
        subject = make_subject(world, scene.program)
        services.subject_transition(actor=world.partner, subject=subject, action="register", expected_version=1)
        assert subject.status == S.REGISTERED and subject.registered_at is not None
        services.subject_transition(
            actor=world.officer, subject=subject, action="acknowledge", expected_version=subject.version
        )
        subject.refresh_from_db()
        assert subject.status == S.ACKNOWLEDGED and subject.acknowledged_by == world.officer
        events = list(AuditEntry.objects.for_object(subject).values_list("event", flat=True))
        assert "subject_register" in events and "subject_acknowledge" in events

    def test_the_department_cannot_register_for_the_owner(self, world, scene):
        subject = make_subject(world, scene.program)
        with pytest.raises(PermissionDenied, match="Chỉ cơ quan đăng ký"):
            services.subject_transition(actor=world.officer, subject=subject, action="register", expected_version=1)
        subject.refresh_from_db()
        assert subject.status == S.DRAFT

    @pytest.mark.parametrize("persona", ["partner", "upper", "outsider"])
    def test_only_the_department_acknowledges(self, world, scene, persona):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        with pytest.raises(PermissionDenied):
            services.subject_transition(
                actor=getattr(world, persona), subject=subject, action="acknowledge", expected_version=subject.version
            )
        subject.refresh_from_db()
        assert subject.status == S.REGISTERED

    def test_not_allowed_from_this_status(self, world, scene):
        subject = make_subject(world, scene.program)
        with pytest.raises(ValidationError) as error:
            services.subject_transition(actor=world.officer, subject=subject, action="acknowledge", expected_version=1)
        assert error.value.message_dict["action"] == ["Không thể “Tiếp nhận” khi đang ở trạng thái “Dự thảo”."]

    def test_assess_is_not_a_button(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        with pytest.raises(ValidationError):
            services.subject_transition(
                actor=world.officer, subject=subject, action="assess", expected_version=subject.version
            )

    @pytest.mark.parametrize("persona", ["partner", "officer"])
    def test_either_side_cancels_with_a_reason(self, world, scene, persona):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        with pytest.raises(ValidationError) as error:
            services.subject_transition(
                actor=getattr(world, persona), subject=subject, action="cancel", expected_version=subject.version
            )
        assert error.value.message_dict["reason"] == ["Hãy nêu lý do."]
        services.subject_transition(
            actor=getattr(world, persona),
            subject=subject,
            action="cancel",
            expected_version=subject.version,
            reason="Vụ án được đình chỉ",
        )
        subject.refresh_from_db()
        assert subject.status == S.CANCELLED and subject.status_reason == "Vụ án được đình chỉ"

    def test_a_stale_version_is_refused(self, world, scene):
        subject = make_subject(world, scene.program)
        services.subject_update(actor=world.partner, subject=subject, expected_version=1, title="Tên mới")
        with pytest.raises(StaleVersionError):
            services.subject_transition(actor=world.partner, subject=subject, action="register", expected_version=1)
        assert Subject.objects.get().status == S.DRAFT


class TestUpdate:
    def test_key_dates_are_kept_relabelled_added_and_removed(self, world, scene):
        subject = make_subject(world, scene.program)
        trial, verdict = subject.key_dates.all()
        services.subject_update(
            actor=world.partner,
            subject=subject,
            expected_version=1,
            key_dates=[
                services.KeyDateInput("Ngày xét xử sơ thẩm", TRIAL, id=trial.pk),
                services.KeyDateInput("Ngày họp báo", dt.date(2026, 6, 1)),
            ],
        )
        assert [(k.pk == trial.pk, k.label) for k in subject.key_dates.order_by("date")] == [
            (False, "Ngày họp báo"),
            (True, "Ngày xét xử sơ thẩm"),
        ]
        assert not SubjectKeyDate.objects.filter(pk=verdict.pk).exists()
        assert subject.version == 2

    def test_a_closed_subject_is_not_edited(self, world, scene):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        services.subject_transition(
            actor=None, subject=subject, action="cancel", expected_version=subject.version, reason="Thôi"
        )
        with pytest.raises(ValidationError):
            services.subject_update(actor=world.partner, subject=subject, expected_version=subject.version, title="X")


class TestAssessment:
    def test_recorded_by_the_department_on_an_acknowledged_subject_only(self, world, scene):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        with pytest.raises(ValidationError, match="đã được tiếp nhận"):
            make_assessment(subject, actor=world.officer)
        services.subject_transition(
            actor=world.officer, subject=subject, action="acknowledge", expected_version=subject.version
        )
        with pytest.raises(PermissionDenied):
            make_assessment(subject, actor=world.partner)
        assessment = make_assessment(subject, actor=world.officer)
        assert assessment.status == Assessment.Status.DRAFT and assessment.prepared_by == world.officer

    def test_groups_and_recommendation_are_required(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        with pytest.raises(ValidationError) as error:
            make_assessment(subject, affected_groups=" ", recommendation="", opinion_breadth="everyone")
        assert set(error.value.message_dict) == {"affected_groups", "recommendation", "opinion_breadth"}
        assert not Assessment.objects.exists()

    def _submitted(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        assessment = make_assessment(subject, actor=world.officer)
        services.assessment_transition(actor=world.officer, assessment=assessment, action="submit", expected_version=1)
        return subject, assessment

    @pytest.mark.parametrize("persona", ["officer", "partner", "admin"])
    def test_only_a_leader_approves(self, world, scene, persona):
        subject, assessment = self._submitted(world, scene)
        with pytest.raises(PermissionDenied) as error:
            services.assessment_transition(
                actor=getattr(world, persona), assessment=assessment, action="approve", expected_version=2
            )
        assert "Chỉ lãnh đạo Ban" in str(error.value)
        assessment.refresh_from_db()
        subject.refresh_from_db()
        assert assessment.status == Assessment.Status.SUBMITTED and assessment.approved_by is None
        assert subject.status == S.ACKNOWLEDGED
        assert not AuditEntry.objects.filter(event="assessment_approve").exists()

    def test_a_leader_of_another_organisation_is_refused(self, world, scene):
        from phoihop.accounts.models import Role
        from phoihop.accounts.tests.factories import MembershipFactory, UserFactory

        other_leader = UserFactory(username="other_leader")
        MembershipFactory(user=other_leader, organization=world.commune_committee, role=Role.LEADER)
        _subject, assessment = self._submitted(world, scene)
        with pytest.raises(PermissionDenied):
            services.assessment_transition(
                actor=other_leader, assessment=assessment, action="approve", expected_version=2
            )

    def test_the_leader_approves_and_the_subject_is_assessed(self, world, scene):
        subject, assessment = self._submitted(world, scene)
        services.assessment_transition(actor=scene.leader, assessment=assessment, action="approve", expected_version=2)
        subject.refresh_from_db()
        assert assessment.status == Assessment.Status.APPROVED and assessment.approved_by == scene.leader
        assert subject.status == S.ASSESSED

    def test_returned_with_a_reason_edited_and_resubmitted(self, world, scene):
        subject, assessment = self._submitted(world, scene)
        with pytest.raises(ValidationError):
            services.assessment_transition(
                actor=scene.leader, assessment=assessment, action="return", expected_version=2
            )
        services.assessment_transition(
            actor=scene.leader,
            assessment=assessment,
            action="return",
            expected_version=2,
            reason="Bổ sung dự báo ở các xã lân cận",
        )
        assert assessment.status == Assessment.Status.RETURNED
        services.assessment_update(
            actor=world.officer, assessment=assessment, expected_version=3, flashpoints="Chợ xã; bến cá"
        )
        services.assessment_transition(actor=world.officer, assessment=assessment, action="submit", expected_version=4)
        assert assessment.status == Assessment.Status.SUBMITTED
        with pytest.raises(ValidationError, match="dự thảo hoặc đã bị trả lại"):
            services.assessment_update(actor=world.officer, assessment=assessment, expected_version=5, risks="…")


class TestUnacknowledged:
    def test_registered_subjects_waiting_more_than_three_days(self, world, scene):
        import time_machine
        from django.utils import timezone

        from phoihop.exchange.selectors import unacknowledged_subjects

        with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False):
            old = make_subject(world, scene.program, status=S.REGISTERED, title="Đăng ký ngày 04/05")
            make_subject(world, scene.program, title="Còn là dự thảo")
        with time_machine.travel(dt.datetime(2026, 5, 6, 9, 0, tzinfo=dt.UTC), tick=False):
            make_subject(world, scene.program, status=S.REGISTERED, title="Đăng ký ngày 06/05")
            acknowledged = make_subject(world, scene.program, status=S.REGISTERED, title="Đã tiếp nhận")
            services.subject_transition(
                actor=None, subject=acknowledged, action="acknowledge", expected_version=acknowledged.version
            )
        with time_machine.travel(dt.datetime(2026, 5, 8, 9, 0, tzinfo=dt.UTC), tick=False):
            assert [s.title for s in unacknowledged_subjects(timezone.localdate())] == [old.title]
        with time_machine.travel(dt.datetime(2026, 5, 10, 9, 0, tzinfo=dt.UTC), tick=False):
            assert [s.title for s in unacknowledged_subjects(timezone.localdate())] == [
                "Đăng ký ngày 04/05",
                "Đăng ký ngày 06/05",
            ]
