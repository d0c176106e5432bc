"""Meetings for tests: `make_meeting` goes through the services (audit, participants,
versions as in real use); `meeting_rows` writes rows directly, for query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import factory

from phoihop.meetings import services
from phoihop.meetings.models import Meeting, MeetingConclusion, MeetingParticipant
from phoihop.organisations.tests.factories import OrganizationFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HELD_AT = dt.datetime(2026, 10, 15, 8, 0, tzinfo=VN)
PLANNED_AT = dt.datetime(2026, 12, 18, 8, 0, tzinfo=VN)
TITLE = "Hội nghị giao ban công tác tuyên giáo và dân vận quý III năm 2026"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    owner = factory.SubFactory(OrganizationFactory)
    kind = Meeting.Kind.QUARTERLY_BRIEFING
    title = factory.Sequence(lambda n: f"Hội nghị giao ban thử nghiệm {n}")
    starts_at = HELD_AT
    status = Meeting.Status.HELD


def meeting_rows(owner, participants=(), *, count: int = 1, conclusions: int = 0, **values) -> list[Meeting]:
    rows = []
    for _index in range(count):
        meeting = MeetingFactory(owner=owner, **values)
        for position, org in enumerate([owner, *participants]):
            MeetingParticipant.objects.create(meeting=meeting, organization=org, position=position)
        for number in range(1, conclusions + 1):
            MeetingConclusion.objects.create(meeting=meeting, number=number, text=f"Kết luận {number}")
        rows.append(meeting)
    return rows


def make_meeting(
    world, *, actor=None, held: bool = True, program=None, participants=None, conclusions=(), **values
) -> Meeting:
    """A quarterly briefing of world.target with the commune's People's Committee, through
    the services; `held` confirms it held (it began on 15/10/2026), `conclusions` adds them."""
    actor = actor or world.officer
    values.setdefault("title", TITLE)
    values.setdefault("kind", Meeting.Kind.QUARTERLY_BRIEFING)
    values.setdefault("starts_at", HELD_AT if held else PLANNED_AT)
    values.setdefault("ends_at", values["starts_at"] + dt.timedelta(hours=3))
    values.setdefault("place", "Hội trường Đảng ủy xã Cẩm Đức")
    values.setdefault("chair_name", "Nguyễn Văn An")
    values.setdefault("chair_position", "Bí thư Đảng ủy xã")
    meeting = services.meeting_create(
        actor=actor,
        owner=world.target,
        program=program,
        participants=participants if participants is not None else [world.commune_committee],
        **values,
    )
    if held:
        meeting = services.meeting_transition(
            actor=actor, meeting=meeting, action="hold", expected_version=meeting.version
        )
        for text in conclusions:
            services.conclusion_add(actor=actor, meeting=meeting, text=text)
    return meeting


@dataclass
class Scene:
    program: object
    plan: object
    meeting: Meeting


def make_scene(world) -> Scene:
    """A programme of the commune in force with its 2026 plan, and a held briefing under it
    with two conclusions."""
    from phoihop.programs.tests.factories import make_plan, make_program

    program = make_program(world)
    plan = make_plan(program, actor=world.admin, year=2026)
    meeting = make_meeting(
        world,
        program=program,
        conclusions=(
            "Đẩy mạnh tuyên truyền chuyển đổi số trên hệ thống loa truyền thanh xã.",
            "Ủy ban nhân dân xã cung cấp thông tin định kỳ hằng tháng về giải phóng mặt bằng.",
        ),
    )
    return Scene(program=program, plan=plan, meeting=meeting)
