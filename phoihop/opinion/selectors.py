"""Reads of public opinion, scoped to the user: the reports list (its filter shared by the
list page and the API list), one report, a department's collaborators, its reporting
calendar, the submission matrix, the summary, what collaborators owe (reminders and "Việc
của tôi") and the flagged items the hot-issue triage builds on. Every function here runs a
constant number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Membership, Role
from phoihop.core.text import fold_words
from phoihop.opinion import summary as summary_math
from phoihop.opinion.models import OpinionItem, OpinionReport, ReportingCalendar, Tag, Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.provisions import calendar

Kind = OpinionReport.Kind
Status = OpinionReport.Status


def _not_found():
    return Http404(_("Không tìm thấy."))


# --- the calendar ------------------------------------------------------------------------------


def calendar_of(department: Organization) -> ReportingCalendar:
    """The department's calendar, or the default one (monthly by the 25th), unsaved."""
    stored = ReportingCalendar.objects.filter(department=department).first()
    return stored or ReportingCalendar(department=department)


def calendar_period(cal: ReportingCalendar, year: int, number: int) -> calendar.Period:
    return calendar.period(cal.frequency, year, number, cal.due_day)


def periods_of_year(cal: ReportingCalendar, year: int) -> list[calendar.Period]:
    return calendar.periods_of_year(cal.frequency, year, cal.due_day)


def current_period(cal: ReportingCalendar, today: dt.date) -> calendar.Period:
    return calendar.period_containing(cal.frequency, today, cal.due_day)


def previous_period(cal: ReportingCalendar, period_: calendar.Period) -> calendar.Period:
    return current_period(cal, period_.start - dt.timedelta(days=1))


def parse_period_key(cal: ReportingCalendar, key: str | None) -> calendar.Period | None:
    """ "2026-10" → period 10 of 2026 of the calendar's frequency; None if not one."""
    try:
        year, number = (int(part) for part in (key or "").split("-", 1))
        if not 1900 <= year <= 2200:
            return None
        return calendar_period(cal, year, number)
    except ValueError:
        return None


# --- departments -----------------------------------------------------------------------------


def get_department_for_user(user, pk: int) -> Organization:
    """A department whose opinion work the user reads (its members other than
    collaborators, the levels above, administrators); 404 for everybody else."""
    department = Organization.objects.select_related("administrative_unit").filter(pk=pk).first()
    if department is None or not permissions.may_read_opinion_of(user, department):
        raise _not_found()
    return department


def own_departments(user) -> list[Organization]:
    """The departments the user reads as a member (leader, officer, viewer), by name."""
    who = permissions.principal(user)
    ids = permissions.opinion_reader_organization_ids(who)
    return sorted(
        (m.organization for m in who.memberships if m.organization_id in ids), key=lambda org: org.sort_name or ""
    )


def collaborator_memberships(user) -> list[Membership]:
    """The user's own collaborator memberships in force (principal: no query)."""
    return [m for m in permissions.principal(user).memberships if m.role == Role.COLLABORATOR]


# --- the list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    q: str | None = None
    department: int | None = None
    collaborator: int | None = None
    kind: str | None = None
    status: str | None = None
    year: int | None = None
    period: int | None = None
    area: int | None = None
    hot: bool | None = None


def report_list(user, filters: ReportFilter = ReportFilter()):
    qs = (
        permissions.visible_opinion_reports(user)
        .select_related("department", "collaborator", "area")
        .annotate(
            item_count=Count("items", distinct=True),
            hot_count=Count("items", filter=Q(items__flagged_hot=True), distinct=True),
        )
    )
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.collaborator:
        qs = qs.filter(collaborator_id=filters.collaborator)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.period:
        qs = qs.filter(period=filters.period)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.hot is not None:
        hot = OpinionItem.objects.filter(report_id=OuterRef("pk"), flagged_hot=True)
        qs = qs.filter(Exists(hot)) if filters.hot else qs.exclude(Exists(hot))
    for word in fold_words(filters.q):
        qs = qs.filter(items__search_text__contains=word)
    if filters.q:
        qs = qs.distinct()
    return qs.order_by("-period_end", "-id")


def get_report_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> OpinionReport:
    """404 unless the user may see the report; 403 if they see it but may not `action`."""
    report = (
        OpinionReport.objects.select_related("department", "collaborator", "area", "corrects").filter(pk=pk).first()
    )
    if report is None:
        raise _not_found()
    permissions.check(user, action, report)
    return report


def report_items(report: OpinionReport) -> list[OpinionItem]:
    return list(report.items.select_related("topic", "area").prefetch_related("tags").order_by("position", "id"))


def report_chain(user, report: OpinionReport) -> list[OpinionReport]:
    """The original and its corrections the user may see, oldest first (empty if alone)."""
    root_id = report.corrects_id or report.pk
    family = list(
        permissions.visible_opinion_reports(user)
        .filter(Q(pk=root_id) | Q(corrects_id=root_id))
        .order_by("created_at", "id")
    )
    return family if len(family) > 1 else []


def latest_versions(queryset):
    """Submitted reports that no later submitted correction replaces: of an original and
    its corrections, only the last one submitted counts."""
    later = OpinionReport.objects.filter(status=Status.SUBMITTED, corrects_id=OuterRef("root")).filter(
        Q(submitted_at__gt=OuterRef("submitted_at")) | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
    )
    return queryset.filter(status=Status.SUBMITTED).annotate(root=Coalesce("corrects_id", "pk")).filter(~Exists(later))


# --- the taxonomy ----------------------------------------------------------------------------


def topics(active_only: bool = False):
    qs = Topic.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def tags(active_only: bool = False):
    qs = Tag.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def units_for(area: AdministrativeUnit | None, limit: int = 500):
    """The units an item may name: the area and the units within it."""
    from phoihop.opinion.areas import units_within_q

    if area is None:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(units_within_q(area)).order_by("level", "sort_name", "id")[:limit]


# --- the collaborators -----------------------------------------------------------------------


def collaborators(department: Organization):
    """The department's collaborator memberships (past ones too), with the user, the area
    covered and their last submitted report (date and id); active first, by name."""
    last = OpinionReport.objects.filter(
        department_id=department.pk, collaborator_id=OuterRef("user_id"), status=Status.SUBMITTED
    ).order_by("-submitted_at", "-id")
    return (
        Membership.objects.filter(organization=department, role=Role.COLLABORATOR)
        .select_related("user", "area")
        .annotate(
            last_submitted_at=Subquery(last.values("submitted_at")[:1]),
            last_report_id=Subquery(last.values("pk")[:1]),
        )
        .order_by("user__full_name", "user__username", "id")
    )


def is_active_membership(membership: Membership, today: dt.date) -> bool:
    return (membership.valid_from is None or membership.valid_from <= today) and (
        membership.valid_to is None or membership.valid_to >= today
    )


# --- the matrix ------------------------------------------------------------------------------

NOT_MEMBER = calendar.NOT_EXPECTED
STATES = (calendar.ON_TIME, calendar.LATE, calendar.MISSING, calendar.NOT_YET_DUE, NOT_MEMBER)


def state_labels() -> dict[str, str]:
    return {
        calendar.ON_TIME: _("Đúng hạn"),
        calendar.LATE: _("Nộp muộn"),
        calendar.MISSING: _("Chưa nộp"),
        calendar.NOT_YET_DUE: _("Chưa đến hạn"),
        NOT_MEMBER: _("Chưa/không còn là cộng tác viên"),
    }


@dataclass
class Cell:
    period: calendar.Period
    state: str
    report: OpinionReport | None = None
    corrections: int = 0

    @property
    def label(self) -> str:
        return state_labels()[self.state]


@dataclass
class MatrixRow:
    membership: Membership
    cells: list[Cell]

    @property
    def user(self):
        return self.membership.user


@dataclass
class Matrix:
    department: Organization
    calendar: ReportingCalendar
    year: int
    periods: list[calendar.Period]
    rows: list[MatrixRow]
    today: dt.date

    def totals(self) -> dict[str, int]:
        result = dict.fromkeys(STATES, 0)
        for row in self.rows:
            for cell in row.cells:
                result[cell.state] += 1
        return result

    def legend(self) -> list[tuple[str, str, int]]:
        labels, totals = state_labels(), self.totals()
        return [(state, labels[state], totals[state]) for state in STATES]


def department_matrix(department: Organization, year: int, today: dt.date | None = None) -> Matrix:
    """One row per collaborator whose membership overlaps the year, one column per period
    of the department's calendar: on time (submitted by the end of the due day), late,
    missing (due day passed, nothing submitted), not yet due, or not a collaborator then.
    Three queries: the calendar, the memberships, the year's reports."""
    today = today or timezone.localdate()
    cal = calendar_of(department)
    periods = periods_of_year(cal, year)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    memberships = list(
        Membership.objects.filter(organization=department, role=Role.COLLABORATOR)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end), Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("user", "area")
        .order_by("user__full_name", "user__username", "id")
    )
    reports = (
        OpinionReport.objects.filter(
            department=department, kind=Kind.PERIODIC, frequency=cal.frequency, year=year, status=Status.SUBMITTED
        )
        .only("pk", "collaborator_id", "period", "submitted_at", "corrects_id")
        .order_by("submitted_at", "id")
    )
    originals: dict[tuple[int, int], OpinionReport] = {}
    corrections: dict[tuple[int, int], int] = defaultdict(int)
    for report in reports:
        key = (report.collaborator_id, report.period)
        if report.corrects_id is None:
            originals[key] = report
        else:
            corrections[key] += 1
    rows = []
    for membership in memberships:
        cells = []
        for period_ in periods:
            report = originals.get((membership.user_id, period_.number))
            submitted_on = timezone.localtime(report.submitted_at).date() if report else None
            member = (membership.valid_from is None or membership.valid_from <= period_.end) and (
                membership.valid_to is None or membership.valid_to >= period_.start
            )
            state = calendar.cell_state(period_, member, submitted_on, today)
            cells.append(Cell(period_, state, report, corrections[(membership.user_id, period_.number)]))
        rows.append(MatrixRow(membership, cells))
    return Matrix(department, cal, year, periods, rows, today)


# --- what collaborators owe ------------------------------------------------------------------


@dataclass(frozen=True)
class Owed:
    collaborator_id: int
    department_id: int
    department_name: str
    period: calendar.Period
    remind_days_before: int

    @property
    def key(self) -> str:
        p = self.period
        return f"{self.collaborator_id}:{self.department_id}:{p.frequency}:{p.year}:{p.number}"


def owed(*, today: dt.date, collaborator_ids=None, horizon_days: int | None = None) -> list[Owed]:
    """The periodic reports collaborators have not submitted (nor drafted as originals that
    were submitted): the periods of this year (and the last of last year) that have begun,
    that their membership overlaps, due before today (missing) or within the calendar's
    `remind_days_before` days (or `horizon_days`) from today (due soon). Two queries
    whatever the number of collaborators: the memberships with their department's
    calendar, the reports submitted."""
    memberships = Membership.objects.filter(role=Role.COLLABORATOR, user__is_active=True).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(today.year - 1, 12, 1))
    )
    if collaborator_ids is not None:
        memberships = memberships.filter(user_id__in=list(collaborator_ids))
    rows = list(
        memberships.values(
            "user_id",
            "organization_id",
            "organization__name",
            "valid_from",
            "valid_to",
            "organization__opinion_calendar__frequency",
            "organization__opinion_calendar__due_day",
            "organization__opinion_calendar__remind_days_before",
        ).order_by("organization_id", "user_id")
    )
    candidates: list[Owed] = []
    for row in rows:
        cal = ReportingCalendar(
            frequency=row["organization__opinion_calendar__frequency"] or ReportingCalendar.Frequency.MONTHLY,
            due_day=row["organization__opinion_calendar__due_day"] or ReportingCalendar.DEFAULT_DUE_DAY,
        )
        remind = row["organization__opinion_calendar__remind_days_before"]
        remind = 3 if remind is None else remind
        horizon = today + dt.timedelta(days=remind if horizon_days is None else horizon_days)
        periods = periods_of_year(cal, today.year - 1)[-1:] + periods_of_year(cal, today.year)
        for period_ in periods:
            if period_.start > today or period_.due > horizon:
                continue
            if row["valid_from"] and row["valid_from"] > period_.end:
                continue
            if row["valid_to"] and row["valid_to"] < period_.start:
                continue
            if period_.due >= today and not (
                (row["valid_from"] is None or row["valid_from"] <= today)
                and (row["valid_to"] is None or row["valid_to"] >= today)
            ):
                continue  # due soon only for collaborators still in office
            candidates.append(Owed(row["user_id"], row["organization_id"], row["organization__name"], period_, remind))
    if not candidates:
        return []
    submitted = set(
        OpinionReport.objects.filter(
            kind=Kind.PERIODIC,
            corrects__isnull=True,
            status=Status.SUBMITTED,
            year__in=[today.year - 1, today.year],
            collaborator_id__in=list({item.collaborator_id for item in candidates}),
        ).values_list("collaborator_id", "department_id", "frequency", "year", "period")
    )
    return sorted(
        (
            item
            for item in candidates
            if (item.collaborator_id, item.department_id, item.period.frequency, item.period.year, item.period.number)
            not in submitted
        ),
        key=lambda item: (item.period.due, item.department_name, item.collaborator_id),
    )


def my_reports_due(user, today: dt.date | None = None, *, soon_days: int = 14) -> dict | None:
    """ "Việc của tôi" for a collaborator: periods missing (this year), due soon, and its
    drafts. No query for a user who is no collaborator; two or three otherwise."""
    today = today or timezone.localdate()
    if not collaborator_memberships(user):
        return None
    due = owed(today=today, collaborator_ids=[user.pk], horizon_days=soon_days)
    drafts = list(
        OpinionReport.objects.filter(collaborator=user, status=Status.DRAFT)
        .select_related("department", "area")
        .order_by("-updated_at", "-id")[:20]
    )
    if not due and not drafts:
        return None
    return {
        "missing": [item for item in due if item.period.due < today],
        "due_soon": [item for item in due if item.period.due >= today],
        "drafts": drafts,
    }


def open_periods(department: Organization, membership: Membership | None, user, today: dt.date | None = None):
    """The periods of the calendar the collaborator may still report for: begun (this
    year and last), overlapped by its membership, without a report of its yet. Newest first."""
    today = today or timezone.localdate()
    cal = calendar_of(department)
    periods = [
        p
        for year in (today.year - 1, today.year)
        for p in periods_of_year(cal, year)
        if p.start <= today
        and (
            membership is None
            or (
                (membership.valid_from is None or membership.valid_from <= p.end)
                and (membership.valid_to is None or membership.valid_to >= p.start)
            )
        )
    ]
    taken = set(
        OpinionReport.objects.filter(
            department=department,
            collaborator=user,
            kind=Kind.PERIODIC,
            corrects__isnull=True,
            frequency=cal.frequency,
            year__gte=today.year - 1,
        ).values_list("year", "period")
    )
    return [p for p in reversed(periods) if (p.year, p.number) not in taken]


# --- the summary ------------------------------------------------------------------------------


@dataclass
class DepartmentSummary:
    department: Organization
    calendar: ReportingCalendar
    period: calendar.Period
    previous: calendar.Period
    periods: list[calendar.Period]
    result: summary_math.Summary
    topics: dict[int, Topic]
    areas: dict[int, AdministrativeUnit]

    def topic_rows(self) -> list[tuple[str, summary_math.Line]]:
        return [(str(self.topics.get(line.key, "—")), line) for line in self.result.by_topic]

    def area_rows(self) -> list[tuple[str, summary_math.Line]]:
        return [(str(self.areas.get(line.key, "—")), line) for line in self.result.by_area]

    def period_rows(self) -> list[tuple[str, summary_math.Line]]:
        labels = {p.key: p.label for p in self.periods}
        return [(labels[line.key], line) for line in self.result.by_period]


def department_summary(department: Organization, period_: calendar.Period | None = None, today=None):
    """Items of the department's submitted reports (the latest version of each) by topic,
    by area and by period, with the trend against the previous period. The year of
    `period_` (default: the current period) up to it, plus the period before the year.
    Four queries: the calendar, one GROUP BY, the topics and the areas named."""
    today = today or timezone.localdate()
    cal = calendar_of(department)
    period_ = period_ or current_period(cal, today)
    previous = previous_period(cal, period_)
    periods = [p for p in periods_of_year(cal, period_.year) if p.number <= period_.number]
    before_first = previous_period(cal, periods[0])
    reports = latest_versions(
        OpinionReport.objects.filter(
            department=department, period_start__gte=before_first.start, period_start__lte=period_.end
        )
    )
    grouped = (
        OpinionItem.objects.filter(report__in=reports.values("pk"))
        .values(
            "report__period_start",
            "topic_id",
            "area_id",
            "direction",
            "intensity",
            "breadth",
            "flagged_hot",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for row in grouped:
        key = current_period(cal, row["report__period_start"]).key
        rows.append(
            summary_math.Row(
                key,
                row["topic_id"],
                row["area_id"],
                row["direction"],
                row["intensity"],
                row["breadth"],
                row["flagged_hot"],
                row["n"],
            )
        )
    result = summary_math.summarise(
        rows,
        period=period_.key,
        previous=previous.key,
        periods=[p.key for p in periods],
        before_first=before_first.key,
    )
    topic_ids = {line.key for line in result.by_topic}
    area_ids = {line.key for line in result.by_area}
    return DepartmentSummary(
        department=department,
        calendar=cal,
        period=period_,
        previous=previous,
        periods=periods,
        result=result,
        topics=Topic.objects.in_bulk(topic_ids) if topic_ids else {},
        areas=AdministrativeUnit.objects.in_bulk(area_ids) if area_ids else {},
    )


# --- flagged items (the hot-issue triage builds on this) -------------------------------------


def flagged_items(user, department: Organization | None = None):
    """Items flagged as hot in submitted reports the user may see (of one department if
    given), newest first, with their report, topic and area."""
    reports = permissions.visible_opinion_reports(user).filter(status=Status.SUBMITTED)
    if department is not None:
        reports = reports.filter(department=department)
    return (
        OpinionItem.objects.filter(flagged_hot=True, report__in=reports.values("pk"))
        .select_related("report", "report__department", "topic", "area")
        .order_by("-report__submitted_at", "-id")
    )
