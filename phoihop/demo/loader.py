"""Writing the demo data set through the services, idempotently.

Run twice, the second run creates nothing and changes nothing: organisations are found
by (name, level, administrative unit), re-organisations by their predecessors, users by
username and memberships by (user, organisation), programmes by title (a programme found
is left as it is, with its plans and tasks). Existing records are never altered, except
that `reset_passwords=True` sets the demo password again on existing demo users, and that
open programme work still held by a predecessor is carried to its successor (what the
daily `carry_reorganized_work` job would do anyway). The actor of every audit row is None:
the system did it.

Programmes, plans and tasks (`phoihop.demo.programs`) are written as they happened: every
step — creation, signatures, progress reports, completion, closing — is an event with its
date, and the events run in date order with the demo re-organisations carried in between
(`programs.services.reorganization_carry_work` at each effective date). So work finished
before a re-organisation keeps the old organisation's name and open work moves on. The
re-organisations themselves are recorded before the programmes exist (on a fresh
database their immediate carry finds nothing); carrying again later is idempotent.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import timezone

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Membership, Role, User
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.organisations import services as organisation_services
from phoihop.organisations.models import AdministrativeUnit, Organization, Reorganization
from phoihop.organisations.units import load_units
from phoihop.programs import services as program_services
from phoihop.programs.models import AnnualPlan, PartyRole, Program, Task, TaskPart

from . import data
from . import meetings as demo_meetings  # issue 6: meetings
from . import opinion as demo_opinion
from . import programs as demo_programs
from . import provisions as demo_provisions
from . import subjects as demo_subjects
from .data import DEMO_PASSWORD, DemoOrganization, DemoUser, UnitRef
from .programs import Days, DemoPlan, DemoProgram, DemoTask, Report

SYSTEM = None  # the actor recorded in the audit log for the loader's changes


@dataclass
class LoadResult:
    units: dict[str, int] = field(default_factory=dict)
    organizations_created: int = 0
    reorganizations_created: int = 0
    users_created: int = 0
    memberships_created: int = 0
    programs_created: int = 0
    plans_created: int = 0
    tasks_created: int = 0
    subjects_created: int = 0
    provisions_created: int = 0
    issue5: demo_opinion.Created = field(default_factory=demo_opinion.Created)  # opinion, hot issues, press, claims
    passwords_reset: int = 0
    existing_users: list[str] = field(default_factory=list)
    # existing demo users whose password is no longer the demo password (and was kept)
    other_passwords: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _unit(ref: UnitRef | None) -> AdministrativeUnit | None:
    if ref is None:
        return None
    units = AdministrativeUnit.objects.filter(level=ref.level, code=ref.code)
    if ref.era == "2025":
        units = units.filter(valid_from=data.PROVINCES_MERGED)
    else:
        units = units.filter(valid_to=data.FORMER_MAP_ENDS)
    return units.get()


def _find_organization(spec: DemoOrganization, unit: AdministrativeUnit | None) -> Organization | None:
    return (
        Organization.objects.filter(name=spec.name, level=spec.level, administrative_unit=unit)
        .order_by("valid_from", "id")
        .first()
    )


def _ensure_organizations(result: LoadResult) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for spec in data.ORGANIZATIONS.values():  # parents are listed before their children
        unit = _unit(spec.unit)
        org = _find_organization(spec, unit)
        if org is None:
            org = organisation_services.organization_create(
                actor=SYSTEM,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                level=spec.level,
                administrative_unit=unit,
                parent=orgs[spec.parent] if spec.parent else None,
                issuer_code=spec.issuer_code,
                # Bodies of the former map are created with their end date (their unit's
                # end, or the day before their merger): the service refuses an open-ended
                # body in a unit that has ended, and the re-organisation accepts it.
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                description=spec.description,
            )
            result.organizations_created += 1
        orgs[spec.key] = org
    return orgs


def _ensure_reorganizations(orgs: dict[str, Organization], result: LoadResult) -> list[Reorganization]:
    """Record the demo re-organisations; return them (or those already recorded for the
    same predecessors) in effective-date order."""
    recorded: dict[int, Reorganization] = {}
    for spec in data.REORGANIZATIONS:
        predecessors = [orgs[key] for key in spec.predecessors]
        successors = [orgs[key] for key in spec.successors]
        existing = _existing_reorganization(predecessors)
        if existing is not None:
            if {org.pk for org in existing.successors.all()} != {org.pk for org in successors}:
                result.warnings.append(
                    f"{', '.join(org.name for org in predecessors)}: đã được sắp xếp khác "
                    f"(ngày {existing.effective_date:%d/%m/%Y}); bỏ qua sắp xếp mẫu."
                )
            recorded[existing.pk] = existing
            continue
        reorganization = organisation_services.reorganization_record(
            actor=SYSTEM,
            kind=spec.kind,
            effective_date=spec.effective_date,
            legal_basis=spec.legal_basis,
            predecessors=predecessors,
            successors=successors,
            note=spec.note,
        )
        recorded[reorganization.pk] = reorganization
        result.reorganizations_created += 1
        for org in predecessors:  # the service ended them; keep our copies current
            org.refresh_from_db()
    return sorted(recorded.values(), key=lambda r: (r.effective_date, r.pk))


def _existing_reorganization(predecessors: list[Organization]) -> Reorganization | None:
    """The re-organisation already recorded for any of these predecessors, if any."""
    return (
        Reorganization.objects.filter(predecessors__in=predecessors)
        .prefetch_related("successors")
        .order_by("effective_date", "id")
        .distinct()
        .first()
    )


def _ensure_users(orgs: dict[str, Organization], result: LoadResult, *, reset_passwords: bool) -> dict[str, User]:
    users: dict[str, User] = {}
    for spec in data.DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = _create_user(spec, orgs)
            result.users_created += 1
        else:
            result.existing_users.append(spec.username)
            if reset_passwords:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                audit.record(
                    actor=SYSTEM,
                    action=AuditEntry.Action.EVENT,
                    event="password_reset",
                    target=user,
                    message="Đặt lại mật khẩu dữ liệu mẫu",
                )
                result.passwords_reset += 1
            elif not check_password(DEMO_PASSWORD, user.password):
                result.other_passwords.append(spec.username)
        for org_key, role in spec.memberships:
            organization = orgs[org_key]
            if Membership.objects.filter(user=user, organization=organization).exists():
                continue  # never alter a membership someone may have changed since
            # issue 5: a public-opinion collaborator covers an area (here its department's own)
            area = organization.administrative_unit if role == Role.COLLABORATOR else None
            account_services.membership_grant(actor=SYSTEM, user=user, organization=organization, role=role, area=area)
            result.memberships_created += 1
        users[spec.username] = user
    return users


def _create_user(spec: DemoUser, orgs: dict[str, Organization]) -> User:
    user = User(
        username=spec.username,
        full_name=spec.full_name,
        position=spec.position,
        is_staff=spec.is_superuser,
        is_superuser=spec.is_superuser,
        acting_organization=orgs[spec.memberships[0][0]] if spec.memberships else None,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    audit.record_create(actor=SYSTEM, target=user, message="Tài khoản dữ liệu mẫu")
    return user


# --- programmes, plans and tasks --------------------------------------------------------

# Events on the same day run in this order: a re-organisation takes effect at the start
# of its effective date, before anything else done that day.
CARRY, PROGRAM, PLAN, REPORT, TASK_END, PLAN_CLOSE, PROGRAM_END = range(7)


@dataclass(order=True)
class _Event:
    day: dt.date
    kind: int
    seq: int
    run: Callable[[], None] = field(compare=False)


class _ProgramWriter:
    """Turns the declarative programmes into dated events and runs them in order."""

    def __init__(self, orgs: dict[str, Organization], result: LoadResult, today: dt.date):
        self.orgs = orgs
        self.result = result
        self.today = today
        self.seq = itertools.count()
        self.events: list[_Event] = []
        self.programs: dict[str, Program] = {}
        self.tasks: dict[tuple[str, int, int], Task] = {}
        self.pending_programs: list[DemoProgram] = []  # the programmes this run creates

    # Dates ----------------------------------------------------------------------------

    def past(self, day: dt.date) -> dt.date:
        """Services refuse signatures and completions in the future."""
        return min(day, self.today)

    def resolve(self, when: dt.date | Days, year: int) -> dt.date:
        if isinstance(when, Days):
            day = self.today + dt.timedelta(days=when.n)
            return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))
        return when

    def add(self, day: dt.date, kind: int, run: Callable[[], None]) -> None:
        self.events.append(_Event(day, kind, next(self.seq), run))

    # Events ---------------------------------------------------------------------------

    def plan_program(self, spec: DemoProgram) -> None:
        signed_on = self.past(min(sig.on for sig in spec.signatures))
        self.add(signed_on, PROGRAM, lambda: self.create_program(spec))
        for plan in spec.plans:
            self.plan_plan(spec, plan)
        if spec.ending:
            action, day, reason = spec.ending
            self.add(self.past(day), PROGRAM_END, lambda: self.end_program(spec, action, reason))

    def plan_plan(self, program: DemoProgram, plan: DemoPlan) -> None:
        created_on = self.past(min(sig.on for sig in plan.signatures))
        self.add(created_on, PLAN, lambda: self.create_plan(program, plan))
        for index, task in enumerate(plan.tasks):
            key = (program.key, plan.year, index)
            for report in task.reports:
                day = max(self.past(self.resolve(report.on, plan.year)), created_on)
                self.add(day, REPORT, lambda key=key, report=report: self.report(key, report))
            if task.done_on:
                self.add(self.past(task.done_on), TASK_END, lambda key=key, task=task: self.complete(key, task))
            elif task.cancelled:
                day, reason = task.cancelled
                self.add(self.past(day), TASK_END, lambda key=key, reason=reason: self.cancel(key, reason))
        if plan.closed_on:
            self.add(self.past(plan.closed_on), PLAN_CLOSE, lambda: self.close_plan(program, plan))

    def plan_carry(self, reorganization: Reorganization) -> None:
        self.add(
            reorganization.effective_date,
            CARRY,
            lambda: program_services.reorganization_carry_work(actor=SYSTEM, reorganization=reorganization),
        )

    def run(self) -> None:
        for event in sorted(self.events):
            event.run()

    # Writes (all through the services) ------------------------------------------------

    def create_program(self, spec: DemoProgram) -> None:
        program = program_services.program_create(
            actor=SYSTEM,
            title=spec.title,
            start_year=spec.start_year,
            end_year=spec.end_year,
            kind=spec.kind,
            parties=[
                program_services.PartyInput(self.orgs[party.org], party.role, party.responsibilities)
                for party in spec.parties
            ],
            purpose=spec.purpose,
            content_items=list(spec.content_items),
            legal_bases=list(spec.legal_bases),
            info_frequency=spec.info_frequency,
            info_day=spec.info_day,
            adhoc_hours=spec.adhoc_hours,
        )
        for sig in spec.signatures:
            program_services.program_sign(
                actor=SYSTEM,
                program=program,
                organization=self.orgs[sig.org],
                signer_name=sig.name,
                signer_position=sig.position,
                signed_on=self.past(sig.on),
                place=sig.place,
            )
        for action in ("sign", "put_in_force"):
            program_services.program_transition(
                actor=SYSTEM, program=program, action=action, expected_version=program.version
            )
        self.programs[spec.key] = program
        self.result.programs_created += 1

    def create_plan(self, program_spec: DemoProgram, spec: DemoPlan) -> None:
        program = self.programs[program_spec.key]
        program.refresh_from_db()
        plan = program_services.plan_create(
            actor=SYSTEM, program=program, year=spec.year, title=spec.title, summary=spec.summary
        )
        for sig in spec.signatures:
            program_services.plan_sign(
                actor=SYSTEM,
                plan=plan,
                organization=self.orgs[sig.org],
                signer_name=sig.name,
                signer_position=sig.position,
                signed_on=self.past(sig.on),
                place=sig.place,
            )
        program_services.plan_transition(actor=SYSTEM, plan=plan, action="sign", expected_version=plan.version)
        self.result.plans_created += 1
        items = {item.number: item for item in program.content_items.all()}
        for index, task_spec in enumerate(spec.tasks):
            self.tasks[(program_spec.key, spec.year, index)] = self.create_task(plan, task_spec, items)

    def create_task(self, plan: AnnualPlan, spec: DemoTask, items: dict) -> Task:
        due = self.resolve(spec.due, plan.year)
        task = program_services.task_create(
            actor=SYSTEM,
            plan=plan,
            title=spec.title,
            lead=self.orgs[spec.lead],
            due_date=due,
            partners=[self.orgs[key] for key in spec.partners],
            description=spec.description,
            content_item=items[spec.item] if spec.item else None,
            responsible_people=spec.people,
            start_date=min(spec.start, due) if spec.start else None,
            phase=spec.phase,
            channels=list(spec.channels),
            expected_product=spec.product,
        )
        self.result.tasks_created += 1
        return task

    def report(self, key: tuple[str, int, int], spec: Report) -> None:
        parts = TaskPart.objects.select_related("task", "organization").filter(task=self.tasks[key])
        part = parts.get(organization=self.orgs[spec.org]) if spec.org else parts.get(role=PartyRole.LEAD)
        program_services.task_report_progress(
            actor=SYSTEM,
            part=part,
            progress=spec.progress,
            expected_version=part.version,
            note=spec.note,
            evidence_links=list(spec.links),
            evidence_counts=[{"label": label, "count": count} for label, count in spec.counts],
        )

    def complete(self, key: tuple[str, int, int], spec: DemoTask) -> None:
        task = self.tasks[key]
        task.refresh_from_db()  # a carry may have moved it on
        program_services.task_transition(
            actor=SYSTEM,
            task=task,
            action="complete",
            expected_version=task.version,
            completed_on=self.past(spec.done_on),
        )

    def cancel(self, key: tuple[str, int, int], reason: str) -> None:
        task = self.tasks[key]
        task.refresh_from_db()
        program_services.task_transition(
            actor=SYSTEM, task=task, action="cancel", expected_version=task.version, reason=reason
        )

    def close_plan(self, program_spec: DemoProgram, spec: DemoPlan) -> None:
        plan = AnnualPlan.objects.get(program=self.programs[program_spec.key], year=spec.year)
        program_services.plan_transition(actor=SYSTEM, plan=plan, action="close", expected_version=plan.version)

    def end_program(self, spec: DemoProgram, action: str, reason: str) -> None:
        program = self.programs[spec.key]
        program.refresh_from_db()
        program_services.program_transition(
            actor=SYSTEM, program=program, action=action, expected_version=program.version, reason=reason
        )


def _ensure_programs(orgs: dict[str, Organization], reorganizations: list[Reorganization], result: LoadResult) -> None:
    """Create the demo programmes not yet there, with their plans and tasks, carrying open
    work over at each re-organisation as it happens."""
    writer = _ProgramWriter(orgs, result, timezone.localdate())
    for spec in demo_programs.PROGRAMS:
        if not Program.objects.filter(title=spec.title).exists():
            writer.plan_program(spec)
            writer.pending_programs.append(spec)
    for reorganization in reorganizations:
        writer.plan_carry(reorganization)
    # Subjects, assessments and communication plans (issue 4), on the same timeline.
    demo_subjects.plan_subjects(writer, orgs, demo_subjects.ensure_templates(), result)
    writer.run()


@transaction.atomic
def load_demo(*, reset_passwords: bool = False) -> LoadResult:
    """Create whatever part of the demo data set is missing, in one transaction."""
    result = LoadResult()
    result.units = load_units()
    orgs = _ensure_organizations(result)
    reorganizations = _ensure_reorganizations(orgs, result)
    _ensure_users(orgs, result, reset_passwords=reset_passwords)
    _ensure_programs(orgs, reorganizations, result)
    demo_subjects.ensure_subject_documents()  # the documents a subject's owner provides (issue 4, item 1)
    result.provisions_created = demo_provisions.ensure_provisions()
    result.issue5 = demo_opinion.ensure_issue5()
    # --- issue 6: meetings (phoihop/demo/meetings.py) ---
    demo_meetings.ensure_meetings()
    # --- end of meetings ---
    # --- issue 6: inspections and exemplary models (demo/inspections.py, demo/exemplary.py) ---
    from . import exemplary as demo_exemplary
    from . import inspections as demo_inspections

    remediation_tasks, notes = demo_inspections.ensure_inspections()
    result.tasks_created += remediation_tasks  # in the Đắk Lắk 2026 plan
    result.warnings += notes
    result.warnings += demo_exemplary.ensure_exemplary_models()
    # --- end of inspections and exemplary models ---
    # --- issue 6: reports (demo/reports.py), after the records they count ---
    from . import reports as demo_reports

    result.warnings += demo_reports.ensure_reports()
    # --- end of reports ---
    return result
