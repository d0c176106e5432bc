"""Dashboards: the roll-up of an organisation for a year or a quarter, and its
subordinate units side by side. Thin: figures from `stats` and `units`, charts from
`charts`, access from the permission module (404 for whoever may not open it)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts import permissions
from phoihop.core.pagination import paginate, querystring_without_page
from phoihop.dashboards import charts, stats, units
from phoihop.dashboards.forms import PeriodForm
from phoihop.organisations.models import Organization
from phoihop.organisations.scope import organization_scope

NAV = "dashboards"


def _organization_for(user, pk: int) -> Organization:
    org = get_object_or_404(Organization.objects.select_related("administrative_unit"), pk=pk)
    if not permissions.can_view_dashboard(user, org):
        raise Http404
    return org


def report_link(org: Organization, period: stats.Period) -> str:
    """The page that drafts the quarterly (or annual) report of this scope and period."""
    params = {"kind": "quarterly" if period.quarter else "annual", "scope_kind": "organization"}
    params |= {"organization": org.pk, "year": period.year}
    if period.quarter:
        params["quarter"] = period.quarter
    return f"{reverse('reports:create')}?{urlencode(params)}"


def _period_query(period: stats.Period, **extra) -> str:
    params = {"year": period.year}
    if period.quarter:
        params["quarter"] = period.quarter
    params |= {key: value for key, value in extra.items() if value}
    return urlencode(params)


@login_required
def dashboard_home(request):
    """The user's own dashboard; a chooser when they have several organisations, or ask
    to choose ("Chọn đơn vị" also lists the units below them)."""
    own = permissions.own_dashboard_organization_ids(request.user)
    if len(own) == 1 and "choose" not in request.GET:
        return redirect("dashboards:organization", pk=own[0])
    q = request.GET.get("q", "").strip()[:200]
    others = (
        permissions.dashboard_organizations(request.user)
        .exclude(pk__in=own)
        .valid_on(timezone.localdate())
        .order_by("sort_name", "id")
    )
    if q:
        from phoihop.core.text import fold

        others = others.filter(search_text__contains=fold(q))
    context = {
        "own": sorted(Organization.objects.filter(pk__in=own), key=lambda org: own.index(org.pk)),
        "page": paginate(request, others),
        "q": q,
        "querystring": querystring_without_page(request),
        "nav_active": NAV,
    }
    return render(request, "dashboards/home.html", context)


@login_required
def organization_dashboard(request, pk: int):
    org = _organization_for(request.user, pk)
    form = PeriodForm(request.GET or None)
    period = form.period() if request.GET else stats.Period(timezone.localdate().year)
    below = form.is_valid() and form.cleaned_data.get("below")
    ids = organization_scope({org.pk}, include_subordinates=bool(below))
    figures = stats.dashboard(ids, period)
    scope_key = f"org{org.pk}{'+' if below else ''}"
    drawn = charts.rendered(charts.dashboard_charts(figures), scope=scope_key, period=period.key)
    context = {
        "organization": org,
        "form": form,
        "period": period,
        "below": below,
        "figures": figures,
        "charts": drawn,
        "report_link": report_link(org, period),
        "units_query": _period_query(period),
        "nav_active": NAV,
    }
    return render(request, "dashboards/organization.html", context)


@login_required
def organization_units(request, pk: int):
    org = _organization_for(request.user, pk)
    form = PeriodForm(request.GET or None, with_below=False)
    period = form.period() if request.GET else stats.Period(timezone.localdate().year)
    today = timezone.localdate()
    sort = request.GET.get("sort", "name")
    sort = sort if sort in units.SORTABLE else "name"
    descending = request.GET.get("dir") == "desc"
    rows = units.sort_rows(
        units.unit_rows(units.subordinate_units(org, period.as_of(today)), period, today), sort, descending
    )
    chart = None
    if rows:
        chart = charts.rendered(
            [charts.units_chart(rows)], scope=f"units{org.pk}:{sort}:{descending}", period=period.key
        )[0]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    columns = [
        {
            "key": key,
            "label": label,
            "current": key == sort,
            "descending": key == sort and descending,
            "query": _period_query(period, sort=key, dir="" if key == sort and descending else "desc")
            if key != "name"
            else _period_query(period, sort=key, dir="desc" if key == sort and not descending else ""),
        }
        for key, label in units.COLUMNS
    ]
    context = {
        "organization": org,
        "form": form,
        "period": period,
        "rows": page,
        "page": page,
        "columns": columns,
        "chart": chart,
        "querystring": querystring_without_page(request),
        "dashboard_query": _period_query(period),
        "nav_active": NAV,
    }
    return render(request, "dashboards/units.html", context)
