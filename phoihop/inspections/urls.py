from django.urls import path

from phoihop.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
]
