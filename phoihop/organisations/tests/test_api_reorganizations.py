"""/api/v1/reorganizations/: who may list, open and record merges, splits, renames and
dissolutions; bad input changes nothing; the list does not grow in queries with rows."""

import datetime as dt
import json

import pytest
from django.test import Client

from phoihop.accounts.api import api_token_issue
from phoihop.audit.models import AuditEntry
from phoihop.organisations import services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory

LIST = "/api/v1/reorganizations/"
START = dt.date(2025, 7, 1)
SEEING = ["officer", "partner", "upper", "admin"]
NOT_SEEING = ["outsider", "nobody"]
NOT_ADMINS = ["officer", "partner", "upper", "outsider", "nobody"]


def bearer(user) -> Client:
    _, raw = api_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post_json(client, body):
    return client.post(LIST, json.dumps(body), content_type="application/json")


def errors(response) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        result.setdefault(error["field"], []).append(error["message"])
    return result


def commune_org(world, name, **kwargs):
    return OrganizationFactory(
        name=name,
        kind=kwargs.pop("kind", Organization.Kind.PROPAGANDA),
        level=Level.COMMUNE,
        administrative_unit=world.commune_c,
        valid_from=kwargs.pop("valid_from", START),
        **kwargs,
    )


@pytest.fixture
def rename(world):
    """Ban Tuyên giáo xã Cẩm Đức became Ban Xây dựng Đảng xã Cẩm Đức on 01/01/2026."""
    old = commune_org(world, "Ban Tuyên giáo Đảng ủy xã Cẩm Đức")
    new = commune_org(world, "Ban Xây dựng Đảng ủy xã Cẩm Đức", valid_from=dt.date(2026, 1, 1))
    return services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.RENAME,
        effective_date=dt.date(2026, 1, 1),
        legal_basis="Quyết định số 12-QĐ/ĐU, ngày 15/12/2025 của Đảng ủy xã",
        predecessors=[old],
        successors=[new],
    )


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, world):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_the_parties_see_it(self, world, rename, persona):
        body = bearer(getattr(world, persona)).get(LIST).json()
        assert [item["id"] for item in body["items"]] == [rename.pk]
        item = body["items"][0]
        assert item["kind"] == "rename"
        assert item["kind_label"] == "Đổi tên"
        assert item["effective_date"] == "2026-01-01"
        assert [p["name"] for p in item["predecessors"]] == ["Ban Tuyên giáo Đảng ủy xã Cẩm Đức"]
        assert [s["name"] for s in item["successors"]] == ["Ban Xây dựng Đảng ủy xã Cẩm Đức"]
        assert item["predecessors"][0]["valid_to"] == "2025-12-31"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_does_not_see_it(self, world, rename, persona):
        assert bearer(getattr(world, persona)).get(LIST).json()["count"] == 0

    def test_latest_first(self, world, rename):
        earlier = services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.DISSOLUTION,
            effective_date=dt.date(2025, 9, 1),
            legal_basis="Quyết định số 3-QĐ/ĐU",
            predecessors=[commune_org(world, "Tổ công tác xã")],
            successors=[],
        )
        ids = [item["id"] for item in bearer(world.officer).get(LIST).json()["items"]]
        assert ids == [rename.pk, earlier.pk]

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, persona, django_assert_max_num_queries):
        client = bearer(getattr(world, persona))
        client.get(LIST)
        for size in (3, 30):
            while Reorganization.objects.count() < size:
                n = Reorganization.objects.count()
                reorg = Reorganization.objects.create(
                    kind="merge", effective_date=dt.date(2026, 1, 1), legal_basis="QĐ"
                )
                reorg.predecessors.set([commune_org(world, f"Cũ A {n}"), commune_org(world, f"Cũ B {n}")])
                reorg.successors.set([commune_org(world, f"Mới {n}", valid_from=dt.date(2026, 1, 1))])
            # token, memberships, lineage edges (2), count, page, predecessors, successors
            with django_assert_max_num_queries(8):
                body = client.get(LIST, {"page_size": 100}).json()
            assert body["count"] == size
            assert all(len(item["predecessors"]) == 2 for item in body["items"])


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, world, rename):
        assert client.get(f"{LIST}{rename.pk}").status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_the_parties_open_it(self, world, rename, persona):
        response = bearer(getattr(world, persona)).get(f"{LIST}{rename.pk}")
        assert response.status_code == 200
        assert response.json()["legal_basis"].startswith("Quyết định số 12-QĐ/ĐU")

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, rename, persona):
        response = bearer(getattr(world, persona)).get(f"{LIST}{rename.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}

    def test_missing_id_is_404(self, world):
        assert bearer(world.admin).get(f"{LIST}999999").status_code == 404


@pytest.mark.django_db
class TestRecord:
    @pytest.fixture
    def merge_body(self, world):
        a = commune_org(world, "Ban Tuyên giáo Đảng ủy xã Cẩm Đức")
        b = commune_org(world, "Ban Dân vận Đảng ủy xã Cẩm Đức", kind=Organization.Kind.MASS_MOBILISATION)
        merged = commune_org(
            world,
            "Ban Tuyên giáo và Dân vận Đảng ủy xã Cẩm Đức",
            kind=Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
            valid_from=dt.date(2026, 1, 1),
        )
        return {
            "kind": "merge",
            "effective_date": "01/01/2026",
            "legal_basis": "Quyết định số 20-QĐ/ĐU, ngày 20/12/2025 của Đảng ủy xã",
            "predecessors": [a.pk, b.pk],
            "successors": [merged.pk],
        }

    def test_anonymous_gets_401(self, client, world, merge_body):
        assert post_json(client, merge_body).status_code == 401

    @pytest.mark.parametrize("persona", NOT_ADMINS)
    def test_non_admin_gets_403_and_nothing_is_written(self, world, merge_body, persona):
        response = post_json(bearer(getattr(world, persona)), merge_body)
        assert response.status_code == 403
        assert response.json() == {"detail": "Bạn không có quyền thực hiện thao tác này."}
        assert not Reorganization.objects.exists()

    def test_admin_records_a_merge(self, world, merge_body):
        response = post_json(bearer(world.admin), merge_body)
        assert response.status_code == 201
        body = response.json()
        reorg = Reorganization.objects.get(pk=body["id"])
        assert reorg.effective_date == dt.date(2026, 1, 1)
        assert reorg.recorded_by == world.admin
        assert sorted(o.pk for o in reorg.predecessors.all()) == sorted(merge_body["predecessors"])
        assert body["effective_date"] == "2026-01-01"
        for org in Organization.objects.filter(pk__in=merge_body["predecessors"]):
            assert org.valid_to == dt.date(2025, 12, 31)
        assert AuditEntry.objects.for_object(reorg).filter(action=AuditEntry.Action.CREATE).exists()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"kind": "annex"}, "kind", None),
            ({"effective_date": "2026-02-30"}, "effective_date", "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."),
            ({"effective_date": None}, "effective_date", None),
            ({"predecessors": "1,2"}, "predecessors", "Cần một danh sách."),
            ({"predecessors": ["một"]}, "predecessors.0", "Cần một số nguyên."),
            ({"legal_basis": "x" * 501}, "legal_basis", "Tối đa 500 ký tự."),
        ],
    )
    def test_bad_body_is_422_with_field_messages_and_writes_nothing(self, world, merge_body, overrides, field, message):
        client = bearer(world.admin)
        audit_count = AuditEntry.objects.count()
        response = post_json(client, {**merge_body, **overrides})
        assert response.status_code == 422
        found = errors(response)
        assert field in found
        if message:
            assert found[field] == [message]
        assert not Reorganization.objects.exists()
        assert AuditEntry.objects.count() == audit_count

    def test_service_rules_are_field_messages_and_write_nothing(self, world, merge_body):
        client = bearer(world.admin)
        body = {**merge_body, "predecessors": merge_body["predecessors"][:1], "legal_basis": "   "}
        response = post_json(client, body)
        assert response.status_code == 422
        assert errors(response) == {"legal_basis": ["Hãy nhập căn cứ của việc sắp xếp (số, ngày văn bản)."]}
        body["legal_basis"] = "Quyết định số 20-QĐ/ĐU"
        response = post_json(client, body)
        assert response.status_code == 422
        assert "predecessors" in errors(response)
        assert not Reorganization.objects.exists()
        assert not Organization.objects.filter(valid_to__isnull=False).exists()

    def test_unknown_organisations_are_named(self, world, merge_body):
        response = post_json(bearer(world.admin), {**merge_body, "predecessors": [0, merge_body["predecessors"][0]]})
        assert response.status_code == 422
        assert errors(response) == {"predecessors": ["Không tìm thấy cơ quan có mã: 0."]}
        assert not Reorganization.objects.exists()
