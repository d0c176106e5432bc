"""The download of a report's file (pages and API): the latest file of the format,
recorded in the audit log, with an ASCII-safe name and the right MIME type."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.reports import jobs, selectors
from phoihop.reports.models import Report

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def file_response(user, report: Report, fmt: str) -> FileResponse:
    """The caller has checked that `user` sees `report`; 404 for an unknown format or
    one never generated."""
    if fmt not in MIME_TYPES:
        raise Http404(_("Không tìm thấy."))
    row = selectors.latest_file(report, fmt)
    if row is None:
        raise Http404(_("Không tìm thấy."))
    audit.record(
        actor=user,
        action=AuditEntry.Action.EVENT,
        event="report_file_downloaded",
        target=report,
        message=f"{fmt.upper()} v{row.report_version}",
    )
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=f"{jobs.file_stem(report)}.{fmt}",
        content_type=MIME_TYPES[fmt],
    )
