"""The search page: one box, results from every area the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import querystring_without_page
from phoihop.search import selectors
from phoihop.search.forms import SearchForm

NAV = "search"


@login_required
@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.to_query()
    results = selectors.search(request.user, query, page_number=request.GET.get("page") or 1)
    context = {
        "nav_active": NAV,
        "form": form,
        "query": query,
        "results": results,
        "page": results.page,
        "min_length": selectors.MIN_QUERY_LENGTH,
        "max_length": selectors.MAX_QUERY_LENGTH,
        "querystring": querystring_without_page(request),
        "kind_querystring": _without(request, "kind"),
    }
    return render_page_or_partial(request, page="search/search.html", partial="search/_results.html", context=context)


def _without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in (*names, "page"):
        params.pop(name, None)
    return params.urlencode()
