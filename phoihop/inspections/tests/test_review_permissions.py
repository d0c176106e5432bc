"""Review of issue 6: the inspecting side acts only where it may.

* A remediation task goes into the plan of the inspection's programme: only someone who
  may change that plan puts it there. An upper level that inspects a commune reads the
  commune's programme — it never edits it (DESIGN.md), so it cannot add tasks to it.
* The inspected organisation is one the inspector may see: an id of an organisation of
  another province is refused like an unknown one (the page's list already hides it; the
  API took it and answered with its name).
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.accounts.models import Role
from phoihop.accounts.services import api_token_issue
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.inspections import services
from phoihop.inspections.models import Inspection
from phoihop.inspections.tests.factories import programme_with_plan
from phoihop.programs.models import Task

pytestmark = pytest.mark.django_db


def test_an_upper_level_inspector_cannot_add_tasks_to_a_commune_plan(world):
    program = programme_with_plan(world)  # the commune's programme: target and commune committee
    province_officer = UserFactory()
    MembershipFactory(user=province_officer, organization=world.province_dept_a, role=Role.OFFICER)
    inspection = services.inspection_create(
        actor=province_officer,
        owner=world.province_dept_a,
        inspected=world.target,
        program=program,
        title="Kiểm tra Đảng ủy xã Cẩm Đức",
        started_on=dt.date(2026, 9, 1),
    )
    inspection = services.inspection_transition(
        actor=province_officer, inspection=inspection, action="start", expected_version=inspection.version
    )
    conclusion = services.conclusion_add(actor=province_officer, inspection=inspection, text="Chậm cung cấp thông tin.")
    before = Task.objects.count()
    with pytest.raises(PermissionDenied):
        services.remediation_task_create(
            actor=province_officer,
            conclusion=conclusion,
            title="Khắc phục việc chậm cung cấp thông tin",
            due_date=dt.date(2026, 12, 15),
        )
    assert Task.objects.count() == before
    assert not conclusion.tasks.exists()


def test_the_inspected_organisation_must_be_one_the_inspector_sees(world):
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            actor=world.officer,
            owner=world.target,
            inspected=world.province_dept_b,  # another province: not in the officer's registry
            title="Kiểm tra Ban Tuyên giáo tỉnh bạn",
            started_on=dt.date(2026, 9, 1),
        )
    assert "inspected" in error.value.message_dict
    assert not Inspection.objects.exists()


def test_the_api_does_not_name_an_organisation_the_inspector_cannot_see(world, client):
    token = api_token_issue(user=world.officer)[1]
    response = client.post(
        "/api/v1/inspections/",
        {
            "owner": world.target.pk,
            "inspected": world.province_dept_b.pk,
            "title": "Kiểm tra Ban Tuyên giáo tỉnh bạn",
            "started_on": "01/09/2026",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert world.province_dept_b.name not in str(response.json())  # JSON escapes non-ASCII
    assert not Inspection.objects.exists()


def test_a_remediation_lead_the_user_cannot_see_is_unknown_not_named(world, client):
    from phoihop.inspections.tests.factories import make_inspection

    program = programme_with_plan(world)
    inspection = make_inspection(world, status=Inspection.Status.IN_PROGRESS, program=program)
    conclusion = services.conclusion_add(actor=world.officer, inspection=inspection, text="Chậm cung cấp thông tin.")
    token = api_token_issue(user=world.officer)[1]
    response = client.post(
        f"/api/v1/inspections/{inspection.pk}/conclusions/{conclusion.pk}/tasks",
        {"title": "Khắc phục", "due_date": "15/12/2026", "lead": world.province_dept_b.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert world.province_dept_b.name not in str(response.json())  # JSON escapes non-ASCII
    assert not Task.objects.filter(title="Khắc phục").exists()
