"""Every write to public opinion: reports (draft, submit, correct), the department's
reporting calendar, the taxonomy of topics and tags. One keyword-only function per
action, one transaction, audited; views, API, jobs and tests call these.

The rules live here, for every caller:

* a collaborator files with a department it is a collaborator of (membership in force),
  for the area it covers or a unit within it; a leader or officer of the department may
  file a quick report for the department's own area;
* periodic: a period of the department's calendar (its frequency) that has begun, that
  the collaborator's membership overlaps, and that it has no report for yet (draft or
  submitted) — more only as a correction; quick (*báo cáo nhanh*): a date, not in the
  future, within the membership;
* items: a topic of the taxonomy in use (a retired topic only where the report, or the
  report it corrects, already had it), tags in use, an area within the report's area, a
  direction, an intensity, a breadth and a summary; at least one to submit;
* a draft is edited by its author only, with its `version`; once submitted a report is
  never edited: a correction is a new report of the author linking to the original;
* on submit the department's leaders and officers are notified (daily digest), and at
  once for each item flagged as hot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Membership, Role
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.core.signals import bulk_created
from phoihop.core.text import fold
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.opinion.areas import unit_within
from phoihop.opinion.models import (
    Breadth,
    Direction,
    Intensity,
    OpinionItem,
    OpinionReport,
    ReportingCalendar,
    Tag,
    Topic,
)
from phoihop.opinion.selectors import calendar_of, calendar_period
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.provisions import calendar

NOTIFIED_ROLES = (Role.LEADER, Role.OFFICER)
MANAGER_ROLES = (Role.LEADER, Role.OFFICER)
MAX_ITEMS = 50
MAX_SUMMARY = 5000
Kind = OpinionReport.Kind
Status = OpinionReport.Status


def _error(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: [message]})


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class ItemInput:
    """One item as typed: ids of the topic, area and tags (resolved and checked here)."""

    topic: int | None
    direction: str
    intensity: str
    breadth: str
    summary: str
    area: int | None = None
    tags: tuple[int, ...] = field(default_factory=tuple)
    flagged_hot: bool = False


# --- who files, for which area and period ---------------------------------------------------


def filing_membership(actor, department: Organization, day: dt.date) -> Membership | None:
    """The actor's membership in the department, in force on `day`, as a collaborator or
    a leader or officer; None otherwise."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return (
        Membership.objects.active(day)
        .filter(user=actor, organization=department, role__in=[Role.COLLABORATOR, *MANAGER_ROLES])
        .select_related("area")
        .first()
    )


def _covers(membership: Membership, start: dt.date, end: dt.date) -> bool:
    return (membership.valid_from is None or membership.valid_from <= end) and (
        membership.valid_to is None or membership.valid_to >= start
    )


def _check_filer(actor, department, kind: str, errors: dict, today: dt.date):
    """The membership the actor files under and the area it may report on."""
    if department is None:
        errors["department"] = [_("Hãy chọn ban nhận báo cáo.")]
        return None, None
    membership = filing_membership(actor, department, today)
    if membership is None:
        # Without the organisation's name: the id may be one the user may not see.
        errors["department"] = [
            _("Bạn không phải cộng tác viên dư luận xã hội của ban đã chọn nên không gửi được báo cáo cho ban này.")
        ]
        return None, None
    if membership.role == Role.COLLABORATOR:
        if membership.area_id is None:
            errors["area"] = [_("Bạn chưa được giao địa bàn phụ trách; hãy liên hệ quản trị viên.")]
            return membership, None
        return membership, membership.area
    if kind != Kind.QUICK:
        errors["kind"] = [
            _("Lãnh đạo, chuyên viên của ban chỉ gửi báo cáo nhanh; báo cáo định kỳ do cộng tác viên gửi.")
        ]
    return membership, department.administrative_unit


def _check_area(area, covered, errors: dict):
    if area is None:
        errors["area"] = [_("Hãy chọn địa bàn.")]
        return None
    if covered is not None and not unit_within(area, covered):
        errors["area"] = [
            _("%(area)s nằm ngoài địa bàn bạn phụ trách (%(covered)s).") % {"area": area.name, "covered": covered.name}
        ]
        return None
    return area


def _original_for(department, collaborator, period_: calendar.Period) -> OpinionReport | None:
    return (
        OpinionReport.objects.filter(
            department=department,
            collaborator=collaborator,
            kind=Kind.PERIODIC,
            frequency=period_.frequency,
            year=period_.year,
            period=period_.number,
            corrects__isnull=True,
        )
        .only("pk", "status", "submitted_at")
        .first()
    )


def _already_reported(existing: OpinionReport, label: str) -> list[str]:
    if existing.status == Status.SUBMITTED:
        return [
            _("Bạn đã nộp báo cáo %(period)s lúc %(when)s. Nếu cần sửa, hãy gửi báo cáo đính chính cho báo cáo đó.")
            % {"period": label, "when": timezone.localtime(existing.submitted_at).strftime("%H:%M %d/%m/%Y")}
        ]
    return [_("Bạn đang soạn báo cáo %(period)s (bản nháp); hãy hoàn thiện bản nháp đó.") % {"period": label}]


def _check_period(department, membership, collaborator, year, number, today, errors, *, exclude_pk=None) -> dict:
    cal = calendar_of(department)
    if year is None or number is None:
        errors["period"] = [_("Hãy chọn kỳ báo cáo.")]
        return {}
    if not calendar.is_period(cal.frequency, number) or not 1900 <= year <= 2200:
        errors["period"] = [
            _("Kỳ không có trong lịch báo cáo của ban (%(frequency)s).") % {"frequency": cal.get_frequency_display()}
        ]
        return {}
    period_ = calendar_period(cal, year, number)
    if period_.start > today:
        errors["period"] = [
            _("%(period)s chưa bắt đầu; chỉ báo cáo kỳ hiện tại hoặc các kỳ đã qua.") % {"period": period_.label}
        ]
        return {}
    if (
        membership is not None
        and membership.role == Role.COLLABORATOR
        and not _covers(membership, period_.start, period_.end)
    ):
        errors["period"] = [
            _("Trong %(period)s bạn chưa (hoặc không còn) là cộng tác viên của ban.") % {"period": period_.label}
        ]
        return {}
    existing = _original_for(department, collaborator, period_)
    if existing is not None and existing.pk != exclude_pk:
        errors["period"] = _already_reported(existing, period_.label)
        return {}
    return {
        "frequency": period_.frequency,
        "year": period_.year,
        "period": period_.number,
        "period_start": period_.start,
        "period_end": period_.end,
        "due_on": period_.due,
    }


def _check_quick(membership, observed_on, today, errors) -> dict:
    if observed_on is None:
        errors["observed_on"] = [_("Hãy nhập ngày ghi nhận dư luận.")]
        return {}
    if observed_on > today:
        errors["observed_on"] = [_("Ngày ghi nhận không thể ở tương lai.")]
        return {}
    if membership is not None and not _covers(membership, observed_on, observed_on):
        errors["observed_on"] = [
            _("Ngày %(day)s bạn chưa (hoặc không còn) là cộng tác viên của ban.") % {"day": _fmt(observed_on)}
        ]
        return {}
    return {
        "frequency": "",
        "year": observed_on.year,
        "period": None,
        "period_start": observed_on,
        "period_end": observed_on,
        "due_on": None,
    }


# --- items ------------------------------------------------------------------------------------


def _check_items(items: list[ItemInput], area, allowed_retired: set[int], errors: dict) -> list[tuple]:
    """The items resolved: (OpinionItem unsaved, [tag ids]); errors under "items", each
    message naming the item's number. Three queries whatever the number of items."""
    if len(items) > MAX_ITEMS:
        errors["items"] = [_("Tối đa %(n)s nội dung trong một báo cáo.") % {"n": MAX_ITEMS}]
        return []
    topics = Topic.objects.in_bulk({item.topic for item in items if item.topic is not None})
    tags = Tag.objects.in_bulk({tag for item in items for tag in item.tags})
    units = AdministrativeUnit.objects.in_bulk({item.area for item in items if item.area is not None})
    messages, result = [], []
    for number, item in enumerate(items, start=1):
        problems = []
        topic = topics.get(item.topic) if item.topic is not None else None
        if topic is None:
            problems.append(_("hãy chọn chủ đề") if item.topic is None else _("chủ đề không có trong danh mục"))
        elif not topic.is_active and topic.pk not in allowed_retired:
            problems.append(_("chủ đề “%(topic)s” đã ngừng sử dụng, hãy chọn chủ đề khác") % {"topic": topic.name})
        unit = units.get(item.area) if item.area is not None else area
        if item.area is not None and unit is None:
            problems.append(_("địa bàn không có trong danh mục"))
        elif area is not None and unit is not None and not unit_within(unit, area):
            problems.append(_("%(unit)s nằm ngoài địa bàn của báo cáo") % {"unit": unit.name})
        if item.direction not in Direction.values:
            problems.append(_("hãy chọn chiều hướng"))
        if item.intensity not in Intensity.values:
            problems.append(_("hãy chọn mức độ"))
        if item.breadth not in Breadth.values:
            problems.append(_("hãy chọn phạm vi"))
        summary = (item.summary or "").strip()
        if not summary:
            problems.append(_("hãy nhập tóm tắt"))
        elif len(summary) > MAX_SUMMARY:
            problems.append(_("tóm tắt tối đa %(n)s ký tự") % {"n": MAX_SUMMARY})
        for tag_id in item.tags:
            tag = tags.get(tag_id)
            if tag is None:
                problems.append(_("sự kiện, dịp không có trong danh mục"))
            elif not tag.is_active:
                problems.append(_("sự kiện, dịp “%(tag)s” đã ngừng sử dụng") % {"tag": tag.name})
        if problems:
            messages.append(_("Nội dung %(n)s: %(problems)s.") % {"n": number, "problems": "; ".join(problems)})
            continue
        result.append(
            (
                OpinionItem(
                    position=number,
                    topic=topic,
                    area=unit,
                    direction=item.direction,
                    intensity=item.intensity,
                    breadth=item.breadth,
                    summary=summary,
                    flagged_hot=bool(item.flagged_hot),
                ),
                sorted(set(item.tags)),
            )
        )
    if messages:
        errors["items"] = messages
    return result


def _store_items(report: OpinionReport, resolved: list[tuple]) -> None:
    report.items.all().delete()
    items = []
    for item, _tags in resolved:
        item.report = report
        item.refresh_search_columns()
        items.append(item)
    created = OpinionItem.objects.bulk_create(items)
    bulk_created.send(sender=OpinionItem, instances=created)  # bulk_create sends no post_save (search)
    Through = OpinionItem.tags.through
    Through.objects.bulk_create(
        [
            Through(opinionitem_id=item.pk, tag_id=tag_id)
            for item, (_i, tags) in zip(created, resolved, strict=True)
            for tag_id in tags
        ]
    )


def _retired_topics_of(*reports) -> set[int]:
    ids = [report.pk for report in reports if report is not None and report.pk]
    if not ids:
        return set()
    return set(OpinionItem.objects.filter(report_id__in=ids).values_list("topic_id", flat=True))


# --- create, update, submit, correct -----------------------------------------------------------


def report_create(
    *,
    actor,
    department: Organization | None,
    kind: str = Kind.PERIODIC,
    area: AdministrativeUnit | None = None,
    items: Iterable[ItemInput] = (),
    overview: str = "",
    year: int | None = None,
    period: int | None = None,
    observed_on: dt.date | None = None,
    corrects: OpinionReport | None = None,
    corrects_version: int | None = None,
    submit: bool = False,
) -> OpinionReport:
    """A new report of `actor` (a draft, or submitted at once with `submit`). With
    `corrects`: a correction of that submitted report of the actor's (its department,
    kind and period; linked to the original). A ValidationError naming the field, and
    nothing stored, when a rule fails."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    items = list(items)
    if corrects is not None:
        if corrects.collaborator_id != getattr(actor, "pk", None):
            raise PermissionDenied(_("Chỉ người đã gửi báo cáo mới đính chính được."))
        if corrects.status != Status.SUBMITTED:
            raise _error("corrects", _("Chỉ đính chính báo cáo đã nộp; bản nháp thì sửa trực tiếp."))
        if corrects_version is not None and corrects.version != corrects_version:
            raise StaleVersionError()
        if corrects.corrects_id is not None:  # a correction of a correction links to the original
            corrects = OpinionReport.objects.get(pk=corrects.corrects_id)
        department, kind = corrects.department, corrects.kind
    if kind not in Kind.values:
        errors["kind"] = [_("Hãy chọn loại báo cáo: định kỳ hoặc báo cáo nhanh.")]
    membership, covered = _check_filer(actor, department, kind, errors, today)
    area = _check_area(area, covered, errors) if "area" not in errors else None
    if corrects is not None:
        values = {
            name: getattr(corrects, name)
            for name in ("frequency", "year", "period", "period_start", "period_end", "due_on")
        }
    elif kind == Kind.PERIODIC and "department" not in errors:
        values = _check_period(department, membership, actor, year, period, today, errors)
    elif kind == Kind.QUICK and "department" not in errors:
        values = _check_quick(membership, observed_on, today, errors)
    else:
        values = {}
    resolved = _check_items(items, area, _retired_topics_of(corrects), errors)
    if submit and not items:
        errors.setdefault("items", []).append(_("Báo cáo cần ít nhất một nội dung trước khi nộp."))
    if errors:
        raise ValidationError(errors)
    report = OpinionReport(
        department=department,
        collaborator=actor,
        area=area,
        kind=kind,
        overview=(overview or "").strip(),
        corrects=corrects,
        **values,
    )
    try:
        with transaction.atomic():
            if corrects is not None:
                # Holds the corrected row: of two corrections made from one page, the second is stale.
                save_versioned(corrects, expected_version=corrects.version, fields=["updated_at"])
            report.save()
            _store_items(report, resolved)
            audit.record_create(actor=actor, target=report)
            if corrects is not None:
                audit.record(
                    actor=actor,
                    action=AuditEntry.Action.EVENT,
                    event="opinion_report_corrected",
                    target=corrects,
                    message=_("Có báo cáo đính chính (số %(id)s).") % {"id": report.pk},
                )
            if submit:
                _submit(actor, report)
    except IntegrityError as exc:
        if kind == Kind.PERIODIC and corrects is None:
            existing = _original_for(department, actor, calendar_period(calendar_of(department), year, period))
            if existing is not None:
                raise ValidationError({"period": _already_reported(existing, str(period))}) from exc
        raise
    return report


def report_update(
    *,
    actor,
    report: OpinionReport,
    expected_version: int,
    area: AdministrativeUnit | None,
    items: Iterable[ItemInput],
    overview: str = "",
    year: int | None = None,
    period: int | None = None,
    observed_on: dt.date | None = None,
    submit: bool = False,
) -> OpinionReport:
    """Change a draft (its author only): area, period or date, overview, items — the
    items are replaced by those given. With `submit`, submit it in the same transaction."""
    if report.collaborator_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Chỉ người soạn báo cáo mới sửa được."))
    if report.status != Status.DRAFT:
        raise _error("__all__", _("Báo cáo đã nộp không sửa được; hãy gửi báo cáo đính chính."))
    if report.version != expected_version:
        raise StaleVersionError()
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    items = list(items)
    membership, covered = _check_filer(actor, report.department, report.kind, errors, today)
    area = _check_area(area, covered, errors) if "area" not in errors else None
    if report.corrects_id is not None:
        values = {}
    elif report.kind == Kind.PERIODIC and "department" not in errors:
        values = _check_period(report.department, membership, actor, year, period, today, errors, exclude_pk=report.pk)
    elif report.kind == Kind.QUICK and "department" not in errors:
        values = _check_quick(membership, observed_on, today, errors)
    else:
        values = {}
    corrected = OpinionReport(pk=report.corrects_id) if report.corrects_id else None
    resolved = _check_items(items, area, _retired_topics_of(report, corrected), errors)
    if submit and not items:
        errors.setdefault("items", []).append(_("Báo cáo cần ít nhất một nội dung trước khi nộp."))
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(report)
    report.area, report.overview = area, (overview or "").strip()
    for name, value in values.items():
        setattr(report, name, value)
    fields = ["area", "overview", *values]
    try:
        with transaction.atomic():
            save_versioned(report, expected_version=expected_version, fields=fields)
            _store_items(report, resolved)
            audit.record_update(actor=actor, target=report, before=before, message=_("Sửa bản nháp"))
            if submit:
                _submit(actor, report)
    except IntegrityError as exc:
        raise _error("period", _("Bạn đã có báo cáo cho kỳ này.")) from exc
    return report


def report_submit(*, actor, report: OpinionReport, expected_version: int) -> OpinionReport:
    """Submit a draft (its author only; at least one item). Never edited afterwards."""
    if report.collaborator_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Chỉ người soạn báo cáo mới nộp được."))
    if report.status != Status.DRAFT:
        raise _error("__all__", _("Báo cáo đã được nộp."))
    if report.version != expected_version:
        raise StaleVersionError()
    if not report.items.exists():
        raise _error("items", _("Báo cáo cần ít nhất một nội dung trước khi nộp."))
    errors: dict[str, list[str]] = {}
    _check_filer(actor, report.department, report.kind, errors, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save_versioned(report, expected_version=expected_version, fields=["updated_at"])
        _submit(actor, report)
    return report


def _submit(actor, report: OpinionReport) -> None:
    report.status, report.submitted_at = Status.SUBMITTED, timezone.now()
    save_versioned(report, expected_version=report.version, fields=["status", "submitted_at"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="opinion_report_submitted",
        target=report,
        changes={"status": [str(Status.DRAFT.label), str(Status.SUBMITTED.label)]},
        message=_("Nộp báo cáo."),
    )
    _notify_submitted(report)


# --- notifications ----------------------------------------------------------------------------


def report_title(report: OpinionReport) -> str:
    return report.title


def _notify_submitted(report: OpinionReport) -> None:
    members = organization_members([report.department_id], NOTIFIED_ROLES).get(report.department_id, [])
    if not members:
        return
    hot = list(report.items.filter(flagged_hot=True).select_related("topic", "area"))
    url = reverse("opinion:report_detail", args=[report.pk])
    who = report.collaborator.get_full_name() or report.collaborator.get_username()
    with translation.override(settings.LANGUAGE_CODE):
        values = {"report": report_title(report), "area": report.area.name, "who": who}
        title = _("Báo cáo dư luận mới: %(report)s · %(area)s") % values
        if report.is_correction:
            title = _("Báo cáo đính chính: %(report)s · %(area)s") % values
        body = _("Cộng tác viên %(who)s đã nộp báo cáo.") % values
        items = [
            NotificationInput(
                recipient_id=user_id,
                kind=kinds.OPINION_REPORT_SUBMITTED,
                title=title,
                body=body,
                url=url,
                dedupe_key=f"opinion-report-submitted:{report.pk}",
            )
            for user_id in members
        ]
        for item in hot:
            hot_title = _("Dư luận nổi cộm: %(topic)s · %(area)s") % {"topic": item.topic.name, "area": item.area.name}
            items.extend(
                NotificationInput(
                    recipient_id=user_id,
                    kind=kinds.OPINION_ITEM_FLAGGED_HOT,
                    title=hot_title,
                    body=item.summary[:500],
                    url=url,
                    dedupe_key=f"opinion-item-hot:{item.pk}",
                )
                for user_id in members
            )
    notify_many(items)


# --- the reporting calendar -------------------------------------------------------------------


def calendar_update(
    *, actor, department: Organization, frequency: str, due_day: int, remind_days_before: int, expected_version: int
) -> ReportingCalendar:
    """Change (or set for the first time) the department's reporting calendar: its leaders
    and officers, and administrators. `expected_version` is the version read (1 for a
    department still on the default calendar)."""
    current = calendar_of(department)
    if actor is not None and not permissions.can(actor, permissions.Action.CHANGE, current):
        raise PermissionDenied(_("Chỉ lãnh đạo, chuyên viên của ban mới đổi lịch báo cáo."))
    errors: dict[str, list[str]] = {}
    if frequency not in ReportingCalendar.Frequency.values:
        errors["frequency"] = [_("Hãy chọn định kỳ: hằng tháng hoặc hằng quý.")]
    if not isinstance(due_day, int) or not 1 <= due_day <= 31:
        errors["due_day"] = [_("Hạn nộp là một ngày từ 1 đến 31 (tháng ngắn hơn thì lấy ngày cuối tháng).")]
    if not isinstance(remind_days_before, int) or not 0 <= remind_days_before <= 31:
        errors["remind_days_before"] = [_("Số ngày nhắc trước từ 0 đến 31.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if current.pk is None:
            if expected_version != current.version:
                raise StaleVersionError()
            current.frequency, current.due_day, current.remind_days_before = frequency, due_day, remind_days_before
            current.version = expected_version + 1  # whoever read the default (version 1) is now stale
            try:
                with transaction.atomic():
                    current.save()
            except IntegrityError as exc:  # someone set it first
                raise StaleVersionError() from exc
            audit.record_create(actor=actor, target=current)
            return current
        before = audit.snapshot(current)
        current.frequency, current.due_day, current.remind_days_before = frequency, due_day, remind_days_before
        save_versioned(
            current, expected_version=expected_version, fields=["frequency", "due_day", "remind_days_before"]
        )
        audit.record_update(actor=actor, target=current, before=before)
    return current


# --- the taxonomy -----------------------------------------------------------------------------


def _require_admin(actor) -> None:
    if actor is not None and not permissions.principal(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới sửa danh mục chủ đề."))


def _clean_name(name: str, errors: dict) -> str:
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Hãy nhập tên.")]
    elif len(name) > 255:
        errors["name"] = [_("Tối đa %(n)s ký tự.") % {"n": 255}]
    return name


@transaction.atomic
def topic_save(
    *, actor, topic: Topic | None = None, name: str, position: int | None = None, is_active: bool = True
) -> Topic:
    """Add a topic (`topic` None) or rename, reorder, retire or restore one. A retired
    topic stays on the items filed under it but is no longer offered for new ones."""
    _require_admin(actor)
    errors: dict[str, list[str]] = {}
    name = _clean_name(name, errors)
    if name and Topic.objects.exclude(pk=getattr(topic, "pk", None)).filter(name__iexact=name).exists():
        errors["name"] = [_("Đã có chủ đề “%(name)s”.") % {"name": name}]
    if position is not None and not 0 <= position <= 32767:
        errors["position"] = [_("Thứ tự từ 0 đến 32767.")]
    if errors:
        raise ValidationError(errors)
    if topic is None:
        base = slugify(fold(name))[:56] or "topic"
        code, n = base, 1
        while Topic.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        last = Topic.objects.order_by("-position").values_list("position", flat=True).first() or 0
        topic = Topic.objects.create(
            code=code, name=name, position=position if position is not None else last + 10, is_active=is_active
        )
        audit.record_create(actor=actor, target=topic)
        return topic
    before = audit.snapshot(topic)
    topic.name, topic.is_active = name, is_active
    if position is not None:
        topic.position = position
    topic.save()
    audit.record_update(actor=actor, target=topic, before=before)
    return topic


@transaction.atomic
def tag_save(*, actor, tag: Tag | None = None, name: str, is_active: bool = True) -> Tag:
    """Add an event tag or rename, retire or restore one (names are unique, diacritics aside)."""
    _require_admin(actor)
    errors: dict[str, list[str]] = {}
    name = _clean_name(name, errors)
    if name and Tag.objects.exclude(pk=getattr(tag, "pk", None)).filter(folded_name=fold(name)).exists():
        errors["name"] = [_("Đã có sự kiện, dịp “%(name)s”.") % {"name": name}]
    if errors:
        raise ValidationError(errors)
    if tag is None:
        tag = Tag(name=name, is_active=is_active)
        tag.save()
        audit.record_create(actor=actor, target=tag)
        return tag
    before = audit.snapshot(tag)
    tag.name, tag.is_active = name, is_active
    tag.save()
    audit.record_update(actor=actor, target=tag, before=before)
    return tag
