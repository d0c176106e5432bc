"""/api/v1/units/: administrative units are reference data for every signed-in user;
search ignores diacritics (đ too); a former unit maps to the unit covering it on a date."""

import datetime as dt

import pytest
from django.test import Client

from phoihop.accounts.api import api_token_issue
from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Level
from phoihop.organisations.tests.factories import UnitFactory

LIST = "/api/v1/units/"
MERGER = dt.date(2025, 7, 1)
EVERYONE = ["officer", "partner", "upper", "outsider", "nobody", "admin"]


def bearer(user) -> Client:
    _, raw = api_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def merger(world):
    """Phú Yên and Đắk Lắk (old) merged into Đắk Lắk on 01/07/2025 (NQ 202/2025/QH15)."""
    phu_yen = UnitFactory(name="Tỉnh Phú Yên", code="54", valid_to=dt.date(2025, 6, 30))
    old_dak_lak = UnitFactory(name="Tỉnh Đắk Lắk (trước 01/07/2025)", code="66", valid_to=dt.date(2025, 6, 30))
    dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", code="66", valid_from=MERGER)
    for old in (phu_yen, old_dak_lak):
        AdministrativeUnitSuccession.objects.create(
            predecessor=old, successor=dak_lak, effective_date=MERGER, legal_basis="Nghị quyết số 202/2025/QH15"
        )
    return phu_yen, old_dak_lak, dak_lak


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, world):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", EVERYONE)
    def test_every_signed_in_user_reads_units(self, world, persona):
        assert "Xã Cẩm Đức" in names(bearer(getattr(world, persona)).get(LIST))

    def test_session_works_too(self, world, client_for):
        assert client_for(world.officer).get(LIST).status_code == 200

    def test_search_folds_diacritics_and_d_bar(self, world, merger):
        client = bearer(world.officer)
        assert set(names(client.get(LIST, {"q": "dak lak"}))) == {"Tỉnh Đắk Lắk", "Tỉnh Đắk Lắk (trước 01/07/2025)"}
        assert names(client.get(LIST, {"q": "cam duc"})) == ["Xã Cẩm Đức"]
        assert names(client.get(LIST, {"q": "54"})) == ["Tỉnh Phú Yên"]

    def test_filters(self, world, merger):
        client = bearer(world.officer)
        assert names(client.get(LIST, {"level": "commune"})) == ["Xã Cẩm Đức"]
        assert names(client.get(LIST, {"kind": "commune"})) == ["Xã Cẩm Đức"]
        assert names(client.get(LIST, {"parent": world.province_a.pk})) == ["Xã Cẩm Đức"]
        assert names(client.get(LIST, {"province": world.province_a.pk})) == ["Tỉnh An Hòa", "Xã Cẩm Đức"]
        on_day = names(client.get(LIST, {"valid_on": "01/01/2025", "level": "province"}))
        assert "Tỉnh Phú Yên" in on_day
        assert "Tỉnh Đắk Lắk" not in on_day

    def test_bad_filter_is_422(self, world):
        response = bearer(world.officer).get(LIST, {"level": "huyen", "valid_on": "2025-02-30"})
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {"level", "valid_on"}

    def test_query_count_does_not_grow_with_rows(self, world, django_assert_max_num_queries):
        client = bearer(world.officer)
        client.get(LIST)
        for size in (3, 30):
            while AdministrativeUnit.objects.filter(level=Level.COMMUNE).count() < size:
                UnitFactory(level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a)
            # token, memberships (acting organisation), count, page
            with django_assert_max_num_queries(4):
                body = client.get(LIST, {"level": "commune", "page_size": 100}).json()
            assert body["count"] == size
            assert all(item["province"]["name"] == "Tỉnh An Hòa" for item in body["items"])


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, world):
        assert client.get(f"{LIST}{world.commune_c.pk}").status_code == 401

    def test_unit_with_parent_and_province(self, world):
        body = bearer(world.outsider).get(f"{LIST}{world.commune_c.pk}").json()
        assert body["name"] == "Xã Cẩm Đức"
        assert body["kind_label"] == "Xã"
        assert body["parent"]["name"] == "Tỉnh An Hòa"
        assert body["province"]["name"] == "Tỉnh An Hòa"
        assert body["valid_from"] == "2025-07-01"
        assert body["predecessors"] == body["successors"] == []

    def test_predecessors_and_successors(self, world, merger):
        phu_yen, old_dak_lak, dak_lak = merger
        client = bearer(world.officer)
        body = client.get(f"{LIST}{dak_lak.pk}").json()
        assert [p["unit"]["name"] for p in body["predecessors"]] == ["Tỉnh Đắk Lắk (trước 01/07/2025)", "Tỉnh Phú Yên"]
        assert {(p["effective_date"], p["legal_basis"]) for p in body["predecessors"]} == {
            ("2025-07-01", "Nghị quyết số 202/2025/QH15")
        }
        old = client.get(f"{LIST}{phu_yen.pk}").json()
        assert old["is_historical"] is True
        assert [s["unit"]["name"] for s in old["successors"]] == ["Tỉnh Đắk Lắk"]

    def test_missing_unit_is_404(self, world):
        response = bearer(world.officer).get(f"{LIST}999999")
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}


@pytest.mark.django_db
class TestAsOf:
    def url(self, unit, day=None):
        return f"{LIST}{unit.pk}/as-of" + (f"?date={day}" if day else "")

    def test_anonymous_gets_401(self, client, world):
        assert client.get(self.url(world.commune_c, "2026-01-01")).status_code == 401

    def test_former_province_maps_to_its_successor(self, world, merger):
        phu_yen, _, dak_lak = merger
        body = bearer(world.officer).get(self.url(phu_yen, "01/01/2026")).json()
        assert body["date"] == "2026-01-01"
        assert [u["id"] for u in body["units"]] == [dak_lak.pk]

    def test_unit_while_it_existed_is_itself(self, world, merger):
        phu_yen, _, _ = merger
        body = bearer(world.officer).get(self.url(phu_yen, "2024-05-01")).json()
        assert [u["name"] for u in body["units"]] == ["Tỉnh Phú Yên"]

    def test_date_is_required_and_checked(self, world):
        client = bearer(world.officer)
        missing = client.get(self.url(world.commune_c))
        assert missing.status_code == 422
        assert missing.json()["errors"] == [{"field": "date", "message": "Trường này là bắt buộc."}]
        bad = client.get(self.url(world.commune_c, "30/02/2026"))
        assert bad.status_code == 422
        assert bad.json()["errors"] == [{"field": "date", "message": "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."}]

    def test_missing_unit_is_404(self, world):
        assert bearer(world.officer).get(f"{LIST}999999/as-of?date=2026-01-01").status_code == 404
