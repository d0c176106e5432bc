"""The summary arithmetic, on hand-computed rows: counts by direction, hot flags, the
attention score (intensity 1–3 × breadth 1–4) and the trend against the previous period."""

from phoihop.opinion.summary import Row, Trend, summarise, weight


def test_weights_are_intensity_times_breadth():
    assert weight("low", "few") == 1
    assert weight("medium", "many") == 4
    assert weight("high", "most") == 9
    assert weight("high", "nearly_all") == 12


ROWS = [
    # October: land 2 worried (medium, many → 4 each) + 1 opposing hot (high, most → 9);
    # health 1 approving (low, few → 1)
    Row("2026-10", "land", "xa-a", "worried", "medium", "many", False, 2),
    Row("2026-10", "land", "xa-b", "opposing", "high", "most", True, 1),
    Row("2026-10", "health", "xa-a", "approving", "low", "few", False, 1),
    # September: land 1 worried (low, many → 2); education 1 undecided (medium, few → 2)
    Row("2026-9", "land", "xa-a", "worried", "low", "many", False, 1),
    Row("2026-9", "education", "xa-b", "undecided", "medium", "few", False, 1),
]


def test_topic_figures_and_trend():
    result = summarise(ROWS, period="2026-10", previous="2026-9")
    by_topic = {line.key: line for line in result.by_topic}
    land = by_topic["land"]
    assert land.figures.items == 3
    assert land.figures.hot == 1
    assert land.figures.attention == 4 * 2 + 9
    assert land.figures.by_direction == {"approving": 0, "opposing": 1, "worried": 2, "undecided": 0}
    assert (land.trend.previous, land.trend.difference, land.trend.direction) == (2, 15, "up")
    assert by_topic["health"].trend.direction == "up"
    # a topic only the previous period had is shown at zero, going down
    education = by_topic["education"]
    assert (education.figures.items, education.trend.difference, education.trend.direction) == (0, -2, "down")
    # highest attention first
    assert [line.key for line in result.by_topic] == ["land", "health", "education"]


def test_area_figures_and_total():
    result = summarise(ROWS, period="2026-10", previous="2026-9")
    by_area = {line.key: line.figures for line in result.by_area}
    assert (by_area["xa-a"].items, by_area["xa-a"].attention) == (3, 9)
    assert (by_area["xa-b"].items, by_area["xa-b"].attention) == (1, 9)
    assert (result.total.items, result.total.hot, result.total.attention) == (4, 1, 18)
    assert (result.total_trend.previous, result.total_trend.difference) == (4, 14)


def test_periods_trend_each_against_the_one_before():
    rows = [*ROWS, Row("2025-12", "land", "xa-a", "worried", "high", "nearly_all", False, 1)]
    result = summarise(
        rows, period="2026-10", previous="2026-9", periods=["2026-8", "2026-9", "2026-10"], before_first="2026-7"
    )
    lines = [
        (line.key, line.figures.attention, line.trend.difference, line.trend.direction) for line in result.by_period
    ]
    assert lines == [("2026-8", 0, 0, "steady"), ("2026-9", 4, 4, "up"), ("2026-10", 18, 14, "up")]


def test_steady_and_down():
    assert Trend(5, 5).direction == "steady"
    assert (Trend(3, 7).direction, Trend(3, 7).difference) == ("down", -4)


def test_no_rows_no_figures():
    result = summarise([], period="2026-10", previous="2026-9", periods=["2026-10"])
    assert result.total.items == 0
    assert result.by_topic == [] and result.by_area == []
    assert result.by_period[0].trend.direction == "steady"
