"""Input and output schemas of the false claims API. Inputs are strict (unknown fields
are refused); `ClaimFilterIn` mirrors selectors.ClaimFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.claims import transitions
from phoihop.claims.models import FalseClaim
from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.organisations.schemas import OrganizationRefOut

StatusCode = Literal[tuple(FalseClaim.Status.values)]  # type: ignore[valid-type]
ChannelCode = Literal[tuple(FalseClaim.Channel.values)]  # type: ignore[valid-type]
ClaimAction = Literal[tuple(transitions.CLAIM)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 10000
NO_PERSON = "Không ghi tên, số điện thoại, thư điện tử, giấy tờ hay tài khoản của người đăng (422 nếu có)."


class RefOut(Schema):
    id: int
    name: str


class HotIssueRefOut(Schema):
    id: int
    title: str
    status: str


class PressItemRefOut(Schema):
    id: int
    title: str
    outlet: str
    link: str
    published_on: dt.date


class TransitionOut(Schema):
    action: str
    label: str
    needs_reason: bool


class ClaimOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    claim: str
    channel: str
    seen_where: str
    seen_on: dt.date
    area: RefOut | None
    topic: RefOut | None
    status: str
    status_label: str
    status_reason: str
    response: str
    response_published_where: str
    response_url: str
    response_published_on: dt.date | None

    @staticmethod
    def resolve_status_label(obj: FalseClaim) -> str:
        return str(obj.get_status_display())


class ClaimDetailOut(ClaimOut):
    hot_issues: list[HotIssueRefOut] = Field(..., description="Vấn đề nổi cộm liên quan mà người dùng được xem.")
    press_items: list[PressItemRefOut] = Field(..., description="Tin bài liên quan mà người dùng được xem.")
    transitions: list[TransitionOut] = Field(
        ..., description="Các thao tác chuyển trạng thái người dùng làm được lúc này."
    )

    @staticmethod
    def resolve_hot_issues(obj: FalseClaim) -> list:
        return obj.detail_data["hot_issues"]

    @staticmethod
    def resolve_press_items(obj: FalseClaim) -> list:
        return obj.detail_data["press_items"]

    @staticmethod
    def resolve_transitions(obj: FalseClaim) -> list[dict]:
        return [
            {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
            for t in obj.detail_data["transitions"]
        ]


# --- inputs ------------------------------------------------------------------------------------


class ClaimFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo nội dung, nơi phát hiện; không phân biệt dấu.")
    status: StatusCode | None = None
    channel: ChannelCode | None = None
    topic: int | None = Field(None, description="Mã chủ đề.")
    area: int | None = Field(None, description="Mã địa bàn (đơn vị hành chính).")
    seen_from: ViDate | None = Field(None, description="Phát hiện từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd).")
    seen_to: ViDate | None = Field(None, description="Phát hiện đến ngày.")


class ClaimIn(StrictIn):
    owner: int = Field(..., description="Mã ban theo dõi (người dùng là lãnh đạo, chuyên viên của ban).")
    claim: str = Field(..., max_length=TEXT, description="Nội dung đang lan truyền. " + NO_PERSON)
    channel: ChannelCode
    seen_where: str = Field(
        ..., max_length=500, description="Cơ quan báo chí, trang, nhóm hoặc nền tảng — không phải một người."
    )
    seen_on: ViDate
    area: int | None = None
    topic: int | None = None


class ClaimPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    claim: str = Field(None, max_length=TEXT)
    channel: ChannelCode = None
    seen_where: str = Field(None, max_length=500)
    seen_on: ViDate = None
    area: int | None = None
    topic: int | None = None


class ClaimTransitionIn(StrictIn):
    action: ClaimAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT, description="Bắt buộc khi sửa kết luận hoặc xác minh lại.")


class ResponseIn(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    response: str = Field("", max_length=TEXT)
    published_where: str = Field("", max_length=500)
    url: str = Field("", max_length=2000)
    published_on: ViDate | None = None


class LinksIn(StrictIn):
    hot_issues: list[int] = Field(default_factory=list, description="Mã các vấn đề nổi cộm của cùng ban.")
    press_items: list[int] = Field(default_factory=list, description="Mã các tin bài của cùng ban.")
