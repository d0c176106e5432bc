"""Pagination for list pages: a fixed page size, a clamped page number.

Long lists page by keys first (`rows_by_keys`): the database sorts and skips narrow rows
(the primary keys, through the list's index) and only the page's rows are then fetched
whole, with their joins. On a million tasks this is what keeps page 200 close to page 1.
"""

from django.conf import settings
from django.core.paginator import Page, Paginator


def rows_by_keys(queryset, start: int, stop: int) -> list:
    """Rows `start:stop` of the ordered `queryset`: their keys in one query, then the
    rows themselves (with the queryset's select_related and prefetches) by key."""
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    if not keys:
        return []
    by_key = {row.pk: row for row in queryset.filter(pk__in=keys).order_by()}
    return [by_key[key] for key in keys if key in by_key]


def paginate(request, queryset, *, per_page: int | None = None, by_keys: bool = False) -> Page:
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if by_keys:
        page.object_list = rows_by_keys(queryset, page.start_index() - 1, page.end_index()) if paginator.count else []
    return page


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
