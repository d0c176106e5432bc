from django.urls import path

from phoihop.exemplary import views

app_name = "exemplary"
urlpatterns = [
    path("", views.model_list, name="list"),
]
