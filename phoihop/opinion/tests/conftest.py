"""Fixtures of the opinion tests: today is Sunday 22/11/2026 (the period of November is
open, October's report was due on 25/10)."""

import datetime as dt

import pytest
import time_machine

from phoihop.opinion.tests.factories import at

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(TODAY), tick=False):
        yield
