"""Frozen on 22/11/2026 09:00 (Asia/Ho_Chi_Minh) unless a test travels elsewhere."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
