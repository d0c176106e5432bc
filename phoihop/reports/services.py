"""Every write to official reports: create a draft, edit it, recompute its figures, issue
it. One keyword-only function per action, one transaction, audited; views, API, demo and
tests call these. The generation of files is in `reports.jobs`.

The rules live here, for every caller:

* the issuer is an organisation the actor edits for (leader, officer, focal point); the
  scope is one the actor may read (`permissions.may_report_on`);
* the kind fits the scope: a programme review is written on a programme; the hot-issue
  situation report names a hot issue the actor sees and the competent agency asked to act;
* the period ends on or after its start, spans at most five years, and is not in the
  future (a periodic report may be drafted while its period runs; others once it is over);
* the regime (Party or state layout) follows the issuer (`regime_of`);
* only drafts are edited, recomputed and issued; an edit carries the version read (a
  stale one is refused, never merged); issuing refuses an empty required section and
  takes the next number of the issuer's series for the year atomically.

`actor=None` is the system (demo, imports).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.organisations.models import Level, Organization
from phoihop.reports import document, figures, kinds
from phoihop.reports.models import NumberingSeries, Report, regime_of

OFFICE_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TYPE_CODE = "BC"
MAX_PERIOD_DAYS = 5 * 366
# Kinds whose period is a calendar month, quarter, half or year: drafted while it runs.
PERIODIC_KINDS = frozenset(
    {
        Report.Kind.MONTHLY,
        Report.Kind.QUARTERLY,
        Report.Kind.SIX_MONTHLY,
        Report.Kind.ANNUAL,
        Report.Kind.OPINION_SUMMARY,
    }
)
REVIEW_KINDS = frozenset({Report.Kind.MIDTERM_REVIEW, Report.Kind.FINAL_REVIEW})
OFFICIAL_FIELDS = ("title", "place", "signer_authority", "signer_title", "signer_name", "recipients")
TITLE_MAX = 500
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a report's period may lie in


class ReportIssuedError(ValidationError):
    """The report is issued: it is frozen (the API answers 409)."""

    def __init__(self):
        super().__init__(_("Báo cáo đã ban hành, không thể thay đổi."), code="issued")


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def office_today() -> dt.date:
    return timezone.localdate(timezone=OFFICE_TZ)


def _may_change(actor, report: Report) -> None:
    if actor is not None and not permissions.can(actor, Action.CHANGE, report):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if report.is_issued:
        raise ReportIssuedError()


# --- periods ------------------------------------------------------------------------------


def period_bounds(
    kind: str, year: int, *, month: int | None = None, quarter: int | None = None, half: int | None = None
) -> tuple[dt.date, dt.date]:
    """The calendar period of a periodic kind: a month, a quarter, a half or a year.
    Raises ValueError (naming the missing part) when the part the kind needs is absent."""
    if kind in (Report.Kind.MONTHLY, Report.Kind.OPINION_SUMMARY):
        if not month or not 1 <= month <= 12:
            raise ValueError("month")
        first_month, months = month, 1
    elif kind == Report.Kind.QUARTERLY:
        if not quarter or not 1 <= quarter <= 4:
            raise ValueError("quarter")
        first_month, months = 3 * quarter - 2, 3
    elif kind == Report.Kind.SIX_MONTHLY:
        if not half or half not in (1, 2):
            raise ValueError("half")
        first_month, months = 6 * half - 5, 6
    elif kind == Report.Kind.ANNUAL:
        first_month, months = 1, 12
    else:
        raise ValueError("dates")
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    following = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return start, following - dt.timedelta(days=1)


def _check_period(kind: str, start: dt.date | None, end: dt.date | None, today: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if start is None:
        errors["period_start"] = [_("Hãy nhập ngày bắt đầu kỳ báo cáo.")]
    if end is None:
        errors["period_end"] = [_("Hãy nhập ngày kết thúc kỳ báo cáo.")]
    if errors:
        return errors
    for name, day in (("period_start", start), ("period_end", end)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            # year 1 overflowed when the period's bounds were turned into UTC moments (a 500)
            errors[name] = [_("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]
    if errors:
        return errors
    if end < start:
        errors["period_end"] = [_("Ngày kết thúc không thể trước ngày bắt đầu.")]
    elif (end - start).days > MAX_PERIOD_DAYS:
        errors["period_end"] = [_("Kỳ báo cáo dài tối đa 5 năm.")]
    elif kind in PERIODIC_KINDS and start > today:
        errors["period_start"] = [_("Kỳ báo cáo chưa bắt đầu: chưa thể lập báo cáo cho kỳ này.")]
    elif kind not in PERIODIC_KINDS and end > today:
        errors["period_end"] = [_("Ngày kết thúc kỳ báo cáo không thể ở tương lai.")]
    return errors


# --- defaults of the official parts ------------------------------------------------------------


def default_place(issuer: Organization) -> str:
    """The issuer's province, by its short name ("Đắk Lắk"); the capital for the centre."""
    unit = issuer.administrative_unit
    if unit is None:
        return "Hà Nội" if issuer.level == Level.CENTRAL else ""
    province = unit if unit.level == Level.PROVINCE else unit.province
    return (province or unit).short_name


def default_recipients(report: Report) -> str:
    """The usual "Nơi nhận" lines of the kind, ending with "- Lưu: …"."""
    lines = []
    if report.kind in REVIEW_KINDS:
        lines += ["- Các cơ quan tham gia chương trình,", "- Cấp ủy, cơ quan cấp trên (để báo cáo),"]
    elif report.kind == Report.Kind.HOT_ISSUE_SITUATION and report.request_to is not None:
        lines += [f"- {report.request_to.name} (để đề nghị),", "- Cấp ủy, cơ quan cấp trên (để báo cáo),"]
    else:
        lines += ["- Cấp ủy, cơ quan cấp trên (để báo cáo),", "- Các cơ quan phối hợp,"]
    code = report.issuer.issuer_code
    lines.append(f"- Lưu: VT, {code}." if code else "- Lưu: VT.")
    return "\n".join(lines)


def _signer_defaults(issuer: Organization) -> dict:
    last = (
        Report.objects.filter(issuer=issuer, status=Report.Status.ISSUED)
        .order_by("-issued_at", "-id")
        .values("signer_authority", "signer_title", "signer_name")
        .first()
    )
    return last or {}


def _compute(report: Report, *, keep_text: bool, actor=None) -> None:
    """Fill the figures and the sections; `keep_text` keeps the text of sections already
    written (by key). The prose names only records the actor may see."""
    computed = figures.compute(report)
    report.figures = [figure.as_json() for figure in computed]
    viewer = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    fresh = kinds.sections_for(report, computed, viewer)
    if keep_text:
        written = {s["key"]: s.get("text", "") for s in report.sections or [] if (s.get("text") or "").strip()}
        for section in fresh:
            if section["key"] in written:
                section["text"] = written[section["key"]]
    report.sections = [{**s, "heading": str(s["heading"])} for s in fresh]
    report.computed_at = timezone.now()


# --- create -----------------------------------------------------------------------------------


def report_create(
    *,
    actor,
    issuer: Organization | None,
    kind: str,
    scope_kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    organization: Organization | None = None,
    program=None,
    area=None,
    hot_issue=None,
    request_to: Organization | None = None,
) -> Report:
    """A new draft: its figures computed, its sections pre-filled, its official parts
    defaulted (place, the signer of the issuer's last issued report, the usual recipients)."""
    errors: dict[str, list[str]] = {}
    who = permissions.principal(actor) if actor is not None else None
    if issuer is None:
        errors["issuer"] = [_("Hãy chọn cơ quan ban hành.")]
    elif who is not None and not (who.is_admin or issuer.pk in who.editor_organization_ids):
        errors["issuer"] = [_("Chỉ lãnh đạo, chuyên viên của cơ quan mới lập báo cáo của cơ quan.")]
    if kind not in Report.Kind.values:
        errors["kind"] = [_("Hãy chọn loại báo cáo.")]
    targets = {
        Report.ScopeKind.ORGANIZATION: ("organization", organization, _("Hãy chọn cơ quan, đơn vị.")),
        Report.ScopeKind.PROGRAM: ("program", program, _("Hãy chọn chương trình phối hợp.")),
        Report.ScopeKind.AREA: ("area", area, _("Hãy chọn địa bàn.")),
    }
    target = None
    if scope_kind not in targets:
        errors["scope_kind"] = [_("Hãy chọn phạm vi báo cáo.")]
    else:
        field, target, missing = targets[scope_kind]
        if target is None:
            errors[field] = [missing]
        elif actor is not None and not permissions.may_report_on(actor, scope_kind, target):
            errors[field] = [_("Bạn không được xem số liệu của phạm vi này nên không thể lập báo cáo về nó.")]
    if kind in REVIEW_KINDS and scope_kind != Report.ScopeKind.PROGRAM:
        errors["scope_kind"] = [_("Báo cáo sơ kết, tổng kết được lập cho một chương trình phối hợp.")]
    if kind == Report.Kind.HOT_ISSUE_SITUATION:
        if hot_issue is None:
            errors["hot_issue"] = [_("Hãy chọn vấn đề nổi cộm.")]
        elif actor is not None and not permissions.visible_hot_issues(actor).filter(pk=hot_issue.pk).exists():
            errors["hot_issue"] = [_("Không tìm thấy vấn đề nổi cộm này.")]
        if request_to is None:
            errors["request_to"] = [_("Hãy chọn cơ quan có thẩm quyền được đề nghị.")]
        elif issuer is not None and request_to.pk == issuer.pk:
            errors["request_to"] = [_("Cơ quan được đề nghị phải khác cơ quan ban hành.")]
        elif actor is not None and not permissions.visible_organizations(actor).filter(pk=request_to.pk).exists():
            errors["request_to"] = [_("Không tìm thấy: %(ids)s.") % {"ids": request_to.pk}]  # as unknown: no name
    else:
        hot_issue = request_to = None
    if kind in Report.Kind.values:
        errors.update(_check_period(kind, period_start, period_end, office_today()))
    if errors:
        raise ValidationError(errors)

    report = Report(
        issuer=issuer,
        kind=kind,
        regime=regime_of(issuer),
        scope_kind=scope_kind,
        scope_organization=target if scope_kind == Report.ScopeKind.ORGANIZATION else None,
        scope_program=target if scope_kind == Report.ScopeKind.PROGRAM else None,
        scope_area=target if scope_kind == Report.ScopeKind.AREA else None,
        hot_issue=hot_issue,
        request_to=request_to,
        period_start=period_start,
        period_end=period_end,
        place=default_place(issuer),
        created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        **_signer_defaults(issuer),
    )
    report.title = str(kinds.default_title(report))[:TITLE_MAX]
    report.recipients = default_recipients(report)
    with transaction.atomic():
        _compute(report, keep_text=False, actor=actor)
        report.save()
        audit.record_create(actor=actor, target=report)
    return report


# --- edit and recompute -------------------------------------------------------------------------


def report_update(
    *, actor, report: Report, expected_version: int, sections: dict[str, str] | None = None, **values
) -> Report:
    """Change a draft: the text of sections (by key) and the official fields given among
    OFFICIAL_FIELDS."""
    _may_change(actor, report)
    unknown = set(values) - set(OFFICIAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    sections = sections or {}
    known = {s["key"] for s in report.sections}
    strangers = [key for key in sections if key not in known]
    if strangers:
        errors["sections"] = [_("Không có phần nội dung: %(keys)s.") % {"keys": ", ".join(strangers)}]
    for name in ("title", "place", "signer_title", "signer_name", "recipients"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "title" in values:
        if not values["title"]:
            errors["title"] = [_("Hãy nhập trích yếu của báo cáo.")]
        elif len(values["title"]) > TITLE_MAX:
            errors["title"] = [_("Tối đa %(n)s ký tự.") % {"n": TITLE_MAX}]
    for name in ("place", "signer_title", "signer_name"):
        limit = Report._meta.get_field(name).max_length
        if len(values.get(name) or "") > limit:
            errors[name] = [_("Tối đa %(n)s ký tự.") % {"n": limit}]
    if "signer_authority" in values and values["signer_authority"] not in Report.Authority.values:
        errors["signer_authority"] = [_("Lựa chọn không có trong danh sách.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(report, ["sections", *values])
    report.sections = [
        {**s, "text": (sections[s["key"]] or "").strip()} if s["key"] in sections else s for s in report.sections
    ]
    for name, value in values.items():
        setattr(report, name, value)
    with transaction.atomic():
        save_versioned(report, expected_version=expected_version, fields=["sections", *values])
        audit.record_update(actor=actor, target=report, before=before)
    return report


def report_recompute(*, actor, report: Report, expected_version: int, reset_text: bool = False) -> Report:
    """Compute the figures again from the records; the sections written by the officer
    are kept unless `reset_text`."""
    _may_change(actor, report)
    before = audit.snapshot(report, ["figures", "sections"])
    _compute(report, keep_text=not reset_text, actor=actor)
    fields = ["figures", "sections", "computed_at"]
    with transaction.atomic():
        save_versioned(report, expected_version=expected_version, fields=fields)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="report_recomputed",
            target=report,
            changes=audit.diff(before, audit.snapshot(report, ["figures", "sections"])),
            message=_("Tính lại số liệu và đặt lại nội dung.") if reset_text else _("Tính lại số liệu."),
        )
    return report


# --- issue ---------------------------------------------------------------------------------------


def _series(issuer: Organization, year: int) -> NumberingSeries:
    """The issuer's series for the year, created at its first use (race-safe: a concurrent
    creator wins, we read its row)."""
    lookup = {"issuer": issuer, "year": year, "type_code": TYPE_CODE}
    series = NumberingSeries.objects.filter(**lookup).first()
    if series is not None:
        return series
    try:
        with transaction.atomic():
            return NumberingSeries.objects.create(**lookup)
    except IntegrityError:
        return NumberingSeries.objects.get(**lookup)


def next_number(issuer: Organization, year: int) -> int:
    """Take the next number of the series. Call inside the issuing transaction: the UPDATE
    locks the row (PostgreSQL) or the database (SQLite) until it commits, so concurrent
    issuers get distinct consecutive numbers."""
    series = _series(issuer, year)
    NumberingSeries.objects.filter(pk=series.pk).update(last_number=F("last_number") + 1)
    return NumberingSeries.objects.values_list("last_number", flat=True).get(pk=series.pk)


def empty_required_sections(report: Report) -> list[str]:
    return [s["heading"] for s in report.sections if s.get("required") and not (s.get("text") or "").strip()]


def report_issue(*, actor, report: Report, expected_version: int) -> Report:
    """Issue a draft: the next number of the issuer's series for the year, today's date
    (Vietnam time), frozen; then generate its files."""
    from phoihop.reports import jobs

    _may_change(actor, report)
    empty = empty_required_sections(report)
    if empty:
        raise _error(
            "sections",
            _("Chưa thể ban hành: phần bắt buộc chưa có nội dung: %(sections)s.") % {"sections": "; ".join(empty)},
        )
    tracked = ["status", "number", "number_year", "number_symbol", "issued_on", "issued_at", "issued_by"]
    before = audit.snapshot(report, tracked)
    with transaction.atomic():
        today = office_today()
        number = next_number(report.issuer, today.year)
        report.status = Report.Status.ISSUED
        report.number, report.number_year = number, today.year
        report.number_symbol = document.number_text(report.regime, number, TYPE_CODE, report.issuer.issuer_code)
        report.issued_on, report.issued_at = today, timezone.now()
        report.issued_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        save_versioned(report, expected_version=expected_version, fields=tracked)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="report_issued",
            target=report,
            changes=audit.diff(before, audit.snapshot(report, tracked)),
            message=report.number_symbol,
        )
        jobs.report_generate(actor=actor, report=report, formats=list(jobs.FORMATS), check=False)
    return report
