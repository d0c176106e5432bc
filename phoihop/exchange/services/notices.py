"""The notifications the exchange services send, one function per event, called by the
service at the end of its transaction (so a refused change notifies nobody; `notify_many`
queues the e-mails after commit). Recipients are the *editors* (leaders, officers, focal
points) of the organisations concerned, never the person who acted; every notification
has a stable dedupe key, so nothing is sent twice. Titles are written in the site's
language whatever the acting user's."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.programs.models import TaskPart


def _fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def recipients(organization_ids, *, roles=permissions.EDITOR_ROLES, actor=None) -> list[int]:
    """The active users with an editor (or `roles`) membership in force in these
    organisations, each once, the actor left out."""
    members = organization_members(set(organization_ids), roles)
    skip = getattr(actor, "pk", None)
    return sorted({user_id for users in members.values() for user_id in users if user_id != skip})


def _send(user_ids, kind: str, *, title: str, body: str, url: str, key: str) -> int:
    return notify_many(
        [
            NotificationInput(recipient_id=user_id, kind=kind, title=title, body=body, url=url, dedupe_key=key)
            for user_id in user_ids
        ]
    )


def _subject_url(subject, anchor: str = "") -> str:
    return reverse("exchange:subject_detail", args=[subject.pk]) + (f"#{anchor}" if anchor else "")


# --- subjects --------------------------------------------------------------------------


def subject_moved(*, actor, subject, action: str) -> int:
    """register → the department's editors; acknowledge → the owner's; close → the
    owner's; cancel → the other side's (both sides' when the system or an administrator
    who edits for neither cancels)."""
    department = permissions.subject_department_ids(subject)
    owner = {subject.owner_id}
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": subject.title, "owner": subject.owner.name, "year": subject.year}
        if action == "register":
            return _send(
                recipients(department, actor=actor),
                kinds.SUBJECT_REGISTERED,
                title=_("Vấn đề mới đăng ký: %(title)s") % values,
                body=_("%(owner)s đăng ký vấn đề cần phối hợp năm %(year)s; đề nghị Ban Tuyên giáo tiếp nhận.")
                % values,
                url=_subject_url(subject),
                key=f"subject-registered:{subject.pk}",
            )
        if action == "acknowledge":
            return _send(
                recipients(owner, actor=actor),
                kinds.SUBJECT_ACKNOWLEDGED,
                title=_("Vấn đề đã được tiếp nhận: %(title)s") % values,
                body=_("Ban Tuyên giáo đã tiếp nhận vấn đề và sẽ thẩm định, lập kế hoạch tuyên truyền."),
                url=_subject_url(subject),
                key=f"subject-acknowledged:{subject.pk}",
            )
        if action == "close":
            return _send(
                recipients(owner, actor=actor),
                kinds.SUBJECT_ENDED,
                title=_("Vấn đề đã kết thúc: %(title)s") % values,
                body=subject.status_reason,
                url=_subject_url(subject),
                key=f"subject-closed:{subject.pk}",
            )
        if action == "cancel":
            editing = permissions.principal(actor).editor_organization_ids if actor is not None else set()
            sides = [ids for ids in (owner, department) if not ids & editing] or [owner, department]
            return _send(
                recipients(set().union(*sides), actor=actor),
                kinds.SUBJECT_ENDED,
                title=_("Vấn đề đã bị hủy: %(title)s") % values,
                body=_("Lý do: %(reason)s") % {"reason": subject.status_reason},
                url=_subject_url(subject),
                key=f"subject-cancelled:{subject.pk}",
            )
    return 0


def subject_unacknowledged_items(subjects, *, day) -> list[NotificationInput]:
    """The daily reminder of registered subjects still not acknowledged: the department's
    editors, once per subject (two queries whatever the number of subjects)."""
    departments = {subject.pk: permissions.subject_department_ids(subject) for subject in subjects}
    members = organization_members(set().union(*departments.values()), permissions.EDITOR_ROLES, day=day)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for subject in subjects:
            users = sorted({user_id for org_id in departments[subject.pk] for user_id in members.get(org_id, [])})
            values = {
                "title": subject.title,
                "owner": subject.owner.name,
                "since": _fmt(timezone.localtime(subject.registered_at)),
            }
            items += [
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.SUBJECT_UNACKNOWLEDGED,
                    title=_("Vấn đề chưa được tiếp nhận: %(title)s") % values,
                    body=_("%(owner)s đã đăng ký vấn đề từ %(since)s; Ban Tuyên giáo chưa tiếp nhận.") % values,
                    url=_subject_url(subject),
                    dedupe_key=f"subject-unacknowledged:{subject.pk}",
                )
                for user_id in users
            ]
    return items


# --- assessments -----------------------------------------------------------------------


def assessment_moved(*, actor, assessment, action: str) -> int:
    """submit → the department's leaders (once per submission: a re-submission after a
    return notifies again); approve → the department's and the owner's editors; return →
    the department's editors."""
    subject = assessment.subject
    department = permissions.subject_department_ids(subject)
    url = _subject_url(subject, "assessment")
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": subject.title, "reason": assessment.status_reason}
        if action == "submit":
            return _send(
                recipients(department, roles=[Role.LEADER], actor=actor),
                kinds.ASSESSMENT_TO_APPROVE,
                title=_("Bản thẩm định chờ phê duyệt: %(title)s") % values,
                body=_("Bản thẩm định, đánh giá tác động xã hội đã được trình; đề nghị lãnh đạo Ban phê duyệt."),
                url=url,
                key=f"assessment-submitted:{assessment.pk}:{assessment.version}",
            )
        if action == "approve":
            return _send(
                recipients(department | {subject.owner_id}, actor=actor),
                kinds.ASSESSMENT_REVIEWED,
                title=_("Bản thẩm định đã được phê duyệt: %(title)s") % values,
                body=_("Ban Tuyên giáo sẽ lập kế hoạch tuyên truyền trước, trong và sau."),
                url=url,
                key=f"assessment-approved:{assessment.pk}",
            )
        if action == "return":
            return _send(
                recipients(department, actor=actor),
                kinds.ASSESSMENT_REVIEWED,
                title=_("Bản thẩm định bị trả lại để sửa: %(title)s") % values,
                body=_("Lý do: %(reason)s") % values,
                url=url,
                key=f"assessment-returned:{assessment.pk}:{assessment.version}",
            )
    return 0


# --- communication plans and their tasks --------------------------------------------------


def plan_generated(*, actor, plan, assigned) -> int:
    """`assigned`: [(task, [organisation id, …])] — each task's lead and partners hear of
    their new task; the owner's editors hear the plan was generated. Two queries."""
    subject = plan.subject
    org_ids = {org_id for _task, ids in assigned for org_id in ids} | {subject.owner_id}
    members = organization_members(org_ids, permissions.EDITOR_ROLES)
    skip = getattr(actor, "pk", None)

    def users(ids):
        return sorted({u for org_id in ids for u in members.get(org_id, []) if u != skip})

    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for task, ids in assigned:
            values = {"title": task.title, "due": _fmt(task.due_date), "subject": subject.title}
            items += [
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.PLAN_TASKS_ASSIGNED,
                    title=_("Nhiệm vụ mới: %(title)s") % values,
                    body=_("Theo kế hoạch tuyên truyền của vấn đề “%(subject)s”; hạn %(due)s.") % values,
                    url=reverse("programs:task_detail", args=[task.pk]),
                    dedupe_key=f"task-assigned:{task.pk}",
                )
                for user_id in users(ids)
            ]
        values = {"title": subject.title, "n": len(assigned)}
        items += [
            NotificationInput(
                recipient_id=user_id,
                kind=kinds.PLAN_GENERATED,
                title=_("Kế hoạch tuyên truyền đã giao nhiệm vụ: %(title)s") % values,
                body=_("Đã giao %(n)s nhiệm vụ trong kế hoạch năm của chương trình.") % values,
                url=_subject_url(subject, "plan"),
                dedupe_key=f"plan-generated:{plan.pk}",
            )
            for user_id in users([subject.owner_id])
        ]
    return notify_many(items)


def tasks_rescheduled(*, actor, subject, key_date, tasks) -> int:
    """The editors of the lead and partners of every moved task, once per task and new
    due date (moving it again notifies again). Two queries."""
    if not tasks:
        return 0
    parts = TaskPart.objects.filter(task__in=tasks).values_list("task_id", "organization_id")
    by_task: dict[int, set[int]] = {}
    for task_id, org_id in parts:
        by_task.setdefault(task_id, set()).add(org_id)
    members = organization_members(set().union(*by_task.values()), permissions.EDITOR_ROLES)
    skip = getattr(actor, "pk", None)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for task in tasks:
            users = sorted({u for org_id in by_task.get(task.pk, ()) for u in members.get(org_id, []) if u != skip})
            values = {
                "title": task.title,
                "due": _fmt(task.due_date),
                "label": key_date.label,
                "subject": subject.title,
            }
            items += [
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.TASK_RESCHEDULED,
                    title=_("Hạn nhiệm vụ đã dời: %(title)s") % values,
                    body=_("Hạn mới: %(due)s, theo mốc “%(label)s” của vấn đề “%(subject)s”.") % values,
                    url=reverse("programs:task_detail", args=[task.pk]),
                    dedupe_key=f"task-moved:{task.pk}:{task.due_date.isoformat()}",
                )
                for user_id in users
            ]
    return notify_many(items)


# --- invitations -------------------------------------------------------------------------


def _invitation_url(invitation) -> str:
    return reverse("exchange:invitation_detail", args=[invitation.pk])


def _when(invitation) -> str:
    return f"{invitation.start_time:%H:%M}–{invitation.end_time:%H:%M} {_fmt(invitation.date)}"


def _invitees(invitation, organizations=None) -> set[int]:
    ids = set(invitation.responses.values_list("organization_id", flat=True))
    return ids if organizations is None else ids & set(organizations)


def invitation_sent(*, actor, invitation, organizations=None) -> int:
    """The invitees' editors (or only those of `organizations`, added after sending)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": invitation.title, "inviter": invitation.inviter.name, "when": _when(invitation)}
        return _send(
            recipients(_invitees(invitation, organizations), actor=actor),
            kinds.INVITATION_RECEIVED,
            title=_("Lời mời: %(title)s") % values,
            body=_("%(inviter)s mời cơ quan bạn dự %(title)s, %(when)s%(where)s. Hãy trả lời trước giờ bắt đầu.")
            % {**values, "where": f", {invitation.where}" if invitation.where else ""},
            url=_invitation_url(invitation),
            key=f"invitation-sent:{invitation.pk}",
        )


def invitation_rescheduled(*, actor, invitation) -> int:
    """Once per rescheduling (`sequence`)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": invitation.title, "when": _when(invitation), "where": invitation.where}
        return _send(
            recipients(_invitees(invitation), actor=actor),
            kinds.INVITATION_RECEIVED,
            title=_("Lời mời đổi lịch: %(title)s") % values,
            body=_("Thời gian, địa điểm mới: %(when)s, %(where)s.") % values,
            url=_invitation_url(invitation),
            key=f"invitation-rescheduled:{invitation.pk}:{invitation.sequence}",
        )


def invitation_cancelled(*, actor, invitation) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": invitation.title, "reason": invitation.status_reason}
        return _send(
            recipients(_invitees(invitation), actor=actor),
            kinds.INVITATION_RECEIVED,
            title=_("Lời mời đã hủy: %(title)s") % values,
            body=_("Lý do: %(reason)s") % values,
            url=_invitation_url(invitation),
            key=f"invitation-cancelled:{invitation.pk}",
        )


def invitation_answered(*, actor, response) -> int:
    """The inviter's editors, once per answer given (a changed answer notifies again)."""
    invitation = response.invitation
    with translation.override(settings.LANGUAGE_CODE):
        values = {"org": response.organization.name, "title": invitation.title, "reason": response.reason}
        if response.answer == response.Answer.ATTENDING:
            title = _("%(org)s tham dự: %(title)s") % values
            body = _("%(n)s đại biểu: %(positions)s.") % {"n": response.delegates, "positions": response.positions}
        else:
            title = _("%(org)s không tham dự: %(title)s") % values
            body = _("Lý do: %(reason)s") % values
        return _send(
            recipients({invitation.inviter_id}, actor=actor),
            kinds.INVITATION_ANSWERED,
            title=title,
            body=body,
            url=_invitation_url(invitation),
            key=f"invitation-answered:{response.pk}:{response.version}",
        )


def invitation_unanswered_items(rows, *, day) -> list[NotificationInput]:
    """The daily reminder of sent invitations within a week still unanswered: `rows` are
    (invitation, organisation id) pairs; the organisation's editors, once per invitation
    and organisation. One query whatever the number of rows."""
    members = organization_members({org_id for _invitation, org_id in rows}, permissions.EDITOR_ROLES, day=day)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for invitation, org_id in rows:
            values = {"title": invitation.title, "when": _when(invitation), "inviter": invitation.inviter.name}
            items += [
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.INVITATION_UNANSWERED,
                    title=_("Lời mời chưa trả lời: %(title)s") % values,
                    body=_("%(inviter)s mời dự %(title)s, %(when)s; cơ quan bạn chưa trả lời.") % values,
                    url=_invitation_url(invitation),
                    dedupe_key=f"invitation-unanswered:{invitation.pk}:{org_id}",
                )
                for user_id in members.get(org_id, [])
            ]
    return items
