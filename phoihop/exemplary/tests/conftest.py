import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

TODAY = dt.datetime(2026, 11, 22, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _today():
    """Today is Sunday 22/11/2026, 09:00 in Hà Nội."""
    with time_machine.travel(TODAY, tick=False):
        yield
