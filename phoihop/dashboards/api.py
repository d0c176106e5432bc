"""The dashboards API: /dashboards/org/{id} (the figures of an organisation for a year or
a quarter) and /dashboards/org/{id}/units (its subordinate units side by side). Same
permissions as the pages (404 for whoever may not open the dashboard); a bad year or
quarter is a 422 with the field named, in Vietnamese."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from phoihop.accounts import permissions
from phoihop.core.api import Pagination, error_responses
from phoihop.dashboards import stats, units
from phoihop.dashboards.schemas import DashboardOut, UnitRowOut
from phoihop.organisations.models import Organization
from phoihop.organisations.scope import organization_scope

router = Router(tags=["Bảng điều khiển"])


def _organization(user, organization_id: int) -> Organization:
    org = get_object_or_404(Organization, pk=organization_id)
    if not permissions.can_view_dashboard(user, org):
        raise Http404
    return org


@router.get(
    "/org/{int:organization_id}",
    response={200: DashboardOut, **error_responses(401, 404, 422)},
    summary="Số liệu bảng điều khiển của một cơ quan",
)
def organization_dashboard(
    request: HttpRequest,
    organization_id: int,
    year: str | None = None,
    quarter: str | None = None,
    include_subordinates: bool = False,
):
    """The figures of the organisation (and its predecessors through re-organisation; with
    `include_subordinates`, also the units below it) for `year` (default: this year) or
    one `quarter` (1–4) of it: tasks by bucket and by lead party, information provision,
    hot issues, opinion direction and press attention by month, meetings, remediation
    after inspections, exemplary models commended."""
    org = _organization(request.auth, organization_id)
    period = stats.Period.parse(year, quarter)
    ids = organization_scope({org.pk}, include_subordinates=include_subordinates)
    figures = stats.dashboard(ids, period)
    return {
        "organization_id": org.pk,
        "organization_name": org.name,
        "include_subordinates": include_subordinates,
        **figures,
    }


@router.get(
    "/org/{int:organization_id}/units",
    response={200: list[UnitRowOut], **error_responses(401, 404, 422)},
    summary="Các đơn vị cấp dưới, cạnh nhau",
)
@paginate(Pagination)
def organization_units(
    request: HttpRequest,
    organization_id: int,
    year: str | None = None,
    quarter: str | None = None,
    sort: str = "name",
    descending: bool = False,
):
    """One row of key indicators per unit below the organisation (a province: its
    commune-level organisations; the centre: the provinces), each counting its
    predecessors' work. `sort`: name (Vietnamese order), tasks_on_time_rate,
    tasks_overdue, provisions_on_time_rate, hot_issues_open, opinion_reports,
    meetings_held or remediation."""
    org = _organization(request.auth, organization_id)
    period = stats.Period.parse(year, quarter)
    today = timezone.localdate()
    rows = units.unit_rows(units.subordinate_units(org, period.as_of(today)), period, today)
    return units.sort_rows(rows, sort if sort in units.SORTABLE else "name", descending)
