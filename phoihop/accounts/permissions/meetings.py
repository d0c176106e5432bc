"""Meetings (issue 6, item 1).

* The organiser's members (and its successors', through lineage) see its meetings; its
  editors (leaders, officers, focal points) create them, edit them, move them through
  their status, record the conclusions and turn them into tasks.
* The members of a participating organisation read the meeting — and add nothing.
* Upper levels read the meetings organised below them; the centre and administrators read
  all — through memberships other than collaborator (a collaborator is no upper level, as
  for false claims).
* Connection points, participants and conclusions follow their meeting.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role
from phoihop.accounts.permissions import Action, Principal, principal

__all__ = ["visible_meetings", "meeting_owner_ids"]

NOT_COLLABORATOR = frozenset(set(Role) - {Role.COLLABORATOR})


def meeting_owner_ids(user) -> set[int]:
    """The organisations for which the user organises meetings (their editors)."""
    return principal(user).editor_organization_ids


def visible_meetings(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.meetings.models import Meeting, MeetingParticipant

    queryset = Meeting.objects.all() if queryset is None else queryset
    who = principal(user)
    reader = who.with_roles(NOT_COLLABORATOR)
    if who.is_admin or reader.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    attended = MeetingParticipant.objects.filter(organization_id__in=list(who.organization_ids)).values("meeting_id")
    return queryset.filter(
        Q(owner_id__in=list(who.history_organization_ids)) | Q(pk__in=attended) | reader.upper_level_q("owner__")
    )


def _meeting_of(obj):
    return obj if obj._meta.label == "meetings.Meeting" else obj.meeting


def _meeting_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return action is Action.VIEW or who.is_admin or bool(who.editor_organization_ids)
    meeting = _meeting_of(obj)
    if action is Action.VIEW:
        if who.is_admin or who.with_roles(NOT_COLLABORATOR).is_central or meeting.owner_id in who.organization_ids:
            return True  # without a query: the common case
        if not who.memberships:
            return False
        return visible_meetings(user).filter(pk=meeting.pk).exists()
    return who.is_admin or meeting.owner_id in who.editor_organization_ids


RULES = {
    "meetings.Meeting": _meeting_rule,
    "meetings.MeetingParticipant": _meeting_rule,
    "meetings.ConnectionPoint": _meeting_rule,
    "meetings.MeetingConclusion": _meeting_rule,
}
