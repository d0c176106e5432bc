"""The expected calendar of information provision (*chế độ cung cấp thông tin*): the one
module that owns the date arithmetic. Pure functions, no database.

A programme's regime is a frequency (monthly, quarterly, semiannual, annual or none), the
deadline day within the period (`info_day`) and, for ad-hoc information, a number of hours
after the incident (`adhoc_hours`). From it:

* the periods of a year: months 1–12, quarters 1–4, halves 1–2, or the year itself (1);
* the due date of a period: `info_day` of the period's LAST month, clamped to that month's
  last day (day 31 in a quarter ending in June is 30/06; day 30 of February is 28/02 or
  29/02). Without `info_day` the period's last day;
* the expected periods of a programme in a year: those whose due date falls within the
  window in which the programme binds its parties (`program_window`);
* received on time: provided on or before the due day (the whole due day counts); late
  after it; missing once the due day has passed with nothing received.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL, NONE = "monthly", "quarterly", "semiannual", "annual", "none"
PERIODS_PER_YEAR = {MONTHLY: 12, QUARTERLY: 4, SEMIANNUAL: 2, ANNUAL: 1}
MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# The programme statuses in which a regime binds (signed, in force) or did bind (ended).
BINDING_STATUSES = ("signed", "in_force")
ENDED_STATUSES = ("concluded", "terminated")


def last_day(year: int, month: int) -> int:
    return _cal.monthrange(year, month)[1]


@dataclass(frozen=True, order=True)
class Period:
    """One period of a frequency: (year, number) with its first and last day and its due date."""

    year: int
    number: int
    frequency: str
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def key(self) -> str:
        """ "2026-3": how forms and URLs name a period of a known frequency."""
        return f"{self.year}-{self.number}"

    @property
    def label(self) -> str:
        return period_label(self.frequency, self.year, self.number)

    @property
    def short_label(self) -> str:
        """Column headings of the matrix: "T3", "Quý I", "6 tháng đầu", "Năm"."""
        if self.frequency == MONTHLY:
            return _("T%(n)s") % {"n": self.number}
        if self.frequency == QUARTERLY:
            return _("Quý %(n)s") % {"n": ROMAN[self.number]}
        if self.frequency == SEMIANNUAL:
            return _("6 tháng đầu") if self.number == 1 else _("6 tháng cuối")
        return _("Cả năm")


def period_label(frequency: str, year: int, number: int) -> str:
    """ "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026"."""
    if frequency == MONTHLY:
        return _("Tháng %(n)s/%(year)s") % {"n": number, "year": year}
    if frequency == QUARTERLY:
        return _("Quý %(n)s/%(year)s") % {"n": ROMAN.get(number, number), "year": year}
    if frequency == SEMIANNUAL:
        if number == 1:
            return _("6 tháng đầu năm %(year)s") % {"year": year}
        return _("6 tháng cuối năm %(year)s") % {"year": year}
    return _("Năm %(year)s") % {"year": year}


def is_period(frequency: str, number: int | None) -> bool:
    count = PERIODS_PER_YEAR.get(frequency)
    return count is not None and isinstance(number, int) and 1 <= number <= count


def period(frequency: str, year: int, number: int, info_day: int | None = None) -> Period:
    """Period `number` of `year`; ValueError when the frequency has no such period."""
    if not is_period(frequency, number):
        raise ValueError(f"no period {number} for frequency {frequency!r}")
    months = MONTHS_PER_PERIOD[frequency]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    start = dt.date(year, first_month, 1)
    end = dt.date(year, last_month, last_day(year, last_month))
    return Period(year, number, frequency, start, end, due_date(year, last_month, info_day))


def due_date(year: int, month: int, info_day: int | None) -> dt.date:
    """`info_day` of the month, clamped to its last day; the last day when not set."""
    last = last_day(year, month)
    day = last if not info_day else max(1, min(info_day, last))
    return dt.date(year, month, day)


def periods_of_year(frequency: str, year: int, info_day: int | None = None) -> list[Period]:
    return [period(frequency, year, n, info_day) for n in range(1, PERIODS_PER_YEAR.get(frequency, 0) + 1)]


def period_containing(frequency: str, day: dt.date, info_day: int | None = None) -> Period | None:
    if frequency not in PERIODS_PER_YEAR:
        return None
    number = (day.month - 1) // MONTHS_PER_PERIOD[frequency] + 1
    return period(frequency, day.year, number, info_day)


@dataclass(frozen=True)
class Window:
    """The days in which a programme's regime binds its parties, both ends included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def program_window(
    *,
    status: str,
    start_year: int,
    end_year: int,
    signed_on: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> Window | None:
    """From 1 January of the first year — or the day the programme was signed, if later —
    to 31 December of the last year — or the day it ended (concluded, terminated), if
    earlier. None for a draft: nothing is expected of an agreement not yet signed."""
    if status not in BINDING_STATUSES and status not in ENDED_STATUSES:
        return None
    start = dt.date(start_year, 1, 1)
    if signed_on is not None and signed_on > start:
        start = signed_on
    end = dt.date(end_year, 12, 31)
    if status in ENDED_STATUSES and ended_on is not None and ended_on < end:
        end = ended_on
    if end < start:
        return None
    return Window(start, end)


def expected_periods(frequency: str, info_day: int | None, year: int, window: Window | None) -> list[Period]:
    """The periods of `year` expected under the regime: those due within the window."""
    if window is None or frequency not in PERIODS_PER_YEAR:
        return []
    return [p for p in periods_of_year(frequency, year, info_day) if p.due in window]


def on_time(provided_on: dt.date, due: dt.date) -> bool:
    """The due day itself is on time; the next day is late."""
    return provided_on <= due


def adhoc_due(incident_at: dt.datetime, hours: int | None) -> dt.datetime | None:
    """Ad-hoc information is due `hours` after the incident; no deadline without hours."""
    if not hours:
        return None
    return incident_at + dt.timedelta(hours=hours)


# The states of one cell of the matrix (one provider, one period).
ON_TIME, LATE, MISSING, NOT_YET_DUE, NOT_EXPECTED = "on_time", "late", "missing", "not_yet_due", "not_expected"


def cell_state(period_: Period, expected: bool, provided_on: dt.date | None, today: dt.date) -> str:
    if provided_on is not None:
        return ON_TIME if on_time(provided_on, period_.due) else LATE
    if not expected:
        return NOT_EXPECTED
    return MISSING if today > period_.due else NOT_YET_DUE
