"""The lifecycle of a hot issue, one table (the `Transition` shape of
`programs.transitions`). Every step needs a reason, recorded as a HotIssueEvent with the
actor and the time. The service checks the table; the issue page shows the buttons of
the steps allowed now, to those who may take them (`permissions.may_manage_hot_issue`).

    detected → assessing → advised → escalated → handling → resolved | watching
    advised → handling        (no escalation needed)
    assessing → watching      (nothing to handle yet, keep an eye on it)
    watching → handling       (flares up again)
    resolved → handling       (reopened)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.hotissues.models import HotIssue
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["HOT_ISSUE", "allowed", "check"]

S = HotIssue.Status

HOT_ISSUE = _table(
    Transition("assess", frozenset({S.DETECTED}), S.ASSESSING, gettext_lazy("Bắt đầu đánh giá"), True),
    Transition("advise", frozenset({S.ASSESSING}), S.ADVISED, gettext_lazy("Đã tham mưu"), True),
    Transition("escalate", frozenset({S.ADVISED}), S.ESCALATED, gettext_lazy("Báo cáo Ban Thường vụ"), True),
    Transition("handle", frozenset({S.ADVISED, S.ESCALATED}), S.HANDLING, gettext_lazy("Triển khai xử lý"), True),
    Transition("resolve", frozenset({S.HANDLING}), S.RESOLVED, gettext_lazy("Đã giải quyết"), True),
    Transition("watch", frozenset({S.ASSESSING, S.HANDLING}), S.WATCHING, gettext_lazy("Chuyển sang theo dõi"), True),
    Transition("flare_up", frozenset({S.WATCHING}), S.HANDLING, gettext_lazy("Phát sinh trở lại, xử lý"), True),
    Transition("reopen", frozenset({S.RESOLVED}), S.HANDLING, gettext_lazy("Mở lại để xử lý"), True),
)

# What the timeline says for each event (HotIssueEvent.action): the steps above and the
# other things that happen to an issue.
EVENT_LABELS = {
    "detected": gettext_lazy("Phát hiện, mở vấn đề"),
    "source_added": gettext_lazy("Gộp thêm nguồn"),
    "handed_over": gettext_lazy("Chuyển xử lý"),
    "hand_over_accepted": gettext_lazy("Cơ quan nhận tiếp nhận"),
    "hand_over_returned": gettext_lazy("Cơ quan nhận trả lại"),
    "shared": gettext_lazy("Chia sẻ với"),
    "task_created": gettext_lazy("Giao nhiệm vụ xử lý"),
    **{t.name: t.label for t in HOT_ISSUE.values()},
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
