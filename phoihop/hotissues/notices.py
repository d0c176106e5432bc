"""The notifications of hot issues, one function per event, called by the service at
the end of its transaction (a refused change notifies nobody). Each has a stable dedupe
key, so nothing is sent twice; titles are in the site's language whatever the actor's.

* escalated → the owning department's leaders (they decide on escalations);
* an escalation rule met (hourly job) → the department's leaders, once per issue and rule;
* handed over → the receiving organisation's editors;
* hand-over accepted or returned → the owning department's leaders and officers.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members

LEADERS = (Role.LEADER,)
MANAGERS = (Role.LEADER, Role.OFFICER)


def _url(issue) -> str:
    return reverse("hotissues:detail", args=[issue.pk])


def _users(organization_ids, roles, actor=None, day=None) -> list[int]:
    members = organization_members(set(organization_ids), roles, day=day)
    skip = getattr(actor, "pk", None)
    return sorted({user_id for users in members.values() for user_id in users if user_id != skip})


def _send(user_ids, kind: str, *, title: str, body: str, url: str, key: str) -> int:
    return notify_many(
        [
            NotificationInput(recipient_id=user_id, kind=kind, title=title, body=body, url=url, dedupe_key=key)
            for user_id in user_ids
        ]
    )


def escalated(*, actor, issue, event) -> int:
    """The owner's leaders (the actor too if a leader: the record is theirs to follow)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _send(
            _users({issue.owner_id}, LEADERS),
            kinds.HOT_ISSUE_ESCALATED,
            title=_("Báo cáo Ban Thường vụ: %(title)s") % {"title": issue.title},
            body=_("Lý do: %(reason)s") % {"reason": event.reason},
            url=_url(issue),
            key=f"hot-issue-escalated:{event.pk}",
        )


def escalation_due_items(pairs, *, day) -> list[NotificationInput]:
    """`pairs`: (issue, rule) met today. The department's leaders, once per issue and rule
    (the key carries no date). One query whatever the number of pairs."""
    members = organization_members({issue.owner_id for issue, _rule in pairs}, LEADERS, day=day)
    items = []
    with translation.override(settings.LANGUAGE_CODE):
        for issue, rule in pairs:
            values = {"title": issue.title, "rule": rule.name}
            items += [
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.HOT_ISSUE_ESCALATION_DUE,
                    title=_("Cần xem xét báo cáo Ban Thường vụ: %(title)s") % values,
                    body=_("Vấn đề đến ngưỡng báo cáo Ban Thường vụ theo quy tắc “%(rule)s” nhưng chưa được báo cáo.")
                    % values,
                    url=_url(issue),
                    dedupe_key=f"hot-issue-escalation-due:{issue.pk}:{rule.pk}",
                )
                for user_id in members.get(issue.owner_id, [])
            ]
    return items


def handed_over(*, actor, hand_over) -> int:
    issue = hand_over.hot_issue
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": issue.title, "owner": issue.owner.name, "note": hand_over.note}
        return _send(
            _users({hand_over.to_organization_id}, permissions.EDITOR_ROLES, actor),
            kinds.HOT_ISSUE_HANDED_OVER,
            title=_("Vấn đề chuyển đến cơ quan bạn xử lý: %(title)s") % values,
            body=_("%(owner)s chuyển: %(note)s. Hãy tiếp nhận hoặc trả lại (nêu lý do).") % values,
            url=_url(issue),
            key=f"hot-issue-handed-over:{hand_over.pk}",
        )


def hand_over_answered(*, actor, hand_over) -> int:
    issue = hand_over.hot_issue
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": issue.title, "org": hand_over.to_organization.name, "reason": hand_over.answer_reason}
        if hand_over.status == hand_over.Status.ACCEPTED:
            title = _("%(org)s đã tiếp nhận xử lý: %(title)s") % values
        else:
            title = _("%(org)s trả lại vấn đề: %(title)s") % values
        return _send(
            _users({issue.owner_id}, MANAGERS, actor),
            kinds.HOT_ISSUE_HAND_OVER_ANSWERED,
            title=title,
            body=(_("Lý do: %(reason)s") % values) if hand_over.answer_reason else "",
            url=_url(issue),
            key=f"hot-issue-hand-over-answered:{hand_over.pk}",
        )
