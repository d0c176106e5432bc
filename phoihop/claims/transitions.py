"""Allowed changes of a false claim's verification status, in one table (as
`programs.transitions` does for programmes, plans and tasks). The service checks them;
the claim's page shows the buttons of the transitions allowed now, and nothing else.

unverified → verifying → false / misleading / true. A conclusion can be revised — to
another conclusion, or back to verifying — always with the reason.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.claims.models import FalseClaim
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["CLAIM", "CONCLUSIONS", "allowed", "check"]

S = FalseClaim.Status
CONCLUSIONS = frozenset({S.FALSE, S.MISLEADING, S.TRUE})
# The statuses for which the official response is recorded.
RESPONDED = frozenset({S.FALSE, S.MISLEADING})

CLAIM = _table(
    Transition("verify", frozenset({S.UNVERIFIED}), S.VERIFYING, gettext_lazy("Bắt đầu xác minh")),
    Transition("conclude_false", frozenset({S.VERIFYING}), S.FALSE, gettext_lazy("Kết luận: sai sự thật")),
    Transition("conclude_misleading", frozenset({S.VERIFYING}), S.MISLEADING, gettext_lazy("Kết luận: gây hiểu lầm")),
    Transition("conclude_true", frozenset({S.VERIFYING}), S.TRUE, gettext_lazy("Kết luận: đúng sự thật")),
    Transition(
        "revise_false", CONCLUSIONS - {S.FALSE}, S.FALSE, gettext_lazy("Sửa kết luận: sai sự thật"), needs_reason=True
    ),
    Transition(
        "revise_misleading",
        CONCLUSIONS - {S.MISLEADING},
        S.MISLEADING,
        gettext_lazy("Sửa kết luận: gây hiểu lầm"),
        needs_reason=True,
    ),
    Transition(
        "revise_true", CONCLUSIONS - {S.TRUE}, S.TRUE, gettext_lazy("Sửa kết luận: đúng sự thật"), needs_reason=True
    ),
    Transition("reopen", CONCLUSIONS, S.VERIFYING, gettext_lazy("Xác minh lại"), needs_reason=True),
)
