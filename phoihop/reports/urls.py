from django.urls import path

from phoihop.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
]
