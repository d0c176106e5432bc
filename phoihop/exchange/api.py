"""The subjects API: /subjects/, /assessments/, /communication-plans/ and /invitations/.

Thin on purpose: reads go through the selectors (the list filter is selectors.SubjectFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see it but may
not act (the services say who may act on a subject: the owner registers, the department
acknowledges, assesses and plans, only a leader of the department approves).
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import ValidationError as PydanticValidationError

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.documents.selectors import documents_for_user
from phoihop.exchange import selectors, services
from phoihop.exchange.models import Invitation, PlanActivity, PlanTemplate, Subject
from phoihop.exchange.schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    AnswerIn,
    AssessmentIn,
    AssessmentOut,
    AssessmentPatch,
    AssessmentTransitionIn,
    CommunicationPlanIn,
    CommunicationPlanOut,
    CommunicationPlanPatch,
    GeneratedOut,
    GenerateIn,
    InvitationDetailOut,
    InvitationFilterIn,
    InvitationIn,
    InvitationOut,
    InvitationPatch,
    InvitationTransitionIn,
    MoveKeyDateIn,
    PlanTemplateOut,
    RescheduleOut,
    SubjectDetailOut,
    SubjectDocumentIn,
    SubjectDocumentUploadIn,
    SubjectFilterIn,
    SubjectIn,
    SubjectOut,
    SubjectPatch,
    SubjectTransitionIn,
)

router = Router()
subjects = Router(tags=["Vấn đề phối hợp"])
assessments = Router(tags=["Thẩm định"])
plans = Router(tags=["Kế hoạch tuyên truyền"])
invitations = Router(tags=["Lời mời"])


def _detail(user, subject_id: int) -> Subject:
    subject = selectors.get_subject_for_user(user, subject_id)
    subject.detail_documents = selectors.subject_documents(user, subject)
    return subject


def _key_dates(items) -> list[services.KeyDateInput]:
    return [services.KeyDateInput(item.label, item.date, item.id) for item in items]


def _activity_values(user, plan, values: dict) -> dict:
    """Ids of `key_date`, `lead` and `partners` → objects: key dates of the plan's subject,
    organisations among the programme's parties (the service names what is wrong)."""
    subject = plan.subject
    errors: dict[str, list[str]] = {}
    parties = {party.organization_id: party.organization for party in subject.program.parties.all()}
    if values.get("key_date") is not None:
        key_id = values["key_date"]
        values["key_date"] = next((k for k in subject.key_dates.all() if k.pk == key_id), None)
        if values["key_date"] is None:
            errors["key_date"] = [_("Không tìm thấy mốc có mã %(id)s trong vấn đề này.") % {"id": key_id}]
    if values.get("lead") is not None:
        lead_id = values["lead"]
        # Beyond the parties, only organisations the user sees: an id must not reveal a name.
        values["lead"] = parties.get(lead_id) or permissions.visible_organizations(user).filter(pk=lead_id).first()
        if values["lead"] is None:
            errors["lead"] = [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": lead_id}]
    if values.get("partners") is not None:
        found = parties | {
            org.pk: org
            for org in permissions.visible_organizations(user).filter(
                pk__in=[pk for pk in values["partners"] if pk not in parties]
            )
        }
        missing = [pk for pk in values["partners"] if pk not in found]
        if missing:
            errors["partners"] = [
                _("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in missing)}
            ]
        values["partners"] = [found[pk] for pk in dict.fromkeys(values["partners"]) if pk in found]
    if errors:
        raise ValidationError(errors)
    return values


# --- subjects ------------------------------------------------------------------------


@subjects.get("/", response={200: list[SubjectOut], **error_responses(401, 422)}, summary="Danh sách vấn đề")
@paginate(Pagination)
def subject_list(request: HttpRequest, filters: Query[SubjectFilterIn]):
    """The subjects of the programmes the user may see, latest year first. `q` ignores diacritics."""
    return selectors.subject_list(request.auth, selectors.SubjectFilter(**filters.model_dump()))


@subjects.get("/{subject_id}", response={200: SubjectDetailOut, **error_responses(401, 404)}, summary="Một vấn đề")
def subject_detail(request: HttpRequest, subject_id: int):
    """With its key dates, assessment, communication plan (activities and their tasks) and
    the transitions allowed now."""
    return _detail(request.auth, subject_id)


@subjects.post("/", response={201: SubjectDetailOut, **error_responses(401, 403, 422)}, summary="Thêm vấn đề")
def subject_create(request: HttpRequest, payload: SubjectIn):
    """A draft subject of `owner` (an organisation you edit for, a party of the programme);
    register it with the transition "register"."""
    user = request.auth
    permissions.check(user, Action.CREATE, Subject)
    values = payload.model_dump()
    program = permissions.visible_programs(user).filter(pk=values["program"]).prefetch_related("parties").first()
    owner = permissions.visible_organizations(user).filter(pk=values["owner"]).first()
    errors = {}
    if program is None:
        errors["program"] = [_("Không tìm thấy chương trình có mã %(id)s.") % {"id": values["program"]}]
    if owner is None:
        errors["owner"] = [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": values["owner"]}]
    if errors:
        raise ValidationError(errors)
    values.update(program=program, owner=owner, key_dates=_key_dates(payload.key_dates))
    subject = services.subject_create(actor=user, **values)
    return Status(201, _detail(user, subject.pk))


@subjects.patch(
    "/{subject_id}",
    response={200: SubjectDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa vấn đề",
)
def subject_update(request: HttpRequest, subject_id: int, payload: SubjectPatch):
    """Only the fields sent change; `key_dates` replaces the list (ids keep theirs). Send the
    `version` you read."""
    user = request.auth
    subject = selectors.get_subject_for_user(user, subject_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    if "key_dates" in values:
        values["key_dates"] = _key_dates(payload.key_dates or [])
    services.subject_update(actor=user, subject=subject, expected_version=version, **values)
    return _detail(user, subject.pk)


@subjects.post(
    "/{subject_id}/transitions",
    response={200: SubjectDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái vấn đề",
)
def subject_transition(request: HttpRequest, subject_id: int, payload: SubjectTransitionIn):
    """register (the owner), acknowledge (the department), close (the department, with a
    reason), cancel (either side, with a reason)."""
    user = request.auth
    subject = _detail(user, subject_id)
    services.subject_transition(
        actor=user, subject=subject, action=payload.action, expected_version=payload.version, reason=payload.reason
    )
    return _detail(user, subject.pk)


@subjects.post(
    "/{subject_id}/key-dates/{key_date_id}/move",
    response={200: RescheduleOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Dời mốc thời gian",
)
def key_date_move(request: HttpRequest, subject_id: int, key_date_id: int, payload: MoveKeyDateIn):
    """Move a key date (within the subject's timeline, with a reason; `version` is the
    subject's). The plan's open tasks dated from it move with it; done and cancelled tasks
    keep their dates."""
    user = request.auth
    subject = _detail(user, subject_id)
    key_date = next((k for k in subject.key_dates.all() if k.pk == key_date_id), None)
    if key_date is None:
        raise Http404
    key_date.subject = subject
    result = services.subject_move_key_date(
        actor=user,
        key_date=key_date,
        new_date=payload.new_date,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return {
        "subject": _detail(user, subject.pk),
        "moved_tasks": [task.pk for task in result.moved],
        "kept_tasks": [task.pk for task in result.kept],
    }


# --- documents of a subject ----------------------------------------------------------

_ATTACH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    **SubjectDocumentUploadIn.model_json_schema(),
                    "properties": {
                        **SubjectDocumentUploadIn.model_json_schema()["properties"],
                        "file": {"type": "string", "format": "binary"},
                    },
                    "required": ["version", "file"],
                }
            },
            "application/json": {"schema": SubjectDocumentIn.model_json_schema()},
        },
    }
}


def _parsed(schema, data, where: str):
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise NinjaValidationError(
            [
                {**error, "loc": (where, "payload", *error["loc"]) if where == "body" else (where, *error["loc"])}
                for error in exc.errors(include_url=False)
            ]
        ) from exc


@subjects.post(
    "/{subject_id}/documents",
    response={201: SubjectDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Gửi kèm tài liệu cho vấn đề",
    openapi_extra=_ATTACH_BODY,
)
def subject_document_attach(request: HttpRequest, subject_id: int):
    """multipart/form-data with a `file` (a new document of the subject's owner, shared
    with the department, checked by content; confidential ones are refused with 422 on
    `file` and nothing is stored), or JSON with an existing `document` of the owner. Only
    editors of the owner attach; `version` is the subject's (409 if it changed)."""
    user = request.auth
    subject = selectors.get_subject_for_user(user, subject_id)
    if not permissions.may_attach_subject_document(user, subject):
        raise PermissionDenied
    if request.content_type == "multipart/form-data":
        payload = _parsed(SubjectDocumentUploadIn, request.POST.dict(), "form")
        values = payload.model_dump()
        version = values.pop("version")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Hãy chọn tệp cần tải lên.")]})
        services.subject_attach_document(actor=user, subject=subject, expected_version=version, file=upload, **values)
    else:
        try:
            data = json.loads(request.body or b"null")
        except ValueError as exc:
            raise HttpError(400, "Cannot parse request body") from exc
        payload = _parsed(SubjectDocumentIn, data, "body")
        document = documents_for_user(user).filter(pk=payload.document).first()
        if document is None:
            message = _("Không tìm thấy tài liệu có mã: %(ids)s.") % {"ids": payload.document}
            raise ValidationError({"document": [message]})
        services.subject_attach_document(
            actor=user, subject=subject, expected_version=payload.version, document=document
        )
    return Status(201, _detail(user, subject.pk))


@subjects.delete(
    "/{subject_id}/documents/{document_id}",
    response={200: SubjectDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Gỡ tài liệu khỏi vấn đề",
)
def subject_document_detach(request: HttpRequest, subject_id: int, document_id: int, version: int):
    """Only the link goes: the document stays in the owner's register. `?version=` is the
    subject's (409 if it changed)."""
    user = request.auth
    subject = selectors.get_subject_for_user(user, subject_id)
    if not permissions.may_attach_subject_document(user, subject):
        raise PermissionDenied
    document = subject.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    services.subject_detach_document(actor=user, subject=subject, document=document, expected_version=version)
    return _detail(user, subject.pk)


@subjects.post(
    "/{subject_id}/assessment",
    response={201: AssessmentOut, **error_responses(401, 403, 404, 422)},
    summary="Lập bản thẩm định",
)
def assessment_create(request: HttpRequest, subject_id: int, payload: AssessmentIn):
    """By the department, on an acknowledged subject; about groups and areas, never persons."""
    user = request.auth
    subject = _detail(user, subject_id)
    assessment = services.assessment_create(actor=user, subject=subject, **payload.model_dump())
    return Status(201, assessment)


@subjects.post(
    "/{subject_id}/communication-plan",
    response={201: CommunicationPlanOut, **error_responses(401, 403, 404, 422)},
    summary="Lập kế hoạch tuyên truyền",
)
def communication_plan_create(request: HttpRequest, subject_id: int, payload: CommunicationPlanIn):
    """From an approved assessment; with a `template`, its activities are dated from `anchor`."""
    user = request.auth
    subject = _detail(user, subject_id)
    errors = {}
    template = None
    if payload.template is not None:
        template = PlanTemplate.objects.filter(pk=payload.template).first()
        if template is None:
            errors["template"] = [_("Không tìm thấy mẫu có mã %(id)s.") % {"id": payload.template}]
    anchor = next((k for k in subject.key_dates.all() if k.pk == payload.anchor), None)
    if payload.anchor is not None and anchor is None:
        errors["anchor"] = [_("Không tìm thấy mốc có mã %(id)s trong vấn đề này.") % {"id": payload.anchor}]
    if errors:
        raise ValidationError(errors)
    plan = services.communication_plan_create(
        actor=user, subject=subject, title=payload.title, template=template, anchor=anchor
    )
    return Status(201, selectors.get_plan_for_user(user, plan.pk))


# --- assessments ---------------------------------------------------------------------


@assessments.get(
    "/{assessment_id}", response={200: AssessmentOut, **error_responses(401, 404)}, summary="Một bản thẩm định"
)
def assessment_detail(request: HttpRequest, assessment_id: int):
    return selectors.get_assessment_for_user(request.auth, assessment_id)


@assessments.patch(
    "/{assessment_id}",
    response={200: AssessmentOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa bản thẩm định",
)
def assessment_update(request: HttpRequest, assessment_id: int, payload: AssessmentPatch):
    """A draft or returned assessment; only the fields sent change."""
    user = request.auth
    assessment = selectors.get_assessment_for_user(user, assessment_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    services.assessment_update(actor=user, assessment=assessment, expected_version=version, **values)
    return selectors.get_assessment_for_user(user, assessment_id)


@assessments.post(
    "/{assessment_id}/transitions",
    response={200: AssessmentOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Trình, phê duyệt, trả lại bản thẩm định",
)
def assessment_transition(request: HttpRequest, assessment_id: int, payload: AssessmentTransitionIn):
    """submit (the department), approve or return (with a reason): a leader of the
    department only — anyone else gets 403 and nothing changes. Approving makes the
    subject "assessed"."""
    user = request.auth
    assessment = selectors.get_assessment_for_user(user, assessment_id)
    services.assessment_transition(
        actor=user,
        assessment=assessment,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return selectors.get_assessment_for_user(user, assessment_id)


# --- communication plans -------------------------------------------------------------


@plans.get(
    "/templates", response={200: list[PlanTemplateOut], **error_responses(401)}, summary="Mẫu kế hoạch tuyên truyền"
)
def template_list(request: HttpRequest, kind: str | None = None):
    """The active templates, those of `kind` first; each activity's offset is relative to the anchor."""
    permissions.check(request.auth, Action.VIEW, PlanTemplate)
    return selectors.templates_for(kind)


@plans.get(
    "/{plan_id}", response={200: CommunicationPlanOut, **error_responses(401, 404)}, summary="Một kế hoạch tuyên truyền"
)
def plan_detail(request: HttpRequest, plan_id: int):
    return selectors.get_plan_for_user(request.auth, plan_id)


@plans.patch(
    "/{plan_id}",
    response={200: CommunicationPlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa kế hoạch tuyên truyền",
)
def plan_update(request: HttpRequest, plan_id: int, payload: CommunicationPlanPatch):
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    services.communication_plan_update(actor=user, plan=plan, expected_version=payload.version, title=payload.title)
    return selectors.get_plan_for_user(user, plan_id)


@plans.post(
    "/{plan_id}/activities",
    response={201: ActivityOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Thêm hoạt động",
)
def activity_create(request: HttpRequest, plan_id: int, payload: ActivityIn):
    """Dated `offset_days` from a key date; before: ≤ 0, after: ≥ 0; within the subject's
    timeline (after: up to 30 days past its end)."""
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    values = _activity_values(request.auth, plan, payload.model_dump())
    version = values.pop("version")
    activity = services.plan_activity_create(actor=user, plan=plan, expected_version=version, **values)
    return Status(201, selectors.get_activity_for_user(user, activity.pk))


@plans.patch(
    "/{plan_id}/activities/{activity_id}",
    response={200: ActivityOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa hoạt động",
)
def activity_update(request: HttpRequest, plan_id: int, activity_id: int, payload: ActivityPatch):
    user = request.auth
    activity = selectors.get_activity_for_user(user, activity_id, Action.CHANGE)
    if activity.plan_id != plan_id:
        raise Http404
    values = _activity_values(request.auth, activity.plan, payload.model_dump(exclude_unset=True))
    version = values.pop("version")
    services.plan_activity_update(actor=user, activity=activity, expected_version=version, **values)
    return selectors.get_activity_for_user(user, activity_id)


@plans.delete(
    "/{plan_id}/activities/{activity_id}",
    response={204: None, **error_responses(401, 403, 404, 409, 422)},
    summary="Bỏ hoạt động",
)
def activity_delete(request: HttpRequest, plan_id: int, activity_id: int, version: int):
    """`version`: the plan's, as a query parameter."""
    user = request.auth
    activity = selectors.get_activity_for_user(user, activity_id, Action.CHANGE)
    if activity.plan_id != plan_id:
        raise Http404
    services.plan_activity_delete(actor=user, activity=activity, expected_version=version)
    return Status(204, None)


@plans.post(
    "/{plan_id}/generate",
    response={200: GeneratedOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Giao nhiệm vụ theo kế hoạch",
)
def plan_generate(request: HttpRequest, plan_id: int, payload: GenerateIn):
    """One task per activity in the programme's annual plan for the subject's year (it must
    exist), with the activity's lead, partners, channels, phase and due date; all or
    nothing."""
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    tasks = services.communication_plan_generate(actor=user, plan=plan, expected_version=payload.version)
    return {"communication_plan": selectors.get_plan_for_user(user, plan_id), "task_ids": [t.pk for t in tasks]}


# --- invitations (issue 4, item 6) --------------------------------------------------------


def _invitation_values(user, subject, values: dict) -> dict:
    """Ids of `invitees`, `inviter` and `activity` → objects (the service says what is
    not allowed: an inviter you do not edit for, an invitee you may not invite…)."""
    errors: dict[str, list[str]] = {}
    if values.get("invitees") is not None:
        ids = list(dict.fromkeys(values["invitees"]))
        found = permissions.visible_organizations(user).in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            errors["invitees"] = [
                _("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in missing)}
            ]
        values["invitees"] = [found[pk] for pk in ids if pk in found]
    if "inviter" in values:
        inviter_id = values["inviter"]
        values["inviter"] = permissions.visible_organizations(user).filter(pk=inviter_id).first()
        if values["inviter"] is None:
            errors["inviter"] = [_("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": inviter_id}]
    if values.get("activity") is not None:
        activity_id = values["activity"]
        values["activity"] = PlanActivity.objects.filter(pk=activity_id, plan__subject=subject).first()
        if values["activity"] is None:
            errors["activity"] = [_("Không tìm thấy hoạt động có mã %(id)s trong vấn đề này.") % {"id": activity_id}]
    if errors:
        raise ValidationError(errors)
    return values


@invitations.get("/", response={200: list[InvitationOut], **error_responses(401, 422)}, summary="Danh sách lời mời")
@paginate(Pagination)
def invitation_list(request: HttpRequest, filters: Query[InvitationFilterIn]):
    """The invitations you see: those your organisations send or receive (once sent), and,
    for an upper level, those of the organisations below. Upcoming ones soonest first."""
    return selectors.invitation_list(request.auth, selectors.InvitationFilter(**filters.model_dump()))


@invitations.get(
    "/{invitation_id}", response={200: InvitationDetailOut, **error_responses(401, 404)}, summary="Một lời mời"
)
def invitation_detail(request: HttpRequest, invitation_id: int):
    """With every invited organisation's answer and the transitions allowed now."""
    return selectors.get_invitation_for_user(request.auth, invitation_id)


@invitations.get(
    "/{invitation_id}/ics",
    response={200: None, **error_responses(401, 404)},
    summary="Lời mời dạng iCalendar (.ics)",
    url_name="invitation_ics",
)
def invitation_ics(request: HttpRequest, invitation_id: int):
    """text/calendar: DTSTART/DTEND in Asia/Ho_Chi_Minh, a UID that stays the same across
    changes, SEQUENCE counting the reschedulings."""
    invitation = selectors.get_invitation_for_user(request.auth, invitation_id)
    response = HttpResponse(selectors.invitation_ics(invitation), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="loi-moi-{invitation.pk}.ics"'
    return response


@invitations.post("/", response={201: InvitationDetailOut, **error_responses(401, 403, 404, 422)}, summary="Mời dự")
def invitation_create(request: HttpRequest, payload: InvitationIn):
    """A draft invitation of `inviter` (a party of the subject's programme you edit for) to
    `invitees`; send it with POST /invitations/{id}/send."""
    user = request.auth
    permissions.check(user, Action.CREATE, Invitation)
    values = payload.model_dump()
    subject = selectors.get_subject_for_user(user, values.pop("subject"))
    invitation = services.invitation_create(actor=user, subject=subject, **_invitation_values(user, subject, values))
    return Status(201, selectors.get_invitation_for_user(user, invitation.pk))


@invitations.patch(
    "/{invitation_id}",
    response={200: InvitationDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa, đổi lịch lời mời",
)
def invitation_update(request: HttpRequest, invitation_id: int, payload: InvitationPatch):
    """Only the fields sent change. On a sent invitation a new day, time or place notifies
    the invitees again; invitees may be added, not removed."""
    user = request.auth
    invitation = selectors.get_invitation_for_user(user, invitation_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    values = _invitation_values(user, invitation.subject, values)
    services.invitation_update(actor=user, invitation=invitation, expected_version=version, **values)
    return selectors.get_invitation_for_user(user, invitation_id)


def _transition(request, invitation_id: int, action: str, payload: InvitationTransitionIn):
    user = request.auth
    invitation = selectors.get_invitation_for_user(user, invitation_id)
    services.invitation_transition(
        actor=user, invitation=invitation, action=action, expected_version=payload.version, reason=payload.reason
    )
    return selectors.get_invitation_for_user(user, invitation_id)


@invitations.post(
    "/{invitation_id}/send",
    response={200: InvitationDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Gửi lời mời",
)
def invitation_send(request: HttpRequest, invitation_id: int, payload: InvitationTransitionIn):
    """The invitees' leaders, officers and focal points are notified."""
    return _transition(request, invitation_id, "send", payload)


@invitations.post(
    "/{invitation_id}/cancel",
    response={200: InvitationDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Hủy lời mời",
)
def invitation_cancel(request: HttpRequest, invitation_id: int, payload: InvitationTransitionIn):
    """With a `reason`; the invitees are notified if it had been sent."""
    return _transition(request, invitation_id, "cancel", payload)


@invitations.post(
    "/{invitation_id}/answer",
    response={200: InvitationDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Trả lời lời mời",
)
def invitation_answer(request: HttpRequest, invitation_id: int, payload: AnswerIn):
    """For one invited `organization` you edit for: attending (`delegates`, `positions` —
    never names) or declined (`reason`). Until the event starts; after that, 422."""
    user = request.auth
    invitation = selectors.get_invitation_for_user(user, invitation_id)
    values = payload.model_dump()
    response = selectors.get_response_for_user(user, invitation, values.pop("organization"))
    version = values.pop("version")
    services.invitation_answer(actor=user, response=response, expected_version=version, **values)
    return selectors.get_invitation_for_user(user, invitation_id)


router.add_router("/subjects/", subjects)
router.add_router("/assessments/", assessments)
router.add_router("/communication-plans/", plans)
router.add_router("/invitations/", invitations)
