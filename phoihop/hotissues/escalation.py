"""Escalation rules and SLA timers: pure functions over issues and rules already loaded
(no queries), shared by the issue page, "Việc của tôi" and the hourly job.

A rule applies to its department's open issues not yet escalated. Its conditions are
the minimum severity and the days unresolved since detection; a rule with both needs
both ("high or above, unresolved after 3 days"), a rule with one needs that one — two
rules express "either". Days count in calendar days of the project's time zone: an
issue detected on 10/11 under a 3-day rule is due on 13/11.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.hotissues.models import SEVERITY_RANK, EscalationRule, HotIssue


def awaits_escalation(issue: HotIssue) -> bool:
    """Open and never escalated: the issues the rules watch."""
    return issue.is_open and issue.escalated_at is None and issue.status != HotIssue.Status.ESCALATED


def severity_reached(issue: HotIssue, rule: EscalationRule) -> bool:
    return not rule.min_severity or SEVERITY_RANK.get(issue.severity, -1) >= SEVERITY_RANK[rule.min_severity]


def due_on(issue: HotIssue, rule: EscalationRule) -> dt.date | None:
    """The day the rule's days run out for the issue (None: the rule counts no days)."""
    if rule.unresolved_days is None:
        return None
    return timezone.localdate(issue.detected_at) + dt.timedelta(days=rule.unresolved_days)


def rule_met(issue: HotIssue, rule: EscalationRule, today: dt.date) -> bool:
    """Does the issue meet the rule today (and still await escalation)?"""
    if not rule.is_active or rule.department_id != issue.owner_id or not awaits_escalation(issue):
        return False
    if not severity_reached(issue, rule):
        return False
    due = due_on(issue, rule)
    return due is None or today >= due


@dataclass(frozen=True)
class Timer:
    rule: EscalationRule
    due: dt.date | None
    days: int  # > 0: days overdue; < 0: days left; 0: due today (or met by severity)

    @property
    def is_met(self) -> bool:
        return self.days >= 0

    @property
    def text(self) -> str:
        values = {"rule": self.rule.name, "n": abs(self.days)}
        if self.due is None:
            return _("Đến ngưỡng báo cáo Ban Thường vụ theo quy tắc “%(rule)s”") % values
        if self.days > 0:
            return _("Quá hạn %(n)s ngày theo quy tắc “%(rule)s”") % values
        if self.days == 0:
            return _("Đến hạn hôm nay theo quy tắc “%(rule)s”") % values
        return _("Còn %(n)s ngày theo quy tắc “%(rule)s”") % values


def timers(issue: HotIssue, rules, today: dt.date) -> list[Timer]:
    """The issue's timers under the department's active rules whose severity condition
    it meets, the most urgent first; none once the issue is escalated or closed."""
    if not awaits_escalation(issue):
        return []
    result = []
    for rule in rules:
        if not rule.is_active or rule.department_id != issue.owner_id or not severity_reached(issue, rule):
            continue
        due = due_on(issue, rule)
        result.append(Timer(rule=rule, due=due, days=0 if due is None else (today - due).days))
    return sorted(result, key=lambda timer: (-timer.days, timer.rule.name, timer.rule.pk))
