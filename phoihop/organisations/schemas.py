"""Input and output schemas of the organisations API. Inputs are strict (unknown fields
are refused); outputs are separate classes so nothing internal leaks by accident."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from phoihop.core.api import FilterIn, In, ViDate
from phoihop.organisations.models import AdministrativeUnit, Level, Organization, Reorganization

OrganizationKind = Literal[tuple(Organization.Kind.values)]  # type: ignore[valid-type]
UnitKind = Literal[tuple(AdministrativeUnit.Kind.values)]  # type: ignore[valid-type]
LevelCode = Literal[tuple(Level.values)]  # type: ignore[valid-type]
ReorganizationKind = Literal[tuple(Reorganization.Kind.values)]  # type: ignore[valid-type]


# --- outputs -------------------------------------------------------------------------


class UnitRefOut(Schema):
    id: int
    code: str
    name: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class OrganizationRefOut(Schema):
    id: int
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    administrative_unit: UnitRefOut | None
    province: UnitRefOut | None
    parent: OrganizationRefOut | None
    issuer_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_historical: bool
    version: int = Field(..., description="Gửi lại trong PATCH để phát hiện sửa đồng thời.")

    @staticmethod
    def resolve_kind_label(obj: Organization) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_level_label(obj: Organization) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_province(obj: Organization):
        unit = obj.administrative_unit
        return unit.province if unit is not None else None


class LineageLinkOut(OrganizationRefOut):
    visible: bool = Field(..., description="Người dùng có được mở cơ quan này không.")


class LineageOut(Schema):
    predecessors: list[LineageLinkOut]
    successors: list[LineageLinkOut]


class OrganizationDetailOut(OrganizationOut):
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime
    lineage: LineageOut


class ChangeOut(Schema):
    field: str
    label: str
    before: Any = None
    after: Any = None


class HistoryEntryOut(Schema):
    id: int
    occurred_at: dt.datetime
    actor_name: str
    organization_name: str
    action: str
    action_label: str
    event: str
    message: str
    changes: list[ChangeOut]


class ReorganizationOut(Schema):
    id: int
    kind: str
    kind_label: str
    effective_date: dt.date
    legal_basis: str
    note: str
    predecessors: list[OrganizationRefOut]
    successors: list[OrganizationRefOut]
    work_carried_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj: Reorganization) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_predecessors(obj: Reorganization):
        return list(obj.predecessors.all())

    @staticmethod
    def resolve_successors(obj: Reorganization):
        return list(obj.successors.all())


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    parent: UnitRefOut | None
    province: UnitRefOut | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_historical: bool

    @staticmethod
    def resolve_kind_label(obj: AdministrativeUnit) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_level_label(obj: AdministrativeUnit) -> str:
        return str(obj.get_level_display())


class UnitSuccessionOut(Schema):
    unit: UnitRefOut
    effective_date: dt.date
    legal_basis: str


class UnitDetailOut(UnitOut):
    predecessors: list[UnitSuccessionOut]
    successors: list[UnitSuccessionOut]

    @staticmethod
    def resolve_predecessors(obj: AdministrativeUnit):
        return obj.predecessor_links  # set by the API view from AdministrativeUnitSuccession rows

    @staticmethod
    def resolve_successors(obj: AdministrativeUnit):
        return obj.successor_links


class UnitAsOfOut(Schema):
    date: dt.date
    units: list[UnitRefOut]


# --- inputs --------------------------------------------------------------------------


class OrganizationFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo tên, không phân biệt dấu.")
    kind: OrganizationKind | None = None
    level: LevelCode | None = None
    unit: int | None = Field(None, description="Mã địa bàn (đơn vị hành chính).")
    province: int | None = Field(None, description="Mã tỉnh: cơ quan của tỉnh và các địa bàn trong tỉnh.")
    valid_on: ViDate | None = Field(None, description="Chỉ các cơ quan có hiệu lực vào ngày này.")
    parent: int | None = Field(None, description="Mã cơ quan cấp trên trực tiếp.")


class UnitFilterIn(FilterIn):
    q: str | None = Field(None, max_length=200, description="Tìm theo tên hoặc mã, không phân biệt dấu.")
    level: LevelCode | None = None
    kind: UnitKind | None = None
    province: int | None = None
    parent: int | None = None
    valid_on: ViDate | None = None


class OrganizationIn(In):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., max_length=255)
    short_name: str | None = Field("", max_length=100)
    kind: OrganizationKind
    level: LevelCode
    administrative_unit: int | None = Field(None, description="Mã địa bàn; để trống với cơ quan cấp Trung ương.")
    parent: int | None = None
    issuer_code: str | None = Field("", max_length=32)
    valid_from: ViDate | None = None
    valid_to: ViDate | None = None
    description: str | None = Field("", max_length=10000)


class OrganizationPatch(In):
    """Only the fields sent are changed. `version` is the one read before editing."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., ge=1)
    # Non-nullable fields default to None only to mark them "not sent"; an explicit null is refused.
    name: str = Field(None, max_length=255)
    short_name: str | None = Field(None, max_length=100)
    kind: OrganizationKind = None
    level: LevelCode = None
    administrative_unit: int | None = None
    parent: int | None = None
    issuer_code: str | None = Field(None, max_length=32)
    valid_from: ViDate | None = None
    valid_to: ViDate | None = None
    description: str | None = Field(None, max_length=10000)


class ReorganizationIn(In):
    model_config = ConfigDict(extra="forbid")

    kind: ReorganizationKind
    effective_date: ViDate
    legal_basis: str = Field(..., max_length=500)
    note: str = Field("", max_length=10000)
    predecessors: list[int] = Field(..., description="Mã các cơ quan trước sắp xếp.")
    successors: list[int] = Field(default_factory=list, description="Mã các cơ quan sau sắp xếp.")
