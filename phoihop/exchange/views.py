"""Pages of subjects, their assessment and communication plan. Reads go through selectors,
writes through services, and every access through `phoihop.accounts.permissions`:
strangers get 404, readers who may not act get 403, and a refused write changes nothing
and shows why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit.selectors import history_for
from phoihop.core.concurrency import StaleVersionError
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.documents.selectors import documents_for_user
from phoihop.exchange import selectors, services, transitions
from phoihop.exchange.forms import (
    ActivityForm,
    AssessmentForm,
    KeyDateFormSet,
    MoveKeyDateForm,
    PlanCreateForm,
    SubjectDocumentDetachForm,
    SubjectDocumentForm,
    SubjectEditForm,
    SubjectFilterForm,
    SubjectForm,
    TransitionForm,
    attach_errors,
)
from phoihop.exchange.models import Assessment, CommunicationPlan, Subject
from phoihop.programs.models import PartyRole

NAV = "subjects"


def _detail_url(subject_id: int, anchor: str = "") -> str:
    return reverse("exchange:subject_detail", args=[subject_id]) + (f"#{anchor}" if anchor else "")


# --- list ----------------------------------------------------------------------------


@login_required
def subject_list(request):
    form = SubjectFilterForm(request.GET, user=request.user)
    filters = form.to_filter()
    page = paginate(request, selectors.subject_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.SubjectFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, Subject),
    }
    return render_page_or_partial(
        request, page="exchange/subject_list.html", partial="exchange/_subject_results.html", context=context
    )


# --- create and edit -----------------------------------------------------------------


def _subject_form_page(request, form, key_formset, subject=None):
    context = {"nav_active": NAV, "form": form, "key_formset": key_formset, "subject": subject}
    return render(request, "exchange/subject_form.html", context)


def _attach_subject_errors(form, key_formset, error: ValidationError) -> None:
    """Errors on "key_dates" belong to the key dates table, the rest to the form."""
    if hasattr(error, "error_dict") and "key_dates" in error.error_dict:
        for message in error.error_dict["key_dates"]:
            key_formset.key_errors.extend(message.messages)
        error = ValidationError({k: v for k, v in error.error_dict.items() if k != "key_dates"})
        if not error.error_dict:
            return
    attach_errors(form, error)


@login_required
def subject_create(request):
    permissions.check(request.user, Action.CREATE, Subject)
    if request.method == "POST":
        form = SubjectForm(request.POST, user=request.user)
        key_formset = KeyDateFormSet(request.POST, prefix="keys")
        key_formset.key_errors = []
        if form.is_valid() & key_formset.is_valid():
            try:
                subject = services.subject_create(
                    actor=request.user, key_dates=key_formset.inputs(), **form.service_values()
                )
            except ValidationError as error:
                _attach_subject_errors(form, key_formset, error)
            else:
                messages.success(
                    request, _("Đã lưu dự thảo vấn đề. Hãy kiểm tra rồi bấm “Đăng ký, gửi Ban Tuyên giáo”.")
                )
                return redirect("exchange:subject_detail", pk=subject.pk)
    else:
        acting = getattr(request, "acting_organization", None)
        initial = {"year": timezone.localdate().year, "owner": acting.pk if acting else None}
        form = SubjectForm(user=request.user, initial=initial)
        key_formset = KeyDateFormSet(prefix="keys")
        key_formset.key_errors = []
    return _subject_form_page(request, form, key_formset)


@login_required
def subject_edit(request, pk: int):
    subject = selectors.get_subject_for_user(request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = SubjectEditForm(request.POST)
        key_formset = KeyDateFormSet(request.POST, prefix="keys")
        key_formset.key_errors = []
        if form.is_valid() & key_formset.is_valid():
            try:
                services.subject_update(
                    actor=request.user,
                    subject=subject,
                    expected_version=form.cleaned_data["version"],
                    key_dates=key_formset.inputs(),
                    **form.service_values(),
                )
            except StaleVersionError as error:
                form.add_error(None, error)
            except ValidationError as error:
                _attach_subject_errors(form, key_formset, error)
            else:
                messages.success(request, _("Đã lưu thay đổi của vấn đề."))
                return redirect("exchange:subject_detail", pk=subject.pk)
    else:
        form = SubjectEditForm(initial={**SubjectForm.initial_for(subject), "version": subject.version})
        initial = [{"id": k.pk, "label": k.label, "date": k.date} for k in subject.key_dates.all()]
        key_formset = KeyDateFormSet(prefix="keys", initial=initial)
        key_formset.key_errors = []
    return _subject_form_page(request, form, key_formset, subject)


# --- the subject page ----------------------------------------------------------------


def _subject_page(
    request,
    subject: Subject,
    *,
    transition_errors=None,
    plan_form=None,
    document_form=None,
    status: int = 200,
):
    user = request.user
    today = timezone.localdate()
    assessment = selectors.assessment_of(subject)
    plan = selectors.plan_of(subject)
    departments = permissions.subject_department_ids(subject)
    can_change = permissions.can(user, Action.CHANGE, subject) and subject.is_open
    is_department = permissions.may_transition_subject(user, subject, "assess")
    buttons = [
        t
        for t in transitions.allowed(transitions.SUBJECT, subject.status)
        if t.name in transitions.MANUAL_SUBJECT_ACTIONS and permissions.may_transition_subject(user, subject, t.name)
    ]
    assessment_buttons = []
    if assessment is not None:
        may_review = permissions.may_review_assessment(user, subject)
        assessment_buttons = [
            t
            for t in transitions.allowed(transitions.ASSESSMENT, assessment.status)
            if (may_review if t.name in ("approve", "return") else is_department)
        ]
    can_assess = (
        is_department
        and subject.status == Subject.Status.ACKNOWLEDGED
        and (assessment is None or assessment.status in (Assessment.Status.DRAFT, Assessment.Status.RETURNED))
    )
    can_plan = is_department and subject.status == Subject.Status.ASSESSED and plan is None
    if can_plan and plan_form is None:
        templates = selectors.templates_for(subject.kind)
        plan_form = PlanCreateForm(
            subject=subject,
            templates=templates,
            initial={"title": _("Kế hoạch tuyên truyền: %(title)s") % {"title": subject.title}},
        )
    activities = selectors.plan_activities(plan, today) if plan is not None else []
    plan_draft = plan is not None and plan.status == CommunicationPlan.Status.DRAFT and subject.is_open
    # documents of the subject (issue 4, item 1): the owner's editors attach and detach
    can_attach = subject.is_open and permissions.may_attach_subject_document(user, subject)
    if can_attach and document_form is None:
        document_form = SubjectDocumentForm(
            documents=selectors.attachable_documents(user, subject), initial={"version": subject.version}
        )
    annual_plan_exists = None
    if plan_draft and is_department:
        annual_plan_exists = subject.program.plans.filter(year=subject.year).exists()
    context = {
        "nav_active": NAV,
        "subject": subject,
        "program": subject.program,
        "parties": sorted(subject.program.parties.all(), key=lambda p: (p.role != PartyRole.LEAD, p.position, p.pk)),
        "departments": [p.organization for p in subject.program.parties.all() if p.organization_id in departments],
        "key_dates": list(subject.key_dates.all()),
        "assessment": assessment,
        "plan": plan,
        "phases": selectors.activities_by_phase(activities),
        "activity_count": len(activities),
        "can_change": can_change,
        "transitions": buttons,
        "transition_errors": transition_errors or [],
        "assessment_transitions": assessment_buttons,
        "can_assess": can_assess,
        "plan_form": plan_form if can_plan else None,
        "can_edit_plan": is_department and plan_draft,
        "can_generate": is_department and plan_draft and subject.status == Subject.Status.ASSESSED and bool(activities),
        "annual_plan_exists": annual_plan_exists,
        "can_move": subject.is_open
        and bool(subject.key_dates.all())
        and permissions.may_transition_subject(user, subject, "move_key_date"),
        "today": today,
        "documents": selectors.subject_documents(user, subject),
        "document_form": document_form if can_attach else None,
        # invitations to the subject's activities (issue 4, item 6)
        "can_invite": subject.status in services.invitations.OPEN_SUBJECT_STATUSES
        and bool(permissions.inviting_organization_ids(user, subject)),
        # a subject can be the source of a hot issue of its department (issue 5, item 3)
        "can_open_hot_issue": bool(permissions.hot_issue_manager_ids(user) & departments),
    }
    return render(request, "exchange/subject_detail.html", context, status=status)


@login_required
def subject_detail(request, pk: int):
    return _subject_page(request, selectors.get_subject_for_user(request.user, pk))


@login_required
def subject_history(request, pk: int):
    """The subject's history, its assessment's and its plan's: loaded into the subject page
    when scrolled to (HTMX), or as a page of its own without JavaScript."""
    subject = selectors.get_subject_for_user(request.user, pk)
    entries = history_for(subject, limit=100)
    for related in (selectors.assessment_of(subject), selectors.plan_of(subject)):
        if related is not None:
            entries += history_for(related, limit=100)
    entries.sort(key=lambda entry: (entry.occurred_at, entry.pk), reverse=True)
    return render_page_or_partial(
        request,
        page="exchange/subject_history.html",
        partial="audit/_history.html",
        context={"nav_active": NAV, "subject": subject, "history": entries},
    )


def _refused(request, subject, error, *, status=200):
    errors = list(error.messages) if isinstance(error, ValidationError) else [str(error)]
    fresh = selectors.get_subject_for_user(request.user, subject.pk)
    return _subject_page(request, fresh, transition_errors=errors, status=status)


@login_required
@require_POST
def subject_transition(request, pk: int):
    subject = selectors.get_subject_for_user(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _refused(request, subject, ValidationError(_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.")))
    data = form.cleaned_data
    try:
        services.subject_transition(
            actor=request.user,
            subject=subject,
            action=data["action"],
            expected_version=data["version"],
            reason=data["reason"],
        )
    except PermissionDenied as error:
        return _refused(request, subject, error, status=403)
    except ValidationError as error:
        return _refused(request, subject, error)
    messages.success(request, _("Vấn đề đã chuyển sang “%(s)s”.") % {"s": subject.get_status_display()})
    return redirect("exchange:subject_detail", pk=subject.pk)


@login_required
def key_date_move(request, pk: int):
    subject = selectors.get_subject_for_user(request.user, pk)
    if not permissions.may_transition_subject(request.user, subject, "move_key_date"):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if request.method == "POST":
        form = MoveKeyDateForm(request.POST, subject=subject)
        if form.is_valid():
            data = form.cleaned_data
            key_date = form.key_dates[data["key_date"]]
            key_date.subject = subject
            try:
                result = services.subject_move_key_date(
                    actor=request.user,
                    key_date=key_date,
                    new_date=data["new_date"],
                    expected_version=data["version"],
                    reason=data["reason"],
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã dời mốc “%(label)s” sang %(date)s; dời hạn %(moved)s nhiệm vụ, giữ nguyên %(kept)s nhiệm vụ.")
                    % {
                        "label": key_date.label,
                        "date": key_date.date.strftime("%d/%m/%Y"),
                        "moved": len(result.moved),
                        "kept": len(result.kept),
                    },
                )
                return redirect("exchange:subject_detail", pk=subject.pk)
    else:
        first = next(iter(subject.key_dates.all()), None)
        form = MoveKeyDateForm(
            subject=subject, initial={"version": subject.version, "key_date": first.pk if first else None}
        )
    context = {"nav_active": NAV, "subject": subject, "form": form}
    return render(request, "exchange/key_date_move.html", context)


# --- documents of a subject ----------------------------------------------------------


@login_required
@require_POST
def subject_document_attach(request, pk: int):
    """Attach a new file or an existing document of the owner; a refusal shows next to the
    field on the subject page, nothing stored."""
    subject = selectors.get_subject_for_user(request.user, pk)
    if not permissions.may_attach_subject_document(request.user, subject):
        raise PermissionDenied(_("Chỉ cơ quan đăng ký vấn đề mới gửi kèm hoặc gỡ tài liệu của vấn đề."))
    documents = selectors.attachable_documents(request.user, subject)
    form = SubjectDocumentForm(request.POST, request.FILES, documents=documents)
    if form.is_valid():
        data = form.cleaned_data
        existing = None
        if data["document"] is not None:
            existing = documents_for_user(request.user).filter(pk=data["document"]).first()
        try:
            document = services.subject_attach_document(
                actor=request.user,
                subject=subject,
                expected_version=data["version"],
                file=data["file"],
                document=existing,
                **form.service_values(),
            )
        except ValidationError as error:  # a stale version too (StaleVersionError)
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã gửi kèm tài liệu “%(title)s”.") % {"title": document.title})
            return redirect(_detail_url(subject.pk, "documents"))
    fresh = selectors.get_subject_for_user(request.user, subject.pk)
    return _subject_page(request, fresh, document_form=form)


@login_required
@require_POST
def subject_document_detach(request, pk: int):
    subject = selectors.get_subject_for_user(request.user, pk)
    if not permissions.may_attach_subject_document(request.user, subject):
        raise PermissionDenied(_("Chỉ cơ quan đăng ký vấn đề mới gửi kèm hoặc gỡ tài liệu của vấn đề."))
    form = SubjectDocumentDetachForm(request.POST)
    document = None
    if form.is_valid():
        document = subject.documents.filter(pk=form.cleaned_data["document"]).first()
    if document is None:
        return _refused(request, subject, ValidationError(_("Tài liệu này không có trong vấn đề.")))
    try:
        services.subject_detach_document(
            actor=request.user, subject=subject, document=document, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:  # a stale version included
        return _refused(request, subject, error)
    messages.success(request, _("Đã gỡ tài liệu “%(title)s” khỏi vấn đề.") % {"title": document.title})
    return redirect(_detail_url(subject.pk, "documents"))


# --- assessment ----------------------------------------------------------------------


@login_required
def assessment_edit(request, pk: int):
    """The assessment of subject `pk`: recorded the first time, edited after."""
    subject = selectors.get_subject_for_user(request.user, pk)
    if not permissions.may_transition_subject(request.user, subject, "assess"):
        raise PermissionDenied(_("Chỉ Ban Tuyên giáo (bên chủ trì chương trình) mới thẩm định được vấn đề."))
    assessment = selectors.assessment_of(subject)
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                if assessment is None:
                    services.assessment_create(actor=request.user, subject=subject, **form.service_values())
                else:
                    services.assessment_update(
                        actor=request.user,
                        assessment=assessment,
                        expected_version=form.cleaned_data["version"] or 0,
                        **form.service_values(),
                    )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu bản thẩm định."))
                return redirect(_detail_url(subject.pk, "assessment"))
    elif assessment is not None:
        names = [name for name in AssessmentForm.base_fields if name != "version"]
        form = AssessmentForm(initial={**{n: getattr(assessment, n) for n in names}, "version": assessment.version})
    else:
        form = AssessmentForm()
    context = {"nav_active": NAV, "subject": subject, "assessment": assessment, "form": form}
    return render(request, "exchange/assessment_form.html", context)


@login_required
@require_POST
def assessment_transition(request, pk: int):
    """Submit, approve or return the assessment of subject `pk`. Approving or returning by
    anyone but a leader of the department: 403 with the reason, nothing written."""
    subject = selectors.get_subject_for_user(request.user, pk)
    assessment = selectors.assessment_of(subject)
    if assessment is None:
        return _refused(request, subject, ValidationError(_("Vấn đề chưa có bản thẩm định.")))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _refused(request, subject, ValidationError(_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.")))
    data = form.cleaned_data
    try:
        services.assessment_transition(
            actor=request.user,
            assessment=assessment,
            action=data["action"],
            expected_version=data["version"],
            reason=data["reason"],
        )
    except PermissionDenied as error:
        return _refused(request, subject, error, status=403)
    except ValidationError as error:
        return _refused(request, subject, error)
    messages.success(request, _("Bản thẩm định đã chuyển sang “%(s)s”.") % {"s": assessment.get_status_display()})
    return redirect(_detail_url(subject.pk, "assessment"))


# --- communication plan --------------------------------------------------------------


@login_required
@require_POST
def plan_create(request, pk: int):
    subject = selectors.get_subject_for_user(request.user, pk)
    form = PlanCreateForm(request.POST, subject=subject, templates=selectors.templates_for(subject.kind))
    if form.is_valid():
        try:
            services.communication_plan_create(actor=request.user, subject=subject, **form.service_values())
        except PermissionDenied as error:
            return _refused(request, subject, error, status=403)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lập kế hoạch tuyên truyền."))
            return redirect(_detail_url(subject.pk, "plan"))
    return _subject_page(request, subject, plan_form=form)


@login_required
@require_POST
def plan_generate(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)
    subject = plan.subject
    form = TransitionForm(request.POST)  # carries the plan's version
    if not form.is_valid():
        return _refused(request, subject, ValidationError(_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại.")))
    try:
        tasks = services.communication_plan_generate(
            actor=request.user, plan=plan, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        return _refused(request, subject, error)
    messages.success(
        request, _("Đã giao %(n)s nhiệm vụ trong kế hoạch năm %(year)s.") % {"n": len(tasks), "year": subject.year}
    )
    return redirect(_detail_url(subject.pk, "plan"))


def _activity_form_page(request, form, plan, activity=None):
    context = {"nav_active": NAV, "form": form, "plan": plan, "subject": plan.subject, "activity": activity}
    return render(request, "exchange/activity_form.html", context)


@login_required
def activity_create(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, Action.CHANGE)
    subject = plan.subject
    if request.method == "POST":
        form = ActivityForm(request.POST, subject=subject)
        if form.is_valid():
            try:
                services.plan_activity_create(
                    actor=request.user,
                    plan=plan,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm hoạt động."))
                return redirect(_detail_url(subject.pk, "plan"))
    else:
        anchor = next(iter(subject.key_dates.all()), None)
        initial = {"version": plan.version, "key_date": anchor.pk if anchor else None, "offset_days": 0}
        departments = permissions.subject_department_ids(subject)
        initial["lead"] = next((pk for pk in form_party_ids(subject) if pk in departments), None)
        form = ActivityForm(subject=subject, initial=initial)
    return _activity_form_page(request, form, plan)


def form_party_ids(subject) -> list[int]:
    return [party.organization_id for party in subject.program.parties.all()]


@login_required
def activity_edit(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, Action.CHANGE)
    plan = activity.plan
    subject = plan.subject
    if request.method == "POST":
        form = ActivityForm(request.POST, subject=subject)
        if form.is_valid():
            try:
                services.plan_activity_update(
                    actor=request.user,
                    activity=activity,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:  # a stale version too (StaleVersionError)
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu hoạt động."))
                return redirect(_detail_url(subject.pk, "plan"))
    else:
        form = ActivityForm(subject=subject, initial={**ActivityForm.initial_for(activity), "version": plan.version})
    return _activity_form_page(request, form, plan, activity)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, Action.CHANGE)
    subject = activity.plan.subject
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Thao tác không hợp lệ. Hãy tải lại trang rồi thử lại."))
        services.plan_activity_delete(
            actor=request.user, activity=activity, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        return _refused(request, subject, error)
    messages.success(request, _("Đã bỏ hoạt động %(title)s.") % {"title": activity.title})
    return redirect(_detail_url(subject.pk, "plan"))
