"""The administrative unit pages: the list "as of a date" and a unit with its succession."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Level
from phoihop.organisations.tests.factories import UnitFactory
from phoihop.organisations.units import load_units

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:unit_list")
NQ_202 = "Nghị quyết số 202/2025/QH15, ngày 12/6/2025 của Quốc hội"


def detail_url(unit):
    return reverse("organisations:unit_detail", args=[unit.pk])


def listed(response) -> list[str]:
    return [unit.name for unit in response.context["page"].object_list]


@pytest.fixture
def merger(world):
    """Phú Yên (until 30/06/2025) became part of Đắk Lắk (from 01/07/2025)."""
    phu_yen = UnitFactory(name="Tỉnh Phú Yên", level=Level.PROVINCE, valid_to=dt.date(2025, 6, 30))
    old_dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", code="66", level=Level.PROVINCE, valid_to=dt.date(2025, 6, 30))
    dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", code="66", level=Level.PROVINCE, valid_from=dt.date(2025, 7, 1))
    for old in (phu_yen, old_dak_lak):
        AdministrativeUnitSuccession.objects.create(
            predecessor=old, successor=dak_lak, effective_date=dt.date(2025, 7, 1), legal_basis=NQ_202
        )
    return phu_yen, old_dak_lak, dak_lak


class TestListAccess:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "admin", "nobody"])
    def test_every_signed_in_user_reads_reference_data(self, world, client_for, persona):
        response = client_for(getattr(world, persona)).get(LIST)
        assert response.status_code == 200
        assert response.context["nav_active"] == "units"
        assert world.commune_c.name in listed(response)

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(LIST)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


class TestListFilters:
    def test_as_of_date_switches_between_the_old_and_new_map(self, world, client_for, merger):
        phu_yen, old_dak_lak, dak_lak = merger
        client = client_for(world.officer)
        before = client.get(LIST, {"level": Level.PROVINCE, "valid_on": "30/06/2025"})
        after = client.get(LIST, {"level": Level.PROVINCE, "valid_on": "01/07/2025"})
        assert sorted(u.pk for u in before.context["page"].object_list) == sorted([phu_yen.pk, old_dak_lak.pk])
        assert sorted(u.pk for u in after.context["page"].object_list) == sorted(
            [world.province_a.pk, world.province_b.pk, dak_lak.pk]
        )

    def test_search_dak_lak_finds_dak_lak(self, world, client_for, merger):
        names = listed(client_for(world.officer).get(LIST, {"q": "dak lak"}))
        assert names == ["Tỉnh Đắk Lắk", "Tỉnh Đắk Lắk"]

    def test_search_without_diacritics_finds_commune(self, world, client_for):
        assert listed(client_for(world.officer).get(LIST, {"q": "CAM duc"})) == [world.commune_c.name]

    def test_province_filter(self, world, client_for):
        names = listed(client_for(world.officer).get(LIST, {"province": world.province_a.pk}))
        assert sorted(names) == sorted([world.province_a.name, world.commune_c.name])

    def test_bad_date_shows_error_and_does_not_filter(self, world, client_for, merger):
        response = client_for(world.officer).get(LIST, {"valid_on": "30-06-2025", "level": Level.COMMUNE})
        assert response.status_code == 200
        assert "Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy" in response.content.decode()
        assert response.context["page"].paginator.count == AdministrativeUnit.objects.count()

    def test_htmx_request_gets_only_the_results(self, world, client_for):
        response = client_for(world.officer).get(LIST, {"q": "cam duc"}, headers={"HX-Request": "true"})
        html = response.content.decode()
        assert "<html" not in html and world.commune_c.name in html

    def test_loaded_map_has_63_provinces_before_and_34_after_the_merger(self, world, client_for):
        load_units()
        client = client_for(world.officer)
        province_a_and_b = 2  # the world's own provinces, valid from 01/07/2025
        before = client.get(LIST, {"level": Level.PROVINCE, "valid_on": "30/06/2025"})
        after = client.get(LIST, {"level": Level.PROVINCE, "valid_on": "01/07/2025"})
        assert before.context["page"].paginator.count == 63
        assert after.context["page"].paginator.count == 34 + province_a_and_b


class TestListQueryCount:
    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)

        def make(n):
            UnitFactory.create_batch(
                n, level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a
            )

        make(3)
        with django_assert_max_num_queries(6):
            assert client.get(LIST, {"level": Level.COMMUNE}).status_code == 200
        make(30)
        with django_assert_max_num_queries(6):
            response = client.get(LIST, {"level": Level.COMMUNE})
        assert len(listed(response)) == 25


class TestDetail:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "admin", "nobody"])
    def test_every_signed_in_user_reads_it(self, world, client_for, persona):
        response = client_for(getattr(world, persona)).get(detail_url(world.province_a))
        assert response.status_code == 200
        assert response.context["nav_active"] == "units"

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(detail_url(world.province_a))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_unknown_unit_gets_404(self, world, client_for):
        assert client_for(world.officer).get(reverse("organisations:unit_detail", args=[10**9])).status_code == 404

    def test_facts_and_parent(self, world, client_for):
        html = client_for(world.officer).get(detail_url(world.commune_c)).content.decode()
        assert 'class="facts"' in html
        assert world.commune_c.code in html
        assert f'href="{detail_url(world.province_a)}"' in html
        assert "01/07/2025" in html

    def test_children_are_listed(self, world, client_for):
        response = client_for(world.officer).get(detail_url(world.province_a))
        assert [u.name for u in response.context["children"].object_list] == [world.commune_c.name]

    def test_children_are_paginated(self, world, client_for):
        UnitFactory.create_batch(
            30, level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a
        )
        response = client_for(world.officer).get(detail_url(world.province_a), {"page": 2})
        children = response.context["children"]
        assert children.paginator.count == 31 and len(children.object_list) == 6
        assert "Trang 2/2" in response.content.decode()

    def test_predecessors_and_successors_with_legal_basis(self, world, client_for, merger):
        phu_yen, old_dak_lak, dak_lak = merger
        client = client_for(world.officer)
        html = client.get(detail_url(dak_lak)).content.decode()
        assert f'href="{detail_url(phu_yen)}"' in html and f'href="{detail_url(old_dak_lak)}"' in html
        assert NQ_202 in html and "01/07/2025" in html
        html = client.get(detail_url(phu_yen)).content.decode()
        assert f'href="{detail_url(dak_lak)}"' in html
        assert "badge--historical" in html

    def test_as_of_date_shows_the_covering_unit(self, world, client_for, merger):
        phu_yen, _, dak_lak = merger
        response = client_for(world.officer).get(detail_url(phu_yen), {"as_of": "01/07/2025"})
        assert response.context["as_of_units"] == [dak_lak]
        assert "Vào ngày 01/07/2025, địa bàn này thuộc:" in response.content.decode()
        response = client_for(world.officer).get(detail_url(phu_yen), {"as_of": "30/06/2025"})
        assert response.context["as_of_units"] == [phu_yen]

    def test_as_of_before_a_unit_existed_says_nothing_covers_it(self, world, client_for):
        response = client_for(world.officer).get(detail_url(world.commune_c), {"as_of": "01/01/2020"})
        assert response.context["as_of_units"] == []
        assert "Không có đơn vị hành chính nào quản lý địa bàn này vào ngày 01/01/2020." in response.content.decode()

    def test_as_of_bad_date_shows_the_error(self, world, client_for):
        response = client_for(world.officer).get(detail_url(world.commune_c), {"as_of": "hôm qua"})
        assert response.status_code == 200
        assert response.context["as_of_units"] is None
        assert "Ngày không hợp lệ" in response.content.decode()

    def test_children_query_count_does_not_grow(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)

        def make(n):
            UnitFactory.create_batch(
                n, level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a
            )

        make(3)
        with django_assert_max_num_queries(9):
            assert client.get(detail_url(world.province_a)).status_code == 200
        make(30)
        with django_assert_max_num_queries(9):
            response = client.get(detail_url(world.province_a))
        assert len(response.context["children"].object_list) == 25
