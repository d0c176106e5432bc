"""The trace of a report's figure: the records it counts (see `reports.trace`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.reports import trace
from phoihop.reports.models import Report


def _check_view(user, report: Report) -> None:
    """404 unless the user may see the report. Until the reports rule is in the permission
    module (`permissions/reports.py`, the report lifecycle's), `can` has no rule for a
    report: then only its issuer's members (and administrators) see it."""
    try:
        permissions.check(user, "view", report)
    except LookupError:
        who = permissions.principal(user)
        if not (who.is_admin or report.issuer_id in who.history_organization_ids):
            raise Http404(_("Không tìm thấy.")) from None


def _report_url(report: Report) -> str:
    """The report's page (the lifecycle's `reports:detail`), the list while there is none."""
    try:
        return reverse("reports:detail", args=[report.pk])
    except NoReverseMatch:
        return reverse("reports:list")


@login_required
def figure_trace(request, pk: int, key: str):
    report = get_object_or_404(Report.objects.select_related("issuer"), pk=pk)
    _check_view(request.user, report)
    figure = trace.figure_of(report, key)
    if figure is None:
        raise Http404(_("Không tìm thấy số liệu."))
    result = trace.trace(request.user, report, figure, request.GET.get("page"))
    context = {
        "nav_active": "reports",
        "report": report,
        "report_url": _report_url(report),
        "trace": result,
        "figure": figure,
        "page": result.page,
    }
    return render(request, "reports/figure_trace.html", context)
