"""Every write to programmes, plans and tasks: one keyword-only function per action,
one transaction, one audit row (or more) per change. Views, API, demo and tests call these
as `services.<action>`; the modules split them by subject.

Permissions are checked by the callers (views and API) through the permission module,
except the rule that whoever binds lead organisations must edit for one of them, which
the programme services enforce for every caller. The services check the domain rules:
who may be a party, which dates are possible, which transitions are allowed.
"""

from phoihop.programs.services._common import (
    PartyInput,
)
from phoihop.programs.services.attachments import (
    ACCEPTED_EXTENSIONS,
    DEFAULT_MAX_UPLOAD_MB,
    FileType,
    attachment_download,
    check_upload,
    clean_file_name,
    max_upload_bytes,
    max_upload_mb,
    program_attach,
    program_detach,
    sniff,
)
from phoihop.programs.services.carry import (
    CARRIED_PROGRAM_STATUSES,
    reorganization_carry_work,
)
from phoihop.programs.services.plans import (
    plan_copy_to_next_year,
    plan_create,
    plan_sign,
    plan_transition,
    plan_update,
)
from phoihop.programs.services.programs import (
    PROGRAM_FIELDS,
    PROGRAM_REGIME_FIELDS,
    legal_reference_for,
    program_create,
    program_sign,
    program_snapshot,
    program_transition,
    program_update,
    validate_parties,
)
from phoihop.programs.services.tasks import (
    TASK_FIELDS,
    task_create,
    task_report_progress,
    task_transition,
    task_update,
)

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "CARRIED_PROGRAM_STATUSES",
    "DEFAULT_MAX_UPLOAD_MB",
    "FileType",
    "PROGRAM_FIELDS",
    "PROGRAM_REGIME_FIELDS",
    "PartyInput",
    "TASK_FIELDS",
    "attachment_download",
    "check_upload",
    "clean_file_name",
    "legal_reference_for",
    "max_upload_bytes",
    "max_upload_mb",
    "plan_copy_to_next_year",
    "plan_create",
    "plan_sign",
    "plan_transition",
    "plan_update",
    "program_attach",
    "program_create",
    "program_detach",
    "program_sign",
    "program_snapshot",
    "program_transition",
    "program_update",
    "reorganization_carry_work",
    "sniff",
    "task_create",
    "task_report_progress",
    "task_transition",
    "task_update",
    "validate_parties",
]
