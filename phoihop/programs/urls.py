from django.urls import path

from phoihop.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/edit/", views.program_edit, name="edit"),
    path("<int:pk>/history/", views.program_history, name="history"),
    path("<int:pk>/revisions/", views.program_revisions, name="revisions"),
    path("<int:pk>/sign/", views.program_sign, name="sign"),
    path("<int:pk>/transition/", views.program_transition, name="transition"),
    path("<int:pk>/plans/new/", views.plan_create, name="plan_create"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/sign/", views.plan_sign, name="plan_sign"),
    path("plans/<int:pk>/transition/", views.plan_transition, name="plan_transition"),
    path("plans/<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    path("plans/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/", views.task_list, name="task_list"),
    path("options/<slug:kind>/", views.filter_options, name="filter_options"),
    path("tasks/calendar/", views.task_calendar, name="task_calendar"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/transition/", views.task_transition, name="task_transition"),
    path("parts/<int:pk>/report/", views.part_report, name="part_report"),
]
