"""Allowed changes of an exemplary model's status, in one table (as
`programs.transitions` does). The service checks them, and who may do each: the deciding
side reviews and decides, the nominator withdraws (`NOMINATOR_ACTIONS`).

nominated → under_review → commended / not_commended; withdrawn by the nominator before
the decision. Commending needs the decision (deciding organisation, reference, date);
not commending and withdrawing need the reason.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.exemplary.models import ExemplaryModel
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["EXEMPLARY", "EDITABLE", "NOMINATOR_ACTIONS", "DECIDER_ACTIONS", "allowed", "check"]

S = ExemplaryModel.Status
# The statuses in which the nominator still edits the nomination.
EDITABLE = frozenset({S.NOMINATED, S.UNDER_REVIEW})

EXEMPLARY = _table(
    Transition("review", frozenset({S.NOMINATED}), S.UNDER_REVIEW, gettext_lazy("Tiếp nhận, đưa vào xét")),
    Transition("commend", frozenset({S.UNDER_REVIEW}), S.COMMENDED, gettext_lazy("Quyết định khen thưởng")),
    Transition(
        "not_commend",
        frozenset({S.UNDER_REVIEW}),
        S.NOT_COMMENDED,
        gettext_lazy("Không khen thưởng"),
        needs_reason=True,
    ),
    Transition("withdraw", EDITABLE, S.WITHDRAWN, gettext_lazy("Rút đề nghị"), needs_reason=True),
)
NOMINATOR_ACTIONS = frozenset({"withdraw"})
DECIDER_ACTIONS = frozenset({"review", "commend", "not_commend"})
