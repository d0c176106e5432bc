"""The demo's issue-6 inspections and exemplary models: Đắk Lắk's department inspects
Đảng ủy xã Ea Kar (concluded, three conclusions, two with remediation tasks, one
remedied); three "Dân vận khéo" models (commended with its decision, under review,
nominated) — loaded twice, created once; no personal identifier in any text."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.claims.identity import personal_identifiers
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.selectors import honour_roll
from phoihop.inspections.models import Inspection
from phoihop.inspections.selectors import remediation_progress

pytestmark = pytest.mark.django_db


def test_the_inspection_and_the_models_are_loaded_once():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        inspection = Inspection.objects.get(owner__name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk")
        assert inspection.status == "concluded" and inspection.inspected.name == "Đảng ủy xã Ea Kar"
        assert [c.tasks.count() for c in inspection.conclusions.order_by("number")] == [1, 1, 0]
        assert remediation_progress([inspection.pk]) == {inspection.pk: (1, 3)}
        models = {m.status: m for m in ExemplaryModel.objects.filter(owner__name="Đảng ủy xã Ea Kar")}
        assert set(models) == {"commended", "under_review", "nominated"}
        assert models["commended"].decision_ref == "Quyết định số 125-QĐ/TU"
        assert honour_roll(year=2026)[0]["areas"][0]["models"] == [models["commended"]]
        for model in models.values():
            assert not personal_identifiers(f"{model.title} {model.description}")
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        assert Inspection.objects.count() == 1 and ExemplaryModel.objects.count() == 3
