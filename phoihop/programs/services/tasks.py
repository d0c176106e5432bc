"""Tasks and each party's own part of them: creation, edits, progress reports, transitions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.programs import transitions
from phoihop.programs.models import (
    AnnualPlan,
    Channel,
    PartyRole,
    Phase,
    Program,
    ProgressReport,
    Task,
    TaskPart,
)
from phoihop.programs.services._common import _error, _fmt

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


def _still_exists(organization, today: dt.date) -> bool:
    return organization.valid_to is None or organization.valid_to >= today


def _validate_task(
    *,
    plan: AnnualPlan,
    lead,
    partners,
    start_date,
    due_date,
    content_item,
    title: str,
    phase: str = "",
    check_validity: bool = False,
) -> None:
    """The task rules. `check_validity`: a body that no longer exists cannot be given
    new work (records loaded by the system, e.g. history, are exempt)."""
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
    if program.status in (Program.Status.CONCLUDED, Program.Status.TERMINATED):
        errors["__all__"] = [_("Chương trình đã kết thúc, không thể thêm hoặc sửa nhiệm vụ.")]
    if check_validity:
        today = timezone.localdate()
        gone = [org.name for org in [lead, *partners] if org is not None and not _still_exists(org, today)]
        if gone:
            errors.setdefault("lead" if lead is not None and lead.name in gone else "partners", []).append(
                _("Đã hết hiệu lực, không thể nhận việc mới: %(names)s. Hãy giao cho cơ quan kế tục.")
                % {"names": ", ".join(gone)}
            )
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
        check_validity=actor is not None,
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
    current_partners = [
        p.organization for p in task.parts.select_related("organization") if p.role == PartyRole.PARTNER
    ]
    new_partners = _unique(partners) if partners is not None else current_partners
    reassigned = ("lead" in values and values["lead"] is not None and values["lead"].pk != task.lead_id) or {
        org.pk for org in new_partners
    } != {org.pk for org in current_partners}
    if reassigned and actor is not None and not permissions.may_reassign_task(actor, task):
        raise _error(
            "lead" if "lead" in values and values["lead"].pk != task.lead_id else "partners",
            _("Chỉ cơ quan chủ trì chương trình mới đổi được cơ quan chủ trì hoặc cơ quan phối hợp của nhiệm vụ."),
        )
    fields = [key for key in TASK_FIELDS if key in values]
    for key in fields:
        value = values[key]
        if key in ("title", "description", "responsible_people", "phase", "expected_product"):
            value = (value or "").strip() if key != "description" else value or ""
        setattr(task, key, value)
    _validate_task(
        plan=task.plan,
        lead=task.lead,
        partners=new_partners,
        start_date=task.start_date,
        due_date=task.due_date,
        content_item=task.content_item,
        title=task.title,
        phase=task.phase,
        check_validity=actor is not None,
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
            elif part.role == PartyRole.LEAD:
                # A former lead that reported keeps its part (the reports are history),
                # as a partner: a task has one lead.
                part.role = PartyRole.PARTNER
                part.save(update_fields=["role"])
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
    elif task.plan.status == AnnualPlan.Status.CLOSED:
        errors["__all__"] = [_("Kế hoạch đã kết thúc; không thể báo cáo tiến độ.")]
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
    if task.plan.status == AnnualPlan.Status.CLOSED:
        raise _error("action", _("Kế hoạch đã kết thúc; hãy mở lại kế hoạch trước."))
    if action == "reopen":
        # The parties may have changed since the task ended: it reopens only with a lead
        # and partners that are still parties of the programme.
        _validate_task(
            plan=task.plan,
            lead=task.lead,
            partners=[p.organization for p in task.parts.select_related("organization") if p.role == PartyRole.PARTNER],
            start_date=None,
            due_date=task.due_date,
            content_item=task.content_item,
            title=task.title,
            phase=task.phase,
            check_validity=actor is not None,
        )
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
