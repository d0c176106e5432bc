"""Input and output schemas of the documents API. Inputs are strict (unknown fields are
refused); outputs are separate classes so nothing internal leaks (never a stored path).
`DocumentFilterIn` mirrors selectors.DocumentFilter field for field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from phoihop.core.api import FilterIn, In, StrictIn, ViDate
from phoihop.documents.models import Classification, Document, DocumentVersion, IncomingEntry, SecrecyLevel
from phoihop.organisations.schemas import OrganizationRefOut

ClassificationCode = Literal[tuple(Classification.values)]  # type: ignore[valid-type]
SecrecyCode = Literal[("", *SecrecyLevel.values)]  # type: ignore[valid-type]
VERSION_HELP = "Phiên bản đã đọc; 409 nếu người khác đã lưu trước."


class VersionOut(Schema):
    id: int
    number: int
    file_name: str = Field(..., description="Tên tệp như khi tải lên.")
    size: int = Field(..., description="Dung lượng, byte.")
    kind: str = Field(..., description="Loại tệp, xác định theo nội dung (không theo tên).")
    content_type: str
    sha256: str
    note: str
    uploaded_by_name: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_file_name(obj: DocumentVersion) -> str:
        return obj.original_name

    @staticmethod
    def resolve_uploaded_by_name(obj: DocumentVersion) -> str:
        user = obj.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else ""

    @staticmethod
    def resolve_uploaded_at(obj: DocumentVersion) -> dt.datetime:
        return obj.created_at

    @staticmethod
    def resolve_download_url(obj: DocumentVersion) -> str:
        return reverse("api:document_version_download", kwargs={"version_id": obj.pk})


class DocumentOut(Schema):
    id: int
    version: int
    owner: OrganizationRefOut
    title: str
    number_symbol: str
    issued_on: dt.date | None
    issuer: str
    summary: str
    classification: str
    classification_label: str
    secrecy_level: str
    secure_channel: bool = Field(..., description="Văn bản mật: chỉ ghi nhận tồn tại, chuyển qua kênh bảo mật.")
    year: int

    @staticmethod
    def resolve_classification_label(obj: Document) -> str:
        return str(obj.get_classification_display())


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]
    shared_with: list[OrganizationRefOut]

    @staticmethod
    def resolve_versions(obj: Document) -> list:
        return obj.detail_data["versions"]

    @staticmethod
    def resolve_shared_with(obj: Document) -> list:
        return [share.organization for share in obj.detail_data["shares"]]


class IncomingEntryOut(Schema):
    id: int
    receiving_organization: OrganizationRefOut
    year: int
    number: int = Field(..., description="Số đến, liên tục theo cơ quan nhận và năm.")
    document_id: int
    received_on: dt.date
    sender: str
    note: str

    @staticmethod
    def resolve_sender(obj: IncomingEntry) -> str:
        return obj.sender


# --- inputs --------------------------------------------------------------------------


class DocumentFilterIn(FilterIn):
    """selectors.DocumentFilter as query parameters."""

    q: str | None = Field(None, max_length=200, description="Tìm theo tên, số ký hiệu, trích yếu; không phân biệt dấu.")
    classification: ClassificationCode | None = None
    owner: int | None = Field(None, description="Mã cơ quan sở hữu.")
    year: int | None = Field(None, ge=1945, le=2100)
    shared_with_me: bool = Field(False, description="Chỉ tài liệu được chia sẻ với cơ quan của tôi.")


class DocumentCreateIn(In):
    """multipart/form-data fields (the file is the `file` part)."""

    owner: int = Field(..., description="Mã cơ quan sở hữu (cơ quan bạn làm việc cho).")
    title: str = Field(..., max_length=500)
    number_symbol: str = Field("", max_length=100, description="Ví dụ: 93-CV/TU hoặc 12/KH-UBND.")
    issued_on: ViDate | None = Field(None, description="Ngày ban hành (dd/mm/yyyy).")
    issuer: str = Field("", max_length=255)
    summary: str = Field("", max_length=10000)
    classification: ClassificationCode = Classification.INTERNAL
    secrecy_level: SecrecyCode = Field("", description="Độ mật, chỉ với văn bản mật.")
    note: str = Field("", max_length=500)
    shared_with: list[int] = Field([], description="Mã các cơ quan được chia sẻ.")


class DocumentPatch(StrictIn):
    """Only the fields sent are changed."""

    version: int = Field(..., ge=1, description=VERSION_HELP)
    title: str = Field(None, max_length=500)
    number_symbol: str = Field(None, max_length=100)
    issued_on: ViDate | None = None
    issuer: str = Field(None, max_length=255)
    summary: str = Field(None, max_length=10000)
    classification: ClassificationCode = None
    secrecy_level: SecrecyCode = None


class VersionIn(In):
    """multipart/form-data fields of a new version (the file is the `file` part)."""

    version: int = Field(..., ge=1, description=VERSION_HELP)
    note: str = Field("", max_length=500)


class ShareIn(StrictIn):
    version: int = Field(..., ge=1, description=VERSION_HELP)
    organizations: list[int] = Field(..., description="Mã các cơ quan được chia sẻ (thay cho danh sách cũ).")


class IncomingIn(StrictIn):
    receiving_organization: int = Field(..., description="Mã cơ quan nhận (của sổ).")
    document: int
    received_on: ViDate
    sender_organization: int | None = None
    sender_name: str = Field("", max_length=255)
    note: str = Field("", max_length=500)
