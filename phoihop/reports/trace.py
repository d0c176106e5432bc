"""The trace of a report's figure: the records it counts (issue 6 item 4, "every figure
in a report is traceable: a click shows the records it counts").

A figure keeps the kind of record it counts and their ids (`reports.figures`). The trace
maps the kind to its model, asks the area's permission module which of the page's records
the viewer may see (`permissions.visible_*`), and lists those with a link to their page; a
record the viewer may not see stays counted but is shown only as "1 bản ghi bạn không có
quyền xem". A figure keeps at most `figures.MAX_IDS` ids (5,000): the page says so when the
value is larger. Two queries per page whatever the figure's size (visible ids, the rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.accounts import permissions
from phoihop.reports.figures import MAX_IDS, by_key


def _url(name: str, pk) -> str | None:
    """The page of a record, or None while that page does not exist (yet)."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Source:
    """How one kind of record is shown in a trace."""

    label: str  # the kind, Vietnamese
    model: str  # app label.Model
    visible_name: str  # the permission function that filters the model's rows (its own or its parent's)
    url: Callable  # obj -> url or None
    text: Callable  # obj -> the record's name
    detail: Callable  # obj -> a short line under it
    select_related: tuple = ()
    parent: str = ""  # filter through this relation with the parent's visible_* (e.g. "meeting")


def _task_detail(task) -> str:
    return _("Chủ trì: %(lead)s · hạn %(due)s · %(status)s") % {
        "lead": task.lead.name,
        "due": _day(task.due_date),
        "status": task.get_status_display(),
    }


SOURCES: dict[str, Source] = {
    "task": Source(
        gettext_lazy("Nhiệm vụ"),
        "programs.Task",
        "visible_tasks",
        lambda o: _url("programs:task_detail", o.pk),
        lambda o: o.title,
        _task_detail,
        ("lead",),
    ),
    "plan": Source(
        gettext_lazy("Kế hoạch năm"),
        "programs.AnnualPlan",
        "visible_programs",
        lambda o: _url("programs:plan_detail", o.pk),
        lambda o: o.title,
        lambda o: o.program.title,
        ("program",),
        parent="program",
    ),
    "signature": Source(
        gettext_lazy("Chữ ký"),
        "programs.Signature",
        "visible_programs",
        lambda o: _url("programs:detail", o.program_id or o.plan.program_id),
        lambda o: str(o),
        lambda o: o.organization.name,
        ("organization", "plan"),
        parent="program|plan__program",
    ),
    "provision": Source(
        gettext_lazy("Cung cấp thông tin"),
        "provisions.InformationProvision",
        "visible_provisions",
        lambda o: _url("provisions:detail", o.pk),
        lambda o: o.subject,
        lambda o: _("%(provider)s · cung cấp ngày %(day)s") % {"provider": o.provider.name, "day": _day(o.provided_at)},
        ("provider",),
    ),
    "opinion_report": Source(
        gettext_lazy("Báo cáo dư luận xã hội"),
        "opinion.OpinionReport",
        "visible_opinion_reports",
        lambda o: _url("opinion:report_detail", o.pk),
        lambda o: str(o),
        lambda o: o.department.name,
        ("department", "area"),
    ),
    "opinion_item": Source(
        gettext_lazy("Nội dung dư luận"),
        "opinion.OpinionItem",
        "visible_opinion_items",
        lambda o: _url("opinion:report_detail", o.report_id),
        lambda o: o.summary[:200],
        lambda o: f"{o.topic.name} · {o.area.name} · {o.get_direction_display()}",
        ("topic", "area"),
    ),
    "hot_issue": Source(
        gettext_lazy("Vấn đề nổi cộm"),
        "hotissues.HotIssue",
        "visible_hot_issues",
        lambda o: _url("hotissues:detail", o.pk),
        lambda o: o.title,
        lambda o: f"{o.area.name} · {o.get_status_display()}",
        ("area",),
    ),
    "hot_issue_event": Source(
        gettext_lazy("Bước xử lý vấn đề nổi cộm"),
        "hotissues.HotIssueEvent",
        "visible_hot_issues",
        lambda o: _url("hotissues:detail", o.hot_issue_id),
        lambda o: o.hot_issue.title,
        lambda o: f"{_day(o.at)} · {o.reason or o.action}",
        ("hot_issue",),
        parent="hot_issue",
    ),
    "press_item": Source(
        gettext_lazy("Tin bài báo chí"),
        "press.PressItem",
        "visible_press_items",
        lambda o: _url("press:item_detail", o.pk),
        lambda o: o.title,
        lambda o: f"{o.outlet} · {_day(o.published_on)} · {o.get_tone_display()}",
    ),
    "false_claim": Source(
        gettext_lazy("Thông tin sai sự thật"),
        "claims.FalseClaim",
        "visible_false_claims",
        lambda o: _url("claims:detail", o.pk),
        lambda o: o.claim[:200],
        lambda o: f"{o.seen_where} · {_day(o.seen_on)} · {o.get_status_display()}",
    ),
    "subject": Source(
        gettext_lazy("Vụ việc trao đổi"),
        "exchange.Subject",
        "visible_subjects",
        lambda o: _url("exchange:subject_detail", o.pk),
        lambda o: str(o),
        lambda o: "",
    ),
    "meeting": Source(
        gettext_lazy("Hội nghị"),
        "meetings.Meeting",
        "visible_meetings",
        lambda o: _url("meetings:detail", o.pk),
        lambda o: o.title,
        lambda o: f"{o.get_kind_display()} · {_day(o.starts_at)}",
    ),
    "meeting_conclusion": Source(
        gettext_lazy("Kết luận hội nghị"),
        "meetings.MeetingConclusion",
        "visible_meetings",
        lambda o: _url("meetings:detail", o.meeting_id),
        lambda o: str(o),
        lambda o: o.meeting.title,
        ("meeting",),
        parent="meeting",
    ),
    "inspection": Source(
        gettext_lazy("Cuộc kiểm tra"),
        "inspections.Inspection",
        "visible_inspections",
        lambda o: _url("inspections:detail", o.pk),
        lambda o: o.title,
        lambda o: f"{o.inspected.name} · {_day(o.started_on)}",
        ("inspected",),
    ),
    "inspection_conclusion": Source(
        gettext_lazy("Kết luận kiểm tra"),
        "inspections.InspectionConclusion",
        "visible_inspections",
        lambda o: _url("inspections:detail", o.inspection_id),
        lambda o: str(o),
        lambda o: o.inspection.title,
        ("inspection",),
        parent="inspection",
    ),
    "exemplary_model": Source(
        gettext_lazy("Mô hình, điển hình"),
        "exemplary.ExemplaryModel",
        "visible_exemplary_models",
        lambda o: _url("exemplary:detail", o.pk),
        lambda o: o.title,
        lambda o: f"{o.owner.name} · {o.year}",
        ("owner",),
    ),
}


def visible_queryset(user, source: Source) -> QuerySet:
    """The rows of the source's model the user may see."""
    model = apps.get_model(source.model)
    function = getattr(permissions, source.visible_name, None)
    if source.parent:
        if function is None:
            return model.objects.none()
        visible_parents = function(user).values("pk")
        q = Q(pk__in=[])
        for path in source.parent.split("|"):
            q |= Q(**{f"{path}__in": visible_parents})
        return model.objects.filter(q)
    if function is None:
        return model.objects.none()
    return function(user, model.objects.all())


@dataclass
class Row:
    text: str = ""
    detail: str = ""
    url: str | None = None
    hidden: int = 0  # > 0: that many records the viewer may not see, in place of a record


@dataclass
class Trace:
    figure: dict
    kind_label: str
    page: Page  # of Row, hidden records grouped
    truncated: bool  # the figure counts more records than it keeps ids for


def figure_of(report, key: str) -> dict | None:
    return by_key(report.figures or []).get(key)


def trace(user, report, figure: dict, page_number) -> Trace:
    """The page `page_number` of the records a figure counts, as the user may see them."""
    source = SOURCES.get(figure.get("kind") or "")
    ids = list(figure.get("ids") or [])
    paginator = Paginator(ids, settings.PAGE_SIZE)
    page = paginator.get_page(page_number)
    rows: list[Row] = []
    if source is not None and page.object_list:
        page_ids = list(page.object_list)
        seen = set(visible_queryset(user, source).filter(pk__in=page_ids).values_list("pk", flat=True))
        model = apps.get_model(source.model)
        objects = {o.pk: o for o in model.objects.filter(pk__in=seen).select_related(*source.select_related)}
        for pk in page_ids:
            obj = objects.get(pk)
            if obj is None:
                if rows and rows[-1].hidden:
                    rows[-1].hidden += 1
                else:
                    rows.append(Row(hidden=1))
                continue
            rows.append(Row(text=source.text(obj), detail=source.detail(obj), url=source.url(obj)))
    page.object_list = rows
    value = figure.get("value")
    truncated = isinstance(value, int) and value > len(ids) and len(ids) >= MAX_IDS
    return Trace(figure=figure, kind_label=str(source.label) if source else "", page=page, truncated=truncated)
