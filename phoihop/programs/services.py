"""Every write to programmes, plans and tasks: one keyword-only function per action,
one transaction, one audit row (or more) per change. Views, API, demo and tests call these.

Permissions are checked by the callers (views and API) through the permission module;
these functions check the domain rules: who may be a party, which dates are possible,
which transitions are allowed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.core.text import fold
from phoihop.organisations.models import Organization
from phoihop.programs import legal, transitions
from phoihop.programs.models import (
    AnnualPlan,
    Channel,
    ContentItem,
    LegalReference,
    PartyRole,
    Phase,
    Program,
    ProgramAttachment,
    ProgramLegalBasis,
    ProgramParty,
    ProgramRevision,
    ProgressReport,
    Signature,
    Task,
    TaskPart,
)


@dataclass(frozen=True)
class PartyInput:
    organization: Organization
    role: str
    responsibilities: str = ""


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- legal references ----------------------------------------------------------------


def legal_reference_for(citation_text: str) -> LegalReference:
    """The stored reference for a citation, created on first use; CitationError if the
    text is not a citation."""
    citation = legal.parse_citation(citation_text)
    canonical = citation.canonical()
    reference, _created = LegalReference.objects.get_or_create(
        citation=canonical,
        defaults={
            "doc_type": citation.doc_type,
            "number": citation.number or "",
            "year": citation.year,
            "type_code": citation.type_code or "",
            "issuer_code": citation.issuer_code or "",
            "issued_on": citation.date,
            "issuing_body": citation.issuing_body or "",
            "term": citation.term or "",
            "title": citation.title or "",
        },
    )
    return reference


def _legal_references(citations: list[str]) -> list[LegalReference]:
    references, errors = [], []
    for text in citations:
        text = (text or "").strip()
        if not text:
            continue
        try:
            references.append(legal_reference_for(text))
        except legal.CitationError as exc:
            errors.append(_("“%(text)s”: %(error)s") % {"text": text, "error": exc})
    if errors:
        raise ValidationError({"legal_bases": errors})
    return references


# --- programmes ----------------------------------------------------------------------


def validate_parties(kind: str, parties: list[PartyInput]) -> None:
    """Two or more distinct parties, at least one lead; under 238-QĐ/TW a propaganda
    (or mass-mobilisation) department with organisations of its own level and area."""
    if len(parties) < 2:
        raise _error("parties", _("Chương trình phối hợp cần ít nhất hai bên tham gia."))
    ids = [p.organization.pk for p in parties]
    if len(set(ids)) != len(ids):
        raise _error("parties", _("Một cơ quan chỉ được là một bên của chương trình."))
    if not any(p.role == PartyRole.LEAD for p in parties):
        raise _error("parties", _("Hãy chọn ít nhất một bên chủ trì."))
    if kind != Program.Kind.SAME_LEVEL_238:
        return
    departments = [p.organization for p in parties if p.organization.is_propaganda_department]
    if not departments:
        raise _error(
            "parties",
            _(
                "Chương trình theo Quy chế 238-QĐ/TW phải có Ban Tuyên giáo (hoặc Ban Tuyên giáo và Dân vận) "
                "làm một bên. Nếu không, hãy chọn loại “Chương trình phối hợp khác”."
            ),
        )
    anchor = departments[0]
    mismatched = [
        p.organization.name
        for p in parties
        if p.organization.level != anchor.level
        or p.organization.administrative_unit_id != anchor.administrative_unit_id
    ]
    if mismatched:
        raise _error(
            "parties",
            _(
                "Quy chế 238-QĐ/TW chỉ áp dụng giữa các cơ quan cùng cấp, cùng địa bàn với %(anchor)s; "
                "không cùng cấp, địa bàn: %(names)s. Nếu đây là chương trình khác (Hội Nhà báo, Văn phòng "
                "cấp ủy…), hãy chọn loại “Chương trình phối hợp khác”."
            )
            % {"anchor": anchor.name, "names": ", ".join(mismatched)},
        )


def _validate_choices(values: dict) -> None:
    if "kind" in values and values["kind"] not in Program.Kind.values:
        raise _error("kind", _("Loại chương trình không hợp lệ."))
    if "info_frequency" in values and values["info_frequency"] not in Program.Frequency.values:
        raise _error("info_frequency", _("Chế độ cung cấp thông tin không hợp lệ."))


def _validate_period(start_year: int | None, end_year: int | None) -> None:
    if not start_year or not end_year:
        raise _error("end_year", _("Hãy nhập năm bắt đầu và năm kết thúc."))
    if end_year < start_year:
        raise _error("end_year", _("Năm kết thúc không thể trước năm bắt đầu."))
    if end_year - start_year > 10:
        raise _error("end_year", _("Một chương trình phối hợp kéo dài tối đa 10 năm."))


def program_snapshot(program: Program) -> dict:
    """The readable state of a programme, kept when it is amended."""
    return {
        **audit.snapshot(program),
        "parties": [
            {"organization": p.organization.name, "role": p.get_role_display(), "responsibilities": p.responsibilities}
            for p in program.parties.select_related("organization")
        ],
        "content_items": [{"number": c.number, "text": c.text} for c in program.content_items.all()],
        "legal_bases": [link.reference.citation for link in program.legal_basis_links.select_related("reference")],
    }


def _set_parties(program: Program, parties: list[PartyInput]) -> None:
    program.parties.all().delete()
    ProgramParty.objects.bulk_create(
        ProgramParty(
            program=program,
            organization=p.organization,
            role=p.role,
            responsibilities=(p.responsibilities or "").strip(),
            position=index,
        )
        for index, p in enumerate(parties)
    )


def _set_content_items(program: Program, items: list[str]) -> None:
    """Update the numbered items in place, so tasks keep pointing at their item."""
    texts = [text.strip() for text in items if text and text.strip()]
    existing = {item.number: item for item in program.content_items.all()}
    for number, text in enumerate(texts, start=1):
        item = existing.get(number)
        if item is None:
            ContentItem.objects.create(program=program, number=number, text=text)
        elif item.text != text:
            item.text = text
            item.save(update_fields=["text"])
    program.content_items.filter(number__gt=len(texts)).delete()


def _set_legal_bases(program: Program, references: list[LegalReference]) -> None:
    program.legal_basis_links.all().delete()
    seen = set()
    links = []
    for index, reference in enumerate(references):
        if reference.pk not in seen:
            seen.add(reference.pk)
            links.append(ProgramLegalBasis(program=program, reference=reference, position=index))
    ProgramLegalBasis.objects.bulk_create(links)


PROGRAM_FIELDS = ("title", "number_symbol", "kind", "start_year", "end_year", "purpose")
PROGRAM_REGIME_FIELDS = ("info_frequency", "info_day", "adhoc_hours")


def _validate_regime(values: dict) -> None:
    day = values.get("info_day")
    if day is not None and not 1 <= day <= 31:
        raise _error("info_day", _("Ngày cung cấp thông tin phải từ 1 đến 31."))
    hours = values.get("adhoc_hours")
    if hours is not None and not 1 <= hours <= 720:
        raise _error("adhoc_hours", _("Thời hạn thông tin đột xuất phải từ 1 đến 720 giờ."))


@transaction.atomic
def program_create(
    *,
    actor,
    title: str,
    start_year: int,
    end_year: int,
    parties: list[PartyInput],
    kind: str = Program.Kind.SAME_LEVEL_238,
    number_symbol: str = "",
    purpose: str = "",
    content_items: list[str] = (),
    legal_bases: list[str] = (),
    info_frequency: str = Program.Frequency.MONTHLY,
    info_day: int | None = None,
    adhoc_hours: int | None = None,
) -> Program:
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Hãy nhập tên chương trình."))
    _validate_choices({"kind": kind, "info_frequency": info_frequency})
    _validate_period(start_year, end_year)
    validate_parties(kind, parties)
    _validate_regime({"info_day": info_day, "adhoc_hours": adhoc_hours})
    references = _legal_references(list(legal_bases))
    program = Program.objects.create(
        title=title,
        number_symbol=(number_symbol or "").strip(),
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        purpose=purpose or "",
        info_frequency=info_frequency,
        info_day=info_day,
        adhoc_hours=adhoc_hours,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _set_parties(program, parties)
    _set_content_items(program, list(content_items))
    _set_legal_bases(program, references)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=program,
        changes=audit.diff({}, program_snapshot(program)),
    )
    return program


@transaction.atomic
def program_update(
    *,
    actor,
    program: Program,
    expected_version: int,
    reason: str = "",
    parties: list[PartyInput] | None = None,
    content_items: list[str] | None = None,
    legal_bases: list[str] | None = None,
    **values,
) -> Program:
    """Edit a programme. Once signed, an edit is an amendment: it needs a reason and the
    earlier text is kept as a revision."""
    if program.status in (Program.Status.CONCLUDED, Program.Status.TERMINATED):
        raise _error("__all__", _("Chương trình đã kết thúc, không thể sửa."))
    amending = program.status != Program.Status.DRAFT
    if amending and not (reason or "").strip():
        raise _error("reason", _("Chương trình đã ký kết: hãy nêu lý do sửa đổi, bổ sung."))
    before = program_snapshot(program)
    fields = [key for key in (*PROGRAM_FIELDS, *PROGRAM_REGIME_FIELDS) if key in values]
    _validate_choices({key: values[key] for key in ("kind", "info_frequency") if key in values})
    for key in fields:
        setattr(program, key, values[key] if values[key] is not None or key in PROGRAM_REGIME_FIELDS else "")
    program.title = (program.title or "").strip()
    if not program.title:
        raise _error("title", _("Hãy nhập tên chương trình."))
    _validate_period(program.start_year, program.end_year)
    _validate_regime({"info_day": program.info_day, "adhoc_hours": program.adhoc_hours})
    if parties is not None or "kind" in values:
        validate_parties(
            program.kind,
            parties
            if parties is not None
            else [PartyInput(p.organization, p.role, p.responsibilities) for p in program.parties.all()],
        )
    references = _legal_references(list(legal_bases)) if legal_bases is not None else None
    if program.plans.exclude(year__range=(program.start_year, program.end_year)).exists():
        raise _error("end_year", _("Đã có kế hoạch năm nằm ngoài thời gian mới của chương trình."))
    outside = (
        Task.objects.filter(plan__program=program)
        .exclude(due_date__year__range=(program.start_year, program.end_year))
        .first()
    )
    if outside is not None:
        raise _error(
            "end_year",
            _("Nhiệm vụ “%(task)s” có hạn %(date)s, nằm ngoài thời gian mới của chương trình.")
            % {"task": outside.title, "date": _fmt(outside.due_date)},
        )
    if parties is not None:
        kept = {p.organization.pk for p in parties}
        busy = (
            TaskPart.objects.filter(task__plan__program=program, task__status=Task.Status.OPEN)
            .exclude(organization_id__in=kept)
            .select_related("organization")
            .first()
        )
        if busy is not None:
            raise _error(
                "parties",
                _("Không thể bỏ %(org)s khỏi chương trình khi cơ quan này còn nhiệm vụ đang thực hiện.")
                % {"org": busy.organization.name},
            )
    save_versioned(program, expected_version=expected_version, fields=fields)
    if parties is not None:
        _set_parties(program, parties)
    if content_items is not None:
        _set_content_items(program, content_items)
    if references is not None:
        _set_legal_bases(program, references)
    after = program_snapshot(program)
    changes = audit.diff(before, after)
    if amending and changes:
        ProgramRevision.objects.create(
            program=program,
            number=program.revisions.count() + 1,
            snapshot=before,
            reason=reason.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    if changes:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=program,
            changes=changes,
            message=_("Sửa đổi, bổ sung: %(reason)s") % {"reason": reason.strip()} if amending else "",
        )
    return program


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


@transaction.atomic
def program_sign(
    *, actor, program: Program, organization, signer_name: str, signer_position: str, signed_on, place: str = ""
) -> Signature:
    """Record one party's signature on a draft programme."""
    if program.status != Program.Status.DRAFT:
        raise _error("__all__", _("Chỉ ký được chương trình đang là dự thảo."))
    _validate_signature(
        organization=organization,
        parties_ids=set(program.parties.values_list("organization_id", flat=True)),
        signer_name=signer_name,
        signer_position=signer_position,
        signed_on=signed_on,
    )
    if program.signatures.filter(organization=organization).exists():
        raise _error("organization", _("%(org)s đã ký chương trình này.") % {"org": organization.name})
    signature = Signature.objects.create(
        program=program,
        organization=organization,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        signed_on=signed_on,
        place=(place or "").strip(),
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="signed",
        target=program,
        message=_("%(name)s, %(position)s ký thay mặt %(org)s ngày %(date)s")
        % {
            "name": signature.signer_name,
            "position": signature.signer_position,
            "org": organization.name,
            "date": _fmt(signed_on),
        },
    )
    return signature


@transaction.atomic
def program_transition(*, actor, program: Program, action: str, expected_version: int, reason: str = "") -> Program:
    transition = transitions.check(transitions.PROGRAM, action, program.status, program.get_status_display(), reason)
    if action == "sign":
        unsigned = program.parties.exclude(organization__in=program.signatures.values("organization")).select_related(
            "organization"
        )
        if unsigned:
            raise _error(
                "action",
                _("Chưa đủ chữ ký. Còn thiếu: %(names)s.")
                % {"names": ", ".join(p.organization.name for p in unsigned)},
            )
    before = audit.snapshot(program, ["status", "status_reason"])
    program.status = transition.target
    program.status_reason = (reason or "").strip()
    save_versioned(program, expected_version=expected_version, fields=["status", "status_reason"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"program_{action}",
        target=program,
        changes=audit.diff(before, audit.snapshot(program, ["status", "status_reason"])),
        message=str(transition.label) + (f": {program.status_reason}" if program.status_reason else ""),
    )
    return program


# --- annual plans --------------------------------------------------------------------


def _validate_plan_year(program: Program, year: int | None) -> None:
    if year is None or not program.start_year <= year <= program.end_year:
        raise _error(
            "year",
            _("Năm của kế hoạch phải nằm trong thời gian của chương trình (%(period)s).") % {"period": program.period},
        )
    if program.status in (Program.Status.CONCLUDED, Program.Status.TERMINATED):
        raise _error("__all__", _("Chương trình đã kết thúc, không thể thêm kế hoạch."))


@transaction.atomic
def plan_create(
    *, actor, program: Program, year: int, title: str, number_symbol: str = "", summary: str = ""
) -> AnnualPlan:
    _validate_plan_year(program, year)
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    if program.plans.filter(year=year).exists():
        raise _error("year", _("Chương trình đã có kế hoạch năm %(year)s.") % {"year": year})
    plan = AnnualPlan.objects.create(
        program=program, year=year, title=title, number_symbol=(number_symbol or "").strip(), summary=summary or ""
    )
    audit.record_create(actor=actor, target=plan)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: AnnualPlan, expected_version: int, **values) -> AnnualPlan:
    before = audit.snapshot(plan)
    fields = [key for key in ("title", "number_symbol", "summary") if key in values]
    for key in fields:
        setattr(plan, key, (values[key] or "").strip() if key != "summary" else values[key] or "")
    if not plan.title:
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    save_versioned(plan, expected_version=expected_version, fields=fields)
    audit.record_update(actor=actor, target=plan, before=before)
    return plan


@transaction.atomic
def plan_sign(
    *, actor, plan: AnnualPlan, organization, signer_name: str, signer_position: str, signed_on, place: str = ""
) -> Signature:
    if plan.status != AnnualPlan.Status.DRAFT:
        raise _error("__all__", _("Chỉ ký được kế hoạch đang là dự thảo."))
    _validate_signature(
        organization=organization,
        parties_ids=set(plan.program.parties.values_list("organization_id", flat=True)),
        signer_name=signer_name,
        signer_position=signer_position,
        signed_on=signed_on,
    )
    if plan.signatures.filter(organization=organization).exists():
        raise _error("organization", _("%(org)s đã ký kế hoạch này.") % {"org": organization.name})
    signature = Signature.objects.create(
        plan=plan,
        organization=organization,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        signed_on=signed_on,
        place=(place or "").strip(),
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="signed",
        target=plan,
        message=_("%(name)s, %(position)s ký thay mặt %(org)s ngày %(date)s")
        % {
            "name": signature.signer_name,
            "position": signature.signer_position,
            "org": organization.name,
            "date": _fmt(signed_on),
        },
    )
    return signature


@transaction.atomic
def plan_transition(*, actor, plan: AnnualPlan, action: str, expected_version: int, reason: str = "") -> AnnualPlan:
    transition = transitions.check(transitions.PLAN, action, plan.status, plan.get_status_display(), reason)
    if action == "sign" and not plan.signatures.exists():
        raise _error("action", _("Kế hoạch chưa có chữ ký nào."))
    before = audit.snapshot(plan, ["status"])
    plan.status = transition.target
    save_versioned(plan, expected_version=expected_version, fields=["status"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"plan_{action}",
        target=plan,
        changes=audit.diff(before, audit.snapshot(plan, ["status"])),
        message=str(transition.label) + (f": {reason.strip()}" if reason and reason.strip() else ""),
    )
    return plan


def _shift_year(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy_to_next_year(*, actor, plan: AnnualPlan) -> AnnualPlan:
    """A draft plan for the next year with the same tasks, dates moved by a year and
    progress reset."""
    program = plan.program
    year = plan.year + 1
    _validate_plan_year(program, year)
    if program.plans.filter(year=year).exists():
        raise _error("year", _("Chương trình đã có kế hoạch năm %(year)s.") % {"year": year})
    title = plan.title.replace(str(plan.year), str(year)) if str(plan.year) in plan.title else f"{plan.title} ({year})"
    tasks = list(plan.tasks.prefetch_related("parts").order_by("due_date", "id"))
    for task in tasks:
        shifted = _shift_year(task.due_date, 1)
        if not program.covers(shifted):
            raise _error(
                "year",
                _("Nhiệm vụ “%(task)s” sẽ có hạn %(date)s, ngoài thời gian của chương trình (%(period)s).")
                % {"task": task.title, "date": _fmt(shifted), "period": program.period},
            )
    new_plan = AnnualPlan.objects.create(
        program=program, year=year, title=title, summary=plan.summary, copied_from=plan
    )
    for task in tasks:
        copy = Task.objects.create(
            plan=new_plan,
            title=task.title,
            description=task.description,
            content_item=task.content_item,
            lead=task.lead,
            responsible_people=task.responsible_people,
            start_date=_shift_year(task.start_date, 1),
            due_date=_shift_year(task.due_date, 1),
            phase=task.phase,
            channels=task.channels,
            expected_product=task.expected_product,
        )
        TaskPart.objects.bulk_create(
            TaskPart(task=copy, organization_id=part.organization_id, role=part.role) for part in task.parts.all()
        )
    audit.record_create(actor=actor, target=new_plan, message=_("Sao chép từ %(plan)s") % {"plan": plan.title})
    return new_plan


# --- tasks ---------------------------------------------------------------------------


def _normalise_channels(channels) -> str:
    valid = {code for code, _label in Channel.choices}
    codes = [code for code in (channels or []) if code]
    unknown = [code for code in codes if code not in valid]
    if unknown:
        raise _error("channels", _("Hình thức tuyên truyền không hợp lệ: %(codes)s.") % {"codes": ", ".join(unknown)})
    ordered = [code for code, _label in Channel.choices if code in codes]
    return f",{','.join(ordered)}," if ordered else ""


def _unique(organizations) -> list:
    seen, result = set(), []
    for org in organizations or []:
        if org.pk not in seen:
            seen.add(org.pk)
            result.append(org)
    return result


def _validate_task(
    *, plan: AnnualPlan, lead, partners, start_date, due_date, content_item, title: str, phase: str = ""
) -> None:
    errors: dict[str, list[str]] = {}
    program = plan.program
    party_ids = set(program.parties.values_list("organization_id", flat=True))
    if not (title or "").strip():
        errors["title"] = [_("Hãy nhập tên nhiệm vụ.")]
    if lead is None:
        errors["lead"] = [_("Hãy chọn cơ quan chủ trì.")]
    elif lead.pk not in party_ids:
        errors["lead"] = [
            _("%(org)s không phải là một bên của chương trình nên không thể chủ trì nhiệm vụ.") % {"org": lead.name}
        ]
    outsiders = [org.name for org in partners if org.pk not in party_ids]
    if outsiders:
        errors["partners"] = [_("Không phải là bên của chương trình: %(names)s.") % {"names": ", ".join(outsiders)}]
    if lead is not None and any(org.pk == lead.pk for org in partners):
        errors.setdefault("partners", []).append(_("Cơ quan chủ trì không thể đồng thời là cơ quan phối hợp."))
    if due_date is None:
        errors["due_date"] = [_("Hãy nhập hạn hoàn thành.")]
    elif not program.covers(due_date):
        errors["due_date"] = [
            _("Hạn %(date)s nằm ngoài thời gian của chương trình (%(period)s).")
            % {"date": _fmt(due_date), "period": program.period}
        ]
    if start_date and due_date and start_date > due_date:
        errors["start_date"] = [_("Ngày bắt đầu phải trước hạn hoàn thành.")]
    if phase and phase not in Phase.values:
        errors["phase"] = [_("Giai đoạn không hợp lệ.")]
    if content_item is not None and content_item.program_id != program.pk:
        errors["content_item"] = [_("Nội dung này thuộc chương trình khác.")]
    if plan.status == AnnualPlan.Status.CLOSED:
        errors["__all__"] = [_("Kế hoạch đã kết thúc, không thể thêm hoặc sửa nhiệm vụ.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def task_create(
    *,
    actor,
    plan: AnnualPlan,
    title: str,
    lead,
    due_date,
    partners=(),
    description: str = "",
    content_item=None,
    responsible_people: str = "",
    start_date=None,
    phase: str = "",
    channels=(),
    expected_product: str = "",
) -> Task:
    partners = _unique(partners)
    _validate_task(
        plan=plan,
        lead=lead,
        partners=partners,
        start_date=start_date,
        due_date=due_date,
        content_item=content_item,
        title=title,
        phase=phase,
    )
    task = Task.objects.create(
        plan=plan,
        title=title.strip(),
        description=description or "",
        content_item=content_item,
        lead=lead,
        responsible_people=(responsible_people or "").strip(),
        start_date=start_date,
        due_date=due_date,
        phase=phase or "",
        channels=_normalise_channels(channels),
        expected_product=(expected_product or "").strip(),
    )
    TaskPart.objects.bulk_create(
        [TaskPart(task=task, organization=lead, role=PartyRole.LEAD)]
        + [TaskPart(task=task, organization=org, role=PartyRole.PARTNER) for org in partners]
    )
    audit.record_create(actor=actor, target=task)
    return task


TASK_FIELDS = (
    "title",
    "description",
    "content_item",
    "lead",
    "responsible_people",
    "start_date",
    "due_date",
    "phase",
    "expected_product",
)


@transaction.atomic
def task_update(*, actor, task: Task, expected_version: int, partners=None, channels=None, **values) -> Task:
    if task.status != Task.Status.OPEN:
        raise _error("__all__", _("Chỉ sửa được nhiệm vụ đang thực hiện; hãy mở lại nhiệm vụ trước."))
    before = audit.snapshot(task)
    fields = [key for key in TASK_FIELDS if key in values]
    for key in fields:
        value = values[key]
        if key in ("title", "description", "responsible_people", "phase", "expected_product"):
            value = (value or "").strip() if key != "description" else value or ""
        setattr(task, key, value)
    current_partners = [
        p.organization for p in task.parts.select_related("organization") if p.role == PartyRole.PARTNER
    ]
    new_partners = _unique(partners) if partners is not None else current_partners
    _validate_task(
        plan=task.plan,
        lead=task.lead,
        partners=new_partners,
        start_date=task.start_date,
        due_date=task.due_date,
        content_item=task.content_item,
        title=task.title,
        phase=task.phase,
    )
    if channels is not None:
        task.channels = _normalise_channels(channels)
        fields.append("channels")
    save_versioned(task, expected_version=expected_version, fields=fields)
    _sync_parts(task, new_partners)
    audit.record_update(actor=actor, target=task, before=before)
    return task


def _sync_parts(task: Task, partners: list) -> None:
    """Keep one part for the lead and one per partner; reported parts are kept."""
    wanted = {task.lead_id: PartyRole.LEAD} | {org.pk: PartyRole.PARTNER for org in partners}
    existing = {part.organization_id: part for part in task.parts.all()}
    for org_id, part in existing.items():
        if org_id not in wanted:
            if part.reported_at is None:
                part.delete()
            continue
        if part.role != wanted[org_id]:
            part.role = wanted[org_id]
            part.save(update_fields=["role"])
    TaskPart.objects.bulk_create(
        TaskPart(task=task, organization_id=org_id, role=role)
        for org_id, role in wanted.items()
        if org_id not in existing
    )


@transaction.atomic
def task_report_progress(
    *,
    actor,
    part: TaskPart,
    progress: int,
    expected_version: int,
    note: str = "",
    reason: str = "",
    evidence_links=(),
    evidence_counts=(),
) -> ProgressReport:
    """One party reports its own part: progress 0–100 %, a note, evidence (links and
    counts such as "12 bài viết"). Going backwards needs a reason."""
    errors: dict[str, list[str]] = {}
    task = part.task
    if task.status != Task.Status.OPEN:
        errors["__all__"] = [_("Nhiệm vụ không còn đang thực hiện; không thể báo cáo tiến độ.")]
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = [_("Tiến độ phải từ 0 đến 100%.")]
    elif progress < part.progress and not (reason or "").strip():
        errors["reason"] = [
            _("Tiến độ giảm từ %(old)s%% xuống %(new)s%%: hãy nêu lý do.") % {"old": part.progress, "new": progress}
        ]
    links = [link.strip() for link in evidence_links if link and link.strip()]
    bad_links = [link for link in links if not link.startswith(("http://", "https://"))]
    if bad_links:
        errors["evidence_links"] = [_("Đường dẫn phải bắt đầu bằng http:// hoặc https://: %(l)s") % {"l": bad_links[0]}]
    counts = []
    for item in evidence_counts:
        label, count = (item.get("label") or "").strip(), item.get("count")
        if not label and count in (None, ""):
            continue
        if not label or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            errors["evidence_counts"] = [_("Mỗi số liệu cần tên và một số không âm, ví dụ “12 bài viết”.")]
            break
        counts.append({"label": label, "count": count})
    if errors:
        raise ValidationError(errors)
    if part.version != expected_version:
        raise StaleVersionError()
    previous = part.progress
    part.progress = progress
    part.note = note or ""
    part.evidence_links = links
    part.evidence_counts = counts
    part.reported_at = timezone.now()
    save_versioned(
        part,
        expected_version=expected_version,
        fields=["progress", "note", "evidence_links", "evidence_counts", "reported_at"],
    )
    report = ProgressReport.objects.create(
        part=part,
        progress=progress,
        previous_progress=previous,
        note=part.note,
        reason=(reason or "").strip(),
        evidence_links=links,
        evidence_counts=counts,
        reported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="progress_reported",
        target=task,
        changes={"progress": [previous, progress]},
        message=_("%(org)s báo cáo tiến độ %(p)s%%") % {"org": part.organization.name, "p": progress},
    )
    return report


@transaction.atomic
def task_transition(
    *, actor, task: Task, action: str, expected_version: int, reason: str = "", completed_on=None
) -> Task:
    transition = transitions.check(transitions.TASK, action, task.status, task.get_status_display(), reason)
    before = audit.snapshot(task, ["status", "completed_on", "status_reason"])
    if action == "complete":
        completed_on = completed_on or timezone.localdate()
        if completed_on > timezone.localdate():
            raise _error("completed_on", _("Ngày hoàn thành không thể ở tương lai."))
        if task.start_date and completed_on < task.start_date:
            raise _error("completed_on", _("Ngày hoàn thành không thể trước ngày bắt đầu."))
        task.completed_on = completed_on
    elif action == "reopen" or action == "cancel":
        task.completed_on = None
    task.status = transition.target
    task.status_reason = (reason or "").strip()
    save_versioned(task, expected_version=expected_version, fields=["status", "completed_on", "status_reason"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"task_{action}",
        target=task,
        changes=audit.diff(before, audit.snapshot(task, ["status", "completed_on", "status_reason"])),
        message=str(transition.label) + (f": {task.status_reason}" if task.status_reason else ""),
    )
    return task


# --- re-organisations carry open work ------------------------------------------------

CARRIED_PROGRAM_STATUSES = (Program.Status.DRAFT, Program.Status.SIGNED, Program.Status.IN_FORCE)


def reorganization_carry_work(*, actor, reorganization) -> dict[str, int]:
    """Move the open programme work of the predecessors to the successor.

    Called once per re-organisation by `organisations.services.reorganizations_carry_due`
    (settings.PHOIHOP_REORGANIZATION_CARRIERS). Programmes not yet concluded or
    terminated get the successor as the party in place of each predecessor; open tasks
    get it as lead or partner. Signatures, finished tasks and concluded programmes keep
    the old names: that is history. A split (several successors) is not carried
    automatically and is left to the officers.
    """
    counts = {"programs": 0, "tasks": 0}
    successors = list(reorganization.successors.all())
    if len(successors) != 1:
        return counts
    successor = successors[0]
    for predecessor in reorganization.predecessors.all():
        counts["programs"] += _carry_program_parties(actor, predecessor, successor)
        counts["tasks"] += _carry_tasks(actor, predecessor, successor)
    return counts


def _carry_message(predecessor, successor) -> str:
    return _("Chuyển từ %(old)s sang %(new)s do sắp xếp tổ chức") % {"old": predecessor.name, "new": successor.name}


def _carry_program_parties(actor, predecessor, successor) -> int:
    moved = 0
    parties = ProgramParty.objects.filter(
        organization=predecessor, program__status__in=CARRIED_PROGRAM_STATUSES
    ).select_related("program")
    for party in parties:
        program = party.program
        existing = ProgramParty.objects.filter(program=program, organization=successor).first()
        if existing is not None:
            if party.role == PartyRole.LEAD:
                existing.role = PartyRole.LEAD
            if party.responsibilities and party.responsibilities not in existing.responsibilities:
                existing.responsibilities = "\n\n".join(
                    t for t in (existing.responsibilities, party.responsibilities) if t
                )
            existing.save(update_fields=["role", "responsibilities"])
            party.delete()
        else:
            party.organization = successor
            party.save(update_fields=["organization"])
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="carried_over",
            target=program,
            changes={"parties": [predecessor.name, successor.name]},
            message=_carry_message(predecessor, successor),
        )
        moved += 1
    return moved


def _carry_tasks(actor, predecessor, successor) -> int:
    moved = 0
    open_parts = TaskPart.objects.filter(
        organization=predecessor,
        task__status=Task.Status.OPEN,
        task__plan__program__status__in=CARRIED_PROGRAM_STATUSES,
    ).select_related("task")
    for part in open_parts:
        task = part.task
        clash = TaskPart.objects.filter(task=task, organization=successor).first()
        if clash is not None:
            # Both were parties: one part survives, and keeps every report. The lead's
            # own figures win, being the ones the task is judged by.
            ProgressReport.objects.filter(part=part).update(part=clash)
            if part.role == PartyRole.LEAD:
                clash.role = PartyRole.LEAD
                for field in ("progress", "note", "evidence_links", "evidence_counts", "reported_at"):
                    setattr(clash, field, getattr(part, field))
                clash.version += 1
                clash.save(
                    update_fields=[
                        "role",
                        "progress",
                        "note",
                        "evidence_links",
                        "evidence_counts",
                        "reported_at",
                        "version",
                    ]
                )
            part.delete()
        else:
            part.organization = successor
            part.save(update_fields=["organization"])
        if task.lead_id == predecessor.pk:
            Task.objects.filter(pk=task.pk).update(lead=successor, version=F("version") + 1)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="carried_over",
            target=task,
            changes={"organization": [predecessor.name, successor.name]},
            message=_carry_message(predecessor, successor),
        )
        moved += 1
    return moved


# --- attachments ---------------------------------------------------------------------
#
# A programme's documents (the signed text, plans, reports). Small on purpose: the full
# document register with versions and classification comes with information exchange.
# The type is decided by the content (magic bytes and, for Office files, the parts
# inside), never by the name; confidential documents are refused and never stored.

DEFAULT_MAX_UPLOAD_MB = 20


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]  # the first is the canonical one


_K = ProgramAttachment.Kind
FILE_TYPES: dict[str, FileType] = {
    _K.PDF: FileType("application/pdf", ("pdf",)),
    _K.DOCX: FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    _K.XLSX: FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    _K.PPTX: FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)),
    _K.ODT: FileType("application/vnd.oasis.opendocument.text", ("odt",)),
    _K.ODS: FileType("application/vnd.oasis.opendocument.spreadsheet", ("ods",)),
    _K.ODP: FileType("application/vnd.oasis.opendocument.presentation", ("odp",)),
    _K.DOC: FileType("application/msword", ("doc",)),
    _K.XLS: FileType("application/vnd.ms-excel", ("xls",)),
    _K.PPT: FileType("application/vnd.ms-powerpoint", ("ppt",)),
    _K.JPEG: FileType("image/jpeg", ("jpg", "jpeg")),
    _K.PNG: FileType("image/png", ("png",)),
    _K.TEXT: FileType("text/plain; charset=utf-8", ("txt", "csv", "md")),
}
ACCEPTED_EXTENSIONS = tuple(ext for file_type in FILE_TYPES.values() for ext in file_type.extensions)

_MACROS = "macro"  # what `sniff` answers for an Office file carrying VBA macros
_OOXML_PARTS = (("word/document.xml", _K.DOCX), ("xl/workbook.xml", _K.XLSX), ("ppt/presentation.xml", _K.PPTX))
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": _K.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": _K.ODS,
    b"application/vnd.oasis.opendocument.presentation": _K.ODP,
}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_STREAMS = (("WordDocument", _K.DOC), ("Workbook", _K.XLS), ("Book", _K.XLS), ("PowerPoint Document", _K.PPT))
_OLE2_MACRO_STORAGES = {"Macros", "_VBA_PROJECT_CUR", "VBA"}
_OLE2_LAST_SECTOR = 0xFFFFFFFA  # higher numbers mark free sectors and chain ends (MS-CFB 2.1)


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return _MACROS
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS:
                    if part in names:
                        return kind
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    return _ODF_MIMETYPES.get(entry.read(100).strip())
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, RuntimeError, NotImplementedError):
        return None  # broken, encrypted, or compressed in a way zipfile does not know
    return None


def _ole2_names(data: bytes) -> set[str]:
    """The names of the storages and streams in an OLE2 compound file's directory
    (MS-CFB); empty when the structure is broken."""
    if len(data) < 512 or not data.startswith(_OLE2_MAGIC):
        return set()
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    most = len(data) // size

    def sector(number: int) -> tuple[int, ...]:
        block = data[(number + 1) * size : (number + 2) * size]
        if len(block) < size:
            raise ValueError("sector outside the file")
        return struct.unpack(f"<{size // 4}I", block)

    try:
        fat_sectors = list(struct.unpack("<109I", data[76:512]))
        difat, hops = int.from_bytes(data[68:72], "little"), 0
        while difat <= _OLE2_LAST_SECTOR and hops <= most:
            entries = sector(difat)
            fat_sectors.extend(entries[:-1])
            difat, hops = entries[-1], hops + 1
        fat: list[int] = []
        for number in fat_sectors:
            if number <= _OLE2_LAST_SECTOR:
                fat.extend(sector(number))
        names: set[str] = set()
        current, seen = int.from_bytes(data[48:52], "little"), set()
        while current < len(fat) and current not in seen:
            seen.add(current)
            block = data[(current + 1) * size : (current + 2) * size]
            for offset in range(0, len(block) - 127, 128):
                length = int.from_bytes(block[offset + 64 : offset + 66], "little")
                if 2 <= length <= 64 and block[offset + 66] in (1, 2, 5):  # storage, stream, root
                    names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
            current = fat[current]
    except (ValueError, struct.error):
        return set()
    return names


def _sniff_ole2(data: bytes) -> str | None:
    names = _ole2_names(data)
    if names & _OLE2_MACRO_STORAGES:
        return _MACROS
    return next((kind for stream, kind in _OLE2_STREAMS if stream in names), None)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff(data: bytes) -> str | None:
    """The kind of file (ProgramAttachment.Kind) these bytes are, from their content
    alone; "macro" for an Office file with VBA macros; None for anything not accepted."""
    if data.startswith(b"%PDF-"):
        return _K.PDF
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(_OLE2_MAGIC):
        return _sniff_ole2(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _K.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _K.PNG
    if _is_text(data):
        return _K.TEXT
    return None


_EXTENSION = re.compile(r"^[A-Za-z0-9]{1,8}$")


def clean_file_name(name: str) -> tuple[str, str]:
    """(stem, lower-case extension) of an uploaded file's name: the last path component,
    NFC, without control and format characters (a right-to-left override can disguise
    "fdp.exe" as "exe.pdf"), whitespace collapsed. The extension is "" when the name has
    none that looks like one."""
    name = re.split(r"[/\\]", name or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"})
    name = re.sub(r"\s+", " ", name).strip()
    stem, dot, ext = name.rpartition(".")
    if dot and _EXTENSION.match(ext):
        return stem.strip(), ext.lower()
    return name, ""


def _stored_name(stem: str, kind: str) -> str:
    """The name on disk: ASCII (folded Vietnamese), short, with the canonical extension
    of the content, so that what is stored never claims another type."""
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "tep"
    return f"{ascii_stem}.{FILE_TYPES[kind].extensions[0]}"


def max_upload_bytes() -> int:
    return int(float(getattr(settings, "PHOIHOP_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024)


def max_upload_mb() -> str:
    return f"{float(getattr(settings, 'PHOIHOP_MAX_UPLOAD_MB', DEFAULT_MAX_UPLOAD_MB)):g}"


def _type_error() -> ValidationError:
    return _error("file", _("Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản."))


@dataclass(frozen=True)
class _CheckedUpload:
    data: bytes
    kind: str
    original_name: str
    stem: str
    sha256: str


def _read_upload(uploaded_file) -> bytes:
    limit = max_upload_bytes()
    too_big = _error(
        "file",
        _("Tệp quá lớn. Dung lượng tối đa là %(mb)s MB; hãy nén hoặc chia nhỏ tệp.") % {"mb": max_upload_mb()},
    )
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise too_big
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise _error("file", _("Tệp rỗng, không có nội dung."))
    return data


def check_upload(*, program: Program, uploaded_file) -> _CheckedUpload:
    """Everything an upload must pass before anything is stored: not empty, not over the
    size limit, an accepted type by content, a name that does not contradict the content,
    not already attached to this programme."""
    if uploaded_file is None:
        raise _error("file", _("Hãy chọn tệp cần tải lên."))
    data = _read_upload(uploaded_file)
    kind = sniff(data)
    if kind == _MACROS:
        raise _error(
            "file",
            _("Không nhận tệp Office có chứa macro. Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx)."),
        )
    stem, ext = clean_file_name(uploaded_file.name)
    if kind is None or (ext and ext not in ACCEPTED_EXTENSIONS):
        raise _type_error()
    file_type = FILE_TYPES[kind]
    if ext and ext not in file_type.extensions:
        raise _error(
            "file",
            _("Tên tệp có đuôi “.%(ext)s” nhưng nội dung là loại “%(kind)s”. Hãy kiểm tra lại tệp trước khi tải lên.")
            % {"ext": ext, "kind": ProgramAttachment.Kind(kind).label},
        )
    ext = ext or file_type.extensions[0]
    original_name = f"{stem[: 250 - len(ext)]}.{ext}"
    digest = hashlib.sha256(data).hexdigest()
    existing = ProgramAttachment.objects.filter(program=program, sha256=digest).only("title").first()
    if existing is not None:
        raise _duplicate_error(existing.title)
    return _CheckedUpload(data=data, kind=kind, original_name=original_name, stem=stem, sha256=digest)


def _duplicate_error(title: str) -> ValidationError:
    return _error("file", _("Tệp này đã được đính kèm vào chương trình với tên “%(title)s”.") % {"title": title})


def _attachment_label(attachment: ProgramAttachment) -> str:
    return f"{attachment.title} ({attachment.original_name})"


def program_attach(
    *, actor, program: Program, uploaded_file, title: str = "", confidential: bool = False
) -> ProgramAttachment:
    """Attach a document to a programme. Refused, with nothing stored, when it is marked
    confidential or fails `check_upload`; the title defaults to the file name without
    its extension."""
    if confidential:
        raise _error(
            "confidential",
            _(
                "Văn bản mật không được tải lên hệ thống. Hãy chuyển qua đường bảo mật; "
                "hệ thống chỉ ghi nhận văn bản tồn tại."
            ),
        )
    checked = check_upload(program=program, uploaded_file=uploaded_file)
    title = (title or "").strip() or checked.stem[:500]
    if not title:
        raise _error("title", _("Hãy nhập tên tài liệu."))
    if len(title) > 500:
        raise _error("title", _("Tên tài liệu tối đa 500 ký tự."))
    attachment = ProgramAttachment(
        program=program,
        title=title,
        original_name=checked.original_name,
        size=len(checked.data),
        kind=checked.kind,
        content_type=FILE_TYPES[checked.kind].content_type,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            attachment.file.save(_stored_name(checked.stem, checked.kind), ContentFile(checked.data), save=False)
            attachment.save()
            audit.record(
                actor=actor,
                action=AuditEntry.Action.EVENT,
                event="attachment_added",
                target=program,
                changes={"attachments": [None, _attachment_label(attachment)]},
                message=_("Đính kèm tài liệu “%(title)s”") % {"title": attachment.title},
            )
    except IntegrityError as exc:
        # Somebody attached the same file a moment earlier (program_attachment_unique_content).
        _discard_file(attachment)
        raise _duplicate_error(title) from exc
    except BaseException:
        _discard_file(attachment)
        raise
    return attachment


def _discard_file(attachment: ProgramAttachment) -> None:
    if attachment.file.name:
        attachment.file.storage.delete(attachment.file.name)


@transaction.atomic
def program_detach(*, actor, attachment: ProgramAttachment) -> None:
    """Remove an attachment; its file is deleted from storage once the removal commits."""
    program = attachment.program
    storage, name = attachment.file.storage, attachment.file.name
    label = _attachment_label(attachment)
    title = attachment.title
    attachment.delete()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="attachment_removed",
        target=program,
        changes={"attachments": [label, None]},
        message=_("Gỡ tài liệu đính kèm “%(title)s”") % {"title": title},
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def attachment_download(*, actor, attachment: ProgramAttachment):
    """Open the stored file for reading and record who downloaded it. Raises
    FileNotFoundError (nothing recorded) when the file is missing from storage."""
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    try:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="downloaded",
            target=attachment,
            message=_("Tải về “%(name)s”") % {"name": attachment.original_name},
        )
    except BaseException:
        handle.close()
        raise
    return handle
