from django.urls import path

from phoihop.reports import trace_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    # the trace of a figure (figures work)
    path("<int:pk>/figures/<str:key>/", trace_views.figure_trace, name="figure_trace"),
]
