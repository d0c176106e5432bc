"""The audit log is append-only: written by services, changed by nobody."""

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from phoihop.audit.models import AuditEntry, AuditLogImmutableError
from phoihop.organisations import services
from phoihop.organisations.models import Level, Organization


@pytest.fixture
def entry(world):
    org = services.organization_create(
        actor=world.admin,
        name="Sở Y tế tỉnh An Hòa",
        kind=Organization.Kind.STATE_DEPARTMENT,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
        issuer_code="SYT",
    )
    return AuditEntry.objects.for_object(org).get()


@pytest.mark.django_db
class TestWrittenByServices:
    def test_create_records_actor_action_and_fields(self, entry, world):
        assert entry.action == AuditEntry.Action.CREATE
        assert entry.actor == world.admin
        assert entry.changes["name"] == [None, "Sở Y tế tỉnh An Hòa"]
        assert entry.changes["administrative_unit"] == [None, "Tỉnh An Hòa"]

    def test_update_records_only_changed_fields_before_and_after(self, entry, world):
        org = Organization.objects.get(pk=entry.target_id)
        services.organization_update(
            actor=world.admin, organization=org, expected_version=org.version, short_name="SYT AH"
        )
        update = AuditEntry.objects.for_object(org).get(action=AuditEntry.Action.UPDATE)
        assert update.changes == {"short_name": ["", "SYT AH"]}

    def test_update_that_changes_nothing_writes_no_row(self, entry, world):
        org = Organization.objects.get(pk=entry.target_id)
        services.organization_update(actor=world.admin, organization=org, expected_version=org.version, name=org.name)
        assert AuditEntry.objects.for_object(org).count() == 1

    def test_request_id_and_acting_organisation_come_from_the_request(self, client_for, world):
        from phoihop.accounts.models import Role
        from phoihop.accounts.tests.factories import MembershipFactory

        MembershipFactory(user=world.admin, organization=world.province_dept_a, role=Role.LEADER)
        client = client_for(world.admin)
        response = client.post(
            "/switch-organization/", {"organization": world.province_dept_a.pk}, HTTP_X_REQUEST_ID="req-123"
        )
        assert response["X-Request-ID"] == "req-123"
        row = AuditEntry.objects.get(event="switch_organization")
        assert row.request_id == "req-123"
        assert row.organization_id == world.province_dept_a.pk
        assert row.organization_name == "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa"


@pytest.mark.django_db
class TestImmutable:
    def test_model_refuses_save_of_an_existing_row(self, entry):
        entry.message = "sửa lén"
        with pytest.raises(AuditLogImmutableError):
            entry.save()

    def test_model_refuses_delete(self, entry):
        with pytest.raises(AuditLogImmutableError):
            entry.delete()

    def test_queryset_refuses_bulk_update_and_delete(self, entry):
        with pytest.raises(AuditLogImmutableError):
            AuditEntry.objects.all().update(message="x")
        with pytest.raises(AuditLogImmutableError):
            AuditEntry.objects.all().delete()

    @pytest.mark.django_db(transaction=True)
    def test_database_refuses_raw_update_and_delete(self, world):
        org = services.organization_create(
            actor=world.admin,
            name="Sở Tư pháp",
            kind=Organization.Kind.STATE_DEPARTMENT,
            level=Level.PROVINCE,
            administrative_unit=world.province_a,
        )
        pk = AuditEntry.objects.for_object(org).get().pk
        table = AuditEntry._meta.db_table
        statements = (f"UPDATE {table} SET message = 'x' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s")  # noqa: S608
        for sql in statements:
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [pk])
        assert AuditEntry.objects.get(pk=pk).message == ""

    def test_admin_offers_no_add_change_or_delete(self, entry, world):
        model_admin = site._registry[AuditEntry]
        request = RequestFactory().get("/admin/")
        request.user = world.admin
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, entry)
        assert not model_admin.has_delete_permission(request, entry)
        assert model_admin.get_actions(request) == {}

    def test_admin_change_post_is_refused(self, client_for, entry, world):
        client = client_for(world.admin)
        url = f"/admin/audit/auditentry/{entry.pk}/change/"
        client.post(url, {"message": "sửa"})
        client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
        entry.refresh_from_db()
        assert entry.message == ""
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
