"""Pages of programmes, annual plans and tasks. Reads go through selectors, writes through
services, and every access through `phoihop.accounts.permissions`: strangers get 404,
readers who may not act get 403, and a refused write changes nothing and shows why."""

from __future__ import annotations

import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core import uploads
from phoihop.core.concurrency import StaleVersionError
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.core.params import parse_id
from phoihop.organisations.models import Organization
from phoihop.programs import selectors, services, transitions
from phoihop.programs.forms import (
    AttachmentForm,
    MonthForm,
    PartyFormSet,
    PlanEditForm,
    PlanForm,
    ProgramEditForm,
    ProgramFilterForm,
    ProgramForm,
    ProgressForm,
    SignatureForm,
    TaskEditForm,
    TaskFilterForm,
    TaskForm,
    TransitionForm,
    attach_errors,
    organization_choices,
    party_organization_choices,
    program_choices,
)
from phoihop.programs.models import AnnualPlan, Bucket, ContentItem, PartyRole, Program, Task

NAV = "programs"


def _errors_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def _lead_first(parties) -> list:
    return sorted(parties, key=lambda party: (party.role != PartyRole.LEAD, getattr(party, "position", 0), party.pk))


def _with_progress(tasks) -> list:
    """Tasks (parts prefetched) with their consolidated progress and partner parts."""
    tasks = list(tasks)
    for task in tasks:
        task.consolidated = selectors.task_progress(task)
        task.partner_parts = [part for part in task.parts.all() if part.role == PartyRole.PARTNER]
    return tasks


# --- programmes: list ----------------------------------------------------------------


@login_required
@require_GET
def filter_options(request, kind: str):
    """The options of an on-demand select of the filters (`core.widgets.OnDemandSelect`):
    the organisations party to the programmes the user sees, or those programmes."""
    # htmx sends the select's own value under the field's name.
    selected = next((parse_id(value) for value in request.GET.values() if parse_id(value)), None)
    if kind == "parties":
        options = party_organization_choices(request.user)
    elif kind == "programs":
        options = program_choices(request.user, selected)
    else:
        raise Http404
    return render(request, "programs/_options.html", {"options": options, "selected": selected})


@login_required
def program_list(request):
    form = ProgramFilterForm(request.GET, user=request.user)
    filters = form.to_filter()
    page = paginate(request, selectors.program_list(request.user, filters))
    page.object_list = list(page.object_list)
    for program in page.object_list:
        program.party_list = _lead_first(program.parties.all())
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ProgramFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, Program),
    }
    return render_page_or_partial(
        request, page="programs/program_list.html", partial="programs/_program_results.html", context=context
    )


# --- programmes: create and edit -----------------------------------------------------


def _party_inputs(formset, organizations: dict[int, Organization]) -> list[services.PartyInput]:
    return [
        services.PartyInput(
            organizations[row["organization"]], row["role"] or PartyRole.PARTNER, row["responsibilities"]
        )
        for row in formset.chosen()
    ]


def _organizations_by_pk(choices) -> dict[int, Organization]:
    return Organization.objects.in_bulk([pk for pk, _name in choices])


def _attach_program_errors(form, formset, error: ValidationError) -> None:
    """Service errors on "parties" belong to the parties table, the rest to the form."""
    if hasattr(error, "error_dict") and "parties" in error.error_dict:
        for message in error.error_dict["parties"]:
            formset.party_errors.extend(message.messages)
        error = ValidationError({k: v for k, v in error.error_dict.items() if k != "parties"})
        if not error.error_dict:
            return
    attach_errors(form, error)


def _program_form_page(request, form, formset, program=None):
    return render(
        request,
        "programs/program_form.html",
        {"nav_active": NAV, "form": form, "formset": formset, "program": program},
    )


@login_required
def program_create(request):
    permissions.check(request.user, Action.CREATE, Program)
    choices = organization_choices(request.user)
    form_kwargs = {"organizations": choices}
    if request.method == "POST":
        form = ProgramForm(request.POST)
        formset = PartyFormSet(request.POST, prefix="parties", form_kwargs=form_kwargs)
        formset.party_errors = []
        if form.is_valid() & formset.is_valid():
            parties = _party_inputs(formset, _organizations_by_pk(choices))
            try:
                program = services.program_create(actor=request.user, parties=parties, **form.service_values())
            except ValidationError as error:
                _attach_program_errors(form, formset, error)
            else:
                messages.success(request, _("Đã tạo chương trình %(title)s.") % {"title": program.title})
                return redirect("programs:detail", pk=program.pk)
    else:
        form = ProgramForm(initial={"kind": Program.Kind.SAME_LEVEL_238, "info_frequency": Program.Frequency.MONTHLY})
        acting = getattr(request, "acting_organization", None)
        first = {"role": PartyRole.LEAD}
        if acting is not None and acting.pk in dict(choices):
            first["organization"] = acting.pk
        formset = PartyFormSet(prefix="parties", initial=[first, {"role": PartyRole.PARTNER}], form_kwargs=form_kwargs)
        formset.party_errors = []
    return _program_form_page(request, form, formset)


@login_required
def program_edit(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, Action.CHANGE)
    current = [party.organization for party in program.parties.all()]
    choices = organization_choices(request.user, include=current)
    form_kwargs = {"organizations": choices}
    if request.method == "POST":
        form = ProgramEditForm(request.POST)
        formset = PartyFormSet(request.POST, prefix="parties", form_kwargs=form_kwargs)
        formset.party_errors = []
        if form.is_valid() & formset.is_valid():
            parties = _party_inputs(formset, _organizations_by_pk(choices))
            try:
                services.program_update(
                    actor=request.user,
                    program=program,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                    parties=parties,
                    **form.service_values(),
                )
            except StaleVersionError as error:
                form.add_error(None, error)
            except ValidationError as error:
                _attach_program_errors(form, formset, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của chương trình."))
                return redirect("programs:detail", pk=program.pk)
            program.refresh_from_db()
    else:
        detail = selectors.program_detail(program, with_revisions=False)  # loaded on scroll
        form = ProgramEditForm(
            initial={**ProgramEditForm.initial_for(program, detail["legal_bases"]), "version": program.version}
        )
        initial = [
            {"organization": p.organization_id, "role": p.role, "responsibilities": p.responsibilities}
            for p in program.parties.all()
        ]
        formset = PartyFormSet(prefix="parties", initial=initial, form_kwargs=form_kwargs)
        formset.party_errors = []
    return _program_form_page(request, form, formset, program)


# --- programmes: page, signatures, transitions ---------------------------------------


def _readable_revision(revision) -> dict:
    snapshot = revision.snapshot or {}
    items = []
    for item in snapshot.get("content_items", []):
        number = item.get("number") or 0
        word = ContentItem.ORDINALS[number - 1] if 1 <= number <= len(ContentItem.ORDINALS) else str(number)
        items.append({"ordinal": f"{word} là", "text": item.get("text", "")})
    return {"revision": revision, "snapshot": snapshot, "content_items": items}


def _program_page(
    request,
    program: Program,
    *,
    signature_form=None,
    transition_errors=None,
    attachment_form=None,
    status: int = 200,
):
    detail = selectors.program_detail(program, with_revisions=False)  # loaded on scroll
    can_change = permissions.can(request.user, Action.CHANGE, program)
    if attachment_form is None and can_change:
        attachment_form = AttachmentForm()
    signed_ids = {signature.organization_id for signature in detail["signatures"]}
    unsigned = [party.organization for party in program.parties.all() if party.organization_id not in signed_ids]
    is_draft = program.status == Program.Status.DRAFT
    if signature_form is None and can_change and is_draft and unsigned:
        signature_form = SignatureForm(parties=unsigned, initial={"signed_on": timezone.localdate()})
    context = {
        "nav_active": NAV,
        "program": program,
        "parties": _lead_first(program.parties.all()),
        "content_items": list(program.content_items.all()),
        **detail,
        "can_change": can_change,
        "can_add_plan": can_change and program.status not in (Program.Status.CONCLUDED, Program.Status.TERMINATED),
        "signature_form": signature_form if can_change and is_draft else None,
        "transitions": transitions.allowed(transitions.PROGRAM, program.status) if can_change else [],
        "transition_errors": transition_errors or [],
        "attachments": list(selectors.program_attachments(program)),
        "attachment_form": attachment_form if can_change else None,
        "today": timezone.localdate(),
    }
    return render(request, "programs/program_detail.html", context, status=status)


@login_required
def program_detail(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk)
    return _program_page(request, program)


@login_required
def program_revisions(request, pk: int):
    """The earlier versions of an amended programme, readable; loaded like the history."""
    program = selectors.get_program_for_user(request.user, pk)
    revisions = program.revisions.select_related("created_by")
    return render_page_or_partial(
        request,
        page="programs/program_revisions.html",
        partial="programs/_revisions.html",
        context={
            "nav_active": "programs",
            "program": program,
            "revisions": [_readable_revision(revision) for revision in revisions],
        },
    )


@login_required
def program_history(request, pk: int):
    """The programme's change history: loaded into the programme page when scrolled to
    (HTMX), or as a page of its own without JavaScript."""
    program = selectors.get_program_for_user(request.user, pk)
    return render_page_or_partial(
        request,
        page="programs/program_history.html",
        partial="audit/_history.html",
        context={"nav_active": "programs", "program": program, "history": history_for(program, limit=200)},
    )


@login_required
@require_POST
def program_sign(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, Action.CHANGE)
    signed_ids = set(program.signatures.values_list("organization_id", flat=True))
    unsigned = [party.organization for party in program.parties.all() if party.organization_id not in signed_ids]
    form = SignatureForm(request.POST, parties=unsigned)
    if form.is_valid():
        try:
            services.program_sign(actor=request.user, program=program, **form.service_values())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận chữ ký."))
            return redirect("programs:detail", pk=program.pk)
    return _program_page(request, program, signature_form=form)


@login_required
@require_POST
def program_transition(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, Action.CHANGE)
    form = TransitionForm(request.POST)
    errors = []
    if not form.is_valid():
        errors = [_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.")]
    else:
        data = form.cleaned_data
        try:
            services.program_transition(
                actor=request.user,
                program=program,
                action=data["action"],
                expected_version=data["version"],
                reason=data["reason"],
            )
        except ValidationError as error:
            errors = _errors_of(error)
            program.refresh_from_db()
        else:
            messages.success(request, _("Chương trình đã chuyển sang “%(s)s”.") % {"s": program.get_status_display()})
            return redirect("programs:detail", pk=program.pk)
    return _program_page(request, program, transition_errors=errors)


# --- programmes: attachments ---------------------------------------------------------


def _attachments_url(program_id: int) -> str:
    return reverse("programs:detail", args=[program_id]) + "#attachments"


@login_required
@require_POST
def attachment_upload(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, Action.CHANGE)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.program_attach(actor=request.user, program=program, **form.service_values())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã đính kèm tài liệu %(title)s.") % {"title": attachment.title})
            return redirect(_attachments_url(program.pk))
    return _program_page(request, program, attachment_form=form)


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, Action.CHANGE)
    program_id = attachment.program_id
    services.program_detach(actor=request.user, attachment=attachment)
    messages.success(request, _("Đã gỡ tài liệu %(title)s.") % {"title": attachment.title})
    return redirect(_attachments_url(program_id))


def attachment_file_response(attachment, handle) -> FileResponse:
    """The stored file as a download (phoihop.core.uploads.download_response)."""
    return uploads.download_response(handle, content_type=attachment.content_type, name=attachment.original_name)


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk)
    try:
        handle = services.attachment_download(actor=request.user, attachment=attachment)
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    return attachment_file_response(attachment, handle)


# --- plans ---------------------------------------------------------------------------


@login_required
def plan_create(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, Action.CHANGE)  # implies CREATE
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.plan_create(actor=request.user, program=program, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã tạo %(title)s.") % {"title": plan.title})
                return redirect("programs:plan_detail", pk=plan.pk)
    else:
        existing = set(program.plans.values_list("year", flat=True))
        year = next((y for y in range(program.start_year, program.end_year + 1) if y not in existing), None)
        initial = {"year": year, "title": _("Kế hoạch thực hiện năm %(year)s") % {"year": year} if year else ""}
        form = PlanForm(initial=initial)
    return render(
        request, "programs/plan_form.html", {"nav_active": NAV, "form": form, "program": program, "plan": None}
    )


@login_required
def plan_edit(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = PlanEditForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.plan_update(actor=request.user, plan=plan, expected_version=version, **data)
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của kế hoạch."))
                return redirect("programs:plan_detail", pk=plan.pk)
            plan.refresh_from_db()
    else:
        initial = {name: getattr(plan, name) for name in ("title", "number_symbol", "summary", "version")}
        form = PlanEditForm(initial=initial)
    context = {"nav_active": NAV, "form": form, "program": plan.program, "plan": plan}
    return render(request, "programs/plan_form.html", context)


def _plan_page(request, plan: AnnualPlan, *, signature_form=None, transition_errors=None):
    program = plan.program
    can_change = permissions.can(request.user, Action.CHANGE, plan)
    tasks = _with_progress(selectors.task_list(request.user, selectors.TaskFilter(plan=plan.pk)))
    signatures = list(plan.signatures.select_related("organization"))
    signed_ids = {signature.organization_id for signature in signatures}
    unsigned = [party.organization for party in program.parties.all() if party.organization_id not in signed_ids]
    is_draft = plan.status == AnnualPlan.Status.DRAFT
    if signature_form is None and can_change and is_draft and unsigned:
        signature_form = SignatureForm(parties=unsigned, initial={"signed_on": timezone.localdate()})
    context = {
        "nav_active": NAV,
        "plan": plan,
        "program": program,
        "tasks": tasks,
        "signatures": signatures,
        "can_change": can_change,
        "can_add_task": can_change and plan.status != AnnualPlan.Status.CLOSED,
        "can_copy": can_change and plan.year < program.end_year,
        "signature_form": signature_form if can_change and is_draft else None,
        "transitions": transitions.allowed(transitions.PLAN, plan.status) if can_change else [],
        "transition_errors": transition_errors or [],
        "history": history_for(plan),
    }
    return render(request, "programs/plan_detail.html", context)


@login_required
def plan_detail(request, pk: int):
    return _plan_page(request, selectors.get_plan_for_user(request.user, pk))


@login_required
@require_POST
def plan_sign(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)
    signed_ids = set(plan.signatures.values_list("organization_id", flat=True))
    unsigned = [p.organization for p in plan.program.parties.all() if p.organization_id not in signed_ids]
    form = SignatureForm(request.POST, parties=unsigned)
    if form.is_valid():
        try:
            services.plan_sign(actor=request.user, plan=plan, **form.service_values())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận chữ ký."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, signature_form=form)


@login_required
@require_POST
def plan_transition(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)
    form = TransitionForm(request.POST)
    errors = []
    if not form.is_valid():
        errors = [_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.")]
    else:
        data = form.cleaned_data
        try:
            services.plan_transition(
                actor=request.user,
                plan=plan,
                action=data["action"],
                expected_version=data["version"],
                reason=data["reason"],
            )
        except ValidationError as error:
            errors = _errors_of(error)
            plan.refresh_from_db()
        else:
            messages.success(request, _("Kế hoạch đã chuyển sang “%(s)s”.") % {"s": plan.get_status_display()})
            return redirect("programs:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, transition_errors=errors)


@login_required
@require_POST
def plan_copy(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)  # implies CREATE
    try:
        new_plan = services.plan_copy_to_next_year(actor=request.user, plan=plan)
    except ValidationError as error:
        for message in _errors_of(error):
            messages.error(request, message)
        return redirect("programs:plan_detail", pk=plan.pk)
    messages.success(request, _("Đã sao chép sang %(title)s (dự thảo).") % {"title": new_plan.title})
    return redirect("programs:plan_detail", pk=new_plan.pk)


# --- tasks: create and edit ----------------------------------------------------------


def _task_form_page(request, form, plan, task=None):
    context = {"nav_active": NAV, "form": form, "plan": plan, "program": plan.program, "task": task}
    return render(request, "programs/task_form.html", context)


@login_required
def task_create(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)  # implies CREATE
    program = plan.program
    if request.method == "POST":
        form = TaskForm(request.POST, program=program)
        if form.is_valid():
            try:
                task = services.task_create(actor=request.user, plan=plan, **form.service_values())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm nhiệm vụ %(title)s.") % {"title": task.title})
                return redirect("programs:task_detail", pk=task.pk)
    else:
        lead = next((p.organization_id for p in program.parties.all() if p.role == PartyRole.LEAD), None)
        form = TaskForm(program=program, initial={"lead": lead})
    return _task_form_page(request, form, plan)


@login_required
def task_edit(request, pk: int):
    task = selectors.get_task_for_user(request.user, pk, Action.CHANGE)
    program = task.plan.program
    if request.method == "POST":
        form = TaskEditForm(request.POST, program=program)
        if form.is_valid():
            values = form.service_values()
            try:
                services.task_update(
                    actor=request.user, task=task, expected_version=form.cleaned_data["version"], **values
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của nhiệm vụ."))
                return redirect("programs:task_detail", pk=task.pk)
    else:
        form = TaskEditForm(program=program, initial={**TaskEditForm.initial_for(task), "version": task.version})
    return _task_form_page(request, form, task.plan, task)


# --- tasks: page, progress, transitions ----------------------------------------------


def _part_context(request, part, task, form=None, saved: bool = False, reports=None) -> dict:
    """One part's card; `form` is a refused report's bound form, shown with its errors;
    `reports` its latest reports when the caller read those of every part at once."""
    can_report = task.status == Task.Status.OPEN and permissions.can(request.user, Action.REPORT, part)
    if can_report and form is None:
        form = ProgressForm(part=part, initial=ProgressForm.initial_for(part))
    return {
        "part": part,
        "task": task,
        "form": form if can_report or (form is not None and form.is_bound) else None,
        "reports": selectors.part_reports(part) if reports is None else reports,
        "saved": saved,
    }


def _task_page(request, task: Task, *, bound_part_form=None, transition_errors=None):
    today = timezone.localdate()
    reports = selectors.reports_by_part(task)
    parts = []
    for part in _lead_first(task.parts.all()):
        form = bound_part_form if bound_part_form is not None and bound_part_form.part.pk == part.pk else None
        parts.append(_part_context(request, part, task, form, reports=reports.get(part.pk, [])))
    can_change = permissions.can(request.user, Action.CHANGE, task)
    context = {
        "nav_active": NAV,
        "task": task,
        "plan": task.plan,
        "program": task.plan.program,
        "bucket": task.bucket_on(today),
        "consolidated": selectors.task_progress(task),
        "parts": parts,
        "partners": [p["part"].organization for p in parts if p["part"].role == PartyRole.PARTNER],
        "can_change": can_change,
        "transitions": transitions.allowed(transitions.TASK, task.status) if can_change else [],
        "transition_errors": transition_errors or [],
        "today": today,
        "history": history_for(task),
    }
    return render(request, "programs/task_detail.html", context)


@login_required
def task_detail(request, pk: int):
    return _task_page(request, selectors.get_task_for_user(request.user, pk))


@login_required
@require_POST
def part_report(request, pk: int):
    part = selectors.get_part_for_user(request.user, pk, Action.REPORT)
    form = ProgressForm(request.POST, part=part)
    saved = False
    if form.is_valid():
        try:
            services.task_report_progress(
                actor=request.user,
                part=part,
                expected_version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ValidationError as error:  # a stale version too (StaleVersionError)
            attach_errors(form, error)
        else:
            saved = True
    if saved and not request.htmx:
        messages.success(request, _("Đã cập nhật tiến độ của %(org)s.") % {"org": part.organization.name})
        return redirect("programs:task_detail", pk=part.task_id)
    task = selectors.get_task_for_user(request.user, part.task_id)
    if not request.htmx:
        return _task_page(request, task, bound_part_form=form)
    fresh = next(p for p in task.parts.all() if p.pk == part.pk)
    context = _part_context(request, fresh, task, None if saved else form, saved=saved)
    context["consolidated"] = selectors.task_progress(task)
    context["oob"] = True
    return render(request, "programs/_part.html", context)


@login_required
@require_POST
def task_transition(request, pk: int):
    task = selectors.get_task_for_user(request.user, pk, Action.CHANGE)
    form = TransitionForm(request.POST)
    errors = []
    if not form.is_valid():
        errors = [message for messages_ in form.errors.values() for message in messages_]
    else:
        data = form.cleaned_data
        try:
            services.task_transition(
                actor=request.user,
                task=task,
                action=data["action"],
                expected_version=data["version"],
                reason=data["reason"],
                completed_on=data["completed_on"],
            )
        except ValidationError as error:
            errors = _errors_of(error)
            task.refresh_from_db()
        else:
            messages.success(request, _("Nhiệm vụ đã chuyển sang “%(s)s”.") % {"s": task.get_status_display()})
            return redirect("programs:task_detail", pk=task.pk)
    return _task_page(request, task, transition_errors=errors)


# --- tasks: list and calendar --------------------------------------------------------


@login_required
def task_list(request):
    form = TaskFilterForm(request.GET, user=request.user)
    filters = form.to_filter()
    page = paginate(request, selectors.task_list(request.user, filters), by_keys=True)
    page.object_list = _with_progress(page.object_list)
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.TaskFilter(),
        "buckets": Bucket,
    }
    return render_page_or_partial(
        request, page="programs/task_list.html", partial="programs/_task_results.html", context=context
    )


def _month_of(value: str | None, today: dt.date) -> dt.date:
    form = MonthForm({"month": value or ""})
    if form.is_valid() and form.cleaned_data["month"]:
        year, month = (int(part) for part in form.cleaned_data["month"].split("-"))
        return dt.date(year, month, 1)
    return today.replace(day=1)


@login_required
def task_calendar(request):
    today = timezone.localdate()
    first = _month_of(request.GET.get("month"), today)
    by_day: dict[dt.date, list] = {}
    for task in selectors.task_calendar(request.user, first.year, first.month, today=today):
        by_day.setdefault(task.due_date, []).append(task)
    weeks = [
        [{"date": day, "in_month": day.month == first.month, "tasks": by_day.get(day, [])} for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "nav_active": NAV,
        "month": first,
        "weeks": weeks,
        "task_count": sum(len(tasks) for tasks in by_day.values()),
        "previous": f"{previous:%Y-%m}",
        "next": f"{following:%Y-%m}",
        "this_month": f"{today:%Y-%m}",
        "today": today,
        "weekdays": [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")],
    }
    return render(request, "programs/task_calendar.html", context)
