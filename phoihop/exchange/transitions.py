"""Allowed status changes of subjects, assessments and invitations, one table per entity (the same
`Transition` shape as `programs.transitions`). Services check them; pages show the
buttons of the transitions allowed now — and only those the user may do
(`permissions.may_transition_subject`, `permissions.may_review_assessment`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from phoihop.exchange.models import Assessment, Invitation, Subject
from phoihop.programs.transitions import Transition, _table, allowed, check

__all__ = ["ASSESSMENT", "INVITATION", "MANUAL_SUBJECT_ACTIONS", "SUBJECT", "allowed", "check"]

S, A = Subject.Status, Assessment.Status
OPEN = frozenset({S.DRAFT, S.REGISTERED, S.ACKNOWLEDGED, S.ASSESSED, S.PLANNED})

SUBJECT = _table(
    # by the owner agency; notifies the department
    Transition("register", frozenset({S.DRAFT}), S.REGISTERED, gettext_lazy("Đăng ký, gửi Ban Tuyên giáo")),
    # by the department (an editor of a lead party)
    Transition("acknowledge", frozenset({S.REGISTERED}), S.ACKNOWLEDGED, gettext_lazy("Tiếp nhận")),
    # by the services: approving the assessment, generating the plan's tasks
    Transition("assess", frozenset({S.ACKNOWLEDGED}), S.ASSESSED, gettext_lazy("Hoàn thành thẩm định")),
    Transition("generate_plan", frozenset({S.ASSESSED}), S.PLANNED, gettext_lazy("Giao nhiệm vụ theo kế hoạch")),
    Transition("close", frozenset({S.PLANNED}), S.CLOSED, gettext_lazy("Kết thúc"), True),
    Transition("cancel", OPEN, S.CANCELLED, gettext_lazy("Hủy vấn đề"), True),
)
# The buttons a page may show; the others happen as a consequence of another action.
MANUAL_SUBJECT_ACTIONS = ("register", "acknowledge", "close", "cancel")

ASSESSMENT = _table(
    Transition("submit", frozenset({A.DRAFT, A.RETURNED}), A.SUBMITTED, gettext_lazy("Trình phê duyệt")),
    Transition("approve", frozenset({A.SUBMITTED}), A.APPROVED, gettext_lazy("Phê duyệt")),
    Transition("return", frozenset({A.SUBMITTED}), A.RETURNED, gettext_lazy("Trả lại để sửa"), True),
)

# Invitations: sent by the inviter's editors (the invitees are notified); cancelled with a
# reason, before or after sending. Rescheduling a sent one is an edit, not a transition.
# Answers are per invited organisation (`InvitationResponse`), checked in the service:
# only on a sent invitation, until it starts.
V = Invitation.Status
INVITATION = _table(
    Transition("send", frozenset({V.DRAFT}), V.SENT, gettext_lazy("Gửi lời mời")),
    Transition("cancel", frozenset({V.DRAFT, V.SENT}), V.CANCELLED, gettext_lazy("Hủy lời mời"), True),
)
