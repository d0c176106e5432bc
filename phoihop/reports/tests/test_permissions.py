"""Who sees and who acts on a report (accounts/permissions/reports.py)."""

import datetime as dt

import pytest

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.tests.factories import ProgramFactory, ProgramPartyFactory
from phoihop.reports.models import Report
from phoihop.reports.tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "sees", "changes"),
    [
        ("officer", True, True),
        ("upper", True, False),  # the province department above reads, never edits
        ("admin", True, True),
        ("partner", False, False),  # same level, not a member of the issuer: 404
        ("outsider", False, False),
        ("nobody", False, False),
    ],
)
def test_who_sees_and_changes_a_report(world, persona, sees, changes):
    report = make_report(world)
    user = getattr(world, persona)
    assert permissions.can(user, Action.VIEW, report) is sees
    assert permissions.can(user, Action.CHANGE, report) is changes
    assert permissions.visible_reports(user).filter(pk=report.pk).exists() is sees


def test_a_collaborator_reads_its_own_department_but_is_no_upper_level(world, people):
    report = make_report(world)
    assert permissions.can(people.collaborator, Action.VIEW, report)
    assert not permissions.can(people.collaborator, Action.CHANGE, report)
    assert not permissions.can(people.collaborator, Action.CREATE, Report)
    province_collaborator = UserFactory()
    MembershipFactory(user=province_collaborator, organization=world.province_dept_a, role=Role.COLLABORATOR)
    assert not permissions.can(province_collaborator, Action.VIEW, report)
    assert not permissions.visible_reports(province_collaborator).exists()
    assert permissions.can(people.leader, Action.CHANGE, report)


def test_the_successor_reads_its_predecessors_reports(world):
    report = make_report(world)
    successor = OrganizationFactory(
        name="Đảng ủy xã Cẩm Đức mới",
        kind=Organization.Kind.PARTY_COMMITTEE,
        level=Level.COMMUNE,
        administrative_unit=world.commune_c,
    )
    merge = Reorganization.objects.create(kind=Reorganization.Kind.MERGE, effective_date=dt.date(2026, 1, 1))
    merge.predecessors.add(world.target)
    merge.successors.add(successor)
    member = UserFactory()
    MembershipFactory(user=member, organization=successor, role=Role.VIEWER)
    assert permissions.can(member, Action.VIEW, report)
    assert not permissions.can(member, Action.CHANGE, report)
    assert list(permissions.visible_reports(member)) == [report]


def test_the_scopes_one_may_report_on(world):
    program = ProgramFactory()
    ProgramPartyFactory(program=program, organization=world.target, role="lead")
    foreign = ProgramFactory()
    ProgramPartyFactory(program=foreign, organization=world.province_dept_b, role="lead")
    officer, upper = world.officer, world.upper
    assert permissions.may_report_on(officer, Report.ScopeKind.ORGANIZATION, world.target)
    assert not permissions.may_report_on(officer, Report.ScopeKind.ORGANIZATION, world.province_dept_a)
    assert permissions.may_report_on(upper, Report.ScopeKind.ORGANIZATION, world.target)  # one below
    assert permissions.may_report_on(officer, Report.ScopeKind.PROGRAM, program)
    assert not permissions.may_report_on(officer, Report.ScopeKind.PROGRAM, foreign)
    assert permissions.may_report_on(officer, Report.ScopeKind.AREA, world.commune_c)
    assert not permissions.may_report_on(officer, Report.ScopeKind.AREA, world.province_a)
    assert permissions.may_report_on(upper, Report.ScopeKind.AREA, world.commune_c)  # within its province
    assert not permissions.may_report_on(world.outsider, Report.ScopeKind.AREA, world.commune_c)
