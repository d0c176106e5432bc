"""Every write to subjects, assessments, communication plans and invitations: one keyword-only
function per action, one transaction, audited. Views, API, demo and tests call these as
`services.<action>`.

Unlike the programme services, these check who may act on the subject for every caller
(the owner registers, the department acknowledges, assesses and plans, only a leader of
the department approves an assessment): `actor=None` is the system (demo, imports).
Callers still check visibility first, so strangers get 404 before anything else.
"""

from phoihop.exchange.services.assessments import (
    ASSESSMENT_FIELDS,
    assessment_create,
    assessment_transition,
    assessment_update,
)
from phoihop.exchange.services.communication import (
    ACTIVITY_FIELDS,
    communication_plan_create,
    communication_plan_generate,
    communication_plan_update,
    plan_activity_create,
    plan_activity_delete,
    plan_activity_update,
)
from phoihop.exchange.services.documents import subject_attach_document, subject_detach_document
from phoihop.exchange.services.invitations import (
    INVITATION_FIELDS,
    invitation_answer,
    invitation_create,
    invitation_transition,
    invitation_update,
)
from phoihop.exchange.services.subjects import (
    SUBJECT_FIELDS,
    KeyDateInput,
    Rescheduled,
    activity_date_error,
    move_subject,
    subject_create,
    subject_move_key_date,
    subject_snapshot,
    subject_transition,
    subject_update,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "ASSESSMENT_FIELDS",
    "INVITATION_FIELDS",
    "SUBJECT_FIELDS",
    "KeyDateInput",
    "Rescheduled",
    "activity_date_error",
    "assessment_create",
    "assessment_transition",
    "assessment_update",
    "communication_plan_create",
    "communication_plan_generate",
    "communication_plan_update",
    "invitation_answer",
    "invitation_create",
    "invitation_transition",
    "invitation_update",
    "move_subject",
    "plan_activity_create",
    "plan_activity_delete",
    "plan_activity_update",
    "subject_attach_document",
    "subject_create",
    "subject_detach_document",
    "subject_move_key_date",
    "subject_snapshot",
    "subject_transition",
    "subject_update",
]
