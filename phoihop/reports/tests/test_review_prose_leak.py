"""Review of issue 6: a report's pre-filled prose names only records its author may see.

An area report counts every organisation of the area, the author's same-level partners
included; the trace already hides the records the viewer may not see — the prose listed
their titles all the same.
"""

import datetime as dt

import pytest

from phoihop.accounts import permissions
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.tests.factories import make_plan, make_program, make_task
from phoihop.reports import services
from phoihop.reports.models import Report

pytestmark = pytest.mark.django_db

SECRET = "Xử lý đơn thư khiếu nại tại thôn 3"


@pytest.mark.parametrize("quarter", [3, 4])
def test_an_area_report_does_not_name_tasks_its_author_cannot_see(world, quarter):
    front = OrganizationFactory(
        name="Ủy ban Mặt trận Tổ quốc xã Cẩm Đức",
        kind=Organization.Kind.FATHERLAND_FRONT,
        level=Level.COMMUNE,
        administrative_unit=world.commune_c,
        valid_from=dt.date(2025, 7, 1),
    )
    program = make_program(world, lead=world.commune_committee, partner=front, title="Quy chế phối hợp UBND – MTTQ xã")
    plan = make_plan(program, actor=world.admin, year=2026, signed=True)
    for due in (dt.date(2026, 8, 15), dt.date(2026, 11, 30), dt.date(2026, 12, 20)):
        task = make_task(plan, lead=world.commune_committee, partners=[front], due_date=due, title=SECRET)
        assert not permissions.visible_tasks(world.officer).filter(pk=task.pk).exists()
    start, end = services.period_bounds(Report.Kind.QUARTERLY, 2026, quarter=quarter)
    report = services.report_create(
        actor=world.officer,
        issuer=world.target,
        kind=Report.Kind.QUARTERLY,
        scope_kind=Report.ScopeKind.AREA,
        area=world.commune_c,
        period_start=start,
        period_end=min(end, dt.date(2026, 11, 22)),
    )
    prose = "\n".join(section.get("text") or "" for section in report.sections)
    assert SECRET not in prose


def test_the_author_still_reads_the_titles_of_their_own_tasks(world):
    program = make_program(world)  # the officer's own department leads it
    plan = make_plan(program, actor=world.admin, year=2026, signed=True)
    make_task(plan, lead=world.target, due_date=dt.date(2026, 12, 20), title="Tuyên truyền Nghị quyết Đại hội")
    start, end = services.period_bounds(Report.Kind.QUARTERLY, 2026, quarter=3)
    report = services.report_create(
        actor=world.officer,
        issuer=world.target,
        kind=Report.Kind.QUARTERLY,
        scope_kind=Report.ScopeKind.AREA,
        area=world.commune_c,
        period_start=start,
        period_end=end,
    )
    assert "Tuyên truyền Nghị quyết Đại hội" in "\n".join(s.get("text") or "" for s in report.sections)
