"""The permission module: who may see and change organisations in the registry."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Access, Action


@pytest.mark.django_db
class TestRegistryVisibility:
    def test_member_sees_own_organisation(self, world):
        assert permissions.can(world.officer, Action.VIEW, world.target)

    def test_same_level_same_area_partner_sees_it(self, world):
        assert permissions.can(world.partner, Action.VIEW, world.target)

    def test_upper_level_reads_commune_organisation(self, world):
        assert permissions.can(world.upper, Action.VIEW, world.target)

    def test_outsider_does_not_see_it(self, world):
        assert not permissions.can(world.outsider, Action.VIEW, world.target)
        with pytest.raises(Http404):
            permissions.check(world.outsider, Action.CHANGE, world.target)

    def test_commune_member_does_not_see_the_province_above(self, world):
        assert not permissions.can(world.officer, Action.VIEW, world.province_dept_a)

    def test_user_without_membership_sees_nothing(self, world):
        assert not permissions.visible_organizations(world.nobody).exists()

    def test_anonymous_may_not(self, world):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.can(AnonymousUser(), Action.VIEW, world.target)

    def test_only_admin_edits_registry(self, world):
        for user in (world.officer, world.partner, world.upper):
            with pytest.raises(PermissionDenied):
                permissions.check(user, Action.CHANGE, world.target)
        permissions.check(world.admin, Action.CHANGE, world.target)


@pytest.mark.django_db
class TestRecordAccess:
    def test_member_roles(self, world):
        assert permissions.organization_access(world.officer, world.target) is Access.EDIT
        assert permissions.organization_access(world.upper, world.province_dept_a) is Access.READ  # viewer role

    def test_upper_level_reads_but_does_not_edit(self, world):
        assert permissions.organization_access(world.upper, world.target) is Access.READ

    def test_outsider_has_no_access(self, world):
        assert permissions.organization_access(world.outsider, world.target) is Access.NONE

    def test_partner_has_no_access_to_records_it_is_not_party_to(self, world):
        assert permissions.organization_access(world.partner, world.target) is Access.NONE

    def test_admin(self, world):
        assert permissions.organization_access(world.admin, world.target) is Access.ADMIN
