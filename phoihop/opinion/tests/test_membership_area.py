"""The area a collaborator covers, set by administrators where memberships are edited (the
user's page in the admin): required for a collaborator, within the organisation's area."""

import pytest
from django.core.exceptions import ValidationError

from phoihop.accounts import services
from phoihop.accounts.models import Membership, Role
from phoihop.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_grant_with_an_area(world):
    user = UserFactory(username="ctv-new")
    membership = services.membership_grant(
        actor=world.admin, user=user, organization=world.target, role=Role.COLLABORATOR, area=world.commune_c
    )
    assert membership.area == world.commune_c


@pytest.mark.parametrize(
    ("role", "area_name", "message"),
    [
        (Role.COLLABORATOR, None, "Hãy chọn địa bàn phụ trách"),
        (Role.COLLABORATOR, "province_b", "nằm ngoài địa bàn của Đảng ủy xã Cẩm Đức"),
        (Role.COLLABORATOR, "province_a", "nằm ngoài địa bàn"),  # the province is above the commune
        (Role.OFFICER, "commune_c", "Chỉ cộng tác viên mới có địa bàn"),
    ],
)
def test_bad_areas_are_refused(world, role, area_name, message):
    user = UserFactory(username="ctv-bad")
    with pytest.raises(ValidationError) as error:
        services.membership_grant(
            actor=world.admin, user=user, organization=world.target, role=role,
            area=getattr(world, area_name) if area_name else None,
        )  # fmt: skip
    assert message in " ".join(error.value.message_dict["area"])
    assert not Membership.objects.filter(user=user).exists()


def test_admin_page_sets_and_checks_the_area(world, client_for):
    user = UserFactory(username="ctv-admin")
    client = client_for(world.admin)
    url = f"/admin/accounts/user/{user.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="memberships-__prefix__-area"' in page.content.decode()
    data = {
        "username": user.username, "full_name": "Trần Thị Thu", "position": "", "email": "",
        "is_active": "on", "last_login_0": "", "last_login_1": "",
        "date_joined_0": "20/11/2026", "date_joined_1": "09:00:00",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-organization": world.target.pk, "memberships-0-role": "collaborator",
        "memberships-0-valid_from": "", "memberships-0-valid_to": "", "memberships-0-area": world.province_b.pk,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nằm ngoài địa bàn" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()
    data["memberships-0-area"] = world.commune_c.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.get(user=user).area == world.commune_c
