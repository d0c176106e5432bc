"""Programmes: creation, amendment (kept as revisions), signatures, transitions,
and the legal references they cite."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.programs import legal, transitions
from phoihop.programs.models import (
    ContentItem,
    LegalReference,
    PartyRole,
    Program,
    ProgramLegalBasis,
    ProgramParty,
    ProgramRevision,
    Signature,
    Task,
    TaskPart,
)
from phoihop.programs.services._common import PartyInput, _error, _fmt, _validate_signature

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


def validate_parties(
    kind: str, parties: list[PartyInput], *, start_year: int | None = None, existing_ids: frozenset[int] = frozenset()
) -> None:
    """Two or more distinct parties, at least one lead; under 238-QĐ/TW a propaganda
    (or mass-mobilisation) department with organisations of its own level and area. A new
    party must still exist when the programme starts (a dissolved or merged body cannot
    take on new work: its successor does)."""
    if start_year is not None:
        gone = [
            p.organization.name
            for p in parties
            if p.organization.pk not in existing_ids
            and p.organization.valid_to is not None
            and p.organization.valid_to < dt.date(start_year, 1, 1)
        ]
        if gone:
            raise _error(
                "parties",
                _("Đã hết hiệu lực trước thời gian của chương trình: %(names)s. Hãy chọn cơ quan kế tục.")
                % {"names": ", ".join(gone)},
            )
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


def _check_may_lead(actor, parties: list[PartyInput]) -> None:
    """Whoever sets a programme's parties must stay able to run it: an editor of a lead
    party (or an administrator). `actor=None` is the system (demo, imports)."""
    if actor is None:
        return
    if not permissions.may_lead(actor, [p.organization for p in parties if p.role == PartyRole.LEAD]):
        raise _error(
            "parties",
            _("Cơ quan của bạn phải là bên chủ trì của chương trình để bạn có thể tạo và quản lý nó."),
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
    removed = program.content_items.filter(number__gt=len(texts))
    if Task.objects.filter(content_item__in=removed).exists():
        raise _error(
            "content_items",
            _("Không thể bỏ nội dung đã có nhiệm vụ; hãy chuyển các nhiệm vụ sang nội dung khác trước."),
        )
    removed.delete()


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
    validate_parties(kind, parties, start_year=start_year)
    _check_may_lead(actor, parties)
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
            start_year=program.start_year,
            existing_ids=frozenset(program.parties.values_list("organization_id", flat=True)),
        )
    if parties is not None:
        _check_may_lead(actor, parties)
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
    # Lock the program so two people signing for the same party at once cannot both succeed.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    already = _error("organization", _("%(org)s đã ký chương trình này.") % {"org": organization.name})
    if program.signatures.filter(organization=organization).exists():
        raise already
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                program=program,
                organization=organization,
                signer_name=signer_name.strip(),
                signer_position=signer_position.strip(),
                signed_on=signed_on,
                place=(place or "").strip(),
            )
    except IntegrityError:  # the unique constraint caught a concurrent signing
        raise already from None
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
