from django.urls import path

from phoihop.opinion import views

app_name = "opinion"
urlpatterns = [
    path("", views.index, name="index"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/correct/", views.report_correct, name="report_correct"),
    path("reports/<int:pk>/history/", views.report_history, name="report_history"),
    path("collaborators/", views.collaborators_index, name="collaborators_index"),
    path("collaborators/<int:department>/", views.collaborators, name="collaborators"),
    path("calendar/<int:department>/", views.calendar_edit, name="calendar"),
    path("matrix/<int:department>/", views.matrix_current, name="matrix_current"),
    path("matrix/<int:department>/<int:year>/", views.matrix, name="matrix"),
    path("summary/<int:department>/", views.summary, name="summary"),
    path("topics/", views.taxonomy, name="taxonomy"),
]
