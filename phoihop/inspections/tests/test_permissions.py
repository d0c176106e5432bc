import pytest

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.inspections.tests.factories import make_inspection

pytestmark = pytest.mark.django_db


def test_who_sees_and_who_edits_an_inspection(world):
    inspection = make_inspection(world)
    collaborator = UserFactory(username="ctv-tinh")
    MembershipFactory(user=collaborator, organization=world.province_dept_a, role=Role.COLLABORATOR)
    expected = {
        # persona: (sees, edits, plans remediation)
        world.officer: (True, True, True),  # the inspecting organisation's officer
        world.partner: (True, False, False),  # the inspected organisation reads, does not edit
        world.upper: (True, False, False),  # the province above reads
        collaborator: (False, False, False),  # a collaborator is no upper level
        world.outsider: (False, False, False),
        world.nobody: (False, False, False),
        world.admin: (True, True, True),
    }
    for user, (sees, edits, plans) in expected.items():
        assert permissions.can(user, Action.VIEW, inspection) is sees, user.username
        assert permissions.visible_inspections(user).filter(pk=inspection.pk).exists() is sees, user.username
        assert permissions.can(user, Action.CHANGE, inspection) is edits, user.username
        assert permissions.may_plan_remediation(user, inspection) is plans, user.username
