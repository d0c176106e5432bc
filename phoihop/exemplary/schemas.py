"""Input and output schemas of the exemplary models API. Inputs are strict (unknown fields
are refused); `ExemplaryFilterIn` mirrors selectors.ExemplaryFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from phoihop.core.api import FilterIn, StrictIn, ViDate
from phoihop.exemplary import transitions
from phoihop.exemplary.models import ExemplaryModel
from phoihop.organisations.schemas import OrganizationRefOut

StatusCode = Literal[tuple(ExemplaryModel.Status.values)]  # type: ignore[valid-type]
FieldCode = Literal[tuple(ExemplaryModel.Field.values)]  # type: ignore[valid-type]
ExemplaryAction = Literal[tuple(transitions.EXEMPLARY)]  # type: ignore[valid-type]

VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."
TEXT = 10000
NO_PERSON = "Cách làm của một tập thể; không ghi số điện thoại, thư điện tử, giấy tờ của người dân (422 nếu có)."


class RefOut(Schema):
    id: int
    name: str


class EvidenceOut(Schema):
    id: int
    title: str


class TransitionOut(Schema):
    action: str
    label: str
    needs_reason: bool


class ExemplaryOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    title: str
    description: str
    area: RefOut | None
    field: str
    field_label: str
    year: int
    program_id: int | None
    status: str
    status_label: str
    status_reason: str
    review_note: str
    decided_by: OrganizationRefOut | None
    decision_ref: str
    decided_on: dt.date | None

    @staticmethod
    def resolve_status_label(obj: ExemplaryModel) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_field_label(obj: ExemplaryModel) -> str:
        return str(obj.get_field_display())


class ExemplaryDetailOut(ExemplaryOut):
    evidence_tasks: list[EvidenceOut] = Field(..., description="Nhiệm vụ minh chứng mà người dùng được xem.")
    evidence_documents: list[EvidenceOut] = Field(..., description="Tài liệu minh chứng mà người dùng được xem.")
    evidence_press_items: list[EvidenceOut] = Field(..., description="Tin bài minh chứng mà người dùng được xem.")
    transitions: list[TransitionOut] = Field(
        ..., description="Các thao tác chuyển trạng thái người dùng làm được lúc này."
    )

    @staticmethod
    def resolve_evidence_tasks(obj) -> list:
        return obj.detail_data["tasks"]

    @staticmethod
    def resolve_evidence_documents(obj) -> list:
        return obj.detail_data["documents"]

    @staticmethod
    def resolve_evidence_press_items(obj) -> list:
        return obj.detail_data["press_items"]

    @staticmethod
    def resolve_transitions(obj) -> list[dict]:
        return [
            {"action": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
            for t in obj.detail_data["transitions"]
        ]


class HonourAreaOut(Schema):
    area: RefOut | None
    models: list[ExemplaryOut]


class HonourYearOut(Schema):
    year: int
    areas: list[HonourAreaOut]


# --- inputs ------------------------------------------------------------------------------------


class ExemplaryFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo tên, mô tả, số quyết định; không phân biệt dấu.")
    status: StatusCode | None = None
    year: int | None = Field(None, ge=1900, le=9999)
    field: FieldCode | None = None
    area: int | None = Field(None, description="Mã địa bàn (đơn vị hành chính).")


class HonourRollIn(FilterIn):
    year: int | None = Field(None, ge=1900, le=9999)
    area: int | None = Field(None, description="Mã địa bàn (đơn vị hành chính).")


class ExemplaryIn(StrictIn):
    owner: int = Field(..., description="Mã cơ quan đề nghị (người dùng là lãnh đạo, chuyên viên của cơ quan).")
    title: str = Field(..., max_length=500, description=NO_PERSON)
    description: str = Field(..., max_length=TEXT, description=NO_PERSON)
    field: FieldCode
    year: int = Field(..., ge=1900, le=9999)
    area: int | None = Field(None, description="Mã địa bàn, thuộc địa bàn của cơ quan đề nghị.")
    program: int | None = None
    evidence_tasks: list[int] = Field(default_factory=list)
    evidence_documents: list[int] = Field(default_factory=list)
    evidence_press_items: list[int] = Field(default_factory=list)


class ExemplaryPatch(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    title: str = Field(None, max_length=500)
    description: str = Field(None, max_length=TEXT)
    field: FieldCode = None
    year: int = Field(None, ge=1900, le=9999)
    area: int | None = None
    program: int | None = None
    evidence_tasks: list[int] = None
    evidence_documents: list[int] = None
    evidence_press_items: list[int] = None


class ExemplaryTransitionIn(StrictIn):
    action: ExemplaryAction
    version: int = Field(..., ge=1, description=VERSION_HELP)
    reason: str = Field("", max_length=TEXT, description="Bắt buộc khi không khen thưởng hoặc rút đề nghị.")
    decided_by: int | None = Field(None, description="Mã cơ quan quyết định (commend: bắt buộc).")
    decision_ref: str = Field("", max_length=255, description="Ví dụ: Quyết định số 125-QĐ/TU (commend: bắt buộc).")
    decided_on: ViDate | None = Field(None, description="Ngày quyết định (commend: bắt buộc).")
    review_note: str | None = Field(None, max_length=TEXT)
