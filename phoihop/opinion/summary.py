"""The department summary of public opinion: pure arithmetic over aggregated rows, no
database. The query side (selectors.department_summary) hands in one row per group of
identical items; this module turns them into the figures the page and the API show.

Figures of a group of items (a topic, an area, a period):

* `items`: the number of items;
* `by_direction`: how many approve, oppose, are worried, are undecided;
* `hot`: how many were flagged as hot;
* `attention`: the weighted attention score, the sum over the items of
  intensity weight × breadth weight, with intensity low / medium / high = 1 / 2 / 3 and
  breadth a few / many / most / nearly all = 1 / 2 / 3 / 4. One item worried with high
  intensity among nearly all people weighs 12; one approving remark by a few, 1.

The trend of a group compares its attention score with the same group's score in the
previous period: up, down or steady, with the difference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

INTENSITY_WEIGHT = {"low": 1, "medium": 2, "high": 3}
BREADTH_WEIGHT = {"few": 1, "many": 2, "most": 3, "nearly_all": 4}
DIRECTIONS = ("approving", "opposing", "worried", "undecided")
UP, DOWN, STEADY = "up", "down", "steady"


@dataclass(frozen=True)
class Row:
    """`count` identical items: of one period, topic and area, with one direction,
    intensity, breadth and hot flag."""

    period: Hashable
    topic: Hashable
    area: Hashable
    direction: str
    intensity: str
    breadth: str
    hot: bool
    count: int = 1


def weight(intensity: str, breadth: str) -> int:
    return INTENSITY_WEIGHT[intensity] * BREADTH_WEIGHT[breadth]


@dataclass
class Figures:
    items: int = 0
    hot: int = 0
    attention: int = 0
    by_direction: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIRECTIONS, 0))

    def add(self, row: Row) -> None:
        self.items += row.count
        self.hot += row.count if row.hot else 0
        self.attention += row.count * weight(row.intensity, row.breadth)
        self.by_direction[row.direction] = self.by_direction.get(row.direction, 0) + row.count


@dataclass(frozen=True)
class Trend:
    current: int
    previous: int

    @property
    def difference(self) -> int:
        return self.current - self.previous

    @property
    def direction(self) -> str:
        if self.difference > 0:
            return UP
        if self.difference < 0:
            return DOWN
        return STEADY


@dataclass
class Line:
    """One line of a table: a key (a topic, an area, a period), its figures in the period
    and the trend of its attention score against the previous period."""

    key: Hashable
    figures: Figures
    trend: Trend


@dataclass
class Summary:
    period: Hashable
    previous: Hashable | None
    total: Figures
    total_trend: Trend
    by_topic: list[Line]
    by_area: list[Line]
    by_period: list[Line]


def figures(rows: Iterable[Row]) -> Figures:
    result = Figures()
    for row in rows:
        result.add(row)
    return result


def _grouped(rows: list[Row], key) -> dict[Hashable, Figures]:
    result: dict[Hashable, Figures] = defaultdict(Figures)
    for row in rows:
        result[key(row)].add(row)
    return result


def _lines(current: dict[Hashable, Figures], previous: dict[Hashable, Figures]) -> list[Line]:
    """Lines for every key of the period, then the keys only the previous period had
    (now at zero), by attention then items, highest first."""
    keys = list(current) + [key for key in previous if key not in current]
    lines = [
        Line(
            key,
            current.get(key, Figures()),
            Trend(current.get(key, Figures()).attention, previous.get(key, Figures()).attention),
        )
        for key in keys
    ]
    return sorted(lines, key=lambda line: (-line.figures.attention, -line.figures.items, str(line.key)))


def summarise(
    rows: Iterable[Row],
    *,
    period: Hashable,
    previous: Hashable | None,
    periods: list | None = None,
    before_first: Hashable | None = None,
) -> Summary:
    """The figures of `period` by topic and by area, each with its trend against
    `previous`; and the figures of each of `periods` (in their order: the periods of the
    year, say) with the trend of each against the one before it — the first against
    `before_first` (the last period of the year before)."""
    rows = list(rows)
    in_period = [row for row in rows if row.period == period]
    in_previous = [row for row in rows if previous is not None and row.period == previous]
    by_period = _grouped(rows, lambda row: row.period)
    period_lines = []
    periods = list(periods or [])
    for index, key in enumerate(periods):
        before_key = periods[index - 1] if index else before_first
        before = by_period.get(before_key, Figures()) if before_key is not None else Figures()
        current = by_period.get(key, Figures())
        period_lines.append(Line(key, current, Trend(current.attention, before.attention)))
    total, total_previous = figures(in_period), figures(in_previous)
    return Summary(
        period=period,
        previous=previous,
        total=total,
        total_trend=Trend(total.attention, total_previous.attention),
        by_topic=_lines(_grouped(in_period, lambda r: r.topic), _grouped(in_previous, lambda r: r.topic)),
        by_area=_lines(_grouped(in_period, lambda r: r.area), _grouped(in_previous, lambda r: r.area)),
        by_period=period_lines,
    )
