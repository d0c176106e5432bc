"""The search API (issue 5, item 6): GET /api/v1/search/?q=&kind=&page=.

The same selector as the page: results filtered by permission, ranked, with the words
found marked in the original text. Its own page shape (the ranked page plus the counts
per kind) rather than the generic `Pagination`, whose count query it would repeat.
"""

from django.http import HttpRequest
from ninja import Query, Router

from phoihop.core.api import error_responses
from phoihop.search import selectors
from phoihop.search.schemas import SearchIn, SearchOut

router = Router(tags=["Tìm kiếm"])

PER_PAGE = 20


@router.get("/", response={200: SearchOut, **error_responses(401, 422)}, summary="Tìm trong mọi mục")
def search(request: HttpRequest, filters: Query[SearchIn]):
    """Programmes, tasks, subjects, documents (title and text), information provisions,
    opinion items, hot issues, press items and false claims the user may see. Diacritics
    are ignored; every word must match, the last as a prefix. A query with fewer than two
    letters or digits finds nothing (`too_short`); only its first 200 characters are read."""
    query = selectors.SearchQuery(text=filters.q or "", kind=filters.kind)
    results = selectors.search(request.auth, query, page_number=filters.page, per_page=PER_PAGE)
    page = results.page
    items = [
        {
            "kind": hit.kind,
            "id": hit.object_id,
            "title": hit.title,
            "title_html": str(hit.title_html),
            "snippet": str(hit.snippet_html),
            "url": hit.url,
            "rank": hit.rank,
        }
        for hit in (page.object_list if page else [])
    ]
    return {
        "q": query.text,
        "too_short": query.too_short,
        "items": items,
        "count": page.paginator.count if page else 0,
        "page": page.number if page else 1,
        "pages": page.paginator.num_pages if page else 0,
        "kinds": results.kind_counts,
    }
