"""One view, two renderings: the whole page, or the partial an HTMX request asks for."""

from django.shortcuts import render


def render_page_or_partial(request, *, page: str, partial: str, context: dict, status: int = 200):
    """Render `partial` for HTMX requests that target it, else the whole `page`."""
    template = partial if getattr(request, "htmx", False) and not request.htmx.boosted else page
    return render(request, template, context, status=status)
