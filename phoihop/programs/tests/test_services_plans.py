"""Annual plans under a programme: their year, one per year, and the copy to next year."""

import contextlib
import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import services
from phoihop.programs.models import AnnualPlan, PartyRole, Program, Task, TaskPart
from phoihop.programs.services import PartyInput

D = dt.date


def messages(exc_info, field: str) -> str:
    return " ".join(exc_info.value.message_dict[field])


def org(name, kind, unit):
    return OrganizationFactory(
        name=name, kind=kind, level=Level.PROVINCE, administrative_unit=unit, valid_from=D(2025, 7, 1)
    )


@pytest.fixture
def setup(world):
    a = world.province_a
    ubnd = org("Ủy ban nhân dân tỉnh An Hòa", Organization.Kind.PEOPLES_COMMITTEE, a)
    svh = org("Sở Văn hóa, Thể thao và Du lịch tỉnh An Hòa", Organization.Kind.STATE_DEPARTMENT, a)
    program = services.program_create(
        actor=world.admin,
        title="Chương trình phối hợp tuyên truyền giai đoạn 2025–2028",
        start_year=2025,
        end_year=2028,
        parties=[
            PartyInput(world.province_dept_a, PartyRole.LEAD),
            PartyInput(ubnd, PartyRole.PARTNER),
            PartyInput(svh, PartyRole.PARTNER),
        ],
        content_items=["Tuyên truyền chủ trương của Đảng", "Cung cấp thông tin định kỳ"],
    )
    return SimpleNamespace(
        admin=world.admin, world=world, dept=world.province_dept_a, ubnd=ubnd, svh=svh, program=program
    )


def new_plan(s, year, title=None, **kw):
    return services.plan_create(
        actor=s.admin,
        program=Program.objects.get(pk=s.program.pk),
        year=year,
        title=title or f"Kế hoạch thực hiện năm {year}",
        **kw,
    )


@pytest.mark.django_db
class TestPlanCreation:
    def test_a_plan_is_created_in_draft_with_an_audit_row(self, setup):
        plan = new_plan(setup, 2026, number_symbol=" 12-KH/BTGDVTU ", summary="Trọng tâm năm 2026")
        plan.refresh_from_db()
        assert (plan.year, plan.status, plan.number_symbol) == (2026, AnnualPlan.Status.DRAFT, "12-KH/BTGDVTU")
        assert AuditEntry.objects.for_object(plan).get().action == AuditEntry.Action.CREATE

    @pytest.mark.parametrize("year", [2024, 2029, None])
    def test_a_year_outside_the_programme_period_is_refused(self, setup, year):
        with pytest.raises(ValidationError) as exc:
            new_plan(setup, year, title="Kế hoạch ngoài thời gian")
        assert "2025–2028" in messages(exc, "year")
        assert not AnnualPlan.objects.exists()

    @pytest.mark.parametrize("year", [2025, 2028])
    def test_the_first_and_last_years_are_inside(self, setup, year):
        assert new_plan(setup, year).year == year

    def test_a_second_plan_for_the_same_year_is_refused(self, setup):
        new_plan(setup, 2026)
        with pytest.raises(ValidationError) as exc:
            new_plan(setup, 2026, title="Kế hoạch khác năm 2026")
        assert "đã có kế hoạch năm 2026" in messages(exc, "year")
        assert AnnualPlan.objects.count() == 1

    def test_a_title_is_required(self, setup):
        with pytest.raises(ValidationError) as exc:
            new_plan(setup, 2026, title=" ")
        assert "tên kế hoạch" in messages(exc, "title")
        assert not AnnualPlan.objects.exists()

    def test_a_finished_programme_gets_no_new_plan(self, setup):
        Program.objects.filter(pk=setup.program.pk).update(status=Program.Status.TERMINATED)
        with pytest.raises(ValidationError) as exc:
            new_plan(setup, 2026)
        assert "đã kết thúc" in messages(exc, "__all__")
        assert not AnnualPlan.objects.exists()

    def test_an_edit_from_a_stale_version_is_refused(self, setup):
        plan = new_plan(setup, 2026)
        stale = plan.version
        services.plan_update(actor=setup.admin, plan=plan, expected_version=stale, title="Kế hoạch năm 2026 (sửa)")
        with pytest.raises(StaleVersionError):
            services.plan_update(
                actor=setup.admin, plan=AnnualPlan.objects.get(pk=plan.pk), expected_version=stale, title="Ghi đè"
            )
        assert AnnualPlan.objects.get(pk=plan.pk).title == "Kế hoạch năm 2026 (sửa)"


@pytest.fixture
def source(setup):
    """The 2026 plan with a done task and an open task whose partner reported progress."""
    plan = new_plan(setup, 2026, title="Kế hoạch thực hiện năm 2026", summary="Trọng tâm tuyên truyền")
    item = setup.program.content_items.get(number=2)
    open_task = services.task_create(
        actor=setup.admin,
        plan=plan,
        title="Cung cấp thông tin định kỳ hằng quý",
        lead=setup.dept,
        partners=[setup.ubnd, setup.svh],
        content_item=item,
        start_date=D(2026, 1, 5),
        due_date=D(2026, 3, 31),
        phase="during",
        channels=["press", "social"],
        expected_product="Bản tin quý",
        responsible_people="Phòng Thông tin",
    )
    part = open_task.parts.get(organization=setup.ubnd)
    services.task_report_progress(
        actor=setup.admin, part=part, progress=60, expected_version=part.version, note="Đã cung cấp 2 bản tin"
    )
    done_task = services.task_create(
        actor=setup.admin, plan=plan, title="Hội nghị báo cáo viên", lead=setup.ubnd, due_date=D(2026, 2, 28)
    )
    services.task_transition(
        actor=setup.admin,
        task=done_task,
        action="complete",
        expected_version=done_task.version,
        completed_on=D(2026, 2, 20),
    )
    return SimpleNamespace(plan=plan, open_task=open_task, done_task=done_task, item=item)


@pytest.mark.django_db
class TestCopyToNextYear:
    def test_the_copy_is_a_draft_of_the_next_year_pointing_at_its_source(self, setup, source):
        copy = services.plan_copy_to_next_year(actor=setup.admin, plan=source.plan)
        copy.refresh_from_db()
        assert (copy.year, copy.status, copy.copied_from) == (2027, AnnualPlan.Status.DRAFT, source.plan)
        assert copy.title == "Kế hoạch thực hiện năm 2027"
        assert copy.summary == "Trọng tâm tuyên truyền"
        assert "Kế hoạch thực hiện năm 2026" in AuditEntry.objects.for_object(copy).get().message

    def test_tasks_are_copied_with_their_dates_moved_one_year(self, setup, source):
        copy = services.plan_copy_to_next_year(actor=setup.admin, plan=source.plan)
        copied = {t.title: t for t in copy.tasks.all()}
        assert set(copied) == {"Cung cấp thông tin định kỳ hằng quý", "Hội nghị báo cáo viên"}
        task = copied["Cung cấp thông tin định kỳ hằng quý"]
        assert (task.start_date, task.due_date) == (D(2027, 1, 5), D(2027, 3, 31))
        assert (task.lead, task.content_item, task.phase, task.channel_list) == (
            setup.dept,
            source.item,
            "during",
            ["press", "social"],
        )
        assert (task.expected_product, task.responsible_people) == ("Bản tin quý", "Phòng Thông tin")
        assert copied["Hội nghị báo cáo viên"].due_date == D(2027, 2, 28)

    def test_copied_tasks_start_open_with_progress_reset_and_the_same_parts(self, setup, source):
        copy = services.plan_copy_to_next_year(actor=setup.admin, plan=source.plan)
        for task in copy.tasks.all():
            assert (task.status, task.completed_on) == (Task.Status.OPEN, None)
        task = copy.tasks.get(title="Cung cấp thông tin định kỳ hằng quý")
        parts = {(p.organization_id, p.role, p.progress, p.note, p.reported_at) for p in task.parts.all()}
        assert parts == {
            (setup.dept.pk, PartyRole.LEAD, 0, "", None),
            (setup.ubnd.pk, PartyRole.PARTNER, 0, "", None),
            (setup.svh.pk, PartyRole.PARTNER, 0, "", None),
        }
        assert not TaskPart.objects.filter(task__plan=copy, reports__isnull=False).exists()

    def test_the_source_plan_is_untouched(self, setup, source):
        services.plan_copy_to_next_year(actor=setup.admin, plan=source.plan)
        assert source.plan.tasks.count() == 2
        assert source.open_task.parts.get(organization=setup.ubnd).progress == 60
        assert Task.objects.get(pk=source.done_task.pk).status == Task.Status.DONE

    def test_copying_beyond_the_programme_period_is_refused(self, setup):
        last = new_plan(setup, 2028)
        services.task_create(actor=setup.admin, plan=last, title="Tổng kết", lead=setup.dept, due_date=D(2028, 11, 30))
        with pytest.raises(ValidationError) as exc:
            services.plan_copy_to_next_year(actor=setup.admin, plan=last)
        assert "2025–2028" in messages(exc, "year")
        assert AnnualPlan.objects.count() == 1
        assert Task.objects.count() == 1

    def test_copying_onto_an_existing_next_year_is_refused(self, setup, source):
        new_plan(setup, 2027)
        with pytest.raises(ValidationError) as exc:
            services.plan_copy_to_next_year(actor=setup.admin, plan=source.plan)
        assert "2027" in messages(exc, "year")
        assert not Task.objects.filter(plan__year=2027).exists()

    def test_the_29th_of_february_becomes_the_28th(self, setup):
        leap = new_plan(setup, 2028)
        services.program_update(
            actor=setup.admin,
            program=Program.objects.get(pk=setup.program.pk),
            expected_version=Program.objects.get(pk=setup.program.pk).version,
            end_year=2029,
        )
        services.task_create(actor=setup.admin, plan=leap, title="Sơ kết", lead=setup.dept, due_date=D(2028, 2, 29))
        copy = services.plan_copy_to_next_year(actor=setup.admin, plan=AnnualPlan.objects.get(pk=leap.pk))
        assert copy.tasks.get().due_date == D(2029, 2, 28)

    def test_a_copied_task_never_falls_outside_the_programme_period(self, setup):
        plan = new_plan(setup, 2027)  # the programme runs 2025–2028
        services.task_create(
            actor=setup.admin, plan=plan, title="Sơ kết năm 2027", lead=setup.dept, due_date=D(2028, 1, 15)
        )
        with contextlib.suppress(ValidationError):  # refusing the copy is a fix as good as clamping
            services.plan_copy_to_next_year(actor=setup.admin, plan=plan)
        outside = Task.objects.filter(plan__program=setup.program, due_date__year__gt=2028)
        assert list(outside.values_list("title", "due_date")) == []
