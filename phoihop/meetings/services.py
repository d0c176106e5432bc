"""Every write to meetings: schedule and edit a meeting (with its participants and, online,
its connection points), move it through its status, record its numbered conclusions and
turn a conclusion into a programme task. One keyword-only function per action, one
transaction, audited; views, API, demo and tests call these.

The rules live here, for every caller:

* the organiser is an organisation the actor edits for (leader, officer, focal point);
  the organiser is always a participant; the other participants are organisations the
  actor may see;
* kind, title and start are required; the end is not before the start; the programme, if
  any, is one the organiser is a party to;
* an online meeting has at least one connection point and exactly one main one; a meeting
  in one room has none;
* the status changes only by `meetings.transitions.MEETING`: a meeting is confirmed held
  once it has begun, cancelled with the reason, and a held meeting stays held; a cancelled
  meeting is no longer edited;
* conclusions are recorded once the meeting is held, numbered uniquely; one that became a
  task is not deleted;
* a conclusion becomes a task through `programs.services.task_create`, in the plan of the
  meeting's programme for the year of the due date, with a lead and partners among the
  meeting's participants — once;
* edits carry the version read; a stale one is refused (StaleVersionError), never merged.

`actor=None` is the system (demo, imports).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.meetings import notices, transitions
from phoihop.meetings.models import ConnectionPoint, Meeting, MeetingConclusion, MeetingParticipant
from phoihop.organisations.models import Organization
from phoihop.programs import services as program_services
from phoihop.programs.models import AnnualPlan, Program, ProgramParty, TaskPart

TEXT_MAX = 20000
FACT_FIELDS = (
    "kind",
    "title",
    "program",
    "starts_at",
    "ends_at",
    "place",
    "is_online",
    "chair_name",
    "chair_position",
    "agenda",
    "minutes",
)
SHORT_FIELDS = {"title": 500, "place": 500, "chair_name": 255, "chair_position": 255}


@dataclass(frozen=True)
class ConnectionPointInput:
    """One connection point (*điểm cầu*) of an online meeting."""

    name: str
    organization: Organization | None = None
    place: str = ""
    is_main: bool = False


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _text(value) -> str:
    return (value or "").strip()


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _may_change(actor, obj) -> None:
    if actor is not None and not permissions.can(actor, Action.CHANGE, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


# --- the meeting ------------------------------------------------------------------------------


FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a meeting may be dated in


def _clean_facts(values: dict, *, owner: Organization | None) -> dict[str, list[str]]:
    """Normalise `values` in place (stripped texts); return the errors by field."""
    errors: dict[str, list[str]] = {}
    for name in ("title", "place", "chair_name", "chair_position", "agenda", "minutes"):
        values[name] = _text(values.get(name))
    for name, limit in {**SHORT_FIELDS, "agenda": TEXT_MAX, "minutes": TEXT_MAX}.items():
        if len(values[name]) > limit:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": limit}]
    if values.get("kind") not in Meeting.Kind.values:
        errors["kind"] = [_("Hãy chọn loại hội nghị.")]
    if not values["title"]:
        errors["title"] = [_("Hãy nhập tên hội nghị.")]
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            # year 1 or 9999 would overflow when stored in UTC (a 500)
            errors[name] = [_("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]
    if starts_at is None:
        errors["starts_at"] = [_("Hãy nhập thời gian bắt đầu (dd/mm/yyyy hh:mm).")]
    elif errors.keys() & {"starts_at", "ends_at"}:
        pass
    elif ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = [_("Thời gian kết thúc không thể trước thời gian bắt đầu.")]
    values["is_online"] = bool(values.get("is_online"))
    program = values.get("program")
    if (
        program is not None
        and owner is not None
        and not ProgramParty.objects.filter(program=program, organization=owner).exists()
    ):
        errors["program"] = [
            _("%(org)s không phải là một bên của chương trình “%(program)s”.")
            % {"org": owner.name, "program": program.title}
        ]
    return errors


def _clean_participants(actor, owner: Organization | None, participants, current_ids=()) -> list[Organization]:
    """The organiser first, then the others once each, in the order given. An organisation
    the actor may not see is refused (those already taking part are kept)."""
    organizations = list({org.pk: org for org in participants or ()}.values())
    if actor is not None:
        others = [org.pk for org in organizations if org.pk not in set(current_ids)]
        seen = set(permissions.visible_organizations(actor).filter(pk__in=others).values_list("pk", flat=True))
        missing = [str(pk) for pk in others if pk not in seen]
        if missing:
            raise _error("participants", _("Không tìm thấy cơ quan: %(ids)s.") % {"ids": ", ".join(missing)})
    if owner is None:
        return organizations
    return [owner, *[org for org in organizations if org.pk != owner.pk]]


def _clean_points(points, *, is_online: bool, participant_ids: set[int]) -> list[ConnectionPointInput]:
    points = [
        ConnectionPointInput(
            name=_text(point.name), organization=point.organization, place=_text(point.place), is_main=point.is_main
        )
        for point in points or ()
    ]
    if not is_online:
        if points:
            raise _error("connection_points", _("Chỉ hội nghị trực tuyến mới có điểm cầu."))
        return []
    errors = []
    if not points:
        errors.append(_("Hội nghị trực tuyến cần ít nhất một điểm cầu."))
    if any(not point.name for point in points):
        errors.append(_("Hãy nhập tên của mỗi điểm cầu."))
    if any(len(point.name) > 255 or len(point.place) > 500 for point in points):
        errors.append(_("Tên điểm cầu tối đa 255 ký tự, địa điểm tối đa 500 ký tự."))
    if points and sum(1 for point in points if point.is_main) != 1:
        errors.append(_("Hãy chọn đúng một điểm cầu chính."))
    outside = [
        point.organization.name
        for point in points
        if point.organization is not None and point.organization.pk not in participant_ids
    ]
    if outside:
        errors.append(
            _("Cơ quan chủ trì điểm cầu phải là cơ quan tham dự: %(names)s không tham dự.")
            % {"names": ", ".join(outside)}
        )
    if errors:
        raise ValidationError({"connection_points": errors})
    return points


def _write_participants(meeting: Meeting, participants: list[Organization]) -> None:
    MeetingParticipant.objects.filter(meeting=meeting).delete()
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting=meeting, organization=org, position=index)
            for index, org in enumerate(participants)
        ]
    )


def _write_points(meeting: Meeting, points: list[ConnectionPointInput]) -> None:
    ConnectionPoint.objects.filter(meeting=meeting).delete()
    ConnectionPoint.objects.bulk_create(
        [
            ConnectionPoint(
                meeting=meeting,
                name=point.name,
                organization=point.organization,
                place=point.place,
                is_main=point.is_main,
                position=index,
            )
            for index, point in enumerate(points)
        ]
    )


def _names(meeting: Meeting) -> dict:
    """The participants and the connection points, as the audit log shows them."""
    return {
        "participants": ", ".join(p.organization.name for p in meeting.participations.select_related("organization")),
        "connection_points": ", ".join(
            f"{point.name}{' (' + _('chính') + ')' if point.is_main else ''}"
            for point in meeting.connection_points.all()
        ),
    }


def meeting_create(
    *,
    actor,
    owner: Organization | None,
    kind: str,
    title: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None = None,
    program: Program | None = None,
    place: str = "",
    is_online: bool = False,
    chair_name: str = "",
    chair_position: str = "",
    participants=(),
    agenda: str = "",
    minutes: str = "",
    connection_points=(),
) -> Meeting:
    """Schedule a meeting of `owner` (status planned); its participants' members are told."""
    values = {
        "kind": kind,
        "title": title,
        "program": program,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "is_online": is_online,
        "chair_name": chair_name,
        "chair_position": chair_position,
        "agenda": agenda,
        "minutes": minutes,
    }
    errors = _clean_facts(values, owner=owner)
    if owner is None:
        errors["owner"] = [_("Hãy chọn cơ quan tổ chức.")]
    elif actor is not None and not (
        permissions.principal(actor).is_admin or owner.pk in permissions.meeting_owner_ids(actor)
    ):
        errors["owner"] = [_("Chỉ lãnh đạo, chuyên viên, đầu mối của cơ quan mới tổ chức hội nghị cho cơ quan.")]
    chosen: list[Organization] = []
    points: list[ConnectionPointInput] = []
    try:
        chosen = _clean_participants(actor, owner, participants)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        points = _clean_points(
            connection_points, is_online=values["is_online"], participant_ids={org.pk for org in chosen}
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting(owner=owner, created_by=_user(actor), **values)
        meeting.save()
        _write_participants(meeting, chosen)
        _write_points(meeting, points)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            target=meeting,
            changes=audit.diff({}, {**audit.snapshot(meeting), **_names(meeting)}),
        )
        notices.scheduled(actor=actor, meeting=meeting)
    return meeting


def meeting_update(
    *, actor, meeting: Meeting, expected_version: int, participants=None, connection_points=None, **values
) -> Meeting:
    """Change the facts (only the fields given among FACT_FIELDS); `participants` and
    `connection_points`, when given, are the whole new lists."""
    _may_change(actor, meeting)
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if meeting.status == Meeting.Status.CANCELLED:
        raise _error("__all__", _("Hội nghị đã hủy, không sửa được."))
    merged = {name: values.get(name, getattr(meeting, name)) for name in FACT_FIELDS}
    errors = _clean_facts(merged, owner=meeting.owner)
    current = list(meeting.participations.select_related("organization").order_by("position", "id"))
    new_participants = [p.organization for p in current]
    if participants is not None:
        try:
            new_participants = _clean_participants(
                actor, meeting.owner, participants, current_ids=[p.organization_id for p in current]
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    points = connection_points
    if points is None and merged["is_online"]:
        points = [
            ConnectionPointInput(name=p.name, organization=p.organization, place=p.place, is_main=p.is_main)
            for p in meeting.connection_points.select_related("organization")
        ]  # kept as they are; a meeting no longer online loses them
    try:
        points = _clean_points(
            points, is_online=merged["is_online"], participant_ids={org.pk for org in new_participants}
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if participants is not None and not errors:
        dropped = {p.organization_id for p in current} - {org.pk for org in new_participants}
        names = sorted(
            set(
                TaskPart.objects.filter(task__meeting_conclusion__meeting=meeting, organization_id__in=dropped)
                .values_list("organization__name", flat=True)
                .distinct()
            )
            if dropped
            else ()
        )
        if names:
            errors["participants"] = [
                _("Không bỏ được %(names)s: cơ quan đang thực hiện nhiệm vụ từ kết luận của hội nghị.")
                % {"names": ", ".join(names)}
            ]
    if errors:
        raise ValidationError(errors)
    before = {**audit.snapshot(meeting), **_names(meeting)}
    fields = list(values)
    for name in fields:
        setattr(meeting, name, merged[name])
    with transaction.atomic():
        save_versioned(meeting, expected_version=expected_version, fields=fields)
        if participants is not None:
            _write_participants(meeting, new_participants)
        _write_points(meeting, points)
        changes = audit.diff(before, {**audit.snapshot(meeting), **_names(meeting)})
        if changes:
            audit.record(actor=actor, action=AuditEntry.Action.UPDATE, target=meeting, changes=changes)
    return meeting


def meeting_transition(*, actor, meeting: Meeting, action: str, expected_version: int, reason: str = "") -> Meeting:
    """Move the meeting through `transitions.MEETING`: hold once it has begun, cancel with
    the reason."""
    _may_change(actor, meeting)
    transition = transitions.check(transitions.MEETING, action, meeting.status, meeting.get_status_display(), reason)
    if transition.target == Meeting.Status.HELD and meeting.starts_at > timezone.now():
        raise _error(
            "action",
            _("Hội nghị bắt đầu lúc %(at)s, chưa diễn ra nên chưa thể xác nhận đã tổ chức.")
            % {"at": timezone.localtime(meeting.starts_at).strftime("%H:%M %d/%m/%Y")},
        )
    tracked = ["status", "status_reason"]
    before = audit.snapshot(meeting, tracked)
    meeting.status = transition.target
    meeting.status_reason = _text(reason)
    with transaction.atomic():
        save_versioned(meeting, expected_version=expected_version, fields=tracked)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event=f"meeting_{action}",
            target=meeting,
            changes=audit.diff(before, audit.snapshot(meeting, tracked)),
            message=str(transition.label) + (f": {meeting.status_reason}" if meeting.status_reason else ""),
        )
    return meeting


# --- conclusions ------------------------------------------------------------------------------


def _clean_conclusion(meeting: Meeting, *, number, text: str, exclude_pk=None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Hãy nhập nội dung kết luận.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("Tối đa %(n)s ký tự.") % {"n": TEXT_MAX}]
    if number is not None:
        if number < 1 or number > 999:
            errors["number"] = [_("Thứ tự là một số từ 1 đến 999.")]
        elif meeting.conclusions.filter(number=number).exclude(pk=exclude_pk).exists():
            errors["number"] = [_("Đã có kết luận số %(n)s.") % {"n": number}]
    return errors


def conclusion_add(*, actor, meeting: Meeting, text: str, number: int | None = None) -> MeetingConclusion:
    """A numbered conclusion of a held meeting (the next number when none is given)."""
    _may_change(actor, meeting)
    if meeting.status != Meeting.Status.HELD:
        raise _error("__all__", _("Chỉ ghi kết luận khi hội nghị đã tổ chức."))
    text = _text(text)
    errors = _clean_conclusion(meeting, number=number, text=text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # numbers are given one at a time
        if number is None:
            number = (meeting.conclusions.aggregate(last=Max("number"))["last"] or 0) + 1
        conclusion = MeetingConclusion.objects.create(meeting=meeting, number=number, text=text)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="meeting_conclusion_added",
            target=meeting,
            changes={"conclusion": ["", f"{number}. {text}"]},
            message=_("Thêm kết luận số %(n)s.") % {"n": number},
        )
    return conclusion


def conclusion_update(
    *, actor, conclusion: MeetingConclusion, expected_version: int, text: str, number: int | None = None
) -> MeetingConclusion:
    meeting = conclusion.meeting
    _may_change(actor, meeting)
    text = _text(text)
    number = conclusion.number if number is None else number
    errors = _clean_conclusion(meeting, number=number, text=text, exclude_pk=conclusion.pk)
    if errors:
        raise ValidationError(errors)
    before = f"{conclusion.number}. {conclusion.text}"
    conclusion.number, conclusion.text = number, text
    with transaction.atomic():
        save_versioned(conclusion, expected_version=expected_version, fields=["number", "text"])
        after = f"{number}. {text}"
        if before != after:
            audit.record(
                actor=actor,
                action=AuditEntry.Action.EVENT,
                event="meeting_conclusion_changed",
                target=meeting,
                changes={"conclusion": [before, after]},
                message=_("Sửa kết luận số %(n)s.") % {"n": number},
            )
    return conclusion


def conclusion_delete(*, actor, conclusion: MeetingConclusion, expected_version: int) -> None:
    meeting = conclusion.meeting
    _may_change(actor, meeting)
    if conclusion.task_id is not None:
        raise _error("__all__", _("Kết luận đã thành nhiệm vụ, không xóa được."))
    with transaction.atomic():
        deleted, _rows = MeetingConclusion.objects.filter(
            pk=conclusion.pk, version=expected_version, task__isnull=True
        ).delete()
        if deleted != 1:
            raise StaleVersionError()
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="meeting_conclusion_deleted",
            target=meeting,
            changes={"conclusion": [f"{conclusion.number}. {conclusion.text}", ""]},
            message=_("Xóa kết luận số %(n)s.") % {"n": conclusion.number},
        )


def plan_for(meeting: Meeting, year: int) -> AnnualPlan | None:
    if meeting.program_id is None:
        return None
    return AnnualPlan.objects.filter(program_id=meeting.program_id, year=year).select_related("program").first()


def conclusion_create_task(
    *,
    actor,
    conclusion: MeetingConclusion,
    expected_version: int,
    lead: Organization | None,
    due_date: dt.date | None,
    partners=(),
    title: str = "",
    description: str = "",
):
    """The conclusion becomes a task of the meeting's programme, in its plan for the year
    of the due date, led by a participant with participants as partners; once."""
    meeting = conclusion.meeting
    _may_change(actor, meeting)
    if conclusion.task_id is not None:
        raise _error("__all__", _("Kết luận này đã thành nhiệm vụ."))
    partners = list({org.pk: org for org in partners or ()}.values())
    participant_ids = set(meeting.participations.values_list("organization_id", flat=True))
    errors: dict[str, list[str]] = {}
    if lead is None:
        errors["lead"] = [_("Hãy chọn cơ quan chủ trì.")]
    elif lead.pk not in participant_ids:
        errors["lead"] = [
            _(
                "%(org)s không tham dự hội nghị: cơ quan chủ trì nhiệm vụ từ kết luận phải là một cơ quan tham dự "
                "hội nghị."
            )
            % {"org": lead.name}
        ]
    outside = [org.name for org in partners if org.pk not in participant_ids]
    if outside:
        errors["partners"] = [
            _("Cơ quan phối hợp phải là cơ quan tham dự hội nghị: %(names)s không tham dự.")
            % {"names": ", ".join(outside)}
        ]
    if due_date is None:
        errors["due_date"] = [_("Hãy nhập hạn hoàn thành.")]
    if errors:
        raise ValidationError(errors)
    if meeting.program_id is None:
        raise _error(
            "__all__",
            _("Hội nghị chưa gắn với chương trình phối hợp; hãy chọn chương trình ở trang sửa hội nghị."),
        )
    plan = plan_for(meeting, due_date.year)
    if plan is None:
        raise _error(
            "__all__",
            _("Chương trình “%(program)s” chưa có kế hoạch năm %(year)s; hãy lập kế hoạch năm trước.")
            % {"program": meeting.program.title, "year": due_date.year},
        )
    if actor is not None and not permissions.can(actor, Action.CHANGE, plan):
        raise PermissionDenied(_("Chỉ cơ quan chủ trì chương trình mới giao nhiệm vụ trong kế hoạch năm."))
    with transaction.atomic():
        task = program_services.task_create(
            actor=actor,
            plan=plan,
            title=_text(title) or conclusion.text[:500],
            lead=lead,
            due_date=due_date,
            partners=partners,
            description=description
            or _("Thực hiện kết luận số %(n)s của %(meeting)s.") % {"n": conclusion.number, "meeting": meeting.title},
        )
        conclusion.task = task
        save_versioned(conclusion, expected_version=expected_version, fields=["task"])
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="meeting_conclusion_task_created",
            target=meeting,
            changes={"task": ["", task.title]},
            message=_("Kết luận số %(n)s thành nhiệm vụ “%(task)s”.") % {"n": conclusion.number, "task": task.title},
        )
        notices.task_assigned(actor=actor, conclusion=conclusion, task=task)
    return task
