from django.urls import path

from phoihop.hotissues import views

app_name = "hotissues"
urlpatterns = [
    path("", views.hot_issue_list, name="list"),
    path("triage/", views.triage, name="triage"),
    path("new/", views.hot_issue_create, name="create"),
    path("join/", views.join, name="join"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("hand-overs/<int:pk>/answer/", views.answer_hand_over, name="answer_hand_over"),
    path("<int:pk>/", views.hot_issue_detail, name="detail"),
    path("<int:pk>/edit/", views.hot_issue_edit, name="edit"),
    path("<int:pk>/history/", views.hot_issue_history, name="history"),
    path("<int:pk>/transition/", views.hot_issue_transition, name="transition"),
    path("<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/tasks/new/", views.task_create, name="task_create"),
]
