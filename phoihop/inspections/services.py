"""Every write to inspections: create and edit an inspection, move it through its
statuses, record its conclusions, draw up each conclusion's remediation plan (tasks).
One keyword-only function per action, one transaction, audited; views, API, demo and
tests call these.

The rules live here, for every caller:

* the owner (the inspecting organisation) is one the actor edits for; the inspected
  organisation is another one; the title and the start date are required, the end date
  not before the start; a programme, if given, is one the actor sees;
* the status changes only by `transitions.INSPECTION`; closing needs every conclusion
  remedied (the message says how many are not);
* conclusions are added while the inspection is in progress or concluded, numbered
  1, 2, 3… (a number given twice is refused);
* a remediation task is created through `programs.services.task_create` in this year's
  annual plan of the inspection's programme (lead: the inspected organisation unless
  another party is chosen; task_create refuses a lead that is no party) and linked to the
  conclusion; no programme or no plan for the year is refused with a message;
* edits carry the version read; a stale one is refused (StaleVersionError), never merged.

`actor=None` is the system (demo, imports).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.inspections import selectors, transitions
from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.organisations.models import Organization
from phoihop.programs import services as program_services
from phoihop.programs.models import AnnualPlan, Program, Task

TEXT_MAX = 10000
FACT_FIELDS = (
    "inspected",
    "program",
    "title",
    "decision_ref",
    "scope",
    "started_on",
    "ended_on",
    "concluded_on",
    "conclusion_ref",
    "summary",
)


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _may_change(actor, inspection: Inspection) -> None:
    if actor is not None and not permissions.can(actor, Action.CHANGE, inspection):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _event(inspection: Inspection, *, actor, event: str, message: str, changes=None) -> None:
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=event,
        target=inspection,
        changes=changes or {},
        message=message,
    )


# --- facts ----------------------------------------------------------------------------------


def _clean_facts(actor, values: dict, *, owner_id: int | None) -> dict[str, list[str]]:
    """Normalise `values` in place (stripped texts); return the errors by field."""
    errors: dict[str, list[str]] = {}
    for name in ("title", "decision_ref", "scope", "conclusion_ref", "summary"):
        values[name] = (values.get(name) or "").strip()
    if not values["title"]:
        errors["title"] = [_("Hãy nhập tên cuộc kiểm tra.")]
    for name, limit in (("title", 500), ("decision_ref", 255), ("conclusion_ref", 255)):
        if len(values[name]) > limit and name not in errors:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": limit}]
    for name in ("scope", "summary"):
        if len(values[name]) > TEXT_MAX:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": TEXT_MAX}]
    inspected = values.get("inspected")
    if inspected is None:
        errors["inspected"] = [_("Hãy chọn cơ quan được kiểm tra.")]
    elif owner_id is not None and inspected.pk == owner_id:
        errors["inspected"] = [_("Cơ quan được kiểm tra phải khác cơ quan kiểm tra.")]
    elif actor is not None and not permissions.visible_organizations(actor).filter(pk=inspected.pk).exists():
        errors["inspected"] = [_("Không tìm thấy: %(id)s.") % {"id": inspected.pk}]  # as unknown: no name, no leak
    started_on, ended_on, concluded_on = values.get("started_on"), values.get("ended_on"), values.get("concluded_on")
    if started_on is None:
        errors["started_on"] = [_("Hãy nhập ngày bắt đầu.")]
    else:
        if ended_on is not None and ended_on < started_on:
            errors["ended_on"] = [_("Ngày kết thúc không thể trước ngày bắt đầu.")]
        if concluded_on is not None and concluded_on < started_on:
            errors["concluded_on"] = [_("Ngày kết luận không thể trước ngày bắt đầu.")]
    program = values.get("program")
    if program is not None and actor is not None and not permissions.can(actor, Action.VIEW, program):
        errors["program"] = [_("Không tìm thấy: %(id)s.") % {"id": program.pk}]
    return errors


def inspection_create(
    *,
    actor,
    owner: Organization | None,
    inspected: Organization | None,
    title: str,
    started_on: dt.date | None,
    program: Program | None = None,
    decision_ref: str = "",
    scope: str = "",
    ended_on: dt.date | None = None,
    summary: str = "",
) -> Inspection:
    """Record an inspection by `owner` of `inspected` (status: planned)."""
    values = {
        "inspected": inspected,
        "program": program,
        "title": title,
        "decision_ref": decision_ref,
        "scope": scope,
        "started_on": started_on,
        "ended_on": ended_on,
        "summary": summary,
    }
    errors = _clean_facts(actor, values, owner_id=owner.pk if owner else None)
    if owner is None:
        errors["owner"] = [_("Hãy chọn cơ quan kiểm tra.")]
    elif actor is not None:
        who = permissions.principal(actor)
        if not (who.is_admin or owner.pk in who.editor_organization_ids):
            errors["owner"] = [_("Chỉ lãnh đạo, chuyên viên của cơ quan mới lập cuộc kiểm tra cho cơ quan.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspection = Inspection(
            owner=owner,
            created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        inspection.save()
        audit.record_create(actor=actor, target=inspection)
    return inspection


def inspection_update(*, actor, inspection: Inspection, expected_version: int, **values) -> Inspection:
    """Change the facts (only the fields given among FACT_FIELDS); not once closed."""
    _may_change(actor, inspection)
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if inspection.status == Inspection.Status.CLOSED:
        raise _error("__all__", _("Cuộc kiểm tra đã khắc phục xong; hãy mở lại trước khi sửa."))
    merged = {name: values.get(name, getattr(inspection, name)) for name in FACT_FIELDS}
    errors = _clean_facts(actor, merged, owner_id=inspection.owner_id)
    if "program" in errors and merged["program"] is not None and merged["program"].pk == inspection.program_id:
        del errors["program"]  # kept as it was
    if "inspected" in errors and merged["inspected"] is not None and merged["inspected"].pk == inspection.inspected_id:
        del errors["inspected"]  # kept as it was
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(inspection)
    fields = list(values)
    for name in fields:
        setattr(inspection, name, merged[name])
    with transaction.atomic():
        save_versioned(inspection, expected_version=expected_version, fields=fields)
        audit.record_update(actor=actor, target=inspection, before=before)
    return inspection


# --- status -----------------------------------------------------------------------------------


def inspection_transition(
    *, actor, inspection: Inspection, action: str, expected_version: int, reason: str = ""
) -> Inspection:
    """Move the inspection through `transitions.INSPECTION`."""
    _may_change(actor, inspection)
    transition = transitions.check(
        transitions.INSPECTION, action, inspection.status, inspection.get_status_display(), reason
    )
    tracked = ["status", "status_reason"]
    if action == "close":
        remedied, total = selectors.remediation_progress([inspection.pk]).get(inspection.pk, (0, 0))
        if remedied < total:
            raise _error(
                "action",
                _("Còn %(n)s/%(total)s kết luận chưa khắc phục xong; chưa thể xác nhận đã khắc phục.")
                % {"n": total - remedied, "total": total},
            )
    if action == "conclude" and inspection.concluded_on is None:
        inspection.concluded_on = timezone.localdate()
        tracked.append("concluded_on")
    before = audit.snapshot(inspection, tracked)
    inspection.status = transition.target
    inspection.status_reason = (reason or "").strip()
    with transaction.atomic():
        save_versioned(inspection, expected_version=expected_version, fields=tracked)
        _event(
            inspection,
            actor=actor,
            event=f"inspection_{action}",
            changes=audit.diff(before, audit.snapshot(inspection, tracked)),
            message=str(transition.label) + (f": {inspection.status_reason}" if inspection.status_reason else ""),
        )
    return inspection


# --- conclusions ------------------------------------------------------------------------------


def _clean_conclusion(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    values["text"] = (values.get("text") or "").strip()
    values["requirement"] = (values.get("requirement") or "").strip()
    if not values["text"]:
        errors["text"] = [_("Hãy nhập hạn chế, tồn tại đã phát hiện.")]
    for name in ("text", "requirement"):
        if len(values[name]) > TEXT_MAX:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": TEXT_MAX}]
    return errors


def conclusion_add(
    *,
    actor,
    inspection: Inspection,
    text: str,
    requirement: str = "",
    remediation_due: dt.date | None = None,
    number: int | None = None,
) -> InspectionConclusion:
    """Add a conclusion (the next number unless one is given)."""
    _may_change(actor, inspection)
    if inspection.status not in transitions.CONCLUSIONS_OPEN:
        raise _error(
            "__all__",
            _("Chỉ ghi kết luận khi cuộc kiểm tra đang tiến hành hoặc đã kết luận (hiện: “%(status)s”).")
            % {"status": inspection.get_status_display()},
        )
    values = {"text": text, "requirement": requirement}
    errors = _clean_conclusion(values)
    if remediation_due is not None and remediation_due < inspection.started_on:
        errors["remediation_due"] = [_("Hạn khắc phục không thể trước ngày bắt đầu kiểm tra.")]
    if number is not None and (number < 1 or inspection.conclusions.filter(number=number).exists()):
        errors["number"] = [_("Thứ tự %(n)s đã có hoặc không hợp lệ.") % {"n": number}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Inspection.objects.select_for_update().filter(pk=inspection.pk).first()  # numbers one at a time
        if number is None:
            number = (inspection.conclusions.aggregate(n=Max("number"))["n"] or 0) + 1
        conclusion = InspectionConclusion.objects.create(
            inspection=inspection, number=number, remediation_due=remediation_due, **values
        )
        _event(
            inspection,
            actor=actor,
            event="inspection_conclusion_added",
            message=_("Kết luận %(n)s: %(text)s") % {"n": number, "text": values["text"][:200]},
        )
    return conclusion


def conclusion_update(
    *, actor, conclusion: InspectionConclusion, text: str, requirement: str = "", remediation_due=None
) -> InspectionConclusion:
    """Correct a conclusion's text, requirement or due date (not once the inspection is closed)."""
    inspection = conclusion.inspection
    _may_change(actor, inspection)
    if inspection.status == Inspection.Status.CLOSED:
        raise _error("__all__", _("Cuộc kiểm tra đã khắc phục xong; hãy mở lại trước khi sửa."))
    values = {"text": text, "requirement": requirement}
    errors = _clean_conclusion(values)
    if remediation_due is not None and remediation_due < inspection.started_on:
        errors["remediation_due"] = [_("Hạn khắc phục không thể trước ngày bắt đầu kiểm tra.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(conclusion, ["text", "requirement", "remediation_due"])
    conclusion.text, conclusion.requirement = values["text"], values["requirement"]
    conclusion.remediation_due = remediation_due
    with transaction.atomic():
        conclusion.save(update_fields=["text", "requirement", "remediation_due", "updated_at"])
        _event(
            inspection,
            actor=actor,
            event="inspection_conclusion_changed",
            changes=audit.diff(before, audit.snapshot(conclusion, ["text", "requirement", "remediation_due"])),
            message=_("Sửa kết luận %(n)s.") % {"n": conclusion.number},
        )
    return conclusion


# --- the remediation plan -----------------------------------------------------------------------


def remediation_plan(inspection: Inspection) -> AnnualPlan | None:
    """This year's annual plan of the inspection's programme (None without one)."""
    if inspection.program_id is None:
        return None
    return AnnualPlan.objects.filter(program_id=inspection.program_id, year=timezone.localdate().year).first()


def remediation_task_create(
    *,
    actor,
    conclusion: InspectionConclusion,
    title: str,
    due_date: dt.date | None,
    lead: Organization | None = None,
    partners=(),
    description: str = "",
) -> Task:
    """A remediation task of the conclusion, in this year's plan of the programme."""
    inspection = conclusion.inspection
    if actor is not None and not permissions.may_plan_remediation(actor, inspection):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if inspection.status not in transitions.CONCLUSIONS_OPEN:
        raise _error(
            "__all__",
            _("Chỉ lập nhiệm vụ khắc phục khi cuộc kiểm tra đang tiến hành hoặc đã kết luận (hiện: “%(status)s”).")
            % {"status": inspection.get_status_display()},
        )
    if inspection.program_id is None:
        raise _error(
            "__all__",
            _("Cuộc kiểm tra chưa gắn với chương trình phối hợp; hãy chọn chương trình ở trang sửa cuộc kiểm tra."),
        )
    plan = remediation_plan(inspection)
    if plan is None:
        raise _error(
            "__all__",
            _("Chương trình “%(program)s” chưa có kế hoạch năm %(year)s; hãy lập kế hoạch năm trước.")
            % {"program": inspection.program.title, "year": timezone.localdate().year},
        )
    if actor is not None and not permissions.can(actor, Action.CHANGE, plan):
        # the plan is the programme's: an inspector who only reads it (an upper level, a
        # partner) does not add tasks to it
        raise PermissionDenied(_("Chỉ cơ quan chủ trì chương trình mới giao nhiệm vụ trong kế hoạch năm."))
    with transaction.atomic():
        task = program_services.task_create(
            actor=actor,
            plan=plan,
            title=title or "",
            lead=lead if lead is not None else inspection.inspected,
            due_date=due_date,
            partners=list(partners),
            description=description
            or _("Khắc phục kết luận %(n)s của cuộc kiểm tra “%(title)s”.")
            % {"n": conclusion.number, "title": inspection.title},
        )
        conclusion.tasks.add(task)
        _event(
            inspection,
            actor=actor,
            event="inspection_remediation_task",
            message=_("Kết luận %(n)s — nhiệm vụ khắc phục: %(task)s") % {"n": conclusion.number, "task": task.title},
        )
    return task
