"""Input and output schemas of the search API."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn
from phoihop.search.registry import BY_KEY

KindCode = Literal[tuple(BY_KEY)]  # type: ignore[valid-type]


class SearchIn(FilterIn):
    q: str = Field("", description="Từ khóa, có dấu hoặc không dấu (“dat dai” tìm được “đất đai”).")
    kind: KindCode | None = Field(None, description="Chỉ tìm một loại.")
    page: int = Field(1, ge=1, le=100_000, description="Trang, bắt đầu từ 1.")


class HitOut(Schema):
    kind: str
    id: int = Field(..., description="Mã của bản ghi (theo loại).")
    title: str
    title_html: str = Field(..., description="Tiêu đề, HTML đã thoát, từ tìm được trong thẻ <mark>.")
    snippet: str = Field(..., description="Đoạn trích quanh từ tìm được, HTML đã thoát, từ tìm được trong thẻ <mark>.")
    url: str
    rank: float = Field(..., description="Điểm xếp hạng: càng lớn càng phù hợp.")


class KindCountOut(Schema):
    kind: str
    label: str
    count: int


class SearchOut(Schema):
    q: str
    too_short: bool = Field(..., description="Từ khóa quá ngắn: không tìm.")
    items: list[HitOut]
    count: int
    page: int
    pages: int
    kinds: list[KindCountOut] = Field(..., description="Số kết quả theo từng loại (để lọc).")
