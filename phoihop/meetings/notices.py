"""The notifications of meetings, one function per event, called by the service at the
end of its transaction (a refused change notifies nobody). Each has a stable dedupe
key, so nothing is sent twice; titles are in the site's language whatever the actor's.

* scheduled → the members of the participating organisations (collaborators aside), the
  actor excepted;
* a conclusion became a task → the editors of the task's lead and partners.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members

READERS = tuple(set(Role) - {Role.COLLABORATOR})


def _users(organization_ids, roles, actor=None) -> list[int]:
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


def scheduled(*, actor, meeting) -> int:
    participant_ids = meeting.participations.values_list("organization_id", flat=True)
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": meeting.title,
            "owner": meeting.owner.name,
            "at": timezone.localtime(meeting.starts_at).strftime("%H:%M %d/%m/%Y"),
            "place": meeting.place or "—",
        }
        return _send(
            _users(participant_ids, READERS, actor),
            kinds.MEETING_SCHEDULED,
            title=_("Hội nghị: %(title)s") % values,
            body=_("%(owner)s tổ chức lúc %(at)s tại %(place)s.") % values,
            url=reverse("meetings:detail", args=[meeting.pk]),
            key=f"meeting-scheduled:{meeting.pk}",
        )


def task_assigned(*, actor, conclusion, task) -> int:
    meeting = conclusion.meeting
    organization_ids = set(task.parts.values_list("organization_id", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "task": task.title,
            "meeting": meeting.title,
            "n": conclusion.number,
            "due": f"{task.due_date:%d/%m/%Y}",
        }
        return _send(
            _users(organization_ids, permissions.EDITOR_ROLES, actor),
            kinds.MEETING_CONCLUSION_TASK,
            title=_("Nhiệm vụ từ kết luận hội nghị: %(task)s") % values,
            body=_("Kết luận số %(n)s của %(meeting)s; hạn %(due)s.") % values,
            url=reverse("programs:task_detail", args=[task.pk]),
            key=f"meeting-conclusion-task:{conclusion.pk}:{task.pk}",
        )
