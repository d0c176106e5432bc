"""Who sees and who changes a false claim (accounts/permissions/claims.py)."""

import pytest

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.claims.models import FalseClaim
from phoihop.claims.tests.factories import hot_issue, make_claim

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "sees", "changes"),
    [
        ("officer", True, True),
        ("upper", True, False),
        ("admin", True, True),
        ("partner", False, False),
        ("outsider", False, False),
        ("nobody", False, False),
    ],
)
def test_who_sees_and_changes_a_claim(world, persona, sees, changes):
    claim = make_claim(world)
    user = getattr(world, persona)
    assert permissions.can(user, Action.VIEW, claim) is sees
    assert permissions.can(user, Action.CHANGE, claim) is changes
    assert permissions.visible_false_claims(user).filter(pk=claim.pk).exists() is sees


def test_leaders_edit_collaborators_only_read(world, people):
    claim = make_claim(world)
    assert permissions.can(people.leader, Action.CHANGE, claim)
    assert permissions.can(people.collaborator, Action.VIEW, claim)
    assert not permissions.can(people.collaborator, Action.CHANGE, claim)
    assert not permissions.can(people.collaborator, Action.CREATE, FalseClaim)


def test_a_partner_reads_a_claim_linked_to_a_hot_issue_shared_with_it(world):
    claim = make_claim(world)
    private = hot_issue(world)
    claim.hot_issues.add(private)
    assert not permissions.can(world.partner, Action.VIEW, claim)  # linked, but not shared
    shared = hot_issue(world, shared_with=[world.commune_committee], title="Vấn đề chia sẻ với UBND xã")
    claim.hot_issues.add(shared)
    assert permissions.can(world.partner, Action.VIEW, claim)
    assert not permissions.can(world.partner, Action.CHANGE, claim)
    assert list(permissions.visible_false_claims(world.partner)) == [claim]
