"""Shared pieces of the REST API: error bodies, Vietnamese validation messages,
pagination and the date type every input schema uses.

Every error the API returns is JSON `{"detail": "<Vietnamese message>"}`; validation
errors add `"errors": [{"field": "name", "message": "<Vietnamese>"}]`, one entry per
message, whether the error came from the input schema (pydantic) or from a service
(Django's ValidationError). `install_error_handlers(api)` wires this up once, in
config/api.py.

Domain-free on purpose (import-linter: core imports no domain app).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination
from pydantic import BeforeValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from phoihop.core.concurrency import StaleVersionError
from phoihop.core.pagination import rows_by_keys
from phoihop.core.params import DATABASE_INT_MAX

MAX_PAGE_SIZE = 100

# --- messages ------------------------------------------------------------------------


def msg_unauthenticated() -> str:
    return _("Chưa đăng nhập hoặc mã truy cập không hợp lệ.")


def msg_forbidden() -> str:
    return _("Bạn không có quyền thực hiện thao tác này.")


def msg_not_found() -> str:
    return _("Không tìm thấy.")


def msg_invalid() -> str:
    return _("Dữ liệu gửi lên không hợp lệ.")


def msg_date() -> str:
    return _("Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).")


# --- response bodies -----------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str | None = Field(None, description="Tên trường (null: lỗi chung của cả yêu cầu).")
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


def error_responses(*codes: int) -> dict[int, type[Schema]]:
    """The documented error bodies of an operation, for `response={200: X, **error_responses(401, 404)}`."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}


# --- input types ---------------------------------------------------------------------

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def parse_date(value: Any) -> Any:
    """Accept dd/mm/yyyy (how people write dates here) and yyyy-mm-dd (ISO, what the API returns)."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, str):
        match = _DMY.match(value)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                return dt.date(year, month, day)
            if _ISO.match(value):
                return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "invalid date")


# A date accepted as dd/mm/yyyy or yyyy-mm-dd, returned as ISO in JSON.
ViDate = Annotated[dt.date, BeforeValidator(parse_date)]


def _within_database_integers(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > DATABASE_INT_MAX:
        raise ValueError(_("Số quá lớn."))
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _within_database_integers(item)
    return value


class In(Schema):
    """Base of every input schema: integers (ids above all) fit a database integer, so a
    huge number is a 422 with a message, never a crash of the database driver."""

    @field_validator("*", mode="after")
    @classmethod
    def _integers_fit(cls, value: Any) -> Any:
        return _within_database_integers(value)


class StrictIn(In):
    """Base of request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class FilterIn(In):
    """Base of query-string filter schemas: an empty parameter (`?kind=`) means no filter."""

    @field_validator("*", mode="before")
    @classmethod
    def _blank_means_absent(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


# --- Vietnamese validation messages ----------------------------------------------------


def _choices(ctx: dict) -> str:
    expected = str(ctx.get("expected", ""))
    return expected.replace(" or ", ", ")


def pydantic_message(error: dict) -> str:
    """A Vietnamese message for one pydantic error (as ninja reports it)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind == "string_too_short":
        if ctx.get("min_length", 1) <= 1:
            return _("Trường này không được để trống.")
        return _("Cần ít nhất %(n)s ký tự.") % {"n": ctx["min_length"]}
    if kind == "string_too_long":
        return _("Tối đa %(n)s ký tự.") % {"n": ctx.get("max_length")}
    if kind == "string_type":
        return _("Cần một chuỗi ký tự.")
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return _("Cần một số nguyên.")
    if kind in {"float_parsing", "float_type", "decimal_parsing", "decimal_type"}:
        return _("Cần một số.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Cần giá trị đúng/sai (true hoặc false).")
    if kind == "greater_than_equal":
        return _("Giá trị phải lớn hơn hoặc bằng %(n)s.") % {"n": ctx.get("ge")}
    if kind == "greater_than":
        return _("Giá trị phải lớn hơn %(n)s.") % {"n": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("Giá trị phải nhỏ hơn hoặc bằng %(n)s.") % {"n": ctx.get("le")}
    if kind == "less_than":
        return _("Giá trị phải nhỏ hơn %(n)s.") % {"n": ctx.get("lt")}
    if kind.startswith("datetime_") or kind == "timezone_aware":
        return _("Thời điểm không hợp lệ (yyyy-mm-ddThh:mm:ss+07:00).")
    if kind.startswith("date_"):
        return msg_date()
    if kind in {"enum", "literal_error"}:
        return _("Giá trị không hợp lệ. Chọn một trong: %(choices)s.") % {"choices": _choices(ctx)}
    if kind in {"json_invalid", "json_type"}:
        return _("Nội dung không phải JSON hợp lệ.")
    if kind == "extra_forbidden":
        return _("Trường này không được phép.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Cần một danh sách.")
    if kind == "too_short":
        return _("Cần ít nhất %(n)s phần tử.") % {"n": ctx.get("min_length")}
    if kind == "too_long":
        return _("Tối đa %(n)s phần tử.") % {"n": ctx.get("max_length")}
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("Cần một đối tượng JSON.")
    if kind == "value_error" and ctx.get("error"):
        # Our own validators raise ValueError with a Vietnamese message.
        return str(ctx["error"])
    return _("Giá trị không hợp lệ.")


def _field_name(loc: tuple | list) -> str | None:
    """`("body", "payload", "name")` → "name"; `("query", "valid_on")` → "valid_on"."""
    parts = list(loc)
    if parts and parts[0] in {"form", "file"} and len(parts) == 2:
        parts = parts[1:]  # multipart fields are flat: ("form", "issued_on")
    elif parts and parts[0] in {"body", "form", "file"}:
        parts = parts[2:]  # ninja nests a body under the parameter's name
    elif parts and parts[0] in {"query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or None


def validation_errors(errors: list[dict]) -> list[dict]:
    """ninja/pydantic errors → [{"field", "message"}] in Vietnamese."""
    result = []
    for error in errors:
        if "loc" not in error:  # a hand-made ninja ValidationError: {"param": "message"}
            result.extend({"field": key, "message": _("Giá trị không hợp lệ.")} for key in error)
            continue
        result.append({"field": _field_name(error["loc"]), "message": pydantic_message(error)})
    return result


def django_validation_errors(exc: DjangoValidationError) -> list[dict]:
    """A service's ValidationError → one entry per field message."""
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == NON_FIELD_ERRORS else field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": str(message)} for message in exc.messages]


# --- error handlers ------------------------------------------------------------------


def install_error_handlers(api) -> None:
    """Make every error of `api` a JSON body with a Vietnamese `detail`."""

    def respond(request: HttpRequest, status: int, **body) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_authentication(request, exc: AuthenticationError):
        response = respond(request, 401, detail=msg_unauthenticated())
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_http_error(request, exc: HttpError):
        status = exc.status_code
        if status == 400:
            detail = _("Nội dung không phải JSON hợp lệ.") if "parse request body" in exc.message else msg_invalid()
        elif status == 401:
            return on_authentication(request, exc)
        elif status == 403:
            detail = _("Thiếu mã CSRF hoặc mã CSRF không hợp lệ.") if "CSRF" in exc.message else msg_forbidden()
        elif status == 404:
            detail = msg_not_found()
        elif status == 429 or isinstance(exc, Throttled):
            detail = _("Quá nhiều yêu cầu. Hãy thử lại sau ít phút.")
        else:
            detail = exc.message
        return respond(request, status, detail=detail)

    def on_ninja_validation(request, exc: NinjaValidationError):
        return respond(request, 422, detail=msg_invalid(), errors=validation_errors(exc.errors))

    def on_django_validation(request, exc: DjangoValidationError):
        return respond(request, 422, detail=msg_invalid(), errors=django_validation_errors(exc))

    def on_stale(request, exc: StaleVersionError):
        return respond(request, 409, detail=exc.messages[0])

    def on_permission_denied(request, exc: PermissionDenied):
        return respond(request, 403, detail=msg_forbidden())

    def on_not_found(request, exc: Exception):
        return respond(request, 404, detail=msg_not_found())

    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(StaleVersionError, on_stale)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(ObjectDoesNotExist, on_not_found)


# --- pagination ----------------------------------------------------------------------


MAX_PAGE = 1_000_000  # beyond it an offset overflows the database's integer (a 500)


class Pagination(PageNumberPagination):
    """`?page=2&page_size=50` → {items, count, page, pages}. Page size defaults to
    settings.PAGE_SIZE; at most 100 rows a page whatever is asked."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Trang, bắt đầu từ 1.")
        page_size: int | None = Field(None, ge=1, description=f"Số dòng mỗi trang (tối đa {MAX_PAGE_SIZE}).")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int

    by_keys = False  # KeyedPagination: page by primary keys first (long lists)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_page_size=MAX_PAGE_SIZE, **kwargs)

    def _get_page_size(self, requested_page_size: int | None) -> int:
        if requested_page_size is None:
            return min(settings.PAGE_SIZE, MAX_PAGE_SIZE)
        return min(requested_page_size, MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        count = self._items_count(queryset)
        items = (
            rows_by_keys(queryset, offset, offset + page_size)
            if self.by_keys
            else queryset[offset : offset + page_size]
        )
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / page_size)),
        }

    async def apaginate_queryset(self, queryset, pagination, request, **params):
        """The same page for an async endpoint (phoihop has none yet; ninja requires it)."""
        return await sync_to_async(self.paginate_queryset)(queryset, pagination, request, **params)


class KeyedPagination(Pagination):
    """The same pages, fetched by keys first (`core.pagination.rows_by_keys`): for the
    lists that reach a million rows."""

    by_keys = True
