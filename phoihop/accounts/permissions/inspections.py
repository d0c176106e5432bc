"""inspections (issue 6). Filled in by the inspections work."""

from __future__ import annotations

__all__: list[str] = []

RULES: dict = {}
