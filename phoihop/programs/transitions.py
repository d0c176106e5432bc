"""Allowed status changes, one table per entity. Services check them; pages show the
buttons of the transitions allowed now, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.programs.models import AnnualPlan, Program, Task


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: object
    needs_reason: bool = False


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


P, A, T = Program.Status, AnnualPlan.Status, Task.Status

PROGRAM = _table(
    Transition("sign", frozenset({P.DRAFT}), P.SIGNED, gettext_lazy("Ký kết")),
    Transition("put_in_force", frozenset({P.SIGNED}), P.IN_FORCE, gettext_lazy("Đưa vào thực hiện")),
    Transition("conclude", frozenset({P.IN_FORCE}), P.CONCLUDED, gettext_lazy("Kết thúc sau tổng kết"), True),
    Transition("terminate", frozenset({P.SIGNED, P.IN_FORCE}), P.TERMINATED, gettext_lazy("Chấm dứt"), True),
)

PLAN = _table(
    Transition("sign", frozenset({A.DRAFT}), A.SIGNED, gettext_lazy("Ký ban hành")),
    Transition("close", frozenset({A.SIGNED}), A.CLOSED, gettext_lazy("Kết thúc kế hoạch")),
    Transition("reopen", frozenset({A.CLOSED}), A.SIGNED, gettext_lazy("Mở lại"), True),
)

TASK = _table(
    Transition("complete", frozenset({T.OPEN}), T.DONE, gettext_lazy("Đánh dấu hoàn thành")),
    Transition("cancel", frozenset({T.OPEN}), T.CANCELLED, gettext_lazy("Hủy nhiệm vụ"), True),
    Transition("reopen", frozenset({T.DONE, T.CANCELLED}), T.OPEN, gettext_lazy("Mở lại"), True),
)


def allowed(table: dict[str, Transition], status: str) -> list[Transition]:
    return [t for t in table.values() if status in t.sources]


def check(table: dict[str, Transition], name: str, status: str, status_label: str, reason: str = "") -> Transition:
    """The transition `name` from `status`, or a ValidationError saying why not."""
    transition = table.get(name)
    if transition is None:
        raise ValidationError({"action": [_("Thao tác không hợp lệ.")]})
    if status not in transition.sources:
        raise ValidationError(
            {
                "action": [
                    _("Không thể “%(action)s” khi đang ở trạng thái “%(status)s”.")
                    % {"action": transition.label, "status": status_label}
                ]
            }
        )
    if transition.needs_reason and not (reason or "").strip():
        raise ValidationError({"reason": [_("Hãy nêu lý do.")]})
    return transition
