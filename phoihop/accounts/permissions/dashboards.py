"""dashboards (issue 6). Filled in by the dashboards work."""

from __future__ import annotations

__all__: list[str] = []

RULES: dict = {}
