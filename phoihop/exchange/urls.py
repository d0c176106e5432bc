from django.urls import path

from phoihop.exchange import invitation_views, views

app_name = "exchange"
urlpatterns = [
    path("subjects/", views.subject_list, name="subject_list"),
    path("subjects/new/", views.subject_create, name="subject_create"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject_detail"),
    path("subjects/<int:pk>/edit/", views.subject_edit, name="subject_edit"),
    path("subjects/<int:pk>/history/", views.subject_history, name="subject_history"),
    path("subjects/<int:pk>/transition/", views.subject_transition, name="subject_transition"),
    path("subjects/<int:pk>/move-key-date/", views.key_date_move, name="key_date_move"),
    path("subjects/<int:pk>/documents/", views.subject_document_attach, name="subject_document_attach"),
    path("subjects/<int:pk>/documents/detach/", views.subject_document_detach, name="subject_document_detach"),
    path("subjects/<int:pk>/assessment/", views.assessment_edit, name="assessment_edit"),
    path("subjects/<int:pk>/assessment/transition/", views.assessment_transition, name="assessment_transition"),
    path("subjects/<int:pk>/plan/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/generate/", views.plan_generate, name="plan_generate"),
    path("plans/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    # invitations (issue 4, item 6) and the month calendar of tasks and invitations
    path("subjects/<int:pk>/invite/", invitation_views.invitation_create, name="invitation_create"),
    path("subjects/<int:pk>/invitations/", invitation_views.subject_invitations, name="subject_invitations"),
    path("invitations/", invitation_views.invitation_list, name="invitation_list"),
    path("invitations/<int:pk>/", invitation_views.invitation_detail, name="invitation_detail"),
    path("invitations/<int:pk>/edit/", invitation_views.invitation_edit, name="invitation_edit"),
    path("invitations/<int:pk>/transition/", invitation_views.invitation_transition, name="invitation_transition"),
    path("invitations/<int:pk>/answer/", invitation_views.invitation_answer, name="invitation_answer"),
    path("invitations/<int:pk>/invitation.ics", invitation_views.invitation_ics, name="invitation_ics"),
    path("calendar/", invitation_views.work_calendar, name="calendar"),
]
