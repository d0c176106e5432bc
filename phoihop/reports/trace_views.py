"""The trace of a report's figure: the records it counts. Placeholder until the figures
work lands."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def figure_trace(request, pk: int, key: str):
    raise Http404
