from django.urls import path

from phoihop.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("areas/<slug:area>/", views.area_placeholder, name="area"),
]
