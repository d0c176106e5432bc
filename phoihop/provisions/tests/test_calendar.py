"""The calendar arithmetic: periods, due dates clamped to month ends, leap years, the
programme's binding window, and the states of a matrix cell around the due day."""

import datetime as dt

import pytest

from phoihop.provisions import calendar

D = dt.date


def dues(frequency, year, info_day):
    return [p.due for p in calendar.periods_of_year(frequency, year, info_day)]


def test_monthly_periods_are_the_twelve_months_due_on_the_info_day():
    periods = calendar.periods_of_year("monthly", 2026, 25)
    assert [p.label for p in periods[:3]] == ["Tháng 1/2026", "Tháng 2/2026", "Tháng 3/2026"]
    assert [p.due for p in periods] == [D(2026, m, 25) for m in range(1, 13)]
    assert periods[1].start == D(2026, 2, 1) and periods[1].end == D(2026, 2, 28)


def test_day_31_is_clamped_to_each_months_last_day():
    assert dues("monthly", 2026, 31) == [
        D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31), D(2026, 6, 30),
        D(2026, 7, 31), D(2026, 8, 31), D(2026, 9, 30), D(2026, 10, 31), D(2026, 11, 30), D(2026, 12, 31),
    ]  # fmt: skip


@pytest.mark.parametrize(("year", "expected"), [(2028, D(2028, 2, 29)), (2026, D(2026, 2, 28)), (2100, D(2100, 2, 28))])
def test_february_in_leap_and_common_years(year, expected):
    assert calendar.period("monthly", year, 2, 30).due == expected
    assert calendar.period("monthly", year, 2, None).due == expected  # no info_day: the period's last day


def test_quarters_semesters_and_the_year_are_due_in_their_last_month():
    assert dues("quarterly", 2026, 31) == [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]
    assert dues("semiannual", 2026, 10) == [D(2026, 6, 10), D(2026, 12, 10)]
    assert dues("annual", 2026, 15) == [D(2026, 12, 15)]
    assert [p.label for p in calendar.periods_of_year("quarterly", 2026)] == [
        "Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026",
    ]  # fmt: skip
    assert [p.label for p in calendar.periods_of_year("semiannual", 2026)] == [
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2026",
    ]
    assert calendar.period("annual", 2026, 1).label == "Năm 2026"


def test_frequency_none_expects_nothing():
    window = calendar.program_window(status="in_force", start_year=2026, end_year=2030)
    assert calendar.periods_of_year("none", 2026) == []
    assert calendar.expected_periods("none", 25, 2026, window) == []


@pytest.mark.parametrize(("frequency", "number"), [("monthly", 13), ("monthly", 0), ("quarterly", 5), ("annual", 2)])
def test_a_period_that_does_not_exist_is_refused(frequency, number):
    assert not calendar.is_period(frequency, number)
    with pytest.raises(ValueError):
        calendar.period(frequency, 2026, number)


def test_a_programme_signed_mid_year_expects_only_periods_due_after_signing():
    window = calendar.program_window(status="in_force", start_year=2026, end_year=2030, signed_on=D(2026, 3, 26))
    expected = calendar.expected_periods("monthly", 25, 2026, window)
    assert [p.number for p in expected] == list(range(4, 13))  # March was due on 25/03, before signing
    signed_on_due_day = calendar.program_window(
        status="signed", start_year=2026, end_year=2030, signed_on=D(2026, 3, 25)
    )
    assert calendar.expected_periods("monthly", 25, 2026, signed_on_due_day)[0].number == 3


def test_a_programme_ending_mid_year_expects_nothing_after_it_ended():
    window = calendar.program_window(
        status="terminated", start_year=2021, end_year=2026, signed_on=D(2021, 6, 29), ended_on=D(2026, 7, 10)
    )
    assert [p.number for p in calendar.expected_periods("monthly", 25, 2026, window)] == [1, 2, 3, 4, 5, 6]
    assert calendar.expected_periods("monthly", 25, 2027, window) == []
    assert [p.number for p in calendar.expected_periods("monthly", 25, 2021, window)] == [
        7,
        8,
        9,
        10,
        11,
        12,
    ]  # June was due on 25/06, before signing


def test_outside_the_programmes_years_nothing_is_expected():
    window = calendar.program_window(status="in_force", start_year=2026, end_year=2030)
    assert calendar.expected_periods("quarterly", 31, 2025, window) == []
    assert calendar.expected_periods("quarterly", 31, 2031, window) == []
    assert len(calendar.expected_periods("quarterly", 31, 2030, window)) == 4


def test_a_draft_binds_nobody():
    assert calendar.program_window(status="draft", start_year=2026, end_year=2030) is None
    assert calendar.expected_periods("monthly", 25, 2026, None) == []


def test_the_due_day_itself_is_on_time_the_next_day_is_late():
    march = calendar.period("monthly", 2026, 3, 25)
    assert calendar.cell_state(march, True, D(2026, 3, 25), D(2026, 4, 1)) == calendar.ON_TIME
    assert calendar.cell_state(march, True, D(2026, 3, 26), D(2026, 4, 1)) == calendar.LATE


def test_missing_only_after_the_due_day_has_passed():
    march = calendar.period("monthly", 2026, 3, 25)
    assert calendar.cell_state(march, True, None, D(2026, 3, 24)) == calendar.NOT_YET_DUE
    assert calendar.cell_state(march, True, None, D(2026, 3, 25)) == calendar.NOT_YET_DUE
    assert calendar.cell_state(march, True, None, D(2026, 3, 26)) == calendar.MISSING
    assert calendar.cell_state(march, False, None, D(2026, 12, 1)) == calendar.NOT_EXPECTED


def test_ad_hoc_is_due_hours_after_the_incident_across_midnight():
    incident = dt.datetime(2026, 2, 28, 20, 30, tzinfo=dt.UTC)
    assert calendar.adhoc_due(incident, 24) == dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    assert calendar.adhoc_due(incident, None) is None


def test_period_containing_a_day():
    assert calendar.period_containing("quarterly", D(2026, 8, 31), 15).label == "Quý III/2026"
    assert calendar.period_containing("semiannual", D(2026, 6, 30)).number == 1
    assert calendar.period_containing("none", D(2026, 6, 30)) is None
