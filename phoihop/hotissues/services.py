"""Every write to hot issues: one keyword-only function per action, one transaction, an
audit row and (for the lifecycle, sources, hand-overs and tasks) a HotIssueEvent with the
actor, the time and the reason. Views, the API, the job and tests call these.

Who may act is checked by the callers through the permission module; the services check
what the domain demands for every caller: the owner is a department the actor manages,
a source is one of that department's and visible to the actor, a hand-over or a share
goes only to an organisation of the department's own level and area (238-QĐ/TW), the
lifecycle follows `transitions.HOT_ISSUE`, edits carry the version they were made from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.hotissues import notices, transitions
from phoihop.hotissues.models import (
    EscalationRule,
    HandOver,
    HotIssue,
    HotIssueEvent,
    HotIssueSource,
    HotIssueTask,
    Severity,
)
from phoihop.organisations.models import AdministrativeUnit
from phoihop.programs import services as program_services
from phoihop.programs.models import AnnualPlan, Program

OPEN_PROGRAM_STATUSES = (Program.Status.SIGNED, Program.Status.IN_FORCE)


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _text(value) -> str:
    return (value or "").strip()


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _event(issue: HotIssue, *, actor, action: str, reason: str = "", from_status: str = "", to_status: str = ""):
    return HotIssueEvent.objects.create(
        hot_issue=issue,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=_text(reason),
        actor=_user(actor),
        at=timezone.now(),
    )


# --- sources -------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """Where an issue was seen: `kind` is opinion_item, press_item, provision or subject."""

    kind: str
    obj: object


SOURCE_KINDS = ("opinion_item", "press_item", "provision", "subject")


def source_owner_ids(source: SourceRef) -> set[int]:
    """The departments a source belongs to (whose issue it may start or join)."""
    obj = source.obj
    if source.kind == "opinion_item":
        return {obj.report.department_id}
    if source.kind == "press_item":
        return {obj.owner_id}
    if source.kind == "provision":
        return {obj.provider_id, obj.receiver_id}
    return {party.organization_id for party in obj.program.parties.all()}


def source_defaults(source: SourceRef) -> dict:
    """Title, topic and area to pre-fill a new issue with."""
    obj = source.obj
    if source.kind == "opinion_item":
        return {"title": obj.summary[:200], "topic": obj.topic_id, "area": obj.area_id, "description": obj.summary}
    if source.kind == "press_item":
        return {"title": obj.title[:500], "topic": obj.topic_id, "area": obj.area_id, "description": obj.summary}
    if source.kind == "provision":
        return {"title": obj.subject[:500], "description": obj.content}
    return {"title": obj.title[:500], "description": obj.summary}


def _check_source(issue_owner_id: int, source: SourceRef) -> None:
    if source.kind not in SOURCE_KINDS:
        raise _error("source", _("Loại nguồn không hợp lệ."))
    if source.kind == "opinion_item" and source.obj.report.status != "submitted":
        raise _error("source", _("Chỉ nội dung của báo cáo dư luận đã nộp mới là nguồn của vấn đề."))
    if issue_owner_id not in source_owner_ids(source):
        raise _error("source", _("Nguồn này thuộc cơ quan khác, không phải của Ban theo dõi vấn đề."))


def _link_source(issue: HotIssue, source: SourceRef, actor) -> HotIssueSource:
    if HotIssueSource.objects.filter(hot_issue=issue, **{source.kind: source.obj}).exists():
        raise _error("source", _("Nguồn này đã gắn với vấn đề."))
    link = HotIssueSource.objects.create(hot_issue=issue, added_by=_user(actor), **{source.kind: source.obj})
    _event(issue, actor=actor, action="source_added", reason=str(source.obj)[:500])
    return link


# --- create and edit -------------------------------------------------------------------


def _validate(*, owner, title, area, topic, severity, program) -> None:
    errors: dict[str, list[str]] = {}
    if not _text(title):
        errors["title"] = [_("Hãy nhập tên vấn đề.")]
    if owner is None:
        errors["owner"] = [_("Hãy chọn Ban theo dõi vấn đề.")]
    if area is None:
        errors["area"] = [_("Hãy chọn địa bàn.")]
    elif owner is not None and owner.administrative_unit_id and not _within(area, owner.administrative_unit_id):
        errors["area"] = [
            _("Địa bàn phải thuộc địa bàn của Ban theo dõi (%(unit)s).") % {"unit": owner.administrative_unit}
        ]
    if topic is None:
        errors["topic"] = [_("Hãy chọn chủ đề.")]
    if severity not in Severity.values:
        errors["severity"] = [_("Hãy chọn mức độ nghiêm trọng.")]
    if program is not None and owner is not None:
        if owner.pk not in {party.organization_id for party in program.parties.all()}:
            errors["program"] = [_("Ban theo dõi không phải là một bên của chương trình này.")]
        elif program.status not in OPEN_PROGRAM_STATUSES:
            errors["program"] = [_("Chỉ chọn chương trình đã ký kết, đang thực hiện.")]
    if errors:
        raise ValidationError(errors)


def _within(area: AdministrativeUnit, unit_id: int) -> bool:
    return unit_id in {area.pk, area.parent_id, area.province_id}


@transaction.atomic
def hot_issue_create(
    *,
    actor,
    owner,
    title: str,
    area,
    topic,
    severity: str,
    description: str = "",
    is_prominent: bool = False,
    is_complex: bool = False,
    is_sensitive: bool = False,
    program=None,
    source: SourceRef | None = None,
) -> HotIssue:
    """A new issue of `owner` (a department the actor leads or works in as an officer),
    detected now, from `source` if given."""
    _validate(owner=owner, title=title, area=area, topic=topic, severity=severity, program=program)
    if actor is not None and owner.pk not in permissions.hot_issue_manager_ids(actor) and not actor.is_superuser:
        raise _error("owner", _("Bạn chỉ mở được vấn đề của Ban mình làm việc (lãnh đạo, chuyên viên)."))
    if source is not None:
        _check_source(owner.pk, source)
    now = timezone.now()
    issue = HotIssue.objects.create(
        title=_text(title),
        description=description or "",
        owner=owner,
        area=area,
        topic=topic,
        severity=severity,
        is_prominent=bool(is_prominent),
        is_complex=bool(is_complex),
        is_sensitive=bool(is_sensitive),
        program=program,
        detected_at=now,
        status_changed_at=now,
        created_by=_user(actor),
    )
    _event(issue, actor=actor, action="detected", to_status=issue.status)
    if source is not None:
        _link_source(issue, source, actor)
    audit.record_create(actor=actor, target=issue)
    return issue


HOT_ISSUE_FIELDS = (
    "title",
    "description",
    "area",
    "topic",
    "severity",
    "is_prominent",
    "is_complex",
    "is_sensitive",
    "program",
)


@transaction.atomic
def hot_issue_update(*, actor, hot_issue: HotIssue, expected_version: int, **values) -> HotIssue:
    before = audit.snapshot(hot_issue)
    fields = [key for key in HOT_ISSUE_FIELDS if key in values]
    for key in fields:
        value = values[key]
        if key == "title":
            value = _text(value)
        elif key == "description":
            value = value or ""
        setattr(hot_issue, key, value)
    _validate(
        owner=hot_issue.owner,
        title=hot_issue.title,
        area=hot_issue.area,
        topic=hot_issue.topic,
        severity=hot_issue.severity,
        program=hot_issue.program,
    )
    save_versioned(hot_issue, expected_version=expected_version, fields=fields)
    audit.record_update(actor=actor, target=hot_issue, before=before)
    return hot_issue


# --- the lifecycle -----------------------------------------------------------------------


@transaction.atomic
def hot_issue_transition(*, actor, hot_issue: HotIssue, action: str, expected_version: int, reason: str = ""):
    """One step of `transitions.HOT_ISSUE`, with its reason. "escalate" sets escalated_at
    and notifies the leaders; "resolve" and "watch" set closed_at; going back to handling
    clears it."""
    transition = transitions.check(
        transitions.HOT_ISSUE, action, hot_issue.status, hot_issue.get_status_display(), reason
    )
    watched = ["status", "escalated_at", "closed_at"]
    before = audit.snapshot(hot_issue, watched)
    previous = hot_issue.status
    now = timezone.now()
    hot_issue.status = transition.target
    hot_issue.status_changed_at = now
    fields = ["status", "status_changed_at"]
    if action == "escalate":
        hot_issue.escalated_at = now
        fields.append("escalated_at")
    if transition.target in (HotIssue.Status.RESOLVED, HotIssue.Status.WATCHING):
        hot_issue.closed_at = now
        fields.append("closed_at")
    elif hot_issue.closed_at is not None:
        hot_issue.closed_at = None
        fields.append("closed_at")
    save_versioned(hot_issue, expected_version=expected_version, fields=fields)
    event = _event(
        hot_issue, actor=actor, action=action, reason=reason, from_status=previous, to_status=hot_issue.status
    )
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"hot_issue_{action}",
        target=hot_issue,
        changes=audit.diff(before, audit.snapshot(hot_issue, watched)),
        message=f"{transition.label}: {event.reason}",
    )
    if action == "escalate":
        notices.escalated(actor=actor, issue=hot_issue, event=event)
    return hot_issue


@transaction.atomic
def hot_issue_add_source(*, actor, hot_issue: HotIssue, source: SourceRef) -> HotIssueSource:
    """Join: the source becomes one more of an open issue's."""
    if not hot_issue.is_open:
        raise _error("hot_issue", _("Vấn đề đã kết thúc; hãy mở lại trước khi gộp thêm nguồn."))
    _check_source(hot_issue.owner_id, source)
    link = _link_source(hot_issue, source, actor)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="hot_issue_source_added",
        target=hot_issue,
        message=_("Gộp nguồn: %(source)s") % {"source": str(source.obj)[:300]},
    )
    return link


# --- hand-over and sharing ---------------------------------------------------------------


def _same_level_and_area(owner, organization) -> bool:
    return (
        organization.pk != owner.pk
        and organization.level == owner.level
        and organization.administrative_unit_id == owner.administrative_unit_id
        and (organization.valid_to is None or organization.valid_to >= timezone.localdate())
    )


@transaction.atomic
def hot_issue_hand_over(*, actor, hot_issue: HotIssue, to_organization, note: str) -> HandOver:
    """Hand the issue to another agency of the department's own level and area (the
    same-level rule of 238-QĐ/TW): it reads the issue and accepts or returns it."""
    errors: dict[str, list[str]] = {}
    if to_organization is None:
        errors["to_organization"] = [_("Hãy chọn cơ quan nhận.")]
    elif not _same_level_and_area(hot_issue.owner, to_organization):
        errors["to_organization"] = [
            _("Chỉ chuyển được cho cơ quan cùng cấp, cùng địa bàn với %(owner)s.") % {"owner": hot_issue.owner.name}
        ]
    if not _text(note):
        errors["note"] = [_("Hãy ghi nội dung đề nghị cơ quan nhận xử lý.")]
    if not hot_issue.is_open:
        errors["__all__"] = [_("Vấn đề đã kết thúc, không thể chuyển xử lý.")]
    if errors:
        raise ValidationError(errors)
    if HandOver.objects.filter(hot_issue=hot_issue, status=HandOver.Status.PENDING).exists():
        raise _error(
            "to_organization", _("Vấn đề đang chờ một cơ quan tiếp nhận; hãy đợi trả lời trước khi chuyển tiếp.")
        )
    try:
        with transaction.atomic():
            hand_over = HandOver.objects.create(
                hot_issue=hot_issue,
                from_organization=hot_issue.owner,
                to_organization=to_organization,
                note=_text(note),
                sent_by=_user(actor),
                sent_at=timezone.now(),
            )
    except IntegrityError:  # a concurrent hand-over won the race
        raise _error(
            "to_organization", _("Vấn đề đang chờ một cơ quan tiếp nhận; hãy đợi trả lời trước khi chuyển tiếp.")
        ) from None
    _event(hot_issue, actor=actor, action="handed_over", reason=f"{to_organization.name}: {hand_over.note}")
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="hot_issue_handed_over",
        target=hot_issue,
        message=_("Chuyển %(org)s xử lý: %(note)s") % {"org": to_organization.name, "note": hand_over.note},
    )
    notices.handed_over(actor=actor, hand_over=hand_over)
    return hand_over


@transaction.atomic
def hand_over_answer(*, actor, hand_over: HandOver, accept: bool, reason: str = "") -> HandOver:
    """The receiver accepts, or returns with a reason. Only a waiting hand-over is
    answered, once (a conditional update that must change exactly one row)."""
    if not accept and not _text(reason):
        raise _error("reason", _("Hãy nêu lý do trả lại."))
    status = HandOver.Status.ACCEPTED if accept else HandOver.Status.RETURNED
    now = timezone.now()
    changed = HandOver.objects.filter(pk=hand_over.pk, status=HandOver.Status.PENDING).update(
        status=status, answered_by=_user(actor), answered_at=now, answer_reason=_text(reason), updated_at=now
    )
    if changed != 1:
        raise _error("__all__", _("Việc chuyển xử lý này đã được trả lời."))
    hand_over.refresh_from_db()
    issue = hand_over.hot_issue
    org = hand_over.to_organization.name
    text = (_("%(org)s tiếp nhận") if accept else _("%(org)s trả lại")) % {"org": org}
    _event(issue, actor=actor, action="hand_over_accepted" if accept else "hand_over_returned",
           reason=f"{text}: {hand_over.answer_reason}" if hand_over.answer_reason else text)  # fmt: skip
    audit.record(actor=actor, action=AuditEntry.Action.EVENT, event=f"hand_over_{status}", target=issue, message=text)
    notices.hand_over_answered(actor=actor, hand_over=hand_over)
    return hand_over


@transaction.atomic
def hot_issue_share(*, actor, hot_issue: HotIssue, organizations, expected_version: int) -> HotIssue:
    """Share the issue (read only) with partner organisations of the same level and area;
    `organizations` is the whole list."""
    organizations = list({org.pk: org for org in organizations}.values())
    outside = [org.name for org in organizations if not _same_level_and_area(hot_issue.owner, org)]
    if outside:
        raise _error(
            "organizations",
            _("Chỉ chia sẻ được với cơ quan cùng cấp, cùng địa bàn: %(names)s không phù hợp.")
            % {"names": ", ".join(outside)},
        )
    before = sorted(hot_issue.shared_with.values_list("name", flat=True))
    save_versioned(hot_issue, expected_version=expected_version, fields=[])
    hot_issue.shared_with.set(organizations)
    after = sorted(org.name for org in organizations)
    if before != after:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=hot_issue,
            changes={"shared_with": [", ".join(before), ", ".join(after)]},
        )
        _event(hot_issue, actor=actor, action="shared", reason=", ".join(after))
    return hot_issue


# --- escalation rules ----------------------------------------------------------------------


def _validate_rule(*, name, min_severity, unresolved_days) -> None:
    errors: dict[str, list[str]] = {}
    if not _text(name):
        errors["name"] = [_("Hãy đặt tên quy tắc.")]
    if min_severity and min_severity not in Severity.values:
        errors["min_severity"] = [_("Mức độ không hợp lệ.")]
    if unresolved_days is not None and not 1 <= unresolved_days <= 365:
        errors["unresolved_days"] = [_("Số ngày phải từ 1 đến 365.")]
    if not min_severity and unresolved_days is None:
        errors["__all__"] = [_("Quy tắc cần ít nhất một điều kiện: mức độ hoặc số ngày chưa giải quyết.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rule_create(*, actor, department, name: str, min_severity: str = "", unresolved_days=None, is_active=True):
    _validate_rule(name=name, min_severity=min_severity, unresolved_days=unresolved_days)
    rule = EscalationRule.objects.create(
        department=department,
        name=_text(name),
        min_severity=min_severity or "",
        unresolved_days=unresolved_days,
        is_active=bool(is_active),
    )
    audit.record_create(actor=actor, target=rule)
    return rule


RULE_FIELDS = ("name", "min_severity", "unresolved_days", "is_active")


@transaction.atomic
def rule_update(*, actor, rule: EscalationRule, expected_version: int, **values) -> EscalationRule:
    before = audit.snapshot(rule)
    fields = [key for key in RULE_FIELDS if key in values]
    for key in fields:
        value = values[key]
        if key == "name":
            value = _text(value)
        elif key == "min_severity":
            value = value or ""
        setattr(rule, key, value)
    _validate_rule(name=rule.name, min_severity=rule.min_severity, unresolved_days=rule.unresolved_days)
    save_versioned(rule, expected_version=expected_version, fields=fields)
    audit.record_update(actor=actor, target=rule, before=before)
    return rule


# --- response tasks ------------------------------------------------------------------------


def current_plan(hot_issue: HotIssue) -> AnnualPlan | None:
    if hot_issue.program_id is None:
        return None
    return AnnualPlan.objects.filter(program_id=hot_issue.program_id, year=timezone.localdate().year).first()


@transaction.atomic
def hot_issue_create_task(*, actor, hot_issue: HotIssue, title: str, lead, due_date, partners=(), description=""):
    """A response task in this year's annual plan of the issue's programme, through the
    programmes' `task_create` (its rules: lead and partners are parties, the due date
    within the programme, the plan open), linked to the issue."""
    if hot_issue.program_id is None:
        raise _error(
            "__all__", _("Vấn đề chưa gắn với chương trình phối hợp; hãy chọn chương trình ở trang sửa vấn đề.")
        )
    plan = current_plan(hot_issue)
    if plan is None:
        raise _error(
            "__all__",
            _("Chương trình “%(program)s” chưa có kế hoạch năm %(year)s; hãy lập kế hoạch năm trước.")
            % {"program": hot_issue.program.title, "year": timezone.localdate().year},
        )
    if actor is not None and not permissions.can(actor, Action.CHANGE, plan):
        raise PermissionDenied(_("Chỉ cơ quan chủ trì chương trình mới giao nhiệm vụ trong kế hoạch năm."))
    task = program_services.task_create(
        actor=actor,
        plan=plan,
        title=title,
        lead=lead,
        due_date=due_date,
        partners=list(partners),
        description=description or _("Nhiệm vụ xử lý vấn đề “%(title)s”.") % {"title": hot_issue.title},
    )
    HotIssueTask.objects.create(hot_issue=hot_issue, task=task)
    _event(hot_issue, actor=actor, action="task_created", reason=task.title)
    return task
