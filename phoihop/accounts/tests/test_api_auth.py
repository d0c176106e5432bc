"""API authentication: tokens from POST /api/v1/auth/token, bearer and session access,
expiry, revocation and the django-axes lockout after repeated failures."""

import datetime as dt
import json

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from phoihop.accounts.api import api_token_issue
from phoihop.accounts.models import ApiToken
from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.audit.models import AuditEntry

TOKEN_URL = "/api/v1/auth/token"
PROTECTED_URL = "/api/v1/organisations/"
UNAUTHENTICATED = "Chưa đăng nhập hoặc mã truy cập không hợp lệ."


@pytest.fixture(autouse=True)
def _axes_on_and_clean(settings, db):
    settings.AXES_ENABLED = True
    AccessAttempt.objects.all().delete()


def sign_in(client, username, password, **extra):
    return client.post(
        TOKEN_URL, json.dumps({"username": username, "password": password}), content_type="application/json", **extra
    )


def bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.django_db
class TestTokenSignIn:
    def test_good_credentials_return_a_token_its_expiry_and_the_user(self, client, world, settings):
        settings.API_TOKEN_DAYS = 7
        before = timezone.now()
        response = sign_in(client, "officer", TEST_PASSWORD)
        assert response.status_code == 200
        body = response.json()
        assert body["user"] == {"username": "officer", "full_name": world.officer.full_name}
        expires_at = dt.datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
        assert before + dt.timedelta(days=7) <= expires_at <= timezone.now() + dt.timedelta(days=7)
        assert bearer(body["token"]).get(PROTECTED_URL).status_code == 200

    def test_only_the_hash_of_the_token_is_stored(self, client, world):
        raw = sign_in(client, "officer", TEST_PASSWORD).json()["token"]
        token = ApiToken.objects.get(user=world.officer)
        assert token.key_hash == ApiToken.hash(raw)
        assert raw not in {token.key_hash, token.prefix}
        assert not ApiToken.objects.filter(key_hash=raw).exists()

    def test_sign_in_updates_last_login(self, client, world):
        sign_in(client, "officer", TEST_PASSWORD)
        world.officer.refresh_from_db()
        assert world.officer.last_login is not None

    def test_issuing_a_token_is_audited(self, client, world):
        sign_in(client, "officer", TEST_PASSWORD)
        assert AuditEntry.objects.filter(event="api_token_issued", actor=world.officer).count() == 1

    def test_wrong_password_is_401_with_a_vietnamese_message(self, client, world):
        response = sign_in(client, "officer", "sai-mat-khau")
        assert response.status_code == 401
        assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}
        assert not ApiToken.objects.exists()

    def test_unknown_user_is_401(self, client, world):
        assert sign_in(client, "khong-co-ai", TEST_PASSWORD).status_code == 401

    def test_inactive_user_gets_no_token(self, client, world):
        world.officer.is_active = False
        world.officer.save(update_fields=["is_active"])
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 401
        assert not ApiToken.objects.exists()

    def test_missing_fields_are_422_with_field_messages(self, client, world):
        response = client.post(TOKEN_URL, json.dumps({"username": "officer"}), content_type="application/json")
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "password", "message": "Trường này là bắt buộc."}]


@pytest.mark.django_db
class TestLockout:
    def test_four_failures_still_allow_the_right_password(self, client, world):
        for _ in range(4):
            assert sign_in(client, "officer", "sai-mat-khau").status_code == 401
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 200

    def test_a_successful_sign_in_forgets_earlier_failures(self, client, world):
        for _ in range(4):
            sign_in(client, "officer", "sai-mat-khau")
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 200
        for _ in range(4):
            assert sign_in(client, "officer", "sai-mat-khau").status_code == 401
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 200

    def test_fifth_failure_locks_the_account_even_for_the_right_password(self, client, world):
        for _ in range(4):
            assert sign_in(client, "officer", "sai-mat-khau").status_code == 401
        fifth = sign_in(client, "officer", "sai-mat-khau")
        assert fifth.status_code == 429
        response = sign_in(client, "officer", TEST_PASSWORD)
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/json")
        assert "tạm khóa" in response.json()["detail"]
        assert "30 phút" in response.json()["detail"]
        assert response["Retry-After"] == "1800"
        assert not ApiToken.objects.exists()

    def test_failures_on_the_api_and_the_login_page_add_up(self, client, world):
        for _ in range(3):
            sign_in(client, "officer", "sai-mat-khau")
        for _ in range(2):
            client.post("/login/", {"username": "officer", "password": "sai-mat-khau"})
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 429

    def test_lock_is_per_account_and_address(self, client, world):
        for _ in range(5):
            sign_in(client, "officer", "sai-mat-khau")
        assert sign_in(Client(), "partner", TEST_PASSWORD).status_code == 200
        assert sign_in(Client(), "officer", TEST_PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 200

    def test_without_axes_there_is_no_lock(self, client, world, settings):
        settings.AXES_ENABLED = False
        for _ in range(6):
            assert sign_in(client, "officer", "sai-mat-khau").status_code == 401
        assert sign_in(client, "officer", TEST_PASSWORD).status_code == 200


@pytest.mark.django_db
class TestBearerToken:
    def test_anonymous_gets_401_json(self, client, world):
        response = client.get(PROTECTED_URL)
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHENTICATED}
        assert response["WWW-Authenticate"] == "Bearer"

    def test_unknown_token_is_401(self, world):
        response = bearer("ph_khong-phai-ma-that").get(PROTECTED_URL)
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHENTICATED}

    def test_other_scheme_is_401(self, world):
        _, raw = api_token_issue(user=world.officer)
        assert Client(HTTP_AUTHORIZATION=f"Token {raw}").get(PROTECTED_URL).status_code == 401

    def test_expired_token_is_401(self, world):
        token, raw = api_token_issue(user=world.officer)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        response = bearer(raw).get(PROTECTED_URL)
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHENTICATED}

    def test_token_of_a_deactivated_user_is_401(self, world):
        _, raw = api_token_issue(user=world.officer)
        assert bearer(raw).get(PROTECTED_URL).status_code == 200
        world.officer.is_active = False
        world.officer.save(update_fields=["is_active"])
        assert bearer(raw).get(PROTECTED_URL).status_code == 401

    def test_token_acts_as_its_user(self, world):
        _, raw = api_token_issue(user=world.outsider)
        names = [item["name"] for item in bearer(raw).get(PROTECTED_URL).json()["items"]]
        assert world.province_dept_b.name in names
        assert world.target.name not in names

    def test_last_used_is_written_at_most_once_a_minute(self, world):
        token, raw = api_token_issue(user=world.officer)
        client = bearer(raw)
        client.get(PROTECTED_URL)
        token.refresh_from_db()
        first = token.last_used_at
        assert first is not None
        client.get(PROTECTED_URL)
        token.refresh_from_db()
        assert token.last_used_at == first
        two_minutes_ago = timezone.now() - dt.timedelta(minutes=2)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=two_minutes_ago)
        client.get(PROTECTED_URL)
        token.refresh_from_db()
        assert token.last_used_at > two_minutes_ago + dt.timedelta(minutes=1)

    def test_writes_with_a_token_need_no_csrf(self, world):
        _, raw = api_token_issue(user=world.admin)
        client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
        response = client.post(
            PROTECTED_URL,
            json.dumps({"name": "Ban Dân vận Trung ương", "kind": "mass_mobilisation", "level": "central"}),
            content_type="application/json",
        )
        assert response.status_code == 201


@pytest.mark.django_db
class TestRevoke:
    def test_delete_revokes_the_token_in_use(self, world):
        token, raw = api_token_issue(user=world.officer)
        _, other_raw = api_token_issue(user=world.officer)
        client = bearer(raw)
        response = client.delete(TOKEN_URL)
        assert response.status_code == 204
        assert not ApiToken.objects.filter(pk=token.pk).exists()
        assert client.get(PROTECTED_URL).status_code == 401
        assert bearer(other_raw).get(PROTECTED_URL).status_code == 200
        assert AuditEntry.objects.filter(event="api_token_revoked", actor=world.officer).exists()

    def test_delete_without_token_is_401(self, client, world):
        assert client.delete(TOKEN_URL).status_code == 401

    def test_delete_with_a_session_has_nothing_to_revoke(self, client_for, world):
        api_token_issue(user=world.officer)
        response = client_for(world.officer).delete(TOKEN_URL)
        assert response.status_code == 400
        assert "mã truy cập" in response.json()["detail"]
        assert ApiToken.objects.filter(user=world.officer).count() == 1


@pytest.mark.django_db
class TestSession:
    def test_signed_in_browser_may_read(self, client_for, world):
        response = client_for(world.officer).get(PROTECTED_URL)
        assert response.status_code == 200

    def test_session_writes_need_the_csrf_token(self, world):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.admin)
        body = json.dumps({"name": "Ban Dân vận Trung ương", "kind": "mass_mobilisation", "level": "central"})
        refused = client.post(PROTECTED_URL, body, content_type="application/json")
        assert refused.status_code == 403
        assert "CSRF" in refused.json()["detail"]
        secret = "a" * 32
        client.cookies["csrftoken"] = secret
        accepted = client.post(PROTECTED_URL, body, content_type="application/json", HTTP_X_CSRFTOKEN=secret)
        assert accepted.status_code == 201

    def test_anonymous_write_is_401_not_a_csrf_error(self, world):
        response = Client(enforce_csrf_checks=True).post(PROTECTED_URL, "{}", content_type="application/json")
        assert response.status_code == 401
