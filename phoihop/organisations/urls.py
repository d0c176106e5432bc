from django.urls import path

from phoihop.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("reorganizations/", views.reorganization_list, name="reorganization_list"),
    path("reorganizations/new/", views.reorganization_create, name="reorganization_create"),
    path("reorganizations/<int:pk>/", views.reorganization_detail, name="reorganization_detail"),
]
