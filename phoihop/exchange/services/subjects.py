"""Subjects: registration, edits, key dates, transitions and rescheduling."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.exchange import transitions
from phoihop.exchange.models import Level3, PlanActivity, Subject, SubjectKeyDate, SubjectKind
from phoihop.exchange.services import notices
from phoihop.exchange.services._common import _denied, _error, _fmt, _text
from phoihop.programs import services as program_services
from phoihop.programs.models import Phase, Program, Task

OPEN_PROGRAM_STATUSES = (Program.Status.SIGNED, Program.Status.IN_FORCE)


@dataclass(frozen=True)
class KeyDateInput:
    """One key date as typed: `id` names an existing one (kept, relabelled), None a new one."""

    label: str
    date: dt.date | None
    id: int | None = None


def _key_date_text(key_date) -> str:
    return f"{key_date.label}: {_fmt(key_date.date)}"


def subject_snapshot(subject: Subject) -> dict:
    """The readable state of a subject for the audit log, key dates included."""
    return {**audit.snapshot(subject), "key_dates": [_key_date_text(k) for k in subject.key_dates.all()]}


# --- validation ----------------------------------------------------------------------


def _validate_subject(
    *, program: Program, owner, year, kind, title, start_date, end_date, sensitivity, key_dates
) -> None:
    errors: dict[str, list[str]] = {}
    if not _text(title):
        errors["title"] = [_("Hãy nhập tên vấn đề.")]
    if kind not in SubjectKind.values:
        errors["kind"] = [_("Hãy chọn loại vấn đề.")]
    if sensitivity not in Level3.values:
        errors["sensitivity"] = [_("Mức độ nhạy cảm không hợp lệ.")]
    if program.status not in OPEN_PROGRAM_STATUSES:
        errors["program"] = [_("Chỉ đăng ký vấn đề trong chương trình đã ký kết, đang thực hiện.")]
    party_ids = {party.organization_id for party in program.parties.all()}
    if owner is None:
        errors["owner"] = [_("Hãy chọn cơ quan đăng ký.")]
    elif owner.pk not in party_ids:
        errors["owner"] = [
            _("%(org)s không phải là một bên của chương trình nên không thể đăng ký vấn đề.") % {"org": owner.name}
        ]
    if year is None or not program.start_year <= year <= program.end_year:
        errors["year"] = [_("Năm phải nằm trong thời gian của chương trình (%(period)s).") % {"period": program.period}]
    if start_date is None:
        errors["start_date"] = [_("Hãy nhập ngày bắt đầu.")]
    if end_date is None:
        errors["end_date"] = [_("Hãy nhập ngày kết thúc.")]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("Ngày kết thúc không thể trước ngày bắt đầu.")]
    for name, day in (("start_date", start_date), ("end_date", end_date)):
        if day and name not in errors and not program.start_year <= day.year <= program.end_year:
            errors[name] = [
                _("Ngày %(date)s nằm ngoài thời gian của chương trình (%(period)s).")
                % {"date": _fmt(day), "period": program.period}
            ]
    key_errors = []
    for item in key_dates:
        if not _text(item.label):
            key_errors.append(_("Mỗi mốc cần có tên, ví dụ “Ngày xét xử”."))
        elif item.date is None:
            key_errors.append(_("Mốc “%(label)s” chưa có ngày.") % {"label": item.label})
        elif start_date and end_date and not start_date <= item.date <= end_date:
            key_errors.append(
                _("Mốc “%(label)s” (%(date)s) nằm ngoài thời gian của vấn đề (%(start)s – %(end)s).")
                % {"label": item.label, "date": _fmt(item.date), "start": _fmt(start_date), "end": _fmt(end_date)}
            )
    if key_errors:
        errors["key_dates"] = key_errors
    if errors:
        raise ValidationError(errors)


def activity_date_error(subject: Subject, phase: str, due: dt.date) -> str | None:
    """Why an activity of `phase` may not fall on `due`, or None. Before and during: within
    the subject's start..end; after: up to AFTER_GRACE_DAYS after the end."""
    latest = subject.latest_allowed(phase)
    if subject.start_date <= due <= latest:
        return None
    if phase == Phase.AFTER:
        return _(
            "Ngày %(date)s nằm ngoài thời gian của vấn đề (%(start)s – %(end)s; hoạt động sau được đến %(latest)s)."
        ) % {
            "date": _fmt(due),
            "start": _fmt(subject.start_date),
            "end": _fmt(subject.end_date),
            "latest": _fmt(latest),
        }
    return _("Ngày %(date)s nằm ngoài thời gian của vấn đề (%(start)s – %(end)s).") % {
        "date": _fmt(due),
        "start": _fmt(subject.start_date),
        "end": _fmt(subject.end_date),
    }


def _check_activities_fit(subject: Subject, new_dates: dict[int, dt.date] | None = None) -> None:
    """Every plan activity still falls within the (possibly changed) timeline; `new_dates`
    gives key dates about to move ({key date id: date})."""
    new_dates = new_dates or {}
    problems = []
    for activity in PlanActivity.objects.filter(plan__subject=subject).select_related("key_date"):
        base = new_dates.get(activity.key_date_id, activity.key_date.date)
        due = base + dt.timedelta(days=activity.offset_days)
        message = activity_date_error(subject, activity.phase, due)
        if message:
            problems.append(_("Hoạt động “%(title)s”: %(message)s") % {"title": activity.title, "message": message})
    if problems:
        raise ValidationError({"__all__": problems})


# --- create and edit -----------------------------------------------------------------


@transaction.atomic
def subject_create(
    *,
    actor,
    program: Program,
    owner,
    year: int,
    kind: str,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    summary: str = "",
    sensitivity: str = Level3.MEDIUM,
    key_dates=(),
) -> Subject:
    """A draft subject of `owner` under `program`; registering it is a transition."""
    key_dates = [item for item in key_dates if _text(item.label) or item.date]
    _validate_subject(
        program=program,
        owner=owner,
        year=year,
        kind=kind,
        title=title,
        start_date=start_date,
        end_date=end_date,
        sensitivity=sensitivity,
        key_dates=key_dates,
    )
    if actor is not None and not permissions.may_register_for(actor, owner):
        raise _error("owner", _("Bạn chỉ đăng ký được vấn đề của cơ quan mình làm việc."))
    subject = Subject.objects.create(
        program=program,
        owner=owner,
        year=year,
        kind=kind,
        title=_text(title),
        summary=summary or "",
        start_date=start_date,
        end_date=end_date,
        sensitivity=sensitivity,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    SubjectKeyDate.objects.bulk_create(
        SubjectKeyDate(subject=subject, label=_text(item.label), date=item.date) for item in key_dates
    )
    audit.record(
        actor=actor, action=AuditEntry.Action.CREATE, target=subject, changes=audit.diff({}, subject_snapshot(subject))
    )
    return subject


SUBJECT_FIELDS = ("year", "kind", "title", "summary", "start_date", "end_date", "sensitivity")


@transaction.atomic
def subject_update(*, actor, subject: Subject, expected_version: int, key_dates=None, **values) -> Subject:
    """Edit an open subject. `key_dates` (if given) is the whole list: ids keep theirs,
    new rows are added, missing ones removed. A key date the plan uses cannot be removed,
    nor its date changed once its tasks exist — moving it is `subject_move_key_date`."""
    if not subject.is_open:
        raise _error("__all__", _("Vấn đề đã kết thúc hoặc đã hủy, không thể sửa."))
    before = subject_snapshot(subject)
    fields = [key for key in SUBJECT_FIELDS if key in values]
    for key in fields:
        value = values[key]
        if key == "title":
            value = _text(value)
        elif key == "summary":
            value = value or ""
        setattr(subject, key, value)
    existing = {item.pk: item for item in subject.key_dates.all()}
    items = None
    if key_dates is not None:
        items = [item for item in key_dates if _text(item.label) or item.date]
        unknown = [item.id for item in items if item.id is not None and item.id not in existing]
        if unknown:
            raise _error("key_dates", _("Không tìm thấy mốc có mã: %(ids)s.") % {"ids": ", ".join(map(str, unknown))})
    _validate_subject(
        program=subject.program,
        owner=subject.owner,
        year=subject.year,
        kind=subject.kind,
        title=subject.title,
        start_date=subject.start_date,
        end_date=subject.end_date,
        sensitivity=subject.sensitivity,
        key_dates=items if items is not None else list(existing.values()),
    )
    plan = subject.communication_plan if _has_plan(subject) else None
    if "year" in fields and plan is not None and plan.annual_plan_id and before["year"] != subject.year:
        raise _error("year", _("Kế hoạch tuyên truyền đã giao nhiệm vụ theo năm cũ; không thể đổi năm."))
    new_dates: dict[int, dt.date] = {}
    if items is not None:
        kept = {item.id for item in items if item.id is not None}
        used = set(PlanActivity.objects.filter(plan__subject=subject).values_list("key_date_id", flat=True))
        with_tasks = set(
            PlanActivity.objects.filter(plan__subject=subject, task__isnull=False).values_list("key_date_id", flat=True)
        )
        for pk, key_date in existing.items():
            if pk not in kept and pk in used:
                raise _error(
                    "key_dates",
                    _("Mốc “%(label)s” đang được kế hoạch tuyên truyền dùng; không thể bỏ.")
                    % {"label": key_date.label},
                )
        for item in items:
            if item.id is not None and existing[item.id].date != item.date:
                if item.id in with_tasks:
                    raise _error(
                        "key_dates",
                        _(
                            "Mốc “%(label)s” đã có nhiệm vụ theo kế hoạch tuyên truyền: hãy dùng “Dời mốc” để dời cả "
                            "hạn các nhiệm vụ."
                        )
                        % {"label": existing[item.id].label},
                    )
                new_dates[item.id] = item.date
    _check_activities_fit(subject, new_dates)
    save_versioned(subject, expected_version=expected_version, fields=fields)
    if items is not None:
        kept = {item.id for item in items if item.id is not None}
        subject.key_dates.exclude(pk__in=kept).delete()
        for item in items:
            if item.id is None:
                SubjectKeyDate.objects.create(subject=subject, label=_text(item.label), date=item.date)
            else:
                key_date = existing[item.id]
                if (key_date.label, key_date.date) != (_text(item.label), item.date):
                    key_date.label, key_date.date = _text(item.label), item.date
                    key_date.save(update_fields=["label", "date"])
    if hasattr(subject, "_prefetched_objects_cache"):
        subject._prefetched_objects_cache.pop("key_dates", None)
    changes = audit.diff(before, subject_snapshot(subject))
    if changes:
        audit.record(actor=actor, action=AuditEntry.Action.UPDATE, target=subject, changes=changes)
    return subject


def _has_plan(subject: Subject) -> bool:
    try:
        return subject.communication_plan is not None
    except Subject.communication_plan.RelatedObjectDoesNotExist:
        return False


# --- transitions ---------------------------------------------------------------------


def move_subject(*, actor, subject: Subject, action: str, reason: str = "", expected_version: int | None = None):
    """Apply one transition of the SUBJECT table and record it (no permission check: the
    callers check who may). `expected_version` None: the subject as just read."""
    transition = transitions.check(transitions.SUBJECT, action, subject.status, subject.get_status_display(), reason)
    watched = ["status", "status_reason", "registered_at", "acknowledged_at", "acknowledged_by"]
    before = audit.snapshot(subject, watched)
    subject.status = transition.target
    subject.status_reason = _text(reason)
    fields = ["status", "status_reason"]
    if action == "register":
        subject.registered_at = timezone.now()
        fields.append("registered_at")
    elif action == "acknowledge":
        subject.acknowledged_at = timezone.now()
        subject.acknowledged_by = actor if getattr(actor, "is_authenticated", False) else None
        fields += ["acknowledged_at", "acknowledged_by"]
    save_versioned(
        subject, expected_version=subject.version if expected_version is None else expected_version, fields=fields
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"subject_{action}",
        target=subject,
        changes=audit.diff(before, audit.snapshot(subject, watched)),
        message=str(transition.label) + (f": {subject.status_reason}" if subject.status_reason else ""),
    )
    return subject


@transaction.atomic
def subject_transition(*, actor, subject: Subject, action: str, expected_version: int, reason: str = "") -> Subject:
    """The transitions people make: register (the owner), acknowledge and close (the
    department), cancel (either, with a reason)."""
    if action not in transitions.MANUAL_SUBJECT_ACTIONS:
        raise _error("action", _("Thao tác không hợp lệ."))
    if actor is not None and not permissions.may_transition_subject(actor, subject, action):
        if action == "register":
            raise _denied(_("Chỉ cơ quan đăng ký vấn đề mới gửi đăng ký được."))
        if action == "acknowledge":
            raise _denied(_("Chỉ Ban Tuyên giáo (bên chủ trì chương trình) mới tiếp nhận được vấn đề."))
        raise _denied()
    move_subject(actor=actor, subject=subject, action=action, reason=reason, expected_version=expected_version)
    # "register" → the department's editors; "acknowledge", "close" → the owner's editors;
    # "cancel" → the other side's editors.
    notices.subject_moved(actor=actor, subject=subject, action=action)
    return subject


# --- rescheduling --------------------------------------------------------------------


@dataclass
class Rescheduled:
    key_date: SubjectKeyDate
    old_date: dt.date
    moved: list[Task] = field(default_factory=list)  # open tasks whose due date moved
    kept: list[Task] = field(default_factory=list)  # done or cancelled tasks, left as they were


@transaction.atomic
def subject_move_key_date(
    *, actor, key_date: SubjectKeyDate, new_date: dt.date, expected_version: int, reason: str
) -> Rescheduled:
    """Move one key date of a subject (`expected_version`: the subject's). The activities
    dated from it follow; their tasks that are still open move through the programmes'
    `task_update` (with its rules and version check); done and cancelled tasks keep their
    dates. The task's and the subject's histories record old → new and the reason."""
    subject = key_date.subject
    if not subject.is_open:
        raise _error("__all__", _("Vấn đề đã kết thúc hoặc đã hủy, không thể dời mốc."))
    if actor is not None and not permissions.may_transition_subject(actor, subject, "move_key_date"):
        raise _denied()
    errors: dict[str, list[str]] = {}
    if new_date is None:
        errors["new_date"] = [_("Hãy nhập ngày mới.")]
    elif not subject.start_date <= new_date <= subject.end_date:
        errors["new_date"] = [
            _("Ngày mới nằm ngoài thời gian của vấn đề (%(start)s – %(end)s); hãy sửa thời gian của vấn đề trước.")
            % {"start": _fmt(subject.start_date), "end": _fmt(subject.end_date)}
        ]
    elif new_date == key_date.date:
        errors["new_date"] = [_("Ngày mới trùng ngày hiện tại của mốc.")]
    if not _text(reason):
        errors["reason"] = [_("Hãy nêu lý do dời mốc.")]
    if errors:
        raise ValidationError(errors)
    _check_activities_fit(subject, {key_date.pk: new_date})
    old_date = key_date.date
    save_versioned(subject, expected_version=expected_version, fields=[])
    key_date.date = new_date
    key_date.save(update_fields=["date"])
    result = Rescheduled(key_date=key_date, old_date=old_date)
    activities = (
        PlanActivity.objects.filter(key_date=key_date, task__isnull=False)
        .select_related("task", "task__plan", "task__plan__program", "task__lead", "task__content_item")
        .order_by("position", "id")
    )
    for activity in activities:
        task = activity.task
        if task.status != Task.Status.OPEN:
            result.kept.append(task)
            continue
        old_due, new_due = task.due_date, new_date + dt.timedelta(days=activity.offset_days)
        program_services.task_update(actor=actor, task=task, expected_version=task.version, due_date=new_due)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="task_rescheduled",
            target=task,
            changes={"due_date": [_fmt(old_due), _fmt(new_due)]},
            message=_("Dời hạn theo mốc “%(label)s” của vấn đề “%(subject)s”: %(reason)s")
            % {"label": key_date.label, "subject": subject.title, "reason": _text(reason)},
        )
        result.moved.append(task)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="key_date_moved",
        target=subject,
        changes={"key_dates": [f"{key_date.label}: {_fmt(old_date)}", f"{key_date.label}: {_fmt(new_date)}"]},
        message=_(
            "Dời mốc “%(label)s” từ %(old)s sang %(new)s: %(reason)s. Dời hạn %(moved)s nhiệm vụ đang thực hiện; "
            "giữ nguyên %(kept)s nhiệm vụ đã hoàn thành hoặc đã hủy."
        )
        % {
            "label": key_date.label,
            "old": _fmt(old_date),
            "new": _fmt(new_date),
            "reason": _text(reason),
            "moved": len(result.moved),
            "kept": len(result.kept),
        },
    )
    # The editors of the lead and partners of every moved task ("hạn nhiệm vụ đã dời").
    notices.tasks_rescheduled(actor=actor, subject=subject, key_date=key_date, tasks=result.moved)
    return result
