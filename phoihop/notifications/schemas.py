"""Input and output schemas of the notifications API. Inputs are strict; the filter
mirrors selectors.NotificationFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from phoihop.core.api import FilterIn, In
from phoihop.notifications import kinds
from phoihop.notifications.kinds import Delivery

KindCode = Literal[tuple(kinds.BY_KEY)]  # type: ignore[valid-type]
DeliveryCode = Literal[tuple(Delivery.values)]  # type: ignore[valid-type]


class NotificationFilterIn(FilterIn):
    """selectors.NotificationFilter as query parameters."""

    unread: bool = Field(False, description="Chỉ thông báo chưa đọc.")
    kind: KindCode | None = Field(None, description="Loại thông báo.")


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    url: str = Field(..., description="Trang của hệ thống mà thông báo nói tới (đường dẫn tương đối).")
    created_at: dt.datetime
    read_at: dt.datetime | None
    delivered_at: dt.datetime | None = Field(..., description="Lúc đã gửi thư điện tử (riêng hoặc trong thư tổng hợp).")


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int = Field(..., description="Số thông báo vừa được đánh dấu là đã đọc.")


class PreferenceOut(Schema):
    kind: str
    label: str
    delivery: str
    default: str


class PreferenceIn(In):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(..., max_length=64, description="Loại thông báo.")
    delivery: str = Field(..., max_length=16, description="immediate, digest hoặc in_app.")


class PreferencesIn(In):
    model_config = ConfigDict(extra="forbid")

    preferences: list[PreferenceIn] = Field(..., max_length=100)
