"""Assessments (*thẩm định, đánh giá tác động xã hội, dự báo tình hình tư tưởng*): the
department records one on an acknowledged subject, submits it, and a leader of the
department approves it (the subject is then "assessed") or returns it with a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.exchange import transitions
from phoihop.exchange.models import Assessment, Level3, Subject
from phoihop.exchange.services import notices
from phoihop.exchange.services._common import _denied, _error, _text
from phoihop.exchange.services.subjects import move_subject

ASSESSMENT_FIELDS = (
    "affected_groups",
    "benefits",
    "risks",
    "impact_level",
    "opinion_direction",
    "opinion_intensity",
    "opinion_breadth",
    "flashpoints",
    "recommendation",
)
TEXT_FIELDS = {"affected_groups", "benefits", "risks", "flashpoints", "recommendation"}


def _validate(assessment: Assessment) -> None:
    errors: dict[str, list[str]] = {}
    if not _text(assessment.affected_groups):
        errors["affected_groups"] = [
            _("Hãy nêu các nhóm đối tượng chịu tác động (nhóm, địa bàn — không nêu tên người).")
        ]
    if not _text(assessment.recommendation):
        errors["recommendation"] = [_("Hãy nêu đề xuất, kiến nghị.")]
    choices = {
        "impact_level": (Level3.values, _("Hãy chọn mức độ tác động.")),
        "opinion_direction": (Assessment.Direction.values, _("Hãy chọn chiều hướng dư luận.")),
        "opinion_intensity": (Level3.values, _("Hãy chọn mức độ quan tâm.")),
        "opinion_breadth": (Assessment.Breadth.values, _("Hãy chọn phạm vi.")),
    }
    for name, (valid, message) in choices.items():
        if getattr(assessment, name) not in valid:
            errors[name] = [message]
    if errors:
        raise ValidationError(errors)


def _set(assessment: Assessment, values: dict) -> list[str]:
    fields = [key for key in ASSESSMENT_FIELDS if key in values]
    for key in fields:
        value = values[key]
        setattr(assessment, key, (value or "").strip() if key in TEXT_FIELDS else (value or ""))
    return fields


def _check_department(actor, subject: Subject) -> None:
    if actor is not None and not permissions.may_transition_subject(actor, subject, "assess"):
        raise _denied(_("Chỉ Ban Tuyên giáo (bên chủ trì chương trình) mới thẩm định được vấn đề."))


@transaction.atomic
def assessment_create(*, actor, subject: Subject, **values) -> Assessment:
    """A draft assessment of an acknowledged subject (one per subject)."""
    _check_department(actor, subject)
    if subject.status != Subject.Status.ACKNOWLEDGED:
        raise _error("__all__", _("Chỉ thẩm định được vấn đề đã được tiếp nhận và chưa thẩm định xong."))
    if Assessment.objects.filter(subject=subject).exists():
        raise _error("__all__", _("Vấn đề này đã có bản thẩm định; hãy sửa bản đó."))
    assessment = Assessment(subject=subject, prepared_by=actor if getattr(actor, "is_authenticated", False) else None)
    _set(assessment, values)
    _validate(assessment)
    assessment.save()
    audit.record_create(actor=actor, target=assessment)
    return assessment


@transaction.atomic
def assessment_update(*, actor, assessment: Assessment, expected_version: int, **values) -> Assessment:
    _check_department(actor, assessment.subject)
    if assessment.status not in (Assessment.Status.DRAFT, Assessment.Status.RETURNED):
        raise _error("__all__", _("Chỉ sửa được bản thẩm định dự thảo hoặc đã bị trả lại."))
    before = audit.snapshot(assessment)
    fields = _set(assessment, values)
    _validate(assessment)
    save_versioned(assessment, expected_version=expected_version, fields=fields)
    audit.record_update(actor=actor, target=assessment, before=before)
    return assessment


@transaction.atomic
def assessment_transition(
    *, actor, assessment: Assessment, action: str, expected_version: int, reason: str = ""
) -> Assessment:
    """submit (the department's editors), approve or return (a leader of the department
    only — anyone else is refused and nothing is written). Approving makes the subject
    "assessed"."""
    subject = assessment.subject
    transition = transitions.check(
        transitions.ASSESSMENT, action, assessment.status, assessment.get_status_display(), reason
    )
    if action in ("approve", "return"):
        if actor is not None and not permissions.may_review_assessment(actor, subject):
            raise _denied(_("Chỉ lãnh đạo Ban (Trưởng ban, Phó ban) mới được phê duyệt hoặc trả lại bản thẩm định."))
    else:
        _check_department(actor, subject)
    if action == "approve" and subject.status != Subject.Status.ACKNOWLEDGED:
        raise _error("action", _("Vấn đề không còn ở trạng thái chờ thẩm định."))
    watched = ["status", "status_reason", "approved_by", "approved_at"]
    before = audit.snapshot(assessment, watched)
    assessment.status = transition.target
    assessment.status_reason = _text(reason)
    fields = ["status", "status_reason"]
    if action == "approve":
        assessment.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        assessment.approved_at = timezone.now()
        fields += ["approved_by", "approved_at"]
    save_versioned(assessment, expected_version=expected_version, fields=fields)
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"assessment_{action}",
        target=assessment,
        changes=audit.diff(before, audit.snapshot(assessment, watched)),
        message=str(transition.label) + (f": {assessment.status_reason}" if assessment.status_reason else ""),
    )
    if action == "approve":
        move_subject(actor=actor, subject=subject, action="assess")
    # "submit" → the department's leaders; "approve" / "return" → the department's
    # editors (and, on approve, the owner's).
    notices.assessment_moved(actor=actor, assessment=assessment, action=action)
    return assessment
