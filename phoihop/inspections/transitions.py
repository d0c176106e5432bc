"""Allowed changes of an inspection's status, in one table (as `programs.transitions`
does for programmes, plans and tasks). The service checks them; the inspection's page
shows the buttons of the transitions allowed now, and nothing else.

planned → in_progress → concluded → closed (closing only once every conclusion is
remedied). A closed inspection is reopened, and a concluded one taken back to the
inspection, with the reason.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.inspections.models import Inspection
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["INSPECTION", "CONCLUSIONS_OPEN", "allowed", "check"]

S = Inspection.Status
# The statuses in which conclusions are added and remediation tasks drawn up.
CONCLUSIONS_OPEN = frozenset({S.IN_PROGRESS, S.CONCLUDED})

INSPECTION = _table(
    Transition("start", frozenset({S.PLANNED}), S.IN_PROGRESS, gettext_lazy("Bắt đầu kiểm tra")),
    Transition("conclude", frozenset({S.IN_PROGRESS}), S.CONCLUDED, gettext_lazy("Thông báo kết luận")),
    Transition("close", frozenset({S.CONCLUDED}), S.CLOSED, gettext_lazy("Xác nhận đã khắc phục xong")),
    Transition("resume", frozenset({S.CONCLUDED}), S.IN_PROGRESS, gettext_lazy("Kiểm tra tiếp"), needs_reason=True),
    Transition("reopen", frozenset({S.CLOSED}), S.CONCLUDED, gettext_lazy("Mở lại"), needs_reason=True),
)
