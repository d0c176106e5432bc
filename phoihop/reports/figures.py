"""The figures of a report, computed from the records (issue 6 item 4).

Contract (the report services call `compute`; the trace page reads `Figure.kind` and
`Figure.ids`): every figure says what it counts and keeps the ids of the records it
counts, so a click on the number shows exactly those records.

This module is a placeholder until the figures work lands: it computes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    key: str  # stable, e.g. "tasks.done_on_time"
    label: str  # Vietnamese, e.g. "Nhiệm vụ hoàn thành đúng hạn"
    value: int | float | None
    unit: str = ""  # "" (a count) or "%"
    kind: str = ""  # the record kind counted: "task", "provision", "hot_issue", … ("" = derived)
    ids: list[int] = field(default_factory=list)
    group: str = ""  # the section/table it belongs to, e.g. "tasks"

    def as_json(self) -> dict:
        return asdict(self)


def compute(report) -> list[Figure]:
    """The figures for the report's kind, scope and period."""
    return []
