"""Input and output schemas of the information provision API. Inputs are strict
(unknown fields are refused); `ProvisionFilterIn` mirrors selectors.ProvisionFilter."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from phoihop.core.api import FilterIn
from phoihop.documents.models import Classification
from phoihop.organisations.schemas import OrganizationRefOut
from phoihop.provisions.models import InformationProvision

KindCode = Literal[tuple(InformationProvision.Kind.values)]  # type: ignore[valid-type]
ClassificationCode = Literal[tuple(Classification.values)]  # type: ignore[valid-type]


class ProgramRefOut(Schema):
    id: int
    title: str


class DocumentRefOut(Schema):
    id: int
    title: str
    number_symbol: str
    classification: str


class ProvisionOut(Schema):
    id: int
    version: int
    program: ProgramRefOut
    provider: OrganizationRefOut
    receiver: OrganizationRefOut
    kind: str
    subject: str = Field(..., description="Kỳ (“Tháng 3/2026”) hoặc sự việc.")
    frequency: str
    year: int
    period: int | None
    incident_title: str
    incident_at: dt.datetime | None
    due_at: dt.datetime | None = Field(..., description="Hạn cung cấp khi gửi (cuối ngày hạn với định kỳ).")
    on_time: bool | None = Field(..., description="Đúng hạn hay chậm; null nếu không có hạn.")
    content: str
    provided_at: dt.datetime
    provided_by_name: str
    corrects_id: int | None = Field(..., description="Lần cung cấp được đính chính, bổ sung.")
    acknowledged_at: dt.datetime | None
    acknowledged_by_name: str

    @staticmethod
    def resolve_on_time(obj: InformationProvision) -> bool | None:
        return obj.is_on_time()

    @staticmethod
    def resolve_provided_by_name(obj: InformationProvision) -> str:
        user = obj.provided_by
        return (user.get_full_name() or user.get_username()) if user else ""

    @staticmethod
    def resolve_acknowledged_by_name(obj: InformationProvision) -> str:
        user = obj.acknowledged_by
        return (user.get_full_name() or user.get_username()) if user else ""


class ProvisionDetailOut(ProvisionOut):
    documents: list[DocumentRefOut]
    corrections: list[int] = Field(
        ..., description="Các lần đính chính, bổ sung (cùng kỳ hoặc sự việc), theo thời gian."
    )

    @staticmethod
    def resolve_documents(obj: InformationProvision) -> list:
        return obj.detail_data["documents"]

    @staticmethod
    def resolve_corrections(obj: InformationProvision) -> list[int]:
        return [item.pk for item in obj.detail_data["chain"] if item.corrects_id is not None]


class CellOut(Schema):
    period: int
    label: str
    due: dt.date
    state: Literal["on_time", "late", "missing", "not_yet_due", "not_expected"]
    provision_id: int | None
    acknowledged: bool
    corrections: int


class MatrixRowOut(Schema):
    provider: OrganizationRefOut
    cells: list[CellOut]
    adhoc_count: int
    adhoc_on_time: int
    adhoc_late: int


class MatrixOut(Schema):
    program: ProgramRefOut
    year: int
    frequency: str
    info_day: int | None
    adhoc_hours: int | None
    receiver: OrganizationRefOut | None
    rows: list[MatrixRowOut]
    totals: dict[str, int]


# --- inputs --------------------------------------------------------------------------


class ProvisionFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo nội dung, sự việc; không phân biệt dấu.")
    program: int | None = None
    provider: int | None = Field(None, description="Mã cơ quan cung cấp.")
    receiver: int | None = Field(None, description="Mã cơ quan nhận.")
    kind: KindCode | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    acknowledged: bool | None = Field(None, description="true: đã xác nhận đã nhận; false: chưa.")


class ProvisionFields(Schema):
    program: int
    provider: int = Field(..., description="Mã cơ quan cung cấp (cơ quan phối hợp của chương trình).")
    receiver: int = Field(..., description="Mã cơ quan nhận (cơ quan chủ trì của chương trình).")
    kind: KindCode = InformationProvision.Kind.PERIODIC
    year: int | None = Field(None, ge=1900, le=2200, description="Định kỳ: năm của kỳ.")
    period: int | None = Field(
        None, ge=1, le=12, description="Định kỳ: số kỳ (tháng 1–12, quý 1–4, nửa năm 1–2, năm 1)."
    )
    incident_title: str = Field("", max_length=500, description="Đột xuất: sự việc.")
    incident_at: dt.datetime | None = Field(None, description="Đột xuất: thời điểm xảy ra (yyyy-mm-ddThh:mm+07:00).")
    content: str = Field(..., max_length=100000)
    documents: list[int] = Field([], description="Mã các tài liệu đã có (của cơ quan cung cấp, hoặc công khai).")
    corrects: int | None = Field(None, description="Đính chính, bổ sung cho lần cung cấp này.")
    corrects_version: int | None = Field(
        None, ge=1, description="Phiên bản đã đọc của lần được đính chính; 409 nếu đã đổi."
    )


class ProvisionIn(ProvisionFields):
    """JSON: documents by id (none uploaded)."""

    model_config = ConfigDict(extra="forbid")


class ProvisionUploadIn(ProvisionFields):
    """multipart/form-data fields (the files are the `files` parts)."""

    file_classification: ClassificationCode = Field(
        Classification.INTERNAL, description="Phân loại các tệp; văn bản mật bị từ chối (kênh bảo mật)."
    )
