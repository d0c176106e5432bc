"""/api/v1/organisations/: who may list, open, create, change and read the history of
organisations, what bad input gets, and that lists do not grow in queries with rows."""

import datetime as dt
import json

import pytest
from django.test import Client

from phoihop.accounts.api import api_token_issue
from phoihop.audit.models import AuditEntry
from phoihop.organisations import services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

LIST = "/api/v1/organisations/"
START = dt.date(2025, 7, 1)
NOT_FOUND = {"detail": "Không tìm thấy."}
FORBIDDEN = {"detail": "Bạn không có quyền thực hiện thao tác này."}
SEEING = ["officer", "partner", "upper", "admin"]
NOT_SEEING = ["outsider", "nobody"]
NOT_ADMINS = ["officer", "partner", "upper", "outsider", "nobody"]


def bearer(user) -> Client:
    _, raw = api_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def detail_url(org) -> str:
    return f"{LIST}{org.pk}"


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def patch_json(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def errors(response) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        result.setdefault(error["field"], []).append(error["message"])
    return result


def new_commune_org_body(world, **overrides):
    body = {
        "name": "Ban Tuyên giáo Đảng ủy xã Cẩm Đức",
        "kind": "propaganda",
        "level": "commune",
        "administrative_unit": world.commune_c.pk,
        "issuer_code": "BTG",
        "valid_from": "01/07/2025",
    }
    return {**body, **overrides}


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, world):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_may_see_the_target_find_it(self, world, persona):
        assert world.target.name in names(bearer(getattr(world, persona)).get(LIST))

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_and_nobody_do_not_see_the_target(self, world, persona):
        assert world.target.name not in names(bearer(getattr(world, persona)).get(LIST))

    def test_user_without_membership_sees_an_empty_page(self, world):
        assert bearer(world.nobody).get(LIST).json() == {"items": [], "count": 0, "page": 1, "pages": 1}

    def test_list_is_in_vietnamese_order(self, world):
        listed = names(bearer(world.admin).get(LIST))
        assert listed == [
            "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Sơn",
            "Ban Tuyên giáo và Dân vận Trung ương",
            "Đảng ủy xã Cẩm Đức",
            "Ủy ban nhân dân xã Cẩm Đức",
        ]

    def test_search_ignores_diacritics(self, world):
        found = names(bearer(world.admin).get(LIST, {"q": "tuyen giao"}))
        assert "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa" in found
        assert "Đảng ủy xã Cẩm Đức" not in found

    def test_search_folds_d_bar(self, world):
        dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", valid_from=START)
        OrganizationFactory(
            name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", level=Level.PROVINCE, administrative_unit=dak_lak
        )
        assert names(bearer(world.admin).get(LIST, {"q": "dak lak"})) == ["Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"]
        assert names(bearer(world.admin).get(LIST, {"q": "DAK  LAK tuyen"})) == [
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
        ]

    def test_filters(self, world):
        client = bearer(world.admin)
        assert names(client.get(LIST, {"level": "commune"})) == ["Đảng ủy xã Cẩm Đức", "Ủy ban nhân dân xã Cẩm Đức"]
        assert names(client.get(LIST, {"kind": "peoples_committee"})) == ["Ủy ban nhân dân xã Cẩm Đức"]
        assert names(client.get(LIST, {"unit": world.commune_c.pk, "q": "dang uy"})) == ["Đảng ủy xã Cẩm Đức"]
        assert set(names(client.get(LIST, {"province": world.province_a.pk}))) == {
            "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa",
            "Đảng ủy xã Cẩm Đức",
            "Ủy ban nhân dân xã Cẩm Đức",
        }
        assert names(client.get(LIST, {"valid_on": "30/06/2025", "level": "commune"})) == []
        child = OrganizationFactory(name="Chi bộ thử", parent=world.target, level=Level.COMMUNE)
        assert names(client.get(LIST, {"parent": world.target.pk})) == [child.name]

    def test_blank_filters_are_ignored(self, world):
        response = bearer(world.admin).get(LIST, {"kind": "", "level": "", "valid_on": "", "q": ""})
        assert response.json()["count"] == 5

    def test_bad_filters_are_422_in_vietnamese(self, world):
        response = bearer(world.admin).get(LIST, {"kind": "ban", "valid_on": "31/02/2025", "unit": "x"})
        assert response.status_code == 422
        found = errors(response)
        assert found["kind"][0].startswith("Giá trị không hợp lệ. Chọn một trong:")
        assert found["valid_on"] == ["Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."]
        assert found["unit"] == ["Cần một số nguyên."]

    def test_pages(self, world, settings):
        settings.PAGE_SIZE = 2
        body = bearer(world.admin).get(LIST, {"page": 3}).json()
        assert (len(body["items"]), body["count"], body["page"], body["pages"]) == (1, 5, 3, 3)

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, persona, django_assert_max_num_queries):
        client = bearer(getattr(world, persona))
        client.get(LIST)  # the token's last_used_at is written on first use
        for size in (3, 30):
            OrganizationFactory.create_batch(
                size - Organization.objects.filter(level=Level.COMMUNE).count() + 2,
                level=Level.COMMUNE,
                administrative_unit=world.commune_c,
                valid_from=START,
            )
            # token, memberships, lineage edges (2), count, page
            with django_assert_max_num_queries(6):
                response = client.get(LIST, {"page_size": 100})
            assert response.json()["count"] >= size


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, world):
        assert client.get(detail_url(world.target)).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_may_see_it_open_it(self, world, persona):
        response = bearer(getattr(world, persona)).get(detail_url(world.target))
        assert response.status_code == 200
        body = response.json()
        assert body["name"] == "Đảng ủy xã Cẩm Đức"
        assert body["level"] == "commune"
        assert body["level_label"] == "Xã"
        assert body["administrative_unit"]["name"] == "Xã Cẩm Đức"
        assert body["province"]["name"] == "Tỉnh An Hòa"
        assert body["valid_from"] == "2025-07-01"
        assert body["version"] == 1
        assert body["lineage"] == {"predecessors": [], "successors": []}

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, persona):
        response = bearer(getattr(world, persona)).get(detail_url(world.target))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    def test_missing_id_is_404(self, world):
        assert bearer(world.admin).get(f"{LIST}999999").status_code == 404

    def test_lineage_links_only_what_the_user_may_open(self, world):
        province_b_commune = UnitFactory(
            name="Xã Bình Yên", level=Level.COMMUNE, kind="commune", parent=world.province_b, province=world.province_b
        )
        former = OrganizationFactory(
            name="Đảng ủy xã Bình Yên (cũ)",
            level=Level.COMMUNE,
            kind=Organization.Kind.PARTY_COMMITTEE,
            administrative_unit=province_b_commune,
            valid_from=dt.date(2020, 1, 1),
        )
        services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.RENAME,
            effective_date=START,
            legal_basis="Quyết định số 1-QĐ/TU",
            predecessors=[former],
            successors=[world.target],
        )
        as_officer = bearer(world.officer).get(detail_url(world.target)).json()["lineage"]
        assert as_officer["predecessors"] == [
            {
                "id": former.pk,
                "name": former.name,
                "valid_from": "2020-01-01",
                "valid_to": "2025-06-30",
                "visible": True,
            }
        ]
        as_partner = bearer(world.partner).get(detail_url(world.target)).json()["lineage"]
        assert as_partner["predecessors"][0]["visible"] is False
        successors = bearer(world.admin).get(detail_url(former)).json()["lineage"]["successors"]
        assert [s["name"] for s in successors] == [world.target.name]


@pytest.mark.django_db
class TestCreate:
    def test_anonymous_gets_401(self, client, world):
        assert post_json(client, LIST, new_commune_org_body(world)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_ADMINS)
    def test_non_admin_gets_403_and_nothing_is_written(self, world, persona):
        count = Organization.objects.count()
        response = post_json(bearer(getattr(world, persona)), LIST, new_commune_org_body(world))
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert Organization.objects.count() == count

    def test_admin_creates_with_an_audit_row(self, world):
        response = post_json(bearer(world.admin), LIST, new_commune_org_body(world))
        assert response.status_code == 201
        body = response.json()
        org = Organization.objects.get(pk=body["id"])
        assert org.name == "Ban Tuyên giáo Đảng ủy xã Cẩm Đức"
        assert org.valid_from == START
        assert org.administrative_unit == world.commune_c
        assert body["valid_from"] == "2025-07-01"
        assert body["version"] == 1
        entry = AuditEntry.objects.for_object(org).get()
        assert entry.action == AuditEntry.Action.CREATE
        assert entry.actor == world.admin

    def test_central_organisation_without_area(self, world):
        body = {"name": "Ban Dân vận Trung ương", "kind": "mass_mobilisation", "level": "central"}
        response = post_json(bearer(world.admin), LIST, body)
        assert response.status_code == 201
        assert response.json()["administrative_unit"] is None

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"name": None}, "name", "Cần một chuỗi ký tự."),
            ({"kind": "ban"}, "kind", None),
            ({"level": None}, "level", None),
            ({"valid_from": "31/02/2025"}, "valid_from", "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."),
            ({"administrative_unit": "xã"}, "administrative_unit", "Cần một số nguyên."),
            ({"issuer_code": "X" * 33}, "issuer_code", "Tối đa 32 ký tự."),
            ({"colour": "đỏ"}, "colour", "Trường này không được phép."),
        ],
    )
    def test_bad_body_is_422_with_field_messages_and_writes_nothing(self, world, overrides, field, message):
        client = bearer(world.admin)
        counts = Organization.objects.count(), AuditEntry.objects.count()
        response = post_json(client, LIST, new_commune_org_body(world, **overrides))
        assert response.status_code == 422
        found = errors(response)
        assert field in found
        if message:
            assert found[field] == [message]
        else:
            assert found[field][0].startswith("Giá trị không hợp lệ.")
        assert (Organization.objects.count(), AuditEntry.objects.count()) == counts

    def test_missing_fields_are_named(self, world):
        response = post_json(bearer(world.admin), LIST, {})
        assert response.status_code == 422
        assert errors(response) == {
            "name": ["Trường này là bắt buộc."],
            "kind": ["Trường này là bắt buộc."],
            "level": ["Trường này là bắt buộc."],
        }

    def test_service_rules_come_back_as_field_messages_and_write_nothing(self, world):
        count = Organization.objects.count()
        body = new_commune_org_body(world, name="  ", level="province", valid_from="01/07/2025", valid_to="01/01/2025")
        response = post_json(bearer(world.admin), LIST, body)
        assert response.status_code == 422
        found = errors(response)
        assert found["name"] == ["Hãy nhập tên cơ quan."]
        assert "administrative_unit" in found  # a commune is not a province
        assert found["valid_to"] == ["Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."]
        assert Organization.objects.count() == count

    def test_duplicate_issuer_code_in_the_same_area_is_refused(self, world):
        response = post_json(bearer(world.admin), LIST, new_commune_org_body(world, issuer_code="UBND"))
        assert response.status_code == 422
        assert "Ủy ban nhân dân xã Cẩm Đức" in errors(response)["issuer_code"][0]

    def test_unknown_area_and_parent_are_field_errors(self, world):
        response = post_json(bearer(world.admin), LIST, new_commune_org_body(world, administrative_unit=0, parent=0))
        assert response.status_code == 422
        assert errors(response) == {
            "administrative_unit": ["Không tìm thấy địa bàn có mã 0."],
            "parent": ["Không tìm thấy cơ quan có mã 0."],
        }


@pytest.mark.django_db
class TestUpdate:
    def test_anonymous_gets_401(self, client, world):
        assert patch_json(client, detail_url(world.target), {"version": 1, "name": "Mới"}).status_code == 401

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper"])
    def test_those_who_see_but_may_not_edit_get_403(self, world, persona):
        response = patch_json(bearer(getattr(world, persona)), detail_url(world.target), {"version": 1, "name": "Mới"})
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        world.target.refresh_from_db()
        assert world.target.name == "Đảng ủy xã Cẩm Đức"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, persona):
        response = patch_json(bearer(getattr(world, persona)), detail_url(world.target), {"version": 1, "name": "Mới"})
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    def test_admin_changes_only_the_fields_sent(self, world):
        response = patch_json(
            bearer(world.admin),
            detail_url(world.target),
            {"version": 1, "name": "Đảng ủy xã Cẩm Đức mới", "valid_to": "31/12/2030"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["version"] == 2
        assert body["valid_to"] == "2030-12-31"
        world.target.refresh_from_db()
        assert world.target.name == "Đảng ủy xã Cẩm Đức mới"
        assert world.target.issuer_code == "ĐU"
        assert world.target.administrative_unit == world.commune_c
        entry = AuditEntry.objects.for_object(world.target).get()
        assert set(entry.changes) == {"name", "valid_to"}

    def test_stale_version_is_409_and_changes_nothing(self, world):
        client = bearer(world.admin)
        assert patch_json(client, detail_url(world.target), {"version": 1, "name": "Lần một"}).status_code == 200
        response = patch_json(client, detail_url(world.target), {"version": 1, "name": "Lần hai"})
        assert response.status_code == 409
        assert response.json()["detail"].startswith("Bản ghi đã được người khác sửa")
        world.target.refresh_from_db()
        assert (world.target.name, world.target.version) == ("Lần một", 2)
        assert AuditEntry.objects.for_object(world.target).count() == 1

    def test_version_is_required(self, world):
        response = patch_json(bearer(world.admin), detail_url(world.target), {"name": "Mới"})
        assert response.status_code == 422
        assert errors(response) == {"version": ["Trường này là bắt buộc."]}

    @pytest.mark.parametrize("field", ["name", "kind", "level"])
    def test_required_fields_cannot_be_set_to_null(self, world, field):
        response = patch_json(bearer(world.admin), detail_url(world.target), {"version": 1, field: None})
        assert response.status_code == 422
        assert field in errors(response)
        world.target.refresh_from_db()
        assert world.target.version == 1

    def test_service_rule_is_a_field_message_and_writes_nothing(self, world):
        response = patch_json(bearer(world.admin), detail_url(world.target), {"version": 1, "parent": world.target.pk})
        assert response.status_code == 422
        assert errors(response) == {"parent": ["Một cơ quan không thể trực thuộc chính nó."]}
        world.target.refresh_from_db()
        assert (world.target.parent_id, world.target.version) == (None, 1)
        assert not AuditEntry.objects.for_object(world.target).exists()


@pytest.mark.django_db
class TestHistory:
    def history_url(self, org):
        return f"{detail_url(org)}/history"

    def test_anonymous_gets_401(self, client, world):
        assert client.get(self.history_url(world.target)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, persona):
        response = bearer(getattr(world, persona)).get(self.history_url(world.target))
        assert response.status_code == 404

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_it_read_its_changes(self, world, persona):
        services.organization_update(actor=world.admin, organization=world.target, expected_version=1, name="Tên mới")
        rows = bearer(getattr(world, persona)).get(self.history_url(world.target)).json()
        assert len(rows) == 1
        assert rows[0]["action"] == "update"
        assert rows[0]["action_label"] == "Sửa"
        assert rows[0]["actor_name"] == world.admin.get_full_name()
        assert rows[0]["changes"] == [
            {"field": "name", "label": "Tên cơ quan", "before": "Đảng ủy xã Cẩm Đức", "after": "Tên mới"}
        ]

    def test_query_count_does_not_grow_with_rows(self, world, django_assert_max_num_queries):
        client = bearer(world.officer)
        client.get(self.history_url(world.target))
        version = 1
        for size in (3, 30):
            while version <= size:
                services.organization_update(
                    actor=world.admin, organization=world.target, expected_version=version, name=f"Tên {version}"
                )
                version += 1
            with django_assert_max_num_queries(7):
                rows = client.get(self.history_url(world.target)).json()
            assert len(rows) == size
