"""The periodic jobs, declared in one place. `manage.py sync_schedules` (run by
`make run`) writes them to django-q2's Schedule table, by name; a name that is no
longer here is removed from the table. Adding a job is one line in SCHEDULES: a
unique name (with the prefix below), the dotted path of a plain function, a cron
expression in the project's time zone (PHOIHOP_TIME_ZONE), and a Vietnamese description.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PREFIX = "phoihop."  # schedules whose name starts with this are ours to add, change and remove


@dataclass(frozen=True)
class Periodic:
    name: str
    func: str
    cron: str
    description: str


SCHEDULES: list[Periodic] = [
    Periodic(
        "phoihop.task_reminders",
        "phoihop.programs.jobs.remind_tasks",
        "0 6 * * *",
        _("Nhắc nhiệm vụ sắp đến hạn và quá hạn (6 giờ sáng hằng ngày)"),
    ),
    Periodic(
        "phoihop.provision_reminders",
        "phoihop.provisions.jobs.remind_missing_provisions",
        "15 6 * * *",
        _("Nhắc cung cấp thông tin sắp đến hạn và còn thiếu (6 giờ 15 sáng hằng ngày)"),
    ),
    Periodic(
        "phoihop.notification_digest",
        "phoihop.notifications.jobs.send_daily_digest",
        "0 7 * * *",
        _("Gửi thư tổng hợp thông báo hằng ngày (7 giờ sáng)"),
    ),
    # exchange: subjects and invitations (issue 4)
    Periodic(
        "phoihop.unacknowledged_subjects",
        "phoihop.exchange.jobs.remind_unacknowledged_subjects",
        "10 6 * * *",
        _("Nhắc Ban Tuyên giáo tiếp nhận vấn đề đã đăng ký quá 3 ngày (6 giờ 10 hằng ngày)"),
    ),
    Periodic(
        "phoihop.unanswered_invitations",
        "phoihop.exchange.jobs.remind_unanswered_invitations",
        "20 6 * * *",
        _("Nhắc trả lời lời mời dự hoạt động trong 7 ngày tới (6 giờ 20 hằng ngày)"),
    ),
    # public opinion: collaborators' reports (issue 5)
    Periodic(
        "phoihop.opinion_report_reminders",
        "phoihop.opinion.jobs.remind_opinion_reports",
        "25 6 * * *",
        _("Nhắc cộng tác viên nộp báo cáo dư luận sắp đến hạn và quá hạn (6 giờ 25 hằng ngày)"),
    ),
    # press monitoring (issue 5, item 4)
    Periodic(
        "phoihop.press_poll_feeds",
        "phoihop.press.jobs.poll_feeds",
        "*/30 * * * *",
        _("Lấy tin từ các nguồn báo chí RSS/Atom đang theo dõi (30 phút một lần)"),
    ),
    Periodic(
        "phoihop.press_weekly_digests",
        "phoihop.press.jobs.weekly_press_digests",
        "30 7 * * 1",
        _("Lập điểm báo tuần trước cho từng chương trình (7 giờ 30 sáng thứ Hai)"),
    ),
    # hot issues (issue 5, item 3)
    Periodic(
        "phoihop.hot_issue_escalations",
        "phoihop.hotissues.jobs.check_escalations",
        "5 * * * *",
        _("Báo lãnh đạo Ban các vấn đề nổi cộm đến ngưỡng báo cáo Ban Thường vụ (hằng giờ)"),
    ),
]
BY_NAME: dict[str, Periodic] = {job.name: job for job in SCHEDULES}
