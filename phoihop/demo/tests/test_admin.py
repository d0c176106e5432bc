"""The Django admin writes through the services: audit rows, validation, no deletes.

(These test `organisations/admin.py` and `accounts/admin.py`; they live here because the
demo helper owns them for now. They belong in those apps' tests.)
"""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.models import ApiToken, Membership, Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:organisations_organization_changelist"


def org_form(org: Organization, **overrides) -> dict:
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "issuer_code": org.issuer_code,
        "kind": org.kind,
        "level": org.level,
        "administrative_unit": org.administrative_unit_id or "",
        "parent": org.parent_id or "",
        "valid_from": org.valid_from.strftime("%d/%m/%Y") if org.valid_from else "",
        "valid_to": org.valid_to.strftime("%d/%m/%Y") if org.valid_to else "",
        "description": org.description,
        "expected_version": org.version,
    }
    data.update(overrides)
    return data


class TestOrganizationAdmin:
    def test_changelist_loads_for_the_superuser(self, world, client_for):
        response = client_for(world.admin).get(reverse(CHANGELIST))
        assert response.status_code == 200
        assert "Đảng ủy xã Cẩm Đức" in response.content.decode()

    def test_officers_may_not_open_the_admin(self, world, client_for):
        response = client_for(world.officer).get(reverse(CHANGELIST))
        assert response.status_code == 302
        assert "/admin/login/" in response.url

    def test_search_ignores_diacritics_and_d_stroke(self, world, client_for):
        response = client_for(world.admin).get(reverse(CHANGELIST), {"q": "dang uy cam duc"})
        names = [str(org) for org in response.context["cl"].result_list]
        assert names == ["Đảng ủy xã Cẩm Đức"]

    def test_changelist_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.admin)
        for n in range(3):
            OrganizationFactory(name=f"Sở thử {n}", administrative_unit=world.province_a)
        with django_assert_max_num_queries(8):
            assert client.get(reverse(CHANGELIST)).status_code == 200
        for n in range(3, 30):
            OrganizationFactory(name=f"Sở thử {n}", administrative_unit=world.province_a)
        with django_assert_max_num_queries(8):
            assert client.get(reverse(CHANGELIST)).status_code == 200

    def test_saving_a_change_writes_an_audit_entry(self, world, client_for):
        org = world.target
        url = reverse("admin:organisations_organization_change", args=[org.pk])
        response = client_for(world.admin).post(url, org_form(org, short_name="ĐU Cẩm Đức"))
        assert response.status_code == 302, response.context["adminform"].form.errors
        org.refresh_from_db()
        assert (org.short_name, org.version) == ("ĐU Cẩm Đức", 2)
        entry = AuditEntry.objects.for_object(org).get(action=AuditEntry.Action.UPDATE)
        assert entry.actor == world.admin
        assert entry.changes == {"short_name": ["", "ĐU Cẩm Đức"]}

    def test_adding_goes_through_the_service(self, world, client_for):
        data = org_form(world.target, name="Ủy ban nhân dân xã Cẩm Đức mới", issuer_code="UBNDX", expected_version="")
        response = client_for(world.admin).post(reverse("admin:organisations_organization_add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        created = Organization.objects.get(name="Ủy ban nhân dân xã Cẩm Đức mới")
        assert AuditEntry.objects.for_object(created).get().action == AuditEntry.Action.CREATE
        assert created.search_text == "uy ban nhan dan xa cam duc moi ubndx"

    def test_a_stale_edit_is_refused_and_writes_nothing(self, world, client_for):
        org = world.target
        url = reverse("admin:organisations_organization_change", args=[org.pk])
        stale = org_form(org, short_name="Bản cũ")
        Organization.objects.filter(pk=org.pk).update(version=2)  # someone else saved meanwhile
        response = client_for(world.admin).post(url, stale)
        assert response.status_code == 200
        assert "đã được người khác sửa" in response.content.decode()
        org.refresh_from_db()
        assert org.short_name == ""
        assert not AuditEntry.objects.for_object(org).exists()

    def test_service_validation_shows_next_to_the_field(self, world, client_for):
        data = org_form(world.target, name="Cơ quan trung ương sai", level=Level.CENTRAL, issuer_code="")
        response = client_for(world.admin).post(reverse("admin:organisations_organization_add"), data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "không gắn với một địa bàn" in errors["administrative_unit"][0]
        assert not Organization.objects.filter(name="Cơ quan trung ương sai").exists()

    def test_organisations_cannot_be_deleted(self, world, client_for):
        url = reverse("admin:organisations_organization_delete", args=[world.target.pk])
        assert client_for(world.admin).get(url).status_code == 403


class TestReorganizationAdmin:
    def test_adding_records_the_reorganization_through_the_service(self, world, client_for):
        new = OrganizationFactory(
            name="Đảng ủy xã Cẩm Đức (mới)", kind=Organization.Kind.PARTY_COMMITTEE, level=Level.COMMUNE,
            administrative_unit=world.commune_c, valid_from=dt.date(2026, 1, 1),
        )  # fmt: skip
        data = {
            "kind": Reorganization.Kind.RENAME,
            "effective_date": "01/01/2026",
            "legal_basis": "Quyết định số 12-QĐ/TU, ngày 15/12/2025 của Ban Thường vụ Tỉnh ủy",
            "predecessors": [world.target.pk],
            "successors": [new.pk],
            "note": "",
        }
        response = client_for(world.admin).post(reverse("admin:organisations_reorganization_add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        reorg = Reorganization.objects.get()
        assert reorg.recorded_by == world.admin
        world.target.refresh_from_db()
        assert world.target.valid_to == dt.date(2025, 12, 31)
        assert AuditEntry.objects.for_object(world.target).get().event == "reorganized"
        assert AuditEntry.objects.for_object(reorg).get().action == AuditEntry.Action.CREATE

    def test_changelist_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.admin)
        url = reverse("admin:organisations_reorganization_changelist")

        def add(count):
            for _ in range(count):
                reorg = Reorganization.objects.create(
                    kind=Reorganization.Kind.MERGE, effective_date=dt.date(2025, 7, 1), legal_basis="NQ 202/2025/QH15"
                )
                reorg.predecessors.set([OrganizationFactory(), OrganizationFactory()])
                reorg.successors.set([OrganizationFactory()])

        add(3)
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
        add(27)
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.context["cl"].result_count == 30

    def test_invalid_shape_is_refused_with_a_field_message(self, world, client_for):
        data = {
            "kind": Reorganization.Kind.MERGE,
            "effective_date": "01/01/2026",
            "legal_basis": "Quyết định số 12-QĐ/TU",
            "predecessors": [world.target.pk],
            "successors": [world.commune_committee.pk],
        }
        response = client_for(world.admin).post(reverse("admin:organisations_reorganization_add"), data)
        assert response.status_code == 200
        assert "predecessors" in response.context["adminform"].form.errors
        assert not Reorganization.objects.exists()


class TestUserAdmin:
    @staticmethod
    def user_form(user, memberships, extra=()):
        data = {
            "username": user.username,
            "full_name": "Nguyễn Văn Mới",
            "position": "Chuyên viên",
            "email": "",
            "acting_organization": "",
            "is_active": "on",
            "date_joined_0": "01/07/2025",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": str(len(memberships) + len(extra)),
            "memberships-INITIAL_FORMS": str(len(memberships)),
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        rows = [(m.pk, m.organization_id, m.role, delete) for m, delete in memberships] + [
            ("", org.pk, role, False) for org, role in extra
        ]
        for i, (pk, org_id, role, delete) in enumerate(rows):
            data |= {
                f"memberships-{i}-id": pk,
                f"memberships-{i}-user": user.pk,
                f"memberships-{i}-organization": org_id,
                f"memberships-{i}-role": role,
                f"memberships-{i}-valid_from": "",
                f"memberships-{i}-valid_to": "",
            }
            if delete:
                data[f"memberships-{i}-DELETE"] = "on"
        return data

    def test_granting_and_removing_memberships_writes_audit_rows(self, world, client_for):
        user = UserFactory(username="moi")
        old = MembershipFactory(user=user, organization=world.target, role=Role.OFFICER)
        url = reverse("admin:accounts_user_change", args=[user.pk])
        data = self.user_form(user, [(old, True)], extra=[(world.commune_committee, Role.FOCAL_POINT)])
        response = client_for(world.admin).post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        granted = Membership.objects.get(user=user)
        assert (granted.organization, granted.role) == (world.commune_committee, Role.FOCAL_POINT)
        actions = set(AuditEntry.objects.filter(target_type__model="membership").values_list("action", "target_id"))
        assert actions == {(AuditEntry.Action.DELETE, str(old.pk)), (AuditEntry.Action.CREATE, str(granted.pk))}
        user_entry = AuditEntry.objects.for_object(user).get()
        assert user_entry.changes["full_name"][1] == "Nguyễn Văn Mới"
        assert user_entry.actor == world.admin

    def test_changing_a_role_is_audited(self, world, client_for):
        user = UserFactory(username="moi")
        membership = MembershipFactory(user=user, organization=world.target, role=Role.OFFICER)
        url = reverse("admin:accounts_user_change", args=[user.pk])
        data = self.user_form(user, [(membership, False)])
        data["memberships-0-role"] = Role.LEADER
        assert client_for(world.admin).post(url, data).status_code == 302
        membership.refresh_from_db()
        assert membership.role == Role.LEADER
        entry = AuditEntry.objects.for_object(membership).get()
        assert entry.changes == {"role": ["Chuyên viên", "Lãnh đạo"]}

    def test_api_tokens_are_read_only(self, world, client_for):
        ApiToken.objects.create(
            user=world.officer, key_hash="x" * 64, prefix="ph_abcde", expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        )
        client = client_for(world.admin)
        assert client.get(reverse("admin:accounts_apitoken_changelist")).status_code == 200
        assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_administrative_units_are_read_only(world, client_for):
    client = client_for(world.admin)
    unit = UnitFactory(name="Tỉnh Đắk Thử")
    response = client.get(reverse("admin:organisations_administrativeunit_changelist"), {"q": "dak thu"})
    assert [str(u) for u in response.context["cl"].result_list] == ["Tỉnh Đắk Thử"]
    assert client.get(reverse("admin:organisations_administrativeunit_add")).status_code == 403
    assert client.post(reverse("admin:organisations_administrativeunit_change", args=[unit.pk]), {}).status_code == 403
