from django.urls import path

from phoihop.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/history/", views.document_history, name="history"),
    path("<int:pk>/versions/", views.version_create, name="version_create"),
    path("<int:pk>/share/", views.document_share, name="share"),
    path("versions/<int:pk>/download/", views.version_download, name="download"),
    path("register/", views.register_home, name="register_home"),
    path("register/<int:organization>/<int:year>/", views.register, name="register"),
]
