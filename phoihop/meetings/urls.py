from django.urls import path

from phoihop.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/ics", views.meeting_ics, name="ics"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/history/", views.meeting_history, name="history"),
    path("<int:pk>/transition/", views.meeting_transition, name="transition"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/edit/", views.conclusion_edit, name="conclusion_edit"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/delete/", views.conclusion_delete, name="conclusion_delete"),
    path("<int:pk>/conclusions/<int:conclusion_pk>/task/", views.conclusion_task, name="conclusion_task"),
]
