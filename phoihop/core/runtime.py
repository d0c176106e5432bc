"""The server process once it has started.

Django, the apps, the URL patterns, the templates and the translation catalogues are
~130,000 long-lived Python objects. The cyclic garbage collector walks all of them in
each full collection, which came every eight requests or so on the task list and took
~100 ms: the p95 of that page was twice its median. `settle()` warms what the first
requests would load anyway and then freezes everything alive (`gc.freeze()`): those
objects are no longer walked, and under a pre-forking server they stay shared between
workers. `config/wsgi.py` calls it at start-up; the benchmark calls it too.
"""

from __future__ import annotations

import gc


def warm_up() -> None:
    """Load what the first requests would: the URL resolver, both catalogues, the layout."""
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 — builds the resolver's lookup tables
    for language in ("vi", "en"):
        with translation.override(language):
            translation.gettext("Tất cả")
    get_template("base.html")


def settle() -> int:
    """Warm up, collect, and freeze what is alive: the number of objects frozen."""
    warm_up()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
