from django.urls import path

from phoihop.exemplary import views

app_name = "exemplary"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("honour-roll/", views.honour_roll, name="honour_roll"),
    path("new/", views.model_create, name="create"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/edit/", views.model_edit, name="edit"),
    path("<int:pk>/history/", views.model_history, name="history"),
    path("<int:pk>/transition/", views.model_transition, name="transition"),
    path("<int:pk>/decision/", views.model_decide, name="decide"),
]
