"""Factories for programmes, plans and tasks, and helpers that build them through the
services (so that the audit log, parts and versions are as in real use).

The factories write rows directly and are for tests that need many rows quickly (query
counts); `make_program`, `make_plan` and `make_task` go through `services` and are for
tests of behaviour.
"""

from __future__ import annotations

import datetime as dt

import factory

from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import (
    AnnualPlan,
    ContentItem,
    PartyRole,
    Program,
    ProgramParty,
    Signature,
    Task,
    TaskPart,
)

# --- row factories -------------------------------------------------------------------


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    title = factory.Sequence(lambda n: f"Chương trình phối hợp thử nghiệm {n}")
    number_symbol = factory.Sequence(lambda n: f"{n:02d}-CTr/TN")
    kind = Program.Kind.OTHER
    status = Program.Status.DRAFT
    start_year = 2026
    end_year = 2030


class ProgramPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramParty

    program = factory.SubFactory(ProgramFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartyRole.PARTNER
    position = factory.Sequence(lambda n: n % 100)


class ContentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem

    program = factory.SubFactory(ProgramFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Nội dung phối hợp {n}")


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    program = factory.SubFactory(ProgramFactory)
    year = factory.LazyAttribute(lambda o: o.program.start_year)
    title = factory.LazyAttribute(lambda o: f"Kế hoạch thực hiện năm {o.year}")
    status = AnnualPlan.Status.DRAFT


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(AnnualPlanFactory)
    title = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm {n}")
    lead = factory.SubFactory(OrganizationFactory)
    due_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 6, 30))
    status = Task.Status.OPEN


class TaskPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskPart

    task = factory.SubFactory(TaskFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartyRole.PARTNER


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    organization = factory.SubFactory(OrganizationFactory)
    signer_name = factory.Sequence(lambda n: f"Nguyễn Văn Ký {n}")
    signer_position = "Bí thư"
    signed_on = dt.date(2026, 1, 15)


def program_rows(lead, partner, *, count: int = 1, **values) -> list[Program]:
    """`count` programmes with `lead` and `partner` as parties, written directly."""
    programs = []
    for _index in range(count):
        program = ProgramFactory(**values)
        ProgramPartyFactory(program=program, organization=lead, role=PartyRole.LEAD, position=0)
        ProgramPartyFactory(program=program, organization=partner, role=PartyRole.PARTNER, position=1)
        programs.append(program)
    return programs


def task_rows(plan, lead, partners=(), *, count: int = 1, **values) -> list[Task]:
    """`count` tasks in `plan` with a part for the lead and each partner, written directly."""
    tasks = []
    for _index in range(count):
        task = TaskFactory(plan=plan, lead=lead, **values)
        TaskPartFactory(task=task, organization=lead, role=PartyRole.LEAD)
        for org in partners:
            TaskPartFactory(task=task, organization=org, role=PartyRole.PARTNER)
        tasks.append(task)
    return tasks


# --- through the services ------------------------------------------------------------


def make_program(
    world=None,
    *,
    lead=None,
    partner=None,
    actor=None,
    status: str = Program.Status.IN_FORCE,
    title: str = "Chương trình phối hợp tuyên truyền xã Cẩm Đức giai đoạn 2026–2030",
    start_year: int = 2026,
    end_year: int = 2030,
    kind: str = Program.Kind.OTHER,
    content_items=("Tuyên truyền, phổ biến chủ trương của Đảng", "Cung cấp thông tin định kỳ"),
    legal_bases=(),
    signed_on: dt.date = dt.date(2026, 1, 15),
    **values,
) -> Program:
    """A programme between `lead` (default world.target) and `partner` (default
    world.commune_committee), built through the services and brought to `status`:
    draft, signed (both parties sign, then "sign") or in_force (then "put_in_force")."""
    from phoihop.programs import services

    lead = lead or world.target
    partner = partner or world.commune_committee
    actor = actor or (world.admin if world is not None else None)
    program = services.program_create(
        actor=actor,
        title=title,
        start_year=start_year,
        end_year=end_year,
        kind=kind,
        parties=[
            services.PartyInput(lead, PartyRole.LEAD, "Chủ trì, xây dựng kế hoạch hằng năm"),
            services.PartyInput(partner, PartyRole.PARTNER, "Cung cấp thông tin, phối hợp tuyên truyền"),
        ],
        content_items=list(content_items),
        legal_bases=list(legal_bases),
        **values,
    )
    if status == Program.Status.DRAFT:
        return program
    for org, name in ((lead, "Nguyễn Văn An"), (partner, "Trần Thị Bình")):
        services.program_sign(
            actor=actor,
            program=program,
            organization=org,
            signer_name=name,
            signer_position="Bí thư" if org == lead else "Chủ tịch",
            signed_on=signed_on,
            place="Xã Cẩm Đức",
        )
    program = services.program_transition(actor=actor, program=program, action="sign", expected_version=program.version)
    if status == Program.Status.SIGNED:
        return program
    return services.program_transition(
        actor=actor, program=program, action="put_in_force", expected_version=program.version
    )


def make_plan(program: Program, *, actor=None, year: int | None = None, signed: bool = False, **values) -> AnnualPlan:
    """An annual plan of `program` through the services; `signed` also signs it for the
    lead party and moves it to "signed"."""
    from phoihop.programs import services

    year = year or program.start_year
    plan = services.plan_create(
        actor=actor,
        program=program,
        year=year,
        title=values.pop("title", f"Kế hoạch thực hiện năm {year}"),
        **values,
    )
    if signed:
        lead = program.parties.filter(role=PartyRole.LEAD).select_related("organization").first().organization
        services.plan_sign(
            actor=actor,
            plan=plan,
            organization=lead,
            signer_name="Lê Văn Cường",
            signer_position="Phó Bí thư",
            signed_on=dt.date(2026, 1, 20),
        )
        plan = services.plan_transition(actor=actor, plan=plan, action="sign", expected_version=plan.version)
    return plan


def make_task(plan: AnnualPlan, *, lead, partners=(), actor=None, due_date: dt.date | None = None, **values) -> Task:
    """A task of `plan` through the services (one part for the lead and each partner)."""
    from phoihop.programs import services

    return services.task_create(
        actor=actor,
        plan=plan,
        title=values.pop("title", "Tuyên truyền kỷ niệm ngày thành lập xã"),
        lead=lead,
        partners=list(partners),
        due_date=due_date or dt.date(plan.year, 9, 30),
        **values,
    )
