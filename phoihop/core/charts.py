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
    """kind: "bar" (grouped bars), "stacked" (stacked bars), "line" or "hbar"."""

    kind: str
    title: str
    categories: list[str]  # x labels (bar/line) or y labels (hbar)
    series: dict[str, list[float]] = field(default_factory=dict)  # legend label → one value per category
    y_label: str = ""
    percent: bool = False  # values are 0–100 %

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(any(v for v in values) for values in self.series.values())


def _figure(spec: ChartSpec, width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
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
        ax.set_yticks([p + (n - 1) * height_each / 2 for p in positions], spec.categories)
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
    if spec.kind != "hbar":
        offset = 0 if spec.kind in ("line", "stacked") else (n - 1) * (0.8 / n) / 2
        ax.set_xticks([p + offset for p in positions], spec.categories, rotation=30 if len(spec.categories) > 6 else 0)
    ax.set_title(spec.title, fontsize=11)
    if spec.y_label:
        ax.set_ylabel(spec.y_label)
    if spec.percent:
        ax.set_ylim(0, 100)
    ax.spines[["top", "right"]].set_visible(False)
    if len(names) > 1:
        ax.legend(fontsize=8, frameon=False)
    if spec.is_empty:
        ax.text(0.5, 0.5, _("Chưa có số liệu"), transform=ax.transAxes, ha="center", va="center", color="#7f8c8d")
    fig.tight_layout()
    return fig


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
