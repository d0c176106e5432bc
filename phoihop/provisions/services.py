"""Every write to information provisions: provide (periodic or ad hoc, with documents),
correct, acknowledge. One keyword-only function per action, one transaction, audited;
views, API, demo, jobs and tests call these.

The rules live here, for every caller:

* the provider is a partner party of the programme and the receiver one of its lead
  parties; the actor edits for the provider (leader, officer, focal point);
* the programme is signed or in force;
* a periodic provision names a period of the programme's frequency that the calendar
  expects (within the programme's years, after its signature) and that has begun;
* a period already provided is refused — unless the new provision is a correction that
  links to the one it corrects (`corrects`), which also carries that one's `version`, so
  two people correcting at once do not both succeed unseen;
* ad hoc: an incident (title, when it happened — not in the future); due `adhoc_hours`
  after it;
* documents are uploaded through `documents.services.document_create`, owned by the
  provider and shared with the receiver (confidential ones are refused there, with the
  message to use the secure channel); existing documents must be the provider's own (then
  shared with the receiver) or public. Provision, documents and shares are one
  transaction: a refusal stores nothing, no row and no file;
* acknowledging is for editors of the receiver, and is idempotent: the first who/when
  is kept, a second acknowledgement changes nothing and records nothing.

`actor=None` is the system (demo, imports): it may also give `provided_at` /
`acknowledged_at` in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.documents import services as document_services
from phoihop.documents.models import Classification, Document
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.organisations.models import Organization
from phoihop.programs.models import PartyRole, Program
from phoihop.provisions import calendar
from phoihop.provisions.models import InformationProvision

NOTIFIED_ROLES = (Role.LEADER, Role.OFFICER, Role.FOCAL_POINT)
Kind = InformationProvision.Kind


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of `day` in the project's time zone: the deadline of a due day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59, 999999)))


# --- the programme's side -----------------------------------------------------------------


def signed_on(program: Program) -> dt.date | None:
    """The day the last party signed: when the programme binds them."""
    return program.signatures.aggregate(day=Max("signed_on"))["day"]


def window_of(program: Program, signed: dt.date | None) -> calendar.Window | None:
    """The programme's binding window. An ended programme ends on the day it was last
    changed (its conclusion or termination: ended programmes are no longer edited)."""
    ended_on = timezone.localtime(program.updated_at).date() if program.updated_at else None
    return calendar.program_window(
        status=program.status,
        start_year=program.start_year,
        end_year=program.end_year,
        signed_on=signed,
        ended_on=ended_on,
    )


def expected_periods(program: Program, year: int, signed: dt.date | None = None) -> list[calendar.Period]:
    return calendar.expected_periods(
        program.info_frequency, program.info_day, year, window_of(program, signed or signed_on(program))
    )


def _party_ids(program: Program) -> dict[str, set[int]]:
    roles: dict[str, set[int]] = {PartyRole.LEAD: set(), PartyRole.PARTNER: set()}
    for party in program.parties.all():
        roles.setdefault(party.role, set()).add(party.organization_id)
    return roles


# --- provide ----------------------------------------------------------------------------------


def _check_parties(actor, program: Program, provider, receiver, errors: dict) -> None:
    roles = _party_ids(program)
    if provider is None:
        errors["provider"] = [_("Hãy chọn cơ quan cung cấp thông tin.")]
    elif provider.pk not in roles[PartyRole.PARTNER]:
        errors["provider"] = [
            _(
                "%(org)s không phải là cơ quan phối hợp của chương trình "
                "nên không cung cấp thông tin theo chương trình này."
            )
            % {"org": provider.name}
        ]
    elif actor is not None and permissions.organization_access(actor, provider) < permissions.Access.EDIT:
        errors["provider"] = [_("Chỉ lãnh đạo, chuyên viên, đầu mối của cơ quan cung cấp mới gửi được thông tin.")]
    if receiver is None:
        errors["receiver"] = [_("Hãy chọn cơ quan nhận thông tin.")]
    elif receiver.pk not in roles[PartyRole.LEAD]:
        errors["receiver"] = [
            _("%(org)s không phải là cơ quan chủ trì của chương trình nên không nhận thông tin theo chương trình này.")
            % {"org": receiver.name}
        ]


def _check_period(program: Program, year, number, today: dt.date, errors: dict) -> calendar.Period | None:
    frequency = program.info_frequency
    if frequency not in calendar.PERIODS_PER_YEAR:
        errors["period"] = [_("Chương trình không quy định cung cấp thông tin định kỳ.")]
        return None
    if year is None or number is None:
        errors["period"] = [_("Hãy chọn kỳ cung cấp thông tin.")]
        return None
    if not calendar.is_period(frequency, number) or not 1900 <= year <= 2200:
        errors["period"] = [
            _("Kỳ không hợp lệ với chế độ “%(frequency)s” của chương trình.")
            % {"frequency": program.get_info_frequency_display()}
        ]
        return None
    wanted = calendar.period(frequency, year, number, program.info_day)
    if wanted not in expected_periods(program, year):
        errors["period"] = [
            _("%(period)s nằm ngoài thời gian thực hiện của chương trình (%(years)s, từ khi ký kết).")
            % {"period": wanted.label, "years": program.period}
        ]
        return None
    if wanted.start > today:
        errors["period"] = [
            _("%(period)s chưa bắt đầu; chỉ cung cấp thông tin cho kỳ đã bắt đầu.") % {"period": wanted.label}
        ]
        return None
    return wanted


def _original_for(program: Program, provider, period_: calendar.Period) -> InformationProvision | None:
    return (
        InformationProvision.objects.filter(
            program=program,
            provider=provider,
            kind=Kind.PERIODIC,
            frequency=period_.frequency,
            year=period_.year,
            period=period_.number,
            corrects__isnull=True,
        )
        .only("pk", "provided_at")
        .first()
    )


def _already_provided(existing: InformationProvision, period_label: str) -> ValidationError:
    return _error(
        "period",
        _(
            "%(period)s đã được cung cấp lúc %(when)s. Nếu cần bổ sung hoặc đính chính, hãy gửi bản đính chính "
            "liên kết với lần cung cấp đó."
        )
        % {"period": period_label, "when": timezone.localtime(existing.provided_at).strftime("%H:%M %d/%m/%Y")},
    )


def _check_documents(provider, receiver, documents: Iterable[Document], errors: dict) -> list[Document]:
    result, seen = [], set()
    for document in documents or ():
        if document.pk in seen:
            continue
        seen.add(document.pk)
        if (
            document.owner_id != (provider.pk if provider else None)
            and document.classification != Classification.PUBLIC
        ):
            errors.setdefault("documents", []).append(
                _("“%(title)s” không thuộc cơ quan cung cấp và không công khai; không gửi kèm được.")
                % {"title": document.title}
            )
            continue
        result.append(document)
    return result


def _share_with_receiver(actor, documents: list[Document], receiver: Organization) -> None:
    """Share the provider's own non-public documents with the receiver (if not yet)."""
    for document in documents:
        if document.classification == Classification.PUBLIC:
            continue
        current = list(document.shares.select_related("organization"))
        if any(share.organization_id == receiver.pk for share in current):
            continue
        document_services.document_share(
            actor=actor,
            document=document,
            organizations=[share.organization for share in current] + [receiver],
            expected_version=document.version,
        )


@transaction.atomic
def _store(provision: InformationProvision, actor, documents, files, file_classification, stored: list[str]) -> None:
    """Save the provision, upload the files, link and share the documents; the names of
    the files stored go to `stored` (for the caller to remove if the transaction fails)."""
    try:
        provision.save()
        uploaded = []
        for upload in files:
            title = (getattr(upload, "name", "") or _("Tài liệu kèm theo")).rsplit("/", 1)[-1][:500]
            document = document_services.document_create(
                actor=actor,
                owner=provision.provider,
                title=title,
                summary=provision.subject,
                classification=file_classification,
                file=upload,
                shared_with=[provision.receiver],
            )
            stored.extend(document.versions.values_list("file", flat=True))
            uploaded.append(document)
        _share_with_receiver(actor, documents, provision.receiver)
        provision.documents.set([*documents, *uploaded])
        audit.record_create(actor=actor, target=provision)
    except ValidationError as error:
        if hasattr(error, "error_dict") and "file" in error.error_dict:
            raise ValidationError({"files": error.error_dict["file"]}) from error
        raise


def provision_provide(
    *,
    actor,
    program: Program,
    provider: Organization,
    receiver: Organization,
    kind: str,
    content: str,
    year: int | None = None,
    period: int | None = None,
    incident_title: str = "",
    incident_at: dt.datetime | None = None,
    documents: Iterable[Document] = (),
    files: Iterable = (),
    file_classification: str = Classification.INTERNAL,
    corrects: InformationProvision | None = None,
    corrects_version: int | None = None,
    provided_at: dt.datetime | None = None,
) -> InformationProvision:
    """Provide information under `program`, from `provider` to `receiver`: a period
    (`year`, `period`) for a periodic provision, an incident for an ad-hoc one; or a
    correction of `corrects` (same programme and provider, its period or incident).
    Refused with a ValidationError naming the field, and nothing stored, when a rule fails."""
    now = timezone.now()
    if actor is not None or provided_at is None:
        provided_at = now
    today = timezone.localdate(provided_at)
    errors: dict[str, list[str]] = {}
    if program is None:
        raise _error("program", _("Hãy chọn chương trình."))
    if corrects is not None:
        if corrects.program_id != program.pk or (provider is not None and corrects.provider_id != provider.pk):
            raise _error(
                "corrects", _("Chỉ đính chính thông tin do chính cơ quan mình cung cấp theo chương trình này.")
            )
        if corrects_version is not None and corrects.version != corrects_version:
            raise StaleVersionError()
        if corrects.corrects_id is not None:  # a correction of a correction links to the original
            corrects = InformationProvision.objects.get(pk=corrects.corrects_id)
        kind, year, period = corrects.kind, corrects.year, corrects.period
        incident_title, incident_at = corrects.incident_title, corrects.incident_at
    if program.status not in calendar.BINDING_STATUSES:
        errors["program"] = [
            _(
                "Chương trình đang ở trạng thái “%(status)s”; chỉ cung cấp thông tin theo chương trình đã ký kết, "
                "đang thực hiện."
            )
            % {"status": program.get_status_display()}
        ]
    _check_parties(actor, program, provider, receiver, errors)
    content = (content or "").strip()
    if not content:
        errors["content"] = [_("Hãy nhập nội dung thông tin.")]
    values: dict = {}
    if kind == Kind.PERIODIC:
        period_ = _check_period(program, year, period, today, errors) if corrects is None else None
        if corrects is not None:
            period_ = calendar.period(corrects.frequency, corrects.year, corrects.period, program.info_day)
        if period_ is not None:
            values = {
                "frequency": period_.frequency,
                "year": period_.year,
                "period": period_.number,
                "due_at": end_of_day(period_.due),
            }
            if corrects is None and provider is not None and "provider" not in errors:
                existing = _original_for(program, provider, period_)
                if existing is not None:
                    errors["period"] = _already_provided(existing, period_.label).error_dict["period"]
    elif kind == Kind.ADHOC:
        incident_title = (incident_title or "").strip()
        if not incident_title:
            errors["incident_title"] = [_("Hãy nêu sự việc.")]
        elif len(incident_title) > 500:
            errors["incident_title"] = [_("Tối đa %(n)s ký tự.") % {"n": 500}]
        if incident_at is None:
            errors["incident_at"] = [_("Hãy nhập thời điểm xảy ra sự việc (ngày và giờ).")]
        elif incident_at > provided_at:
            errors["incident_at"] = [_("Thời điểm xảy ra không thể ở tương lai.")]
        else:
            values = {
                "frequency": "",
                "year": timezone.localtime(incident_at).year,
                "period": None,
                "due_at": calendar.adhoc_due(incident_at, program.adhoc_hours),
            }
    else:
        errors["kind"] = [_("Hãy chọn loại: định kỳ hoặc đột xuất.")]
    if file_classification not in Classification.values:
        errors["file_classification"] = [_("Phân loại không hợp lệ.")]
    elif file_classification == Classification.CONFIDENTIAL and list(files or ()):
        errors["files"] = [document_services.msg_confidential()]
    documents = _check_documents(provider, receiver, documents, errors)
    if errors:
        raise ValidationError(errors)
    provision = InformationProvision(
        program=program,
        provider=provider,
        receiver=receiver,
        kind=kind,
        incident_title=incident_title if kind == Kind.ADHOC else "",
        incident_at=incident_at if kind == Kind.ADHOC else None,
        content=content,
        provided_at=provided_at,
        provided_by=actor if _is_user(actor) else None,
        corrects=corrects,
        **values,
    )
    stored: list[str] = []
    try:
        with transaction.atomic():
            if corrects is not None:
                # The conditional UPDATE holds the corrected row: of two corrections made
                # from the same page, the second is stale.
                save_versioned(corrects, expected_version=corrects.version, fields=["updated_at"])
            _store(provision, actor, documents, list(files or ()), file_classification, stored)
            if corrects is not None:
                audit.record(
                    actor=actor,
                    action=AuditEntry.Action.EVENT,
                    event="provision_corrected",
                    target=corrects,
                    message=_("Có bản đính chính, bổ sung (số %(id)s).") % {"id": provision.pk},
                )
            _notify_received(provision)
    except IntegrityError as exc:
        _remove_files(stored)
        if kind == Kind.PERIODIC and corrects is None:
            existing = _original_for(program, provider, calendar.period(program.info_frequency, year, period))
            if existing is not None:
                raise _already_provided(existing, provision.subject) from exc
        raise
    except BaseException:
        _remove_files(stored)
        raise
    return provision


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)


# --- acknowledge ----------------------------------------------------------------------------


def provision_acknowledge(*, actor, provision: InformationProvision, acknowledged_at: dt.datetime | None = None):
    """The receiver's read receipt: who and when. Editors of the receiver only. Idempotent:
    acknowledging an acknowledged provision keeps the first receipt and records nothing.
    Returns (provision, True if this call acknowledged it)."""
    if actor is not None and not permissions.may_acknowledge_provision(actor, provision):
        raise _error(
            "__all__", _("Chỉ lãnh đạo, chuyên viên, đầu mối của cơ quan nhận mới xác nhận đã nhận thông tin.")
        )
    if provision.acknowledged_at is not None:
        return provision, False
    when = timezone.now() if actor is not None or acknowledged_at is None else acknowledged_at
    user = actor if _is_user(actor) else None
    with transaction.atomic():
        # Claimed by a conditional UPDATE: of two people acknowledging at once, one wins.
        changed = InformationProvision.objects.filter(pk=provision.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=when, acknowledged_by=user, version=F("version") + 1, updated_at=timezone.now()
        )
        if changed != 1:
            provision.refresh_from_db()
            return provision, False
        provision.acknowledged_at, provision.acknowledged_by = when, user
        provision.version += 1
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="provision_acknowledged",
            target=provision,
            changes={"acknowledged_at": [None, timezone.localtime(when).strftime("%H:%M %d/%m/%Y")]},
            message=_("Xác nhận đã nhận thông tin."),
        )
        _notify_acknowledged(provision)
    return provision, True


# --- notifications -------------------------------------------------------------------------


def _notify(organization_id: int, kind: str, title: str, body: str, url: str, key: str) -> None:
    members = organization_members([organization_id], NOTIFIED_ROLES)
    notify_many(
        [
            NotificationInput(recipient_id=user_id, kind=kind, title=title, body=body, url=url, dedupe_key=key)
            for user_id in members.get(organization_id, [])
        ]
    )


def _notify_received(provision: InformationProvision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Thông tin mới từ %(org)s: %(subject)s") % {
            "org": provision.provider.name,
            "subject": provision.subject,
        }
        if provision.is_correction:
            title = _("Đính chính, bổ sung từ %(org)s: %(subject)s") % {
                "org": provision.provider.name,
                "subject": provision.subject,
            }
        body = _("Chương trình: %(program)s. Hãy xem và xác nhận đã nhận.") % {"program": provision.program.title}
    url = reverse("provisions:detail", args=[provision.pk])
    _notify(provision.receiver_id, kinds.PROVISION_RECEIVED, title, body, url, f"provision-received:{provision.pk}")


def _notify_acknowledged(provision: InformationProvision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(org)s đã xác nhận nhận thông tin: %(subject)s") % {
            "org": provision.receiver.name,
            "subject": provision.subject,
        }
    url = reverse("provisions:detail", args=[provision.pk])
    _notify(
        provision.provider_id, kinds.PROVISION_ACKNOWLEDGED, title, "", url, f"provision-acknowledged:{provision.pk}"
    )
