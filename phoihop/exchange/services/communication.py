"""Three-phase communication plans: created from an approved assessment (optionally from a
template of the subject's kind), edited activity by activity, then generated into the
programme's tasks in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.exchange.models import (
    Assessment,
    CommunicationPlan,
    PlanActivity,
    PlanTemplate,
    Side,
    Subject,
    SubjectKeyDate,
    offset_text,
)
from phoihop.exchange.services import notices
from phoihop.exchange.services._common import _denied, _error, _fmt, _text, normalise_channels
from phoihop.exchange.services.subjects import activity_date_error, move_subject
from phoihop.programs import services as program_services
from phoihop.programs.models import Phase


def _check_department(actor, subject: Subject) -> None:
    if actor is not None and not permissions.may_transition_subject(actor, subject, "generate_plan"):
        raise _denied(_("Chỉ Ban Tuyên giáo (bên chủ trì chương trình) mới lập kế hoạch tuyên truyền."))


def _department(subject: Subject):
    """The organisation that leads the department's activities: the first department
    party of the programme, in the programme's order."""
    departments = permissions.subject_department_ids(subject)
    for party in subject.program.parties.all():
        if party.organization_id in departments:
            return party.organization
    return None


# --- validation of one activity ------------------------------------------------------


def _validate_activity(*, subject: Subject, phase, title, key_date, offset_days, lead, partners) -> None:
    errors: dict[str, list[str]] = {}
    if not _text(title):
        errors["title"] = [_("Hãy nhập tên hoạt động.")]
    if phase not in Phase.values:
        errors["phase"] = [_("Hãy chọn giai đoạn: trước, trong hoặc sau.")]
    if key_date is None or key_date.subject_id != subject.pk:
        errors["key_date"] = [_("Hãy chọn một mốc của vấn đề này.")]
    if offset_days is None or isinstance(offset_days, bool) or not isinstance(offset_days, int):
        errors["offset_days"] = [_("Hãy nhập số ngày so với mốc (âm là trước, dương là sau).")]
    elif abs(offset_days) > 366:
        errors["offset_days"] = [_("Số ngày so với mốc tối đa là 366.")]
    elif phase == Phase.BEFORE and offset_days > 0:
        errors["offset_days"] = [_("Hoạt động “trước” phải diễn ra trước hoặc đúng ngày mốc (số ngày âm hoặc 0).")]
    elif phase == Phase.AFTER and offset_days < 0:
        errors["offset_days"] = [_("Hoạt động “sau” phải diễn ra sau hoặc đúng ngày mốc (số ngày dương hoặc 0).")]
    elif "key_date" not in errors and phase in Phase.values:
        message = activity_date_error(subject, phase, key_date.date + dt.timedelta(days=offset_days))
        if message:
            errors["offset_days"] = [message]
    party_ids = {party.organization_id for party in subject.program.parties.all()}
    if lead is None:
        errors["lead"] = [_("Hãy chọn cơ quan chủ trì.")]
    elif lead.pk not in party_ids:
        errors["lead"] = [_("%(org)s không phải là một bên của chương trình.") % {"org": lead.name}]
    outsiders = [org.name for org in partners if org.pk not in party_ids]
    if outsiders:
        errors["partners"] = [_("Không phải là bên của chương trình: %(names)s.") % {"names": ", ".join(outsiders)}]
    if lead is not None and any(org.pk == lead.pk for org in partners):
        errors.setdefault("partners", []).append(_("Cơ quan chủ trì không thể đồng thời là cơ quan phối hợp."))
    if errors:
        raise ValidationError(errors)


def _editable(plan: CommunicationPlan) -> None:
    if plan.status != CommunicationPlan.Status.DRAFT:
        raise _error("__all__", _("Kế hoạch đã giao nhiệm vụ; hãy sửa các nhiệm vụ trong kế hoạch năm."))
    if not plan.subject.is_open:
        raise _error("__all__", _("Vấn đề đã kết thúc hoặc đã hủy."))


def _unique(organizations) -> list:
    seen, result = set(), []
    for org in organizations or []:
        if org.pk not in seen:
            seen.add(org.pk)
            result.append(org)
    return result


# --- plans ---------------------------------------------------------------------------


@transaction.atomic
def communication_plan_create(
    *, actor, subject: Subject, title: str, template: PlanTemplate | None = None, anchor: SubjectKeyDate | None = None
) -> CommunicationPlan:
    """The plan of an assessed subject (its assessment approved). With a template, its
    activities are copied, dated from `anchor`, led by the owner or the department as
    the template says, with the other side as partner; any activity that would fall
    outside the subject's timeline refuses the whole plan."""
    _check_department(actor, subject)
    assessment = Assessment.objects.filter(subject=subject).first()
    if subject.status != Subject.Status.ASSESSED or assessment is None:
        raise _error("__all__", _("Chỉ lập kế hoạch tuyên truyền khi bản thẩm định của vấn đề đã được phê duyệt."))
    if CommunicationPlan.objects.filter(subject=subject).exists():
        raise _error("__all__", _("Vấn đề này đã có kế hoạch tuyên truyền."))
    if not _text(title):
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    if template is not None:
        if anchor is None or anchor.subject_id != subject.pk:
            raise _error("anchor", _("Hãy chọn mốc để tính ngày các hoạt động theo mẫu."))
        if not template.is_active:
            raise _error("template", _("Mẫu này không còn được dùng."))
    plan = CommunicationPlan.objects.create(subject=subject, title=_text(title), template=template)
    if template is not None:
        department = _department(subject)
        problems = []
        for position, item in enumerate(template.activities.all()):
            lead, other = (subject.owner, department) if item.lead_side == Side.OWNER else (department, subject.owner)
            partners = [other] if item.with_partner and other is not None and other.pk != lead.pk else []
            try:
                _validate_activity(
                    subject=subject,
                    phase=item.phase,
                    title=item.title,
                    key_date=anchor,
                    offset_days=item.offset_days,
                    lead=lead,
                    partners=partners,
                )
            except ValidationError as error:
                problems += [_("“%(title)s”: %(m)s") % {"title": item.title, "m": m} for m in error.messages]
                continue
            activity = PlanActivity.objects.create(
                plan=plan,
                phase=item.phase,
                title=item.title,
                key_date=anchor,
                offset_days=item.offset_days,
                channels=item.channels,
                lead=lead,
                expected_product=item.expected_product,
                position=position,
            )
            activity.partners.set(partners)
        if problems:
            raise ValidationError({"template": problems})
    audit.record_create(
        actor=actor,
        target=plan,
        message=_("Theo mẫu “%(t)s”, tính từ mốc %(a)s") % {"t": template.title, "a": str(anchor)} if template else "",
    )
    return plan


@transaction.atomic
def communication_plan_update(
    *, actor, plan: CommunicationPlan, expected_version: int, title: str
) -> CommunicationPlan:
    _check_department(actor, plan.subject)
    _editable(plan)
    if not _text(title):
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    before = audit.snapshot(plan, ["title"])
    plan.title = _text(title)
    save_versioned(plan, expected_version=expected_version, fields=["title"])
    audit.record_update(actor=actor, target=plan, before=before)
    return plan


def _activity_record(activity: PlanActivity) -> str:
    partners = ", ".join(org.name for org in activity.partners.all())
    return _("%(phase)s · %(title)s · %(when)s · chủ trì: %(lead)s%(partners)s") % {
        "phase": activity.get_phase_display(),
        "title": activity.title,
        "when": offset_text(activity.offset_days, activity.key_date.label),
        "lead": activity.lead.name,
        "partners": f" · phối hợp: {partners}" if partners else "",
    }


@transaction.atomic
def plan_activity_create(
    *,
    actor,
    plan: CommunicationPlan,
    expected_version: int,
    phase: str,
    title: str,
    key_date: SubjectKeyDate | None,
    offset_days: int,
    lead,
    partners=(),
    channels=(),
    expected_product: str = "",
) -> PlanActivity:
    """Add an activity to a draft plan (`expected_version`: the plan's)."""
    subject = plan.subject
    _check_department(actor, subject)
    _editable(plan)
    partners = _unique(partners)
    _validate_activity(
        subject=subject,
        phase=phase,
        title=title,
        key_date=key_date,
        offset_days=offset_days,
        lead=lead,
        partners=partners,
    )
    stored_channels = normalise_channels(channels)
    save_versioned(plan, expected_version=expected_version, fields=[])
    activity = PlanActivity.objects.create(
        plan=plan,
        phase=phase,
        title=_text(title),
        key_date=key_date,
        offset_days=offset_days,
        channels=stored_channels,
        lead=lead,
        expected_product=_text(expected_product),
        position=plan.activities.count(),
    )
    activity.partners.set(partners)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="activity_added",
        target=plan,
        message=_("Thêm hoạt động: %(a)s") % {"a": _activity_record(activity)},
    )
    return activity


ACTIVITY_FIELDS = ("phase", "title", "key_date", "offset_days", "lead", "expected_product")


@transaction.atomic
def plan_activity_update(
    *, actor, activity: PlanActivity, expected_version: int, partners=None, channels=None, **values
) -> PlanActivity:
    """Edit an activity of a draft plan; only the fields given change (`partners`
    replaces the list)."""
    plan = activity.plan
    subject = plan.subject
    _check_department(actor, subject)
    _editable(plan)
    before = _activity_record(activity)
    for key in ACTIVITY_FIELDS:
        if key in values:
            value = values[key]
            setattr(activity, key, _text(value) if key in ("title", "expected_product") else value)
    new_partners = _unique(partners) if partners is not None else list(activity.partners.all())
    _validate_activity(
        subject=subject,
        phase=activity.phase,
        title=activity.title,
        key_date=activity.key_date,
        offset_days=activity.offset_days,
        lead=activity.lead,
        partners=new_partners,
    )
    if channels is not None:
        activity.channels = normalise_channels(channels)
    save_versioned(plan, expected_version=expected_version, fields=[])
    activity.save()
    activity.partners.set(new_partners)
    after = _activity_record(activity)
    if after != before:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="activity_changed",
            target=plan,
            changes={"activities": [before, after]},
            message=_("Sửa hoạt động “%(t)s”") % {"t": activity.title},
        )
    return activity


@transaction.atomic
def plan_activity_delete(*, actor, activity: PlanActivity, expected_version: int) -> None:
    plan = activity.plan
    _check_department(actor, plan.subject)
    _editable(plan)
    record = _activity_record(activity)
    save_versioned(plan, expected_version=expected_version, fields=[])
    activity.delete()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="activity_removed",
        target=plan,
        message=_("Bỏ hoạt động: %(a)s") % {"a": record},
    )


# --- generating the tasks ------------------------------------------------------------


@transaction.atomic
def communication_plan_generate(*, actor, plan: CommunicationPlan, expected_version: int) -> list:
    """One task per activity in the programme's annual plan for the subject's year, through
    `programs.services.task_create` (so every task rule applies), with the activity's lead,
    partners, channels, phase and computed due date. All or nothing: any refusal creates
    no task. The subject becomes "planned"."""
    subject = plan.subject
    _check_department(actor, subject)
    if plan.status != CommunicationPlan.Status.DRAFT:
        raise _error("__all__", _("Kế hoạch này đã được giao nhiệm vụ."))
    if subject.status != Subject.Status.ASSESSED:
        raise _error("__all__", _("Chỉ giao nhiệm vụ khi vấn đề đã được thẩm định và chưa giao nhiệm vụ."))
    activities = list(
        plan.activities.select_related("key_date", "lead").prefetch_related("partners").order_by("position", "id")
    )
    if not activities:
        raise _error("__all__", _("Kế hoạch chưa có hoạt động nào."))
    annual_plan = subject.program.plans.filter(year=subject.year).first()
    if annual_plan is None:
        raise _error(
            "__all__",
            _("Chương trình chưa có kế hoạch năm %(year)s. Hãy tạo kế hoạch năm %(year)s trước rồi giao nhiệm vụ.")
            % {"year": subject.year},
        )
    plan.status = CommunicationPlan.Status.GENERATED
    plan.generated_at = timezone.now()
    plan.annual_plan = annual_plan
    # The conditional update claims the plan first: of two people generating at once, one wins.
    save_versioned(plan, expected_version=expected_version, fields=["status", "generated_at", "annual_plan"])
    tasks, assigned = [], []
    for activity in activities:
        due = activity.due_date
        try:
            message = activity_date_error(subject, activity.phase, due)
            if message:
                raise _error("due_date", message)
            task = program_services.task_create(
                actor=actor,
                plan=annual_plan,
                title=activity.title,
                description=_("Hoạt động của %(plan)s (vấn đề “%(subject)s”), %(when)s.")
                % {
                    "plan": plan.title,
                    "subject": subject.title,
                    "when": offset_text(activity.offset_days, activity.key_date.label),
                },
                lead=activity.lead,
                partners=list(activity.partners.all()),
                due_date=due,
                phase=activity.phase,
                channels=activity.channel_list,
                expected_product=activity.expected_product,
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "activities": [
                        _("Hoạt động “%(title)s” (%(date)s): %(m)s")
                        % {"title": activity.title, "date": _fmt(due), "m": m}
                        for m in error.messages
                    ]
                }
            ) from error
        activity.task = task
        activity.save(update_fields=["task"])
        tasks.append(task)
        assigned.append((task, [activity.lead_id, *(org.pk for org in activity.partners.all())]))
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="plan_generated",
        target=plan,
        message=_("Giao %(n)s nhiệm vụ trong %(plan)s") % {"n": len(tasks), "plan": annual_plan.title},
    )
    move_subject(actor=actor, subject=subject, action="generate_plan")
    # The editors of each task's lead and partners ("nhiệm vụ mới"), and the owner's
    # editors ("kế hoạch tuyên truyền đã giao").
    notices.plan_generated(actor=actor, plan=plan, assigned=assigned)
    return tasks
