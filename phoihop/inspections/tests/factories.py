"""Rows for the inspection tests. `InspectionFactory` writes rows directly (query-count
tests need many quickly); `make_inspection` goes through the service (audit, validation).

The usual inspection: the commune's Party committee (world.target, where world.officer
works) inspects the commune's People's Committee (world.commune_committee, where
world.partner is focal point) on how it carries out their programme.
"""

from __future__ import annotations

import datetime as dt

import factory

from phoihop.inspections import services
from phoihop.inspections.models import Inspection
from phoihop.programs.tests.factories import make_plan, make_program


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    title = factory.Sequence(lambda n: f"Kiểm tra việc thực hiện chương trình phối hợp số {n}")
    started_on = dt.date(2026, 9, 1)


def programme_with_plan(world, year: int = 2026):
    program = make_program(world)
    make_plan(program, actor=world.admin, year=year, signed=True)
    return program


def make_inspection(world, *, status: str = Inspection.Status.PLANNED, program=None, **values) -> Inspection:
    defaults = {
        "owner": world.target,
        "inspected": world.commune_committee,
        "program": program,
        "title": "Kiểm tra việc thực hiện Chương trình phối hợp tuyên truyền năm 2026",
        "decision_ref": "Quyết định số 12-QĐ/ĐU",
        "scope": "Việc cung cấp thông tin định kỳ và tuyên truyền trên địa bàn xã.",
        "started_on": dt.date(2026, 9, 1),
    }
    inspection = services.inspection_create(actor=world.officer, **(defaults | values))
    for action in {"planned": [], "in_progress": ["start"], "concluded": ["start", "conclude"]}[status]:
        inspection = services.inspection_transition(
            actor=world.officer, inspection=inspection, action=action, expected_version=inspection.version
        )
    return inspection
