"""The charts of a dashboard: ChartSpecs built from the figures of `stats` (the report
renderer can draw the same specs as PNG with `core.charts.render_png`), each with a
caption and a small data table for those who cannot see the picture.

Drawing costs CPU (50–100 ms a chart): `rendered` draws each chart once per request and
keeps each SVG in Django's cache for five minutes, keyed by scope, period and a hash of
the spec (so changed figures draw anew).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import gettext as _

from phoihop.core.charts import ChartSpec, number_vi, render_svg
from phoihop.opinion.models import Direction
from phoihop.programs.models import Bucket

CACHE_SECONDS = 300
UNITS_CHARTED = 12


@dataclass
class Chart:
    key: str
    spec: ChartSpec
    caption: str
    headers: list[str]
    rows: list[list[str]]
    svg: str = ""
    width: float = 6.4
    height: float = 3.2
    extra: dict = field(default_factory=dict)


def _n(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return number_vi(value, 1)
    return number_vi(value)


def _table(spec: ChartSpec, first: str) -> tuple[list[str], list[list[str]]]:
    headers = [first, *spec.series]
    rows = [[label, *(_n(spec.series[name][i]) for name in spec.series)] for i, label in enumerate(spec.categories)]
    return headers, rows


def _chart(key: str, spec: ChartSpec, caption: str, first: str, *, height: float = 3.2) -> Chart:
    headers, rows = _table(spec, first)
    legend_rows = (len(spec.series) + 1) // 2 if len(spec.series) > 1 else 0
    return Chart(key, spec, caption, headers, rows, height=height + 0.25 * legend_rows)


def dashboard_charts(figures: dict) -> list[Chart]:
    """The eight charts of an organisation's dashboard."""
    bucket_labels = {bucket.value: str(bucket.label) for bucket in Bucket}
    tasks = figures["tasks"]
    charts = [
        _chart(
            "tasks_by_bucket",
            ChartSpec(
                "hbar",
                _("Nhiệm vụ theo tình trạng thực hiện"),
                [bucket_labels[b.value] for b in Bucket],
                {_("Nhiệm vụ"): [tasks[b.value] for b in Bucket]},
            ),
            _("Số nhiệm vụ đến hạn trong kỳ, chia theo bốn nhóm của Văn phòng Chính phủ."),
            _("Tình trạng"),
        ),
    ]
    parties = figures["tasks_by_party"]
    charts.append(
        _chart(
            "tasks_by_party",
            ChartSpec(
                "hstacked",
                _("Nhiệm vụ theo cơ quan chủ trì"),
                [row["name"] for row in parties],
                {bucket_labels[b.value]: [row[b.value] for row in parties] for b in Bucket},
            ),
            _("Các cơ quan chủ trì nhiều nhiệm vụ nhất; các cơ quan còn lại gộp vào “Khác”."),
            _("Cơ quan chủ trì"),
            height=max(2.4, 0.45 * len(parties) + 1.4),
        )
    )
    provisions = figures["provisions"]
    charts.append(
        _chart(
            "provisions",
            ChartSpec(
                "bar",
                _("Cung cấp thông tin"),
                [_("Đúng hạn"), _("Chậm"), _("Thiếu")],
                {_("Kỳ"): [provisions["on_time"], provisions["late"], provisions["missing"]]},
            ),
            _("Thông tin có hạn trong kỳ: nhận đúng hạn, nhận chậm, và các kỳ đã quá hạn chưa nhận."),
            _("Tình trạng"),
        )
    )
    hot = figures["hot_issues"]
    charts.append(
        _chart(
            "hot_issues_by_state",
            ChartSpec(
                "hbar",
                _("Vấn đề nổi cộm theo trạng thái"),
                [row["label"] for row in hot["by_state"]],
                {_("Vấn đề"): [row["n"] for row in hot["by_state"]]},
            ),
            _("Các vấn đề nổi cộm đang theo dõi trong kỳ, theo trạng thái hiện nay."),
            _("Trạng thái"),
            height=3.0,
        )
    )
    topics = hot["by_topic"][:8]
    charts.append(
        _chart(
            "hot_issues_by_topic",
            ChartSpec(
                "hbar",
                _("Vấn đề nổi cộm theo chủ đề"),
                [row["name"] for row in topics],
                {_("Vấn đề"): [row["n"] for row in topics]},
            ),
            _("Các chủ đề có nhiều vấn đề nổi cộm nhất trong kỳ."),
            _("Chủ đề"),
            height=max(2.4, 0.4 * len(topics) + 1.4),
        )
    )
    direction_labels = {value: str(label) for value, label in Direction.choices}
    months = figures["opinion"]["months"]
    charts.append(
        _chart(
            "opinion_by_month",
            ChartSpec(
                "stacked",
                _("Chiều hướng dư luận theo tháng"),
                [row["label"] for row in months],
                {direction_labels[d]: [row[d] for row in months] for d in Direction.values},
            ),
            _("Số ý kiến, dư luận trong các báo cáo dư luận xã hội đã nộp, theo tháng và chiều hướng."),
            _("Tháng"),
        )
    )
    press = figures["press"]["months"]
    charts.append(
        _chart(
            "press_by_month",
            ChartSpec(
                "line",
                _("Báo chí phản ánh theo tháng"),
                [row["label"] for row in press],
                {
                    _("Tin bài"): [row["items"] for row in press],
                    _("Tin bài tiêu cực"): [row["negative"] for row in press],
                },
            ),
            _("Số tin bài báo chí được theo dõi, và số tin bài có sắc thái tiêu cực."),
            _("Tháng"),
        )
    )
    buckets = figures["meetings"]["buckets"]
    charts.append(
        _chart(
            "meetings",
            ChartSpec(
                "bar",
                _("Hội nghị và thực hiện kết luận"),
                [row["label"] for row in buckets],
                {
                    _("Hội nghị đã tổ chức"): [row["held"] for row in buckets],
                    _("Kết luận"): [row["conclusions"] for row in buckets],
                    _("Kết luận đã thực hiện xong"): [row["conclusions_done"] for row in buckets],
                },
            ),
            _("Hội nghị đã tổ chức, số kết luận và số kết luận có nhiệm vụ đã hoàn thành."),
            _("Thời gian"),
        )
    )
    return charts


def units_chart(rows: list[dict]) -> Chart:
    """The small multiples of the per-level view: four indicators side by side for the
    first units (in the table's order)."""
    shown = rows[:UNITS_CHARTED]
    names = [row["name"] for row in shown]

    def panel(title: str, column: str, percent: bool = False) -> ChartSpec:
        values = [row[column] for row in shown]
        has_data = any(value is not None for value in values) if percent else None
        return ChartSpec(
            "hbar", title, names, {title: [value or 0 for value in values]}, percent=percent, has_data=has_data
        )

    spec = ChartSpec(
        "multiples",
        "",
        names,
        panels=[
            panel(_("Nhiệm vụ đúng hạn (%)"), "tasks_on_time_rate", percent=True),
            panel(_("Cung cấp thông tin đúng hạn (%)"), "provisions_on_time_rate", percent=True),
            panel(_("Vấn đề nổi cộm đang mở"), "hot_issues_open"),
            panel(_("Hội nghị đã tổ chức"), "meetings_held"),
        ],
    )
    headers = [_("Đơn vị"), *(p.title for p in spec.panels)]
    table = [
        [
            row["name"],
            _n(row["tasks_on_time_rate"]),
            _n(row["provisions_on_time_rate"]),
            _n(row["hot_issues_open"]),
            _n(row["meetings_held"]),
        ]
        for row in shown
    ]
    caption = _("Bốn chỉ số chính của từng đơn vị cấp dưới (tối đa %(n)s đơn vị đầu bảng).") % {"n": UNITS_CHARTED}
    return Chart("units", spec, caption, headers, table, width=8, height=2 * max(2.2, 0.3 * len(shown) + 1.2))


def inline(svg: str, title: str) -> str:
    """matplotlib's SVG document as an element of the page: no XML prolog, scaling to
    the width of its card (the viewBox keeps the proportions), named for screen readers."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\swidth="[^"]*pt"', ' width="100%"', svg, count=1)
    svg = re.sub(r'\sheight="[^"]*pt"', "", svg, count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def _cache_key(scope: str, period: str, chart: Chart) -> str:
    payload = json.dumps(dataclasses.asdict(chart.spec), sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(f"{payload}|{chart.width}|{chart.height}".encode()).hexdigest()[:32]
    return f"dashboards:svg:{scope}:{period}:{chart.key}:{digest}"


def rendered(charts: list[Chart], *, scope: str, period: str) -> list[Chart]:
    """Fill each chart's `svg`, from the cache when the same figures were drawn within
    five minutes, else drawn now (once)."""
    keys = {chart.key: _cache_key(scope, period, chart) for chart in charts}
    cached = cache.get_many(list(keys.values()))
    fresh = {}
    for chart in charts:
        svg = cached.get(keys[chart.key])
        if svg is None:
            svg = inline(
                render_svg(chart.spec, width=chart.width, height=chart.height), chart.spec.title or chart.caption
            )
            fresh[keys[chart.key]] = svg
        chart.svg = svg
    if fresh:
        cache.set_many(fresh, CACHE_SECONDS)
    return charts
