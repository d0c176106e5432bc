"""Reports for tests: `make_report` goes through the services (audit log, figures,
sections as in real use); `ReportFactory` and `report_row` write rows directly (query
counts, and figures computed on a report that never went through the services)."""

from __future__ import annotations

import datetime as dt

import factory

from phoihop.reports import services
from phoihop.reports.models import Regime, Report


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    kind = Report.Kind.QUARTERLY
    regime = Regime.PARTY
    title = factory.Sequence(lambda n: f"Báo cáo kết quả công tác quý {n}")
    scope_kind = Report.ScopeKind.ORGANIZATION
    scope_organization = factory.SelfAttribute("issuer")
    period_start = dt.date(2026, 7, 1)
    period_end = dt.date(2026, 9, 30)
    sections = factory.LazyFunction(
        lambda: [{"key": "results", "heading": "I. KẾT QUẢ", "text": "Đã làm", "required": True}]
    )


def make_report(world, *, actor=None, issuer=None, kind=Report.Kind.QUARTERLY, year=2026, quarter=3) -> Report:
    issuer = issuer or world.target
    start, end = services.period_bounds(kind, year, quarter=quarter, month=quarter, half=1)
    return services.report_create(
        actor=actor or world.officer,
        issuer=issuer,
        kind=kind,
        scope_kind=Report.ScopeKind.ORGANIZATION,
        organization=issuer,
        period_start=start,
        period_end=end,
    )


def write_sections(report: Report, actor, text: str = "Kết quả phối hợp trong quý đạt yêu cầu.") -> Report:
    return services.report_update(
        actor=actor,
        report=report,
        expected_version=report.version,
        sections={section["key"]: f"{text} ({section['key']})" for section in report.sections},
    )


def report_row(
    world,
    *,
    kind: str = Report.Kind.QUARTERLY,
    issuer=None,
    scope_kind: str = Report.ScopeKind.ORGANIZATION,
    organization=None,
    program=None,
    area=None,
    start: dt.date = dt.date(2026, 7, 1),
    end: dt.date = dt.date(2026, 9, 30),
    **values,
) -> Report:
    issuer = issuer or world.target
    return Report.objects.create(
        issuer=issuer,
        kind=kind,
        regime=Regime.PARTY,
        title=values.pop("title", "Báo cáo thử nghiệm"),
        scope_kind=scope_kind,
        scope_organization=(organization or issuer) if scope_kind == Report.ScopeKind.ORGANIZATION else None,
        scope_program=program,
        scope_area=area,
        period_start=start,
        period_end=end,
        **values,
    )
