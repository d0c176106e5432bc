from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="accounts:my_work", permanent=False)),
    path("", include("phoihop.accounts.urls")),
    path("", include("phoihop.core.urls")),
    path("organisations/", include("phoihop.organisations.urls")),
    path("programs/", include("phoihop.programs.urls")),
    path("notifications/", include("phoihop.notifications.urls")),
    path("jobs/", include("phoihop.jobs.urls")),
    path("documents/", include("phoihop.documents.urls")),
    path("exchange/", include("phoihop.exchange.urls")),
    path("provisions/", include("phoihop.provisions.urls")),
    path("opinion/", include("phoihop.opinion.urls")),
    path("press/", include("phoihop.press.urls")),
    path("hot-issues/", include("phoihop.hotissues.urls")),
    path("claims/", include("phoihop.claims.urls")),
    path("search/", include("phoihop.search.urls")),
    path("meetings/", include("phoihop.meetings.urls")),
    path("inspections/", include("phoihop.inspections.urls")),
    path("exemplary/", include("phoihop.exemplary.urls")),
    path("reports/", include("phoihop.reports.urls")),
    path("dashboards/", include("phoihop.dashboards.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served directly: downloads go through views that check
# permissions and write the audit log.
