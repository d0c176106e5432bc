"""Input and output schemas of the press API. Inputs are strict (unknown fields are
refused); `ItemFilterIn` mirrors selectors.ItemFilter."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.organisations.schemas import OrganizationRefOut
from phoihop.press.models import PressSource, Tone

ToneCode = Literal[tuple(Tone.values)]  # type: ignore[valid-type]
KindCode = Literal[tuple(PressSource.Kind.values)]  # type: ignore[valid-type]


class RefOut(Schema):
    id: int
    name: str


class ProgramRefOut(Schema):
    id: int
    title: str


class SourceOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    name: str
    feed_url: str
    kind: str
    is_active: bool
    is_healthy: bool
    last_polled_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None
    consecutive_failures: int
    items_count: int
    last_new_items: int
    last_poll_note: str
    poll_pending: bool = Field(..., description="Đã yêu cầu “lấy tin ngay” và chưa chạy xong.")


class SourceIn(StrictIn):
    owner: int = Field(..., description="Mã ban theo dõi (cơ quan bạn được sửa).")
    name: str = Field(..., max_length=255)
    feed_url: str = Field("", max_length=2000)
    kind: KindCode = "rss"


class SourceUpdateIn(StrictIn):
    version: int = Field(..., ge=1)
    name: str | None = Field(None, max_length=255)
    feed_url: str | None = Field(None, max_length=2000)
    kind: KindCode | None = None
    is_active: bool = Field(None, description="false: tạm dừng; true: tiếp tục theo dõi (không nhận null).")


class ItemOut(Schema):
    id: int
    owner: OrganizationRefOut
    source_id: int | None
    outlet: str
    title: str
    link: str
    published_on: dt.date
    summary: str
    tone: str
    area: RefOut | None
    topic: RefOut | None
    is_hot: bool
    is_flagged: bool
    origin: str


class MatchOut(Schema):
    watch_list_id: int
    watch_list_name: str
    keyword: str
    matched_at: dt.datetime

    @staticmethod
    def resolve_watch_list_name(obj) -> str:
        return obj.watch_list.name


class ItemDetailOut(ItemOut):
    matches: list[MatchOut]
    programs: list[ProgramRefOut]

    @staticmethod
    def resolve_matches(obj) -> list:
        return obj.detail_data["matches"]

    @staticmethod
    def resolve_programs(obj) -> list:
        return obj.detail_data["programs"]


class ItemFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm trong tiêu đề, tóm tắt, tên báo; không phân biệt dấu.")
    source: int | None = None
    outlet: str | None = Field(None, max_length=255)
    date_from: ViDate | None = None
    date_to: ViDate | None = None
    tone: ToneCode | None = None
    topic: int | None = None
    area: int | None = None
    flagged: bool | None = None
    hot: bool | None = None
    program: int | None = None


class ItemIn(StrictIn):
    owner: int
    outlet: str = Field(..., max_length=255)
    title: str = Field(..., max_length=1000)
    link: str = Field("", max_length=2000)
    published_on: ViDate
    summary: str = ""
    tone: ToneCode = "neutral"
    area: int | None = None
    topic: int | None = None
    programs: list[int] = Field(default_factory=list, max_length=50)


class PasteIn(StrictIn):
    owner: int
    text: str = Field(..., description="Mỗi dòng: ngày | cơ quan báo chí | tiêu đề | đường dẫn (tab hoặc |).")
    tone: ToneCode = "neutral"
    topic: int | None = None
    preview: bool = Field(False, description="true: chỉ xem trước, không lưu.")


class PastedLineOut(Schema):
    number: int
    published_on: dt.date | None
    outlet: str
    title: str
    link: str
    error: str
    duplicate: bool


class PasteOut(Schema):
    created: list[int]
    lines: list[PastedLineOut]


class HotIn(StrictIn):
    hot: bool


class WatchListOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    name: str
    keywords: list[str]
    is_active: bool

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        return [line for line in obj.keywords.splitlines() if line]


class WatchListIn(StrictIn):
    owner: int
    name: str = Field(..., max_length=255)
    keywords: list[str] = Field(..., max_length=200, description="Mỗi phần tử một từ khóa.")
    is_active: bool = True


class WatchListUpdateIn(StrictIn):
    version: int = Field(..., ge=1)
    name: str | None = Field(None, max_length=255)
    keywords: list[str] | None = Field(None, max_length=200)
    is_active: bool | None = None


class DigestOut(Schema):
    id: int
    program: ProgramRefOut
    week_start: dt.date
    item_count: int


class DigestDetailOut(DigestOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj) -> list:
        return obj.visible_items

    @staticmethod
    def resolve_item_count(obj) -> int:
        return len(obj.visible_items)


class DigestFilterIn(FilterIn):
    """`?program=`: the digests of one programme (an id that fits a database integer)."""

    program: int | None = None
