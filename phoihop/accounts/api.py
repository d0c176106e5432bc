"""API authentication: bearer tokens, the browser session, and /api/v1/auth/token.

A client signs in once with `POST /auth/token` and sends `Authorization: Bearer <token>`
afterwards. Pages of the site call the API with the session they already have (CSRF
checked on writes). Sign-in goes through `django.contrib.auth.authenticate`, so
django-axes counts failures here exactly as on the login page and locks the account
from that address after AXES_FAILURE_LIMIT of them.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from phoihop.accounts.middleware import acting_organization
from phoihop.accounts.services import api_token_issue, api_token_lookup, api_token_revoke
from phoihop.audit.context import set_acting_organization
from phoihop.core.api import error_responses

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


# --- authentication classes ------------------------------------------------------------


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`."""

    def authenticate(self, request: HttpRequest, token: str):
        api_token = api_token_lookup(token.strip())
        if api_token is None:
            return None
        user = api_token.user
        request.api_token = api_token
        # Code below the API (services, audit) sees the same user as a session would give.
        request.user = user
        organization = acting_organization(user)
        request.acting_organization = organization
        if organization is not None:
            set_acting_organization(organization.pk, organization.name)
        return user


class SessionAuth(APIKeyCookie):
    """The browser's Django session. Writes need the CSRF token, as on any page.

    Unlike ninja's `django_auth`, an anonymous request is simply not authenticated here
    (401), instead of failing the CSRF check first (403).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return user


token_auth = TokenAuth()
session_auth = SessionAuth()
AUTH = [token_auth, session_auth]


# --- /auth/token ---------------------------------------------------------------------


class TokenIn(Schema):
    username: str = Field(..., min_length=1, max_length=150)
    password: str = Field(..., min_length=1, max_length=4096)


class TokenUserOut(Schema):
    username: str
    full_name: str


class TokenOut(Schema):
    token: str = Field(..., description="Mã truy cập; chỉ hiện một lần. Gửi kèm: Authorization: Bearer <token>.")
    expires_at: dt.datetime
    user: TokenUserOut


router = Router(tags=["Xác thực"])


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    return _(
        "Đăng nhập sai quá %(limit)s lần. Tài khoản này tạm khóa đăng nhập từ địa chỉ của bạn trong %(minutes)s phút."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, **error_responses(401, 422, 429)},
    summary="Lấy mã truy cập",
)
def token_create(request: HttpRequest, payload: TokenIn, response: HttpResponse):
    """Sign in with a username and password; returns a bearer token valid for API_TOKEN_DAYS days."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            # Answer in JSON ourselves; AxesMiddleware would otherwise swap in its own response.
            request.axes_locked_out = False
            if settings.AXES_COOLOFF_TIME:
                response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
            return Status(429, {"detail": lockout_message()})
        return Status(401, {"detail": _("Tên đăng nhập hoặc mật khẩu không đúng.")})
    # A token sign-in is a sign-in: last_login is updated and axes forgets earlier failures.
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    token, raw = api_token_issue(user=user)
    return {
        "token": raw,
        "expires_at": token.expires_at,
        "user": {"username": user.get_username(), "full_name": user.get_full_name()},
    }


@router.delete("/token", response={204: None, **error_responses(400, 401)}, summary="Thu hồi mã truy cập")
def token_delete(request: HttpRequest):
    """Revoke the token this request was made with."""
    api_token = getattr(request, "api_token", None)
    if api_token is None:
        return Status(400, {"detail": _("Yêu cầu này không dùng mã truy cập API nên không có gì để thu hồi.")})
    api_token_revoke(token=api_token)
    return Status(204, None)
