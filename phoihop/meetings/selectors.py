"""Reads of meetings, scoped to the user: the list (its filter shared by the list page and
the API list), one meeting with its participants, connection points and conclusions (each
with its task's status and progress), the choices of the forms, and the iCalendar files.
Constant queries whatever the rows.

`meetings_in` and `conclusion_progress` serve the reports and dashboards of issue 6
(roll-ups by organisation scope and period; the caller resolves the scope with
`organisations.scope`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core import ical
from phoihop.core.text import fold_words
from phoihop.meetings.models import ConnectionPoint, Meeting, MeetingConclusion, MeetingParticipant
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program, Task

MAX_CHOICES = 1000
CALENDAR_MAX = 500
DEFAULT_LENGTH = dt.timedelta(hours=2)


def _day_start(day: dt.date) -> dt.datetime:
    """The first moment of a local day, aware: ranges on `starts_at` stay on its index."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- for the reports and dashboards ----------------------------------------------------------


def meetings_in(org_ids: set[int], start: dt.date, end: dt.date) -> QuerySet:
    """Held meetings organised by, or attended by, one of the organisations, starting
    within [start, end] (local dates, both included)."""
    ids = list(org_ids)
    attended = MeetingParticipant.objects.filter(organization_id__in=ids).values("meeting_id")
    return Meeting.objects.filter(
        Q(owner_id__in=ids) | Q(pk__in=attended),
        status=Meeting.Status.HELD,
        starts_at__gte=_day_start(start),
        starts_at__lt=_day_start(end + dt.timedelta(days=1)),
    )


def conclusion_progress(meeting_ids) -> dict[int, tuple[int, int]]:
    """{meeting id: (conclusions whose task is done, conclusions)} in one query; a meeting
    without conclusions is absent."""
    rows = (
        MeetingConclusion.objects.filter(meeting_id__in=list(meeting_ids))
        .order_by()
        .values("meeting_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(task__status=Task.Status.DONE)))
    )
    return {row["meeting_id"]: (row["done"], row["total"]) for row in rows}


# --- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    q: str | None = None
    kind: str | None = None
    status: str | None = None
    year: int | None = None
    program: int | None = None


def meeting_list(user, filters: MeetingFilter = MeetingFilter()) -> QuerySet:
    """The meetings the user sees, filtered, latest first (a page's conclusion progress:
    `with_progress`)."""
    qs = permissions.visible_meetings(user).select_related("owner", "program")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.program:
        qs = qs.filter(program_id=filters.program)
    if filters.year:
        qs = qs.filter(
            starts_at__gte=_day_start(dt.date(filters.year, 1, 1)),
            starts_at__lt=_day_start(dt.date(filters.year + 1, 1, 1)),
        )
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-starts_at", "-id")


def with_progress(meetings) -> list[Meeting]:
    """The meetings (a page of them) with `progress` = (done, total), one query."""
    rows = list(meetings)
    progress = conclusion_progress([meeting.pk for meeting in rows])
    for meeting in rows:
        meeting.progress = progress.get(meeting.pk, (0, 0))
    return rows


def program_choices(user, limit: int = 500) -> list[tuple[int, str]]:
    """The programmes of the meetings the user sees (for the list's filter), in one query."""
    visible = permissions.visible_meetings(user).order_by().values("program_id")
    return list(Program.objects.filter(pk__in=visible).order_by("sort_name", "id").values_list("pk", "title")[:limit])


def year_choices() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year + 1, 2019, -1))


# --- one meeting ------------------------------------------------------------------------------


def get_meeting_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Meeting:
    """404 unless the user may see the meeting; 403 if they see it but may not `action`."""
    meeting = Meeting.objects.select_related("owner", "program", "created_by").filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, meeting)
    return meeting


def get_conclusion_for_user(user, meeting: Meeting, pk: int) -> MeetingConclusion:
    conclusion = meeting.conclusions.select_related("task").filter(pk=pk).first()
    if conclusion is None:
        raise Http404(_("Không tìm thấy."))
    conclusion.meeting = meeting
    return conclusion


def participants(meeting: Meeting) -> list[Organization]:
    return [p.organization for p in meeting.participations.select_related("organization").order_by("position", "id")]


def connection_points(meeting: Meeting) -> list[ConnectionPoint]:
    return list(meeting.connection_points.select_related("organization").order_by("position", "id"))


def conclusions(meeting: Meeting, today: dt.date | None = None) -> list[MeetingConclusion]:
    """The conclusions in order, each task (if any) with its lead, parts, `bucket` and
    consolidated `progress`; three queries whatever their number."""
    today = today or timezone.localdate()
    rows = list(
        meeting.conclusions.select_related("task", "task__lead", "task__plan")
        .prefetch_related(Prefetch("task__parts", to_attr="all_parts"))
        .order_by("number", "id")
    )
    for row in rows:
        row.meeting = meeting
        task = row.task
        if task is not None:
            task.bucket = task.bucket_on(today)
            parts = task.all_parts
            task.progress = (
                100
                if task.status == Task.Status.DONE
                else (round(sum(p.progress for p in parts) / len(parts)) if parts else 0)
            )
    return rows


def progress_of(rows: list[MeetingConclusion]) -> dict:
    """x/y conclusions done (their task done) and the percentage, for the progress bar."""
    total = len(rows)
    done = sum(1 for row in rows if row.task is not None and row.task.status == Task.Status.DONE)
    return {"done": done, "total": total, "percent": round(100 * done / total) if total else 0}


# --- the forms' choices -------------------------------------------------------------------------


def owner_choices(user) -> list[tuple[int, str]]:
    editors = permissions.meeting_owner_ids(user)
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in editors
    ]


def organization_choices(user, current_ids=(), limit: int = MAX_CHOICES) -> list[tuple[int, str]]:
    """Organisations the user may see and that exist today (and those already chosen), in
    Vietnamese order; at most `limit`."""
    today = timezone.localdate()
    valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return list(
        permissions.visible_organizations(user)
        .filter(valid | Q(pk__in=list(current_ids)))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:limit]
    )


def program_choices_for_owner(user, current_id: int | None = None) -> list[tuple[int, str]]:
    """The programmes the user's organisations are party to (and the current one)."""
    return list(
        permissions.visible_programs(user)
        .filter(
            Q(parties__organization_id__in=list(permissions.principal(user).organization_ids)) | Q(pk=current_id or 0)
        )
        .distinct()
        .order_by("sort_name", "id")
        .values_list("pk", "title")[:500]
    )


# --- iCalendar ------------------------------------------------------------------------------


def _event(meeting: Meeting, base: str, host: str) -> ical.Event:
    names = [p.organization.name for p in meeting.participations.all()]
    lines = [_("Cơ quan tổ chức: %(org)s") % {"org": meeting.owner.name}]
    if meeting.chair_name:
        chair = meeting.chair_name + (f", {meeting.chair_position}" if meeting.chair_position else "")
        lines.append(_("Chủ trì: %(chair)s") % {"chair": chair})
    if names:
        lines.append(_("Cơ quan tham dự: %(names)s") % {"names": "; ".join(names)})
    points = list(meeting.connection_points.all())
    if points:
        lines.append(_("Điểm cầu: %(points)s") % {"points": "; ".join(p.name for p in points)})
    if meeting.agenda:
        lines += ["", meeting.agenda]
    main = next((p for p in points if p.is_main), None)
    return ical.Event(
        uid=f"meeting-{meeting.pk}@{host}",
        start=meeting.starts_at,
        end=meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH,
        summary=f"{meeting.get_kind_display()}: {meeting.title}",
        location=meeting.place or (f"{main.name}, {main.place}" if main and main.place else main.name if main else ""),
        description="\n".join(lines),
        url=base + reverse("meetings:detail", args=[meeting.pk]),
        sequence=meeting.version - 1,
        cancelled=meeting.status == Meeting.Status.CANCELLED,
    )


def meetings_ics(meetings, *, stamp: dt.datetime | None = None) -> str:
    """Meetings as one iCalendar file: times in Vietnam's time zone, a UID per meeting that
    stays the same whatever changes, SEQUENCE counting the edits, cancelled ones marked."""
    base = settings.PHOIHOP_BASE_URL.rstrip("/")
    host = urlsplit(base).hostname or "phoihop"
    rows = meetings.select_related("owner").prefetch_related(
        Prefetch("participations", queryset=MeetingParticipant.objects.select_related("organization")),
        "connection_points",
    )
    return ical.render([_event(meeting, base, host) for meeting in rows], stamp=stamp or timezone.now())


def calendar_meetings(user, filters: MeetingFilter = MeetingFilter()) -> QuerySet:
    """The meetings of the user's calendar file: the list's, the latest CALENDAR_MAX."""
    keys = list(meeting_list(user, filters).select_related(None).values_list("pk", flat=True)[:CALENDAR_MAX])
    return Meeting.objects.filter(pk__in=keys).order_by("starts_at", "id")


# --- "Việc của tôi" ------------------------------------------------------------------------------

UPCOMING_DAYS = 14


def upcoming_meetings(user, today: dt.date, days: int = UPCOMING_DAYS, limit: int = 20) -> list[Meeting]:
    """Planned meetings of the next `days` days (today included) that one of the user's
    organisations organises or takes part in, soonest first. One query."""
    ids = list(permissions.principal(user).organization_ids)
    if not ids:
        return []
    attended = MeetingParticipant.objects.filter(organization_id__in=ids).values("meeting_id")
    return list(
        Meeting.objects.filter(
            Q(owner_id__in=ids) | Q(pk__in=attended),
            status=Meeting.Status.PLANNED,
            starts_at__gte=_day_start(today),
            starts_at__lt=_day_start(today + dt.timedelta(days=days)),
        )
        .select_related("owner")
        .order_by("starts_at", "id")[:limit]
    )
