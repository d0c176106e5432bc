"""The demo's information provisions: An Giang's People's Committee informs the
provincial department monthly by the 25th; the current year's matrix shows every state."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.demo.programs.kien_giang import KIEN_GIANG_UBND
from phoihop.programs.models import Program
from phoihop.provisions import selectors
from phoihop.provisions.models import InformationProvision

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out, stderr=StringIO())
        yield out.getvalue()


def test_the_matrix_of_the_demo_shows_every_state(loaded):
    program = Program.objects.prefetch_related("parties__organization").get(title=KIEN_GIANG_UBND.title)
    assert (program.info_frequency, program.info_day, program.adhoc_hours) == ("monthly", 25, 24)
    matrix = selectors.program_matrix(program, 2026, dt.date(2026, 11, 21))
    row = matrix.rows[0]
    assert row.provider.name == "Ủy ban nhân dân tỉnh An Giang"
    assert matrix.receiver.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang"
    states = {cell.period.number: cell.state for cell in row.cells}
    assert states == {
        **dict.fromkeys(range(1, 8), "on_time"),
        8: "missing",
        9: "late",
        10: "on_time",
        11: "not_yet_due",
        12: "not_yet_due",
    }
    assert row.cells[9].corrections == 1 and not row.cells[9].acknowledged  # October: corrected, awaiting receipt
    assert row.cells[0].acknowledged
    assert (len(row.adhoc), row.adhoc_on_time) == (1, 1)
    assert "Lần cung cấp thông tin mới: 11." in loaded


def test_loading_again_adds_no_provision(loaded):
    before = InformationProvision.objects.count()
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    assert InformationProvision.objects.count() == before
