"""The background jobs page ("Công việc nền"): every run with its status, attempts and
error, failures first; the declared schedules with their next and last run. Site
administrators only (404 for everybody else); django-q2's own admin stays too."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.jobs import selectors
from phoihop.jobs.forms import RunFilterForm

NAV = "jobs"


@login_required
@require_GET
def job_list(request):
    selectors.check_may_see_jobs(request.user)
    form = RunFilterForm(request.GET)
    filters = form.to_filter()
    page = paginate(request, selectors.run_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.RunFilter(),
        "schedules": selectors.schedule_rows(request.user),
        "queued": selectors.queued_count(request.user),
    }
    return render_page_or_partial(request, page="jobs/job_list.html", partial="jobs/_run_results.html", context=context)
