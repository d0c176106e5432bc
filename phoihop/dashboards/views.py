from django.contrib.auth.decorators import login_required

from phoihop.core.views import area_placeholder


@login_required
def dashboard_home(request):
    return area_placeholder(request, "dashboards")
