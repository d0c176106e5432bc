"""The demo's reports (issue 6, items 4–5) for Đắk Lắk: the last whole quarter's report
issued with the department's first number and its files queued, this year's annual report
a draft — computed through the lineage (Phú Yên's programme counts), created once."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.demo.reports import ensure_reports
from phoihop.programs.models import Task
from phoihop.reports.figures import by_key
from phoihop.reports.models import Report, ReportRun

pytestmark = pytest.mark.django_db


def test_the_reports_of_the_demo():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        assert ensure_reports() == []  # a second run creates nothing
    quarterly = Report.objects.get(kind=Report.Kind.QUARTERLY)
    annual = Report.objects.get(kind=Report.Kind.ANNUAL)
    assert (quarterly.status, quarterly.number, quarterly.number_symbol) == ("issued", 1, "Số 1-BC/BTGDVTU")
    assert (quarterly.period_start, quarterly.period_end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert quarterly.signer_authority == "KT." and quarterly.recipients.splitlines()[-1].startswith("- Lưu:")
    assert ReportRun.objects.filter(report=quarterly, status=ReportRun.Status.QUEUED).count() == 1
    figures = by_key(quarterly.figures)
    assert figures["meetings.held"]["value"] >= 1 and figures["opinion.reports"]["value"] >= 1
    assert annual.status == "draft" and (annual.period_start, annual.period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    # the 2026 tasks of Phú Yên's 2022–2026 programme (seed 000), now Đắk Lắk's, counted
    due = by_key(annual.figures)["tasks.due"]
    programmes = set(Task.objects.filter(pk__in=due["ids"]).values_list("plan__program__title", flat=True))
    assert due["value"] >= 5 and any("giai đoạn 2022 - 2026" in title for title in programmes)
