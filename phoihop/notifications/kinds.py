"""The kinds of notification, declared in one place: each with its Vietnamese label and
how it is delivered unless the user chooses otherwise (NotificationPreference).

Adding a kind is one line in KINDS (then `make messages` for the English label); the
sender calls `services.notify(..., kind=<key>)`. Declare a kind only when something sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư điện tử ngay")
    DIGEST = "digest", _("Gộp vào thư tổng hợp hằng ngày")
    IN_APP = "in_app", _("Chỉ hiện trên hệ thống")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_delivery: str


TASK_DUE_SOON = "task_due_soon"
TASK_OVERDUE = "task_overdue"
# exchange: subjects, assessments, plans and invitations (issue 4)
SUBJECT_REGISTERED = "subject_registered"
SUBJECT_ACKNOWLEDGED = "subject_acknowledged"
SUBJECT_ENDED = "subject_ended"
SUBJECT_UNACKNOWLEDGED = "subject_unacknowledged"
ASSESSMENT_TO_APPROVE = "assessment_to_approve"
ASSESSMENT_REVIEWED = "assessment_reviewed"
PLAN_TASKS_ASSIGNED = "plan_tasks_assigned"
PLAN_GENERATED = "plan_generated"
TASK_RESCHEDULED = "task_rescheduled"
INVITATION_RECEIVED = "invitation_received"
INVITATION_ANSWERED = "invitation_answered"
INVITATION_UNANSWERED = "invitation_unanswered"
PROVISION_DUE_SOON = "provision_due_soon"
PROVISION_MISSING = "provision_missing"
PROVISION_RECEIVED = "provision_received"
PROVISION_ACKNOWLEDGED = "provision_acknowledged"
# public opinion: collaborators' reports (issue 5)
OPINION_REPORT_DUE_SOON = "opinion_report_due_soon"
OPINION_REPORT_MISSING = "opinion_report_missing"
OPINION_REPORT_SUBMITTED = "opinion_report_submitted"
OPINION_ITEM_FLAGGED_HOT = "opinion_item_flagged_hot"
# press monitoring (issue 5, item 4)
PRESS_ITEM_FLAGGED = "press_item_flagged"
PRESS_DIGEST_READY = "press_digest_ready"
# hot issues (issue 5, item 3)
HOT_ISSUE_ESCALATED = "hot_issue_escalated"
HOT_ISSUE_ESCALATION_DUE = "hot_issue_escalation_due"
HOT_ISSUE_HANDED_OVER = "hot_issue_handed_over"
HOT_ISSUE_HAND_OVER_ANSWERED = "hot_issue_hand_over_answered"
# meetings (issue 6, item 1)
MEETING_SCHEDULED = "meeting_scheduled"
MEETING_CONCLUSION_TASK = "meeting_conclusion_task"
# end of meetings

KINDS: list[Kind] = [
    Kind(TASK_DUE_SOON, _("Nhiệm vụ sắp đến hạn"), Delivery.DIGEST),
    Kind(TASK_OVERDUE, _("Nhiệm vụ quá hạn"), Delivery.IMMEDIATE),
    # exchange: subjects, assessments, plans and invitations (issue 4)
    Kind(SUBJECT_REGISTERED, _("Vấn đề phối hợp mới đăng ký"), Delivery.DIGEST),
    Kind(SUBJECT_ACKNOWLEDGED, _("Vấn đề phối hợp đã được tiếp nhận"), Delivery.DIGEST),
    Kind(SUBJECT_ENDED, _("Vấn đề phối hợp đã kết thúc hoặc bị hủy"), Delivery.DIGEST),
    Kind(SUBJECT_UNACKNOWLEDGED, _("Vấn đề phối hợp chưa được tiếp nhận"), Delivery.DIGEST),
    Kind(ASSESSMENT_TO_APPROVE, _("Bản thẩm định chờ phê duyệt"), Delivery.IMMEDIATE),
    Kind(ASSESSMENT_REVIEWED, _("Bản thẩm định đã được phê duyệt hoặc trả lại"), Delivery.IMMEDIATE),
    Kind(PLAN_TASKS_ASSIGNED, _("Nhiệm vụ mới theo kế hoạch tuyên truyền"), Delivery.IMMEDIATE),
    Kind(PLAN_GENERATED, _("Kế hoạch tuyên truyền đã giao nhiệm vụ"), Delivery.DIGEST),
    Kind(TASK_RESCHEDULED, _("Hạn nhiệm vụ đã dời"), Delivery.DIGEST),
    Kind(INVITATION_RECEIVED, _("Lời mời dự hoạt động (mời, đổi lịch, hủy)"), Delivery.IMMEDIATE),
    Kind(INVITATION_ANSWERED, _("Trả lời lời mời"), Delivery.DIGEST),
    Kind(INVITATION_UNANSWERED, _("Lời mời sắp diễn ra chưa trả lời"), Delivery.DIGEST),
    Kind(PROVISION_DUE_SOON, _("Sắp đến hạn cung cấp thông tin"), Delivery.DIGEST),
    Kind(PROVISION_MISSING, _("Quá hạn, chưa cung cấp thông tin"), Delivery.IMMEDIATE),
    Kind(PROVISION_RECEIVED, _("Nhận được thông tin"), Delivery.IMMEDIATE),
    Kind(PROVISION_ACKNOWLEDGED, _("Thông tin đã được xác nhận đã nhận"), Delivery.IN_APP),
    # public opinion: collaborators' reports (issue 5)
    Kind(OPINION_REPORT_DUE_SOON, _("Sắp đến hạn nộp báo cáo dư luận"), Delivery.DIGEST),
    Kind(OPINION_REPORT_MISSING, _("Quá hạn, chưa nộp báo cáo dư luận"), Delivery.IMMEDIATE),
    Kind(OPINION_REPORT_SUBMITTED, _("Cộng tác viên nộp báo cáo dư luận"), Delivery.DIGEST),
    Kind(OPINION_ITEM_FLAGGED_HOT, _("Dư luận được đánh dấu nổi cộm"), Delivery.IMMEDIATE),
    # press monitoring (issue 5, item 4)
    Kind(PRESS_ITEM_FLAGGED, _("Tin báo chí khớp từ khóa theo dõi"), Delivery.IMMEDIATE),
    Kind(PRESS_DIGEST_READY, _("Điểm báo tuần của chương trình"), Delivery.DIGEST),
    # hot issues (issue 5, item 3)
    Kind(HOT_ISSUE_ESCALATED, _("Vấn đề nổi cộm đã báo cáo Ban Thường vụ"), Delivery.IMMEDIATE),
    Kind(HOT_ISSUE_ESCALATION_DUE, _("Vấn đề nổi cộm đến ngưỡng báo cáo Ban Thường vụ"), Delivery.IMMEDIATE),
    Kind(HOT_ISSUE_HANDED_OVER, _("Vấn đề nổi cộm chuyển đến cơ quan xử lý"), Delivery.IMMEDIATE),
    Kind(HOT_ISSUE_HAND_OVER_ANSWERED, _("Cơ quan nhận tiếp nhận hoặc trả lại vấn đề nổi cộm"), Delivery.IMMEDIATE),
    # meetings (issue 6, item 1)
    Kind(MEETING_SCHEDULED, _("Hội nghị mới có cơ quan bạn tham dự"), Delivery.IMMEDIATE),
    Kind(MEETING_CONCLUSION_TASK, _("Nhiệm vụ mới từ kết luận hội nghị"), Delivery.IMMEDIATE),
    # end of meetings
]
BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in KINDS]


def label(key: str) -> str:
    kind = BY_KEY.get(key)
    return str(kind.label) if kind else key
