"""Who sees and who changes meetings: the organiser's members, the participants (read
only), upper levels (read only, collaborators aside), nobody else."""

import pytest

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.meetings.models import Meeting
from phoihop.meetings.tests.factories import make_meeting
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return make_meeting(world, conclusions=("Một là",))


def test_each_persona(world, meeting):
    conclusion = meeting.conclusions.get()
    expected = {  # persona: (sees, changes)
        world.officer: (True, True),
        world.partner: (True, False),
        world.upper: (True, False),
        world.outsider: (False, False),
        world.nobody: (False, False),
        world.admin: (True, True),
    }
    for user, (sees, changes) in expected.items():
        assert (permissions.visible_meetings(user).filter(pk=meeting.pk).exists(), user.username) == (
            sees,
            user.username,
        )
        assert permissions.can(user, Action.VIEW, meeting) is sees, user.username
        assert permissions.can(user, Action.CHANGE, meeting) is changes, user.username
        assert permissions.can(user, Action.CHANGE, conclusion) is changes, user.username


def test_only_editors_may_create(world):
    assert permissions.can(world.officer, Action.CREATE, Meeting)
    assert not permissions.can(world.upper, Action.CREATE, Meeting)
    assert not permissions.can(world.nobody, Action.CREATE, Meeting)


def test_a_participant_that_is_not_the_organiser_reads_through_its_participation(world):
    other = OrganizationFactory(name="Ủy ban MTTQ xã Cẩm Đức", level=Level.COMMUNE, administrative_unit=world.commune_c)
    member = UserFactory(username="mttq")
    MembershipFactory(user=member, organization=other, role=Role.OFFICER)
    without = make_meeting(world, title="Họp báo quý IV")
    with_other = make_meeting(world, participants=[other])
    assert list(permissions.visible_meetings(member)) == [with_other]
    assert permissions.can(member, Action.VIEW, with_other) and not permissions.can(member, Action.VIEW, without)
    assert not permissions.can(member, Action.CHANGE, with_other)


def test_a_collaborator_of_the_province_is_no_upper_level(world):
    meeting = make_meeting(world)
    collaborator = UserFactory(username="ctv-tinh")
    MembershipFactory(user=collaborator, organization=world.province_dept_a, role=Role.COLLABORATOR)
    assert not permissions.visible_meetings(collaborator).filter(pk=meeting.pk).exists()
    assert not permissions.can(collaborator, Action.VIEW, meeting)
