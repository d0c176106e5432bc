"""Charts drawn on the server with matplotlib (Agg): SVG for the pages, PNG for the DOCX
reports — the same chart from the same spec, so a report shows what the dashboard shows.

A chart is described by a `ChartSpec` (pure data, easy to test) and drawn by
`render_svg` / `render_png`. No JavaScript, no CDN: users sit on government intranets.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# One lock: pyplot's state machine is not thread-safe, and the server may run threads.
_LOCK = threading.Lock()

PALETTE = ["#1d4e89", "#c0392b", "#2e8b57", "#d68910", "#6c3483", "#117a65", "#7f8c8d", "#a04000"]


@dataclass
class ChartSpec:
    """kind: "bar" (grouped bars), "stacked" (stacked bars), "line", "hbar" (grouped
    horizontal bars), "hstacked" (stacked horizontal bars) or "multiples" (small
    multiples: one small chart per spec in `panels`, side by side, sharing the categories
    of each panel)."""

    kind: str
    title: str
    categories: list[str]  # x labels (bar/line) or y labels (hbar)
    series: dict[str, list[float]] = field(default_factory=dict)  # legend label → one value per category
    y_label: str = ""
    percent: bool = False  # values are 0–100 %
    panels: list[ChartSpec] = field(default_factory=list)  # "multiples" only
    has_data: bool | None = None  # when known: a rate of 0 % is data, not "no data"

    @property
    def is_empty(self) -> bool:
        if self.has_data is not None:
            return not self.has_data
        if self.kind == "multiples":
            return not self.panels or all(panel.is_empty for panel in self.panels)
        return not self.categories or not any(any(v for v in values) for values in self.series.values())


def number_vi(value: float, decimals: int = 0) -> str:
    """Vietnamese number formatting: "." between thousands, "," before decimals
    (12.345 ; 87,5)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _axis_formatter(percent: bool):
    from matplotlib.ticker import FuncFormatter

    def fmt(value, _position):
        decimals = 0 if float(value).is_integer() else 1
        text = number_vi(value, decimals)
        return f"{text} %" if percent else text

    return FuncFormatter(fmt)


def _figure(spec: ChartSpec, width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    # Constrained layout makes room for the labels and for a legend under the plot.
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    if spec.kind == "multiples":
        panels = spec.panels or [ChartSpec("hbar", "", [])]
        columns = min(len(panels), 2)  # two across: still readable at phone width
        rows = (len(panels) + columns - 1) // columns
        for index, panel in enumerate(panels):
            ax = fig.add_subplot(rows, columns, index + 1)
            _draw(ax, panel, small=True, show_labels=index % columns == 0)
        if spec.title:
            fig.suptitle(spec.title, fontsize=11)
        return fig
    ax = fig.add_subplot(1, 1, 1)
    _draw(ax, spec)
    return fig


def _draw(ax, spec: ChartSpec, *, small: bool = False, show_labels: bool = True) -> None:
    names = list(spec.series)
    n = max(len(names), 1)
    positions = range(len(spec.categories))
    if spec.kind == "line":
        for i, name in enumerate(names):
            ax.plot(list(positions), spec.series[name], marker="o", color=PALETTE[i % len(PALETTE)], label=name)
    elif spec.kind == "stacked":
        bottom = [0.0] * len(spec.categories)
        for i, name in enumerate(names):
            values = spec.series[name]
            ax.bar(list(positions), values, bottom=bottom, color=PALETTE[i % len(PALETTE)], label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    elif spec.kind == "hstacked":
        left = [0.0] * len(spec.categories)
        for i, name in enumerate(names):
            values = spec.series[name]
            ax.barh(list(positions), values, left=left, color=PALETTE[i % len(PALETTE)], label=name)
            left = [b + v for b, v in zip(left, values, strict=True)]
        ax.set_yticks(list(positions), spec.categories if show_labels else [""] * len(spec.categories))
        ax.invert_yaxis()
    elif spec.kind == "hbar":
        height_each = 0.8 / n
        for i, name in enumerate(names):
            ax.barh(
                [p + i * height_each for p in positions],
                spec.series[name],
                height=height_each,
                color=PALETTE[i % len(PALETTE)],
                label=name,
            )
        ax.set_yticks(
            [p + (n - 1) * height_each / 2 for p in positions],
            spec.categories if show_labels else [""] * len(spec.categories),
        )
        ax.invert_yaxis()
    else:
        width_each = 0.8 / n
        for i, name in enumerate(names):
            ax.bar(
                [p + i * width_each for p in positions],
                spec.series[name],
                width=width_each,
                color=PALETTE[i % len(PALETTE)],
                label=name,
            )
    horizontal = spec.kind in ("hbar", "hstacked")
    if not horizontal:
        offset = 0 if spec.kind in ("line", "stacked") else (n - 1) * (0.8 / n) / 2
        ax.set_xticks([p + offset for p in positions], spec.categories, rotation=30 if len(spec.categories) > 6 else 0)
    ax.set_title(spec.title, fontsize=9 if small else 11)
    if spec.y_label:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(spec.y_label)
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(_axis_formatter(spec.percent))
    set_limits = ax.set_xlim if horizontal else ax.set_ylim
    if spec.percent:
        set_limits(0, 100)
    else:
        from matplotlib.ticker import MaxNLocator

        value_axis.set_major_locator(MaxNLocator(integer=True))
        set_limits(0, None)  # counts start at zero (a line of 1s is not a line at the bottom)
    if spec.is_empty:
        set_limits(0, 100 if spec.percent else 1)
    if small:
        ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if len(names) > 1:
        # Under the plot, never over the bars.
        ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(len(names), 2))
    if spec.is_empty:
        ax.text(0.5, 0.5, _("Chưa có số liệu"), transform=ax.transAxes, ha="center", va="center", color="#7f8c8d")


def _render(spec: ChartSpec, fmt: str, width: float, height: float) -> bytes:
    import matplotlib

    with _LOCK, matplotlib.rc_context({"font.family": "DejaVu Sans", "svg.fonttype": "none"}):
        fig = _figure(spec, width, height)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def render_svg(spec: ChartSpec, *, width: float = 6.4, height: float = 3.2) -> str:
    """The chart as an inline SVG document (text stays text: searchable, crisp)."""
    return _render(spec, "svg", width, height).decode("utf-8")


def render_png(spec: ChartSpec, *, width: float = 6.4, height: float = 3.2) -> bytes:
    """The chart as a PNG picture, for embedding in a DOCX."""
    return _render(spec, "png", width, height)
