from django.urls import path

from phoihop.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.claim_list, name="list"),
    path("new/", views.claim_create, name="create"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/edit/", views.claim_edit, name="edit"),
    path("<int:pk>/history/", views.claim_history, name="history"),
    path("<int:pk>/transition/", views.claim_transition, name="transition"),
    path("<int:pk>/response/", views.claim_respond, name="respond"),
    path("<int:pk>/link/", views.claim_link, name="link"),
    path("<int:pk>/unlink/", views.claim_unlink, name="unlink"),
]
