"""The figures of a dashboard: for an organisation scope (the ids that
`organisations.scope.organization_scope` resolves, lineage included) and a period (a
year, or a quarter of it).

Every function reads a bounded number of queries whatever the number of rows (grouped
aggregates; months truncated in Asia/Ho_Chi_Minh), on PostgreSQL and SQLite alike.
The rules are the owning apps' own: task buckets from `programs.models.bucket_q`,
information provided on time from `InformationProvision.is_on_time` and missing from
`provisions.selectors.owed`, the latest version of an opinion report from
`opinion.selectors.latest_versions`, meetings and inspections from their roll-up
selectors.

What counts in a period:

* tasks due within it, in which an organisation of the scope takes part (as lead or
  partner), bucketed as of the period's end — or today, if that is earlier;
* information provided by the scope with its deadline within the period (received on
  time or late), and the periods it owed, due within the period by yesterday (missing);
* hot issues of the scope open at some time in the period (detected by its end, not
  closed before its start);
* the items of the scope's submitted opinion reports ending within the period;
* press items of the scope published within it;
* meetings held and inspections started within it; exemplary models commended in its year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.text import sort_key
from phoihop.exemplary.selectors import commended_in
from phoihop.hotissues.models import HotIssue
from phoihop.inspections.selectors import inspections_in, remediation_progress
from phoihop.meetings.selectors import conclusion_progress, meetings_in
from phoihop.opinion.models import Direction, OpinionItem, OpinionReport
from phoihop.opinion.selectors import latest_versions
from phoihop.press.models import PressItem, Tone
from phoihop.programs.models import Bucket, Task, TaskPart, bucket_q
from phoihop.provisions import calendar
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.selectors import owed

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR, LAST_YEAR = 2000, 2100
TOP_PARTIES = 6
ROMAN = calendar.ROMAN


# --- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, year, quarter=None, *, today: dt.date | None = None) -> Period:
        """From the query string (strings or ints; year defaults to this year, quarter to
        none); ValidationError with a Vietnamese message per field otherwise."""
        errors = {}
        today = today or timezone.localdate()
        year_value = today.year
        if year not in (None, ""):
            try:
                year_value = int(year)
            except (TypeError, ValueError):
                errors["year"] = _("Năm phải là một số, ví dụ 2026.")
            else:
                if not FIRST_YEAR <= year_value <= LAST_YEAR:
                    errors["year"] = _("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        quarter_value = None
        if quarter not in (None, ""):
            try:
                quarter_value = int(quarter)
            except (TypeError, ValueError):
                quarter_value = 0
            if not 1 <= quarter_value <= 4:
                errors["quarter"] = _("Quý phải là 1, 2, 3 hoặc 4.")
        if errors:
            raise ValidationError(errors)
        return cls(year_value, quarter_value)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2 if self.quarter else 1, 1)

    @property
    def end(self) -> dt.date:
        if self.quarter:
            month = 3 * self.quarter
            return dt.date(self.year, month, calendar.last_day(self.year, month))
        return dt.date(self.year, 12, 31)

    @property
    def months(self) -> list[int]:
        return list(range(self.start.month, self.end.month + 1))

    @property
    def label(self) -> str:
        """ "Quý III/2026" or "Năm 2026"."""
        if self.quarter:
            return calendar.period_label(calendar.QUARTERLY, self.year, self.quarter)
        return calendar.period_label(calendar.ANNUAL, self.year, 1)

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    def as_of(self, today: dt.date) -> dt.date:
        """The day the buckets are computed on: the period's end, or today if earlier."""
        return min(self.end, today)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[first instant, first instant after] of the period, in local time."""
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=LOCAL)
        return start, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL)


def month_label(month: int) -> str:
    return _("T%(n)s") % {"n": month}


def quarter_label(quarter: int) -> str:
    return _("Quý %(n)s") % {"n": ROMAN[quarter]}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _month_of(value) -> int:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, LOCAL) if timezone.is_aware(value) else value
    return value.month


# --- tasks ------------------------------------------------------------------------------------


def _tasks(ids, period: Period):
    parts = TaskPart.objects.filter(organization_id__in=list(ids)).values("task_id")
    return Task.objects.filter(pk__in=parts, due_date__gte=period.start, due_date__lte=period.end)


def tasks_by_bucket(ids, period: Period, today: dt.date) -> dict:
    """{bucket: n} for each Bucket, "total" (cancelled ones included) and "on_time_rate":
    the share, in %, of the bucketed tasks that are not late (done on time or open within
    their deadline). One query."""
    counts = _tasks(ids, period).bucket_counts(period.as_of(today))
    bucketed = sum(counts[bucket.value] for bucket in Bucket)
    on_time = counts[Bucket.DONE_ON_TIME] + counts[Bucket.OPEN_ON_TIME]
    result = {bucket.value: counts[bucket.value] for bucket in Bucket}
    result["total"] = counts["total"]
    result["on_time_rate"] = _percent(on_time, bucketed)
    return result


def tasks_by_party(ids, period: Period, today: dt.date, *, top: int = TOP_PARTIES) -> list[dict]:
    """One row per lead organisation (the `top` with most tasks, then "Khác" for the
    rest): {"name", "total", bucket: n...}. One query."""
    as_of = period.as_of(today)
    rows = list(
        _tasks(ids, period)
        .values("lead_id", "lead__name")
        .annotate(total=Count("id"), **{bucket.value: Count("id", filter=bucket_q(bucket, as_of)) for bucket in Bucket})
        .order_by()
    )
    rows.sort(key=lambda row: (-row["total"], sort_key(row["lead__name"])))
    result = [
        {"name": row["lead__name"], "total": row["total"], **{b.value: row[b.value] for b in Bucket}}
        for row in rows[:top]
    ]
    if len(rows) > top:
        rest = rows[top:]
        result.append(
            {
                "name": _("Khác"),
                "total": sum(row["total"] for row in rest),
                **{b.value: sum(row[b.value] for row in rest) for b in Bucket},
            }
        )
    return result


def task_groups(groups: dict[str, set[int]], period: Period, today: dt.date) -> dict[str, dict]:
    """Per group of organisations (the units view): {"total", "overdue", "on_time_rate"},
    each task counted once per group. One query."""
    from django.db.models import Case, CharField, Value, When

    whens = [When(organization_id__in=list(ids), then=Value(key)) for key, ids in groups.items() if ids]
    all_ids = set().union(*groups.values()) if groups else set()
    result = {key: {"total": 0, "overdue": 0, "on_time_rate": None} for key in groups}
    if not whens:
        return result
    as_of = period.as_of(today)
    rows = (
        TaskPart.objects.filter(
            organization_id__in=list(all_ids), task__due_date__gte=period.start, task__due_date__lte=period.end
        )
        .annotate(group=Case(*whens, default=Value(""), output_field=CharField()))
        .values("group")
        .annotate(
            total=Count("task_id", distinct=True),
            **{b.value: Count("task_id", distinct=True, filter=bucket_q(b, as_of, prefix="task__")) for b in Bucket},
        )
        .order_by()
    )
    for row in rows:
        if row["group"] not in result:
            continue
        bucketed = sum(row[b.value] for b in Bucket)
        result[row["group"]] = {
            "total": row["total"],
            "overdue": row[Bucket.OPEN_OVERDUE],
            "on_time_rate": _percent(row[Bucket.DONE_ON_TIME] + row[Bucket.OPEN_ON_TIME], bucketed),
        }
    return result


# --- information provision ------------------------------------------------------------------


def provisions_by_provider(ids, period: Period, today: dt.date) -> dict[int, Counter]:
    """{provider id: Counter(on_time, late, no_deadline, missing)}. Three queries: the
    provisions received (their own `is_on_time` rule), and what was owed and not received
    (`provisions.selectors.owed`, two queries) with its due day in the period, by yesterday."""
    ids = list(ids)
    result: dict[int, Counter] = defaultdict(Counter)
    if not ids:
        return result
    start, stop = period.bounds()
    received = InformationProvision.objects.filter(provider_id__in=ids, corrects__isnull=True).filter(
        Q(due_at__gte=start, due_at__lt=stop) | Q(due_at__isnull=True, provided_at__gte=start, provided_at__lt=stop)
    )
    for provision in received.only("pk", "provider_id", "kind", "provided_at", "due_at").order_by():
        timely = provision.is_on_time()
        state = "no_deadline" if timely is None else ("on_time" if timely else "late")
        result[provision.provider_id][state] += 1
    due_until = min(period.end, today - dt.timedelta(days=1))
    if due_until >= period.start:
        for item in owed(provider_ids=ids, years=[period.year], due_from=period.start, due_until=due_until):
            result[item.provider_id]["missing"] += 1
    return result


def provision_figures(counter: Counter) -> dict:
    on_time, late, missing = counter["on_time"], counter["late"], counter["missing"]
    return {
        "on_time": on_time,
        "late": late,
        "missing": missing,
        "no_deadline": counter["no_deadline"],
        "on_time_rate": _percent(on_time, on_time + late + missing),
    }


def provisions(ids, period: Period, today: dt.date) -> dict:
    """{"on_time", "late", "missing", "no_deadline", "on_time_rate"} for the scope."""
    total = Counter()
    for counter in provisions_by_provider(ids, period, today).values():
        total.update(counter)
    return provision_figures(total)


# --- hot issues ------------------------------------------------------------------------------


def _hot_issues(ids, period: Period):
    start, stop = period.bounds()
    return HotIssue.objects.filter(owner_id__in=list(ids), detected_at__lt=stop).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start)
    )


def hot_issues(ids, period: Period) -> dict:
    """{"total", "open", "by_state": [{status, label, n}], "by_topic": [{name, n}],
    "by_area": [{name, n}]}. Three queries."""
    base = _hot_issues(ids, period)
    labels = dict(HotIssue.Status.choices)
    states = dict(base.values_list("status").annotate(n=Count("id")).order_by())
    by_state = [{"status": s, "label": str(labels[s]), "n": states.get(s, 0)} for s in HotIssue.Status.values]

    def grouped(field: str) -> list[dict]:
        rows = base.values(f"{field}_id", f"{field}__name").annotate(n=Count("id")).order_by()
        items = [{"name": row[f"{field}__name"], "n": row["n"]} for row in rows]
        return sorted(items, key=lambda item: (-item["n"], sort_key(item["name"])))

    total = sum(states.values())
    return {
        "total": total,
        "open": total - states.get(HotIssue.Status.RESOLVED, 0),
        "by_state": by_state,
        "by_topic": grouped("topic"),
        "by_area": grouped("area"),
    }


def open_hot_issues_by_owner(ids, period: Period) -> dict[int, int]:
    rows = (
        _hot_issues(ids, period)
        .exclude(status=HotIssue.Status.RESOLVED)
        .values("owner_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["owner_id"]: row["n"] for row in rows}


# --- opinion and press -----------------------------------------------------------------------


def _opinion_reports(ids, period: Period):
    reports = OpinionReport.objects.filter(
        department_id__in=list(ids), period_end__gte=period.start, period_end__lte=period.end
    )
    return latest_versions(reports)


def opinion_by_month(ids, period: Period) -> dict:
    """{"months": [{month, label, <direction>: n...}], "reports": n, "items": n}: the
    items of the scope's latest submitted reports, by the month the report ends in and
    by direction. Two queries."""
    reports = _opinion_reports(ids, period)
    rows = (
        OpinionItem.objects.filter(report__in=reports.values("pk"))
        .annotate(month=TruncMonth("report__period_end"))
        .values("month", "direction")
        .annotate(n=Count("id"))
        .order_by()
    )
    table = {month: dict.fromkeys(Direction.values, 0) for month in period.months}
    for row in rows:
        table[_month_of(row["month"])][row["direction"]] += row["n"]
    months = [{"month": m, "label": month_label(m), **table[m]} for m in period.months]
    return {
        "months": months,
        "items": sum(sum(row[d] for d in Direction.values) for row in months),
        "reports": reports.count(),
    }


def opinion_reports_by_department(ids, period: Period) -> dict[int, int]:
    rows = _opinion_reports(ids, period).values("department_id").annotate(n=Count("id")).order_by()
    return {row["department_id"]: row["n"] for row in rows}


def press_by_month(ids, period: Period) -> dict:
    """{"months": [{month, label, items, negative}], "items", "negative"}. One query."""
    rows = (
        PressItem.objects.filter(owner_id__in=list(ids), published_on__gte=period.start, published_on__lte=period.end)
        .annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(items=Count("id"), negative=Count("id", filter=Q(tone=Tone.NEGATIVE)))
        .order_by()
    )
    table = {month: {"items": 0, "negative": 0} for month in period.months}
    for row in rows:
        entry = table[_month_of(row["month"])]
        entry["items"] += row["items"]
        entry["negative"] += row["negative"]
    months = [{"month": m, "label": month_label(m), **table[m]} for m in period.months]
    return {
        "months": months,
        "items": sum(row["items"] for row in months),
        "negative": sum(row["negative"] for row in months),
    }


# --- meetings, inspections, exemplary models ------------------------------------------------


def meetings(ids, period: Period) -> dict:
    """Meetings held, by quarter (a year) or by month (a quarter), with the progress of the
    tasks their conclusions became: {"buckets": [{label, held, conclusions_done,
    conclusions}], "held", "conclusions_done", "conclusions"}. Two queries."""
    rows = list(
        meetings_in(set(ids), period.start, period.end)
        .annotate(month=TruncMonth("starts_at", tzinfo=LOCAL))
        .values_list("pk", "month")
        .order_by()
    )
    progress = conclusion_progress([pk for pk, _month in rows]) if rows else {}
    if period.quarter:
        keys = [(m, month_label(m)) for m in period.months]

        def key_of(month: int) -> int:
            return month

    else:
        keys = [(q, quarter_label(q)) for q in range(1, 5)]

        def key_of(month: int) -> int:
            return (month - 1) // 3 + 1

    table = {key: {"held": 0, "conclusions_done": 0, "conclusions": 0} for key, _label in keys}
    for pk, month in rows:
        entry = table[key_of(_month_of(month))]
        done, total = progress.get(pk, (0, 0))
        entry["held"] += 1
        entry["conclusions_done"] += done
        entry["conclusions"] += total
    buckets = [{"label": label, **table[key]} for key, label in keys]
    return {
        "buckets": buckets,
        "held": len(rows),
        "conclusions_done": sum(b["conclusions_done"] for b in buckets),
        "conclusions": sum(b["conclusions"] for b in buckets),
    }


def remediation(ids, period: Period, *, listed: int = 8) -> dict:
    """Inspections started in the period and how much of what they found is remedied:
    {"inspections", "remedied", "conclusions", "items": [{title, remedied, conclusions}]}
    (the latest `listed`). Two queries."""
    rows = list(
        inspections_in(set(ids), period.start, period.end).order_by("-started_on", "-id").values_list("pk", "title")
    )
    progress = remediation_progress([pk for pk, _title in rows]) if rows else {}
    items = [
        {"title": title, "remedied": progress.get(pk, (0, 0))[0], "conclusions": progress.get(pk, (0, 0))[1]}
        for pk, title in rows
    ]
    return {
        "inspections": len(rows),
        "remedied": sum(item["remedied"] for item in items),
        "conclusions": sum(item["conclusions"] for item in items),
        "items": items[:listed],
    }


def exemplary(ids, period: Period) -> dict:
    """Exemplary models commended in the period's year: {"commended", "by_field": [...]}. One query."""
    from phoihop.exemplary.models import ExemplaryModel

    labels = dict(ExemplaryModel.Field.choices)
    rows = commended_in(set(ids), period.year).values("field").annotate(n=Count("id")).order_by()
    by_field = sorted(
        ({"field": row["field"], "label": str(labels.get(row["field"], row["field"])), "n": row["n"]} for row in rows),
        key=lambda item: (-item["n"], item["field"]),
    )
    return {"commended": sum(item["n"] for item in by_field), "by_field": by_field}


# --- the whole dashboard ---------------------------------------------------------------------


def dashboard(ids, period: Period, today: dt.date | None = None) -> dict:
    """Every figure of one scope's dashboard, as plain data (the API returns it as is)."""
    today = today or timezone.localdate()
    ids = set(ids)
    return {
        "period": {"year": period.year, "quarter": period.quarter, "label": period.label, "as_of": period.as_of(today)},
        "tasks": tasks_by_bucket(ids, period, today),
        "tasks_by_party": tasks_by_party(ids, period, today),
        "provisions": provisions(ids, period, today),
        "hot_issues": hot_issues(ids, period),
        "opinion": opinion_by_month(ids, period),
        "press": press_by_month(ids, period),
        "meetings": meetings(ids, period),
        "remediation": remediation(ids, period),
        "exemplary": exemplary(ids, period),
    }
