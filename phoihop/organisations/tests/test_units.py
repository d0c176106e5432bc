"""The administrative units: the 2025 map, the 63 former provinces, lookups as of a date."""

import datetime as dt

import pytest

from phoihop.organisations.models import AdministrativeUnit, Level
from phoihop.organisations.selectors import unit_as_of
from phoihop.organisations.units import load_units


@pytest.fixture
def units(db):
    load_units()


def provinces_on(day):
    return AdministrativeUnit.objects.valid_on(day).filter(level=Level.PROVINCE)


@pytest.mark.django_db
class TestAdministrativeUnits:
    def test_34_provinces_and_3321_communes_since_1_july_2025(self, units):
        assert provinces_on(dt.date(2025, 7, 1)).count() == 34
        communes = AdministrativeUnit.objects.valid_on(dt.date(2025, 7, 1)).filter(level=Level.COMMUNE)
        assert communes.count() == 3321

    def test_63_provinces_until_30_june_2025(self, units):
        assert provinces_on(dt.date(2025, 6, 30)).count() == 63

    def test_every_former_province_maps_to_a_2025_province(self, units):
        former = AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to=dt.date(2025, 6, 30))
        assert former.count() == 63
        assert not former.filter(successors__isnull=True).exists()

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Tỉnh Phú Yên", "Tỉnh Đắk Lắk"),
            ("Tỉnh Kiên Giang", "Tỉnh An Giang"),
            ("Tỉnh Bắc Kạn", "Tỉnh Thái Nguyên"),
            ("Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"),
            ("Tỉnh Hà Nam", "Tỉnh Ninh Bình"),
            ("Tỉnh Thanh Hóa", "Tỉnh Thanh Hóa"),
        ],
    )
    def test_nq_202_mapping(self, units, old, new):
        former = AdministrativeUnit.objects.get(name=old, valid_to=dt.date(2025, 6, 30))
        assert [u.name for u in unit_as_of(former, dt.date(2025, 7, 1))] == [new]
        assert unit_as_of(former, dt.date(2025, 6, 30)) == [former]

    def test_the_2025_provinces_have_their_communes(self, units):
        dak_lak = AdministrativeUnit.objects.get(name="Tỉnh Đắk Lắk", valid_from=dt.date(2025, 7, 1))
        assert dak_lak.children.filter(level=Level.COMMUNE).count() > 50
        assert dak_lak.province_id == dak_lak.pk

    def test_former_bac_kan_city_and_its_eight_communes(self, units):
        city = AdministrativeUnit.objects.get(name="Thành phố Bắc Kạn", level=Level.DISTRICT)
        assert city.province.name == "Tỉnh Bắc Kạn"
        assert city.children.count() == 8
        assert city.valid_to == dt.date(2025, 6, 30)

    def test_search_without_diacritics(self, units):
        assert AdministrativeUnit.objects.filter(search_text__contains="dak lak", level=Level.PROVINCE).count() == 2

    def test_loading_twice_adds_nothing(self, units):
        before = AdministrativeUnit.objects.count()
        assert load_units() == {"provinces": 0, "communes": 0, "former": 0, "successions": 0}
        assert AdministrativeUnit.objects.count() == before
