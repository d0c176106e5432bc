"""Rules that keep programmes, parties and tasks consistent over time: who may bind
organisations, dissolved bodies take no new work, a task has one lead, a copied plan
and a reopened task meet the rules of a new task."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ValidationError

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.organisations import services as org_services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory
from phoihop.programs import services
from phoihop.programs.models import AnnualPlan, PartyRole, Program, Task, TaskPart
from phoihop.programs.services import PartyInput

D = dt.date
K = Organization.Kind


@pytest.fixture
def s(world):
    with time_machine.travel(dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC), tick=False):
        unit = UnitFactory(name="Tỉnh Hòa Bình Sơn", level=Level.PROVINCE, kind="province", valid_from=D(2024, 1, 1))

        def org(name, kind):
            return OrganizationFactory(
                name=name, kind=kind, level=Level.PROVINCE, administrative_unit=unit, valid_from=D(2024, 1, 1)
            )

        tg, ubnd, syt = (
            org("Ban Tuyên giáo Tỉnh ủy Hòa Bình Sơn", K.PROPAGANDA),
            org("Ủy ban nhân dân tỉnh Hòa Bình Sơn", K.PEOPLES_COMMITTEE),
            org("Sở Y tế tỉnh Hòa Bình Sơn", K.STATE_DEPARTMENT),
        )
        officer = UserFactory(username="officer.tg")
        MembershipFactory(user=officer, organization=tg, role=Role.OFFICER)
        program = services.program_create(
            actor=world.admin,
            title="Chương trình phối hợp 2025–2027",
            start_year=2025,
            end_year=2027,
            parties=[PartyInput(tg, PartyRole.LEAD), PartyInput(ubnd, PartyRole.PARTNER), PartyInput(syt, "partner")],
            content_items=["Một", "Hai", "Ba"],
        )
        plan = services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch năm 2026")
        yield SimpleNamespace(
            admin=world.admin,
            officer=officer,
            unit=unit,
            org=org,
            tg=tg,
            ubnd=ubnd,
            syt=syt,
            program=program,
            plan=plan,
        )


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.mark.django_db
class TestWhoMayBindOrganisations:
    def test_an_officer_cannot_create_a_programme_led_by_someone_else(self, s):
        with pytest.raises(ValidationError) as exc:
            services.program_create(
                actor=s.officer,
                title="Không chủ trì",
                start_year=2026,
                end_year=2027,
                parties=[PartyInput(s.ubnd, PartyRole.LEAD), PartyInput(s.tg, PartyRole.PARTNER)],
            )
        assert "phải là bên chủ trì" in exc.value.message_dict["parties"][0]
        assert not Program.objects.filter(title="Không chủ trì").exists()

    def test_an_officer_cannot_hand_the_lead_away_by_editing(self, s):
        program = reload(s.program)
        with pytest.raises(ValidationError):
            services.program_update(
                actor=s.officer,
                program=program,
                expected_version=program.version,
                parties=[PartyInput(s.ubnd, PartyRole.LEAD), PartyInput(s.tg, PartyRole.PARTNER)],
            )
        assert reload(s.program).parties.get(role=PartyRole.LEAD).organization == s.tg


@pytest.mark.django_db
class TestDissolvedBodiesTakeNoNewWork:
    def test_a_party_that_ended_before_the_programme_starts_is_refused(self, s):
        s.syt.valid_to = D(2025, 6, 30)
        s.syt.save()
        with pytest.raises(ValidationError) as exc:
            services.program_create(
                actor=s.admin,
                title="Mới",
                start_year=2026,
                end_year=2027,
                parties=[PartyInput(s.tg, PartyRole.LEAD), PartyInput(s.syt, PartyRole.PARTNER)],
            )
        assert "Sở Y tế tỉnh Hòa Bình Sơn" in exc.value.message_dict["parties"][0]

    def test_a_task_cannot_be_given_to_a_body_that_no_longer_exists(self, s):
        s.syt.valid_to = D(2026, 1, 31)
        s.syt.save()
        with pytest.raises(ValidationError) as exc:
            services.task_create(
                actor=s.admin, plan=s.plan, title="Việc mới", lead=s.tg, partners=[s.syt], due_date=D(2026, 9, 1)
            )
        assert "Hãy giao cho cơ quan kế tục" in exc.value.message_dict["partners"][0]
        assert not Task.objects.filter(title="Việc mới").exists()


@pytest.mark.django_db
class TestOneLeadPerTask:
    def test_changing_the_lead_keeps_the_reported_old_lead_as_a_partner(self, s):
        task = services.task_create(actor=s.admin, plan=s.plan, title="Việc", lead=s.tg, due_date=D(2026, 9, 1))
        part = task.parts.get(organization=s.tg)
        services.task_report_progress(actor=s.admin, part=part, progress=40, expected_version=part.version)
        task = reload(task)
        services.task_update(actor=s.admin, task=task, expected_version=task.version, lead=s.ubnd)
        roles = dict(TaskPart.objects.filter(task=task).values_list("organization__name", "role"))
        assert roles == {"Ủy ban nhân dân tỉnh Hòa Bình Sơn": "lead", "Ban Tuyên giáo Tỉnh ủy Hòa Bình Sơn": "partner"}


@pytest.mark.django_db
class TestContentItems:
    def test_an_item_with_tasks_cannot_be_dropped(self, s):
        item = s.program.content_items.get(number=3)
        services.task_create(
            actor=s.admin, plan=s.plan, title="Việc", lead=s.tg, due_date=D(2026, 9, 1), content_item=item
        )
        program = reload(s.program)
        with pytest.raises(ValidationError) as exc:
            services.program_update(
                actor=s.admin, program=program, expected_version=program.version, content_items=["Một", "Hai"]
            )
        assert "content_items" in exc.value.message_dict
        assert reload(s.program).content_items.count() == 3


@pytest.mark.django_db
class TestCopyAndReopen:
    def test_copying_skips_cancelled_tasks_and_hands_work_to_successors(self, s):
        done = services.task_create(actor=s.admin, plan=s.plan, title="Đã xong", lead=s.syt, due_date=D(2026, 3, 1))
        services.task_transition(
            actor=s.admin, task=done, action="complete", expected_version=done.version, completed_on=D(2026, 3, 1)
        )
        dropped = services.task_create(actor=s.admin, plan=s.plan, title="Đã hủy", lead=s.tg, due_date=D(2026, 4, 1))
        services.task_transition(
            actor=s.admin, task=dropped, action="cancel", expected_version=dropped.version, reason="Không còn phù hợp"
        )
        successor = OrganizationFactory(
            name="Sở Y tế và Dân số tỉnh Hòa Bình Sơn",
            kind=K.STATE_DEPARTMENT,
            level=Level.PROVINCE,
            administrative_unit=s.unit,
            valid_from=D(2026, 3, 10),
        )
        org_services.reorganization_record(
            actor=s.admin,
            kind=Reorganization.Kind.RENAME,
            effective_date=D(2026, 3, 10),
            legal_basis="QĐ đổi tên",
            predecessors=[s.syt],
            successors=[successor],
        )
        assert reload(s.program).parties.filter(organization=successor).exists()
        new_plan = services.plan_copy_to_next_year(actor=s.admin, plan=reload(s.plan))
        copies = {t.title: t for t in new_plan.tasks.all()}
        assert set(copies) == {"Đã xong"}
        assert copies["Đã xong"].lead == successor
        assert copies["Đã xong"].status == Task.Status.OPEN

    def test_reopening_a_task_whose_lead_left_the_programme_is_refused(self, s):
        task = services.task_create(actor=s.admin, plan=s.plan, title="Việc", lead=s.syt, due_date=D(2026, 3, 1))
        task = services.task_transition(
            actor=s.admin, task=task, action="complete", expected_version=task.version, completed_on=D(2026, 3, 1)
        )
        program = reload(s.program)
        services.program_update(
            actor=s.admin,
            program=program,
            expected_version=program.version,
            reason="Bớt một bên",
            parties=[PartyInput(s.tg, PartyRole.LEAD), PartyInput(s.ubnd, PartyRole.PARTNER)],
        )
        with pytest.raises(ValidationError) as exc:
            services.task_transition(
                actor=s.admin, task=reload(task), action="reopen", expected_version=task.version, reason="Làm tiếp"
            )
        assert "lead" in exc.value.message_dict
        assert reload(task).status == Task.Status.DONE

    def test_no_progress_is_reported_on_a_closed_plan(self, s):
        task = services.task_create(actor=s.admin, plan=s.plan, title="Việc", lead=s.tg, due_date=D(2026, 9, 1))
        services.plan_sign(
            actor=s.admin, plan=s.plan, organization=s.tg, signer_name="A", signer_position="B", signed_on=D(2026, 1, 2)
        )
        fresh = reload(s.plan)
        plan = services.plan_transition(actor=s.admin, plan=fresh, action="sign", expected_version=fresh.version)
        plan = services.plan_transition(actor=s.admin, plan=plan, action="close", expected_version=plan.version)
        part = TaskPart.objects.get(task=task)  # loaded afresh, as the pages and API do
        with pytest.raises(ValidationError):
            services.task_report_progress(actor=s.admin, part=part, progress=10, expected_version=part.version)
        assert reload(part).progress == 0
        assert plan.status == AnnualPlan.Status.CLOSED


@pytest.mark.django_db
def test_carrying_work_bumps_the_programme_version_so_stale_edits_fail(s):
    before = reload(s.program).version
    successor = OrganizationFactory(
        name="Sở Y tế (mới)",
        kind=K.STATE_DEPARTMENT,
        level=Level.PROVINCE,
        administrative_unit=s.unit,
        valid_from=D(2026, 3, 1),
    )
    org_services.reorganization_record(
        actor=s.admin,
        kind=Reorganization.Kind.RENAME,
        effective_date=D(2026, 3, 1),
        legal_basis="QĐ",
        predecessors=[s.syt],
        successors=[successor],
    )
    assert reload(s.program).version == before + 1
