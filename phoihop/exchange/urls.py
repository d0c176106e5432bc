from django.urls import path

from phoihop.exchange import views

app_name = "exchange"
urlpatterns = [
    path("subjects/", views.subject_list, name="subject_list"),
    path("subjects/new/", views.subject_create, name="subject_create"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject_detail"),
    path("subjects/<int:pk>/edit/", views.subject_edit, name="subject_edit"),
    path("subjects/<int:pk>/history/", views.subject_history, name="subject_history"),
    path("subjects/<int:pk>/transition/", views.subject_transition, name="subject_transition"),
    path("subjects/<int:pk>/move-key-date/", views.key_date_move, name="key_date_move"),
    path("subjects/<int:pk>/assessment/", views.assessment_edit, name="assessment_edit"),
    path("subjects/<int:pk>/assessment/transition/", views.assessment_transition, name="assessment_transition"),
    path("subjects/<int:pk>/plan/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/generate/", views.plan_generate, name="plan_generate"),
    path("plans/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
]
