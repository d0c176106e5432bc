"""The false claims API (issue 5, item 5): /claims/ (list, fetch, create, update),
/claims/{id}/transitions, /claims/{id}/response, /claims/{id}/links and /unlinks.

Thin on purpose: reads through the selectors (the list filter is selectors.ClaimFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.claims import selectors, services, transitions
from phoihop.claims.models import FalseClaim
from phoihop.claims.schemas import (
    ClaimDetailOut,
    ClaimFilterIn,
    ClaimIn,
    ClaimOut,
    ClaimPatch,
    ClaimTransitionIn,
    LinksIn,
    ResponseIn,
)
from phoihop.core.api import Pagination, error_responses
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press.models import PressItem

router = Router(tags=["Thông tin sai sự thật"])


def _detail(user, claim_id: int) -> FalseClaim:
    false_claim = selectors.get_claim_for_user(user, claim_id)
    can_change = permissions.can(user, Action.CHANGE, false_claim)
    false_claim.detail_data = {
        **selectors.claim_links(user, false_claim),
        "transitions": transitions.allowed(transitions.CLAIM, false_claim.status) if can_change else [],
    }
    return false_claim


def _not_found(ids) -> str:
    return _("Không tìm thấy: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in ids)}


def _references(values: dict) -> dict:
    """Ids → objects for area and topic; 422 on an unknown id."""
    errors = {}
    for name, model in (("area", AdministrativeUnit), ("topic", Topic)):
        if values.get(name) is not None:
            found = model.objects.filter(pk=values[name]).first()
            if found is None:
                errors[name] = [_not_found([values[name]])]
            values[name] = found
    if errors:
        raise ValidationError(errors)
    return values


@router.get("/", response={200: list[ClaimOut], **error_responses(401, 422)}, summary="Danh sách thông tin sai sự thật")
@paginate(Pagination)
def claim_list(request: HttpRequest, filters: Query[ClaimFilterIn]):
    """The claims the user may see: their departments', those linked to a hot issue shared
    with their organisation, and for an upper level those of the levels below. Newest first."""
    return selectors.claim_list(request.auth, selectors.ClaimFilter(**filters.model_dump()))


@router.get(
    "/{int:claim_id}", response={200: ClaimDetailOut, **error_responses(401, 404)}, summary="Một thông tin sai sự thật"
)
def claim_detail(request: HttpRequest, claim_id: int):
    """With the linked hot issues and press items the user may see and the transitions allowed now."""
    return _detail(request.auth, claim_id)


@router.post(
    "/",
    response={201: ClaimDetailOut, **error_responses(401, 403, 422)},
    summary="Ghi nhận thông tin sai sự thật",
)
def claim_create(request: HttpRequest, payload: ClaimIn):
    """For a department the user edits for. Where it was seen is an outlet or a channel,
    never a person: an e-mail address, a phone or identity number, a profile link in
    `claim` or `seen_where` is refused (422)."""
    user = request.auth
    permissions.check(user, Action.CREATE, FalseClaim)
    values = _references(payload.model_dump())
    values["owner"] = Organization.objects.filter(pk=values["owner"]).first()
    if values["owner"] is None:
        raise ValidationError({"owner": [_not_found([payload.owner])]})
    false_claim = services.false_claim_create(actor=user, **values)
    return Status(201, _detail(user, false_claim.pk))


@router.patch(
    "/{int:claim_id}",
    response={200: ClaimDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa thông tin sai sự thật",
)
def claim_update(request: HttpRequest, claim_id: int, payload: ClaimPatch):
    """Only the fields sent change. Send the `version` you read (409 if someone saved in between)."""
    user = request.auth
    false_claim = selectors.get_claim_for_user(user, claim_id, Action.CHANGE)
    values = _references(payload.model_dump(exclude_unset=True))
    version = values.pop("version")
    services.false_claim_update(actor=user, false_claim=false_claim, expected_version=version, **values)
    return _detail(user, claim_id)


@router.post(
    "/{int:claim_id}/transitions",
    response={200: ClaimDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển kết quả xác minh",
)
def claim_transition(request: HttpRequest, claim_id: int, payload: ClaimTransitionIn):
    """verify; conclude_false, conclude_misleading, conclude_true; revise_* and reopen
    (with a `reason`)."""
    user = request.auth
    false_claim = selectors.get_claim_for_user(user, claim_id, Action.CHANGE)
    services.false_claim_transition(
        actor=user,
        false_claim=false_claim,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _detail(user, claim_id)


@router.put(
    "/{int:claim_id}/response",
    response={200: ClaimDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Ghi nhận thông tin chính thức",
)
def claim_respond(request: HttpRequest, claim_id: int, payload: ResponseIn):
    """Text, where published, link and date — all four, for a claim concluded false or
    misleading; all four empty removes the response."""
    user = request.auth
    false_claim = selectors.get_claim_for_user(user, claim_id, Action.CHANGE)
    services.false_claim_respond(
        actor=user,
        false_claim=false_claim,
        expected_version=payload.version,
        response=payload.response,
        published_where=payload.published_where,
        url=payload.url,
        published_on=payload.published_on,
    )
    return _detail(user, claim_id)


def _linked(payload: LinksIn) -> tuple[list, list]:
    errors = {}
    found = {}
    for name, model, ids in (
        ("hot_issues", HotIssue, payload.hot_issues),
        ("press_items", PressItem, payload.press_items),
    ):
        objects = model.objects.in_bulk(list(dict.fromkeys(ids)))
        missing = [pk for pk in dict.fromkeys(ids) if pk not in objects]
        if missing:
            errors[name] = [_not_found(missing)]
        found[name] = list(objects.values())
    if errors:
        raise ValidationError(errors)
    return found["hot_issues"], found["press_items"]


@router.post(
    "/{int:claim_id}/links",
    response={200: ClaimDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Liên kết vấn đề nổi cộm, tin bài",
)
def claim_link(request: HttpRequest, claim_id: int, payload: LinksIn):
    """Hot issues and press items the user sees and that belong to the claim's department
    (422 otherwise). Linking what is already linked changes nothing."""
    user = request.auth
    false_claim = selectors.get_claim_for_user(user, claim_id, Action.CHANGE)
    hot_issues, press_items = _linked(payload)
    services.false_claim_link(actor=user, false_claim=false_claim, hot_issues=hot_issues, press_items=press_items)
    return _detail(user, claim_id)


@router.post(
    "/{int:claim_id}/unlinks",
    response={200: ClaimDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Bỏ liên kết vấn đề nổi cộm, tin bài",
)
def claim_unlink(request: HttpRequest, claim_id: int, payload: LinksIn):
    """Removing a link that is not there changes nothing."""
    user = request.auth
    false_claim = selectors.get_claim_for_user(user, claim_id, Action.CHANGE)
    services.false_claim_unlink(
        actor=user,
        false_claim=false_claim,
        hot_issues=list(false_claim.hot_issues.filter(pk__in=payload.hot_issues)),
        press_items=list(false_claim.press_items.filter(pk__in=payload.press_items)),
    )
    return _detail(user, claim_id)
