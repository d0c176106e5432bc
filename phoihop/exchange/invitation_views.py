"""Pages of invitations: the list (received, sent), one invitation with its invitees'
answers (answered in place through HTMX), the form from the subject page, send and
cancel, the .ics file, and the month calendar of tasks and invitations.

Reads through selectors, writes through services, access through
`phoihop.accounts.permissions`: strangers (and invitees of a draft) get 404, readers who
may not act get 403, and a refused write changes nothing and shows why."""

from __future__ import annotations

import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.concurrency import StaleVersionError
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.exchange import selectors, services, transitions
from phoihop.exchange.forms import AnswerForm, InvitationFilterForm, InvitationForm, TransitionForm, attach_errors
from phoihop.exchange.models import Invitation, InvitationResponse
from phoihop.programs import selectors as program_selectors
from phoihop.programs.forms import MonthForm

NAV = "invitations"
CALENDAR_NAV = "calendar"


# --- list ----------------------------------------------------------------------------


@login_required
def invitation_list(request):
    form = InvitationFilterForm(request.GET)
    filters = form.to_filter()
    page = paginate(request, selectors.invitation_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.InvitationFilter(),
        "today": timezone.localdate(),
    }
    return render_page_or_partial(
        request, page="exchange/invitation_list.html", partial="exchange/_invitation_results.html", context=context
    )


# --- one invitation ------------------------------------------------------------------


def _answer_forms(request, invitation: Invitation, bound: AnswerForm | None = None) -> list[dict]:
    """An answer form per invited organisation the user edits for, while answers are open."""
    if invitation.status != Invitation.Status.SENT or invitation.has_started():
        return []
    result = []
    for response in selectors.answerable_responses(request.user, invitation):
        form = bound if bound is not None and bound.data.get("organization") == str(response.organization_id) else None
        result.append({"response": response, "form": form or AnswerForm(initial=AnswerForm.initial_for(response))})
    return result


def _answers_context(request, invitation: Invitation, *, bound=None, answer_errors=None) -> dict:
    responses = list(invitation.responses.all())
    return {
        "invitation": invitation,
        "responses": responses,
        "attending": sum(r.delegates or 0 for r in responses if r.answer == InvitationResponse.Answer.ATTENDING),
        "answer_forms": _answer_forms(request, invitation, bound),
        "answer_errors": answer_errors or [],
        "started": invitation.has_started(),
    }


def _invitation_page(request, invitation: Invitation, *, transition_errors=None, status: int = 200):
    user = request.user
    can_change = permissions.can(user, Action.CHANGE, invitation)
    buttons = [t for t in transitions.allowed(transitions.INVITATION, invitation.status) if can_change]
    context = {
        "nav_active": NAV,
        **_answers_context(request, invitation),
        "subject": invitation.subject,
        "sees_subject": permissions.can(user, Action.VIEW, invitation.subject),
        "can_edit": can_change and invitation.status != Invitation.Status.CANCELLED and not invitation.has_started(),
        "transitions": buttons,
        "transition_errors": transition_errors or [],
        "history": history_for(invitation, limit=100),
    }
    return render(request, "exchange/invitation_detail.html", context, status=status)


@login_required
def invitation_detail(request, pk: int):
    return _invitation_page(request, selectors.get_invitation_for_user(request.user, pk))


def _refused(request, invitation, error, *, status=200):
    errors = list(error.messages) if isinstance(error, ValidationError) else [str(error)]
    fresh = selectors.get_invitation_for_user(request.user, invitation.pk)
    return _invitation_page(request, fresh, transition_errors=errors, status=status)


@login_required
@require_POST
def invitation_transition(request, pk: int):
    invitation = selectors.get_invitation_for_user(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        error = ValidationError(_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại."))
        return _refused(request, invitation, error)
    data = form.cleaned_data
    try:
        services.invitation_transition(
            actor=request.user,
            invitation=invitation,
            action=data["action"],
            expected_version=data["version"],
            reason=data["reason"],
        )
    except PermissionDenied as error:
        return _refused(request, invitation, error, status=403)
    except ValidationError as error:
        return _refused(request, invitation, error)
    messages.success(request, _("Lời mời đã chuyển sang “%(s)s”.") % {"s": invitation.get_status_display()})
    return redirect("exchange:invitation_detail", pk=invitation.pk)


@login_required
@require_POST
def invitation_answer(request, pk: int):
    """One invited organisation's answer. With HTMX the invitees card is swapped in place;
    a refusal shows next to the field (or above the card) and writes nothing."""
    invitation = selectors.get_invitation_for_user(request.user, pk)
    form = AnswerForm(request.POST)
    answer_errors = []
    if form.is_valid():
        response = selectors.get_response_for_user(request.user, invitation, form.cleaned_data["organization"])
        try:
            services.invitation_answer(
                actor=request.user,
                response=response,
                expected_version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except PermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        except StaleVersionError as error:
            form.add_error(None, error)
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) <= {"__all__"}:
                answer_errors = list(error.messages)
            else:
                attach_errors(form, error)
        else:
            messages.success(request, _("Đã ghi trả lời của %(org)s.") % {"org": response.organization.name})
            if not request.htmx:
                return redirect("exchange:invitation_detail", pk=invitation.pk)
            invitation = selectors.get_invitation_for_user(request.user, pk)
            return render(request, "exchange/_invitation_answers.html", _answers_context(request, invitation))
    if request.htmx:
        context = _answers_context(request, invitation, bound=form, answer_errors=answer_errors)
        return render(request, "exchange/_invitation_answers.html", context)
    context_errors = answer_errors or [m for messages_ in form.errors.values() for m in messages_]
    return _invitation_page(request, invitation, transition_errors=context_errors)


@login_required
def invitation_ics(request, pk: int):
    invitation = selectors.get_invitation_for_user(request.user, pk)
    response = HttpResponse(selectors.invitation_ics(invitation), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="loi-moi-{invitation.pk}.ics"'
    return response


@login_required
def subject_invitations(request, pk: int):
    """The invitations of a subject that the user sees: loaded into the subject page when
    scrolled to (HTMX), or as a page of its own without JavaScript."""
    subject = selectors.get_subject_for_user(request.user, pk)
    rows = selectors.invitation_list(request.user, selectors.InvitationFilter(subject=subject.pk))
    context = {"nav_active": "subjects", "subject": subject, "invitations": list(rows[:50])}
    return render_page_or_partial(
        request,
        page="exchange/subject_invitations.html",
        partial="exchange/_subject_invitations.html",
        context=context,
    )


# --- create and edit -----------------------------------------------------------------


def _form_page(request, form, subject, invitation=None):
    context = {"nav_active": NAV, "form": form, "subject": subject, "invitation": invitation}
    return render(request, "exchange/invitation_form.html", context)


@login_required
def invitation_create(request, pk: int):
    """ "Mời dự" from the subject page: for an editor of a party of its programme."""
    subject = selectors.get_subject_for_user(request.user, pk)
    if not permissions.inviting_organization_ids(request.user, subject):
        raise PermissionDenied(_("Chỉ cán bộ của một bên của chương trình mới gửi lời mời được."))
    if request.method == "POST":
        form = InvitationForm(request.POST, user=request.user, subject=subject)
        if form.is_valid():
            try:
                invitation = services.invitation_create(actor=request.user, subject=subject, **form.service_values())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu dự thảo lời mời. Hãy kiểm tra rồi bấm “Gửi lời mời”."))
                return redirect("exchange:invitation_detail", pk=invitation.pk)
    else:
        acting = getattr(request, "acting_organization", None)
        inviting = permissions.inviting_organization_ids(request.user, subject)
        initial = {"inviter": acting.pk if acting and acting.pk in inviting else None}
        form = InvitationForm(user=request.user, subject=subject, initial=initial)
    return _form_page(request, form, subject)


@login_required
def invitation_edit(request, pk: int):
    invitation = selectors.get_invitation_for_user(request.user, pk, Action.CHANGE)
    subject = invitation.subject
    if request.method == "POST":
        form = InvitationForm(request.POST, user=request.user, subject=subject, invitation=invitation)
        if form.is_valid():
            try:
                services.invitation_update(
                    actor=request.user,
                    invitation=invitation,
                    expected_version=form.cleaned_data["version"] or 0,
                    **form.service_values(),
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu lời mời."))
                return redirect("exchange:invitation_detail", pk=invitation.pk)
    else:
        form = InvitationForm(
            user=request.user, subject=subject, invitation=invitation, initial=InvitationForm.initial_for(invitation)
        )
    return _form_page(request, form, subject, invitation)


# --- calendar ------------------------------------------------------------------------


def _month_of(value: str | None, today: dt.date) -> dt.date:
    form = MonthForm({"month": value or ""})
    if form.is_valid() and form.cleaned_data["month"]:
        year, month = (int(part) for part in form.cleaned_data["month"].split("-"))
        return dt.date(year, month, 1)
    return today.replace(day=1)


@login_required
def work_calendar(request):
    """The month of the user: the tasks they see due that month (as on the task calendar)
    and the sent invitations their organisations send or receive, by day."""
    today = timezone.localdate()
    first = _month_of(request.GET.get("month"), today)
    tasks: dict[dt.date, list] = {}
    for task in program_selectors.task_calendar(request.user, first.year, first.month, today=today):
        tasks.setdefault(task.due_date, []).append(task)
    invitations: dict[dt.date, list] = {}
    for invitation in selectors.invitations_in_month(request.user, first.year, first.month):
        invitations.setdefault(invitation.date, []).append(invitation)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "tasks": tasks.get(day, []),
                "invitations": invitations.get(day, []),
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "nav_active": CALENDAR_NAV,
        "month": first,
        "weeks": weeks,
        "task_count": sum(len(rows) for rows in tasks.values()),
        "invitation_count": sum(len(rows) for rows in invitations.values()),
        "previous": f"{previous:%Y-%m}",
        "next": f"{following:%Y-%m}",
        "this_month": f"{today:%Y-%m}",
        "today": today,
        "weekdays": [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")],
    }
    return render(request, "exchange/calendar.html", context)
