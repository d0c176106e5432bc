"""The organisations API: /organisations/, /reorganizations/ and /units/.

Thin on purpose: reads go through the selectors (the same filter definitions the list
pages use), writes through the services, and every object through the permission
module — 404 for those who may not see it, 403 for those who may see but not change it.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.api import Pagination, ViDate, error_responses
from phoihop.organisations import selectors, services
from phoihop.organisations.models import AdministrativeUnitSuccession, Organization, Reorganization
from phoihop.organisations.schemas import (
    HistoryEntryOut,
    OrganizationDetailOut,
    OrganizationFilterIn,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    ReorganizationIn,
    ReorganizationOut,
    UnitAsOfOut,
    UnitDetailOut,
    UnitFilterIn,
    UnitOut,
)

router = Router()
organisations = Router(tags=["Cơ quan, đơn vị"])
reorganizations = Router(tags=["Sắp xếp tổ chức"])
units = Router(tags=["Đơn vị hành chính"])


# --- helpers -------------------------------------------------------------------------


def _resolve_references(user, values: dict) -> dict:
    """Turn the ids of `administrative_unit` and `parent` into objects the user may see."""
    errors: dict[str, list[str]] = {}
    if values.get("administrative_unit") is not None:
        unit_id = values["administrative_unit"]
        values["administrative_unit"] = permissions.visible_units(user).filter(pk=unit_id).first()
        if values["administrative_unit"] is None:
            errors["administrative_unit"] = [_("Không tìm thấy địa bàn có mã %(id)s.") % {"id": unit_id}]
    if values.get("parent") is not None:
        parent_id = values["parent"]
        values["parent"] = permissions.visible_organizations(user).filter(pk=parent_id).first()
        if values["parent"] is None:
            errors["parent"] = [_("Không tìm thấy cơ quan có mã %(id)s.") % {"id": parent_id}]
    if errors:
        raise ValidationError(errors)
    return values


def _organizations_by_id(user, ids: list[int], field: str, errors: dict) -> list[Organization]:
    wanted = list(dict.fromkeys(ids))
    found = {org.pk: org for org in permissions.visible_organizations(user).filter(pk__in=wanted)}
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        errors[field] = [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": ", ".join(missing)}]
    return [found[pk] for pk in wanted if pk in found]


def _organization_detail(user, organization_id: int) -> Organization:
    org = selectors.get_organization_for_user(user, organization_id)
    lineage = selectors.organization_lineage(user, org)

    def link(other: Organization) -> dict:
        return {
            "id": other.pk,
            "name": other.name,
            "valid_from": other.valid_from,
            "valid_to": other.valid_to,
            "visible": other.pk in lineage.visible_ids,
        }

    org.lineage = {
        "predecessors": [link(other) for other in lineage.predecessors],
        "successors": [link(other) for other in lineage.successors],
    }
    return org


# --- organisations -------------------------------------------------------------------


@organisations.get("/", response={200: list[OrganizationOut], **error_responses(401, 422)}, summary="Danh sách cơ quan")
@paginate(Pagination)
def organisation_list(request: HttpRequest, filters: Query[OrganizationFilterIn]):
    """The organisations the user may see, in Vietnamese order; `q` ignores diacritics."""
    return selectors.organization_list(request.auth, selectors.OrganizationFilter(**filters.model_dump()))


@organisations.get(
    "/{organization_id}", response={200: OrganizationDetailOut, **error_responses(401, 404)}, summary="Một cơ quan"
)
def organisation_detail(request: HttpRequest, organization_id: int):
    return _organization_detail(request.auth, organization_id)


@organisations.post(
    "/", response={201: OrganizationDetailOut, **error_responses(401, 403, 422)}, summary="Thêm cơ quan"
)
def organisation_create(request: HttpRequest, payload: OrganizationIn):
    """Administrators only."""
    user = request.auth
    permissions.check(user, Action.CREATE, Organization)
    values = _resolve_references(user, payload.model_dump())
    org = services.organization_create(actor=user, **values)
    return Status(201, _organization_detail(user, org.pk))


@organisations.patch(
    "/{organization_id}",
    response={200: OrganizationDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa cơ quan",
)
def organisation_update(request: HttpRequest, organization_id: int, payload: OrganizationPatch):
    """Administrators only. Send the `version` you read; 409 if someone saved in between."""
    user = request.auth
    org = selectors.get_organization_for_user(user, organization_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    values = _resolve_references(user, values)
    services.organization_update(actor=user, organization=org, expected_version=version, **values)
    return _organization_detail(user, org.pk)


@organisations.get(
    "/{organization_id}/history",
    response={200: list[HistoryEntryOut], **error_responses(401, 404)},
    summary="Lịch sử thay đổi của cơ quan",
)
def organisation_history(request: HttpRequest, organization_id: int):
    """The latest changes, newest first."""
    org = selectors.get_organization_for_user(request.auth, organization_id)
    rows = []
    for entry in history_for(org):
        names = sorted(entry.changes)
        rows.append(
            {
                "id": entry.pk,
                "occurred_at": entry.occurred_at,
                "actor_name": entry.actor_name,
                "organization_name": entry.organization_name,
                "action": entry.action,
                "action_label": str(entry.get_action_display()),
                "event": entry.event,
                "message": entry.message,
                "changes": [
                    {"field": name, "label": label, "before": before, "after": after}
                    for name, (label, before, after) in zip(names, entry.labelled_changes, strict=True)
                ],
            }
        )
    return rows


# --- re-organisations ----------------------------------------------------------------


@reorganizations.get(
    "/", response={200: list[ReorganizationOut], **error_responses(401, 422)}, summary="Sắp xếp tổ chức"
)
@paginate(Pagination)
def reorganization_list(request: HttpRequest):
    """Merges, splits, renames and dissolutions the user may see, latest first."""
    return selectors.reorganization_list(request.auth)


@reorganizations.get(
    "/{reorganization_id}", response={200: ReorganizationOut, **error_responses(401, 404)}, summary="Một lần sắp xếp"
)
def reorganization_detail(request: HttpRequest, reorganization_id: int):
    return selectors.get_reorganization_for_user(request.auth, reorganization_id)


@reorganizations.post(
    "/", response={201: ReorganizationOut, **error_responses(401, 403, 422)}, summary="Ghi nhận sắp xếp tổ chức"
)
def reorganization_create(request: HttpRequest, payload: ReorganizationIn):
    """Administrators only. The predecessors end the day before `effective_date`."""
    user = request.auth
    permissions.check(user, Action.CREATE, Reorganization)
    errors: dict[str, list[str]] = {}
    predecessors = _organizations_by_id(user, payload.predecessors, "predecessors", errors)
    successors = _organizations_by_id(user, payload.successors, "successors", errors)
    if errors:
        raise ValidationError(errors)
    reorg = services.reorganization_record(
        actor=user,
        kind=payload.kind,
        effective_date=payload.effective_date,
        legal_basis=payload.legal_basis,
        note=payload.note,
        predecessors=predecessors,
        successors=successors,
    )
    return Status(201, selectors.get_reorganization_for_user(user, reorg.pk))


# --- administrative units ------------------------------------------------------------


@units.get("/", response={200: list[UnitOut], **error_responses(401, 422)}, summary="Đơn vị hành chính")
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilterIn]):
    """Provinces, districts (before 1/7/2025) and communes; `q` ignores diacritics."""
    return selectors.unit_list(request.auth, selectors.UnitFilter(**filters.model_dump()))


@units.get("/{unit_id}", response={200: UnitDetailOut, **error_responses(401, 404)}, summary="Một đơn vị hành chính")
def unit_detail(request: HttpRequest, unit_id: int):
    unit = selectors.get_unit_for_user(request.auth, unit_id)
    successions = AdministrativeUnitSuccession.objects.select_related("predecessor", "successor")
    before = successions.filter(successor=unit).order_by("effective_date", "predecessor__sort_name", "pk")
    after = successions.filter(predecessor=unit).order_by("effective_date", "successor__sort_name", "pk")
    unit.predecessor_links = [
        {"unit": s.predecessor, "effective_date": s.effective_date, "legal_basis": s.legal_basis} for s in before
    ]
    unit.successor_links = [
        {"unit": s.successor, "effective_date": s.effective_date, "legal_basis": s.legal_basis} for s in after
    ]
    return unit


@units.get(
    "/{unit_id}/as-of",
    response={200: UnitAsOfOut, **error_responses(401, 404, 422)},
    summary="Đơn vị bao phủ địa bàn vào một ngày",
)
def unit_as_of(request: HttpRequest, unit_id: int, date: Query[ViDate]):
    """The unit(s) covering this unit's territory on `date`: itself while it existed,
    else its successors (e.g. a former province → the province it merged into)."""
    unit = selectors.get_unit_for_user(request.auth, unit_id)
    return {"date": date, "units": selectors.unit_as_of(unit, date)}


router.add_router("/organisations/", organisations)
router.add_router("/reorganizations/", reorganizations)
router.add_router("/units/", units)
