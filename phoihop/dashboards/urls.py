from django.urls import path

from phoihop.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
]
