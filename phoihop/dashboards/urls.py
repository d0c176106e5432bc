from django.urls import path

from phoihop.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("org/<int:pk>/", views.organization_dashboard, name="organization"),
    path("org/<int:pk>/units/", views.organization_units, name="units"),
]
