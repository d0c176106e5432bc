from django.urls import path

from phoihop.provisions import views

app_name = "provisions"
urlpatterns = [
    path("", views.provision_list, name="list"),
    path("new/", views.provision_create, name="create"),
    path("<int:pk>/", views.provision_detail, name="detail"),
    path("<int:pk>/history/", views.provision_history, name="history"),
    path("<int:pk>/acknowledge/", views.provision_acknowledge, name="acknowledge"),
    path("<int:pk>/correct/", views.provision_correct, name="correct"),
    path("matrix/<int:program>/", views.program_matrix_current, name="matrix_current"),
    path("matrix/<int:program>/<int:year>/", views.program_matrix, name="matrix"),
]
