"""Tasks under a plan and the parts each party reports: who may lead or partner, which
dates are possible, and what a progress report must carry."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import selectors, services
from phoihop.programs.models import AnnualPlan, PartyRole, ProgressReport, Task, TaskPart
from phoihop.programs.services import PartyInput

D = dt.date
LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER


def messages(exc_info, field: str) -> str:
    return " ".join(exc_info.value.message_dict[field])


def org(name, kind, unit):
    return OrganizationFactory(
        name=name, kind=kind, level=Level.PROVINCE, administrative_unit=unit, valid_from=D(2025, 7, 1)
    )


def new_program(admin, title, parties, **kw):
    return services.program_create(
        actor=admin,
        title=title,
        start_year=2025,
        end_year=2027,
        parties=parties,
        content_items=["Tuyên truyền chủ trương của Đảng", "Cung cấp thông tin định kỳ"],
        **kw,
    )


@pytest.fixture
def setup(world):
    a = world.province_a
    ubnd = org("Ủy ban nhân dân tỉnh An Hòa", Organization.Kind.PEOPLES_COMMITTEE, a)
    svh = org("Sở Văn hóa, Thể thao và Du lịch tỉnh An Hòa", Organization.Kind.STATE_DEPARTMENT, a)
    police = org("Công an tỉnh An Hòa", Organization.Kind.PUBLIC_SECURITY, a)
    program = new_program(
        world.admin,
        "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027",
        [PartyInput(world.province_dept_a, LEAD), PartyInput(ubnd, PARTNER), PartyInput(svh, PARTNER)],
    )
    plan = services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch thực hiện năm 2026")
    return SimpleNamespace(
        world=world,
        admin=world.admin,
        dept=world.province_dept_a,
        ubnd=ubnd,
        svh=svh,
        police=police,
        program=program,
        plan=plan,
    )


def create(s, **overrides):
    values = {
        "actor": s.admin,
        "plan": s.plan,
        "title": "Tuyên truyền kỷ niệm 50 năm thống nhất đất nước",
        "lead": s.dept,
        "partners": [s.ubnd],
        "start_date": D(2026, 3, 1),
        "due_date": D(2026, 4, 30),
    }
    values.update(overrides)
    return services.task_create(**values)


def parts_of(task):
    return {(p.organization_id, p.role) for p in TaskPart.objects.filter(task=task)}


@pytest.mark.django_db
class TestTaskCreation:
    def test_a_task_gets_a_part_for_its_lead_and_each_partner(self, setup):
        task = create(setup, partners=[setup.ubnd, setup.svh], channels=["social", "press", "press"], phase="before")
        assert parts_of(task) == {(setup.dept.pk, LEAD), (setup.ubnd.pk, PARTNER), (setup.svh.pk, PARTNER)}
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN
        assert task.channels == ",press,social,"
        assert task.get_channels_display() == ["Báo chí", "Mạng xã hội"]
        assert AuditEntry.objects.for_object(task).get().action == AuditEntry.Action.CREATE

    def test_a_lead_that_is_not_a_party_is_refused(self, setup):
        with pytest.raises(ValidationError) as exc:
            create(setup, lead=setup.police, partners=[])
        assert "Công an tỉnh An Hòa" in messages(exc, "lead")
        assert not Task.objects.exists()
        assert not TaskPart.objects.exists()

    def test_a_partner_that_is_not_a_party_is_refused(self, setup):
        with pytest.raises(ValidationError) as exc:
            create(setup, partners=[setup.ubnd, setup.police])
        text = messages(exc, "partners")
        assert "Công an tỉnh An Hòa" in text
        assert setup.ubnd.name not in text
        assert not Task.objects.exists()

    def test_the_lead_cannot_also_be_a_partner(self, setup):
        with pytest.raises(ValidationError) as exc:
            create(setup, partners=[setup.dept])
        assert "không thể đồng thời" in messages(exc, "partners")
        assert not Task.objects.exists()

    @pytest.mark.parametrize("due", [D(2024, 12, 31), D(2028, 1, 1)])
    def test_a_due_date_outside_the_programme_period_is_refused(self, setup, due):
        with pytest.raises(ValidationError) as exc:
            create(setup, start_date=None, due_date=due)
        assert "2025–2027" in messages(exc, "due_date")
        assert due.strftime("%d/%m/%Y") in messages(exc, "due_date")
        assert not Task.objects.exists()

    @pytest.mark.parametrize("due", [D(2025, 1, 1), D(2027, 12, 31)])
    def test_the_first_and_last_days_of_the_period_are_inside(self, setup, due):
        assert create(setup, start_date=None, due_date=due).due_date == due

    def test_a_start_after_the_due_date_is_refused(self, setup):
        with pytest.raises(ValidationError) as exc:
            create(setup, start_date=D(2026, 5, 1), due_date=D(2026, 4, 30))
        assert "trước hạn" in messages(exc, "start_date")
        assert not Task.objects.exists()

    def test_a_content_item_of_another_programme_is_refused(self, setup):
        other = new_program(
            setup.admin,
            "Chương trình khác",
            [PartyInput(setup.dept, LEAD), PartyInput(setup.police, PARTNER)],
        )
        with pytest.raises(ValidationError) as exc:
            create(setup, content_item=other.content_items.get(number=1))
        assert "chương trình khác" in messages(exc, "content_item")
        assert not Task.objects.exists()
        task = create(setup, content_item=setup.program.content_items.get(number=2))
        assert task.content_item.ordinal == "Hai là"

    def test_an_unknown_channel_is_refused(self, setup):
        with pytest.raises(ValidationError) as exc:
            create(setup, channels=["press", "carrier_pigeon"])
        assert "carrier_pigeon" in messages(exc, "channels")
        assert not Task.objects.exists()

    def test_a_closed_plan_takes_no_new_task(self, setup):
        AnnualPlan.objects.filter(pk=setup.plan.pk).update(status=AnnualPlan.Status.CLOSED)
        with pytest.raises(ValidationError) as exc:
            create(setup, plan=AnnualPlan.objects.get(pk=setup.plan.pk))
        assert "đã kết thúc" in messages(exc, "__all__")
        assert not Task.objects.exists()


def edit(s, task, **values):
    task = Task.objects.get(pk=task.pk)
    return services.task_update(actor=s.admin, task=task, expected_version=task.version, **values)


@pytest.mark.django_db
class TestTaskUpdate:
    def test_adding_and_removing_partners_syncs_the_parts(self, setup):
        task = create(setup, partners=[setup.ubnd])
        edit(setup, task, partners=[setup.svh])
        assert parts_of(task) == {(setup.dept.pk, LEAD), (setup.svh.pk, PARTNER)}

    def test_changing_the_lead_moves_the_lead_part(self, setup):
        task = create(setup, partners=[setup.ubnd])
        edit(setup, task, lead=setup.ubnd, partners=[setup.dept])
        assert Task.objects.get(pk=task.pk).lead == setup.ubnd
        assert parts_of(task) == {(setup.ubnd.pk, LEAD), (setup.dept.pk, PARTNER)}

    def test_a_partner_that_already_reported_keeps_its_part_and_history(self, setup):
        task = create(setup, partners=[setup.ubnd])
        part = task.parts.get(organization=setup.ubnd)
        services.task_report_progress(actor=setup.admin, part=part, progress=30, expected_version=part.version)
        edit(setup, task, partners=[setup.svh])
        kept = TaskPart.objects.get(task=task, organization=setup.ubnd)
        assert kept.progress == 30
        assert kept.reports.count() == 1

    def test_the_update_is_audited_with_the_changes(self, setup):
        task = create(setup)
        edit(setup, task, title="Tuyên truyền kỷ niệm 50 năm (điều chỉnh)", channels=["oral"])
        row = AuditEntry.objects.for_object(task).get(action=AuditEntry.Action.UPDATE)
        assert row.changes["title"][1] == "Tuyên truyền kỷ niệm 50 năm (điều chỉnh)"
        assert row.changes["channels"] == ["", "Tuyên truyền miệng"]  # labels, not the stored codes

    def test_an_update_with_a_non_party_partner_is_refused_and_nothing_written(self, setup):
        task = create(setup, partners=[setup.ubnd])
        with pytest.raises(ValidationError) as exc:
            edit(setup, task, title="Tên mới", partners=[setup.police])
        assert "Công an tỉnh An Hòa" in messages(exc, "partners")
        task = Task.objects.get(pk=task.pk)
        assert task.title == "Tuyên truyền kỷ niệm 50 năm thống nhất đất nước"
        assert parts_of(task) == {(setup.dept.pk, LEAD), (setup.ubnd.pk, PARTNER)}

    def test_an_update_moving_the_due_date_outside_the_period_is_refused(self, setup):
        task = create(setup)
        with pytest.raises(ValidationError) as exc:
            edit(setup, task, start_date=None, due_date=D(2028, 3, 1))
        assert "due_date" in exc.value.message_dict
        assert Task.objects.get(pk=task.pk).due_date == D(2026, 4, 30)

    def test_an_update_from_a_stale_version_is_refused_and_nothing_written(self, setup):
        task = create(setup, partners=[setup.ubnd])
        stale = Task.objects.get(pk=task.pk)
        edit(setup, task, title="Người thứ nhất lưu")
        rows = AuditEntry.objects.count()
        with pytest.raises(StaleVersionError):
            services.task_update(
                actor=setup.admin,
                task=stale,
                expected_version=stale.version,
                title="Người thứ hai",
                partners=[setup.svh],
            )
        assert Task.objects.get(pk=task.pk).title == "Người thứ nhất lưu"
        assert parts_of(task) == {(setup.dept.pk, LEAD), (setup.ubnd.pk, PARTNER)}
        assert AuditEntry.objects.count() == rows

    def test_a_finished_task_cannot_be_edited(self, setup):
        task = create(setup)
        services.task_transition(
            actor=setup.admin, task=task, action="complete", expected_version=task.version, completed_on=D(2026, 4, 1)
        )
        with pytest.raises(ValidationError) as exc:
            edit(setup, task, title="Sửa sau khi xong")
        assert "__all__" in exc.value.message_dict
        assert Task.objects.get(pk=task.pk).title == "Tuyên truyền kỷ niệm 50 năm thống nhất đất nước"


def report(part, progress, **kw):
    part = TaskPart.objects.select_related("task", "organization").get(pk=part.pk)
    return services.task_report_progress(actor=None, part=part, progress=progress, expected_version=part.version, **kw)


@pytest.fixture
def task(setup):
    return create(setup, partners=[setup.ubnd, setup.svh])


@pytest.fixture
def part(setup, task):
    return task.parts.get(organization=setup.ubnd)


@pytest.mark.django_db
class TestProgressReports:
    @pytest.mark.parametrize("progress", [0, 1, 99, 100])
    def test_progress_from_0_to_100_is_accepted(self, part, progress):
        report(part, progress)
        assert TaskPart.objects.get(pk=part.pk).progress == progress

    @pytest.mark.parametrize("progress", [101, -1, None])
    def test_progress_outside_0_to_100_is_refused_and_nothing_written(self, part, progress):
        with pytest.raises(ValidationError) as exc:
            report(part, progress)
        assert "0 đến 100" in messages(exc, "progress")
        stored = TaskPart.objects.get(pk=part.pk)
        assert (stored.progress, stored.reported_at, stored.version) == (0, None, part.version)
        assert not ProgressReport.objects.exists()

    def test_a_report_stores_note_evidence_and_the_time(self, part):
        report(
            part,
            40,
            note="Đã đăng 12 bài viết",
            evidence_links=["https://baoanhoa.vn/bai-1", " http://anhoa.gov.vn/tin ", ""],
            evidence_counts=[{"label": "bài viết", "count": 12}, {"label": " hội nghị ", "count": 3}, {"label": ""}],
        )
        stored = TaskPart.objects.get(pk=part.pk)
        assert stored.progress == 40
        assert stored.note == "Đã đăng 12 bài viết"
        assert stored.evidence_links == ["https://baoanhoa.vn/bai-1", "http://anhoa.gov.vn/tin"]
        assert stored.evidence_counts == [{"label": "bài viết", "count": 12}, {"label": "hội nghị", "count": 3}]
        assert stored.reported_at is not None
        assert stored.version == part.version + 1

    def test_going_backwards_without_a_reason_is_refused(self, part):
        report(part, 60)
        with pytest.raises(ValidationError) as exc:
            report(part, 40)
        assert "60%" in messages(exc, "reason")
        assert "40%" in messages(exc, "reason")
        assert TaskPart.objects.get(pk=part.pk).progress == 60
        assert ProgressReport.objects.count() == 1

    def test_going_backwards_with_a_reason_is_accepted_and_the_reason_kept(self, part):
        report(part, 60)
        report(part, 40, reason="Một hội nghị bị hoãn")
        assert TaskPart.objects.get(pk=part.pk).progress == 40
        latest = ProgressReport.objects.filter(part=part).first()
        assert (latest.previous_progress, latest.progress, latest.reason) == (60, 40, "Một hội nghị bị hoãn")

    @pytest.mark.parametrize("link", ["baoanhoa.vn/bai-1", "ftp://anhoa.gov.vn/a", "javascript:alert(1)"])
    def test_evidence_links_must_be_http_or_https(self, part, link):
        with pytest.raises(ValidationError) as exc:
            report(part, 20, evidence_links=["https://baoanhoa.vn/ok", link])
        assert link in messages(exc, "evidence_links")
        assert TaskPart.objects.get(pk=part.pk).progress == 0
        assert not ProgressReport.objects.exists()

    @pytest.mark.parametrize(
        "count",
        [
            {"label": "", "count": 12},
            {"label": "bài viết", "count": None},
            {"label": "bài viết", "count": -1},
            {"label": "bài viết", "count": "mười hai"},
            {"label": "bài viết", "count": 2.5},
        ],
    )
    def test_evidence_counts_need_a_label_and_a_non_negative_whole_number(self, part, count):
        with pytest.raises(ValidationError) as exc:
            report(part, 20, evidence_counts=[count])
        assert "số không âm" in messages(exc, "evidence_counts")
        assert not ProgressReport.objects.exists()

    def test_reports_are_appended_as_the_parts_history(self, part):
        report(part, 20, note="Tuần 1")
        report(part, 50, note="Tuần 2")
        report(part, 80, note="Tuần 3")
        history = selectors.part_reports(TaskPart.objects.get(pk=part.pk))
        assert [(r.previous_progress, r.progress, r.note) for r in history] == [
            (50, 80, "Tuần 3"),
            (20, 50, "Tuần 2"),
            (0, 20, "Tuần 1"),
        ]

    def test_each_report_writes_an_audit_row_on_the_task(self, part, task):
        report(part, 20)
        row = AuditEntry.objects.for_object(task).get(event="progress_reported")
        assert row.changes == {"progress": [0, 20]}
        assert "Ủy ban nhân dân tỉnh An Hòa" in row.message

    def test_a_report_on_a_done_task_is_refused(self, setup, part, task):
        services.task_transition(
            actor=setup.admin, task=task, action="complete", expected_version=task.version, completed_on=D(2026, 4, 1)
        )
        with pytest.raises(ValidationError) as exc:
            report(part, 100)
        assert "__all__" in exc.value.message_dict
        assert TaskPart.objects.get(pk=part.pk).progress == 0
        assert not ProgressReport.objects.exists()

    def test_a_report_from_a_stale_version_is_refused_and_nothing_written(self, part):
        stale = TaskPart.objects.select_related("task", "organization").get(pk=part.pk)
        report(part, 30)
        with pytest.raises(StaleVersionError):
            services.task_report_progress(actor=None, part=stale, progress=90, expected_version=stale.version)
        assert TaskPart.objects.get(pk=part.pk).progress == 30
        assert ProgressReport.objects.count() == 1

    def test_a_partner_report_leaves_the_other_parts_alone(self, setup, part, task):
        report(part, 70)
        assert {p.organization_id: p.progress for p in task.parts.all()} == {
            setup.dept.pk: 0,
            setup.ubnd.pk: 70,
            setup.svh.pk: 0,
        }

    def test_the_lead_sees_the_consolidated_progress(self, setup, task):
        for org, progress in ((setup.dept, 90), (setup.ubnd, 60), (setup.svh, 30)):
            report(task.parts.get(organization=org), progress)
        assert selectors.task_progress(Task.objects.get(pk=task.pk)) == 60
        services.task_transition(
            actor=setup.admin,
            task=task,
            action="complete",
            expected_version=Task.objects.get(pk=task.pk).version,
            completed_on=D(2026, 4, 1),
        )
        assert selectors.task_progress(Task.objects.get(pk=task.pk)) == 100


@pytest.mark.django_db
class TestDefects:
    def test_a_partner_listed_twice_gets_one_part_or_a_field_message(self, setup):
        try:
            task = create(setup, partners=[setup.ubnd, setup.ubnd])
        except ValidationError as exc:
            assert "partners" in exc.message_dict
            assert not Task.objects.exists()
        else:
            assert parts_of(task) == {(setup.dept.pk, LEAD), (setup.ubnd.pk, PARTNER)}

    def test_a_boolean_is_not_a_count(self, part):
        with pytest.raises(ValidationError) as exc:
            report(part, 20, evidence_counts=[{"label": "bài viết", "count": True}])
        assert "evidence_counts" in exc.value.message_dict
