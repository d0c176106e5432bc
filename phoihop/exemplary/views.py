from django.contrib.auth.decorators import login_required

from phoihop.core.views import area_placeholder


@login_required
def model_list(request):
    return area_placeholder(request, "exemplary")
