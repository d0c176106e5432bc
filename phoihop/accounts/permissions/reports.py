"""reports (issue 6). Filled in by the reports work."""

from __future__ import annotations

__all__: list[str] = []

RULES: dict = {}
