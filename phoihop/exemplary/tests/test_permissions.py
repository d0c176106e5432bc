import pytest

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.exemplary.tests.factories import decider, make_model
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_nomination_in_progress_is_the_owners_and_the_upper_levels(world):
    model = make_model(world, status="under_review")
    boss = decider(world)
    expected = {
        # persona: (sees, edits, decides)
        world.officer: (True, True, False),
        world.partner: (False, False, False),  # same level, other organisation: not before the decision
        world.upper: (True, False, False),  # a viewer above reads, never decides
        boss: (True, False, True),  # an officer of the department above decides
        world.outsider: (False, False, False),
        world.nobody: (False, False, False),
        world.admin: (True, True, True),
    }
    for user, (sees, edits, decides) in expected.items():
        assert permissions.can(user, Action.VIEW, model) is sees, user.username
        assert permissions.visible_exemplary_models(user).filter(pk=model.pk).exists() is sees, user.username
        assert permissions.can(user, Action.CHANGE, model) is edits, user.username
        assert permissions.may_decide_exemplary(user, model) is decides, user.username
    assert permissions.deciding_organizations(boss, model) == [world.province_dept_a]


def test_only_party_and_mass_mobilisation_bodies_above_decide(world):
    model = make_model(world)
    state = OrganizationFactory(
        name="Sở Nội vụ tỉnh An Hòa",
        kind=Organization.Kind.STATE_DEPARTMENT,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
    )
    officer_of_state = UserFactory(username="so-noi-vu")
    MembershipFactory(user=officer_of_state, organization=state, role=Role.OFFICER)
    assert not permissions.may_decide_exemplary(officer_of_state, model)
    other_province = UserFactory(username="tinh-khac")
    MembershipFactory(user=other_province, organization=world.province_dept_b, role=Role.LEADER)
    assert not permissions.may_decide_exemplary(other_province, model)


def test_a_commended_model_is_public_praise(world):
    model = make_model(world, status="commended")
    for user in (world.partner, world.outsider, world.nobody):
        assert permissions.can(user, Action.VIEW, model), user.username
        assert not permissions.can(user, Action.CHANGE, model), user.username
    assert not permissions.can(None, Action.VIEW, model)
