"""Builders for subjects, assessments and plans, through the services (so versions, key
dates and the audit log are as in real use), and row factories for the list tests.

The scene (on top of conftest's `world`): a programme in force 2026–2030 led by
world.target ("the department" for subjects of the commune's People's Committee) with
world.commune_committee as partner, its 2026 annual plan, and a leader at world.target.
The partner's focal point (world.partner) registers; the target's officer acknowledges,
assesses and plans; the leader approves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import factory

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.exchange import services
from phoihop.exchange.models import Level3, Subject, SubjectKind
from phoihop.programs.models import AnnualPlan, Program
from phoihop.programs.tests.factories import make_plan, make_program

TRIAL = dt.date(2026, 6, 15)
START, END = dt.date(2026, 3, 1), dt.date(2026, 9, 30)


@dataclass
class Scene:
    program: Program
    plan: AnnualPlan
    leader: object


def make_scene(world, *, with_plan: bool = True) -> Scene:
    program = make_program(world)
    plan = make_plan(program, year=2026) if with_plan else None
    leader = UserFactory(username="leader")
    MembershipFactory(user=leader, organization=world.target, role=Role.LEADER)
    return Scene(program=program, plan=plan, leader=leader)


def make_subject(world, program, *, status: str = Subject.Status.DRAFT, actor=None, **values) -> Subject:
    """A trial subject of the commune's People's Committee, brought to `status` through
    the services: draft, registered, acknowledged (the officer), assessed (an approved
    assessment; the leader must exist: make_scene)."""
    key_dates = values.pop(
        "key_dates",
        [
            services.KeyDateInput("Ngày xét xử", TRIAL),
            services.KeyDateInput("Ngày tuyên án", TRIAL + dt.timedelta(days=2)),
        ],
    )
    subject = services.subject_create(
        actor=actor,
        program=program,
        owner=values.pop("owner", world.commune_committee),
        year=values.pop("year", 2026),
        kind=values.pop("kind", SubjectKind.TRIAL),
        title=values.pop("title", "Xét xử lưu động vụ án gây rối trật tự công cộng tại xã Cẩm Đức"),
        summary=values.pop("summary", "Phiên tòa lưu động nhằm tuyên truyền, giáo dục pháp luật."),
        start_date=values.pop("start_date", START),
        end_date=values.pop("end_date", END),
        sensitivity=values.pop("sensitivity", Level3.MEDIUM),
        key_dates=key_dates,
    )
    order = [Subject.Status.REGISTERED, Subject.Status.ACKNOWLEDGED, Subject.Status.ASSESSED]
    if status == Subject.Status.DRAFT:
        return subject
    services.subject_transition(actor=None, subject=subject, action="register", expected_version=subject.version)
    if status == order[0]:
        return subject
    services.subject_transition(actor=None, subject=subject, action="acknowledge", expected_version=subject.version)
    if status == order[1]:
        return subject
    assessment = make_assessment(subject)
    services.assessment_transition(
        actor=None, assessment=assessment, action="submit", expected_version=assessment.version
    )
    services.assessment_transition(
        actor=None, assessment=assessment, action="approve", expected_version=assessment.version
    )
    subject.refresh_from_db()
    return subject


ASSESSMENT_VALUES = {
    "affected_groups": "Người dân các thôn ven biển; thanh niên trên địa bàn xã",
    "benefits": "Nâng cao ý thức chấp hành pháp luật",
    "risks": "Thông tin sai lệch trên mạng xã hội về bị cáo",
    "impact_level": Level3.MEDIUM,
    "opinion_direction": "approving",
    "opinion_intensity": Level3.HIGH,
    "opinion_breadth": "many",
    "flashpoints": "Khu vực chợ xã trong ngày xét xử",
    "recommendation": "Thông tin sớm, đầy đủ trước phiên tòa; đưa tin kết quả ngay sau khi tuyên án.",
}


def make_assessment(subject, *, actor=None, **values):
    return services.assessment_create(actor=actor, subject=subject, **{**ASSESSMENT_VALUES, **values})


def make_plan_with_activities(world, subject, *, actor=None):
    """A plan of an assessed subject with one activity per phase around the trial:
    7 days before (department leads, owner partners), the day itself (owner leads),
    3 days after (department leads)."""
    plan = services.communication_plan_create(actor=actor, subject=subject, title="Kế hoạch tuyên truyền phiên tòa")
    trial = subject.key_dates.get(label="Ngày xét xử")
    rows = [
        ("before", "Thông cáo báo chí trước phiên tòa", -7, world.target, [world.commune_committee], ["press"]),
        ("during", "Đưa tin trong ngày xét xử", 0, world.commune_committee, [world.target], ["press", "social"]),
        ("after", "Tuyên truyền kết quả xét xử", 3, world.target, [], ["radio_tv", "oral"]),
    ]
    for phase, title, offset, lead, partners, channels in rows:
        plan.refresh_from_db()
        services.plan_activity_create(
            actor=actor,
            plan=plan,
            expected_version=plan.version,
            phase=phase,
            title=title,
            key_date=trial,
            offset_days=offset,
            lead=lead,
            partners=partners,
            channels=channels,
            expected_product="01 tin, bài",
        )
    plan.refresh_from_db()
    return plan


class SubjectRowFactory(factory.django.DjangoModelFactory):
    """Rows written directly, for the query-count tests."""

    class Meta:
        model = Subject

    title = factory.Sequence(lambda n: f"Vấn đề phối hợp thử nghiệm {n}")
    year = 2026
    kind = SubjectKind.PROJECT
    start_date = START
    end_date = END
    status = Subject.Status.REGISTERED


# --- invitations ---------------------------------------------------------------------

# Invitation tests run on a frozen clock: NOW, a week before the press conference.
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=HANOI)
PRESS_DAY = dt.date(2026, 6, 8)


def make_invitation(world, subject, *, sent: bool = True, actor=None, invitees=None, **values):
    """A press conference the commune's People's Committee (the subject's owner) invites
    the department (world.target) to, on PRESS_DAY 09:00–11:00; sent unless `sent=False`.
    Call under a clock frozen before it (NOW)."""
    invitation = services.invitation_create(
        actor=actor,
        subject=subject,
        inviter=values.pop("inviter", world.commune_committee),
        invitees=invitees if invitees is not None else [world.target],
        kind=values.pop("kind", "press_conference"),
        title=values.pop("title", "Họp báo thông tin về phiên tòa xét xử lưu động"),
        date=values.pop("date", PRESS_DAY),
        start_time=values.pop("start_time", dt.time(9, 0)),
        end_time=values.pop("end_time", dt.time(11, 0)),
        place=values.pop("place", "Hội trường Ủy ban nhân dân xã Cẩm Đức"),
        agenda=values.pop("agenda", "Thông tin về vụ án; trả lời câu hỏi của phóng viên."),
        **values,
    )
    if sent:
        services.invitation_transition(
            actor=actor, invitation=invitation, action="send", expected_version=invitation.version
        )
    return invitation
