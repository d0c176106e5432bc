from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from phoihop.core.navigation import AREA_BY_SLUG


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def area_placeholder(request, area: str):
    """An area of the product that a later release fills in."""
    if area not in AREA_BY_SLUG:
        raise Http404
    return render(request, "core/area_placeholder.html", {"area": AREA_BY_SLUG[area], "nav_active": area})
