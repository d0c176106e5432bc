"""Lifecycles: the allowed transitions of programmes, plans and tasks (one table per
entity in `programs.transitions`), checked by the services and written to the audit log."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import services, transitions
from phoihop.programs.models import AnnualPlan, PartyRole, Program, Task
from phoihop.programs.services import PartyInput

D = dt.date
P, A, T = Program.Status, AnnualPlan.Status, Task.Status


def messages(exc_info, field: str) -> str:
    return " ".join(exc_info.value.message_dict[field])


@pytest.fixture
def setup(world):
    ubnd = OrganizationFactory(
        name="Ủy ban nhân dân tỉnh An Hòa",
        kind=Organization.Kind.PEOPLES_COMMITTEE,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
        valid_from=D(2025, 7, 1),
    )
    program = services.program_create(
        actor=world.admin,
        title="Chương trình phối hợp tuyên truyền giai đoạn 2025–2027",
        start_year=2025,
        end_year=2027,
        parties=[PartyInput(world.province_dept_a, PartyRole.LEAD), PartyInput(ubnd, PartyRole.PARTNER)],
        content_items=["Tuyên truyền chủ trương của Đảng"],
    )
    return SimpleNamespace(admin=world.admin, dept=world.province_dept_a, ubnd=ubnd, program=program)


def sign(s, organization, program=None):
    return services.program_sign(
        actor=s.admin,
        program=program or s.program,
        organization=organization,
        signer_name="Nguyễn Văn An",
        signer_position="Trưởng ban",
        signed_on=D(2025, 8, 1),
    )


def move(s, action, reason="", program=None):
    program = program or Program.objects.get(pk=s.program.pk)
    return services.program_transition(
        actor=s.admin, program=program, action=action, expected_version=program.version, reason=reason
    )


def bring_to(s, status):
    """Take the set-up programme to `status` through the allowed path."""
    if status == P.DRAFT:
        return s.program
    sign(s, s.dept)
    sign(s, s.ubnd)
    program = move(s, "sign")
    if status == P.SIGNED:
        return program
    program = move(s, "put_in_force")
    if status == P.IN_FORCE:
        return program
    if status == P.CONCLUDED:
        return move(s, "conclude", "Đã tổng kết 5 năm")
    return move(s, "terminate", "Theo chỉ đạo của Ban Thường vụ")


def events(obj):
    return list(
        AuditEntry.objects.for_object(obj).filter(action=AuditEntry.Action.EVENT).values_list("event", flat=True)
    )


class TestTables:
    @pytest.mark.parametrize(
        ("status", "names"),
        [
            (P.DRAFT, ["sign"]),
            (P.SIGNED, ["put_in_force", "terminate"]),
            (P.IN_FORCE, ["conclude", "terminate"]),
            (P.CONCLUDED, []),
            (P.TERMINATED, []),
        ],
    )
    def test_programme_buttons_allowed_now(self, status, names):
        assert [t.name for t in transitions.allowed(transitions.PROGRAM, status)] == names

    @pytest.mark.parametrize(("status", "names"), [(A.DRAFT, ["sign"]), (A.SIGNED, ["close"]), (A.CLOSED, ["reopen"])])
    def test_plan_buttons_allowed_now(self, status, names):
        assert [t.name for t in transitions.allowed(transitions.PLAN, status)] == names

    @pytest.mark.parametrize(
        ("status", "names"), [(T.OPEN, ["complete", "cancel"]), (T.DONE, ["reopen"]), (T.CANCELLED, ["reopen"])]
    )
    def test_task_buttons_allowed_now(self, status, names):
        assert [t.name for t in transitions.allowed(transitions.TASK, status)] == names

    def test_an_unknown_action_is_refused(self):
        with pytest.raises(ValidationError) as exc:
            transitions.check(transitions.PROGRAM, "publish", P.DRAFT, "Dự thảo")
        assert "không hợp lệ" in messages(exc, "action")


@pytest.mark.django_db
class TestProgrammeLifecycle:
    def test_draft_signed_in_force_concluded_each_step_audited(self, setup):
        sign(setup, setup.dept)
        sign(setup, setup.ubnd)
        assert move(setup, "sign").status == P.SIGNED
        assert move(setup, "put_in_force").status == P.IN_FORCE
        program = move(setup, "conclude", "Hội nghị tổng kết ngày 15/12/2027")
        program = Program.objects.get(pk=program.pk)
        assert program.status == P.CONCLUDED
        assert program.status_reason == "Hội nghị tổng kết ngày 15/12/2027"
        assert events(program) == [
            "program_conclude",
            "program_put_in_force",
            "program_sign",
            "signed",
            "signed",
        ]
        row = AuditEntry.objects.for_object(program).get(event="program_conclude")
        assert row.changes["status"] == ["Đang thực hiện", "Đã tổng kết"]
        assert "Hội nghị tổng kết" in row.message

    @pytest.mark.parametrize("start", [P.SIGNED, P.IN_FORCE])
    def test_a_signed_or_running_programme_can_be_terminated_with_a_reason(self, setup, start):
        bring_to(setup, start)
        program = move(setup, "terminate", "Một bên giải thể")
        assert Program.objects.get(pk=program.pk).status == P.TERMINATED
        assert "program_terminate" in events(program)

    def test_concluding_a_draft_is_refused(self, setup):
        with pytest.raises(ValidationError) as exc:
            move(setup, "conclude", "Tổng kết")
        assert "Dự thảo" in messages(exc, "action")
        assert Program.objects.get(pk=setup.program.pk).status == P.DRAFT
        assert not any(e.startswith("program_") for e in events(setup.program))

    def test_putting_a_draft_in_force_is_refused(self, setup):
        with pytest.raises(ValidationError):
            move(setup, "put_in_force")
        assert Program.objects.get(pk=setup.program.pk).status == P.DRAFT

    def test_signing_without_every_partys_signature_is_refused_naming_the_missing(self, setup):
        sign(setup, setup.dept)
        with pytest.raises(ValidationError) as exc:
            move(setup, "sign")
        text = messages(exc, "action")
        assert "Ủy ban nhân dân tỉnh An Hòa" in text
        assert setup.dept.name not in text
        assert Program.objects.get(pk=setup.program.pk).status == P.DRAFT

    def test_signing_with_no_signature_at_all_is_refused(self, setup):
        with pytest.raises(ValidationError):
            move(setup, "sign")
        assert Program.objects.get(pk=setup.program.pk).status == P.DRAFT

    @pytest.mark.parametrize("action", ["terminate", "conclude"])
    def test_terminating_or_concluding_without_a_reason_is_refused(self, setup, action):
        bring_to(setup, P.IN_FORCE)
        with pytest.raises(ValidationError) as exc:
            move(setup, action, "   ")
        assert "lý do" in messages(exc, "reason")
        assert Program.objects.get(pk=setup.program.pk).status == P.IN_FORCE

    @pytest.mark.parametrize("action", ["sign", "put_in_force", "conclude", "terminate"])
    def test_nothing_is_allowed_from_terminated(self, setup, action):
        bring_to(setup, P.TERMINATED)
        with pytest.raises(ValidationError) as exc:
            move(setup, action, "Lý do")
        assert "Đã chấm dứt" in messages(exc, "action")
        assert Program.objects.get(pk=setup.program.pk).status == P.TERMINATED

    @pytest.mark.parametrize("action", ["put_in_force", "conclude", "terminate"])
    def test_nothing_is_allowed_from_concluded(self, setup, action):
        bring_to(setup, P.CONCLUDED)
        with pytest.raises(ValidationError):
            move(setup, action, "Lý do")
        assert Program.objects.get(pk=setup.program.pk).status == P.CONCLUDED

    def test_a_transition_from_a_stale_version_is_refused_and_nothing_written(self, setup):
        bring_to(setup, P.SIGNED)
        program = Program.objects.get(pk=setup.program.pk)
        stale = program.version
        services.program_update(
            actor=setup.admin, program=program, expected_version=stale, reason="Sửa tên", title="Tên sửa đổi"
        )
        rows = AuditEntry.objects.count()
        with pytest.raises(StaleVersionError):
            services.program_transition(
                actor=setup.admin,
                program=Program.objects.get(pk=program.pk),
                action="put_in_force",
                expected_version=stale,
            )
        program = Program.objects.get(pk=program.pk)
        assert program.status == P.SIGNED
        assert AuditEntry.objects.count() == rows

    def test_each_transition_bumps_the_version(self, setup):
        program = bring_to(setup, P.SIGNED)
        version = Program.objects.get(pk=program.pk).version
        move(setup, "put_in_force")
        assert Program.objects.get(pk=program.pk).version == version + 1


@pytest.fixture
def plan(setup):
    bring_to(setup, P.IN_FORCE)
    return services.plan_create(
        actor=setup.admin, program=Program.objects.get(pk=setup.program.pk), year=2026, title="Kế hoạch năm 2026"
    )


def plan_move(s, plan, action, reason=""):
    plan = AnnualPlan.objects.get(pk=plan.pk)
    return services.plan_transition(
        actor=s.admin, plan=plan, action=action, expected_version=plan.version, reason=reason
    )


def plan_sign(s, plan, organization):
    return services.plan_sign(
        actor=s.admin,
        plan=plan,
        organization=organization,
        signer_name="Trần Thị Bình",
        signer_position="Phó trưởng ban",
        signed_on=D(2026, 1, 10),
    )


@pytest.mark.django_db
class TestPlanLifecycle:
    def test_signed_closed_reopened_each_step_audited(self, setup, plan):
        plan_sign(setup, plan, setup.dept)
        assert plan_move(setup, plan, "sign").status == A.SIGNED
        assert plan_move(setup, plan, "close").status == A.CLOSED
        reopened = plan_move(setup, plan, "reopen", "Bổ sung nhiệm vụ cuối năm")
        assert AnnualPlan.objects.get(pk=plan.pk).status == A.SIGNED
        assert [e for e in events(reopened) if e.startswith("plan_")] == ["plan_reopen", "plan_close", "plan_sign"]

    def test_a_plan_without_any_signature_cannot_be_signed(self, setup, plan):
        with pytest.raises(ValidationError) as exc:
            plan_move(setup, plan, "sign")
        assert "chữ ký" in messages(exc, "action")
        assert AnnualPlan.objects.get(pk=plan.pk).status == A.DRAFT

    def test_a_draft_plan_cannot_be_closed(self, setup, plan):
        with pytest.raises(ValidationError):
            plan_move(setup, plan, "close")
        assert AnnualPlan.objects.get(pk=plan.pk).status == A.DRAFT

    def test_reopening_needs_a_reason(self, setup, plan):
        plan_sign(setup, plan, setup.dept)
        plan_move(setup, plan, "sign")
        plan_move(setup, plan, "close")
        with pytest.raises(ValidationError) as exc:
            plan_move(setup, plan, "reopen")
        assert "lý do" in messages(exc, "reason")
        assert AnnualPlan.objects.get(pk=plan.pk).status == A.CLOSED

    def test_a_signature_on_a_plan_from_a_non_party_is_refused(self, setup, plan, world):
        with pytest.raises(ValidationError) as exc:
            plan_sign(setup, plan, world.target)
        assert "bên tham gia" in messages(exc, "organization")
        assert not plan.signatures.exists()

    def test_a_signed_plan_cannot_be_signed_again(self, setup, plan):
        plan_sign(setup, plan, setup.dept)
        plan_move(setup, plan, "sign")
        with pytest.raises(ValidationError) as exc:
            plan_sign(setup, AnnualPlan.objects.get(pk=plan.pk), setup.ubnd)
        assert "dự thảo" in messages(exc, "__all__")
        assert plan.signatures.count() == 1

    def test_a_plan_transition_from_a_stale_version_is_refused(self, setup, plan):
        plan_sign(setup, plan, setup.dept)
        stale = AnnualPlan.objects.get(pk=plan.pk)
        plan_move(setup, plan, "sign")
        with pytest.raises(StaleVersionError):
            services.plan_transition(actor=setup.admin, plan=stale, action="sign", expected_version=stale.version)
        assert [e for e in events(plan) if e.startswith("plan_")] == ["plan_sign"]


@pytest.fixture
def task(setup, plan):
    return services.task_create(
        actor=setup.admin,
        plan=plan,
        title="Tổ chức hội nghị báo cáo viên quý I",
        lead=setup.dept,
        partners=[setup.ubnd],
        start_date=D(2026, 1, 5),
        due_date=D(2026, 3, 31),
    )


def task_move(s, task, action, reason="", completed_on=None):
    task = Task.objects.get(pk=task.pk)
    return services.task_transition(
        actor=s.admin, task=task, action=action, expected_version=task.version, reason=reason, completed_on=completed_on
    )


@pytest.mark.django_db
class TestTaskLifecycle:
    def test_complete_then_reopen_with_a_reason(self, setup, task):
        done = task_move(setup, task, "complete", completed_on=D(2026, 3, 20))
        assert (done.status, done.completed_on) == (T.DONE, D(2026, 3, 20))
        reopened = task_move(setup, task, "reopen", "Còn thiếu báo cáo của UBND")
        reopened = Task.objects.get(pk=reopened.pk)
        assert (reopened.status, reopened.completed_on) == (T.OPEN, None)
        assert reopened.status_reason == "Còn thiếu báo cáo của UBND"
        assert [e for e in events(task) if e.startswith("task_")] == ["task_reopen", "task_complete"]

    def test_completing_without_a_date_means_today(self, setup, task):
        done = task_move(setup, task, "complete")
        assert Task.objects.get(pk=done.pk).completed_on == timezone.localdate()

    def test_a_completion_date_in_the_future_is_refused(self, setup, task):
        with pytest.raises(ValidationError) as exc:
            task_move(setup, task, "complete", completed_on=timezone.localdate() + dt.timedelta(days=1))
        assert "tương lai" in messages(exc, "completed_on")
        assert Task.objects.get(pk=task.pk).status == T.OPEN

    def test_a_completion_date_before_the_start_is_refused(self, setup, task):
        with pytest.raises(ValidationError) as exc:
            task_move(setup, task, "complete", completed_on=D(2026, 1, 4))
        assert "ngày bắt đầu" in messages(exc, "completed_on")
        assert Task.objects.get(pk=task.pk).status == T.OPEN

    def test_cancelling_needs_a_reason(self, setup, task):
        with pytest.raises(ValidationError) as exc:
            task_move(setup, task, "cancel")
        assert "lý do" in messages(exc, "reason")
        cancelled = task_move(setup, task, "cancel", "Trùng với nhiệm vụ khác")
        assert Task.objects.get(pk=cancelled.pk).status == T.CANCELLED

    def test_reopening_needs_a_reason(self, setup, task):
        task_move(setup, task, "complete", completed_on=D(2026, 3, 20))
        with pytest.raises(ValidationError) as exc:
            task_move(setup, task, "reopen")
        assert "lý do" in messages(exc, "reason")
        assert Task.objects.get(pk=task.pk).status == T.DONE

    @pytest.mark.parametrize("action", ["complete", "cancel"])
    def test_a_cancelled_task_can_only_be_reopened(self, setup, task, action):
        task_move(setup, task, "cancel", "Không còn phù hợp")
        with pytest.raises(ValidationError) as exc:
            task_move(setup, task, action, "Lý do", completed_on=D(2026, 3, 20))
        assert "Đã hủy" in messages(exc, "action")
        assert Task.objects.get(pk=task.pk).status == T.CANCELLED

    def test_a_done_task_cannot_be_completed_again(self, setup, task):
        task_move(setup, task, "complete", completed_on=D(2026, 3, 20))
        with pytest.raises(ValidationError):
            task_move(setup, task, "complete", completed_on=D(2026, 3, 25))
        assert Task.objects.get(pk=task.pk).completed_on == D(2026, 3, 20)

    def test_a_task_transition_from_a_stale_version_is_refused(self, setup, task):
        stale = Task.objects.get(pk=task.pk)
        task_move(setup, task, "complete", completed_on=D(2026, 3, 20))
        with pytest.raises(StaleVersionError):
            services.task_transition(
                actor=setup.admin, task=stale, action="cancel", expected_version=stale.version, reason="Hủy"
            )
        task = Task.objects.get(pk=task.pk)
        assert (task.status, task.completed_on) == (T.DONE, D(2026, 3, 20))
        assert [e for e in events(task) if e.startswith("task_")] == ["task_complete"]
