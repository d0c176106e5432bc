"""Demo information provisions (seed 003: "nhanh, chính xác theo vụ việc và định kỳ hằng
tháng"): the People's Committee of An Giang (formerly Kiên Giang's) informs the provincial
propaganda department monthly by the 25th, so that the matrix of the current year shows
every state: months received on time and acknowledged, one received late, one missing,
the current month not yet due; one ad-hoc report within 24 hours of an incident; one
correction. Written through the services with the system as actor, dated in the past
relative to the day the demo is loaded; skipped once the programme has any provision."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.programs.models import PartyRole, Program
from phoihop.provisions import services

from .programs.kien_giang import KIEN_GIANG_UBND

SYSTEM = None

CONTENT = (
    "Tình hình kinh tế - xã hội, quốc phòng - an ninh {period}: sản xuất nông nghiệp, thủy sản ổn định; "
    "tiến độ giải ngân vốn đầu tư công các dự án trọng điểm; tình hình khiếu nại, tố cáo đông người; các vấn đề "
    "dư luận quan tâm trên địa bàn tỉnh."
)


def _at(day: dt.date, hour: int, now: dt.datetime) -> dt.datetime:
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour))), now)


def ensure_provisions() -> int:
    """Create the demo provisions if the programme has none; returns how many were created."""
    program = Program.objects.filter(title=KIEN_GIANG_UBND.title).prefetch_related("parties").first()
    if program is None or program.provisions.exists() or program.status not in ("signed", "in_force"):
        return 0
    now = timezone.now()
    today = timezone.localdate()
    if not program.start_year <= today.year <= program.end_year:
        return 0
    parties = sorted(program.parties.all(), key=lambda party: (party.position, party.pk))
    provider = next((p.organization for p in parties if p.role == PartyRole.PARTNER), None)
    receiver = next((p.organization for p in parties if p.role == PartyRole.LEAD), None)
    if provider is None or receiver is None:
        return 0
    passed = [period for period in services.expected_periods(program, today.year) if period.due < today]
    missing = passed[-3] if len(passed) >= 3 else None
    late = passed[-2] if len(passed) >= 2 else None
    created = []

    def provide(**values):
        provision = services.provision_provide(
            actor=SYSTEM, program=program, provider=provider, receiver=receiver, **values
        )
        created.append(provision)
        return provision

    for period in passed:
        if period == missing:
            continue
        day = period.due + dt.timedelta(days=3) if period == late else period.due - dt.timedelta(days=2)
        provision = provide(
            kind="periodic",
            year=period.year,
            period=period.number,
            content=CONTENT.format(period=period.label.lower()),
            provided_at=_at(day, 9, now),
        )
        if period != passed[-1]:
            services.provision_acknowledge(
                actor=SYSTEM, provision=provision, acknowledged_at=_at(day + dt.timedelta(days=1), 14, now)
            )
    if passed and passed[-1] not in (missing, late):
        original = created[-1]
        provide(
            kind=original.kind,
            content="Bổ sung: số liệu giải ngân vốn đầu tư công cập nhật đến ngày cuối tháng.",
            corrects=original,
            provided_at=_at(original.provided_at.date() + dt.timedelta(days=1), 16, now),
        )
    incident = _at(today - dt.timedelta(days=5), 7, now)
    provide(
        kind="adhoc",
        incident_title="Sạt lở bờ sông Vàm Nao, ảnh hưởng 12 hộ dân",
        incident_at=incident,
        content="Đã di dời 12 hộ đến nơi an toàn, không có thiệt hại về người; địa phương đang gia cố bờ sông và "
        "thông tin cho Nhân dân để tránh tin đồn thất thiệt.",
        provided_at=incident + dt.timedelta(hours=6),
    )
    return len(created)
