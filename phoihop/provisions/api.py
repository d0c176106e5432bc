"""The information provision API: /provisions/ (list, fetch, provide as JSON with
existing documents or as multipart with files, acknowledge) and
/provisions/matrix/{program}/{year} (expected versus received).

Thin on purpose: reads through the selectors (the list filter is selectors.ProvisionFilter,
the one the list page uses), writes through the services, every object through the
permission module — 404 for those who may not see it, 403 for those who see but may not
act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.documents.selectors import documents_for_user
from phoihop.organisations.models import Organization
from phoihop.programs.selectors import get_program_for_user
from phoihop.provisions import selectors, services
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.schemas import (
    MatrixOut,
    ProvisionDetailOut,
    ProvisionFields,
    ProvisionFilterIn,
    ProvisionIn,
    ProvisionOut,
    ProvisionUploadIn,
)

router = Router(tags=["Cung cấp thông tin"])


def _detail(user, provision_id: int) -> InformationProvision:
    provision = selectors.get_provision_for_user(user, provision_id)
    provision.detail_data = selectors.provision_detail(user, provision)
    return provision


@router.get(
    "/", response={200: list[ProvisionOut], **error_responses(401, 422)}, summary="Danh sách cung cấp thông tin"
)
@paginate(Pagination)
def provision_list(request: HttpRequest, filters: Query[ProvisionFilterIn]):
    """The provisions the user may see: given or received by their organisations (and
    their predecessors), and for an upper level those of the levels below. Newest first."""
    return selectors.provision_list(request.auth, selectors.ProvisionFilter(**filters.model_dump()))


@router.get(
    "/{int:provision_id}",
    response={200: ProvisionDetailOut, **error_responses(401, 404)},
    summary="Một lần cung cấp thông tin",
)
def provision_detail(request: HttpRequest, provision_id: int):
    """With its documents (those the user may see) and the ids of its corrections."""
    return _detail(request.auth, provision_id)


def _provide(user, payload: ProvisionFields, files=(), file_classification="internal") -> InformationProvision:
    permissions.check(user, Action.CREATE, InformationProvision)
    program = get_program_for_user(user, payload.program)
    found = Organization.objects.in_bulk([payload.provider, payload.receiver])
    errors = {}
    if payload.provider not in found:
        errors["provider"] = [_("Không tìm thấy cơ quan.")]
    if payload.receiver not in found:
        errors["receiver"] = [_("Không tìm thấy cơ quan.")]
    wanted = list(dict.fromkeys(payload.documents))
    documents = documents_for_user(user).in_bulk(wanted)
    missing = [pk for pk in wanted if pk not in documents]
    if missing:
        errors["documents"] = [
            _("Không tìm thấy tài liệu có mã: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in missing)}
        ]
    corrects = None
    if payload.corrects is not None:
        corrects = permissions.visible_provisions(user).filter(pk=payload.corrects).first()
        if corrects is None:
            errors["corrects"] = [_("Không tìm thấy lần cung cấp cần đính chính.")]
        elif not permissions.can(user, Action.CHANGE, corrects):
            raise PermissionDenied
    if errors:
        raise ValidationError(errors)
    return services.provision_provide(
        actor=user,
        program=program,
        provider=found[payload.provider],
        receiver=found[payload.receiver],
        kind=payload.kind,
        content=payload.content,
        year=payload.year,
        period=payload.period,
        incident_title=payload.incident_title,
        incident_at=payload.incident_at,
        documents=[documents[pk] for pk in wanted],
        files=files,
        file_classification=file_classification,
        corrects=corrects,
        corrects_version=payload.corrects_version,
    )


@router.post(
    "/",
    response={201: ProvisionDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Cung cấp thông tin (JSON, tài liệu đã có)",
)
def provision_create(request: HttpRequest, payload: ProvisionIn):
    """Periodic: `year` and `period` of the programme's frequency, expected and begun, not
    yet provided (else 422 on `period`) — unless `corrects` names the provision this one
    corrects (with its `corrects_version`). Ad hoc: `incident_title` and `incident_at`.
    Only editors of the provider (a partner of the programme) provide, to a lead party."""
    provision = _provide(request.auth, payload)
    return Status(201, _detail(request.auth, provision.pk))


@router.post(
    "/upload",
    response={201: ProvisionDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Cung cấp thông tin kèm tệp (multipart)",
)
def provision_upload(request: HttpRequest, payload: Form[ProvisionUploadIn], files: File[list[UploadedFile]] = None):
    """multipart/form-data: the same fields and `files` (one part per file). Each file
    becomes a document of the provider shared with the receiver, checked by content;
    confidential files are refused (422 on `files`) and nothing is stored."""
    provision = _provide(request.auth, payload, files or [], payload.file_classification)
    return Status(201, _detail(request.auth, provision.pk))


@router.post(
    "/{int:provision_id}/acknowledge",
    response={200: ProvisionDetailOut, **error_responses(401, 403, 404)},
    summary="Xác nhận đã nhận",
)
def provision_acknowledge(request: HttpRequest, provision_id: int):
    """The receiver's read receipt (who and when). Editors of the receiver only.
    Idempotent: acknowledging again returns the first receipt unchanged."""
    user = request.auth
    provision = selectors.get_provision_for_user(user, provision_id)
    if not permissions.may_acknowledge_provision(user, provision):
        raise PermissionDenied
    services.provision_acknowledge(actor=user, provision=provision)
    return _detail(user, provision_id)


@router.get(
    "/matrix/{int:program_id}/{int:year}",
    response={200: MatrixOut, **error_responses(401, 404)},
    summary="Bảng theo dõi cung cấp thông tin của chương trình trong năm",
)
def program_matrix(request: HttpRequest, program_id: int, year: int):
    """One row per provider, one cell per period: `on_time` (received on or before the
    due day), `late`, `missing` (due day passed, nothing received), `not_yet_due`,
    `not_expected` (outside the programme's binding period); ad-hoc counts per provider."""
    program = get_program_for_user(request.auth, program_id)
    matrix = selectors.program_matrix(program, year, timezone.localdate())
    return {
        "program": program,
        "year": year,
        "frequency": program.info_frequency,
        "info_day": program.info_day,
        "adhoc_hours": program.adhoc_hours,
        "receiver": matrix.receiver,
        "totals": matrix.totals(),
        "rows": [
            {
                "provider": row.provider,
                "adhoc_count": len(row.adhoc),
                "adhoc_on_time": row.adhoc_on_time,
                "adhoc_late": row.adhoc_late,
                "cells": [
                    {
                        "period": cell.period.number,
                        "label": cell.period.label,
                        "due": cell.period.due,
                        "state": cell.state,
                        "provision_id": cell.provision.pk if cell.provision else None,
                        "acknowledged": cell.acknowledged,
                        "corrections": cell.corrections,
                    }
                    for cell in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }
