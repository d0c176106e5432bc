"""The meetings API (issue 6, item 1): /meetings/ (list, fetch, create, update, .ics),
/meetings/{id}/transitions, /meetings/{id}/conclusions (add, edit, delete) and
/meetings/{id}/conclusions/{id}/task (a conclusion becomes a task).

Thin on purpose: reads through the selectors (the list filter is selectors.MeetingFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.meetings import selectors, services, transitions
from phoihop.meetings.models import Meeting, MeetingParticipant
from phoihop.meetings.schemas import (
    ConclusionIn,
    ConclusionOut,
    ConclusionPatch,
    ConclusionTaskIn,
    MeetingDetailOut,
    MeetingFilterIn,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MeetingTransitionIn,
)
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program

router = Router(tags=["Hội nghị"])


def _detail(user, meeting_id: int) -> Meeting:
    meeting = selectors.get_meeting_for_user(user, meeting_id)
    can_change = permissions.can(user, Action.CHANGE, meeting)
    conclusions = selectors.conclusions(meeting)
    meeting.detail_data = {
        "participants": selectors.participants(meeting),
        "connection_points": selectors.connection_points(meeting),
        "conclusions": conclusions,
        "progress": selectors.progress_of(conclusions),
        "transitions": transitions.allowed(transitions.MEETING, meeting.status) if can_change else [],
    }
    return meeting


def _not_found(ids) -> str:
    return _("Không tìm thấy: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in ids)}


def _organizations(field: str, ids, among=None) -> list[Organization]:
    """Ids → organisations (of `among` when given); 422 naming the unknown ids."""
    ids = list(dict.fromkeys(ids or ()))
    found = (Organization.objects.all() if among is None else among).in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError({field: [_not_found(missing)]})
    return [found[pk] for pk in ids]


def _values(values: dict) -> dict:
    """Ids → objects for the programme, the participants and the connection points."""
    if values.get("program") is not None:
        program = Program.objects.filter(pk=values["program"]).first()
        if program is None:
            raise ValidationError({"program": [_not_found([values["program"]])]})
        values["program"] = program
    if values.get("participants") is not None:
        values["participants"] = _organizations("participants", values["participants"])
    if values.get("connection_points") is not None:
        points = values["connection_points"]
        orgs = {
            org.pk: org
            for org in _organizations("connection_points", [p["organization"] for p in points if p["organization"]])
        }
        values["connection_points"] = [
            services.ConnectionPointInput(
                name=p["name"], organization=orgs.get(p["organization"]), place=p["place"], is_main=p["is_main"]
            )
            for p in points
        ]
    return values


@router.get("/", response={200: list[MeetingOut], **error_responses(401, 422)}, summary="Danh sách hội nghị")
@paginate(Pagination)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilterIn]):
    """The meetings the user may see: those of their organisations, those they take part
    in, and for an upper level those organised below it. Latest first."""
    return selectors.meeting_list(request.auth, selectors.MeetingFilter(**filters.model_dump()))


@router.get(
    "/calendar.ics",
    response={200: None, **error_responses(401, 422)},
    summary="Lịch hội nghị dạng iCalendar (.ics)",
    url_name="meetings_calendar_ics",
)
def meeting_calendar(request: HttpRequest, filters: Query[MeetingFilterIn]):
    """text/calendar of the meetings of the list (same filters), at most 500: DTSTART/DTEND
    in Asia/Ho_Chi_Minh, one UID per meeting that stays the same across changes."""
    meetings = selectors.calendar_meetings(request.auth, selectors.MeetingFilter(**filters.model_dump()))
    response = HttpResponse(selectors.meetings_ics(meetings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hoi-nghi.ics"'
    return response


@router.get("/{int:meeting_id}", response={200: MeetingDetailOut, **error_responses(401, 404)}, summary="Một hội nghị")
def meeting_detail(request: HttpRequest, meeting_id: int):
    """With participants, connection points, conclusions (and their tasks' progress) and
    the transitions allowed now."""
    return _detail(request.auth, meeting_id)


@router.get(
    "/{int:meeting_id}/ics",
    response={200: None, **error_responses(401, 404)},
    summary="Hội nghị dạng iCalendar (.ics)",
    url_name="meeting_ics",
)
def meeting_ics(request: HttpRequest, meeting_id: int):
    """text/calendar: DTSTART/DTEND in Asia/Ho_Chi_Minh; a cancelled meeting is CANCELLED."""
    meeting = selectors.get_meeting_for_user(request.auth, meeting_id)
    response = HttpResponse(
        selectors.meetings_ics(Meeting.objects.filter(pk=meeting.pk)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hoi-nghi-{meeting.pk}.ics"'
    return response


@router.post("/", response={201: MeetingDetailOut, **error_responses(401, 403, 422)}, summary="Lên lịch hội nghị")
def meeting_create(request: HttpRequest, payload: MeetingIn):
    """For an organisation the user edits for; the organiser is always a participant. Online:
    at least one connection point, exactly one main one."""
    user = request.auth
    permissions.check(user, Action.CREATE, Meeting)
    values = _values(payload.model_dump())
    values["owner"] = Organization.objects.filter(pk=values["owner"]).first()
    if values["owner"] is None:
        raise ValidationError({"owner": [_not_found([payload.owner])]})
    meeting = services.meeting_create(actor=user, **values)
    return Status(201, _detail(user, meeting.pk))


@router.patch(
    "/{int:meeting_id}",
    response={200: MeetingDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa hội nghị",
)
def meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingPatch):
    """Only the fields sent change. Send the `version` you read (409 if someone saved in between)."""
    user = request.auth
    meeting = selectors.get_meeting_for_user(user, meeting_id, Action.CHANGE)
    values = _values(payload.model_dump(exclude_unset=True))
    version = values.pop("version")
    services.meeting_update(actor=user, meeting=meeting, expected_version=version, **values)
    return _detail(user, meeting_id)


@router.post(
    "/{int:meeting_id}/transitions",
    response={200: MeetingDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái hội nghị",
)
def meeting_transition(request: HttpRequest, meeting_id: int, payload: MeetingTransitionIn):
    """hold (once it has begun); cancel (with a `reason`)."""
    user = request.auth
    meeting = selectors.get_meeting_for_user(user, meeting_id, Action.CHANGE)
    services.meeting_transition(
        actor=user, meeting=meeting, action=payload.action, expected_version=payload.version, reason=payload.reason
    )
    return _detail(user, meeting_id)


def _conclusion(user, meeting_id: int, conclusion_id: int):
    meeting = selectors.get_meeting_for_user(user, meeting_id, Action.CHANGE)
    return selectors.get_conclusion_for_user(user, meeting, conclusion_id)


@router.post(
    "/{int:meeting_id}/conclusions",
    response={201: MeetingDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Thêm kết luận",
)
def conclusion_add(request: HttpRequest, meeting_id: int, payload: ConclusionIn):
    """Only once the meeting is held; without `number`, the next one."""
    user = request.auth
    meeting = selectors.get_meeting_for_user(user, meeting_id, Action.CHANGE)
    services.conclusion_add(actor=user, meeting=meeting, text=payload.text, number=payload.number)
    return Status(201, _detail(user, meeting_id))


@router.patch(
    "/{int:meeting_id}/conclusions/{int:conclusion_id}",
    response={200: ConclusionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa kết luận",
)
def conclusion_update(request: HttpRequest, meeting_id: int, conclusion_id: int, payload: ConclusionPatch):
    user = request.auth
    conclusion = _conclusion(user, meeting_id, conclusion_id)
    services.conclusion_update(
        actor=user, conclusion=conclusion, expected_version=payload.version, text=payload.text, number=payload.number
    )
    return next(row for row in selectors.conclusions(conclusion.meeting) if row.pk == conclusion.pk)


@router.delete(
    "/{int:meeting_id}/conclusions/{int:conclusion_id}",
    response={204: None, **error_responses(401, 403, 404, 409, 422)},
    summary="Xóa kết luận",
)
def conclusion_delete(request: HttpRequest, meeting_id: int, conclusion_id: int, version: int):
    """`?version=` the version read. A conclusion that became a task is not deleted (422)."""
    user = request.auth
    conclusion = _conclusion(user, meeting_id, conclusion_id)
    services.conclusion_delete(actor=user, conclusion=conclusion, expected_version=version)
    return Status(204, None)


@router.post(
    "/{int:meeting_id}/conclusions/{int:conclusion_id}/task",
    response={201: ConclusionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Giao kết luận thành nhiệm vụ",
)
def conclusion_task(request: HttpRequest, meeting_id: int, conclusion_id: int, payload: ConclusionTaskIn):
    """A task of the meeting's programme, in its plan for the year of the due date; the lead
    and the partners are participants of the meeting (422 otherwise, naming the rule)."""
    user = request.auth
    conclusion = _conclusion(user, meeting_id, conclusion_id)
    # the meeting's participants and the organisations the user sees: any other id is
    # unknown (the refusal would otherwise name it)
    among = Organization.objects.filter(
        Q(pk__in=permissions.visible_organizations(user).values("pk"))
        | Q(pk__in=MeetingParticipant.objects.filter(meeting_id=conclusion.meeting_id).values("organization_id"))
    )
    [lead] = _organizations("lead", [payload.lead], among)
    services.conclusion_create_task(
        actor=user,
        conclusion=conclusion,
        expected_version=payload.version,
        lead=lead,
        partners=_organizations("partners", payload.partners, among),
        due_date=payload.due_date,
        title=payload.title,
    )
    return Status(201, next(row for row in selectors.conclusions(conclusion.meeting) if row.pk == conclusion.pk))
