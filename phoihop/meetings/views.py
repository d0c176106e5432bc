"""Pages of meetings. Reads go through selectors, writes through services, and every access
through `phoihop.accounts.permissions`: strangers get 404, readers who may not act get 403,
a refused write changes nothing and shows why."""

from __future__ import annotations

from functools import partial

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
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.transitions import post_transition
from phoihop.meetings import selectors, services, transitions
from phoihop.meetings.forms import (
    ConclusionDeleteForm,
    ConclusionEditForm,
    ConclusionForm,
    ConclusionTaskForm,
    ConnectionPointFormSet,
    MeetingEditForm,
    MeetingFilterForm,
    MeetingForm,
    attach_errors,
)
from phoihop.meetings.models import Meeting
from phoihop.organisations.models import Organization
from phoihop.programs.models import Program

NAV = "meetings"
FACTS = services.FACT_FIELDS


# --- list -------------------------------------------------------------------------------------


def _filter_form(request) -> MeetingFilterForm:
    return MeetingFilterForm(
        request.GET, years=selectors.year_choices(), programs=selectors.program_choices(request.user)
    )


@login_required
def meeting_list(request):
    form = _filter_form(request)
    filters = form.to_filter()
    page = paginate(request, selectors.meeting_list(request.user, filters))
    page.object_list = selectors.with_progress(page.object_list)
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.MeetingFilter(),
        "can_create": bool(selectors.owner_choices(request.user)),
        "calendar_query": request.GET.urlencode(),
    }
    return render_page_or_partial(
        request, page="meetings/meeting_list.html", partial="meetings/_meeting_results.html", context=context
    )


@login_required
def calendar_ics(request):
    filters = _filter_form(request).to_filter()
    body = selectors.meetings_ics(selectors.calendar_meetings(request.user, filters))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hoi-nghi.ics"'
    return response


# --- create and edit --------------------------------------------------------------------------


def _facts(data: dict) -> dict:
    """The form's values as the service takes them (objects for ids)."""
    values = {name: data[name] for name in FACTS if name in data and name != "program"}
    values["program"] = Program.objects.filter(pk=data["program"]).first() if data.get("program") else None
    return values


def _participants(ids) -> list[Organization]:
    found = Organization.objects.in_bulk(list(ids or ()))
    return [found[pk] for pk in ids or () if pk in found]


def _points(formset) -> list[services.ConnectionPointInput]:
    """The filled rows of the connection points formset (blank rows are ignored)."""
    rows = [form.cleaned_data for form in formset.forms if form.cleaned_data]
    rows = [row for row in rows if row.get("name") or row.get("place") or row.get("organization")]
    organizations = Organization.objects.in_bulk([row["organization"] for row in rows if row.get("organization")])
    return [
        services.ConnectionPointInput(
            name=row.get("name") or "",
            organization=organizations.get(row.get("organization")),
            place=row.get("place") or "",
            is_main=bool(row.get("is_main")),
        )
        for row in rows
    ]


def _form_page(request, form, formset, meeting=None, status: int = 200):
    context = {"nav_active": NAV, "form": form, "formset": formset, "meeting": meeting}
    return render(request, "meetings/meeting_form.html", context, status=status)


def _save(request, form, formset, call) -> Meeting | None:
    """Validate both, call the service; on refusal attach its errors and return None."""
    if not (form.is_valid() & formset.is_valid()):
        return None
    data = form.cleaned_data
    try:
        return call(data, _participants(data["participants"]), _points(formset))
    except ValidationError as error:  # a stale version too (StaleVersionError)
        attach_errors(form, error)
        if hasattr(error, "error_dict") and "connection_points" in error.error_dict:
            form.connection_point_errors = error.message_dict["connection_points"]
        return None


@login_required
def meeting_create(request):
    owners = selectors.owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    organizations = selectors.organization_choices(request.user)
    kwargs = {"owners": owners, "programs": selectors.program_choices_for_owner(request.user)}
    if request.method == "POST":
        form = MeetingForm(request.POST, organizations=organizations, **kwargs)
        formset = ConnectionPointFormSet(request.POST, prefix="points", form_kwargs={"organizations": organizations})

        def call(data, participants, points):
            return services.meeting_create(
                actor=request.user,
                owner=Organization.objects.filter(pk=data["owner"]).first(),
                participants=participants,
                connection_points=points,
                **_facts(data),
            )

        meeting = _save(request, form, formset, call)
        if meeting is not None:
            messages.success(request, _("Đã lên lịch hội nghị."))
            return redirect("meetings:detail", pk=meeting.pk)
        return _form_page(request, form, formset, status=422)
    form = MeetingForm(initial={"owner": owners[0][0]}, organizations=organizations, **kwargs)
    formset = ConnectionPointFormSet(prefix="points", form_kwargs={"organizations": organizations})
    return _form_page(request, form, formset)


@login_required
def meeting_edit(request, pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    current = selectors.participants(meeting)
    organizations = selectors.organization_choices(request.user, current_ids=[org.pk for org in current])
    kwargs = {
        "organizations": organizations,
        "programs": selectors.program_choices_for_owner(request.user, meeting.program_id),
    }
    if request.method == "POST":
        form = MeetingEditForm(request.POST, **kwargs)
        formset = ConnectionPointFormSet(request.POST, prefix="points", form_kwargs={"organizations": organizations})

        def call(data, participants, points):
            return services.meeting_update(
                actor=request.user,
                meeting=meeting,
                expected_version=data["version"],
                participants=participants,
                connection_points=points,
                **_facts(data),
            )

        if _save(request, form, formset, call) is not None:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("meetings:detail", pk=meeting.pk)
        return _form_page(request, form, formset, meeting, status=422)
    initial = {name: getattr(meeting, name) for name in FACTS if name != "program"}
    initial |= {
        "program": meeting.program_id,
        "participants": [org.pk for org in current],
        "version": meeting.version,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
    }
    form = MeetingEditForm(initial=initial, **kwargs)
    points = [
        {"name": p.name, "organization": p.organization_id, "place": p.place, "is_main": p.is_main}
        for p in selectors.connection_points(meeting)
    ]
    formset = ConnectionPointFormSet(initial=points, prefix="points", form_kwargs={"organizations": organizations})
    return _form_page(request, form, formset, meeting)


# --- one meeting ------------------------------------------------------------------------------


def _meeting_page(request, meeting: Meeting, *, status: int = 200, **forms):
    can_change = permissions.can(request.user, Action.CHANGE, meeting)
    participants = selectors.participants(meeting)
    conclusions = selectors.conclusions(meeting)
    if can_change:
        for conclusion in conclusions:
            conclusion.edit_form = forms.pop(f"edit_{conclusion.pk}", None) or ConclusionEditForm(
                initial={"number": conclusion.number, "text": conclusion.text, "version": conclusion.version},
                prefix=f"c{conclusion.pk}",
            )
            if conclusion.task_id is None:
                conclusion.task_form = forms.pop(f"task_{conclusion.pk}", None) or ConclusionTaskForm(
                    initial={"version": conclusion.version}, participants=participants, prefix=f"t{conclusion.pk}"
                )
    context = {
        "nav_active": NAV,
        "meeting": meeting,
        "participants": participants,
        "connection_points": selectors.connection_points(meeting),
        "conclusions": conclusions,
        "progress": selectors.progress_of(conclusions),
        "can_change": can_change,
        "can_conclude": can_change and meeting.status == Meeting.Status.HELD,
        "conclusion_form": forms.pop("conclusion_form", None) or ConclusionForm(),
        "transitions": transitions.allowed(transitions.MEETING, meeting.status) if can_change else [],
        "transition_errors": forms.pop("transition_errors", None) or [],
        "errors": forms.pop("errors", None) or [],
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


@login_required
def meeting_detail(request, pk: int):
    return _meeting_page(request, selectors.get_meeting_for_user(request.user, pk))


@login_required
def meeting_ics(request, pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    response = HttpResponse(
        selectors.meetings_ics(Meeting.objects.filter(pk=meeting.pk)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hoi-nghi-{meeting.pk}.ics"'
    return response


@login_required
def meeting_history(request, pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="meetings/meeting_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "meeting": meeting, "history": history_for(meeting, limit=200)},
    )


@login_required
@require_POST
def meeting_transition(request, pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    return post_transition(
        request,
        meeting,
        apply=partial(services.meeting_transition, actor=request.user, meeting=meeting),
        success=lambda obj: _("Trạng thái hội nghị: “%(s)s”.") % {"s": obj.get_status_display()},
        redirect_to="meetings:detail",
        page=partial(_meeting_page, request, meeting),
    )


# --- conclusions ------------------------------------------------------------------------------


@login_required
@require_POST
def conclusion_add(request, pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.conclusion_add(
                actor=request.user, meeting=meeting, text=form.cleaned_data["text"], number=form.cleaned_data["number"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã thêm kết luận."))
            return redirect(f"{meeting.get_absolute_url()}#conclusions")
    return _meeting_page(request, meeting, conclusion_form=form, status=422)


@login_required
@require_POST
def conclusion_edit(request, pk: int, conclusion_pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    conclusion = selectors.get_conclusion_for_user(request.user, meeting, conclusion_pk)
    form = ConclusionEditForm(request.POST, prefix=f"c{conclusion.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.conclusion_update(
                actor=request.user,
                conclusion=conclusion,
                expected_version=data["version"],
                text=data["text"],
                number=data["number"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kết luận."))
            return redirect(f"{meeting.get_absolute_url()}#conclusions")
    return _meeting_page(request, meeting, status=422, **{f"edit_{conclusion.pk}": form})


@login_required
@require_POST
def conclusion_delete(request, pk: int, conclusion_pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    conclusion = selectors.get_conclusion_for_user(request.user, meeting, conclusion_pk)
    form = ConclusionDeleteForm(request.POST)
    errors = [_("Thao tác không hợp lệ.")]
    if form.is_valid():
        try:
            services.conclusion_delete(
                actor=request.user, conclusion=conclusion, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, _("Đã xóa kết luận số %(n)s.") % {"n": conclusion.number})
            return redirect(f"{meeting.get_absolute_url()}#conclusions")
    return _meeting_page(request, meeting, errors=errors, status=422)


@login_required
@require_POST
def conclusion_task(request, pk: int, conclusion_pk: int):
    meeting = selectors.get_meeting_for_user(request.user, pk, Action.CHANGE)
    conclusion = selectors.get_conclusion_for_user(request.user, meeting, conclusion_pk)
    form = ConclusionTaskForm(request.POST, participants=selectors.participants(meeting), prefix=f"t{conclusion.pk}")
    if form.is_valid():
        data = form.cleaned_data
        chosen = Organization.objects.in_bulk([data["lead"], *data["partners"]])
        try:
            task = services.conclusion_create_task(
                actor=request.user,
                conclusion=conclusion,
                expected_version=data["version"],
                lead=chosen.get(data["lead"]),
                partners=[chosen[pk] for pk in data["partners"] if pk in chosen],
                due_date=data["due_date"],
                title=data["title"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ “%(task)s”.") % {"task": task.title})
            return redirect(f"{meeting.get_absolute_url()}#conclusion-{conclusion.pk}")
    return _meeting_page(request, meeting, status=422, **{f"task_{conclusion.pk}": form})
