"""Renderers of official documents: DOCX in the issuer's regime, the XLSX annex, the PDF
converted from the DOCX by LibreOffice headless.

Contract (the generation job calls it): `render_files(report, formats, progress)` returns
{format: bytes} for the asked formats ("docx", "xlsx", "pdf"), calling
`progress(percent, step)` as it goes. Placeholder until the rendering work lands.
"""

from __future__ import annotations

from collections.abc import Callable


def render_files(report, formats: list[str], progress: Callable[[int, str], None]) -> dict[str, bytes]:
    progress(100, "")
    return dict.fromkeys(formats, b"placeholder")
