"""The one search: what a user finds for a query, ranked, in pages.

The query is folded and split into words by the function that built the index
(`core.text.fold_tokens`), so "dat dai" finds "đất đai" and "duc" finds "Đức", and no
character a user types — quotes, `*`, `-`, `:`, AND/OR/NOT/NEAR — reaches the full-text
expression as syntax: each word is quoted (FTS5) or is plain letters and digits
(PostgreSQL), all words must match, the last as a prefix ("dak la" finds "Đắk Lắk").
Entries are filtered by permission in the database (`permissions.visible_search_entries`)
before they are ranked — bm25 on SQLite, ts_rank on PostgreSQL, a word in the title
weighing more than one in the text — and paged: a page costs the same few queries
whatever the number of results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count

from phoihop.accounts import permissions
from phoihop.core.text import fold_tokens
from phoihop.search.highlight import Highlighter
from phoihop.search.models import SearchEntry
from phoihop.search.registry import BY_KEY, KINDS

MAX_QUERY_LENGTH = 200  # characters of the query read; the rest is ignored
MAX_TERMS = 8
MAX_TERM_LENGTH = 64
MIN_QUERY_LENGTH = 2  # characters of folded words in all: one letter finds too much to be useful
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0  # bm25 column weights (SQLite); PostgreSQL weighs A against D


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: str | None = None

    @property
    def terms(self) -> list[str]:
        words = fold_tokens(self.text[:MAX_QUERY_LENGTH])
        return list(dict.fromkeys(word[:MAX_TERM_LENGTH] for word in words))[:MAX_TERMS]

    @property
    def too_short(self) -> bool:
        return sum(len(term) for term in self.terms) < MIN_QUERY_LENGTH

    @property
    def truncated(self) -> bool:
        return len(self.text) > MAX_QUERY_LENGTH


@dataclass
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    title_html: str
    snippet_html: str
    url: str
    rank: float


@dataclass
class SearchResults:
    query: SearchQuery
    page: Page | None = None
    kind_counts: list[dict] = field(default_factory=list)  # [{"kind", "label", "count"}] in registry order

    @property
    def total(self) -> int:
        return sum(row["count"] for row in self.kind_counts)


def fts5_expression(terms: list[str]) -> str:
    """`"dat" "dai"*`: every word quoted (a quote inside doubled, though `fold_tokens`
    leaves none), all of them required, the last one a prefix."""
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def tsquery_expression(terms: list[str]) -> str:
    """`dat & dai:*` for to_tsquery('simple', …): words of letters and digits only."""
    words = [term for term in terms if term.isalnum()]
    return " & ".join([*words[:-1], f"{words[-1]}:*"]) if words else ""


def matching(terms: list[str], queryset=None):
    """The entries whose folded words contain every term (the last as a prefix), with a
    `rank` (higher is better), on the database in use."""
    queryset = SearchEntry.objects.all() if queryset is None else queryset
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        expression = tsquery_expression(terms)
        if not expression:
            return queryset.none()
        # extra(): fixed SQL, the user's words only as parameters (S610 is about SQL built from input).
        return queryset.extra(  # noqa: S610
            select={"rank": "ts_rank(search_searchentry.search_vector, to_tsquery('simple', %s))"},
            select_params=[expression],
            where=["search_searchentry.search_vector @@ to_tsquery('simple', %s)"],
            params=[expression],
        )
    return queryset.extra(  # noqa: S610 — as above
        select={"rank": f"-bm25(search_entry_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT})"},
        tables=["search_entry_fts"],
        where=["search_entry_fts.rowid = search_searchentry.id", "search_entry_fts MATCH %s"],
        params=[fts5_expression(terms)],
    )


def search(user, query: SearchQuery, *, page_number=1, per_page: int = 20) -> SearchResults:
    """The user's results for `query`: counts per kind (for the kind filter) and one
    page of hits of the chosen kind (all kinds by default), best first."""
    results = SearchResults(query=query)
    if query.too_short:
        return results
    terms = query.terms
    found = matching(terms, permissions.visible_search_entries(user))
    counts = dict(found.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    results.kind_counts = [
        {"kind": kind.key, "label": str(kind.label), "count": counts[kind.key]}
        for kind in KINDS
        if counts.get(kind.key)
    ]
    kind = query.kind if query.kind in BY_KEY else None
    listed = found.filter(kind=kind) if kind else found
    total = counts.get(kind, 0) if kind else sum(counts.values())
    paginator = Paginator(listed.order_by("-rank", "-updated_at", "-id"), per_page)
    paginator.count = total  # known from the counts above: no second COUNT query
    page = paginator.get_page(page_number)
    highlighter = Highlighter(terms)
    page.object_list = [_hit(entry, highlighter) for entry in page.object_list]
    results.page = page
    return results


def _hit(entry: SearchEntry, highlighter: Highlighter) -> Hit:
    kind = BY_KEY.get(entry.kind)
    return Hit(
        kind=entry.kind,
        kind_label=str(kind.label) if kind else entry.kind,
        object_id=entry.object_id,
        title=entry.title,
        title_html=highlighter.mark(entry.title),
        snippet_html=highlighter.snippet(
            entry.text, folded_hint=entry.folded, title_words=len(entry.folded_title.split())
        ),
        url=entry.url,
        rank=float(entry.rank),
    )
