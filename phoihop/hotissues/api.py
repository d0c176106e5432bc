"""The hot issues API: /hot-issues/ (list, fetch, create — by hand or from a source —,
update, transition, add a source, hand over and answer, share, response tasks) and
/hot-issues/rules/ (escalation rules).

Thin on purpose: reads through the selectors (the list filter is selectors.HotIssueFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.hotissues import selectors, services
from phoihop.hotissues.models import EscalationRule, HotIssue
from phoihop.hotissues.schemas import (
    AnswerIn,
    HandOverIn,
    HandOverOut,
    HotIssueCreateIn,
    HotIssueDetailOut,
    HotIssueFilterIn,
    HotIssueOut,
    HotIssueUpdateIn,
    RuleIn,
    RuleOut,
    RuleUpdateIn,
    ShareIn,
    SourceIn,
    SourceOut,
    TaskIn,
    TaskRefOut,
    TransitionIn,
)
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program

router = Router(tags=["Vấn đề nổi cộm"])


def _detail(user, pk: int) -> HotIssue:
    issue = selectors.get_hot_issue_for_user(user, pk)
    issue.detail_data = selectors.hot_issue_detail(user, issue)
    return issue


def _source(user, payload: SourceIn | None) -> services.SourceRef | None:
    if payload is None:
        return None
    source = selectors.visible_source(user, payload.kind, payload.id)
    if source is None:
        raise ValidationError({"source": [_("Không tìm thấy nguồn.")]})
    return source


def _refs(payload: dict) -> dict:
    """Ids of the payload → objects (422 on an unknown one)."""
    errors, found = {}, {}
    for name, model in (("area", AdministrativeUnit), ("topic", Topic), ("program", Program)):
        if payload.get(name) is None:
            continue
        qs = model.objects.all()
        if model is Program:
            qs = qs.prefetch_related("parties")
        obj = qs.filter(pk=payload[name]).first()
        if obj is None:
            errors[name] = [_("Không tìm thấy.")]
        found[name] = obj
    if errors:
        raise ValidationError(errors)
    return found


# --- hot issues ------------------------------------------------------------------------------


@router.get("/", response={200: list[HotIssueOut], **error_responses(401, 422)}, summary="Danh sách vấn đề nổi cộm")
@paginate(Pagination)
def hot_issue_list(request: HttpRequest, filters: Query[HotIssueFilterIn]):
    """The issues the user may see: their department's, those shared or handed to their
    organisation, and for an upper level those of the departments below. Newest first."""
    return selectors.hot_issue_list(request.auth, selectors.HotIssueFilter(**filters.model_dump()))


@router.get(
    "/{int:issue_id}", response={200: HotIssueDetailOut, **error_responses(401, 404)}, summary="Một vấn đề nổi cộm"
)
def hot_issue_detail(request: HttpRequest, issue_id: int):
    """With sources, timeline, hand-overs, response tasks, shares, SLA timers and the steps
    the user may take now."""
    return _detail(request.auth, issue_id)


@router.post(
    "/",
    response={201: HotIssueDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Mở vấn đề nổi cộm (trực tiếp hoặc từ một nguồn)",
)
def hot_issue_create(request: HttpRequest, payload: HotIssueCreateIn):
    """Only leaders and officers of the owning department. `source` (optional) must be one
    of that department's, visible to the user."""
    user = request.auth
    permissions.check(user, Action.CREATE, HotIssue)
    owner = Organization.objects.filter(pk=payload.owner).select_related("administrative_unit").first()
    if owner is None:
        raise ValidationError({"owner": [_("Không tìm thấy cơ quan.")]})
    data = payload.model_dump()
    refs = _refs(data)
    issue = services.hot_issue_create(
        actor=user,
        owner=owner,
        title=payload.title,
        description=payload.description,
        area=refs.get("area"),
        topic=refs.get("topic"),
        severity=payload.severity,
        is_prominent=payload.is_prominent,
        is_complex=payload.is_complex,
        is_sensitive=payload.is_sensitive,
        program=refs.get("program"),
        source=_source(user, payload.source),
    )
    return Status(201, _detail(user, issue.pk))


@router.patch(
    "/{int:issue_id}",
    response={200: HotIssueDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa vấn đề nổi cộm",
)
def hot_issue_update(request: HttpRequest, issue_id: int, payload: HotIssueUpdateIn):
    """Only the fields given change; `version` is the one read (409 if it changed)."""
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version")
    data.update(_refs(data))
    services.hot_issue_update(actor=user, hot_issue=issue, expected_version=version, **data)
    return _detail(user, issue_id)


@router.post(
    "/{int:issue_id}/transition",
    response={200: HotIssueDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển bước xử lý (kèm lý do)",
)
def hot_issue_transition(request: HttpRequest, issue_id: int, payload: TransitionIn):
    """detected → assessing → advised → escalated → handling → resolved | watching; also
    advised → handling, assessing → watching, watching → handling, resolved → handling.
    Every step needs a reason (422 on `reason`); a step not allowed now is 422 on `action`."""
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    services.hot_issue_transition(
        actor=user, hot_issue=issue, action=payload.action, expected_version=payload.version, reason=payload.reason
    )
    return _detail(user, issue_id)


@router.post(
    "/{int:issue_id}/sources",
    response={201: SourceOut, **error_responses(401, 403, 404, 422)},
    summary="Gộp một nguồn vào vấn đề",
)
def hot_issue_add_source(request: HttpRequest, issue_id: int, payload: SourceIn):
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    link = services.hot_issue_add_source(actor=user, hot_issue=issue, source=_source(user, payload))
    return Status(201, link)


@router.post(
    "/{int:issue_id}/hand-overs",
    response={201: HandOverOut, **error_responses(401, 403, 404, 422)},
    summary="Chuyển cơ quan cùng cấp, cùng địa bàn xử lý",
)
def hot_issue_hand_over(request: HttpRequest, issue_id: int, payload: HandOverIn):
    """Only to an organisation of the department's own level and area (422 otherwise); at
    most one waiting for an answer."""
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    hand_over = services.hot_issue_hand_over(
        actor=user,
        hot_issue=issue,
        to_organization=Organization.objects.filter(pk=payload.to_organization).first(),
        note=payload.note,
    )
    return Status(201, hand_over)


@router.post(
    "/hand-overs/{int:hand_over_id}/answer",
    response={200: HandOverOut, **error_responses(401, 403, 404, 422)},
    summary="Tiếp nhận hoặc trả lại (kèm lý do)",
)
def hand_over_answer(request: HttpRequest, hand_over_id: int, payload: AnswerIn):
    """Editors of the receiving organisation only."""
    user = request.auth
    hand_over = selectors.get_hand_over_for_user(user, hand_over_id)
    if not permissions.may_answer_hand_over(user, hand_over):
        raise PermissionDenied
    return services.hand_over_answer(actor=user, hand_over=hand_over, accept=payload.accept, reason=payload.reason)


@router.put(
    "/{int:issue_id}/shares",
    response={200: HotIssueDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chia sẻ (chỉ xem) với cơ quan cùng cấp, cùng địa bàn",
)
def hot_issue_share(request: HttpRequest, issue_id: int, payload: ShareIn):
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    found = Organization.objects.in_bulk(payload.organizations)
    missing = [pk for pk in payload.organizations if pk not in found]
    if missing:
        raise ValidationError({"organizations": [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": missing}]})
    services.hot_issue_share(
        actor=user, hot_issue=issue, organizations=list(found.values()), expected_version=payload.version
    )
    return _detail(user, issue_id)


@router.get(
    "/{int:issue_id}/tasks", response={200: list[TaskRefOut], **error_responses(401, 404)}, summary="Nhiệm vụ xử lý"
)
def hot_issue_tasks(request: HttpRequest, issue_id: int):
    return _detail(request.auth, issue_id).detail_data["tasks"]


@router.post(
    "/{int:issue_id}/tasks",
    response={201: TaskRefOut, **error_responses(401, 403, 404, 422)},
    summary="Giao nhiệm vụ xử lý (kế hoạch năm của chương trình)",
)
def hot_issue_create_task(request: HttpRequest, issue_id: int, payload: TaskIn):
    """Into this year's annual plan of the issue's programme (422 if there is none)."""
    user = request.auth
    issue = selectors.get_hot_issue_for_user(user, issue_id, Action.CHANGE)
    found = Organization.objects.in_bulk([payload.lead, *payload.partners])
    task = services.hot_issue_create_task(
        actor=user,
        hot_issue=issue,
        title=payload.title,
        lead=found.get(payload.lead),
        partners=[found[pk] for pk in payload.partners if pk in found],
        due_date=payload.due_date,
    )
    task.progress_value = 0
    return Status(201, task)


# --- escalation rules --------------------------------------------------------------------------


@router.get("/rules", response={200: list[RuleOut], **error_responses(401)}, summary="Quy tắc báo cáo Ban Thường vụ")
@paginate(Pagination)
def rule_list(request: HttpRequest):
    return selectors.rule_list(request.auth)


@router.post("/rules", response={201: RuleOut, **error_responses(401, 403, 404, 422)}, summary="Thêm quy tắc báo cáo")
def rule_create(request: HttpRequest, payload: RuleIn):
    """Leaders and officers of the department."""
    user = request.auth
    department = Organization.objects.filter(pk=payload.department).first()
    if department is None:
        raise ValidationError({"department": [_("Không tìm thấy cơ quan.")]})
    if department.pk not in permissions.hot_issue_manager_ids(user) and not user.is_superuser:
        raise PermissionDenied
    rule = services.rule_create(
        actor=user,
        department=department,
        name=payload.name,
        min_severity=payload.min_severity,
        unresolved_days=payload.unresolved_days,
        is_active=payload.is_active,
    )
    return Status(201, rule)


@router.patch(
    "/rules/{int:rule_id}",
    response={200: RuleOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa quy tắc báo cáo",
)
def rule_update(request: HttpRequest, rule_id: int, payload: RuleUpdateIn):
    user = request.auth
    rule = EscalationRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise selectors._not_found()
    permissions.check(user, Action.CHANGE, rule)
    data = payload.model_dump(exclude_unset=True)
    return services.rule_update(actor=user, rule=rule, expected_version=data.pop("version"), **data)
