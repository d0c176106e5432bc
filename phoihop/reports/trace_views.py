"""The trace of a report's figure: the records it counts (see `reports.trace`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.reports import trace
from phoihop.reports.models import Report


@login_required
def figure_trace(request, pk: int, key: str):
    report = get_object_or_404(Report.objects.select_related("issuer"), pk=pk)
    permissions.check(request.user, "view", report)
    figure = trace.figure_of(report, key)
    if figure is None:
        raise Http404(_("Không tìm thấy số liệu."))
    result = trace.trace(request.user, report, figure, request.GET.get("page"))
    context = {
        "nav_active": "reports",
        "report": report,
        "report_url": reverse("reports:detail", args=[report.pk]),
        "trace": result,
        "figure": figure,
        "page": result.page,
    }
    return render(request, "reports/figure_trace.html", context)
