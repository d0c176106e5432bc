"""Shared pieces of the exchange services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from phoihop.programs.models import Channel


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _denied(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def _text(value) -> str:
    return (value or "").strip()


def normalise_channels(channels) -> str:
    """[“social”, “press”] → ",press,social," (the programmes' order and storage)."""
    valid = {code for code, _label in Channel.choices}
    codes = [code for code in (channels or []) if code]
    unknown = [code for code in codes if code not in valid]
    if unknown:
        raise _error("channels", _("Hình thức tuyên truyền không hợp lệ: %(codes)s.") % {"codes": ", ".join(unknown)})
    ordered = [code for code, _label in Channel.choices if code in codes]
    return f",{','.join(ordered)}," if ordered else ""
