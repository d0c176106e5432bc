"""Background job of hot issues: a plain function the worker runs hourly (declared in
phoihop/jobs/schedules.py) and tests call directly."""

from __future__ import annotations

from django.utils import timezone

from phoihop.hotissues import escalation, notices
from phoihop.hotissues.models import EscalationRule, HotIssue
from phoihop.hotissues.selectors import OPEN_STATUSES
from phoihop.notifications.services import notify_many


def check_escalations(today=None) -> int:
    """The departments' open issues not yet escalated that meet an active escalation rule
    of their department: the department's leaders are notified, once per issue and rule
    (the dedupe key), however often this runs. A constant number of queries whatever the
    number of issues. Returns the number of notifications created."""
    today = today or timezone.localdate()
    rules = list(EscalationRule.objects.filter(is_active=True).order_by("department_id", "id"))
    if not rules:
        return 0
    by_department: dict[int, list[EscalationRule]] = {}
    for rule in rules:
        by_department.setdefault(rule.department_id, []).append(rule)
    issues = (
        HotIssue.objects.filter(owner_id__in=list(by_department), status__in=OPEN_STATUSES, escalated_at__isnull=True)
        .exclude(status=HotIssue.Status.ESCALATED)
        .only("pk", "title", "owner_id", "severity", "status", "detected_at", "escalated_at")
        .order_by("id")
    )
    pairs = [
        (issue, rule)
        for issue in issues.iterator(chunk_size=2000)
        for rule in by_department[issue.owner_id]
        if escalation.rule_met(issue, rule, today)
    ]
    if not pairs:
        return 0
    return notify_many(notices.escalation_due_items(pairs, day=today))
