"""Three-phase communication plans: date arithmetic relative to key dates, the timeline
rule, templates, generating the tasks (all or nothing) and rescheduling when a key date
moves (open tasks only, with history)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.exchange import services
from phoihop.exchange.models import (
    AFTER_GRACE_DAYS,
    CommunicationPlan,
    PlanActivity,
    PlanTemplate,
    PlanTemplateActivity,
    Side,
    Subject,
    SubjectKind,
)
from phoihop.exchange.tests.factories import END, START, TRIAL, make_plan_with_activities, make_scene, make_subject
from phoihop.programs import services as program_services
from phoihop.programs.models import AnnualPlan, PartyRole, ProgramParty, Task

pytestmark = pytest.mark.django_db
S = Subject.Status


@pytest.fixture
def scene(world):
    return make_scene(world)


@pytest.fixture
def assessed(world, scene):
    return make_subject(world, scene.program, status=S.ASSESSED)


def add(world, plan, **values):
    plan.refresh_from_db()
    defaults = {
        "phase": "before",
        "title": "Họp báo",
        "key_date": plan.subject.key_dates.get(label="Ngày xét xử"),
        "offset_days": -7,
        "lead": world.target,
        "partners": [world.commune_committee],
        "channels": ["press_conference"],
    }
    return services.plan_activity_create(
        actor=world.officer, plan=plan, expected_version=plan.version, **{**defaults, **values}
    )


@pytest.fixture
def plan(world, assessed):
    return services.communication_plan_create(actor=world.officer, subject=assessed, title="Kế hoạch tuyên truyền")


class TestDateArithmetic:
    @pytest.mark.parametrize(
        ("phase", "offset", "due", "text"),
        [
            ("before", -7, dt.date(2026, 6, 8), "7 ngày trước Ngày xét xử"),
            ("before", 0, TRIAL, "đúng Ngày xét xử"),
            ("during", 0, TRIAL, "đúng Ngày xét xử"),
            ("during", 1, dt.date(2026, 6, 16), "1 ngày sau Ngày xét xử"),
            ("after", 3, dt.date(2026, 6, 18), "3 ngày sau Ngày xét xử"),
            # weekends are not special: 6 days before Monday 15/06/2026 is Tuesday 09/06, 8 is Sunday 07/06
            ("before", -8, dt.date(2026, 6, 7), "8 ngày trước Ngày xét xử"),
        ],
    )
    def test_due_date_is_the_key_date_moved_by_the_offset(self, world, plan, phase, offset, due, text):
        activity = add(world, plan, phase=phase, offset_days=offset)
        assert activity.due_date == due
        assert activity.offset_text == text

    def test_before_is_not_after_the_key_date_and_after_not_before_it(self, world, plan):
        with pytest.raises(ValidationError) as error:
            add(world, plan, phase="before", offset_days=2)
        assert "trước hoặc đúng ngày mốc" in error.value.message_dict["offset_days"][0]
        with pytest.raises(ValidationError) as error:
            add(world, plan, phase="after", offset_days=-1)
        assert "sau hoặc đúng ngày mốc" in error.value.message_dict["offset_days"][0]
        assert not PlanActivity.objects.exists()

    def test_outside_the_timeline_is_refused(self, world, plan):
        # START is 01/03/2026; the trial 15/06/2026: 200 days before is 27/11/2025
        with pytest.raises(ValidationError) as error:
            add(world, plan, offset_days=-200)
        assert error.value.message_dict["offset_days"] == [
            "Ngày 27/11/2025 nằm ngoài thời gian của vấn đề (01/03/2026 – 30/09/2026)."
        ]
        with pytest.raises(ValidationError):
            add(world, plan, phase="during", offset_days=(END - TRIAL).days + 1)
        assert not PlanActivity.objects.exists()

    def test_after_may_run_thirty_days_past_the_end_and_no_more(self, world, plan):
        last = (END - TRIAL).days + AFTER_GRACE_DAYS
        assert add(world, plan, phase="after", offset_days=last).due_date == dt.date(2026, 10, 30)
        with pytest.raises(ValidationError) as error:
            add(world, plan, phase="after", offset_days=last + 1)
        assert "hoạt động sau được đến 30/10/2026" in error.value.message_dict["offset_days"][0]

    def test_lead_and_partners_are_parties(self, world, plan):
        with pytest.raises(ValidationError) as error:
            add(world, plan, lead=world.province_dept_b, partners=[world.target, world.target])
        assert "không phải là một bên" in error.value.message_dict["lead"][0]
        with pytest.raises(ValidationError) as error:
            add(world, plan, lead=world.target, partners=[world.target])
        assert error.value.message_dict["partners"] == ["Cơ quan chủ trì không thể đồng thời là cơ quan phối hợp."]

    def test_editing_carries_the_plan_version(self, world, plan):
        activity = add(world, plan)
        with pytest.raises(StaleVersionError):
            services.plan_activity_update(actor=world.officer, activity=activity, expected_version=1, offset_days=-3)
        plan.refresh_from_db()
        services.plan_activity_update(
            actor=world.officer, activity=activity, expected_version=plan.version, offset_days=-3, partners=[]
        )
        activity.refresh_from_db()
        assert activity.due_date == dt.date(2026, 6, 12) and not activity.partners.exists()


class TestPlanCreation:
    def test_only_from_an_approved_assessment(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        with pytest.raises(ValidationError, match="đã được phê duyệt"):
            services.communication_plan_create(actor=world.officer, subject=subject, title="KH")

    def test_only_by_the_department(self, world, assessed):
        with pytest.raises(PermissionDenied):
            services.communication_plan_create(actor=world.partner, subject=assessed, title="KH")

    def test_from_a_template_dated_from_the_anchor(self, world, assessed):
        template = PlanTemplate.objects.create(kind=SubjectKind.TRIAL, title="Mẫu xét xử", anchor_label="Ngày xét xử")
        rows = [
            ("before", "Thông cáo báo chí", -7, Side.DEPARTMENT, True),
            ("during", "Đưa tin phiên tòa", 0, Side.OWNER, True),
            ("after", "Nắm dư luận sau phiên tòa", 10, Side.DEPARTMENT, False),
        ]
        for position, (phase, title, offset, side, with_partner) in enumerate(rows):
            PlanTemplateActivity.objects.create(
                template=template,
                phase=phase,
                title=title,
                offset_days=offset,
                lead_side=side,
                with_partner=with_partner,
                channels=",press,",
                position=position,
            )
        anchor = assessed.key_dates.get(label="Ngày xét xử")
        plan = services.communication_plan_create(
            actor=world.officer, subject=assessed, title="KH", template=template, anchor=anchor
        )
        got = [
            (a.title, a.due_date, a.lead, list(a.partners.all()))
            for a in plan.activities.order_by("position").prefetch_related("partners")
        ]
        assert got == [
            ("Thông cáo báo chí", dt.date(2026, 6, 8), world.target, [world.commune_committee]),
            ("Đưa tin phiên tòa", TRIAL, world.commune_committee, [world.target]),
            ("Nắm dư luận sau phiên tòa", dt.date(2026, 6, 25), world.target, []),
        ]

    def test_a_template_activity_outside_the_timeline_refuses_the_plan(self, world, assessed):
        template = PlanTemplate.objects.create(kind=SubjectKind.TRIAL, title="Mẫu dài", anchor_label="Ngày xét xử")
        PlanTemplateActivity.objects.create(template=template, phase="before", title="Quá sớm", offset_days=-120)
        with pytest.raises(ValidationError) as error:
            services.communication_plan_create(
                actor=world.officer,
                subject=assessed,
                title="KH",
                template=template,
                anchor=assessed.key_dates.first(),
            )
        assert "“Quá sớm”" in error.value.message_dict["template"][0]
        assert not CommunicationPlan.objects.exists()


class TestGenerate:
    def test_one_task_per_activity_with_lead_partners_channels_phase_and_due_date(self, world, assessed):
        plan = make_plan_with_activities(world, assessed, actor=world.officer)
        tasks = services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        got = {
            task.title: (
                task.plan.year,
                task.due_date,
                task.lead,
                sorted(p.organization.name for p in task.parts.all() if p.role == PartyRole.PARTNER),
                task.channel_list,
                task.phase,
            )
            for task in Task.objects.prefetch_related("parts__organization")
        }
        assert got == {
            "Thông cáo báo chí trước phiên tòa": (
                2026,
                dt.date(2026, 6, 8),
                world.target,
                [world.commune_committee.name],
                ["press"],
                "before",
            ),
            "Đưa tin trong ngày xét xử": (
                2026,
                TRIAL,
                world.commune_committee,
                [world.target.name],
                ["press", "social"],
                "during",
            ),
            "Tuyên truyền kết quả xét xử": (
                2026,
                dt.date(2026, 6, 18),
                world.target,
                [],
                ["radio_tv", "oral"],
                "after",
            ),
        }
        assert len(tasks) == 3
        assert {a.task_id for a in plan.activities.all()} == {t.pk for t in tasks}
        assessed.refresh_from_db()
        plan.refresh_from_db()
        assert assessed.status == S.PLANNED and plan.status == CommunicationPlan.Status.GENERATED
        assert AuditEntry.objects.filter(event="plan_generated").count() == 1
        with pytest.raises(ValidationError, match="đã được giao nhiệm vụ"):
            services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        assert Task.objects.count() == 3

    def test_without_the_annual_plan_it_says_to_create_it_first(self, world):
        scene = make_scene(world, with_plan=False)
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        with pytest.raises(ValidationError) as error:
            services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        assert error.value.messages == [
            "Chương trình chưa có kế hoạch năm 2026. Hãy tạo kế hoạch năm 2026 trước rồi giao nhiệm vụ."
        ]
        assert not Task.objects.exists()
        plan.refresh_from_db()
        assert plan.status == CommunicationPlan.Status.DRAFT

    def test_one_refused_task_creates_none(self, world, scene, assessed):
        plan = make_plan_with_activities(world, assessed)
        # the People's Committee stops being a party: task_create refuses it as a partner of
        # the first activity, after the plan was written
        ProgramParty.objects.filter(program=scene.program, organization=world.commune_committee).delete()
        with pytest.raises(ValidationError) as error:
            services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        assert error.value.messages[0] == (
            "Hoạt động “Thông cáo báo chí trước phiên tòa” (08/06/2026): Không phải là bên của chương trình: "
            "Ủy ban nhân dân xã Cẩm Đức."
        )
        assert not Task.objects.exists()
        assert not PlanActivity.objects.filter(task__isnull=False).exists()
        assessed.refresh_from_db()
        assert assessed.status == S.ASSESSED

    def test_a_closed_annual_plan_refuses(self, world, scene, assessed):
        plan = make_plan_with_activities(world, assessed)
        AnnualPlan.objects.filter(pk=scene.plan.pk).update(status=AnnualPlan.Status.CLOSED)
        with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
            services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        assert not Task.objects.exists()

    def test_only_the_department_generates(self, world, assessed):
        plan = make_plan_with_activities(world, assessed)
        for persona in ("partner", "upper"):
            with pytest.raises(PermissionDenied):
                services.communication_plan_generate(
                    actor=getattr(world, persona), plan=plan, expected_version=plan.version
                )
        assert not Task.objects.exists()


class TestReschedule:
    @pytest.fixture
    def generated(self, world, assessed):
        plan = make_plan_with_activities(world, assessed)
        services.communication_plan_generate(actor=world.officer, plan=plan, expected_version=plan.version)
        assessed.refresh_from_db()
        return assessed

    def test_moving_the_trial_moves_the_open_tasks_only(self, world, generated):
        done = Task.objects.get(title="Thông cáo báo chí trước phiên tòa")
        program_services.task_transition(
            actor=world.officer, task=done, action="complete", expected_version=done.version, completed_on=START
        )
        trial = generated.key_dates.get(label="Ngày xét xử")
        result = services.subject_move_key_date(
            actor=world.partner,
            key_date=trial,
            new_date=dt.date(2026, 7, 1),
            expected_version=generated.version,
            reason="Tòa án hoãn phiên tòa do vắng người làm chứng",
        )
        dues = dict(Task.objects.values_list("title", "due_date"))
        assert dues == {
            "Thông cáo báo chí trước phiên tòa": dt.date(2026, 6, 8),  # done: kept
            "Đưa tin trong ngày xét xử": dt.date(2026, 7, 1),
            "Tuyên truyền kết quả xét xử": dt.date(2026, 7, 4),
        }
        assert [t.title for t in result.kept] == ["Thông cáo báo chí trước phiên tòa"]
        assert len(result.moved) == 2
        moved = Task.objects.get(title="Tuyên truyền kết quả xét xử")
        entry = AuditEntry.objects.for_object(moved).get(event="task_rescheduled")
        assert entry.changes == {"due_date": ["18/06/2026", "04/07/2026"]}
        assert entry.actor == world.partner
        assert "Tòa án hoãn phiên tòa do vắng người làm chứng" in entry.message
        subject_entry = AuditEntry.objects.for_object(generated).get(event="key_date_moved")
        assert subject_entry.changes == {"key_dates": ["Ngày xét xử: 15/06/2026", "Ngày xét xử: 01/07/2026"]}
        assert "Dời hạn 2 nhiệm vụ đang thực hiện; giữ nguyên 1 nhiệm vụ" in subject_entry.message

    def test_a_reason_and_a_date_within_the_timeline_are_required(self, world, generated):
        trial = generated.key_dates.get(label="Ngày xét xử")
        with pytest.raises(ValidationError) as error:
            services.subject_move_key_date(
                actor=world.officer,
                key_date=trial,
                new_date=dt.date(2026, 11, 1),
                expected_version=generated.version,
                reason=" ",
            )
        assert set(error.value.message_dict) == {"new_date", "reason"}
        assert Task.objects.get(title="Đưa tin trong ngày xét xử").due_date == TRIAL

    def test_a_move_that_pushes_an_activity_out_of_the_timeline_moves_nothing(self, world, generated):
        trial = generated.key_dates.get(label="Ngày xét xử")
        with pytest.raises(ValidationError) as error:
            services.subject_move_key_date(
                actor=world.officer,
                key_date=trial,
                new_date=dt.date(2026, 3, 3),  # 7 days before is in February
                expected_version=generated.version,
                reason="Đưa phiên tòa lên sớm",
            )
        assert "Thông cáo báo chí trước phiên tòa" in error.value.messages[0]
        trial.refresh_from_db()
        assert trial.date == TRIAL
        assert Task.objects.get(title="Đưa tin trong ngày xét xử").due_date == TRIAL

    def test_stale_subject_version_is_refused(self, world, generated):
        trial = generated.key_dates.get(label="Ngày xét xử")
        with pytest.raises(StaleVersionError):
            services.subject_move_key_date(
                actor=world.officer,
                key_date=trial,
                new_date=dt.date(2026, 7, 1),
                expected_version=generated.version - 1,
                reason="Hoãn",
            )
        assert Task.objects.get(title="Đưa tin trong ngày xét xử").due_date == TRIAL

    def test_outsiders_and_readers_cannot_move(self, world, generated):
        trial = generated.key_dates.get(label="Ngày xét xử")
        with pytest.raises(PermissionDenied):
            services.subject_move_key_date(
                actor=world.upper,
                key_date=trial,
                new_date=dt.date(2026, 7, 1),
                expected_version=generated.version,
                reason="Hoãn",
            )

    def test_editing_a_used_key_date_date_is_sent_to_the_move(self, world, generated):
        trial = generated.key_dates.get(label="Ngày xét xử")
        with pytest.raises(ValidationError, match="Dời mốc"):
            services.subject_update(
                actor=world.partner,
                subject=generated,
                expected_version=generated.version,
                key_dates=[services.KeyDateInput("Ngày xét xử", dt.date(2026, 7, 1), id=trial.pk)],
            )
        with pytest.raises(ValidationError, match="không thể bỏ"):
            services.subject_update(
                actor=world.partner, subject=generated, expected_version=generated.version, key_dates=[]
            )
