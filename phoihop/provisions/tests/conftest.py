"""Fixtures of the provision tests: a programme between the commune's Party committee
(lead: the receiver) and its People's Committee (partner: the provider), monthly by the
25th, ad hoc within 24 hours, signed on 15/01/2026; files stored in a fresh folder."""

import datetime as dt
from pathlib import Path

import pytest

from phoihop.programs.tests.factories import make_program


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def program(world):
    return make_program(
        world,
        title="Chương trình phối hợp cung cấp thông tin xã Cẩm Đức",
        info_frequency="monthly",
        info_day=25,
        adhoc_hours=24,
        signed_on=dt.date(2026, 1, 15),
    )
