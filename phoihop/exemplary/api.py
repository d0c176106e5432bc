"""The exemplary models API (issue 6, item 3): /exemplary-models/ (list, fetch, nominate,
update), /exemplary-models/{id}/transitions (review, commend, not_commend, withdraw) and
/exemplary-models/honour-roll.

Thin on purpose: reads through the selectors, writes through the services, every object
through the permission module — 404 for those who may not see it, 403 for those who see
but may not act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.documents.models import Document
from phoihop.exemplary import selectors, services, transitions
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.schemas import (
    ExemplaryDetailOut,
    ExemplaryFilterIn,
    ExemplaryIn,
    ExemplaryOut,
    ExemplaryPatch,
    ExemplaryTransitionIn,
    HonourRollIn,
    HonourYearOut,
)
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem
from phoihop.programs.models import Program, Task

router = Router(tags=["Điển hình tiên tiến"])

EVIDENCE = (("evidence_tasks", Task), ("evidence_documents", Document), ("evidence_press_items", PressItem))


def _detail(user, model_id: int) -> ExemplaryModel:
    model = selectors.get_exemplary_for_user(user, model_id)
    can_change = permissions.can(user, Action.CHANGE, model)
    decides = permissions.may_decide_exemplary(user, model)
    model.detail_data = {
        **selectors.evidence_for(user, model),
        "transitions": [
            t
            for t in transitions.allowed(transitions.EXEMPLARY, model.status)
            if (t.name in transitions.NOMINATOR_ACTIONS and can_change)
            or (t.name in transitions.DECIDER_ACTIONS and decides)
        ],
    }
    return model


def _not_found(ids) -> str:
    return _("Không tìm thấy: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in ids)}


def _references(values: dict) -> dict:
    """Ids → objects (area, programme, evidence); 422 on an unknown id."""
    errors = {}
    for name, model in (("area", AdministrativeUnit), ("program", Program)):
        if values.get(name) is not None:
            found = model.objects.filter(pk=values[name]).first()
            if found is None:
                errors[name] = [_not_found([values[name]])]
            values[name] = found
    for name, model in EVIDENCE:
        if values.get(name) is not None:
            ids = list(dict.fromkeys(values[name]))
            found = model.objects.in_bulk(ids)
            missing = [pk for pk in ids if pk not in found]
            if missing:
                errors[name] = [_not_found(missing)]
            values[name] = list(found.values())
    if errors:
        raise ValidationError(errors)
    return values


@router.get("/", response={200: list[ExemplaryOut], **error_responses(401, 422)}, summary="Danh sách điển hình")
@paginate(Pagination)
def model_list(request: HttpRequest, filters: Query[ExemplaryFilterIn]):
    """The nominations of the user's organisations and of the levels below them, and every
    commended model. Newest year first, then in Vietnamese order."""
    return selectors.exemplary_list(request.auth, selectors.ExemplaryFilter(**filters.model_dump()))


@router.get("/honour-roll", response={200: list[HonourYearOut], **error_responses(401, 422)}, summary="Bảng vinh danh")
def honour_roll(request: HttpRequest, filters: Query[HonourRollIn]):
    """The commended models by year (newest first), then by area (Vietnamese order)."""
    return selectors.honour_roll(year=filters.year, area=filters.area)


@router.get("/{int:model_id}", response={200: ExemplaryDetailOut, **error_responses(401, 404)}, summary="Một điển hình")
def model_detail(request: HttpRequest, model_id: int):
    """With the evidence the user may see and the transitions the user may make now."""
    return _detail(request.auth, model_id)


@router.post("/", response={201: ExemplaryDetailOut, **error_responses(401, 403, 422)}, summary="Đề nghị điển hình")
def model_create(request: HttpRequest, payload: ExemplaryIn):
    """For an organisation the user edits for; evidence the user may see."""
    user = request.auth
    permissions.check(user, Action.CREATE, ExemplaryModel)
    values = _references(payload.model_dump())
    values["owner"] = Organization.objects.filter(pk=values["owner"]).first()
    if values["owner"] is None:
        raise ValidationError({"owner": [_not_found([payload.owner])]})
    model = services.exemplary_nominate(actor=user, **values)
    return Status(201, _detail(user, model.pk))


@router.patch(
    "/{int:model_id}",
    response={200: ExemplaryDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa đề nghị điển hình",
)
def model_update(request: HttpRequest, model_id: int, payload: ExemplaryPatch):
    """While nominated or under review. Send the `version` you read (409 if someone saved in between)."""
    user = request.auth
    model = selectors.get_exemplary_for_user(user, model_id, Action.CHANGE)
    values = _references(payload.model_dump(exclude_unset=True))
    version = values.pop("version")
    services.exemplary_update(actor=user, exemplary_model=model, expected_version=version, **values)
    return _detail(user, model_id)


@router.post(
    "/{int:model_id}/transitions",
    response={200: ExemplaryDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Xét, quyết định, rút đề nghị",
)
def model_transition(request: HttpRequest, model_id: int, payload: ExemplaryTransitionIn):
    """review, commend (with decided_by, decision_ref, decided_on), not_commend (with a
    reason): the Party committee or propaganda and mass mobilisation department above the
    nominator. withdraw (with a reason): the nominator, before the decision."""
    user = request.auth
    model = selectors.get_exemplary_for_user(user, model_id)
    decided_by = None
    if payload.decided_by is not None:
        decided_by = Organization.objects.filter(pk=payload.decided_by).first()
        if decided_by is None:
            raise ValidationError({"decided_by": [_not_found([payload.decided_by])]})
    services.exemplary_transition(
        actor=user,
        exemplary_model=model,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
        decided_by=decided_by,
        decision_ref=payload.decision_ref,
        decided_on=payload.decided_on,
        review_note=payload.review_note,
    )
    return _detail(user, model_id)
