"""Allowed changes of a meeting's status, in one table (as `programs.transitions` does
for programmes, plans and tasks). The service checks them; the meeting's page shows the
buttons of the transitions allowed now, and nothing else.

planned → held (once it has begun) · planned → cancelled (with the reason). A held
meeting does not go back to planned, nor is it cancelled: what happened is kept.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.meetings.models import Meeting
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["MEETING", "allowed", "check"]

S = Meeting.Status

MEETING = _table(
    Transition("hold", frozenset({S.PLANNED}), S.HELD, gettext_lazy("Xác nhận đã tổ chức")),
    Transition("cancel", frozenset({S.PLANNED}), S.CANCELLED, gettext_lazy("Hủy hội nghị"), needs_reason=True),
)
