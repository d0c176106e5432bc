"""Shared pieces of the programme services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.organisations.models import Organization


@dataclass(frozen=True)
class PartyInput:
    organization: Organization
    role: str
    responsibilities: str = ""


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _validate_signature(*, organization, parties_ids: set[int], signer_name: str, signer_position: str, signed_on):
    errors: dict[str, list[str]] = {}
    if organization is None or organization.pk not in parties_ids:
        errors["organization"] = [_("Chỉ một bên tham gia mới ký được.")]
    if not (signer_name or "").strip():
        errors["signer_name"] = [_("Hãy nhập họ tên người ký.")]
    if not (signer_position or "").strip():
        errors["signer_position"] = [_("Hãy nhập chức vụ người ký.")]
    if signed_on is None:
        errors["signed_on"] = [_("Hãy nhập ngày ký.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("Ngày ký không thể ở tương lai.")]
    if errors:
        raise ValidationError(errors)
