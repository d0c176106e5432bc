"""The demo data set: the organisations the seed articles name, their 2025 re-organisations,
and one user per role.

Everything here is declarative; `phoihop.demo.loader` writes it through the services so
the audit log tells the story. Organisations are keyed by a short identifier used only
inside this module and the loader.

Facts and fiction:

* Organisation names, administrative units, the 01/03/2025 merger of each provincial
  Propaganda and Mass Mobilisation department, and the 01/07/2025 province mergers of
  Nghị quyết 202/2025/QH15 are public facts.
* The numbers and dates of the provincial decisions that merged the departments on
  01/03/2025 are illustrative (each re-organisation says so in its note).
* The users are fictional people. None is named after an official mentioned in the seeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from phoihop.accounts.models import Role
from phoihop.organisations.models import Level, Organization, Reorganization

DEMO_PASSWORD = "phoihop-demo-2025"  # noqa: S105 - a published demo password, never for production

DEPARTMENTS_MERGED = dt.date(2025, 3, 1)
BEFORE_DEPARTMENTS_MERGED = dt.date(2025, 2, 28)
PROVINCES_MERGED = dt.date(2025, 7, 1)
FORMER_MAP_ENDS = dt.date(2025, 6, 30)

NQ_202 = "Nghị quyết số 202/2025/QH15, ngày 12/6/2025 của Quốc hội"
ILLUSTRATIVE = "Dữ liệu mẫu: số và ngày của văn bản căn cứ là minh họa, không phải văn bản thật."


@dataclass(frozen=True)
class UnitRef:
    """An administrative unit as `organisations.units.load_units()` creates it.

    `era` is "former" (the map until 30/06/2025) or "2025" (the map from 01/07/2025).
    """

    level: str
    code: str
    era: str = "former"


def former_province(code: str) -> UnitRef:
    return UnitRef(Level.PROVINCE, code, "former")


def province_2025(code: str) -> UnitRef:
    return UnitRef(Level.PROVINCE, code, "2025")


def former_district(code: str) -> UnitRef:
    return UnitRef(Level.DISTRICT, code, "former")


def former_commune(code: str) -> UnitRef:
    return UnitRef(Level.COMMUNE, code, "former")


@dataclass(frozen=True)
class DemoOrganization:
    key: str
    name: str
    kind: str
    level: str
    unit: UnitRef | None
    issuer_code: str = ""
    short_name: str = ""
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: str = ""


@dataclass(frozen=True)
class DemoReorganization:
    kind: str
    effective_date: dt.date
    legal_basis: str
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    role: str  # the role of the first membership; "admin" for the site administrator
    memberships: tuple[tuple[str, str], ...] = ()  # (organisation key, Role)
    is_superuser: bool = False

    @property
    def role_label(self) -> str:
        return "Quản trị hệ thống" if self.is_superuser else str(Role(self.role).label)

    @property
    def organization_name(self) -> str:
        return ORGANIZATIONS[self.memberships[0][0]].name if self.memberships else ""

    @property
    def organization_names(self) -> list[str]:
        return [ORGANIZATIONS[key].name for key, _role in self.memberships]


K = Organization.Kind
C, P, D, X = Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE


def _province_set(prefix: str, province: str, unit: UnitRef, *, until=FORMER_MAP_ENDS) -> list[DemoOrganization]:
    """The party committee and its two departments that merged on 01/03/2025."""
    committee = f"{prefix}.tu"
    return [
        DemoOrganization(committee, f"Tỉnh ủy {province}", K.PARTY_COMMITTEE, P, unit, "TU", valid_to=until),
        DemoOrganization(
            f"{prefix}.btgtu",
            f"Ban Tuyên giáo Tỉnh ủy {province}",
            K.PROPAGANDA,
            P,
            unit,
            "BTGTU",
            parent=committee,
            valid_to=BEFORE_DEPARTMENTS_MERGED,
        ),
        DemoOrganization(
            f"{prefix}.bdvtu",
            f"Ban Dân vận Tỉnh ủy {province}",
            K.MASS_MOBILISATION,
            P,
            unit,
            "BDVTU",
            parent=committee,
            valid_to=BEFORE_DEPARTMENTS_MERGED,
        ),
        DemoOrganization(
            f"{prefix}.btgdvtu",
            f"Ban Tuyên giáo và Dân vận Tỉnh ủy {province}",
            K.PROPAGANDA_MASS_MOBILISATION,
            P,
            unit,
            "BTGDVTU",
            parent=committee,
            valid_from=DEPARTMENTS_MERGED,
            valid_to=until,
        ),
    ]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


# Former communes and wards of Thành phố Bắc Kạn (as in organisations/data/former_units.json).
BAC_KAN_CITY_COMMUNES = (
    ("01834", "Phường Nguyễn Thị Minh Khai"),
    ("01837", "Phường Sông Cầu"),
    ("01840", "Phường Đức Xuân"),
    ("01843", "Phường Phùng Chí Kiên"),
    ("01846", "Phường Huyền Tụng"),
    ("01849", "Xã Dương Quang"),
    ("01852", "Xã Nông Thượng"),
    ("01855", "Phường Xuất Hóa"),
)

PHU_YEN = former_province("54")
DAK_LAK_FORMER = former_province("66")
DAK_LAK = province_2025("66")
KIEN_GIANG = former_province("91")
AN_GIANG_FORMER = former_province("89")
AN_GIANG = province_2025("91")  # the 2025 An Giang keeps Kiên Giang's code
BAC_KAN = former_province("06")
SONG_CAU = former_district("557")
BAC_KAN_CITY = former_district("058")

# fmt: off
_organizations: list[DemoOrganization] = [
    # --- Central ---------------------------------------------------------------------
    DemoOrganization("tw.btgdv", "Ban Tuyên giáo và Dân vận Trung ương", K.PROPAGANDA_MASS_MOBILISATION, C, None,
                     "BTGDVTW"),
    # --- Phú Yên (seed 000), until 30/06/2025 -------------------------------------------
    *_province_set("phuyen", "Phú Yên", PHU_YEN),
    # Thị xã Sông Cầu stands for the unnamed town of seed 003.
    DemoOrganization("songcau.thu", "Thị ủy Sông Cầu", K.PARTY_COMMITTEE, D, SONG_CAU, "ThU",
                     valid_to=FORMER_MAP_ENDS),
    DemoOrganization("songcau.btgthu", "Ban Tuyên giáo Thị ủy Sông Cầu", K.PROPAGANDA, D, SONG_CAU, "BTGThU",
                     parent="songcau.thu", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("songcau.ubnd", "Ủy ban nhân dân thị xã Sông Cầu", K.PEOPLES_COMMITTEE, D, SONG_CAU, "UBND",
                     valid_to=FORMER_MAP_ENDS),
    # --- Đắk Lắk before 01/07/2025 -------------------------------------------------------
    DemoOrganization("daklak_cu.tu", "Tỉnh ủy Đắk Lắk", K.PARTY_COMMITTEE, P, DAK_LAK_FORMER, "TU",
                     valid_to=FORMER_MAP_ENDS, description="Tỉnh ủy Đắk Lắk trước khi hợp nhất với Tỉnh ủy Phú Yên."),
    DemoOrganization("daklak_cu.btgdvtu", "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
                     K.PROPAGANDA_MASS_MOBILISATION, P, DAK_LAK_FORMER, "BTGDVTU", parent="daklak_cu.tu",
                     valid_from=DEPARTMENTS_MERGED, valid_to=FORMER_MAP_ENDS,
                     description="Ban của tỉnh Đắk Lắk trước khi hợp nhất với tỉnh Phú Yên."),
    # --- Đắk Lắk from 01/07/2025 (Phú Yên + Đắk Lắk) -----------------------------------
    DemoOrganization("daklak.tu", "Tỉnh ủy Đắk Lắk", K.PARTY_COMMITTEE, P, DAK_LAK, "TU",
                     valid_from=PROVINCES_MERGED),
    DemoOrganization("daklak.btgdvtu", "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", K.PROPAGANDA_MASS_MOBILISATION,
                     P, DAK_LAK, "BTGDVTU", parent="daklak.tu", valid_from=PROVINCES_MERGED),
    # --- Kiên Giang (seed 001), until 30/06/2025 ----------------------------------------
    *_province_set("kiengiang", "Kiên Giang", KIEN_GIANG),
    DemoOrganization("kiengiang.vptu", "Văn phòng Tỉnh ủy Kiên Giang", K.PARTY_OFFICE, P, KIEN_GIANG, "VPTU",
                     parent="kiengiang.tu", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.ubnd", "Ủy ban nhân dân tỉnh Kiên Giang", K.PEOPLES_COMMITTEE, P, KIEN_GIANG, "UBND",
                     valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.hdnd", "Thường trực Hội đồng nhân dân tỉnh Kiên Giang", K.PEOPLES_COUNCIL, P,
                     KIEN_GIANG, "HĐND", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.vksnd", "Viện Kiểm sát nhân dân tỉnh Kiên Giang", K.PROCURACY, P, KIEN_GIANG, "VKSND",
                     valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.tand", "Tòa án nhân dân tỉnh Kiên Giang", K.COURT, P, KIEN_GIANG, "TAND",
                     valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.snnptnt", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kiên Giang",
                     K.STATE_DEPARTMENT, P, KIEN_GIANG, "SNNPTNT", parent="kiengiang.ubnd",
                     valid_to=BEFORE_DEPARTMENTS_MERGED,
                     description="Từ 01/03/2025 hợp nhất với Sở Tài nguyên và Môi trường thành Sở Nông nghiệp và "
                     "Môi trường (không có trong dữ liệu mẫu)."),
    DemoOrganization("kiengiang.stttt", "Sở Thông tin và Truyền thông tỉnh Kiên Giang", K.STATE_DEPARTMENT, P,
                     KIEN_GIANG, "STTTT", parent="kiengiang.ubnd", valid_to=BEFORE_DEPARTMENTS_MERGED,
                     description="Từ 01/03/2025 hợp nhất vào Sở Khoa học và Công nghệ; nhiệm vụ quản lý báo chí "
                     "chuyển sang Sở Văn hóa và Thể thao (không có trong dữ liệu mẫu)."),
    DemoOrganization("kiengiang.syt", "Sở Y tế tỉnh Kiên Giang", K.STATE_DEPARTMENT, P, KIEN_GIANG, "SYT",
                     parent="kiengiang.ubnd", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("kiengiang.hnb", "Hội Nhà báo tỉnh Kiên Giang", K.PRESS_ASSOCIATION, P, KIEN_GIANG, "HNB",
                     valid_to=FORMER_MAP_ENDS),
    # --- An Giang before 01/07/2025 -----------------------------------------------------
    DemoOrganization("angiang_cu.tu", "Tỉnh ủy An Giang", K.PARTY_COMMITTEE, P, AN_GIANG_FORMER, "TU",
                     valid_to=FORMER_MAP_ENDS,
                     description="Tỉnh ủy An Giang trước khi hợp nhất với Tỉnh ủy Kiên Giang."),
    DemoOrganization("angiang_cu.btgdvtu", "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang",
                     K.PROPAGANDA_MASS_MOBILISATION, P, AN_GIANG_FORMER, "BTGDVTU", parent="angiang_cu.tu",
                     valid_from=DEPARTMENTS_MERGED, valid_to=FORMER_MAP_ENDS),
    DemoOrganization("angiang_cu.ubnd", "Ủy ban nhân dân tỉnh An Giang", K.PEOPLES_COMMITTEE, P, AN_GIANG_FORMER,
                     "UBND", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("angiang_cu.hdnd", "Thường trực Hội đồng nhân dân tỉnh An Giang", K.PEOPLES_COUNCIL, P,
                     AN_GIANG_FORMER, "HĐND", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("angiang_cu.vksnd", "Viện Kiểm sát nhân dân tỉnh An Giang", K.PROCURACY, P, AN_GIANG_FORMER,
                     "VKSND", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("angiang_cu.tand", "Tòa án nhân dân tỉnh An Giang", K.COURT, P, AN_GIANG_FORMER, "TAND",
                     valid_to=FORMER_MAP_ENDS),
    # --- An Giang from 01/07/2025 (Kiên Giang + An Giang) -------------------------------
    DemoOrganization("angiang.tu", "Tỉnh ủy An Giang", K.PARTY_COMMITTEE, P, AN_GIANG, "TU",
                     valid_from=PROVINCES_MERGED),
    DemoOrganization("angiang.btgdvtu", "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang", K.PROPAGANDA_MASS_MOBILISATION,
                     P, AN_GIANG, "BTGDVTU", parent="angiang.tu", valid_from=PROVINCES_MERGED),
    DemoOrganization("angiang.ubnd", "Ủy ban nhân dân tỉnh An Giang", K.PEOPLES_COMMITTEE, P, AN_GIANG, "UBND",
                     valid_from=PROVINCES_MERGED),
    DemoOrganization("angiang.hdnd", "Thường trực Hội đồng nhân dân tỉnh An Giang", K.PEOPLES_COUNCIL, P, AN_GIANG,
                     "HĐND", valid_from=PROVINCES_MERGED),
    DemoOrganization("angiang.vksnd", "Viện Kiểm sát nhân dân tỉnh An Giang", K.PROCURACY, P, AN_GIANG, "VKSND",
                     valid_from=PROVINCES_MERGED),
    DemoOrganization("angiang.tand", "Tòa án nhân dân tỉnh An Giang", K.COURT, P, AN_GIANG, "TAND",
                     valid_from=PROVINCES_MERGED),
    # --- Bắc Kạn, until 30/06/2025 (merged into Thái Nguyên) ----------------------------
    *_province_set("backan", "Bắc Kạn", BAC_KAN),
    DemoOrganization("backan.ubnd", "Ủy ban nhân dân tỉnh Bắc Kạn", K.PEOPLES_COMMITTEE, P, BAC_KAN, "UBND",
                     valid_to=FORMER_MAP_ENDS),
    DemoOrganization("backan_tp.thu", "Thành ủy Bắc Kạn", K.PARTY_COMMITTEE, D, BAC_KAN_CITY, "ThU",
                     parent="backan.tu", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("backan_tp.btgthu", "Ban Tuyên giáo Thành ủy Bắc Kạn", K.PROPAGANDA, D, BAC_KAN_CITY, "BTGThU",
                     parent="backan_tp.thu", valid_to=FORMER_MAP_ENDS),
    DemoOrganization("backan_tp.ubnd", "Ủy ban nhân dân thành phố Bắc Kạn", K.PEOPLES_COMMITTEE, D, BAC_KAN_CITY,
                     "UBND", parent="backan.ubnd", valid_to=FORMER_MAP_ENDS),
    *[
        DemoOrganization(f"backan_tp.{code}.du", f"Đảng ủy {_lower_first(name)}", K.PARTY_COMMITTEE, X,
                         former_commune(code), "ĐU", parent="backan_tp.thu", valid_to=FORMER_MAP_ENDS)
        for code, name in BAC_KAN_CITY_COMMUNES
    ],
]
# fmt: on

ORGANIZATIONS: dict[str, DemoOrganization] = {org.key: org for org in _organizations}
assert len(ORGANIZATIONS) == len(_organizations), "duplicate demo organisation keys"

MERGE = Reorganization.Kind.MERGE


def _departments_merged(prefix: str, province: str, number: str, signed: str) -> DemoReorganization:
    return DemoReorganization(
        MERGE,
        DEPARTMENTS_MERGED,
        f"Quyết định số {number}-QĐ/TU, ngày {signed}/2025 của Ban Thường vụ Tỉnh ủy {province}",
        (f"{prefix}.btgtu", f"{prefix}.bdvtu"),
        (f"{prefix}.btgdvtu",),
        note=f"Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy {province}. {ILLUSTRATIVE}",
    )


def _provinces_merged(predecessors: tuple[str, ...], successor: str, note: str) -> DemoReorganization:
    return DemoReorganization(MERGE, PROVINCES_MERGED, NQ_202, predecessors, (successor,), note=note)


REORGANIZATIONS: list[DemoReorganization] = [
    # 01/03/2025: each province's propaganda and mass-mobilisation departments merge.
    _departments_merged("phuyen", "Phú Yên", "1286", "20/02"),
    _departments_merged("kiengiang", "Kiên Giang", "1452", "24/02"),
    _departments_merged("backan", "Bắc Kạn", "1127", "25/02"),
    # 01/07/2025: Phú Yên + Đắk Lắk → Đắk Lắk.
    _provinces_merged(
        ("phuyen.btgdvtu", "daklak_cu.btgdvtu"),
        "daklak.btgdvtu",
        "Sắp xếp đơn vị hành chính cấp tỉnh: tỉnh Phú Yên và tỉnh Đắk Lắk hợp nhất thành tỉnh Đắk Lắk.",
    ),
    _provinces_merged(
        ("phuyen.tu", "daklak_cu.tu"),
        "daklak.tu",
        "Đảng bộ tỉnh Phú Yên và Đảng bộ tỉnh Đắk Lắk hợp nhất theo việc sắp xếp đơn vị hành chính cấp tỉnh.",
    ),
    # 01/07/2025: Kiên Giang + An Giang → An Giang.
    *[
        _provinces_merged(
            (f"kiengiang.{body}", f"angiang_cu.{body}"),
            f"angiang.{body}",
            "Sắp xếp đơn vị hành chính cấp tỉnh: tỉnh Kiên Giang và tỉnh An Giang hợp nhất thành tỉnh An Giang.",
        )
        for body in ("tu", "btgdvtu", "ubnd", "hdnd", "vksnd", "tand")
    ],
]

DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "Quản trị hệ thống", "Quản trị viên", "admin", is_superuser=True),
    DemoUser(
        "lanhdao.daklak",
        "Nguyễn Thị Thu Hà",
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        Role.LEADER,
        (("daklak.btgdvtu", Role.LEADER),),
    ),
    DemoUser(
        "chuyenvien.daklak",
        "Trần Minh Khoa",
        "Chuyên viên Phòng Tuyên truyền",
        Role.OFFICER,
        (("daklak.btgdvtu", Role.OFFICER), ("daklak.tu", Role.OFFICER)),
    ),
    DemoUser(
        "daumoi.angiang",
        "Lê Hoàng Phúc",
        "Chuyên viên Văn phòng Ủy ban nhân dân tỉnh, đầu mối phối hợp",
        Role.FOCAL_POINT,
        (("angiang.ubnd", Role.FOCAL_POINT),),
    ),
    DemoUser(
        "ctv.daklak",
        "Phạm Thị Ngọc Ánh",
        "Cộng tác viên dư luận xã hội",
        Role.COLLABORATOR,
        (("daklak.btgdvtu", Role.COLLABORATOR),),
    ),
    # --- issue 5: two more public-opinion collaborators of the Đắk Lắk department -------
    DemoUser(
        "ctv2.daklak",
        "Võ Văn Hùng",
        "Cộng tác viên dư luận xã hội",
        Role.COLLABORATOR,
        (("daklak.btgdvtu", Role.COLLABORATOR),),
    ),
    DemoUser(
        "ctv3.daklak",
        "H'Linh Niê",
        "Cộng tác viên dư luận xã hội",
        Role.COLLABORATOR,
        (("daklak.btgdvtu", Role.COLLABORATOR),),
    ),
    # --- end of issue 5 ------------------------------------------------------------------
    DemoUser(
        "xem.trunguong",
        "Đỗ Quang Vinh",
        "Chuyên viên Vụ Địa phương",
        Role.VIEWER,
        (("tw.btgdv", Role.VIEWER),),
    ),
]
