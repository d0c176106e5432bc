"""Invitations to an activity of a subject (a meeting, a press conference, a site
visit…) and the invited organisations' answers.

* An editor of a party of the subject's programme invites *for that party* (the inviter).
* Whom: any organisation other than the inviter that is a party of the programme or that
  the inviting user sees in the registry (the same level and area, the levels below,
  its lineage): a press conference invites the press, a site visit the commune.
* Draft → sent (the invitees' editors are notified) → cancelled (with a reason; the
  invitees are notified if it had been sent). Moving a sent invitation's day, times or
  place is a rescheduling: `sequence` goes up and the invitees are notified again.
* Each invited organisation's editors answer for it — attending (how many delegates and
  their positions, never names), or declined with a reason — and may change the answer
  until the event starts; after the start every answer is refused with a message.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.exchange import transitions
from phoihop.exchange.models import Invitation, InvitationKind, InvitationResponse, PlanActivity, Subject
from phoihop.exchange.services import notices
from phoihop.exchange.services._common import _denied, _error, _fmt, _text
from phoihop.organisations.models import Organization

INVITATION_FIELDS = ("kind", "title", "date", "start_time", "end_time", "place", "online_link", "agenda", "activity")
# A change of these on a sent invitation is a rescheduling: the invitees hear of it again.
SCHEDULE_FIELDS = ("date", "start_time", "end_time", "place", "online_link")
TEXT_FIELDS = {"title", "place", "online_link", "agenda"}
OPEN_SUBJECT_STATUSES = (
    Subject.Status.REGISTERED,
    Subject.Status.ACKNOWLEDGED,
    Subject.Status.ASSESSED,
    Subject.Status.PLANNED,
)
MAX_DELEGATES = 100


def invitation_snapshot(invitation: Invitation) -> dict:
    """The readable state of an invitation for the audit log, invitees included."""
    return {
        **audit.snapshot(invitation, ["kind", "title", "date", "place", "online_link", "agenda", "activity"]),
        "time": f"{invitation.start_time:%H:%M} – {invitation.end_time:%H:%M}"
        if invitation.start_time and invitation.end_time
        else "",
        "invitees": sorted(r.organization.name for r in invitation.responses.select_related("organization")),
    }


def _now(now=None) -> dt.datetime:
    return now or timezone.now()


# --- validation ----------------------------------------------------------------------


def _validate(invitation: Invitation, *, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not _text(invitation.title):
        errors["title"] = [_("Hãy nhập tên hoạt động.")]
    if invitation.kind not in InvitationKind.values:
        errors["kind"] = [_("Hãy chọn loại hoạt động.")]
    if invitation.date is None:
        errors["date"] = [_("Hãy nhập ngày diễn ra.")]
    if invitation.start_time is None:
        errors["start_time"] = [_("Hãy nhập giờ bắt đầu.")]
    if invitation.end_time is None:
        errors["end_time"] = [_("Hãy nhập giờ kết thúc.")]
    elif invitation.start_time is not None and invitation.end_time <= invitation.start_time:
        errors["end_time"] = [_("Giờ kết thúc phải sau giờ bắt đầu.")]
    if invitation.date and invitation.start_time and "end_time" not in errors and invitation.has_started(now):
        errors["date"] = [
            _("Thời gian bắt đầu (%(start)s) đã qua; hãy chọn ngày, giờ sắp tới.")
            % {"start": f"{invitation.start_time:%H:%M} {_fmt(invitation.date)}"}
        ]
    if not _text(invitation.place) and not _text(invitation.online_link):
        errors["place"] = [_("Hãy nhập địa điểm hoặc đường dẫn họp trực tuyến.")]
    if _text(invitation.online_link):
        try:
            URLValidator(schemes=["http", "https"])(_text(invitation.online_link))
        except ValidationError:
            errors["online_link"] = [_("Đường dẫn không hợp lệ; hãy nhập đầy đủ, bắt đầu bằng https://")]
    activity = invitation.activity
    if activity is not None and activity.plan.subject_id != invitation.subject_id:
        errors["activity"] = [_("Hãy chọn một hoạt động trong kế hoạch tuyên truyền của vấn đề này.")]
    return errors


def _validate_invitees(*, actor, subject: Subject, inviter, invitees, day, errors) -> list[Organization]:
    """The invitees, each once; the programme's parties, or organisations the actor sees
    in the registry; in existence on the day of the event."""
    unique = list({org.pk: org for org in invitees or []}.values())
    if not unique:
        errors["invitees"] = [_("Hãy chọn ít nhất một cơ quan được mời.")]
        return unique
    problems = []
    if inviter is not None and any(org.pk == inviter.pk for org in unique):
        problems.append(_("Cơ quan mời không tự mời chính mình."))
    party_ids = {party.organization_id for party in subject.program.parties.all()}
    others = [org.pk for org in unique if org.pk not in party_ids]
    if others and actor is not None:
        seen = set(permissions.visible_organizations(actor).filter(pk__in=others).values_list("pk", flat=True))
        unseen = [org.name for org in unique if org.pk in set(others) - seen]
        if unseen:
            problems.append(
                _("Chỉ mời được các bên của chương trình hoặc cơ quan bạn thấy trong danh mục: %(names)s.")
                % {"names": ", ".join(unseen)}
            )
    if day is not None:
        valid = set(
            Organization.objects.valid_on(day).filter(pk__in=[o.pk for o in unique]).values_list("pk", flat=True)
        )
        ended = [org.name for org in unique if org.pk not in valid]
        if ended:
            problems.append(
                _("Không còn hoạt động vào ngày %(date)s: %(names)s.") % {"date": _fmt(day), "names": ", ".join(ended)}
            )
    if problems:
        errors["invitees"] = problems
    return unique


def _set(invitation: Invitation, values: dict) -> list[str]:
    fields = [key for key in INVITATION_FIELDS if key in values]
    for key in fields:
        value = values[key]
        setattr(invitation, key, _text(value) if key in TEXT_FIELDS else value)
    return fields


def _check_inviter_editor(actor, invitation: Invitation) -> None:
    if actor is not None and not permissions.can(actor, permissions.Action.CHANGE, invitation):
        raise _denied(_("Chỉ cơ quan mời mới sửa, gửi hoặc hủy được lời mời."))


# --- create and edit -----------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    actor,
    subject: Subject,
    inviter,
    invitees,
    kind: str,
    title: str,
    date: dt.date | None,
    start_time: dt.time | None,
    end_time: dt.time | None,
    place: str = "",
    online_link: str = "",
    agenda: str = "",
    activity: PlanActivity | None = None,
    now: dt.datetime | None = None,
) -> Invitation:
    """A draft invitation of `inviter` (a party of the subject's programme the actor edits
    for) to `invitees`; sending it is a transition."""
    errors: dict[str, list[str]] = {}
    if subject.status not in OPEN_SUBJECT_STATUSES:
        errors["__all__"] = [_("Chỉ mời dự hoạt động của vấn đề đã đăng ký và chưa kết thúc.")]
    if inviter is None:
        errors["inviter"] = [_("Hãy chọn cơ quan mời.")]
    else:
        party_ids = {party.organization_id for party in subject.program.parties.all()}
        allowed = party_ids if actor is None else permissions.inviting_organization_ids(actor, subject)
        if inviter.pk not in allowed:
            errors["inviter"] = [_("Cơ quan mời phải là một bên của chương trình mà bạn làm việc cho.")]
    invitation = Invitation(
        subject=subject,
        inviter=inviter,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _set(
        invitation,
        {
            "kind": kind,
            "title": title,
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "place": place,
            "online_link": online_link,
            "agenda": agenda,
            "activity": activity,
        },
    )
    errors = {**_validate(invitation, now=_now(now)), **errors}
    organizations = _validate_invitees(
        actor=actor, subject=subject, inviter=inviter, invitees=invitees, day=date, errors=errors
    )
    if errors:
        raise ValidationError(errors)
    invitation.save()
    InvitationResponse.objects.bulk_create(
        InvitationResponse(invitation=invitation, organization=org) for org in organizations
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=invitation,
        changes=audit.diff({}, invitation_snapshot(invitation)),
    )
    return invitation


@transaction.atomic
def invitation_update(
    *, actor, invitation: Invitation, expected_version: int, invitees=None, now: dt.datetime | None = None, **values
) -> Invitation:
    """Edit a draft or sent invitation; only the fields given change. `invitees` (if
    given) is the whole list; once sent, organisations may be added (they are notified)
    but not removed. On a sent invitation a new day, time or place is a rescheduling: the
    invitees are notified again."""
    _check_inviter_editor(actor, invitation)
    if invitation.status == Invitation.Status.CANCELLED:
        raise _error("__all__", _("Lời mời đã hủy, không thể sửa."))
    now = _now(now)
    if invitation.status == Invitation.Status.SENT and invitation.has_started(now):
        raise _error("__all__", _("Hoạt động đã bắt đầu; không thể sửa lời mời."))
    before = invitation_snapshot(invitation)
    old_schedule = {key: getattr(invitation, key) for key in SCHEDULE_FIELDS}
    fields = _set(invitation, values)
    errors = _validate(invitation, now=now)
    existing = {r.organization_id: r for r in invitation.responses.select_related("organization")}
    organizations = None
    if invitees is not None:
        organizations = _validate_invitees(
            actor=actor,
            subject=invitation.subject,
            inviter=invitation.inviter,
            invitees=invitees,
            day=invitation.date,
            errors=errors,
        )
        removed = [r.organization.name for pk, r in existing.items() if pk not in {o.pk for o in organizations}]
        if removed and invitation.status == Invitation.Status.SENT:
            errors.setdefault("invitees", []).append(
                _("Lời mời đã gửi: không bỏ được cơ quan đã được mời (%(names)s).") % {"names": ", ".join(removed)}
            )
    if errors:
        raise ValidationError(errors)
    rescheduled = invitation.status == Invitation.Status.SENT and any(
        getattr(invitation, key) != old for key, old in old_schedule.items()
    )
    if rescheduled:
        invitation.sequence += 1
        fields.append("sequence")
    save_versioned(invitation, expected_version=expected_version, fields=fields)
    added = []
    if organizations is not None:
        keep = {org.pk for org in organizations}
        InvitationResponse.objects.filter(invitation=invitation).exclude(organization_id__in=keep).delete()
        added = [org for org in organizations if org.pk not in existing]
        InvitationResponse.objects.bulk_create(
            InvitationResponse(invitation=invitation, organization=org) for org in added
        )
    changes = audit.diff(before, invitation_snapshot(invitation))
    if changes:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=invitation,
            changes=changes,
            event="invitation_rescheduled" if rescheduled else "",
            message=_("Đổi lịch, báo lại các cơ quan được mời.") if rescheduled else "",
        )
    if invitation.status == Invitation.Status.SENT:
        if rescheduled:
            notices.invitation_rescheduled(actor=actor, invitation=invitation)
        elif added:
            notices.invitation_sent(actor=actor, invitation=invitation, organizations=[o.pk for o in added])
    return invitation


# --- transitions ---------------------------------------------------------------------


@transaction.atomic
def invitation_transition(
    *, actor, invitation: Invitation, action: str, expected_version: int, reason: str = "", now=None
) -> Invitation:
    """send (the invitees' editors are notified) or cancel (with a reason; notified if it
    had been sent). Only the inviter's editors."""
    transition = transitions.check(
        transitions.INVITATION, action, invitation.status, invitation.get_status_display(), reason
    )
    _check_inviter_editor(actor, invitation)
    was_sent = invitation.status == Invitation.Status.SENT
    if action == "send":
        errors = _validate(invitation, now=_now(now))
        if errors:
            raise ValidationError(errors)
        if not invitation.responses.exists():
            raise _error("invitees", _("Hãy chọn ít nhất một cơ quan được mời."))
        if not invitation.subject.is_open:
            raise _error("__all__", _("Vấn đề đã kết thúc hoặc đã hủy; không gửi được lời mời."))
    watched = ["status", "status_reason", "sent_at"]
    before = audit.snapshot(invitation, watched)
    invitation.status = transition.target
    invitation.status_reason = _text(reason)
    fields = ["status", "status_reason"]
    if action == "send":
        invitation.sent_at = timezone.now()
        fields.append("sent_at")
    save_versioned(invitation, expected_version=expected_version, fields=fields)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"invitation_{action}",
        target=invitation,
        changes=audit.diff(before, audit.snapshot(invitation, watched)),
        message=str(transition.label) + (f": {invitation.status_reason}" if invitation.status_reason else ""),
    )
    if action == "send":
        notices.invitation_sent(actor=actor, invitation=invitation)
    elif was_sent:
        notices.invitation_cancelled(actor=actor, invitation=invitation)
    return invitation


# --- answers -------------------------------------------------------------------------


@transaction.atomic
def invitation_answer(
    *,
    actor,
    response: InvitationResponse,
    expected_version: int,
    answer: str,
    delegates: int | None = None,
    positions: str = "",
    reason: str = "",
    now: dt.datetime | None = None,
) -> InvitationResponse:
    """The answer of one invited organisation, by one of its editors: attending (the
    number of delegates and their positions) or declined (with a reason). It may change
    until the event starts; after that, or on a draft or cancelled invitation, it is
    refused. The inviter's editors are notified (digest)."""
    invitation = response.invitation
    if actor is not None and not permissions.may_answer_invitation(actor, response):
        raise _denied(_("Chỉ cán bộ của cơ quan được mời mới trả lời được lời mời."))
    if invitation.status != Invitation.Status.SENT:
        raise _error("__all__", _("Lời mời chưa được gửi hoặc đã hủy; không thể trả lời."))
    if invitation.has_started(_now(now)):
        raise _error(
            "__all__",
            _("Hoạt động đã bắt đầu lúc %(start)s; không thể trả lời hoặc đổi câu trả lời nữa.")
            % {"start": f"{invitation.start_time:%H:%M} {_fmt(invitation.date)}"},
        )
    errors: dict[str, list[str]] = {}
    positions, reason = _text(positions), _text(reason)
    if answer == InvitationResponse.Answer.ATTENDING:
        if delegates is None or isinstance(delegates, bool) or not isinstance(delegates, int) or delegates < 1:
            errors["delegates"] = [_("Hãy nhập số đại biểu tham dự (ít nhất 1).")]
        elif delegates > MAX_DELEGATES:
            errors["delegates"] = [_("Số đại biểu tối đa là %(n)s.") % {"n": MAX_DELEGATES}]
        if not positions:
            errors["positions"] = [_("Hãy ghi chức vụ của đại biểu, ví dụ “01 Phó Trưởng ban, 01 chuyên viên”.")]
        reason = ""
    elif answer == InvitationResponse.Answer.DECLINED:
        if not reason:
            errors["reason"] = [_("Hãy nêu lý do không tham dự.")]
        delegates, positions = None, ""
    else:
        errors["answer"] = [_("Hãy chọn tham dự hoặc không tham dự.")]
    if errors:
        raise ValidationError(errors)
    watched = ["answer", "delegates", "positions", "reason"]
    before = audit.snapshot(response, watched)
    response.answer, response.delegates, response.positions, response.reason = answer, delegates, positions, reason
    response.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    response.answered_at = timezone.now()
    save_versioned(
        response,
        expected_version=expected_version,
        fields=[*watched, "answered_by", "answered_at"],
    )
    changes = audit.diff(before, audit.snapshot(response, watched))
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="invitation_answered",
        target=invitation,
        changes={
            f"{response.organization.name}: {InvitationResponse._meta.get_field(key).verbose_name}": value
            for key, value in changes.items()
        },
        message=_("%(org)s: %(answer)s") % {"org": response.organization.name, "answer": response.get_answer_display()},
    )
    notices.invitation_answered(actor=actor, response=response)
    return response
