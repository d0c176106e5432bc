import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

TODAY = dt.datetime(2026, 11, 22, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _today():
    """Today is Sunday 22/11/2026, 09:00 in Hà Nội: the third quarter is over."""
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fake_render(monkeypatch):
    """The renderers replaced by a stub that reports progress and returns small files
    (the rendering itself is tested with the renderers)."""
    calls = []

    def render_files(report, formats, progress):
        calls.append((report.pk, list(formats)))
        for index, fmt in enumerate(formats):
            progress(int(100 * index / len(formats)), f"Đang tạo {fmt.upper()}")
        return {fmt: f"{fmt}:{report.title}".encode() for fmt in formats}

    monkeypatch.setattr("phoihop.reports.render.render_files", render_files)
    return calls
