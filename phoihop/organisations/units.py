"""Loading the administrative units: the 2025 map from `vietnam-provinces` and the former
provinces (and the few former districts and communes the demo needs) from a fixture of
public facts. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Level

FIXTURE = Path(__file__).parent / "data" / "former_units.json"
NEW_MAP_FROM = dt.date(2025, 7, 1)

_PROVINCE_KIND = {
    VietNamDivisionType.TINH: AdministrativeUnit.Kind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: AdministrativeUnit.Kind.MUNICIPALITY,
}
_WARD_KIND = {
    VietNamDivisionType.XA: AdministrativeUnit.Kind.COMMUNE,
    VietNamDivisionType.PHUONG: AdministrativeUnit.Kind.WARD,
    VietNamDivisionType.DAC_KHU: AdministrativeUnit.Kind.SPECIAL_ZONE,
}


def _prepared(unit: AdministrativeUnit) -> AdministrativeUnit:
    unit.refresh_search_columns()
    return unit


def _full_province_name(province: Province) -> str:
    if province.name.startswith(("Thành phố", "Tỉnh")):
        return province.name
    return f"Tỉnh {province.name}"


def _short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Thị xã ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Huyện ", "Quận "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@transaction.atomic
def load_units() -> dict[str, int]:
    """Create whatever units and successions are missing; return counts created."""
    created = {"provinces": 0, "communes": 0, "former": 0, "successions": 0}
    existing = {
        (code, level, valid_from)
        for code, level, valid_from in AdministrativeUnit.objects.values_list("code", "level", "valid_from")
    }

    # The 34 provinces in force since 1/7/2025.
    new_provinces = []
    for province in Province.iter_all():
        code = f"{int(province.code):02d}"
        if (code, Level.PROVINCE, NEW_MAP_FROM) in existing:
            continue
        name = _full_province_name(province)
        new_provinces.append(
            _prepared(
                AdministrativeUnit(
                    code=code,
                    name=name,
                    short_name=_short(name),
                    kind=_PROVINCE_KIND[province.division_type],
                    level=Level.PROVINCE,
                    valid_from=NEW_MAP_FROM,
                )
            )
        )
    AdministrativeUnit.objects.bulk_create(new_provinces)
    created["provinces"] = len(new_provinces)
    for unit in AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_from=NEW_MAP_FROM, province__isnull=True):
        AdministrativeUnit.objects.filter(pk=unit.pk).update(province=unit)
    provinces = {u.code: u for u in AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_from=NEW_MAP_FROM)}

    # The 3,321 communes, wards and special zones.
    communes = []
    for ward in Ward.iter_all():
        code = f"{int(ward.code):05d}"
        if (code, Level.COMMUNE, NEW_MAP_FROM) in existing:
            continue
        province = provinces[f"{int(ward.province_code):02d}"]
        communes.append(
            _prepared(
                AdministrativeUnit(
                    code=code,
                    name=ward.name,
                    short_name=_short(ward.name),
                    kind=_WARD_KIND[ward.division_type],
                    level=Level.COMMUNE,
                    parent=province,
                    province=province,
                    valid_from=NEW_MAP_FROM,
                )
            )
        )
    AdministrativeUnit.objects.bulk_create(communes, batch_size=500)
    created["communes"] = len(communes)

    # The 63 former provinces and the NQ 202/2025/QH15 mapping.
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    valid_to = dt.date.fromisoformat(data["valid_to"])
    former: dict[str, AdministrativeUnit] = {
        u.code: u for u in AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to=valid_to)
    }
    for row in data["provinces"]:
        if row["code"] in former:
            continue
        unit = _prepared(
            AdministrativeUnit(
                code=row["code"],
                name=row["name"],
                short_name=_short(row["name"]),
                kind=row["kind"],
                level=Level.PROVINCE,
                valid_to=valid_to,
            )
        )
        unit.save()
        unit.province = unit
        unit.save(update_fields=["province"])
        former[row["code"]] = unit
        created["former"] += 1
    successions = set(AdministrativeUnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    new_links = []
    for row in data["provinces"]:
        old, new = former[row["code"]], provinces[row["successor_code"]]
        if (old.pk, new.pk) not in successions:
            new_links.append(
                AdministrativeUnitSuccession(
                    predecessor=old, successor=new, effective_date=NEW_MAP_FROM, legal_basis=data["legal_basis"]
                )
            )
    AdministrativeUnitSuccession.objects.bulk_create(new_links)
    created["successions"] = len(new_links)

    # Former districts and communes, only those the demo needs.
    districts: dict[str, AdministrativeUnit] = {}
    for row in data["districts"]:
        province = former[row["province_code"]]
        districts[row["code"]], made = AdministrativeUnit.objects.get_or_create(
            code=row["code"],
            level=Level.DISTRICT,
            valid_from=None,
            defaults={
                "name": row["name"],
                "short_name": _short(row["name"]),
                "kind": row["kind"],
                "parent": province,
                "province": province,
                "valid_to": valid_to,
            },
        )
        created["former"] += made
    for row in data["communes"]:
        district = districts[row["district_code"]]
        _, made = AdministrativeUnit.objects.get_or_create(
            code=row["code"],
            level=Level.COMMUNE,
            valid_from=None,
            defaults={
                "name": row["name"],
                "short_name": _short(row["name"]),
                "kind": row["kind"],
                "parent": district,
                "province": district.province,
                "valid_to": valid_to,
            },
        )
        created["former"] += made
    return created
