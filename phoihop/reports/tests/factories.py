"""Reports for tests, written directly (the report services are the lifecycle's)."""

from __future__ import annotations

import datetime as dt

from phoihop.reports.models import Regime, Report


def make_report(
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
