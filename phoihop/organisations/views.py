from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def organization_list(request):
    return HttpResponse("todo")


@login_required
def unit_list(request):
    return HttpResponse("todo")


@login_required
def reorganization_list(request):
    return HttpResponse("todo")
