"""A synthetic data set for the benchmark, at a chosen scale.

Scale 1 is the size issue 3 asks for: the real 34 provinces and 3,321 communes (from
`organisations.units.load_units`), about 20,000 organisations, 20,000 programmes and
1,000,000 tasks with about 2,000,000 task parts. Smaller scales shrink everything but the
administrative map: at 0.01, 200 programmes and 10,000 tasks.

The shape follows the domain:

* every province has its Ban Tuyên giáo và Dân vận and about 40 agencies (the People's
  Committee and Council, the procuracy, the court, departments, press, mass organisations);
* communes (a share of them below scale 1, spread over every province) have their party
  committee's Ban Xây dựng Đảng — which carries propaganda work at commune level since
  1/7/2025 — and four or five partners (People's Committee and Council, the Front, police,
  party office);
* 30 % of the programmes are province-level, 70 % commune-level; each binds the area's
  propaganda department (lead) with one or two agencies of the same level and area
  (the 238-QĐ/TW rule), runs one to five years between 2021 and 2030, is signed by every
  party and has three to five numbered content items;
* each programme has an annual plan per year of its period up to this year (a few years
  skipped), and its tasks spread over those plans, due within the plan's year, done, late,
  open or cancelled as such work usually is;
* each task has one part for its lead and none, one or two for partners.

Rows are written with `bulk_create` in batches; `save()` is skipped, so the search columns
are computed here (`refresh_search_columns`, memoised: titles repeat). No audit rows: this
data was never edited by anybody. Two users are created for the harness:
`bench.tinh` (an officer of the first province's propaganda department) and
`bench.trunguong` (a viewer of the central department, who sees everything).

    python -m bench.generate --scale 0.01

writes into the database DATABASE_URL names; it refuses one that already has programmes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from phoihop.accounts.models import Membership, Role, User
from phoihop.organisations.models import AdministrativeUnit, Level, Organization
from phoihop.organisations.units import NEW_MAP_FROM, load_units
from phoihop.programs.models import (
    AnnualPlan,
    Channel,
    ContentItem,
    LegalReference,
    Phase,
    Program,
    ProgramLegalBasis,
    ProgramParty,
    Signature,
    Task,
    TaskPart,
)

FULL = {"organizations": 20_000, "programs": 20_000, "tasks": 1_000_000}
PROVINCE_AGENCIES = 40  # per province at scale 1
PROVINCE_SHARE = 0.3  # of the programmes
PROVINCE_USER = "bench.tinh"
CENTRAL_USER = "bench.trunguong"
SEED = 20250701

Kind = Organization.Kind

# --- vocabulary ----------------------------------------------------------------------

PROVINCE_AGENCY_NAMES = [
    ("Ủy ban nhân dân {p}", Kind.PEOPLES_COMMITTEE, "UBND"),
    ("Hội đồng nhân dân {p}", Kind.PEOPLES_COUNCIL, "HĐND"),
    ("Viện kiểm sát nhân dân {p}", Kind.PROCURACY, "VKSND"),
    ("Tòa án nhân dân {p}", Kind.COURT, "TAND"),
    ("Công an {p}", Kind.PUBLIC_SECURITY, "CAT"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam {p}", Kind.FATHERLAND_FRONT, "MTTQ"),
    ("Hội Nhà báo {p}", Kind.PRESS_ASSOCIATION, "HNB"),
    ("Báo và Phát thanh, Truyền hình {s}", Kind.PRESS_AGENCY, "BPTTH"),
    ("Văn phòng Tỉnh ủy {s}", Kind.PARTY_OFFICE, "VPTU"),
    ("Sở Văn hóa, Thể thao và Du lịch {p}", Kind.STATE_DEPARTMENT, "SVHTTDL"),
    ("Sở Giáo dục và Đào tạo {p}", Kind.STATE_DEPARTMENT, "SGDĐT"),
    ("Sở Y tế {p}", Kind.STATE_DEPARTMENT, "SYT"),
    ("Sở Nội vụ {p}", Kind.STATE_DEPARTMENT, "SNV"),
    ("Sở Tư pháp {p}", Kind.STATE_DEPARTMENT, "STP"),
    ("Sở Khoa học và Công nghệ {p}", Kind.STATE_DEPARTMENT, "SKHCN"),
    ("Sở Tài chính {p}", Kind.STATE_DEPARTMENT, "STC"),
    ("Sở Nông nghiệp và Môi trường {p}", Kind.STATE_DEPARTMENT, "SNNMT"),
    ("Sở Xây dựng {p}", Kind.STATE_DEPARTMENT, "SXD"),
    ("Sở Công Thương {p}", Kind.STATE_DEPARTMENT, "SCT"),
    ("Sở Dân tộc và Tôn giáo {p}", Kind.STATE_DEPARTMENT, "SDTTG"),
    ("Sở Ngoại vụ {p}", Kind.STATE_DEPARTMENT, "SNgV"),
    ("Thanh tra {p}", Kind.STATE_DEPARTMENT, "TTr"),
    ("Văn phòng Ủy ban nhân dân {p}", Kind.STATE_DEPARTMENT, "VPUBND"),
    ("Ban Quản lý các khu công nghiệp {p}", Kind.STATE_DEPARTMENT, "BQLKCN"),
    ("Bảo hiểm xã hội {p}", Kind.OTHER, "BHXH"),
    ("Bộ Chỉ huy Quân sự {p}", Kind.OTHER, "BCHQS"),
    ("Bộ Chỉ huy Bộ đội Biên phòng {p}", Kind.OTHER, "BĐBP"),
    ("Hội Nông dân {p}", Kind.FATHERLAND_FRONT, "HND"),
    ("Hội Liên hiệp Phụ nữ {p}", Kind.FATHERLAND_FRONT, "HLHPN"),
    ("Tỉnh đoàn {s}", Kind.FATHERLAND_FRONT, "TĐTN"),
    ("Hội Cựu chiến binh {p}", Kind.FATHERLAND_FRONT, "HCCB"),
    ("Liên đoàn Lao động {p}", Kind.FATHERLAND_FRONT, "LĐLĐ"),
    ("Trường Chính trị {p}", Kind.OTHER, "TCT"),
    ("Liên minh Hợp tác xã {p}", Kind.OTHER, "LMHTX"),
    ("Hội Văn học Nghệ thuật {p}", Kind.OTHER, "HVHNT"),
    ("Hội Chữ thập đỏ {p}", Kind.OTHER, "HCTĐ"),
    ("Hội Khuyến học {p}", Kind.OTHER, "HKH"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật {p}", Kind.OTHER, "LHHKHKT"),
    ("Thuế {p}", Kind.OTHER, "THUE"),
    ("Kho bạc Nhà nước khu vực {s}", Kind.OTHER, "KBNN"),
]

COMMUNE_AGENCY_NAMES = [
    ("Ủy ban nhân dân {c}", Kind.PEOPLES_COMMITTEE, "UBND"),
    ("Hội đồng nhân dân {c}", Kind.PEOPLES_COUNCIL, "HĐND"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam {c}", Kind.FATHERLAND_FRONT, "MTTQ"),
    ("Công an {c}", Kind.PUBLIC_SECURITY, "CA"),
    ("Văn phòng Đảng ủy {c}", Kind.PARTY_OFFICE, "VPĐU"),
]

TOPICS = [
    "kết quả Đại hội Đảng bộ các cấp nhiệm kỳ 2025-2030",
    "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam (3/2)",
    "cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp",
    "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "chuyển đổi số và Đề án 06 của Chính phủ",
    "xây dựng nông thôn mới, đô thị văn minh",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "bảo đảm trật tự, an toàn giao thông",
    "phòng, chống thiên tai, tìm kiếm cứu nạn",
    "Luật Đất đai năm 2024",
    "sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp",
    "cải cách hành chính, cải thiện môi trường đầu tư",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9",
    "kỷ niệm ngày Giải phóng miền Nam, thống nhất đất nước (30/4)",
    "chủ quyền biển, đảo Việt Nam",
    "phòng, chống ma túy và tệ nạn xã hội",
    "bảo vệ môi trường, ứng phó với biến đổi khí hậu",
    "chính sách bảo hiểm xã hội, bảo hiểm y tế toàn dân",
    "giảm nghèo bền vững",
    "phát triển du lịch và quảng bá hình ảnh địa phương",
    "giữ gìn an ninh, trật tự ở cơ sở",
    "công tác dân vận của chính quyền các cấp",
    "phòng, chống dịch bệnh",
    "thông tin đối ngoại",
    "gương người tốt, việc tốt, điển hình tiên tiến",
    "Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ",
    "đấu tranh phản bác thông tin xấu, độc trên không gian mạng",
    "kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
]

FORMS = [  # (how the title starts, the channels it uses, the expected product)
    ("Tuyên truyền về", [Channel.PRESS, Channel.SOCIAL], "bài viết, tin, ảnh"),
    ("Tổ chức hội nghị quán triệt", [Channel.ORAL], "hội nghị"),
    ("Xây dựng chuyên mục về", [Channel.PRESS, Channel.RADIO_TV], "chuyên mục"),
    ("Đăng tải tin, bài về", [Channel.PRESS, Channel.SOCIAL], "tin, bài"),
    ("Tổ chức tọa đàm về", [Channel.ORAL, Channel.RADIO_TV], "tọa đàm"),
    ("Phát hành tài liệu tuyên truyền về", [Channel.ORAL, Channel.VISUAL], "tài liệu, tờ gấp"),
    ("Tổ chức cuộc thi tìm hiểu về", [Channel.SOCIAL, Channel.ORAL], "cuộc thi"),
    ("Treo băng rôn, khẩu hiệu về", [Channel.VISUAL], "băng rôn, pa-nô"),
    ("Sản xuất phóng sự về", [Channel.RADIO_TV], "phóng sự"),
    ("Họp báo cung cấp thông tin về", [Channel.PRESS_CONFERENCE, Channel.PRESS], "cuộc họp báo"),
]

DESCRIPTIONS = [
    "Phối hợp triển khai tuyên truyền sâu rộng về {t} đến cán bộ, đảng viên và Nhân dân trên địa bàn.",
    "Bám sát định hướng của cấp ủy; kịp thời cung cấp thông tin về {t} cho báo chí và đội ngũ báo cáo viên.",
    "Đa dạng hình thức tuyên truyền về {t}, chú trọng mạng xã hội và tuyên truyền miệng ở khu dân cư.",
    "Tổng hợp, báo cáo kết quả tuyên truyền về {t} theo quy chế phối hợp.",
    "Nắm tình hình dư luận xã hội liên quan đến {t}, đề xuất biện pháp định hướng.",
    "Xây dựng kế hoạch chi tiết, phân công người phụ trách và thời hạn cho từng phần việc về {t}.",
]

QUANTITIES = [1, 2, 3, 5, 10, 12, 20]
PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Võ Thị Giang"]
POSITIONS = ["Trưởng ban", "Phó Trưởng ban", "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc"]
RESPONSIBLE = ["Phó Trưởng ban phụ trách", "Trưởng phòng Tuyên truyền", "Chuyên viên phụ trách", ""]
CONTENT_ITEMS = [
    "tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "cung cấp thông tin định kỳ và đột xuất giữa các bên",
    "định hướng thông tin, nắm và định hướng dư luận xã hội",
    "phối hợp tổ chức các hoạt động kỷ niệm các ngày lễ lớn, sự kiện quan trọng",
    "sơ kết, tổng kết việc thực hiện chương trình phối hợp",
]
LEGAL_REFERENCES = [
    {
        "citation": "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
        "doc_type": "Quyết định",
        "number": "238",
        "year": 2020,
        "type_code": "QĐ",
        "issuer_code": "TW",
        "issued_on": dt.date(2020, 9, 30),
        "issuing_body": "Ban Bí thư",
        "term": "XII",
    },
    {
        "citation": "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021",
        "doc_type": "Hướng dẫn",
        "number": "170",
        "year": 2021,
        "type_code": "HD",
        "issuer_code": "BTGTW",
        "issued_on": dt.date(2021, 1, 26),
    },
    {
        "citation": "Luật Báo chí 2016",
        "doc_type": "Luật",
        "year": 2016,
        "title": "Luật Báo chí",
    },
    {
        "citation": "Nghị định số 30/2020/NĐ-CP",
        "doc_type": "Nghị định",
        "number": "30",
        "year": 2020,
        "type_code": "NĐ",
        "issuer_code": "CP",
    },
]


# --- sizes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    scale: float
    programs: int
    tasks: int
    province_agencies: int  # per province
    commune_share: float  # of the communes that get organisations

    @classmethod
    def at(cls, scale: float) -> Sizes:
        if scale <= 0:
            raise ValueError("the scale must be positive")
        return cls(
            scale=scale,
            programs=max(4, round(FULL["programs"] * scale)),
            tasks=max(8, round(FULL["tasks"] * scale)),
            province_agencies=max(2, min(len(PROVINCE_AGENCY_NAMES), round(PROVINCE_AGENCIES * scale))),
            commune_share=min(1.0, scale),
        )


# --- writing fast --------------------------------------------------------------------


class FastInsert:
    """Writes model instances as `bulk_create` would, several times faster.

    Measured on two cores, `bulk_create` costs about 200 µs a row on SQLite and 600 µs
    on PostgreSQL (psycopg binds every value client-side into one huge statement): 25
    minutes for the three million task and part rows at scale 1. This writer takes the
    same model instances (so model defaults apply), picks the ids itself (from the
    table's highest), converts each concrete field once per value by its type, and sends
    the rows with `executemany` on SQLite and `COPY` on PostgreSQL. The database still
    checks every constraint. `Generator._reset_sequences` moves PostgreSQL's sequences
    past the ids chosen here.
    """

    def __init__(self, model, now: dt.datetime):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.converters = [self._converter(f, now) for f in self.fields]

    @staticmethod
    def _converter(field, now: dt.datetime):
        sqlite = connection.vendor == "sqlite"
        get = attrgetter(field.attname)
        if isinstance(field, models.DateTimeField):
            if field.auto_now or field.auto_now_add:
                value = connection.ops.adapt_datetimefield_value(now) if sqlite else now
                return lambda obj: value
            return (lambda obj: connection.ops.adapt_datetimefield_value(get(obj))) if sqlite else get
        if isinstance(field, models.DateField) and sqlite:
            return lambda obj: connection.ops.adapt_datefield_value(get(obj))
        if isinstance(field, models.JSONField):
            return lambda obj: json.dumps(get(obj), cls=field.encoder)
        return get

    def write(self, objs: list) -> None:
        for obj in objs:
            obj.pk = self.next_id
            obj._state.adding, obj._state.db = False, connection.alias
            self.next_id += 1
        rows = [tuple(convert(obj) for convert in self.converters) for obj in objs]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {self.table} ({self.columns}) VALUES ({placeholders})", rows)  # noqa: S608 — names from the model


# --- the generator -------------------------------------------------------------------


@dataclass
class Area:
    """A province or a commune and its organisations: the propaganda lead and the rest."""

    unit: AdministrativeUnit
    lead: Organization
    agencies: list[Organization] = field(default_factory=list)


class Generator:
    def __init__(self, sizes: Sizes, *, seed: int = SEED, batch_size: int = 5000, log=print):
        self.sizes = sizes
        self.batch_size = batch_size
        self.log = log
        self.rng = random.Random(seed)  # noqa: S311 — synthetic data, not security
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts: dict[str, int] = defaultdict(int)
        self._search_cache: dict[tuple, tuple[str, str]] = {}
        self._writers: dict[type, FastInsert] = {}
        self.started = time.perf_counter()

    # --- helpers ---------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.log(f"[{time.perf_counter() - self.started:7.1f} s] {message}")

    def _searchable(self, obj, key: tuple):
        """`obj.refresh_search_columns()`, memoised on the values that feed it."""
        cached = self._search_cache.get(key)
        if cached is None:
            obj.refresh_search_columns()
            self._search_cache[key] = (obj.search_text, obj.sort_name)
        else:
            obj.search_text, obj.sort_name = cached
        return obj

    def _create(self, model, objs: list) -> list:
        """`bulk_create`, for the few thousand rows before the programmes."""
        if objs:
            model.objects.bulk_create(objs, batch_size=self.batch_size)
            self.counts[model._meta.model_name] += len(objs)
        return objs

    def _insert(self, model, objs: list) -> list:
        """The fast path for the millions of rows: see `FastInsert`."""
        if objs:
            writer = self._writers.get(model)
            if writer is None:
                writer = self._writers[model] = FastInsert(model, self.now)
            for start in range(0, len(objs), self.batch_size):
                writer.write(objs[start : start + self.batch_size])
            self.counts[model._meta.model_name] += len(objs)
        return objs

    # --- steps -----------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        if Program.objects.exists():
            raise SystemExit("this database already has programmes: give the benchmark an empty one")
        self._tune()
        created = load_units()
        self._say(f"administrative units loaded: {created}")
        central, provinces, communes = self._organizations()
        self._say(f"{self.counts['organization']} organisations")
        self._users(central, provinces[0])
        references = self._legal_references()
        self._programs(provinces, communes, references)
        self._reset_sequences()
        self._analyze()
        self._say("done: " + ", ".join(f"{n:,} {name}" for name, n in sorted(self.counts.items())))
        return dict(self.counts)

    def _tune(self) -> None:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:  # a benchmark database: no need to survive a crash while loading
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB

    def _reset_sequences(self) -> None:
        """The fast path chose the ids itself; PostgreSQL's sequences must follow."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._writers))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def _analyze(self) -> None:
        """Planner statistics, as a database in service would have them."""
        if connection.in_atomic_block:  # a test's transaction: VACUUM cannot run there
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        self._say("planner statistics gathered (ANALYZE)")

    def _organizations(self) -> tuple[Organization, list[Area], list[Area]]:
        rng, sizes = self.rng, self.sizes
        units = AdministrativeUnit.objects.filter(valid_from=NEW_MAP_FROM)
        province_units = list(units.filter(level=Level.PROVINCE).order_by("code"))
        communes_by_province: dict[int, list[AdministrativeUnit]] = defaultdict(list)
        for unit in units.filter(level=Level.COMMUNE).order_by("code"):
            communes_by_province[unit.province_id].append(unit)

        def org(name, kind, level, unit, issuer):
            obj = Organization(
                name=name, kind=kind, level=level, administrative_unit=unit, issuer_code=issuer, valid_from=None
            )
            obj.refresh_search_columns()
            return obj

        central = org(
            "Ban Tuyên giáo và Dân vận Trung ương", Kind.PROPAGANDA_MASS_MOBILISATION, Level.CENTRAL, None, "BTGDVTW"
        )
        others = [
            org("Bộ Văn hóa, Thể thao và Du lịch", Kind.OTHER, Level.CENTRAL, None, "BVHTTDL"),
            org("Ban Dân vận Trung ương (đơn vị khác)", Kind.OTHER, Level.CENTRAL, None, "TW"),
        ]
        self._create(Organization, [central, *others])

        provinces, communes = [], []
        for unit in province_units:
            party = "Thành ủy" if unit.kind == AdministrativeUnit.Kind.MUNICIPALITY else "Tỉnh ủy"
            issuer = "BTGDVTHU" if party == "Thành ủy" else "BTGDVTU"
            lead = org(
                f"Ban Tuyên giáo và Dân vận {party} {unit.short_name}",
                Kind.PROPAGANDA_MASS_MOBILISATION,
                Level.PROVINCE,
                unit,
                issuer,
            )
            agencies = [
                org(name.format(p=unit.name, s=unit.short_name), kind, Level.PROVINCE, unit, issuer_code)
                for name, kind, issuer_code in PROVINCE_AGENCY_NAMES[: sizes.province_agencies]
            ]
            provinces.append(Area(unit, lead, agencies))
            wanted = max(1, round(len(communes_by_province[unit.pk]) * sizes.commune_share))
            chosen = communes_by_province[unit.pk]
            step = len(chosen) / wanted
            for i in range(wanted):
                commune = chosen[int(i * step)]
                lead = org(
                    f"Ban Xây dựng Đảng Đảng ủy {commune.name.lower()[0]}{commune.name[1:]}",
                    Kind.PROPAGANDA_MASS_MOBILISATION,
                    Level.COMMUNE,
                    commune,
                    "BXDĐ",
                )
                names = COMMUNE_AGENCY_NAMES[: 4 + rng.randint(0, 1)]
                agencies = [
                    org(name.format(c=commune.name), kind, Level.COMMUNE, commune, issuer_code)
                    for name, kind, issuer_code in names
                ]
                communes.append(Area(commune, lead, agencies))
        for chunk in _chunks(provinces + communes, 500):
            with transaction.atomic():
                self._create(Organization, [obj for area in chunk for obj in (area.lead, *area.agencies)])
        return central, provinces, communes

    def _users(self, central: Organization, province: Area) -> None:
        for username, full_name, org, role in (
            (PROVINCE_USER, "Chuyên viên tỉnh (benchmark)", province.lead, Role.OFFICER),
            (CENTRAL_USER, "Người xem Trung ương (benchmark)", central, Role.VIEWER),
        ):
            user = User(username=username, full_name=full_name, acting_organization=org)
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, organization=org, role=role)
        self._say(f"users {PROVINCE_USER} ({province.lead.name}) and {CENTRAL_USER} ({central.name})")

    def _legal_references(self) -> list[LegalReference]:
        return [LegalReference.objects.get_or_create(citation=r["citation"], defaults=r)[0] for r in LEGAL_REFERENCES]

    # --- programmes, plans, tasks ------------------------------------------------------

    def _program_specs(self, provinces: list[Area], communes: list[Area]) -> list[dict]:
        """Who, when and what status, for every programme; tasks allotted afterwards."""
        rng, sizes, this_year = self.rng, self.sizes, self.today.year
        n_province = round(sizes.programs * PROVINCE_SHARE)
        areas = [provinces[i % len(provinces)] for i in range(n_province)]
        areas += [communes[i % len(communes)] for i in range(sizes.programs - n_province)]
        specs = []
        for area in areas:
            start = rng.choice(range(this_year - 5, this_year + 1))
            end = start + rng.choice([0, 1, 2, 3, 4, 4])
            if end < this_year:
                status = Program.Status.CONCLUDED if rng.random() < 0.9 else Program.Status.TERMINATED
            else:
                status = rng.choices(
                    [Program.Status.IN_FORCE, Program.Status.SIGNED, Program.Status.DRAFT], weights=[85, 8, 7]
                )[0]
            partners = rng.sample(area.agencies, k=min(len(area.agencies), rng.choice([1, 2])))
            years = []
            if status != Program.Status.DRAFT:
                years = [y for y in range(start, min(end, this_year) + 1) if rng.random() < 0.85]
                years = years or [start]
            specs.append(
                {
                    "area": area,
                    "start": start,
                    "end": end,
                    "status": status,
                    "partners": partners,
                    "years": years,
                    "tasks": 0,
                }
            )
        with_plans = [spec for spec in specs if spec["years"]]
        # Allot the tasks: on average the same per programme, give or take 40 %.
        weights = [rng.uniform(0.6, 1.4) for _ in with_plans]
        total = sum(weights)
        for spec, weight in zip(with_plans, weights, strict=True):
            spec["tasks"] = math.floor(sizes.tasks * weight / total)
        for spec in rng.sample(with_plans, k=sizes.tasks - sum(s["tasks"] for s in with_plans)):
            spec["tasks"] += 1
        return specs

    def _programs(self, provinces: list[Area], communes: list[Area], references: list[LegalReference]) -> None:
        specs = self._program_specs(provinces, communes)
        self._say(f"{len(specs):,} programmes to write, {self.sizes.tasks:,} tasks")
        # About 25,000 tasks a transaction: a chunk is 500 programmes at scale 1.
        per_chunk = max(1, round(25_000 / max(1, self.sizes.tasks / len(specs))))
        for index, chunk in enumerate(_chunks(specs, per_chunk)):
            with transaction.atomic():
                self._program_chunk(chunk, references, offset=index * per_chunk)
            done = min(len(specs), (index + 1) * per_chunk)
            self._say(
                f"{done:,}/{len(specs):,} programmes, {self.counts['task']:,} tasks, {self.counts['taskpart']:,} parts"
            )

    def _program_chunk(self, specs: list[dict], references: list[LegalReference], *, offset: int) -> None:
        rng = self.rng
        programs = []
        for number, spec in enumerate(specs, start=offset + 1):
            area, partners = spec["area"], spec["partners"]
            title = (
                f"Chương trình phối hợp giữa {area.lead.name} và {', '.join(p.name for p in partners)} "
                f"về công tác tuyên truyền giai đoạn {spec['start']}–{spec['end']}"
            )
            symbol = f"{number:02d}-CTr/{area.lead.issuer_code}-{partners[0].issuer_code}"
            program = Program(
                title=title,
                number_symbol=symbol,
                kind=Program.Kind.SAME_LEVEL_238,
                status=spec["status"],
                start_year=spec["start"],
                end_year=spec["end"],
                purpose="Nâng cao hiệu quả phối hợp trong công tác tuyên truyền trên địa bàn.",
                info_frequency=Program.Frequency.MONTHLY,
                info_day=25,
                adhoc_hours=24,
            )
            program.refresh_search_columns()
            programs.append(program)
        self._insert(Program, programs)

        parties, links, items, signatures, plans = [], [], [], [], []
        items_of: dict[int, list[ContentItem]] = {}
        for program, spec in zip(programs, specs, strict=True):
            area = spec["area"]
            orgs = [area.lead, *spec["partners"]]
            spec["program"], spec["orgs"] = program, orgs
            for position, org in enumerate(orgs):
                role = "lead" if position == 0 else "partner"
                parties.append(
                    ProgramParty(
                        program=program,
                        organization=org,
                        role=role,
                        position=position,
                        responsibilities="Chủ động phối hợp theo chức năng, nhiệm vụ.",
                    )
                )
                if program.status != Program.Status.DRAFT:
                    signatures.append(self._signature(org, dt.date(program.start_year, 1, 1), program=program))
            links.append(ProgramLegalBasis(program=program, reference=references[0], position=0))
            links.append(ProgramLegalBasis(program=program, reference=rng.choice(references[1:]), position=1))
            count = rng.randint(3, 5)
            items_of[program.pk] = [
                ContentItem(program=program, number=n + 1, text=CONTENT_ITEMS[n].capitalize()) for n in range(count)
            ]
            items.extend(items_of[program.pk])
            for year in spec["years"]:
                status = AnnualPlan.Status.CLOSED if year < self.today.year else AnnualPlan.Status.SIGNED
                plans.append(
                    AnnualPlan(
                        program=program,
                        year=year,
                        status=status,
                        title=f"Kế hoạch thực hiện chương trình phối hợp năm {year}",
                        number_symbol=f"{rng.randint(1, 99):02d}-KH/{area.lead.issuer_code}",
                    )
                )
        self._insert(ProgramParty, parties)
        self._insert(ProgramLegalBasis, links)
        self._insert(ContentItem, items)
        self._insert(AnnualPlan, plans)
        plans_of: dict[int, list[AnnualPlan]] = defaultdict(list)
        for plan in plans:
            plans_of[plan.program_id].append(plan)
        for spec in specs:
            for plan in plans_of[spec["program"].pk]:
                signatures.append(self._signature(spec["orgs"][0], dt.date(plan.year, 1, 15), plan=plan))
        self._insert(Signature, signatures)

        tasks_and_parts: list[tuple[Task, list[tuple[Organization, str]]]] = []
        for spec in specs:
            program = spec["program"]
            program_plans = plans_of[program.pk]
            for i in range(spec["tasks"]):
                plan = program_plans[i % len(program_plans)]
                tasks_and_parts.append(self._task(program, plan, spec["orgs"], items_of[program.pk]))
                if len(tasks_and_parts) >= self.batch_size:
                    self._write_tasks(tasks_and_parts)
                    tasks_and_parts = []
        self._write_tasks(tasks_and_parts)

    def _signature(self, org: Organization, earliest: dt.date, *, program=None, plan=None) -> Signature:
        rng = self.rng
        return Signature(
            program=program,
            plan=plan,
            organization=org,
            signer_name=rng.choice(PEOPLE),
            signer_position=rng.choice(POSITIONS),
            signed_on=earliest + dt.timedelta(days=rng.randint(0, 60)),
            place=org.administrative_unit.name if org.administrative_unit else "Hà Nội",
        )

    def _task(self, program: Program, plan: AnnualPlan, orgs: list[Organization], items: list[ContentItem]):
        rng, today = self.rng, self.today
        form, topic, description = (
            rng.randrange(len(FORMS)),
            rng.randrange(len(TOPICS)),
            rng.randrange(len(DESCRIPTIONS)),
        )
        start_words, channels, product = FORMS[form]
        title = f"{start_words} {TOPICS[topic]} năm {plan.year}"
        text = DESCRIPTIONS[description].format(t=TOPICS[topic])
        quantity = QUANTITIES[(form + topic) % len(QUANTITIES)]  # fewer distinct texts: the memo hits more
        expected_product = f"{quantity} {product}"
        due = dt.date(plan.year, rng.randint(1, 12), rng.randint(1, 28))
        start = max(dt.date(plan.year, 1, 1), due - dt.timedelta(days=rng.randint(15, 120)))
        # What became of it: as programmes' reviews report, most done, some late, a few not.
        finished_programme = program.status in (Program.Status.CONCLUDED, Program.Status.TERMINATED)
        roll = rng.random()
        completed_on = None
        if due < today or finished_programme:
            if roll < 0.70:
                status, completed_on = Task.Status.DONE, due - dt.timedelta(days=rng.randint(0, 30))
            elif roll < 0.85:
                status, completed_on = Task.Status.DONE, due + dt.timedelta(days=rng.randint(1, 45))
            elif roll < 0.93 and not finished_programme:
                status = Task.Status.OPEN
            else:
                status = Task.Status.CANCELLED
        else:
            status = Task.Status.DONE if roll < 0.2 else Task.Status.OPEN
            if status == Task.Status.DONE:
                completed_on = min(today, due) - dt.timedelta(days=rng.randint(0, 10))
        if completed_on is not None:
            completed_on = max(start, min(completed_on, today))
        lead = orgs[0] if rng.random() < 0.75 else rng.choice(orgs[1:])
        others = [org for org in orgs if org.pk != lead.pk]
        partners = rng.sample(others, k=min(len(others), rng.choices([0, 1, 2], weights=[15, 55, 30])[0]))
        task = Task(
            plan=plan,
            title=title,
            description=text,
            content_item=rng.choice(items) if rng.random() < 0.85 else None,
            lead=lead,
            responsible_people=rng.choice(RESPONSIBLE),
            start_date=start,
            due_date=due,
            phase=rng.choice([Phase.BEFORE, Phase.DURING, Phase.AFTER]) if rng.random() < 0.2 else "",
            channels="," + ",".join(channels) + ",",
            expected_product=expected_product,
            status=status,
            completed_on=completed_on,
        )
        self._searchable(task, (form, topic, description, plan.year))
        return task, [(lead, "lead")] + [(org, "partner") for org in partners]

    def _write_tasks(self, tasks_and_parts) -> None:
        if not tasks_and_parts:
            return
        rng = self.rng
        self._insert(Task, [task for task, _ in tasks_and_parts])
        parts = []
        for task, orgs in tasks_and_parts:
            for org, role in orgs:
                if task.status == Task.Status.DONE:
                    progress = 100
                elif task.status == Task.Status.OPEN:
                    progress = rng.choice([0, 0, 10, 20, 30, 50, 60, 80, 90])
                else:
                    progress = rng.choice([0, 10, 30])
                reported = self.now - dt.timedelta(days=rng.randint(1, 300)) if progress else None
                parts.append(
                    TaskPart(
                        task=task,
                        organization=org,
                        role=role,
                        progress=progress,
                        reported_at=reported,
                        evidence_counts=[{"label": "bài viết", "count": progress // 10}] if progress else [],
                    )
                )
        self._insert(TaskPart, parts)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(scale: float, *, seed: int = SEED, batch_size: int = 5000, log=print) -> dict[str, int]:
    return Generator(Sizes.at(scale), seed=seed, batch_size=batch_size, log=log).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20,000 programmes and 1,000,000 tasks")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", help="write the counts and the time taken there")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cpu_started = time.process_time()
    counts = generate(args.scale, seed=args.seed, batch_size=args.batch_size)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"generated scale {args.scale:g} on {connection.vendor} in {elapsed:.0f} s ({cpu:.0f} s of CPU)")
    if args.json:
        summary = {"scale": args.scale, "seconds": round(elapsed, 1), "cpu_seconds": round(cpu, 1), "counts": counts}
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(summary, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
