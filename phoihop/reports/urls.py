from django.urls import path

from phoihop.reports import trace_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/recompute/", views.report_recompute, name="recompute"),
    path("<int:pk>/issue/", views.report_issue, name="issue"),
    path("<int:pk>/generate/", views.report_generate, name="generate"),
    path("<int:pk>/run/", views.report_run, name="run"),
    path("<int:pk>/files/<str:fmt>/", views.report_download, name="download"),
    # the trace of a figure (figures work)
    path("<int:pk>/figures/<str:key>/", trace_views.figure_trace, name="figure_trace"),
]
