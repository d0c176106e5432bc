import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.audit.selectors import history_for
from phoihop.core.concurrency import StaleVersionError
from phoihop.inspections import selectors, services
from phoihop.inspections.models import Inspection
from phoihop.inspections.tests.factories import make_inspection, programme_with_plan
from phoihop.programs import services as program_services
from phoihop.programs.models import Task

pytestmark = pytest.mark.django_db


def _done(task, world):
    program_services.task_transition(
        actor=world.admin,
        task=task,
        action="complete",
        expected_version=task.version,
        completed_on=dt.date(2026, 11, 1),
    )


def test_create_records_the_inspection_and_its_history(world):
    inspection = make_inspection(world)
    assert inspection.status == Inspection.Status.PLANNED
    assert inspection.owner == world.target and inspection.created_by == world.officer
    assert len(history_for(inspection)) == 1


def test_bad_input_is_refused_with_messages_by_field(world):
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            actor=world.officer,
            owner=world.target,
            inspected=world.target,
            title="  ",
            started_on=dt.date(2026, 9, 10),
            ended_on=dt.date(2026, 9, 1),
        )
    errors = error.value.message_dict
    assert errors["title"] == ["Hãy nhập tên cuộc kiểm tra."]
    assert errors["inspected"] == ["Cơ quan được kiểm tra phải khác cơ quan kiểm tra."]
    assert errors["ended_on"] == ["Ngày kết thúc không thể trước ngày bắt đầu."]
    assert not Inspection.objects.exists()


def test_only_the_owners_editors_create_for_it(world):
    for actor in (world.partner, world.upper):
        with pytest.raises(ValidationError) as error:
            services.inspection_create(
                actor=actor,
                owner=world.target,
                inspected=world.commune_committee,
                title="Kiểm tra",
                started_on=dt.date(2026, 9, 1),
            )
        assert "owner" in error.value.message_dict


def test_update_refuses_a_stale_version_and_the_inspected_side(world):
    inspection = make_inspection(world)
    services.inspection_update(actor=world.officer, inspection=inspection, expected_version=1, summary="Đạt yêu cầu")
    with pytest.raises(StaleVersionError):
        services.inspection_update(actor=world.officer, inspection=inspection, expected_version=1, summary="Khác")
    with pytest.raises(PermissionDenied):
        services.inspection_update(actor=world.partner, inspection=inspection, expected_version=2, summary="Tự sửa")
    inspection.refresh_from_db()
    assert inspection.summary == "Đạt yêu cầu"


def test_conclusions_are_numbered_and_only_while_in_progress_or_concluded(world):
    inspection = make_inspection(world)
    with pytest.raises(ValidationError) as error:
        services.conclusion_add(actor=world.officer, inspection=inspection, text="Chưa cung cấp thông tin")
    assert "Dự kiến" in error.value.messages[0]
    inspection = make_inspection(world, status="in_progress", title="Kiểm tra lần hai")
    first = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chưa cung cấp thông tin định kỳ")
    second = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chưa lập sổ theo dõi")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.conclusion_add(actor=world.officer, inspection=inspection, text="", number=2)
    assert set(error.value.message_dict) == {"text", "number"}


def test_remediation_task_goes_into_this_years_plan_led_by_the_inspected(world):
    program = programme_with_plan(world)
    inspection = make_inspection(world, status="concluded", program=program)
    conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chậm báo cáo")
    task = services.remediation_task_create(
        actor=world.officer, conclusion=conclusion, title="Khắc phục việc chậm báo cáo", due_date=dt.date(2026, 12, 15)
    )
    assert task.lead == world.commune_committee and task.plan.year == 2026
    assert list(conclusion.tasks.all()) == [task]
    assert "Khắc phục việc chậm báo cáo" in history_for(inspection)[0].message


def test_remediation_refused_without_programme_plan_or_party_lead(world):
    inspection = make_inspection(world, status="concluded")
    conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chậm báo cáo")
    with pytest.raises(ValidationError) as error:
        services.remediation_task_create(
            actor=world.officer, conclusion=conclusion, title="Khắc phục", due_date=dt.date(2026, 12, 1)
        )
    assert "chưa gắn với chương trình" in error.value.messages[0]
    program = programme_with_plan(world, year=2027)  # no plan for 2026
    inspection = make_inspection(world, status="concluded", program=program, title="Kiểm tra có chương trình")
    conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chậm báo cáo")
    with pytest.raises(ValidationError) as error:
        services.remediation_task_create(
            actor=world.officer, conclusion=conclusion, title="Khắc phục", due_date=dt.date(2026, 12, 1)
        )
    assert "chưa có kế hoạch năm 2026" in error.value.messages[0]
    program_services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch năm 2026")
    with pytest.raises(ValidationError) as error:
        services.remediation_task_create(
            actor=world.officer,
            conclusion=conclusion,
            title="Khắc phục",
            due_date=dt.date(2026, 12, 1),
            lead=world.province_dept_b,
        )
    assert "không phải là một bên của chương trình" in error.value.message_dict["lead"][0]
    assert not conclusion.tasks.exists()
    with pytest.raises(PermissionDenied):
        services.remediation_task_create(
            actor=world.partner, conclusion=conclusion, title="Khắc phục", due_date=dt.date(2026, 12, 1)
        )


def test_closing_needs_every_conclusion_remedied(world):
    program = programme_with_plan(world)
    inspection = make_inspection(world, status="concluded", program=program)
    assert inspection.concluded_on == dt.date(2026, 11, 22)
    tasks = []
    for text in ("Chậm báo cáo", "Thiếu sổ theo dõi", "Chưa tuyên truyền trên loa"):
        conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text=text)
        tasks.append(
            services.remediation_task_create(
                actor=world.officer, conclusion=conclusion, title=f"Khắc phục: {text}", due_date=dt.date(2026, 12, 31)
            )
        )
    _done(tasks[0], world)
    assert selectors.remediation_progress([inspection.pk]) == {inspection.pk: (1, 3)}
    with pytest.raises(ValidationError) as error:
        services.inspection_transition(
            actor=world.officer, inspection=inspection, action="close", expected_version=inspection.version
        )
    assert error.value.messages == ["Còn 2/3 kết luận chưa khắc phục xong; chưa thể xác nhận đã khắc phục."]
    for task in tasks[1:]:
        _done(Task.objects.get(pk=task.pk), world)
    services.inspection_transition(
        actor=world.officer, inspection=inspection, action="close", expected_version=inspection.version
    )
    assert inspection.status == Inspection.Status.CLOSED
    with pytest.raises(ValidationError) as error:
        services.inspection_transition(
            actor=world.officer, inspection=inspection, action="reopen", expected_version=inspection.version
        )
    assert error.value.message_dict == {"reason": ["Hãy nêu lý do."]}


def test_transition_not_allowed_from_the_current_status(world):
    inspection = make_inspection(world)
    with pytest.raises(ValidationError) as error:
        services.inspection_transition(
            actor=world.officer, inspection=inspection, action="close", expected_version=inspection.version
        )
    assert "Dự kiến" in error.value.messages[0]


def test_roll_up_selectors(world):
    program = programme_with_plan(world)
    inside = make_inspection(world, status="concluded", program=program)
    make_inspection(world, title="Năm trước", started_on=dt.date(2025, 9, 1))
    other = make_inspection(world, title="Không có kết luận")
    found = selectors.inspections_in({world.commune_committee.pk}, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert set(found) == {inside, other}
    assert not selectors.inspections_in({world.province_dept_b.pk}, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    first = services.conclusion_add(actor=world.officer, inspection=inside, text="Một")
    services.conclusion_add(actor=world.officer, inspection=inside, text="Hai (chưa có nhiệm vụ)")
    task_a = services.remediation_task_create(
        actor=world.officer, conclusion=first, title="Việc A", due_date=dt.date(2026, 12, 1)
    )
    services.remediation_task_create(
        actor=world.officer, conclusion=first, title="Việc B", due_date=dt.date(2026, 12, 1)
    )
    _done(task_a, world)
    assert selectors.remediation_progress([inside.pk, other.pk]) == {inside.pk: (0, 2)}  # B still open


def test_a_conclusion_is_corrected_but_not_once_closed(world):
    inspection = make_inspection(world, status="concluded")
    conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chậm báo cáo")
    with pytest.raises(ValidationError) as error:
        services.conclusion_update(actor=world.officer, conclusion=conclusion, text=" ")
    assert error.value.message_dict == {"text": ["Hãy nhập hạn chế, tồn tại đã phát hiện."]}
    with pytest.raises(PermissionDenied):
        services.conclusion_update(actor=world.partner, conclusion=conclusion, text="Tự sửa")
    services.conclusion_update(
        actor=world.officer, conclusion=conclusion, text="Chậm báo cáo quý III", remediation_due=dt.date(2026, 12, 31)
    )
    conclusion.refresh_from_db()
    assert (conclusion.text, conclusion.remediation_due) == ("Chậm báo cáo quý III", dt.date(2026, 12, 31))
    assert "Sửa kết luận 1." in history_for(inspection)[0].message
