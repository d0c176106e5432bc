"""Who sees and who changes programmes, plans, tasks and parts — each persona of the
`world` fixture, through `accounts.permissions` and the selectors that use it."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from phoihop.accounts.models import Role, User
from phoihop.accounts.permissions import Action, can, principal, visible_programs, visible_tasks
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.organisations import services as org_services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import selectors, services
from phoihop.programs.models import AnnualPlan, PartyRole, Program, Task
from phoihop.programs.services import PartyInput

D = dt.date
LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER


def fresh(user):
    """The user as a new request sees it (the principal is cached per user object)."""
    return User.objects.get(pk=user.pk)


def new_program(admin, title, lead, partner, kind=Program.Kind.OTHER, start=2025, end=2027):
    return services.program_create(
        actor=admin,
        title=title,
        kind=kind,
        start_year=start,
        end_year=end,
        parties=[PartyInput(lead, LEAD), PartyInput(partner, PARTNER)],
    )


@pytest.fixture
def programmes(world):
    """The commune's programme (target leads, the commune's People's Committee partners),
    a province A programme and a province B programme."""
    ubnd_a = OrganizationFactory(
        name="Ủy ban nhân dân tỉnh An Hòa",
        kind=Organization.Kind.PEOPLES_COMMITTEE,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
        valid_from=D(2025, 7, 1),
    )
    ubnd_b = OrganizationFactory(
        name="Ủy ban nhân dân tỉnh Bình Sơn",
        kind=Organization.Kind.PEOPLES_COMMITTEE,
        level=Level.PROVINCE,
        administrative_unit=world.province_b,
        valid_from=D(2025, 7, 1),
    )
    commune = new_program(
        world.admin, "Chương trình phối hợp xã Cẩm Đức 2025–2027", world.target, world.commune_committee
    )
    province_a = new_program(
        world.admin,
        "Chương trình phối hợp tỉnh An Hòa",
        world.province_dept_a,
        ubnd_a,
        kind=Program.Kind.SAME_LEVEL_238,
    )
    province_b = new_program(
        world.admin,
        "Chương trình phối hợp tỉnh Bình Sơn",
        world.province_dept_b,
        ubnd_b,
        kind=Program.Kind.SAME_LEVEL_238,
    )
    plan = services.plan_create(actor=world.admin, program=commune, year=2026, title="Kế hoạch năm 2026")
    led_by_target = services.task_create(
        actor=world.admin,
        plan=plan,
        title="Tuyên truyền bầu cử",
        lead=world.target,
        partners=[world.commune_committee],
        due_date=D(2026, 5, 15),
    )
    led_by_committee = services.task_create(
        actor=world.admin,
        plan=plan,
        title="Pa-nô, áp phích",
        lead=world.commune_committee,
        partners=[world.target],
        due_date=D(2026, 6, 30),
    )
    b_plan = services.plan_create(actor=world.admin, program=province_b, year=2026, title="Kế hoạch Bình Sơn 2026")
    b_task = services.task_create(
        actor=world.admin, plan=b_plan, title="Nhiệm vụ Bình Sơn", lead=world.province_dept_b, due_date=D(2026, 6, 1)
    )
    return SimpleNamespace(
        commune=commune,
        province_a=province_a,
        province_b=province_b,
        plan=plan,
        led_by_target=led_by_target,
        led_by_committee=led_by_committee,
        b_task=b_task,
        target_part=led_by_target.parts.get(organization=world.target),
        committee_part=led_by_target.parts.get(organization=world.commune_committee),
    )


VISIBLE_PROGRAMS = {
    "officer": {"commune"},
    "partner": {"commune"},
    "upper": {"commune", "province_a"},
    "outsider": {"province_b"},
    "admin": {"commune", "province_a", "province_b"},
    "nobody": set(),
}


@pytest.mark.django_db
class TestVisibility:
    @pytest.mark.parametrize("persona", VISIBLE_PROGRAMS)
    def test_visible_programmes(self, world, programmes, persona):
        names = {getattr(programmes, name).pk: name for name in ("commune", "province_a", "province_b")}
        seen = {names[pk] for pk in visible_programs(getattr(world, persona)).values_list("pk", flat=True)}
        assert seen == VISIBLE_PROGRAMS[persona]

    @pytest.mark.parametrize("persona", VISIBLE_PROGRAMS)
    def test_visible_tasks_follow_the_programmes(self, world, programmes, persona):
        titles = set(visible_tasks(getattr(world, persona)).values_list("title", flat=True))
        expected = set()
        if "commune" in VISIBLE_PROGRAMS[persona]:
            expected |= {"Tuyên truyền bầu cử", "Pa-nô, áp phích"}
        if "province_b" in VISIBLE_PROGRAMS[persona]:
            expected.add("Nhiệm vụ Bình Sơn")
        assert titles == expected

    @pytest.mark.parametrize("persona", VISIBLE_PROGRAMS)
    def test_the_programme_list_shows_the_same(self, world, programmes, persona):
        titles = {p.title for p in selectors.program_list(getattr(world, persona))}
        assert titles == {getattr(programmes, name).title for name in VISIBLE_PROGRAMS[persona]}

    def test_the_outsider_gets_404_on_the_programme_plan_task_and_part(self, world, programmes):
        outsider = world.outsider
        with pytest.raises(Http404):
            selectors.get_program_for_user(outsider, programmes.commune.pk)
        with pytest.raises(Http404):
            selectors.get_plan_for_user(outsider, programmes.plan.pk)
        with pytest.raises(Http404):
            selectors.get_task_for_user(outsider, programmes.led_by_target.pk)
        with pytest.raises(Http404):
            selectors.get_part_for_user(outsider, programmes.committee_part.pk)

    def test_a_user_without_membership_sees_nothing(self, world, programmes):
        assert not visible_programs(world.nobody).exists()
        assert not visible_tasks(world.nobody).exists()
        with pytest.raises(Http404):
            selectors.get_program_for_user(world.nobody, programmes.commune.pk)

    def test_a_missing_programme_is_404_even_for_the_admin(self, world, programmes):
        with pytest.raises(Http404):
            selectors.get_program_for_user(world.admin, Program.objects.order_by("-pk").first().pk + 1000)


CHANGE_PROGRAM = {"officer": True, "partner": False, "upper": False, "admin": True}


@pytest.mark.django_db
class TestChanging:
    @pytest.mark.parametrize(("persona", "allowed"), CHANGE_PROGRAM.items())
    def test_only_editors_of_the_lead_party_change_the_programme_and_its_plans(
        self, world, programmes, persona, allowed
    ):
        user = getattr(world, persona)
        assert can(user, Action.VIEW, programmes.commune)
        assert can(user, Action.CHANGE, programmes.commune) is allowed
        assert can(user, Action.CHANGE, programmes.plan) is allowed

    def test_the_upper_level_reads_a_commune_programme_but_gets_403_on_change(self, world, programmes):
        assert selectors.get_program_for_user(world.upper, programmes.commune.pk) == programmes.commune
        assert selectors.get_task_for_user(world.upper, programmes.led_by_target.pk) == programmes.led_by_target
        with pytest.raises(PermissionDenied):
            selectors.get_program_for_user(world.upper, programmes.commune.pk, Action.CHANGE)
        with pytest.raises(PermissionDenied):
            selectors.get_plan_for_user(world.upper, programmes.plan.pk, Action.CHANGE)
        with pytest.raises(PermissionDenied):
            selectors.get_task_for_user(world.upper, programmes.led_by_target.pk, Action.CHANGE)

    def test_the_partner_reads_the_programme_but_cannot_edit_it(self, world, programmes):
        assert selectors.get_program_for_user(world.partner, programmes.commune.pk) == programmes.commune
        with pytest.raises(PermissionDenied):
            selectors.get_program_for_user(world.partner, programmes.commune.pk, Action.CHANGE)

    def test_the_partner_edits_the_task_it_leads_but_not_the_leads_task(self, world, programmes):
        assert can(world.partner, Action.CHANGE, programmes.led_by_committee)
        assert not can(world.partner, Action.CHANGE, programmes.led_by_target)
        assert can(world.officer, Action.CHANGE, programmes.led_by_target)
        assert can(world.officer, Action.CHANGE, programmes.led_by_committee)  # its organisation leads the programme

    def test_a_viewer_of_the_lead_party_reads_but_does_not_change_or_report(self, world, programmes):
        viewer = UserFactory(username="viewer")
        MembershipFactory(user=viewer, organization=world.target, role=Role.VIEWER)
        assert can(viewer, Action.VIEW, programmes.commune)
        assert not can(viewer, Action.CHANGE, programmes.commune)
        assert not can(viewer, Action.CHANGE, programmes.led_by_target)
        assert not can(viewer, Action.REPORT, programmes.target_part)

    @pytest.mark.parametrize(
        ("persona", "allowed"),
        [
            ("officer", True),
            ("partner", True),
            ("upper", False),
            ("outsider", True),
            ("admin", True),
            ("nobody", False),
        ],
    )
    def test_creating_needs_an_editor_membership(self, world, persona, allowed):
        user = getattr(world, persona)
        for model in (Program, AnnualPlan, Task):
            assert can(user, Action.CREATE, model) is allowed


@pytest.mark.django_db
class TestReporting:
    def test_each_party_reports_its_own_part(self, world, programmes):
        assert can(world.officer, Action.REPORT, programmes.target_part)
        assert can(world.partner, Action.REPORT, programmes.committee_part)
        assert selectors.get_part_for_user(world.partner, programmes.committee_part.pk) == programmes.committee_part

    def test_a_partner_cannot_report_the_leads_part(self, world, programmes):
        assert not can(world.partner, Action.REPORT, programmes.target_part)
        with pytest.raises(PermissionDenied):
            selectors.get_part_for_user(world.partner, programmes.target_part.pk)

    def test_the_lead_cannot_report_the_partners_part(self, world, programmes):
        assert not can(world.officer, Action.REPORT, programmes.committee_part)
        with pytest.raises(PermissionDenied):
            selectors.get_part_for_user(world.officer, programmes.committee_part.pk)

    def test_the_upper_level_sees_parts_but_cannot_report(self, world, programmes):
        for part in (programmes.target_part, programmes.committee_part):
            assert can(world.upper, Action.VIEW, part)
            assert not can(world.upper, Action.REPORT, part)
            with pytest.raises(PermissionDenied):
                selectors.get_part_for_user(world.upper, part.pk)

    def test_the_outsider_neither_sees_nor_reports(self, world, programmes):
        assert not can(world.outsider, Action.VIEW, programmes.committee_part)
        assert not can(world.outsider, Action.REPORT, programmes.committee_part)

    def test_the_admin_may_report_any_part(self, world, programmes):
        assert can(world.admin, Action.REPORT, programmes.committee_part)


@pytest.mark.django_db
class TestSuccessorsReadTheirPredecessorsWork:
    def test_after_a_merge_the_successors_members_see_the_predecessors_finished_programmes(self, world):
        b = world.province_b
        kw = {"level": Level.PROVINCE, "administrative_unit": b}
        culture = OrganizationFactory(
            name="Sở Văn hóa tỉnh Bình Sơn", kind=Organization.Kind.STATE_DEPARTMENT, valid_from=D(2025, 7, 1), **kw
        )
        sport = OrganizationFactory(
            name="Sở Thể thao tỉnh Bình Sơn", kind=Organization.Kind.STATE_DEPARTMENT, valid_from=D(2025, 7, 1), **kw
        )
        committee = OrganizationFactory(
            name="Ủy ban nhân dân tỉnh Bình Sơn",
            kind=Organization.Kind.PEOPLES_COMMITTEE,
            valid_from=D(2025, 7, 1),
            **kw,
        )
        merged = OrganizationFactory(
            name="Sở Văn hóa và Thể thao tỉnh Bình Sơn",
            kind=Organization.Kind.STATE_DEPARTMENT,
            valid_from=D(2025, 10, 1),
            **kw,
        )
        finished = new_program(world.admin, "Chương trình đã tổng kết", culture, committee, start=2025, end=2025)
        Program.objects.filter(pk=finished.pk).update(status=Program.Status.CONCLUDED)
        member = UserFactory(username="merged_officer")
        MembershipFactory(user=member, organization=merged, role=Role.OFFICER, valid_from=D(2025, 10, 1))
        assert not visible_programs(fresh(member)).exists()

        org_services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.MERGE,
            effective_date=D(2025, 10, 1),
            legal_basis="Quyết định số 45/QĐ-UBND, ngày 20/9/2025",
            predecessors=[culture, sport],
            successors=[merged],
        )
        member = fresh(member)
        assert list(visible_programs(member)) == [finished]
        assert can(member, Action.VIEW, finished)
        assert selectors.get_program_for_user(member, finished.pk) == finished
        assert finished.parties.filter(organization=culture).exists()  # finished work keeps the old name
        assert not visible_programs(fresh(world.outsider)).filter(pk=finished.pk).exists()


def _touch_programs(programs):
    for program in programs:
        for party in program.parties.all():
            assert party.organization.name
            assert party.organization.administrative_unit_id is None or party.organization.administrative_unit.name


def _touch_tasks(tasks, full=True):
    """Read what the pages show: every row's lead, programme and bucket; on the task
    list also its content item and each party's part."""
    for task in tasks:
        assert task.lead.name and task.plan.program.title and task.bucket is not None
        if full:
            assert task.content_item.text
            for part in task.parts.all():
                assert part.organization.name


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.django_db
class TestQueryCounts:
    """The lists cost the same number of queries with 3 rows as with 30."""

    def grow_programs(self, world, count):
        for index in range(count):
            new_program(world.admin, f"Chương trình số {index}", world.target, world.commune_committee)

    def grow_tasks(self, world, count):
        program = new_program(world.admin, "Chương trình nhiều nhiệm vụ", world.target, world.commune_committee)
        item = program.content_items.create(number=1, text="Tuyên truyền")
        plan = services.plan_create(actor=world.admin, program=program, year=2026, title="Kế hoạch năm 2026")
        for index in range(count):
            services.task_create(
                actor=world.admin,
                plan=plan,
                title=f"Nhiệm vụ {index}",
                lead=world.target,
                partners=[world.commune_committee],
                due_date=D(2026, 1, 1) + dt.timedelta(days=index),
                content_item=item,
            )

    @pytest.mark.parametrize("persona", ["officer", "upper", "admin"])
    def test_program_list(self, world, django_assert_max_num_queries, persona):
        def run():
            programs = list(selectors.program_list(fresh(getattr(world, persona))))
            _touch_programs(programs)
            return programs

        self.grow_programs(world, 3)
        small = _count(run)
        self.grow_programs(world, 27)
        with django_assert_max_num_queries(small):
            assert len(run()) == 30
        assert small <= 8

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper"])
    def test_task_list(self, world, django_assert_max_num_queries, persona):
        today = D(2026, 1, 10)

        def run():
            tasks = list(selectors.task_list(fresh(getattr(world, persona)), today=today))
            _touch_tasks(tasks)
            return tasks

        self.grow_tasks(world, 3)
        small = _count(run)
        self.grow_tasks(world, 30)
        with django_assert_max_num_queries(small):
            assert len(run()) == 33
        assert small <= 8

    def test_my_tasks(self, world, django_assert_max_num_queries):
        today = D(2026, 3, 1)

        def run():
            tasks = list(selectors.my_tasks(fresh(world.partner), today=today))
            _touch_tasks(tasks, full=False)
            return tasks

        self.grow_tasks(world, 3)
        small = _count(run)
        assert small <= 6
        self.grow_tasks(world, 30)
        with django_assert_max_num_queries(small):
            # all due in January 2026: overdue on 01/03/2026
            assert len(run()) == 33

    def test_my_tasks_holds_the_overdue_and_the_due_soon_of_my_organisations_only(self, world, programmes):
        today = D(2026, 5, 10)
        titles = [t.title for t in selectors.my_tasks(fresh(world.partner), today=today)]
        assert titles == ["Tuyên truyền bầu cử"]  # due 15/05; the 30/06 one is not due soon
        assert [t.title for t in selectors.my_tasks(fresh(world.partner), today=D(2026, 6, 20))] == [
            "Tuyên truyền bầu cử",
            "Pa-nô, áp phích",
        ]
        assert list(selectors.my_tasks(fresh(world.upper), today=today)) == []
        assert list(selectors.my_tasks(fresh(world.nobody), today=today)) == []
        done = programmes.led_by_target
        services.task_transition(
            actor=world.admin, task=done, action="complete", expected_version=done.version, completed_on=D(2026, 5, 1)
        )
        assert list(selectors.my_tasks(fresh(world.partner), today=today)) == []


@pytest.mark.django_db
class TestSeeingOneProgramme:
    """`can(VIEW)` on a programme whose parties are prefetched (as the selectors load it)
    answers as `visible_programs` does, asking the database only for an upper level."""

    PERSONAS = ["officer", "partner", "upper", "outsider", "admin", "nobody", "central"]

    def user(self, world, persona):
        if persona == "central":
            user = UserFactory(username="central_viewer")
            MembershipFactory(user=user, organization=world.central, role=Role.VIEWER)
            return fresh(user)
        return fresh(getattr(world, persona))

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_the_answer_is_that_of_visible_programs(self, world, programmes, persona):
        user = self.user(world, persona)
        visible = set(visible_programs(user).values_list("pk", flat=True))
        for program in (programmes.commune, programmes.province_a, programmes.province_b):
            loaded = Program.objects.prefetch_related("parties").get(pk=program.pk)
            assert can(user, Action.VIEW, loaded) is (program.pk in visible), program.title
            assert can(user, Action.VIEW, Program.objects.get(pk=program.pk)) is (program.pk in visible)

    @pytest.mark.parametrize(
        ("persona", "queries"), [("officer", 0), ("partner", 0), ("admin", 0), ("central", 0), ("upper", 1)]
    )
    def test_a_party_member_is_answered_without_a_query(self, world, programmes, persona, queries):
        user = self.user(world, persona)
        loaded = Program.objects.prefetch_related("parties").get(pk=programmes.commune.pk)
        principal(user)  # the memberships are loaded once per request
        with CaptureQueriesContext(connection) as ctx:
            assert can(user, Action.VIEW, loaded)
        assert len(ctx.captured_queries) == queries

    def test_report_is_asked_of_a_part_only(self, world, programmes):
        for obj in (programmes.led_by_target, programmes.commune, programmes.plan):
            with pytest.raises(LookupError):
                can(world.officer, Action.REPORT, obj)
