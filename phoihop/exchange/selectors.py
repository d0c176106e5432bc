"""Reads of subjects, assessments and communication plans, scoped to the user. The
filter definition here is shared by the list page and the API list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core import ical
from phoihop.core.text import fold_words
from phoihop.documents.models import Classification, Document, DocumentVersion
from phoihop.exchange.models import (
    Assessment,
    CommunicationPlan,
    Invitation,
    InvitationResponse,
    PlanActivity,
    PlanTemplate,
    Subject,
    SubjectKeyDate,
)
from phoihop.programs.models import Phase, ProgramParty

# A registered subject not acknowledged after this many days is overdue for the
# department (the "unacknowledged subjects" reminder reads `unacknowledged_subjects`).
ACKNOWLEDGE_WITHIN_DAYS = 3
# Invitations to events this many days ahead (today included) that an invitee has not
# answered are reminded daily; "Việc của tôi" lists those of the next UPCOMING_DAYS.
UNANSWERED_WITHIN_DAYS = 7
UPCOMING_DAYS = 14


def _not_found():
    return Http404(_("Không tìm thấy."))


@dataclass(frozen=True)
class SubjectFilter:
    q: str | None = None
    program: int | None = None
    year: int | None = None
    kind: str | None = None
    status: str | None = None
    owner: int | None = None


def _parties_prefetch(prefix: str = "program__") -> Prefetch:
    return Prefetch(
        f"{prefix}parties",
        queryset=ProgramParty.objects.select_related("organization").order_by("position", "id"),
    )


def subject_list(user, filters: SubjectFilter = SubjectFilter()):
    qs = permissions.visible_subjects(user).select_related("program", "owner")
    if filters.program:
        qs = qs.filter(program_id=filters.program)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-year", "sort_name", "id")


def _subject_queryset():
    return Subject.objects.select_related(
        "program",
        "owner",
        "acknowledged_by",
        "assessment",
        "assessment__approved_by",
        "communication_plan",
        "communication_plan__template",
        "communication_plan__annual_plan",
    ).prefetch_related(_parties_prefetch(), "key_dates")


def get_subject_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Subject:
    """The subject with its programme's parties and key dates (and, through one-to-one
    joins, its assessment and plan): 404 to strangers, 403 to readers asked to act."""
    subject = _subject_queryset().filter(pk=pk).first()
    if subject is None:
        raise _not_found()
    permissions.check(user, action, subject)
    return subject


def assessment_of(subject: Subject) -> Assessment | None:
    try:
        return subject.assessment
    except Subject.assessment.RelatedObjectDoesNotExist:
        return None


def plan_of(subject: Subject) -> CommunicationPlan | None:
    try:
        return subject.communication_plan
    except Subject.communication_plan.RelatedObjectDoesNotExist:
        return None


def subject_documents(user, subject: Subject) -> list[Document]:
    """The subject's documents the user may see, in one query: each with its latest
    version's id and file name (`latest_version_id`, `latest_version_name`; None for a
    record without a file) for the checked download link."""
    latest = DocumentVersion.objects.filter(document_id=OuterRef("pk")).order_by("-number")
    return list(
        permissions.visible_subject_documents(user, subject.documents.all())
        .annotate(
            latest_version_id=Subquery(latest.values("pk")[:1]),
            latest_version_name=Subquery(latest.values("original_name")[:1]),
        )
        .order_by(F("issued_on").desc(nulls_last=True), "sort_name", "id")
    )


def attachable_documents(user, subject: Subject, limit: int = 200) -> list[tuple[int, str]]:
    """Documents of the subject's owner the user sees that may still be attached (not
    confidential, not attached yet), newest first: what the "Tài liệu đã có" choice offers."""
    documents = (
        permissions.visible_subject_documents(user, Document.objects.filter(owner_id=subject.owner_id))
        .exclude(classification=Classification.CONFIDENTIAL)
        .exclude(pk__in=subject.documents.values("pk"))
        .order_by("-year", "sort_name", "id")
        .values_list("pk", "number_symbol", "title")[:limit]
    )
    return [(pk, f"{number} — {title}" if number else title) for pk, number, title in documents]


def get_assessment_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Assessment:
    assessment = Assessment.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if assessment is None:
        raise _not_found()
    subject = get_subject_for_user(user, assessment, permissions.Action.VIEW)
    result = assessment_of(subject)
    permissions.check(user, action, result)
    return result


def get_plan_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> CommunicationPlan:
    subject_id = CommunicationPlan.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if subject_id is None:
        raise _not_found()
    subject = get_subject_for_user(user, subject_id, permissions.Action.VIEW)
    plan = plan_of(subject)
    permissions.check(user, action, plan)
    return plan


def get_activity_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> PlanActivity:
    row = PlanActivity.objects.filter(pk=pk).values_list("plan_id", flat=True).first()
    if row is None:
        raise _not_found()
    plan = get_plan_for_user(user, row, permissions.Action.VIEW)
    activity = (
        PlanActivity.objects.select_related("key_date", "lead", "task__plan").prefetch_related("partners").get(pk=pk)
    )
    activity.plan = plan
    permissions.check(user, action, activity)
    return activity


def get_key_date_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> SubjectKeyDate:
    subject_id = SubjectKeyDate.objects.filter(pk=pk).values_list("subject_id", flat=True).first()
    if subject_id is None:
        raise _not_found()
    subject = get_subject_for_user(user, subject_id, permissions.Action.VIEW)
    key_date = next(k for k in subject.key_dates.all() if k.pk == pk)
    key_date.subject = subject
    permissions.check(user, action, subject)
    return key_date


def plan_activities(plan: CommunicationPlan, today: dt.date | None = None) -> list[PlanActivity]:
    """The plan's activities, in date order, each with its task's bucket for today (one
    query for the activities with their task, one for the partners)."""
    today = today or timezone.localdate()
    activities = list(
        plan.activities.select_related("key_date", "lead", "task__plan")
        .prefetch_related("partners")
        .order_by("position", "id")
    )
    activities.sort(key=lambda a: (PlanActivity.PHASE_ORDER.get(a.phase, 9), a.due_date, a.position, a.pk))
    for activity in activities:
        activity.bucket = activity.task.bucket_on(today) if activity.task_id else None
    return activities


def activities_by_phase(activities: list[PlanActivity]) -> list[dict]:
    """[{phase, label, activities}] for before, during and after, in that order."""
    return [
        {"phase": phase.value, "label": phase.label, "activities": [a for a in activities if a.phase == phase]}
        for phase in Phase
    ]


def templates_for(kind: str | None = None) -> list[PlanTemplate]:
    """Active templates, those of `kind` first."""
    templates = list(PlanTemplate.objects.filter(is_active=True).prefetch_related("activities"))
    return sorted(templates, key=lambda t: (t.kind != kind, t.title))


def unacknowledged_subjects(today: dt.date | None = None, *, days: int = ACKNOWLEDGE_WITHIN_DAYS):
    """Registered subjects still not acknowledged `days` days after registration (for the
    daily reminder to the department's editors)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
    return (
        Subject.objects.filter(status=Subject.Status.REGISTERED, registered_at__lte=cutoff)
        .select_related("program", "owner")
        .prefetch_related(_parties_prefetch())
        .order_by("registered_at", "id")
    )


# --- waiting for the user ("Việc của tôi") ----------------------------------------------


def _department_q(organization_ids) -> Q:
    """Subjects for which one of `organization_ids` acts as the department (the same rule
    as `permissions.subject_department_ids`, in SQL): a lead party other than the owner,
    or the owner itself when it is the only lead party."""
    ids = list(organization_ids)
    leads = ProgramParty.objects.filter(program_id=OuterRef("program_id"), role="lead")
    other_lead = leads.exclude(organization_id=OuterRef("owner_id"))
    return Q(Exists(other_lead.filter(organization_id__in=ids))) | Q(
        Q(owner_id__in=ids), Exists(leads.filter(organization_id=OuterRef("owner_id"))), ~Exists(other_lead)
    )


@dataclass
class Waiting:
    to_acknowledge: list
    to_approve: list
    to_plan: list

    def __bool__(self) -> bool:
        return bool(self.to_acknowledge or self.to_approve or self.to_plan)


def waiting_for(user, *, limit: int = 50) -> Waiting:
    """What the department waits on the user for, in one query (none for a user who edits
    for no organisation): subjects registered and not yet acknowledged, assessments
    submitted for a leader's approval (leaders only), and assessed subjects whose
    communication plan is still to write or to generate into tasks."""
    who = permissions.principal(user)
    editing = who.editor_organization_ids
    if not editing:
        return Waiting([], [], [])
    leading = {m.organization_id for m in who.memberships if m.role == "leader"}
    condition = Q(status=Subject.Status.REGISTERED) | Q(status=Subject.Status.ASSESSED)
    condition &= _department_q(editing)
    if leading:
        condition |= Q(assessment__status=Assessment.Status.SUBMITTED) & _department_q(leading)
    subjects = list(
        Subject.objects.filter(condition)
        .select_related("program", "owner", "assessment", "communication_plan")
        .order_by("registered_at", "id")[:limit]
    )
    waiting = Waiting([], [], [])
    for subject in subjects:
        assessment = assessment_of(subject)
        if subject.status == Subject.Status.REGISTERED:
            waiting.to_acknowledge.append(subject)
        elif leading and assessment is not None and assessment.status == Assessment.Status.SUBMITTED:
            waiting.to_approve.append(subject)
        if subject.status == Subject.Status.ASSESSED:
            waiting.to_plan.append(subject)
    return waiting


# --- invitations ---------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationFilter:
    box: str | None = None  # "received" (my organisations are invited), "sent" (they invite), None: all I see
    when: str | None = None  # "upcoming" (today and later) or "past"
    answered: str | None = None  # "yes" / "no": my organisations' answers
    kind: str | None = None
    subject: int | None = None


INVITATION_BOXES = ("received", "sent")
INVITATION_WHEN = ("upcoming", "past")


def _my_answer(organization_ids):
    """The answer of the first of the user's organisations invited (None: not invited)."""
    rows = InvitationResponse.objects.filter(invitation_id=OuterRef("pk"), organization_id__in=list(organization_ids))
    return Subquery(rows.order_by("answer", "id").values("answer")[:1])


def _mine(organization_ids) -> Q:
    ids = list(organization_ids)
    invited = InvitationResponse.objects.filter(organization_id__in=ids).exclude(invitation__status="draft")
    return Q(inviter_id__in=ids) | Q(pk__in=invited.values("invitation_id"))


def invitation_list(user, filters: InvitationFilter = InvitationFilter(), today: dt.date | None = None):
    """The invitations the user sees, each with `my_answer` (the answer of the user's
    organisation, None if it is not invited), the number of invitees and of answers.
    Upcoming ones soonest first; otherwise the latest first."""
    today = today or timezone.localdate()
    ids = permissions.principal(user).history_organization_ids
    qs = permissions.visible_invitations(user).select_related("subject", "inviter")
    if filters.box == "received":
        invited = InvitationResponse.objects.filter(organization_id__in=list(ids))
        qs = qs.filter(pk__in=invited.values("invitation_id")).exclude(status=Invitation.Status.DRAFT)
    elif filters.box == "sent":
        qs = qs.filter(inviter_id__in=list(ids))
    if filters.when == "upcoming":
        qs = qs.filter(date__gte=today)
    elif filters.when == "past":
        qs = qs.filter(date__lt=today)
    if filters.answered in ("yes", "no"):
        mine = InvitationResponse.objects.filter(organization_id__in=list(ids))
        pending = Q(answer=InvitationResponse.Answer.PENDING)
        mine = mine.filter(pending) if filters.answered == "no" else mine.exclude(pending)
        qs = qs.filter(pk__in=mine.values("invitation_id"))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.subject:
        qs = qs.filter(subject_id=filters.subject)
    qs = qs.annotate(
        my_answer=_my_answer(ids),
        invitee_count=Count("responses", distinct=True),
        answer_count=Count("responses", filter=~Q(responses__answer=InvitationResponse.Answer.PENDING), distinct=True),
    )
    if filters.when == "upcoming":
        return qs.order_by("date", "start_time", "id")
    return qs.order_by("-date", "-start_time", "-id")


def _invitation_queryset():
    return Invitation.objects.select_related(
        "subject", "subject__program", "inviter", "activity", "activity__key_date", "created_by"
    ).prefetch_related(
        _parties_prefetch("subject__program__"),
        Prefetch(
            "responses",
            queryset=InvitationResponse.objects.select_related("organization", "answered_by").order_by(
                "organization__sort_name", "id"
            ),
        ),
    )


def get_invitation_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> Invitation:
    """The invitation with its subject's programme parties and its responses: 404 to
    strangers (and to invitees while it is a draft), 403 to readers asked to act."""
    invitation = _invitation_queryset().filter(pk=pk).first()
    if invitation is None:
        raise _not_found()
    permissions.check(user, action, invitation)
    return invitation


def get_response_for_user(user, invitation: Invitation, organization_id: int, action=permissions.Action.VIEW):
    """One invitee's response of an invitation already read for the user."""
    response = next((r for r in invitation.responses.all() if r.organization_id == organization_id), None)
    if response is None:
        raise _not_found()
    response.invitation = invitation
    permissions.check(user, action, response)
    return response


def answerable_responses(user, invitation: Invitation) -> list[InvitationResponse]:
    """The responses the user may give (those of the invited organisations they edit for)."""
    result = []
    for response in invitation.responses.all():
        if permissions.may_answer_invitation(user, response):
            response.invitation = invitation
            result.append(response)
    return result


def invitations_in_month(user, year: int, month: int):
    """The sent invitations of a month that concern the user's organisations (as inviter
    or invitee), for the calendar; each with `my_answer`."""
    start = dt.date(year, month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    ids = permissions.principal(user).organization_ids  # the present ones: a calendar looks ahead
    if not ids:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(_mine(ids), status=Invitation.Status.SENT, date__range=(start, end))
        .select_related("inviter")
        .annotate(my_answer=_my_answer(ids))
        .order_by("date", "start_time", "id")
    )


def upcoming_invitations(user, today: dt.date | None = None, *, days: int = UPCOMING_DAYS, limit: int = 30):
    """The sent invitations of the next `days` days that concern the user's organisations
    — unanswered ones first, then by date — in one query."""
    today = today or timezone.localdate()
    ids = permissions.principal(user).organization_ids  # the present ones: this looks ahead
    if not ids:
        return []
    rows = list(
        Invitation.objects.filter(
            _mine(ids), status=Invitation.Status.SENT, date__range=(today, today + dt.timedelta(days=days))
        )
        .select_related("inviter", "subject")
        .annotate(my_answer=_my_answer(ids))
        .order_by("date", "start_time", "id")[:limit]
    )
    rows.sort(key=lambda i: i.my_answer != InvitationResponse.Answer.PENDING)  # stable: by date within each
    return rows


def unanswered_invitations(today: dt.date | None = None, *, days: int = UNANSWERED_WITHIN_DAYS):
    """Responses still pending of sent invitations to events from today to `days` days
    ahead (for the daily reminder to the invitees' editors)."""
    today = today or timezone.localdate()
    return (
        InvitationResponse.objects.filter(
            answer=InvitationResponse.Answer.PENDING,
            invitation__status=Invitation.Status.SENT,
            invitation__date__range=(today, today + dt.timedelta(days=days)),
        )
        .select_related("invitation", "invitation__inviter")
        .order_by("invitation__date", "invitation_id", "organization_id")
    )


def invitation_ics(invitation: Invitation, *, stamp: dt.datetime | None = None) -> str:
    """The invitation as an iCalendar file: its times in Vietnam's time zone, a UID that
    stays the same whatever changes (so calendars update the event), SEQUENCE counting
    the reschedulings, the inviter, subject and agenda in the description."""
    base = settings.PHOIHOP_BASE_URL.rstrip("/")
    host = urlsplit(base).hostname or "phoihop"
    lines = [
        _("Cơ quan mời: %(org)s") % {"org": invitation.inviter.name},
        _("Vấn đề: %(title)s") % {"title": invitation.subject.title},
    ]
    if invitation.online_link:
        lines.append(_("Họp trực tuyến: %(link)s") % {"link": invitation.online_link})
    if invitation.agenda:
        lines += ["", invitation.agenda]
    event = ical.Event(
        uid=f"invitation-{invitation.pk}@{host}",
        start=invitation.starts_at,
        end=invitation.ends_at,
        summary=f"{invitation.get_kind_display()}: {invitation.title}",
        location=invitation.place or invitation.online_link,
        description="\n".join(lines),
        url=base + reverse("exchange:invitation_detail", args=[invitation.pk]),
        sequence=invitation.sequence,
        cancelled=invitation.status == Invitation.Status.CANCELLED,
    )
    return ical.render([event], stamp=stamp or timezone.now())
