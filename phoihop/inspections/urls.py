from django.urls import path

from phoihop.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/edit/", views.inspection_edit, name="edit"),
    path("<int:pk>/history/", views.inspection_history, name="history"),
    path("<int:pk>/transition/", views.inspection_transition, name="transition"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/conclusions/<int:conclusion_id>/tasks/", views.remediation_task_create, name="remediation_task"),
]
