"""Demo data of issue 6, items 4–5: the reports of the Propaganda and Mass Mobilisation
Department of Đắk Lắk (the province merged with Phú Yên on 01/07/2025).

* The quarterly report of the last whole quarter, issued (number 1 of the department's
  2026 series, or the next), signed "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", with its files.
* The annual report of this year, a draft an officer can edit and issue.

Both go through `reports.services` (figures computed from the demo's records, through the
lineage, so Phú Yên's programme counts). Issuing queues the generation of the files (DOCX,
XLSX, PDF) as in real use: `make run`'s job cluster makes them within a minute of start.
Skipped once the department has any report, so a second run creates nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.organisations.models import Organization
from phoihop.reports import services
from phoihop.reports.models import Report

SYSTEM = None
DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
SIGNER = ("KT.", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Minh")  # fictional, like the demo users


def _last_whole_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3  # the quarter before the current one (0 = last year's fourth)
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def ensure_reports() -> list[str]:
    """Returns warnings (nothing written when the department is missing)."""
    department = Organization.objects.filter(name=DEPARTMENT).order_by("-valid_from").first()
    if department is None:
        return [f"Không có {DEPARTMENT}: bỏ qua báo cáo mẫu."]
    if Report.objects.filter(issuer=department).exists():
        return []
    today = timezone.localdate()
    year, quarter = _last_whole_quarter(today)
    start, end = services.period_bounds(Report.Kind.QUARTERLY, year, quarter=quarter)
    quarterly = services.report_create(
        actor=SYSTEM,
        issuer=department,
        kind=Report.Kind.QUARTERLY,
        scope_kind=Report.ScopeKind.ORGANIZATION,
        organization=department,
        period_start=start,
        period_end=end,
    )
    authority, title, name = SIGNER
    quarterly = services.report_update(
        actor=SYSTEM,
        report=quarterly,
        expected_version=quarterly.version,
        signer_authority=authority,
        signer_title=title,
        signer_name=name,
    )
    services.report_issue(actor=SYSTEM, report=quarterly, expected_version=quarterly.version)

    start, end = services.period_bounds(Report.Kind.ANNUAL, today.year)
    services.report_create(
        actor=SYSTEM,
        issuer=department,
        kind=Report.Kind.ANNUAL,
        scope_kind=Report.ScopeKind.ORGANIZATION,
        organization=department,
        period_start=start,
        period_end=end,
    )
    return []
