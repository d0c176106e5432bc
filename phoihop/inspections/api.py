"""The inspections API (issue 6, item 2): /inspections/ (list, fetch, create, update),
/inspections/{id}/transitions, /inspections/{id}/conclusions and
/inspections/{id}/conclusions/{cid}/tasks (a remediation task).

Thin on purpose: reads through the selectors (the list filter is
selectors.InspectionFilter, the one the list page uses), writes through the services,
every object through the permission module — 404 for those who may not see it, 403 for
those who see but may not act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.inspections import selectors, services, transitions
from phoihop.inspections.models import Inspection
from phoihop.inspections.schemas import (
    ConclusionIn,
    InspectionDetailOut,
    InspectionFilterIn,
    InspectionIn,
    InspectionOut,
    InspectionPatch,
    InspectionTransitionIn,
    RemediationTaskIn,
)
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program, ProgramParty

router = Router(tags=["Kiểm tra"])


def _detail(user, inspection_id: int) -> Inspection:
    inspection = selectors.get_inspection_for_user(user, inspection_id)
    can_change = permissions.can(user, Action.CHANGE, inspection)
    inspection.detail_data = {
        "conclusions": selectors.conclusions_with_tasks(inspection),
        "transitions": transitions.allowed(transitions.INSPECTION, inspection.status) if can_change else [],
    }
    return inspection


def _not_found(ids) -> str:
    return _("Không tìm thấy: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in ids)}


def _references(values: dict) -> dict:
    """Ids → objects for the inspected organisation and the programme; 422 on an unknown id."""
    errors = {}
    for name, model in (("inspected", Organization), ("program", Program)):
        if values.get(name) is not None:
            found = model.objects.filter(pk=values[name]).first()
            if found is None:
                errors[name] = [_not_found([values[name]])]
            values[name] = found
    if errors:
        raise ValidationError(errors)
    return values


@router.get("/", response={200: list[InspectionOut], **error_responses(401, 422)}, summary="Danh sách cuộc kiểm tra")
@paginate(Pagination)
def inspection_list(request: HttpRequest, filters: Query[InspectionFilterIn]):
    """The inspections the user may see: made by or of their organisations, and for an upper
    level those of the levels below. Newest first."""
    return selectors.inspection_list(request.auth, selectors.InspectionFilter(**filters.model_dump()))


@router.get(
    "/{int:inspection_id}",
    response={200: InspectionDetailOut, **error_responses(401, 404)},
    summary="Một cuộc kiểm tra",
)
def inspection_detail(request: HttpRequest, inspection_id: int):
    """With its conclusions, their remediation tasks (bucket, progress) and the transitions allowed now."""
    return _detail(request.auth, inspection_id)


@router.post("/", response={201: InspectionDetailOut, **error_responses(401, 403, 422)}, summary="Lập cuộc kiểm tra")
def inspection_create(request: HttpRequest, payload: InspectionIn):
    """For an inspecting organisation the user edits for."""
    user = request.auth
    permissions.check(user, Action.CREATE, Inspection)
    values = _references(payload.model_dump())
    values["owner"] = Organization.objects.filter(pk=values["owner"]).first()
    if values["owner"] is None:
        raise ValidationError({"owner": [_not_found([payload.owner])]})
    inspection = services.inspection_create(actor=user, **values)
    return Status(201, _detail(user, inspection.pk))


@router.patch(
    "/{int:inspection_id}",
    response={200: InspectionDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa cuộc kiểm tra",
)
def inspection_update(request: HttpRequest, inspection_id: int, payload: InspectionPatch):
    """Only the fields sent change. Send the `version` you read (409 if someone saved in between)."""
    user = request.auth
    inspection = selectors.get_inspection_for_user(user, inspection_id, Action.CHANGE)
    values = _references(payload.model_dump(exclude_unset=True))
    version = values.pop("version")
    services.inspection_update(actor=user, inspection=inspection, expected_version=version, **values)
    return _detail(user, inspection_id)


@router.post(
    "/{int:inspection_id}/transitions",
    response={200: InspectionDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái cuộc kiểm tra",
)
def inspection_transition(request: HttpRequest, inspection_id: int, payload: InspectionTransitionIn):
    """start; conclude; close (only once every conclusion is remedied); resume, reopen (with a `reason`)."""
    user = request.auth
    inspection = selectors.get_inspection_for_user(user, inspection_id, Action.CHANGE)
    services.inspection_transition(
        actor=user,
        inspection=inspection,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _detail(user, inspection_id)


@router.post(
    "/{int:inspection_id}/conclusions",
    response={201: InspectionDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Ghi kết luận kiểm tra",
)
def conclusion_add(request: HttpRequest, inspection_id: int, payload: ConclusionIn):
    """While the inspection is in progress or concluded; numbered 1, 2, 3… unless a number is given."""
    user = request.auth
    inspection = selectors.get_inspection_for_user(user, inspection_id, Action.CHANGE)
    services.conclusion_add(actor=user, inspection=inspection, **payload.model_dump())
    return Status(201, _detail(user, inspection_id))


@router.post(
    "/{int:inspection_id}/conclusions/{int:conclusion_id}/tasks",
    response={201: InspectionDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Lập nhiệm vụ khắc phục",
)
def remediation_task_create(request: HttpRequest, inspection_id: int, conclusion_id: int, payload: RemediationTaskIn):
    """A task in this year's plan of the inspection's programme, led by the inspected
    organisation unless another party is given; 422 without a programme or a plan."""
    user = request.auth
    inspection = selectors.get_inspection_for_user(user, inspection_id)
    if not permissions.may_plan_remediation(user, inspection):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    conclusion = selectors.get_conclusion(inspection, conclusion_id)
    ids = [pk for pk in [payload.lead, *payload.partners] if pk is not None]
    # the programme's parties and the organisations the user sees: any other id is unknown
    # (the refusal would otherwise name it)
    parties = ProgramParty.objects.filter(program_id=inspection.program_id).values("organization_id")
    found = Organization.objects.filter(
        Q(pk__in=permissions.visible_organizations(user).values("pk")) | Q(pk__in=parties)
    ).in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {"partners" if payload.lead in found or payload.lead is None else "lead": [_not_found(missing)]}
        )
    services.remediation_task_create(
        actor=user,
        conclusion=conclusion,
        title=payload.title,
        due_date=payload.due_date,
        lead=found.get(payload.lead) if payload.lead else None,
        partners=[found[pk] for pk in payload.partners],
        description=payload.description,
    )
    return Status(201, _detail(user, inspection_id))
