"""Users with several organisations switch the one they act for."""

import pytest
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory
from phoihop.audit.models import AuditEntry


@pytest.fixture
def two_hats(world):
    MembershipFactory(user=world.officer, organization=world.commune_committee, role=Role.OFFICER)
    return world.officer


@pytest.mark.django_db
class TestSwitchOrganization:
    def test_single_membership_shows_the_organisation_without_a_switch(self, client_for, world):
        body = client_for(world.partner).get(reverse("accounts:my_work")).content.decode()
        assert "Ủy ban nhân dân xã Cẩm Đức" in body
        assert 'name="organization"' not in body

    def test_several_memberships_offer_a_switch(self, client_for, two_hats):
        body = client_for(two_hats).get(reverse("accounts:my_work")).content.decode()
        assert 'name="organization"' in body
        assert "Đảng ủy xã Cẩm Đức" in body and "Ủy ban nhân dân xã Cẩm Đức" in body

    def test_default_is_the_first_in_vietnamese_order(self, client_for, two_hats):
        response = client_for(two_hats).get(reverse("accounts:my_work"))
        assert response.wsgi_request.acting_organization.name == "Đảng ủy xã Cẩm Đức"

    def test_switching_changes_the_acting_organisation_and_is_audited(self, client_for, two_hats, world):
        client = client_for(two_hats)
        response = client.post(reverse("accounts:switch_organization"), {"organization": world.commune_committee.pk})
        assert response.status_code == 302
        two_hats.refresh_from_db()
        assert two_hats.acting_organization == world.commune_committee
        page = client.get(reverse("accounts:my_work"))
        assert page.wsgi_request.acting_organization == world.commune_committee
        entry = AuditEntry.objects.for_object(two_hats).get(event="switch_organization")
        assert entry.organization_name == "Đảng ủy xã Cẩm Đức"  # acted for the old one when switching

    def test_cannot_switch_to_an_organisation_one_is_not_member_of(self, client_for, two_hats, world):
        client = client_for(two_hats)
        response = client.post(
            reverse("accounts:switch_organization"), {"organization": world.province_dept_b.pk}, follow=True
        )
        assert "Bạn không phải thành viên của cơ quan này." in response.content.decode()
        two_hats.refresh_from_db()
        assert two_hats.acting_organization is None

    def test_garbage_input_changes_nothing(self, client_for, two_hats):
        response = client_for(two_hats).post(
            reverse("accounts:switch_organization"), {"organization": "abc"}, follow=True
        )
        assert "Hãy chọn một cơ quan." in response.content.decode()
        two_hats.refresh_from_db()
        assert two_hats.acting_organization is None

    def test_ended_membership_no_longer_counts(self, client_for, world):
        import datetime as dt

        membership = world.officer.memberships.get()
        membership.valid_to = dt.date(2020, 1, 1)
        membership.save()
        body = client_for(world.officer).get(reverse("accounts:my_work")).content.decode()
        assert "chưa thuộc cơ quan nào" in body


@pytest.mark.django_db
class TestMyWorkAndNavigation:
    def test_my_work_lists_the_areas_to_come(self, client_for, world):
        body = client_for(world.officer).get(reverse("accounts:my_work")).content.decode()
        for label in (
            "Chương trình phối hợp",
            "Vấn đề phối hợp",
            "Cung cấp thông tin",
            "Tài liệu",
            "Lời mời",
            "Lịch công tác",
            "Dư luận xã hội",
            "Báo chí",
            "Hội nghị",
            "Báo cáo",
        ):
            assert label in body

    @pytest.mark.parametrize("area", ["programs", "subjects", "provisions", "opinion", "press", "meetings", "reports"])
    def test_area_pages_exist(self, client_for, world, area):
        assert client_for(world.officer).get(f"/areas/{area}/").status_code == 200

    def test_unknown_area_is_404(self, client_for, world):
        assert client_for(world.officer).get("/areas/nothing/").status_code == 404

    def test_english_is_switchable(self, client_for, world):
        client = client_for(world.officer)
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/my-work/"})
        assert response.status_code == 302
        body = client.get("/my-work/").content.decode()
        assert '<html lang="en">' in body
        assert "My work" in body


@pytest.mark.django_db
class TestLanguage:
    def test_pages_open_in_vietnamese_even_for_an_english_browser(self, client_for, world):
        body = client_for(world.officer).get("/my-work/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert '<html lang="vi">' in body
        assert "Việc của tôi" in body

    def test_the_choice_of_english_is_remembered(self, client_for, world):
        client = client_for(world.officer)
        client.post("/i18n/setlang/", {"language": "en", "next": "/my-work/"})
        assert "My work" in client.get("/my-work/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    def test_api_clients_get_the_language_they_ask_for(self, client_for, world):
        client = client_for(world.officer)
        assert client.get("/api/v1/organisations/999999").json()["detail"] == "Không tìm thấy."
        english = client.get("/api/v1/organisations/999999", HTTP_ACCEPT_LANGUAGE="en").json()
        assert english["detail"] == "Not found."
