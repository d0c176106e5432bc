"""The shapes of the demo programmes and the constants the seeds share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from phoihop.programs.models import Channel, PartyRole, Phase, Program

from ..data import DEMO_USERS

LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER
BEFORE, DURING, AFTER = Phase.BEFORE, Phase.DURING, Phase.AFTER
PRESS, BRIEFING, RADIO_TV = Channel.PRESS, Channel.PRESS_CONFERENCE, Channel.RADIO_TV
ORAL, SOCIAL, VISUAL = Channel.ORAL, Channel.SOCIAL, Channel.VISUAL

SIGNER = "Đại diện lãnh đạo (dữ liệu mẫu)"
_DEMO_NAMES = {user.username: user.full_name for user in DEMO_USERS}  # fictional people
DEMO_LEADER = _DEMO_NAMES["lanhdao.daklak"]
DEMO_OFFICER = _DEMO_NAMES["chuyenvien.daklak"]

QD_238 = "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)"
KL_01 = "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII)"
CT_05 = "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII)"
HD_170 = "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương"
CV_93 = "Công văn số 93-CV/TU, ngày 10/3/2021 của Ban Thường vụ Tỉnh ủy Kiên Giang"

DISTRICTS_END = (
    "Cấp huyện kết thúc hoạt động từ 01/07/2025 theo Nghị quyết số 203/2025/QH15, ngày 16/6/2025 của Quốc hội "
    "sửa đổi, bổ sung một số điều của Hiến pháp"
)


@dataclass(frozen=True)
class Days:
    """A date relative to the day the loader runs."""

    n: int


When = dt.date | Days


@dataclass(frozen=True)
class Sig:
    org: str  # organisation key in `data.ORGANIZATIONS`; a party on that day
    name: str
    position: str
    on: dt.date
    place: str = ""


@dataclass(frozen=True)
class Report:
    """One party reports its own part. `org` is the part's organisation on that day
    (None: the lead's part)."""

    on: When
    progress: int
    note: str = ""
    org: str | None = None
    counts: tuple[tuple[str, int], ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoTask:
    title: str
    lead: str
    due: When
    item: int | None = None  # content item number
    partners: tuple[str, ...] = ()
    start: dt.date | None = None
    phase: str = ""
    channels: tuple[str, ...] = ()
    product: str = ""
    description: str = ""
    people: str = ""
    reports: tuple[Report, ...] = ()
    done_on: dt.date | None = None
    cancelled: tuple[dt.date, str] | None = None


@dataclass(frozen=True)
class DemoPlan:
    year: int
    title: str
    signatures: tuple[Sig, ...]
    tasks: tuple[DemoTask, ...]
    summary: str = ""
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class DemoParty:
    org: str
    role: str
    responsibilities: str = ""


@dataclass(frozen=True)
class DemoProgram:
    key: str
    title: str
    start_year: int
    end_year: int
    parties: tuple[DemoParty, ...]
    content_items: tuple[str, ...]
    legal_bases: tuple[str, ...]
    signatures: tuple[Sig, ...]
    plans: tuple[DemoPlan, ...]
    kind: str = Program.Kind.SAME_LEVEL_238
    purpose: str = ""
    info_frequency: str = Program.Frequency.MONTHLY
    info_day: int | None = None
    adhoc_hours: int | None = None
    ending: tuple[str, dt.date, str] | None = None  # (transition, date, reason)
