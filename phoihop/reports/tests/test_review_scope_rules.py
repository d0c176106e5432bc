"""Review of issue 6: the scopes a report may be written on.

* A collaborator is no upper level (accounts/permissions/reports.py says so for reading):
  an officer of a commune who also files opinion reports for the province department may
  not draft a report on the commune's other bodies nor on another commune's area through
  that collaborator membership — the figures and the prose would be theirs.
* The competent agency a hot-issue report asks to act is one the author may see: an id
  of another province's body is refused like an unknown one (the API answered with its
  name).
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory
from phoihop.hotissues.tests.factories import make_issue
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import UnitFactory
from phoihop.reports import services
from phoihop.reports.models import Report

pytestmark = pytest.mark.django_db


def test_a_collaborator_membership_is_no_upper_level_for_report_scopes(world):
    officer = world.officer
    MembershipFactory(user=officer, organization=world.province_dept_a, role=Role.COLLABORATOR)
    other_commune = UnitFactory(
        name="Xã Hòa Bình", level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a
    )
    assert not permissions.may_report_on(officer, Report.ScopeKind.ORGANIZATION, world.commune_committee)
    assert not permissions.may_report_on(officer, Report.ScopeKind.AREA, other_commune)
    assert not permissions.may_report_on(officer, Report.ScopeKind.AREA, world.province_a)
    assert permissions.may_report_on(officer, Report.ScopeKind.ORGANIZATION, world.target)  # their own
    assert permissions.may_report_on(officer, Report.ScopeKind.AREA, world.commune_c)
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=officer,
            issuer=world.target,
            kind=Report.Kind.QUARTERLY,
            scope_kind=Report.ScopeKind.ORGANIZATION,
            organization=world.commune_committee,
            period_start=dt.date(2026, 7, 1),
            period_end=dt.date(2026, 9, 30),
        )
    assert "organization" in error.value.message_dict
    assert not Report.objects.exists()


def test_a_province_officer_still_reports_on_the_communes_below(world):
    from phoihop.accounts.tests.factories import UserFactory

    province_officer = UserFactory()
    MembershipFactory(user=province_officer, organization=world.province_dept_a, role=Role.OFFICER)
    assert permissions.may_report_on(province_officer, Report.ScopeKind.ORGANIZATION, world.target)
    assert permissions.may_report_on(province_officer, Report.ScopeKind.AREA, world.commune_c)
    assert permissions.may_report_on(province_officer, Report.ScopeKind.AREA, world.province_a)
    assert not permissions.may_report_on(province_officer, Report.ScopeKind.ORGANIZATION, world.province_dept_b)


def test_the_agency_asked_to_act_is_one_the_author_sees(world):
    with time_machine.travel(dt.datetime(2026, 10, 2, 9), tick=False):
        issue = make_issue(world, title="Khiếu kiện đông người về bồi thường")
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=world.officer,
            issuer=world.target,
            kind=Report.Kind.HOT_ISSUE_SITUATION,
            scope_kind=Report.ScopeKind.ORGANIZATION,
            organization=world.target,
            period_start=dt.date(2026, 10, 1),
            period_end=dt.date(2026, 11, 20),
            hot_issue=issue,
            request_to=world.province_dept_b,
        )
    assert "request_to" in error.value.message_dict
    assert world.province_dept_b.name not in str(error.value.message_dict)
    assert not Report.objects.exists()
