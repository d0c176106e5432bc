"""What each kind of report holds: its title, default period and sections (issue 6
item 4). Contract: `sections_for(report, figures)` returns the prose sections, each
`{"key", "heading", "text", "required"}`, pre-filled from the records; the officer edits
the text, and issuing refuses an empty required section.

This module is a placeholder until the kinds work lands: one generic section per kind.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def default_title(report) -> str:
    return str(report.get_kind_display())


def sections_for(report, figures) -> list[dict]:
    return [
        {"key": "results", "heading": _("I. KẾT QUẢ THỰC HIỆN"), "text": "", "required": True},
        {"key": "next", "heading": _("II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"), "text": "", "required": True},
    ]
