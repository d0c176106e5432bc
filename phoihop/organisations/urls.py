from django.urls import path

from phoihop.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("units/", views.unit_list, name="unit_list"),
    path("reorganizations/", views.reorganization_list, name="reorganization_list"),
]
