"""Every write to exemplary models ("Dân vận khéo"): nominate, edit, review, decide,
withdraw. One keyword-only function per action, one transaction, audited; views, API,
demo and tests call these.

The rules live here, for every caller:

* the owner (the nominating organisation) is one the actor edits for; title,
  description, field and year are required; the area is an administrative unit within
  the owner's area (its own unit or one below it); a programme, if given, is one the
  actor sees;
* a model describes a collective's practice: the title and the description are refused
  when they carry an obvious personal identifier (`claims.identity`: e-mail, phone
  number, identity-card number, profile link);
* evidence — tasks, documents, press items — only ones the actor may see;
* the nominator edits while nominated or under review, and withdraws (with the reason)
  before the decision; the deciding side (`permissions.may_decide_exemplary`) takes it
  under review and decides: commending needs the deciding organisation, the decision's
  reference (e.g. "Quyết định số 125-QĐ/TU") and its date, all three; not commending
  needs the reason;
* edits carry the version read; a stale one is refused (StaleVersionError), never merged.

`actor=None` is the system (demo, imports).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.claims import identity
from phoihop.core.concurrency import save_versioned
from phoihop.exemplary import transitions
from phoihop.exemplary.models import ExemplaryModel
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.programs.models import Program

TEXT_MAX = 10000
FACT_FIELDS = ("title", "description", "area", "field", "year", "program")
EVIDENCE_FIELDS = ("evidence_tasks", "evidence_documents", "evidence_press_items")


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _denied() -> PermissionDenied:
    return PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _within(area: AdministrativeUnit, owner: Organization) -> bool:
    unit_id = owner.administrative_unit_id
    if unit_id is None:
        return True  # the centre: anywhere
    return unit_id in (area.pk, area.parent_id, area.province_id)


def _clean_facts(actor, values: dict, *, owner: Organization | None, current_program_id=None) -> dict[str, list[str]]:
    """Normalise `values` in place (stripped texts); return the errors by field."""
    errors: dict[str, list[str]] = {}
    values["title"] = (values.get("title") or "").strip()
    values["description"] = (values.get("description") or "").strip()
    if not values["title"]:
        errors["title"] = [_("Hãy nhập tên mô hình, điển hình.")]
    elif len(values["title"]) > 500:
        errors["title"] = [_("Tối đa %(n)s ký tự.") % {"n": 500}]
    if not values["description"]:
        errors["description"] = [_("Hãy mô tả cách làm và kết quả nổi bật.")]
    elif len(values["description"]) > TEXT_MAX:
        errors["description"] = [_("Tối đa %(n)s ký tự.") % {"n": TEXT_MAX}]
    for name in ("title", "description"):
        if name not in errors:
            kinds = identity.personal_identifiers(values[name])
            if kinds:
                errors[name] = [
                    _(
                        "Có vẻ có thông tin cá nhân (%(kinds)s). Mô hình mô tả cách làm của một tập thể — "
                        "không ghi số điện thoại, thư điện tử, giấy tờ hay tài khoản của người dân."
                    )
                    % {"kinds": ", ".join(kinds)}
                ]
    if values.get("field") not in ExemplaryModel.Field.values:
        errors["field"] = [_("Hãy chọn lĩnh vực.")]
    year = values.get("year")
    this_year = timezone.localdate().year
    if not year:
        errors["year"] = [_("Hãy nhập năm.")]
    elif not (2000 <= year <= this_year + 1):
        errors["year"] = [_("Năm phải từ 2000 đến %(y)s.") % {"y": this_year + 1}]
    area = values.get("area")
    if area is not None and owner is not None and not _within(area, owner):
        errors["area"] = [_("Địa bàn phải thuộc địa bàn của cơ quan đề nghị.")]
    program = values.get("program")
    if (
        program is not None
        and actor is not None
        and program.pk != current_program_id
        and not permissions.can(actor, Action.VIEW, program)
    ):
        errors["program"] = [_("Không tìm thấy: %(id)s.") % {"id": program.pk}]
    return errors


def _clean_evidence(actor, evidence: dict) -> dict[str, list[str]]:
    """Every piece of evidence must be one the actor may see."""
    errors: dict[str, list[str]] = {}
    checks = (
        ("evidence_tasks", permissions.visible_tasks),
        ("evidence_documents", permissions.visible_documents),
        ("evidence_press_items", permissions.visible_press_items),
    )
    for name, visible in checks:
        objects = list(dict.fromkeys(evidence.get(name) or ()))
        evidence[name] = objects
        if actor is None or not objects:
            continue
        seen = set(visible(actor).filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True))
        missing = [str(o.pk) for o in objects if o.pk not in seen]
        if missing:
            errors[name] = [_("Không tìm thấy: %(ids)s.") % {"ids": ", ".join(missing)}]
    return errors


def exemplary_nominate(
    *,
    actor,
    owner: Organization | None,
    title: str,
    description: str,
    field: str,
    year: int | None,
    area: AdministrativeUnit | None = None,
    program: Program | None = None,
    evidence_tasks=(),
    evidence_documents=(),
    evidence_press_items=(),
) -> ExemplaryModel:
    """Nominate a model for the organisation `owner` (status: nominated)."""
    values = {"title": title, "description": description, "field": field, "year": year, "area": area}
    values["program"] = program
    evidence = {
        "evidence_tasks": evidence_tasks,
        "evidence_documents": evidence_documents,
        "evidence_press_items": evidence_press_items,
    }
    errors = _clean_facts(actor, values, owner=owner) | _clean_evidence(actor, evidence)
    if owner is None:
        errors["owner"] = [_("Hãy chọn cơ quan đề nghị.")]
    elif actor is not None:
        who = permissions.principal(actor)
        if not (who.is_admin or owner.pk in who.editor_organization_ids):
            errors["owner"] = [_("Chỉ lãnh đạo, chuyên viên của cơ quan mới đề nghị cho cơ quan.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        model = ExemplaryModel(
            owner=owner,
            created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        model.save()
        for name, objects in evidence.items():
            getattr(model, name).set(objects)
        audit.record_create(actor=actor, target=model)
    return model


def exemplary_update(*, actor, exemplary_model: ExemplaryModel, expected_version: int, **values) -> ExemplaryModel:
    """Change the facts and the evidence (only the fields given), while nominated or under review."""
    if actor is not None and not permissions.can(actor, Action.CHANGE, exemplary_model):
        raise _denied()
    unknown = set(values) - set(FACT_FIELDS) - set(EVIDENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if exemplary_model.status not in transitions.EDITABLE:
        raise _error(
            "__all__",
            _("Không thể sửa khi đang ở trạng thái “%(status)s”.") % {"status": exemplary_model.get_status_display()},
        )
    merged = {name: values.get(name, getattr(exemplary_model, name)) for name in FACT_FIELDS}
    evidence = {name: values[name] for name in EVIDENCE_FIELDS if name in values}
    errors = _clean_facts(
        actor, merged, owner=exemplary_model.owner, current_program_id=exemplary_model.program_id
    ) | _clean_evidence(actor, evidence)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(exemplary_model)
    fields = [name for name in values if name in FACT_FIELDS]
    for name in fields:
        setattr(exemplary_model, name, merged[name])
    with transaction.atomic():
        save_versioned(exemplary_model, expected_version=expected_version, fields=fields)
        for name in evidence:
            getattr(exemplary_model, name).set(evidence[name])
        audit.record_update(actor=actor, target=exemplary_model, before=before)
    return exemplary_model


def exemplary_transition(
    *,
    actor,
    exemplary_model: ExemplaryModel,
    action: str,
    expected_version: int,
    reason: str = "",
    decided_by: Organization | None = None,
    decision_ref: str = "",
    decided_on: dt.date | None = None,
    review_note: str | None = None,
) -> ExemplaryModel:
    """Move the model through `transitions.EXEMPLARY`: the deciding side reviews and
    decides (commend: with the decision), the nominator withdraws."""
    if actor is not None:
        if not permissions.can(actor, Action.VIEW, exemplary_model):
            raise _denied()
        if action in transitions.NOMINATOR_ACTIONS and not permissions.can(actor, Action.CHANGE, exemplary_model):
            raise PermissionDenied(_("Chỉ cơ quan đề nghị mới rút đề nghị."))
        if action in transitions.DECIDER_ACTIONS and not permissions.may_decide_exemplary(actor, exemplary_model):
            raise PermissionDenied(
                _("Chỉ cấp ủy, ban tuyên giáo và dân vận cấp trên của cơ quan đề nghị mới xét, quyết định.")
            )
    transition = transitions.check(
        transitions.EXEMPLARY, action, exemplary_model.status, exemplary_model.get_status_display(), reason
    )
    tracked = ["status", "status_reason"]
    before = audit.snapshot(exemplary_model, [*tracked, "review_note", "decided_by", "decision_ref", "decided_on"])
    if action in ("commend", "not_commend"):
        errors: dict[str, list[str]] = {}
        decision_ref = (decision_ref or "").strip()
        allowed = (
            {org.pk for org in permissions.deciding_organizations(actor, exemplary_model)}
            if actor is not None
            else None
        )
        if decided_by is None:
            if action == "commend":
                errors["decided_by"] = [_("Hãy chọn cơ quan quyết định.")]
        elif allowed is not None and decided_by.pk not in allowed:
            if permissions.visible_organizations(actor).filter(pk=decided_by.pk).exists():
                errors["decided_by"] = [_("Bạn không quyết định thay cho %(org)s.") % {"org": decided_by.name}]
            else:  # as an unknown id: no name, no leak
                errors["decided_by"] = [_("Không tìm thấy: %(id)s.") % {"id": decided_by.pk}]
        if action == "commend":
            if not decision_ref:
                errors["decision_ref"] = [_("Hãy nhập số quyết định, ví dụ: Quyết định số 125-QĐ/TU.")]
            elif len(decision_ref) > 255:
                errors["decision_ref"] = [_("Tối đa %(n)s ký tự.") % {"n": 255}]
            if decided_on is None:
                errors["decided_on"] = [_("Hãy nhập ngày quyết định.")]
            elif decided_on > timezone.localdate():
                errors["decided_on"] = [_("Ngày quyết định không thể ở tương lai.")]
        if errors:
            raise ValidationError(errors)  # nothing changed on the instance yet
        exemplary_model.decided_by = decided_by
        exemplary_model.decision_ref = decision_ref
        exemplary_model.decided_on = decided_on if action == "commend" else (decided_on or timezone.localdate())
        tracked += ["decided_by", "decision_ref", "decided_on"]
    if review_note is not None:
        exemplary_model.review_note = review_note.strip()
        tracked.append("review_note")
    exemplary_model.status = transition.target
    exemplary_model.status_reason = (reason or "").strip()
    with transaction.atomic():
        save_versioned(exemplary_model, expected_version=expected_version, fields=tracked)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event=f"exemplary_{action}",
            target=exemplary_model,
            changes=audit.diff(
                {k: v for k, v in before.items() if k in tracked}, audit.snapshot(exemplary_model, tracked)
            ),
            message=str(transition.label)
            + (f": {exemplary_model.decision_ref}" if action == "commend" else "")
            + (f": {exemplary_model.status_reason}" if exemplary_model.status_reason else ""),
        )
    return exemplary_model
