"""Demo data of issue 6, item 1: the meetings of the Propaganda and Mass Mobilisation
Department of Đắk Lắk (the province merged with Phú Yên on 01/07/2025).

* A signing ceremony in September 2025, held.
* The quarterly briefing (*giao ban*) of Q3/2026 in early October, held online with three
  connection points (the province's hall — the main one —, a ward's hall, a commune's
  hall; seed 004's kind), with four conclusions, two of them turned into tasks of the
  programme's 2026 plan, one of which is done.
* A press conference in September 2026, held.
* The briefing of Q4/2026, planned in December.

Everything goes through `meetings.services` (and `programs.services` for completing a
task), so the audit log and the rules are as in real use. A meeting whose start is still
ahead when the demo is loaded stays planned. Skipped once the department has any meeting,
so a second run creates nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.meetings import services
from phoihop.meetings.models import Meeting
from phoihop.meetings.services import ConnectionPointInput
from phoihop.organisations.models import Organization
from phoihop.programs import services as program_services
from phoihop.programs.models import Program

SYSTEM = None
DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
PROVINCIAL_COMMITTEE = "Tỉnh ủy Đắk Lắk"
CHAIR = ("Nguyễn Thị Minh", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")  # fictional, like the demo users

Q3_CONCLUSIONS = (
    "Tiếp tục tuyên truyền sâu rộng kết quả Đại hội Đảng bộ tỉnh Đắk Lắk lần thứ I, nhiệm kỳ 2025–2030 trên các "
    "phương tiện thông tin đại chúng và mạng xã hội.",
    "Nắm bắt, tổng hợp dư luận xã hội về công tác bồi thường, giải phóng mặt bằng các dự án trọng điểm; báo cáo "
    "Ban Thường vụ Tỉnh ủy trước ngày 30/11/2026.",
    "Đẩy mạnh phong trào thi đua “Dân vận khéo”; lựa chọn mô hình tiêu biểu ở các phường, xã sau sắp xếp để biểu "
    "dương.",
    "Chuẩn bị nội dung hội nghị tổng kết Chương trình phối hợp giai đoạn 2022–2026 và xây dựng chương trình giai đoạn "
    "mới.",
)


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _meeting(owner, *, held: bool, conclusions=(), **values) -> Meeting:
    meeting = services.meeting_create(actor=SYSTEM, owner=owner, **values)
    if held and meeting.starts_at <= timezone.now():
        meeting = services.meeting_transition(
            actor=SYSTEM, meeting=meeting, action="hold", expected_version=meeting.version
        )
        for text in conclusions:
            services.conclusion_add(actor=SYSTEM, meeting=meeting, text=text)
    return meeting


def ensure_meetings() -> int:
    """Create the department's demo meetings unless it has some; returns how many."""
    department = Organization.objects.filter(name=DEPARTMENT, valid_to__isnull=True).first()
    if department is None or Meeting.objects.filter(owner=department).exists():
        return 0
    committee = Organization.objects.filter(name=PROVINCIAL_COMMITTEE, valid_to__isnull=True).first()
    others = [committee] if committee is not None else []
    program = Program.objects.filter(parties__organization=department).order_by("-start_year", "id").first()
    province = department.administrative_unit.name if department.administrative_unit else "Đắk Lắk"
    chair = {"chair_name": CHAIR[0], "chair_position": CHAIR[1]}

    _meeting(
        department,
        held=True,
        kind=Meeting.Kind.SIGNING,
        title="Hội nghị ký kết Quy chế phối hợp công tác tuyên giáo, dân vận giữa Ban Tuyên giáo và Dân vận Tỉnh ủy "
        "và các cơ quan của tỉnh Đắk Lắk sau hợp nhất",
        starts_at=_aware(dt.date(2025, 9, 12), 8),
        ends_at=_aware(dt.date(2025, 9, 12), 11),
        place="Hội trường Tỉnh ủy Đắk Lắk, thành phố Buôn Ma Thuột",
        participants=others,
        agenda="1. Công bố Quy chế phối hợp.\n2. Ký kết.\n3. Phát biểu chỉ đạo.",
        **chair,
    )
    briefing = _meeting(
        department,
        held=True,
        conclusions=Q3_CONCLUSIONS,
        kind=Meeting.Kind.QUARTERLY_BRIEFING,
        title="Hội nghị giao ban công tác tuyên giáo và dân vận quý III, triển khai nhiệm vụ quý IV năm 2026",
        program=program,
        starts_at=_aware(dt.date(2026, 10, 8), 7, 30),
        ends_at=_aware(dt.date(2026, 10, 8), 11, 30),
        is_online=True,
        participants=others,
        connection_points=[
            ConnectionPointInput(
                f"Điểm cầu Tỉnh ủy {province}", organization=department, place="Hội trường Tỉnh ủy", is_main=True
            ),
            ConnectionPointInput("Điểm cầu phường Tuy Hòa", place="Hội trường Đảng ủy phường Tuy Hòa"),
            ConnectionPointInput("Điểm cầu xã Ea Kar", place="Hội trường Đảng ủy xã Ea Kar"),
        ],
        agenda="1. Báo cáo kết quả công tác tuyên giáo và dân vận quý III năm 2026.\n"
        "2. Ý kiến các điểm cầu.\n3. Kết luận, triển khai nhiệm vụ trọng tâm quý IV.",
        minutes="Hội nghị nghe báo cáo kết quả quý III; các điểm cầu phát biểu ý kiến; đồng chí chủ trì kết luận "
        "bốn nhiệm vụ trọng tâm quý IV.",
        **chair,
    )
    if program is not None and briefing.status == Meeting.Status.HELD:
        first, second = list(briefing.conclusions.order_by("number"))[:2]
        done = services.conclusion_create_task(
            actor=SYSTEM,
            conclusion=first,
            expected_version=first.version,
            lead=department,
            due_date=dt.date(2026, 10, 31),
            title="Tuyên truyền kết quả Đại hội Đảng bộ tỉnh lần thứ I",
        )
        program_services.task_transition(
            actor=SYSTEM,
            task=done,
            action="complete",
            expected_version=done.version,
            completed_on=dt.date(2026, 10, 28),
        )
        services.conclusion_create_task(
            actor=SYSTEM,
            conclusion=second,
            expected_version=second.version,
            lead=department,
            due_date=dt.date(2026, 11, 30),
            title="Tổng hợp dư luận về bồi thường, giải phóng mặt bằng các dự án trọng điểm",
        )
    _meeting(
        department,
        held=True,
        kind=Meeting.Kind.PRESS_CONFERENCE,
        title="Họp báo thông tin kết quả công tác tuyên giáo, dân vận 9 tháng năm 2026",
        starts_at=_aware(dt.date(2026, 9, 25), 14),
        ends_at=_aware(dt.date(2026, 9, 25), 16),
        place="Trụ sở Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
        participants=others,
        **chair,
    )
    _meeting(
        department,
        held=False,
        kind=Meeting.Kind.QUARTERLY_BRIEFING,
        title="Hội nghị giao ban công tác tuyên giáo và dân vận quý IV năm 2026",
        program=program,
        starts_at=_aware(dt.date(2026, 12, 17), 7, 30),
        ends_at=_aware(dt.date(2026, 12, 17), 11, 30),
        place="Hội trường Tỉnh ủy Đắk Lắk",
        participants=others,
        agenda="1. Báo cáo kết quả năm 2026.\n2. Phương hướng nhiệm vụ năm 2027.",
        **chair,
    )
    return Meeting.objects.filter(owner=department).count()
