"""Signing in and out, changing the password, lockout after failed sign-ins."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from phoihop.accounts.tests.factories import TEST_PASSWORD, UserFactory

LOGIN = "/login/"


@pytest.fixture(autouse=True)
def _axes_clean(db):
    AccessAttempt.objects.all().delete()


def login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.5")


@pytest.mark.django_db
class TestSignIn:
    def test_login_page_is_vietnamese(self, client):
        response = client.get(LOGIN)
        assert response.status_code == 200
        assert "Đăng nhập" in response.content.decode()
        assert '<html lang="vi">' in response.content.decode()

    def test_good_credentials_sign_in_and_land_on_my_work(self, client, world):
        response = login(client, "officer", TEST_PASSWORD)
        assert response.status_code == 302
        assert response.url == reverse("accounts:my_work")
        page = client.get(response.url)
        assert "Việc của tôi" in page.content.decode()

    def test_wrong_password_shows_vietnamese_message(self, client, world):
        response = login(client, "officer", "sai-mat-khau")
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_pages_require_sign_in(self, client):
        response = client.get(reverse("accounts:my_work"))
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)

    def test_logout_is_post_only_and_ends_the_session(self, client, world):
        client.force_login(world.officer)
        assert client.get("/logout/").status_code == 405
        response = client.post("/logout/")
        assert response.status_code == 302
        assert client.get(reverse("accounts:my_work")).status_code == 302


@pytest.mark.django_db
class TestLockout:
    def test_five_failures_lock_the_account_from_that_address(self, client, world):
        for _ in range(5):
            login(client, "officer", "sai-mat-khau")
        response = login(client, "officer", TEST_PASSWORD)
        assert response.status_code == 429
        body = response.content.decode()
        assert "tạm khóa" in body
        assert "30 phút" in body
        assert "_auth_user_id" not in client.session

    def test_four_failures_do_not_lock(self, client, world):
        for _ in range(4):
            login(client, "officer", "sai-mat-khau")
        assert login(client, "officer", TEST_PASSWORD).status_code == 302

    def test_lock_is_per_account_and_address(self, client, world):
        for _ in range(5):
            login(client, "officer", "sai-mat-khau")
        other_address = client.post(LOGIN, {"username": "officer", "password": TEST_PASSWORD}, REMOTE_ADDR="10.0.0.9")
        assert other_address.status_code == 302
        from django.test import Client

        other_account = login(Client(), "partner", TEST_PASSWORD)
        assert other_account.status_code == 302


@pytest.mark.django_db
class TestPasswords:
    def test_passwords_are_hashed_with_argon2(self, settings):
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
        user = UserFactory(username="argon")
        assert identify_hasher(user.password).algorithm == "argon2"

    def test_change_password(self, client, world):
        client.force_login(world.officer)
        response = client.post(
            "/password/",
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "Mot-mat-khau-moi-2026",
                "new_password2": "Mot-mat-khau-moi-2026",
            },
        )
        assert response.status_code == 302
        world.officer.refresh_from_db()
        assert world.officer.check_password("Mot-mat-khau-moi-2026")

    def test_change_password_errors_are_next_to_the_field_and_change_nothing(self, client, world):
        client.force_login(world.officer)
        response = client.post("/password/", {"old_password": "sai", "new_password1": "abc", "new_password2": "abd"})
        body = response.content.decode()
        assert response.status_code == 200
        assert 'id="id_old_password_error"' in body
        assert 'id="id_new_password2_error"' in body
        world.officer.refresh_from_db()
        assert world.officer.check_password(TEST_PASSWORD)
