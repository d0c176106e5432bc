"""The generation of a report's files, as a background job (django-q2; plain functions,
so tests call them).

`report_generate` records a queued `ReportRun` and queues `run_generation` once the
transaction commits; `run_generation` calls the renderers (`reports.render.render_files`),
writing the run's progress and step as it goes (one short UPDATE each, so the report page
can poll it), then keeps each file as a `ReportFile`. A failure is recorded on the run
with its message and leaves no file row behind.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.text import fold
from phoihop.reports.models import Report, ReportFile, ReportRun

log = logging.getLogger(__name__)

GENERATION_JOB = "phoihop.reports.jobs.run_generation"
FORMATS = ("docx", "xlsx", "pdf")
ACTIVE = (ReportRun.Status.QUEUED, ReportRun.Status.RUNNING)


def file_stem(report: Report) -> str:
    """An ASCII-safe file name: from the number and symbol once issued, else the title."""
    base = report.number_symbol or f"du-thao-{report.title}"
    return (slugify(fold(base).replace("/", "-")) or "bao-cao")[:80]


def report_generate(*, actor, report: Report, formats: list[str], check: bool = True) -> ReportRun:
    """Queue the generation of the report's files (drafts too: the renderer marks them).
    `check=False` is the issuing service's own call: no permission check again, and a
    draft's run still going does not stop the issued files from being made."""
    if check and actor is not None and not permissions.can(actor, Action.CHANGE, report):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    formats = [fmt for fmt in dict.fromkeys(formats) if fmt]
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise ValidationError({"formats": [_("Định dạng không hợp lệ: chọn DOCX, XLSX hoặc PDF.")]})
    if check and ReportRun.objects.filter(report=report, status__in=ACTIVE).exists():
        raise ValidationError({"formats": [_("Đang tạo tệp cho báo cáo này; hãy chờ lượt đang chạy hoàn thành.")]})
    with transaction.atomic():
        run = ReportRun.objects.create(
            report=report,
            formats=",".join(formats),
            requested_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="report_files_requested",
            target=report,
            message=", ".join(fmt.upper() for fmt in formats),
        )
        transaction.on_commit(lambda: enqueue(run.pk))
    return run


def enqueue(run_id: int) -> None:
    from django_q.tasks import async_task

    task_id = async_task(GENERATION_JOB, run_id, task_name=f"report-generate-{run_id}", group="reports")
    ReportRun.objects.filter(pk=run_id).update(task_id=str(task_id or "")[:64])


def _update(run_id: int, **values) -> None:
    ReportRun.objects.filter(pk=run_id).update(updated_at=timezone.now(), **values)


def run_generation(run_id: int) -> str:
    """Render and keep the files of one run. Returns the run's final status ("gone" if
    the run or its report no longer exists, the status unchanged if it already ran)."""
    from phoihop.reports import render
    from phoihop.reports.render import pdf  # noqa: F401 — render.pdf below

    run = ReportRun.objects.select_related("report", "report__issuer").filter(pk=run_id).first()
    if run is None:
        return "gone"
    if run.status not in ACTIVE:
        return run.status
    report = run.report
    formats = [fmt for fmt in run.formats.split(",") if fmt]
    note = ""
    if "pdf" in formats and len(formats) > 1 and render.pdf.soffice_path() is None:
        # No LibreOffice on this server: the other files are still made, and the run says
        # why there is no PDF (asked alone, the PDF fails the run with the same message).
        formats.remove("pdf")
        note = render.pdf.missing_message()
    _update(run.pk, status=ReportRun.Status.RUNNING, progress=0, step=_("Bắt đầu tạo tệp"))

    def progress(percent: int, step: str) -> None:
        _update(run.pk, progress=max(0, min(99, int(percent))), step=str(step)[:255])

    saved: list[ReportFile] = []
    try:
        files = render.render_files(report, formats, progress)
        missing = [fmt for fmt in formats if not files.get(fmt)]
        if missing:
            raise RuntimeError(_("Không tạo được tệp: %(formats)s.") % {"formats": ", ".join(missing).upper()})
        stem = file_stem(report)
        with transaction.atomic():
            for fmt in formats:
                data = files[fmt]
                row = ReportFile(
                    report=report,
                    format=fmt,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    report_version=report.version,
                )
                row.file.save(f"{stem}-v{report.version}.{fmt}", ContentFile(data), save=False)
                saved.append(row)
                row.save()
    except Exception as exc:  # noqa: BLE001 — any failure is the run's, shown on the page
        log.exception("report generation %s failed", run_id)
        for row in saved:  # the stored bytes of rows rolled back
            row.file.storage.delete(row.file.name)
        _update(run.pk, status=ReportRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        return ReportRun.Status.FAILED
    _update(
        run.pk, status=ReportRun.Status.DONE, progress=100, step=_("Hoàn thành"), error=note, finished_at=timezone.now()
    )
    return ReportRun.Status.DONE
