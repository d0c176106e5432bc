from django.contrib.auth import views as auth_views
from django.urls import path

from phoihop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("my-work/", views.my_work, name="my_work"),
    path("switch-organization/", views.switch_organization, name="switch_organization"),
]
