"""The programmes API: /programs/, /plans/, /tasks/, /attachments/ and /legal-references/parse.

Thin on purpose: reads go through the selectors (the list filters are the selectors'
ProgramFilter and TaskFilter, the same the list pages use), writes through the services,
and every object through the permission module — 404 for those who may not see it, 403
for those who may see but not act. Each party reports its own part of a task and only
its own (Action.REPORT on the part).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import KeyedPagination, Pagination, error_responses
from phoihop.organisations.models import Organization
from phoihop.programs import legal, selectors, services
from phoihop.programs.models import AnnualPlan, Bucket, PartyRole, Program, Task
from phoihop.programs.schemas import (
    AttachmentOut,
    CitationIn,
    ParsedCitationOut,
    PlanDetailOut,
    PlanFilterIn,
    PlanIn,
    PlanOut,
    PlanPatch,
    PlanTransitionIn,
    ProgramDetailOut,
    ProgramFilterIn,
    ProgramIn,
    ProgramOut,
    ProgramPatch,
    ProgramTransitionIn,
    ProgressIn,
    ProgressOut,
    ReportOut,
    SignatureIn,
    SignatureOut,
    TaskDetailOut,
    TaskFilterIn,
    TaskIn,
    TaskOut,
    TaskPatch,
    TaskTransitionIn,
)
from phoihop.programs.views import attachment_file_response

router = Router()
programs = Router(tags=["Chương trình phối hợp"])
plans = Router(tags=["Kế hoạch năm"])
tasks = Router(tags=["Nhiệm vụ"])
attachments = Router(tags=["Tài liệu đính kèm"])
legal_references = Router(tags=["Văn bản căn cứ"])

LATEST_REPORTS = 5


# --- helpers -------------------------------------------------------------------------


def _not_found_ids(ids) -> str:
    return _("Không tìm thấy cơ quan có mã: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in ids)}


def _organizations(user, ids: list[int], *, also: set[int] = frozenset()) -> tuple[dict[int, Organization], list[int]]:
    """The organisations with these ids that the user may name: those visible in the
    registry, and those in `also` (the parties of the programme being worked on).
    Returns (found by id, missing ids)."""
    wanted = list(dict.fromkeys(ids))
    found = {org.pk: org for org in Organization.objects.filter(pk__in=[pk for pk in wanted if pk in also])}
    rest = [pk for pk in wanted if pk not in found]
    if rest:
        found |= {org.pk: org for org in permissions.visible_organizations(user).filter(pk__in=rest)}
    return found, [pk for pk in wanted if pk not in found]


def _parties(user, items, *, also: set[int] = frozenset()) -> list[services.PartyInput]:
    found, missing = _organizations(user, [item.organization for item in items], also=also)
    if missing:
        raise ValidationError({"parties": [_not_found_ids(missing)]})
    return [services.PartyInput(found[item.organization], item.role, item.responsibilities) for item in items]


def _check_leads_one(user, parties: list[services.PartyInput]) -> None:
    """The user must edit for one of the lead parties (administrators excepted), so
    nobody binds other organisations to a programme they do not lead themselves."""
    if not permissions.may_lead(user, [p.organization for p in parties if p.role == PartyRole.LEAD]):
        raise PermissionDenied


def _program_detail(user, program_id: int) -> Program:
    program = selectors.get_program_for_user(user, program_id)
    program.detail_data = selectors.program_detail(program)
    return program


def _plan_detail(user, plan_id: int) -> AnnualPlan:
    plan = selectors.get_plan_for_user(user, plan_id)
    buckets = plan.tasks.bucket_counts(timezone.localdate())
    plan.task_count = buckets["total"]
    plan.detail_data = {
        "signatures": list(plan.signatures.select_related("organization")),
        "tasks_summary": {
            "count": plan.task_count,
            "buckets": [
                {"bucket": bucket.value, "label": str(bucket.label), "count": buckets.get(bucket.value, 0)}
                for bucket in Bucket
            ],
            "cancelled": buckets.get("", 0),
        },
    }
    return plan


def _task_values(user, program: Program, values: dict) -> dict:
    """Turn the ids of `lead`, `partners` and `content_item` into objects: organisations
    among the programme's parties or visible to the user (the service says which are
    not parties), content items of this programme."""
    errors: dict[str, list[str]] = {}
    party_ids = set(program.parties.values_list("organization_id", flat=True))
    wanted = ([values["lead"]] if values.get("lead") is not None else []) + list(values.get("partners") or [])
    found, _missing = _organizations(user, wanted, also=party_ids)
    if values.get("lead") is not None:
        lead_id = values["lead"]
        values["lead"] = found.get(lead_id)
        if values["lead"] is None:
            errors["lead"] = [_not_found_ids([lead_id])]
    if values.get("partners") is not None:
        missing = [pk for pk in values["partners"] if pk not in found]
        if missing:
            errors["partners"] = [_not_found_ids(missing)]
        values["partners"] = [found[pk] for pk in dict.fromkeys(values["partners"]) if pk in found]
    if values.get("content_item") is not None:
        item_id = values["content_item"]
        values["content_item"] = program.content_items.filter(pk=item_id).first()
        if values["content_item"] is None:
            errors["content_item"] = [
                _("Không tìm thấy nội dung có mã %(id)s trong chương trình này.") % {"id": item_id}
            ]
    if errors:
        raise ValidationError(errors)
    return values


def _task_detail(user, task_id: int) -> Task:
    task = selectors.get_task_for_user(user, task_id)
    task.bucket = task.bucket_on(timezone.localdate())
    parts = list(task.parts.all())
    reports = selectors.reports_by_part(task, limit=LATEST_REPORTS)
    for part in parts:
        part.may_report = permissions.can(user, Action.REPORT, part)
        part.latest_reports = reports.get(part.pk, [])
    task.detail_parts = parts
    return task


def _part_of_task(user, task_id: int, part_id: int, action: Action):
    """The part `part_id` of task `task_id`: 404 unless the user sees the task and the
    part belongs to it; 403 if they see it but may not do `action`."""
    task = selectors.get_task_for_user(user, task_id)
    part = selectors.get_part_for_user(user, part_id, Action.VIEW)
    if part.task_id != task.pk:
        raise Http404
    permissions.check(user, action, part)
    return part


# --- programmes ----------------------------------------------------------------------


@programs.get("/", response={200: list[ProgramOut], **error_responses(401, 422)}, summary="Danh sách chương trình")
@paginate(Pagination)
def program_list(request: HttpRequest, filters: Query[ProgramFilterIn]):
    """The programmes the user may see: those their organisations are party to, and for
    an upper level those of the levels below. `q` ignores diacritics."""
    return selectors.program_list(request.auth, selectors.ProgramFilter(**filters.model_dump()))


@programs.get(
    "/{program_id}", response={200: ProgramDetailOut, **error_responses(401, 404)}, summary="Một chương trình"
)
def program_detail(request: HttpRequest, program_id: int):
    """Parties with their responsibilities, content items, legal bases, signatures,
    plans, tasks by bucket, earlier versions and the transitions allowed now."""
    return _program_detail(request.auth, program_id)


@programs.post("/", response={201: ProgramDetailOut, **error_responses(401, 403, 422)}, summary="Thêm chương trình")
def program_create(request: HttpRequest, payload: ProgramIn):
    """A draft programme. The user must edit for one of the lead parties (administrators
    excepted)."""
    user = request.auth
    permissions.check(user, Action.CREATE, Program)
    values = payload.model_dump()
    parties = _parties(user, payload.parties)
    services.validate_parties(values["kind"], parties)
    _check_leads_one(user, parties)
    values["parties"] = parties
    program = services.program_create(actor=user, **values)
    return Status(201, _program_detail(user, program.pk))


@programs.patch(
    "/{program_id}",
    response={200: ProgramDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa chương trình",
)
def program_update(request: HttpRequest, program_id: int, payload: ProgramPatch):
    """Only the fields sent change. Send the `version` you read (409 if someone saved in
    between); once signed, an edit is an amendment and needs a `reason`."""
    user = request.auth
    program = selectors.get_program_for_user(user, program_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    if "parties" in values:
        current = {party.organization_id for party in program.parties.all()}
        values["parties"] = _parties(user, payload.parties, also=current)
        services.validate_parties(values.get("kind", program.kind), values["parties"])
        _check_leads_one(user, values["parties"])
    services.program_update(actor=user, program=program, expected_version=version, **values)
    return _program_detail(user, program.pk)


@programs.post(
    "/{program_id}/signatures",
    response={201: SignatureOut, **error_responses(401, 403, 404, 422)},
    summary="Ghi nhận chữ ký chương trình",
)
def program_sign(request: HttpRequest, program_id: int, payload: SignatureIn):
    """One party's signature on a draft programme; the organisation must be a party."""
    user = request.auth
    program = selectors.get_program_for_user(user, program_id, Action.CHANGE)
    values = payload.model_dump()
    values["organization"] = Organization.objects.filter(pk=values["organization"]).first()
    signature = services.program_sign(actor=user, program=program, **values)
    return Status(201, signature)


@programs.post(
    "/{program_id}/transitions",
    response={200: ProgramDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái chương trình",
)
def program_transition(request: HttpRequest, program_id: int, payload: ProgramTransitionIn):
    """sign (every party has signed), put_in_force, conclude or terminate (with a reason)."""
    user = request.auth
    program = selectors.get_program_for_user(user, program_id, Action.CHANGE)
    services.program_transition(
        actor=user, program=program, action=payload.action, expected_version=payload.version, reason=payload.reason
    )
    return _program_detail(user, program.pk)


@programs.post(
    "/{program_id}/plans",
    response={201: PlanDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Thêm kế hoạch năm",
)
def plan_create(request: HttpRequest, program_id: int, payload: PlanIn):
    user = request.auth
    program = selectors.get_program_for_user(user, program_id, Action.CHANGE)  # implies CREATE
    plan = services.plan_create(actor=user, program=program, **payload.model_dump())
    return Status(201, _plan_detail(user, plan.pk))


# --- plans ---------------------------------------------------------------------------


@plans.get("/", response={200: list[PlanOut], **error_responses(401, 422)}, summary="Danh sách kế hoạch năm")
@paginate(Pagination)
def plan_list(request: HttpRequest, filters: Query[PlanFilterIn]):
    """The plans of the programmes the user may see, latest year first."""
    return selectors.plan_list(request.auth, selectors.PlanFilter(**filters.model_dump()))


@plans.get("/{plan_id}", response={200: PlanDetailOut, **error_responses(401, 404)}, summary="Một kế hoạch năm")
def plan_detail(request: HttpRequest, plan_id: int):
    """With its signatures and the count of its tasks in each bucket."""
    return _plan_detail(request.auth, plan_id)


@plans.patch(
    "/{plan_id}",
    response={200: PlanDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa kế hoạch năm",
)
def plan_update(request: HttpRequest, plan_id: int, payload: PlanPatch):
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    services.plan_update(actor=user, plan=plan, expected_version=version, **values)
    return _plan_detail(user, plan.pk)


@plans.post(
    "/{plan_id}/signatures",
    response={201: SignatureOut, **error_responses(401, 403, 404, 422)},
    summary="Ghi nhận chữ ký kế hoạch",
)
def plan_sign(request: HttpRequest, plan_id: int, payload: SignatureIn):
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    values = payload.model_dump()
    values["organization"] = Organization.objects.filter(pk=values["organization"]).first()
    signature = services.plan_sign(actor=user, plan=plan, **values)
    return Status(201, signature)


@plans.post(
    "/{plan_id}/transitions",
    response={200: PlanDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái kế hoạch",
)
def plan_transition(request: HttpRequest, plan_id: int, payload: PlanTransitionIn):
    """sign (once signed by a party), close, reopen (with a reason)."""
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)
    services.plan_transition(
        actor=user, plan=plan, action=payload.action, expected_version=payload.version, reason=payload.reason
    )
    return _plan_detail(user, plan.pk)


@plans.post(
    "/{plan_id}/copy-to-next-year",
    response={201: PlanDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Sao chép kế hoạch sang năm sau",
)
def plan_copy_to_next_year(request: HttpRequest, plan_id: int):
    """A draft plan for the next year with the same tasks, dates a year later, progress reset."""
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)  # implies CREATE
    new_plan = services.plan_copy_to_next_year(actor=user, plan=plan)
    return Status(201, _plan_detail(user, new_plan.pk))


@plans.post(
    "/{plan_id}/tasks",
    response={201: TaskDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Thêm nhiệm vụ",
)
def task_create(request: HttpRequest, plan_id: int, payload: TaskIn):
    """The lead and partners must be parties to the programme, the due date within its period."""
    user = request.auth
    plan = selectors.get_plan_for_user(user, plan_id, Action.CHANGE)  # implies CREATE
    values = _task_values(user, plan.program, payload.model_dump())
    task = services.task_create(actor=user, plan=plan, **values)
    return Status(201, _task_detail(user, task.pk))


# --- tasks ---------------------------------------------------------------------------


@tasks.get("/", response={200: list[TaskOut], **error_responses(401, 422)}, summary="Danh sách nhiệm vụ")
@paginate(KeyedPagination)
def task_list(request: HttpRequest, filters: Query[TaskFilterIn]):
    """The tasks of the programmes the user may see, by due date, each with its bucket
    (computed for today), consolidated progress and every party's part."""
    task_filter = selectors.TaskFilter(**filters.model_dump())
    return selectors.task_list(request.auth, task_filter, today=timezone.localdate())


@tasks.get("/{task_id}", response={200: TaskDetailOut, **error_responses(401, 404)}, summary="Một nhiệm vụ")
def task_detail(request: HttpRequest, task_id: int):
    """With every party's part and its latest progress reports."""
    return _task_detail(request.auth, task_id)


@tasks.patch(
    "/{task_id}",
    response={200: TaskDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa nhiệm vụ",
)
def task_update(request: HttpRequest, task_id: int, payload: TaskPatch):
    """Only the fields sent change; `partners` replaces the list. Send the `version` you read."""
    user = request.auth
    task = selectors.get_task_for_user(user, task_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    values = _task_values(user, task.plan.program, values)
    services.task_update(actor=user, task=task, expected_version=version, **values)
    return _task_detail(user, task.pk)


@tasks.post(
    "/{task_id}/transitions",
    response={200: TaskDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái nhiệm vụ",
)
def task_transition(request: HttpRequest, task_id: int, payload: TaskTransitionIn):
    """complete (on `completed_on`, default today), cancel or reopen (with a reason)."""
    user = request.auth
    task = selectors.get_task_for_user(user, task_id, Action.CHANGE)
    services.task_transition(
        actor=user,
        task=task,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
        completed_on=payload.completed_on,
    )
    return _task_detail(user, task.pk)


@tasks.post(
    "/{task_id}/parts/{part_id}/progress",
    response={201: ProgressOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Báo cáo tiến độ phần việc",
)
def task_report_progress(request: HttpRequest, task_id: int, part_id: int, payload: ProgressIn):
    """Each party reports its own part only. Send the part's `version`; going backwards
    needs a `reason`."""
    user = request.auth
    part = _part_of_task(user, task_id, part_id, Action.REPORT)
    report = services.task_report_progress(
        actor=user,
        part=part,
        progress=payload.progress,
        expected_version=payload.version,
        note=payload.note,
        reason=payload.reason,
        evidence_links=payload.evidence_links,
        evidence_counts=[item.model_dump() for item in payload.evidence_counts],
    )
    task = selectors.get_task_for_user(user, task_id)
    part = next(p for p in task.parts.all() if p.pk == part.pk)
    return Status(201, {"report": report, "part": part, "task_progress": selectors.task_progress(task)})


@tasks.get(
    "/{task_id}/parts/{part_id}/reports",
    response={200: list[ReportOut], **error_responses(401, 404, 422)},
    summary="Lịch sử báo cáo tiến độ của phần việc",
)
@paginate(Pagination)
def part_report_list(request: HttpRequest, task_id: int, part_id: int):
    """Newest first."""
    part = _part_of_task(request.auth, task_id, part_id, Action.VIEW)
    return part.reports.select_related("reported_by").order_by("-reported_at", "-id")


# --- attachments ---------------------------------------------------------------------

BINARY_DOWNLOAD = {
    "responses": {
        "200": {
            "description": "Tệp đính kèm (Content-Disposition: attachment).",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@programs.get(
    "/{program_id}/attachments",
    response={200: list[AttachmentOut], **error_responses(401, 404, 422)},
    summary="Tài liệu đính kèm của chương trình",
)
@paginate(Pagination)
def attachment_list(request: HttpRequest, program_id: int):
    """Newest first; `download_url` serves each file to those who may see the programme."""
    program = selectors.get_program_for_user(request.auth, program_id)
    return selectors.program_attachments(program)


@programs.post(
    "/{program_id}/attachments",
    response={201: AttachmentOut, **error_responses(401, 403, 404, 422)},
    summary="Tải lên tài liệu đính kèm",
)
def attachment_upload(
    request: HttpRequest,
    program_id: int,
    file: File[UploadedFile] = None,
    title: Form[str] = "",
    confidential: Form[bool] = False,
):
    """multipart/form-data: `file`, optional `title` (default: the file name without its
    extension), `confidential` (a confidential document is refused and nothing stored).
    The type is decided by the content: PDF, Word, Excel, PowerPoint, OpenDocument,
    JPEG/PNG or UTF-8 text, within the size limit, not already attached; editors of a
    lead party only."""
    user = request.auth
    program = selectors.get_program_for_user(user, program_id, Action.CHANGE)
    attachment = services.program_attach(
        actor=user, program=program, uploaded_file=file, title=title, confidential=confidential
    )
    return Status(201, attachment)


@attachments.get(
    "/{attachment_id}/download",
    response={**error_responses(401, 404)},
    url_name="attachment_download",
    summary="Tải về tài liệu đính kèm",
    openapi_extra=BINARY_DOWNLOAD,
)
def attachment_download(request: HttpRequest, attachment_id: int):
    """The file itself, as an attachment; every download is recorded in the audit log."""
    user = request.auth
    attachment = selectors.get_attachment_for_user(user, attachment_id)
    try:
        handle = services.attachment_download(actor=user, attachment=attachment)
    except FileNotFoundError as exc:
        raise Http404 from exc
    return attachment_file_response(attachment, handle)


@attachments.delete(
    "/{attachment_id}",
    response={204: None, **error_responses(401, 403, 404)},
    summary="Gỡ tài liệu đính kèm",
)
def attachment_remove(request: HttpRequest, attachment_id: int):
    user = request.auth
    attachment = selectors.get_attachment_for_user(user, attachment_id, Action.CHANGE)
    services.program_detach(actor=user, attachment=attachment)
    return Status(204, None)


# --- legal references ----------------------------------------------------------------


@legal_references.post(
    "/parse",
    response={200: ParsedCitationOut, **error_responses(401, 422)},
    summary="Phân tích trích dẫn văn bản",
)
def legal_reference_parse(request: HttpRequest, payload: CitationIn):
    """“Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)” → type, number,
    year, issuer code, date, issuing body, term, and the canonical citation. Writes nothing."""
    try:
        citation = legal.parse_citation(payload.citation)
    except legal.CitationError as exc:
        raise ValidationError({"citation": [str(exc)]}) from exc
    return citation.to_dict()


router.add_router("/programs/", programs)
router.add_router("/plans/", plans)
router.add_router("/tasks/", tasks)
router.add_router("/attachments/", attachments)
router.add_router("/legal-references/", legal_references)
