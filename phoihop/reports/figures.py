"""The figures of a report, computed from the records (issue 6 item 4).

Contract (the report services call `compute`; the trace page reads `Figure.kind` and
`Figure.ids`): every figure says what it counts and keeps the ids of the records it
counts, so a click on the number shows exactly those records.

* **Scope.** An organisation scope counts the organisation, its subordinate units and
  their predecessors through the re-organisation lineage; an area scope the organisations
  of the area, of the units below it and of the units it came from — both resolved by
  `organisations.scope`, nowhere else. A programme scope counts the programme's own
  records (the tasks of its plans, its provisions, meetings, inspections, hot issues,
  exemplary models); records that belong to no programme (opinion reports, false claims)
  are not counted in a programme's report.
* **Work is counted by the organisation it belongs to**: a task by its lead or a partner
  (a task part), a provision by its provider or its receiver, opinion reports by the
  department they are filed with, hot issues, press items, false claims by the department
  that keeps them, meetings by their organiser or a participant, inspections by the
  inspecting or the inspected body, exemplary models by the nominating organisation.
* **Tasks in a period**: the tasks due within it (cancelled ones aside), in their bucket
  as of the period's last day (`programs.models.bucket_q`; a task completed after the
  period counts as still open at its end).
* **Constant cost**: one query per record set, whatever the number of rows (the rows are
  grouped in Python). A figure keeps the ids of at most `MAX_IDS` (5,000) records — the
  value is always the full count; the trace page says when it shows only the first 5,000.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_IDS = 5000


# The title of each group of figures, for the report page's tables and the document's
# (one place: reports.build and the page read it).
GROUP_TITLES = {
    "tasks": gettext_lazy("Thực hiện nhiệm vụ"),
    "tasks_by_lead": gettext_lazy("Nhiệm vụ theo cơ quan chủ trì"),
    "content": gettext_lazy("Thực hiện theo nội dung phối hợp"),
    "plans": gettext_lazy("Kế hoạch hằng năm"),
    "provisions": gettext_lazy("Cung cấp thông tin"),
    "meetings": gettext_lazy("Hội nghị, giao ban"),
    "inspections": gettext_lazy("Kiểm tra và khắc phục"),
    "hot_issues": gettext_lazy("Vấn đề nổi cộm"),
    "hot_issues_by_state": gettext_lazy("Vấn đề nổi cộm theo trạng thái"),
    "hot_issue": gettext_lazy("Vấn đề nổi cộm"),
    "opinion": gettext_lazy("Tình hình dư luận xã hội"),
    "opinion_summary": gettext_lazy("Tổng hợp dư luận xã hội"),
    "opinion_by_topic": gettext_lazy("Dư luận xã hội theo chủ đề"),
    "opinion_by_area": gettext_lazy("Dư luận xã hội theo địa bàn"),
    "press": gettext_lazy("Báo chí"),
    "claims": gettext_lazy("Thông tin sai sự thật"),
    "exemplary": gettext_lazy("Điển hình tiên tiến"),
    "next": gettext_lazy("Nhiệm vụ kỳ tới"),
}


def group_title(group: str) -> str:
    """The group's title; an unknown group (none yet) shows "Số liệu tổng hợp"."""
    return str(GROUP_TITLES.get(group) or GROUP_TITLES.get(group.split(".")[0], "") or _("Số liệu tổng hợp"))


@dataclass
class Figure:
    key: str  # stable, e.g. "tasks.done_on_time"
    label: str  # Vietnamese, e.g. "Nhiệm vụ hoàn thành đúng hạn"
    value: int | float | None
    unit: str = ""  # "" (a count) or "%"
    kind: str = ""  # the record kind counted: "task", "provision", "hot_issue", … ("" = derived)
    ids: list[int] = field(default_factory=list)
    group: str = ""  # the section/table it belongs to, e.g. "tasks"

    def as_json(self) -> dict:
        return asdict(self)


def count(key: str, label: str, ids, *, kind: str, group: str) -> Figure:
    """A count of records: the value is the number of ids, the ids kept up to MAX_IDS."""
    ids = sorted(set(ids))
    return Figure(key=key, label=label, value=len(ids), kind=kind, ids=ids[:MAX_IDS], group=group)


def derived(key: str, label: str, value, *, group: str, unit: str = "") -> Figure:
    """A number that is not a count of listed records (a score, a sum of expectations)."""
    return Figure(key=key, label=label, value=value, unit=unit, group=group)


# --- scope and period ------------------------------------------------------------------------


@dataclass
class Scope:
    """What a report counts: organisation ids (organisation or area scope) or a programme."""

    org_ids: set[int] | None = None
    program_id: int | None = None

    @property
    def is_program(self) -> bool:
        return self.program_id is not None


def resolve_scope(report) -> Scope:
    from phoihop.organisations.scope import area_scope, organization_scope
    from phoihop.reports.models import Report

    if report.scope_kind == Report.ScopeKind.PROGRAM:
        return Scope(program_id=report.scope_program_id)
    if report.scope_kind == Report.ScopeKind.AREA:
        return Scope(org_ids=area_scope(report.scope_area) if report.scope_area_id else set())
    if report.scope_organization_id is None:
        return Scope(org_ids=set())
    return Scope(org_ids=organization_scope({report.scope_organization_id}, include_subordinates=True))


def _in_scope(scope: Scope, *, org: str | tuple[str, ...], program: str | None = "program_id") -> Q:
    """The condition "belongs to the scope": one of the organisation fields in the scope's
    organisations, or the programme field equal to the scope's programme (never true for a
    kind of record that has no programme)."""
    if scope.is_program:
        return Q(**{program: scope.program_id}) if program else Q(pk__in=[])
    q = Q(pk__in=[])
    for name in (org,) if isinstance(org, str) else org:
        q |= Q(**{f"{name}__in": list(scope.org_ids)})
    return q


def _local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


# --- tasks ------------------------------------------------------------------------------------


def _tasks(scope: Scope):
    from phoihop.programs.models import Task, TaskPart

    if scope.is_program:
        return Task.objects.filter(plan__program_id=scope.program_id)
    ids = list(scope.org_ids)
    parts = TaskPart.objects.filter(organization_id__in=ids).values("task_id")
    return Task.objects.filter(Q(lead_id__in=ids) | Q(pk__in=parts))


def _bucket_labels() -> dict[str, str]:
    from phoihop.programs.models import Bucket

    return {bucket.value: str(bucket.label) for bucket in Bucket}


def task_figures(scope: Scope, start: dt.date, end: dt.date, *, prefix: str = "tasks", group: str = "tasks"):
    """The tasks due in [start, end] and their buckets at `end`, and the same by lead party.
    The prose (`kinds.sections_for`) reads the titles of the counted ids."""
    from phoihop.programs.models import Bucket, Task

    rows = list(
        _tasks(scope)
        .filter(due_date__gte=start, due_date__lte=end)
        .exclude(status=Task.Status.CANCELLED)
        .with_bucket(end)
        .order_by("due_date", "id")
        .values_list("pk", "title", "lead_id", "lead__name", "due_date", "bucket")
    )
    labels = _bucket_labels()
    figures = [count(f"{prefix}.due", _("Nhiệm vụ đến hạn trong kỳ"), [r[0] for r in rows], kind="task", group=group)]
    for bucket in Bucket:
        ids = [r[0] for r in rows if r[5] == bucket.value]
        figures.append(count(f"{prefix}.{bucket.value}", labels[bucket.value], ids, kind="task", group=group))
    by_lead: dict[int, list] = defaultdict(list)
    names = {}
    for row in rows:
        by_lead[row[2]].append(row)
        names[row[2]] = row[3]
    for lead_id in sorted(by_lead, key=lambda pk: (names[pk], pk)):
        lead_rows = by_lead[lead_id]
        figures.append(
            count(
                f"{prefix}.lead.{lead_id}",
                _("%(org)s: nhiệm vụ chủ trì") % {"org": names[lead_id]},
                [r[0] for r in lead_rows],
                kind="task",
                group=f"{group}_by_lead",
            )
        )
        for bucket in (Bucket.DONE_ON_TIME, Bucket.DONE_LATE, Bucket.OPEN_OVERDUE):
            figures.append(
                count(
                    f"{prefix}.lead.{lead_id}.{bucket.value}",
                    f"{names[lead_id]}: {labels[bucket.value]}",
                    [r[0] for r in lead_rows if r[5] == bucket.value],
                    kind="task",
                    group=f"{group}_by_lead",
                )
            )
    return figures


def next_tasks(scope: Scope, start: dt.date, end: dt.date) -> Figure:
    """The open tasks due in the next period (their titles make the "key tasks" prose)."""
    from phoihop.programs.models import Task

    rows = list(
        _tasks(scope)
        .filter(due_date__gte=start, due_date__lte=end, status=Task.Status.OPEN)
        .order_by("due_date", "id")
        .values_list("pk", flat=True)
    )
    return count("next.tasks", _("Nhiệm vụ trọng tâm kỳ tới"), rows, kind="task", group="next")


# --- information provision --------------------------------------------------------------------


def provision_figures(scope: Scope, start: dt.date, end: dt.date, today: dt.date) -> list[Figure]:
    """Provisions provided in the period (originals, not corrections), on time or late by
    the provision's own rule (`InformationProvision.is_on_time`), and the periodic
    provisions due in the period and still missing (`provisions.selectors.owed`)."""
    from phoihop.provisions.models import InformationProvision
    from phoihop.provisions.selectors import owed

    provisions = list(
        InformationProvision.objects.filter(
            _in_scope(scope, org=("provider_id", "receiver_id")),
            corrects__isnull=True,
            provided_at__date__gte=start,
            provided_at__date__lte=end,
        ).only("pk", "kind", "provided_at", "due_at")
    )
    on_time = [p.pk for p in provisions if p.is_on_time() is True]
    late = [p.pk for p in provisions if p.is_on_time() is False]
    due_until = min(end, today - dt.timedelta(days=1))
    missing = []
    if due_until >= start:
        if scope.is_program:
            missing = owed(
                program_ids=[scope.program_id], years=_years(start, end), due_from=start, due_until=due_until
            )
        else:
            missing = owed(provider_ids=scope.org_ids, years=_years(start, end), due_from=start, due_until=due_until)
    group = "provisions"
    return [
        count(
            "provisions.provided", _("Thông tin đã cung cấp"), [p.pk for p in provisions], kind="provision", group=group
        ),
        count("provisions.on_time", _("Cung cấp đúng hạn"), on_time, kind="provision", group=group),
        count("provisions.late", _("Cung cấp chậm"), late, kind="provision", group=group),
        derived("provisions.missing", _("Kỳ cung cấp đã đến hạn nhưng chưa nhận"), len(missing), group=group),
    ]


def _years(start: dt.date, end: dt.date) -> list[int]:
    return list(range(start.year, end.year + 1))


# --- opinion, hot issues, press, false claims -------------------------------------------------


def _opinion_items(scope: Scope, start: dt.date, end: dt.date):
    from phoihop.opinion.models import OpinionItem, OpinionReport

    return OpinionItem.objects.filter(
        _in_scope(scope, org="report__department_id", program=None),
        report__status=OpinionReport.Status.SUBMITTED,
        report__period_end__gte=start,
        report__period_end__lte=end,
    )


def opinion_figures(scope: Scope, start: dt.date, end: dt.date, *, by_direction: bool) -> list[Figure]:
    from phoihop.opinion.models import Direction, OpinionReport

    reports = OpinionReport.objects.filter(
        _in_scope(scope, org="department_id", program=None),
        status=OpinionReport.Status.SUBMITTED,
        period_end__gte=start,
        period_end__lte=end,
    ).values_list("pk", flat=True)
    figures = [
        count("opinion.reports", _("Báo cáo dư luận xã hội đã nhận"), reports, kind="opinion_report", group="opinion")
    ]
    if by_direction:
        rows = list(_opinion_items(scope, start, end).values_list("pk", "direction"))
        figures.append(
            count("opinion.items", _("Nội dung dư luận"), [r[0] for r in rows], kind="opinion_item", group="opinion")
        )
        for direction in Direction:
            ids = [r[0] for r in rows if r[1] == direction.value]
            figures.append(
                count(
                    f"opinion.direction.{direction.value}",
                    str(direction.label),
                    ids,
                    kind="opinion_item",
                    group="opinion",
                )
            )
    return figures


def hot_issue_figures(scope: Scope, start: dt.date, end: dt.date, *, by_state: bool) -> list[Figure]:
    """New in the period, open at its end, resolved (closed) by its end; by their state on
    the period's last day the issues that were open at some time in the period."""
    from phoihop.hotissues.models import HotIssue

    rows = list(
        HotIssue.objects.filter(_in_scope(scope, org="owner_id"), detected_at__date__lte=end)
        .exclude(closed_at__date__lt=start)
        .values_list("pk", "detected_at", "closed_at", "status")
    )
    new = [r[0] for r in rows if _local_day(r[1]) >= start]
    open_end = [r[0] for r in rows if r[2] is None or _local_day(r[2]) > end]
    closed = [r[0] for r in rows if r[2] is not None and _local_day(r[2]) <= end]
    group = "hot_issues"
    figures = [
        count("hot_issues.new", _("Vấn đề nổi cộm mới phát sinh"), new, kind="hot_issue", group=group),
        count(
            "hot_issues.open_at_end", _("Vấn đề nổi cộm chưa kết thúc cuối kỳ"), open_end, kind="hot_issue", group=group
        ),
        count(
            "hot_issues.closed",
            _("Vấn đề nổi cộm đã giải quyết, chuyển theo dõi"),
            closed,
            kind="hot_issue",
            group=group,
        ),
    ]
    if by_state:
        state = _states_at(rows, end)
        for status in HotIssue.Status:
            ids = [r[0] for r in rows if state[r[0]] == status.value]
            figures.append(
                count(
                    f"hot_issues.status.{status.value}",
                    str(status.label),
                    ids,
                    kind="hot_issue",
                    group="hot_issues_by_state",
                )
            )
    return figures


def _states_at(rows, end: dt.date) -> dict[int, str]:
    """Each issue's state on the period's last day: the last step recorded by then (one
    query), its current state when no step was recorded by then."""
    from phoihop.hotissues.models import HotIssueEvent

    state = {row[0]: row[3] for row in rows}
    steps = (
        HotIssueEvent.objects.filter(hot_issue_id__in=list(state), at__date__lte=end)
        .exclude(to_status="")
        .order_by("at", "id")
        .values_list("hot_issue_id", "to_status")
    )
    for hot_issue_id, to_status in steps:
        state[hot_issue_id] = to_status
    return state


def press_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    from phoihop.press.models import PressItem, Tone

    q = _in_scope(scope, org="owner_id", program=None)
    if scope.is_program:
        q = Q(programs=scope.program_id)
    rows = list(
        PressItem.objects.filter(q, published_on__gte=start, published_on__lte=end).values_list("pk", "tone").distinct()
    )
    return [
        count("press.items", _("Tin bài báo chí"), [r[0] for r in rows], kind="press_item", group="press"),
        count(
            "press.negative",
            _("Tin bài có sắc thái tiêu cực"),
            [r[0] for r in rows if r[1] == Tone.NEGATIVE],
            kind="press_item",
            group="press",
        ),
    ]


def claim_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    from phoihop.claims.models import FalseClaim

    rows = list(
        FalseClaim.objects.filter(
            _in_scope(scope, org="owner_id", program=None), seen_on__gte=start, seen_on__lte=end
        ).values_list("pk", "response_published_on")
    )
    return [
        count(
            "claims.detected",
            _("Thông tin sai sự thật phát hiện"),
            [r[0] for r in rows],
            kind="false_claim",
            group="claims",
        ),
        count(
            "claims.responded",
            _("Thông tin sai sự thật đã có thông tin chính thức"),
            [r[0] for r in rows if r[1] is not None and r[1] <= end],
            kind="false_claim",
            group="claims",
        ),
    ]


# --- meetings, inspections, exemplary models -------------------------------------------------


def _meetings(scope: Scope, start: dt.date, end: dt.date):
    from phoihop.meetings.models import Meeting
    from phoihop.meetings.selectors import meetings_in

    if scope.is_program:
        return Meeting.objects.filter(
            program_id=scope.program_id,
            status=Meeting.Status.HELD,
            starts_at__date__gte=start,
            starts_at__date__lte=end,
        )
    return meetings_in(scope.org_ids, start, end)


def meeting_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    """Meetings held (by kind) and their conclusions: done / total (a conclusion is done
    when its task is)."""
    from phoihop.meetings.models import Meeting, MeetingConclusion
    from phoihop.programs.models import Task

    rows = list(_meetings(scope, start, end).values_list("pk", "kind"))
    ids = [r[0] for r in rows]
    figures = [count("meetings.held", _("Hội nghị đã tổ chức"), ids, kind="meeting", group="meetings")]
    for kind in Meeting.Kind:
        kind_ids = [r[0] for r in rows if r[1] == kind.value]
        if kind_ids:
            figures.append(
                count(f"meetings.kind.{kind.value}", str(kind.label), kind_ids, kind="meeting", group="meetings")
            )
    conclusions = list(MeetingConclusion.objects.filter(meeting_id__in=ids).values_list("pk", "task__status"))
    figures += [
        count(
            "meetings.conclusions",
            _("Kết luận hội nghị"),
            [c[0] for c in conclusions],
            kind="meeting_conclusion",
            group="meetings",
        ),
        count(
            "meetings.conclusions_done",
            _("Kết luận hội nghị đã thực hiện xong"),
            [c[0] for c in conclusions if c[1] == Task.Status.DONE],
            kind="meeting_conclusion",
            group="meetings",
        ),
    ]
    return figures


def inspection_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    """Inspections started in the period, their conclusions (the limitations found) and
    those remedied: with remediation tasks, all of them done (the rule
    `inspections.selectors.remediation_progress` states; the ids are read here, per
    conclusion, in one query)."""
    from phoihop.inspections.models import Inspection, InspectionConclusion
    from phoihop.inspections.selectors import inspections_in
    from phoihop.programs.models import Task

    if scope.is_program:
        inspections = Inspection.objects.filter(program_id=scope.program_id, started_on__gte=start, started_on__lte=end)
    else:
        inspections = inspections_in(scope.org_ids, start, end)
    ids = list(inspections.values_list("pk", flat=True))
    statuses: dict[int, list] = defaultdict(list)
    for pk, status in InspectionConclusion.objects.filter(inspection_id__in=ids).values_list("pk", "tasks__status"):
        statuses[pk].extend([status] if status is not None else [])
    remedied = [pk for pk, found in statuses.items() if found and all(s == Task.Status.DONE for s in found)]
    group = "inspections"
    return [
        count("inspections.count", _("Cuộc kiểm tra"), ids, kind="inspection", group=group),
        count(
            "inspections.conclusions",
            _("Kết luận kiểm tra (hạn chế phát hiện)"),
            list(statuses),
            kind="inspection_conclusion",
            group=group,
        ),
        count(
            "inspections.remedied",
            _("Kết luận kiểm tra đã khắc phục xong"),
            remedied,
            kind="inspection_conclusion",
            group=group,
        ),
    ]


def exemplary_figures(scope: Scope, year: int) -> list[Figure]:
    from phoihop.exemplary.models import ExemplaryModel
    from phoihop.exemplary.selectors import commended_in

    if scope.is_program:
        models = ExemplaryModel.objects.filter(
            program_id=scope.program_id, year=year, status=ExemplaryModel.Status.COMMENDED
        )
    else:
        models = commended_in(scope.org_ids, year)
    return [
        count(
            "exemplary.commended",
            _("Mô hình, điển hình được khen thưởng"),
            models.values_list("pk", flat=True),
            kind="exemplary_model",
            group="exemplary",
        )
    ]


# --- programme reviews --------------------------------------------------------------------------


def _content_label(item) -> str:
    """ "Một là, tuyên truyền, phổ biến …" as the programme writes its contents."""
    return f"{item.ordinal}, {item.text[:1].lower()}{item.text[1:]}"[:200]


def program_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    """Per content item ("Một là, …") the programme's tasks due up to the period's end and
    their buckets; plans per year; signatures of the programme and its plans."""
    from phoihop.programs.models import AnnualPlan, Bucket, ContentItem, Signature, Task

    labels = _bucket_labels()
    items = [
        (item.pk, item.number, _content_label(item))
        for item in ContentItem.objects.filter(program_id=scope.program_id).order_by("number").only("number", "text")
    ]
    rows = list(
        _tasks(scope)
        .filter(due_date__gte=start, due_date__lte=end)
        .exclude(status=Task.Status.CANCELLED)
        .with_bucket(end)
        .values_list("pk", "content_item_id", "bucket")
    )
    figures = []
    for item_pk, number, label in [*items, (None, 0, _("Nhiệm vụ chưa gắn nội dung"))]:
        item_rows = [r for r in rows if r[1] == item_pk]
        if item_pk is None and not item_rows:
            continue
        key = f"content.{number}"
        figures.append(count(key, label, [r[0] for r in item_rows], kind="task", group="content"))
        for bucket in Bucket:
            ids = [r[0] for r in item_rows if r[2] == bucket.value]
            figures.append(count(f"{key}.{bucket.value}", labels[bucket.value], ids, kind="task", group="content"))
    plans = list(
        AnnualPlan.objects.filter(program_id=scope.program_id, year__gte=start.year, year__lte=end.year).values_list(
            "pk", "year"
        )
    )
    figures.append(count("plans.count", _("Kế hoạch năm"), [p[0] for p in plans], kind="plan", group="plans"))
    for year in sorted({p[1] for p in plans}):
        figures.append(
            count(
                f"plans.year.{year}",
                _("Kế hoạch năm %(year)s") % {"year": year},
                [p[0] for p in plans if p[1] == year],
                kind="plan",
                group="plans",
            )
        )
    signatures = Signature.objects.filter(
        Q(program_id=scope.program_id) | Q(plan__program_id=scope.program_id), signed_on__lte=end
    ).values_list("pk", flat=True)
    figures.append(count("signatures.count", _("Chữ ký của các bên"), signatures, kind="signature", group="plans"))
    return figures


# --- public opinion summary ---------------------------------------------------------------------


def opinion_summary_figures(scope: Scope, start: dt.date, end: dt.date) -> list[Figure]:
    """By topic, area and direction, with the attention score (`opinion.summary`, pure
    arithmetic over the grouped rows) and the ids of the items of each line."""
    from phoihop.opinion import summary
    from phoihop.opinion.models import Direction

    items = list(
        _opinion_items(scope, start, end).values_list(
            "pk", "topic_id", "topic__name", "area_id", "area__name", "direction", "intensity", "breadth", "flagged_hot"
        )
    )
    rows = [summary.Row("current", i[1], i[3], i[5], i[6], i[7], i[8]) for i in items]
    result = summary.summarise(rows, period="current", previous=None)
    topics = {i[1]: i[2] for i in items}
    areas = {i[3]: i[4] for i in items}
    group = "opinion_summary"
    figures = [
        count("opinion.items", _("Nội dung dư luận"), [i[0] for i in items], kind="opinion_item", group=group),
        count(
            "opinion.hot",
            _("Nội dung được đánh dấu nổi cộm"),
            [i[0] for i in items if i[8]],
            kind="opinion_item",
            group=group,
        ),
        derived("opinion.attention", _("Điểm mức độ quan tâm"), result.total.attention, group=group),
    ]
    for direction in Direction:
        ids = [i[0] for i in items if i[5] == direction.value]
        figures.append(
            count(f"opinion.direction.{direction.value}", str(direction.label), ids, kind="opinion_item", group=group)
        )
    for line in result.by_topic:
        figures.append(
            count(
                f"opinion.topic.{line.key}",
                topics[line.key],
                [i[0] for i in items if i[1] == line.key],
                kind="opinion_item",
                group="opinion_by_topic",
            )
        )
        figures.append(
            derived(
                f"opinion.topic.{line.key}.attention",
                _("%(name)s: điểm quan tâm") % {"name": topics[line.key]},
                line.figures.attention,
                group="opinion_by_topic",
            )
        )
    for line in result.by_area:
        figures.append(
            count(
                f"opinion.area.{line.key}",
                areas[line.key],
                [i[0] for i in items if i[3] == line.key],
                kind="opinion_item",
                group="opinion_by_area",
            )
        )
        figures.append(
            derived(
                f"opinion.area.{line.key}.attention",
                _("%(name)s: điểm quan tâm") % {"name": areas[line.key]},
                line.figures.attention,
                group="opinion_by_area",
            )
        )
    return figures


# --- hot-issue situation ----------------------------------------------------------------------


def hot_issue_situation_figures(hot_issue, end: dt.date) -> list[Figure]:
    """The issue's sources by kind, its steps (events) and its response tasks with their
    buckets as of the period's end."""
    from phoihop.hotissues.models import HotIssueEvent, HotIssueSource
    from phoihop.programs.models import Bucket, Task

    sources = list(
        HotIssueSource.objects.filter(hot_issue=hot_issue).values_list(
            "opinion_item_id", "press_item_id", "provision_id", "subject_id"
        )
    )
    group = "hot_issue"
    figures = [
        count(
            "sources.opinion",
            _("Nguồn: nội dung dư luận"),
            [s[0] for s in sources if s[0]],
            kind="opinion_item",
            group=group,
        ),
        count(
            "sources.press",
            _("Nguồn: tin bài báo chí"),
            [s[1] for s in sources if s[1]],
            kind="press_item",
            group=group,
        ),
        count(
            "sources.provision",
            _("Nguồn: thông tin được cung cấp"),
            [s[2] for s in sources if s[2]],
            kind="provision",
            group=group,
        ),
        count(
            "sources.subject",
            _("Nguồn: vụ việc trao đổi"),
            [s[3] for s in sources if s[3]],
            kind="subject",
            group=group,
        ),
        count(
            "events",
            _("Bước xử lý đã ghi nhận"),
            HotIssueEvent.objects.filter(hot_issue=hot_issue, at__date__lte=end).values_list("pk", flat=True),
            kind="hot_issue_event",
            group=group,
        ),
    ]
    tasks = list(
        Task.objects.filter(hot_issue_link__hot_issue=hot_issue)
        .exclude(status=Task.Status.CANCELLED)
        .with_bucket(end)
        .values_list("pk", "bucket")
    )
    labels = _bucket_labels()
    figures.append(count("tasks.response", _("Nhiệm vụ xử lý"), [t[0] for t in tasks], kind="task", group="tasks"))
    for bucket in Bucket:
        ids = [t[0] for t in tasks if t[1] == bucket.value]
        figures.append(count(f"tasks.response.{bucket.value}", labels[bucket.value], ids, kind="task", group="tasks"))
    return figures


# --- per kind ---------------------------------------------------------------------------------


def compute(report, *, today: dt.date | None = None) -> list[Figure]:
    """The figures for the report's kind, scope and period."""
    from phoihop.reports import kinds
    from phoihop.reports.models import Report

    today = today or timezone.localdate()
    start, end = report.period_start, report.period_end
    kind = report.kind
    if kind == Report.Kind.HOT_ISSUE_SITUATION:
        return hot_issue_situation_figures(report.hot_issue, end) if report.hot_issue_id else []
    scope = resolve_scope(report)
    if kind == Report.Kind.MONTHLY:
        return [
            *provision_figures(scope, start, end, today),
            *opinion_figures(scope, start, end, by_direction=False),
            *hot_issue_figures(scope, start, end, by_state=False),
            *press_figures(scope, start, end),
            *claim_figures(scope, start, end),
            *task_figures(scope, start, end),
        ]
    if kind == Report.Kind.OPINION_SUMMARY:
        return opinion_summary_figures(scope, start, end)
    if kind in (Report.Kind.MIDTERM_REVIEW, Report.Kind.FINAL_REVIEW):
        next_start, next_end = kinds.next_period(kind, start, end)
        return [
            *task_figures(scope, start, end),
            *program_figures(scope, start, end),
            *provision_figures(scope, start, end, today),
            *meeting_figures(scope, start, end),
            *inspection_figures(scope, start, end),
            *hot_issue_figures(scope, start, end, by_state=True),
            next_tasks(scope, next_start, next_end),
        ]
    # quarterly, six-monthly, annual
    next_start, next_end = kinds.next_period(kind, start, end)
    figures = [
        *task_figures(scope, start, end),
        *provision_figures(scope, start, end, today),
        *meeting_figures(scope, start, end),
        *inspection_figures(scope, start, end),
        *hot_issue_figures(scope, start, end, by_state=True),
        *opinion_figures(scope, start, end, by_direction=True),
        *press_figures(scope, start, end),
        *claim_figures(scope, start, end),
    ]
    if kind == Report.Kind.ANNUAL:
        figures += exemplary_figures(scope, start.year)
    figures.append(next_tasks(scope, next_start, next_end))
    return figures


def by_key(figures) -> dict[str, dict]:
    """{key: figure as a dict} from Figures or their stored JSON."""
    return {
        (f.as_json() if isinstance(f, Figure) else f)["key"]: (f.as_json() if isinstance(f, Figure) else f)
        for f in figures
    }
