"""The charts of the dashboards: specs from figures, Vietnamese numbers, the SVG as a page
element, small multiples."""

from phoihop.core.charts import ChartSpec, number_vi, render_svg
from phoihop.dashboards import charts


def test_vietnamese_numbers():
    assert (number_vi(12345), number_vi(87.5, 1), number_vi(1234567.25, 2)) == ("12.345", "87,5", "1.234.567,25")


def test_inline_svg_scales_and_is_named():
    svg = charts.inline(render_svg(ChartSpec("bar", "Nhiệm vụ quá hạn", ["T7"], {"Số": [3]})), "Nhiệm vụ quá hạn")
    assert svg.startswith('<svg role="img" aria-label="Nhiệm vụ quá hạn" ')
    assert 'width="100%"' in svg and 'pt"' not in svg.split(">", 1)[0] and "viewBox" in svg


def test_units_small_multiples_tell_zero_from_no_data():
    rows = [
        {
            "name": "Đảng ủy xã Cẩm Đức",
            "tasks_on_time_rate": 0.0,
            "provisions_on_time_rate": None,
            "hot_issues_open": 2,
            "meetings_held": 0,
        },
        {
            "name": "Đảng ủy xã An Phú",
            "tasks_on_time_rate": 50.0,
            "provisions_on_time_rate": None,
            "hot_issues_open": 0,
            "meetings_held": 1,
        },
    ]
    chart = charts.units_chart(rows)
    tasks, provisions, hot, meetings = chart.spec.panels
    assert not tasks.is_empty and tasks.percent and tasks.series[tasks.title] == [0.0, 50.0]
    assert provisions.is_empty  # no information was due anywhere
    assert chart.rows[0] == ["Đảng ủy xã Cẩm Đức", "0", "—", "2", "0"]
    svg = render_svg(chart.spec, width=chart.width, height=chart.height)
    assert svg.count("Chưa có số liệu") == 1 and "100 %" in svg and "Đảng ủy xã An Phú" in svg
