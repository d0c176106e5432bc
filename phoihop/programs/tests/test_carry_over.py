"""Re-organisation carries work: when an organisation is merged or renamed, programmes
still running and open tasks move to its successor from the effective date, recorded in
the history; finished work and signatures keep the old name."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from phoihop.audit.models import AuditEntry
from phoihop.organisations import services as org_services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory
from phoihop.programs import services
from phoihop.programs.models import PartyRole, Program, ProgressReport, Signature, Task, TaskPart
from phoihop.programs.services import PartyInput

D = dt.date
LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER
K = Organization.Kind
TODAY = D(2026, 3, 15)
PAST, FUTURE = D(2026, 1, 1), D(2026, 6, 1)


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def phu_yen(world, frozen):
    unit = UnitFactory(name="Tỉnh Phú Yên", level=Level.PROVINCE, kind="province", valid_from=D(2024, 1, 1))

    def org(name, kind, valid_from=None):
        return OrganizationFactory(
            name=name, kind=kind, level=Level.PROVINCE, administrative_unit=unit, valid_from=valid_from or D(2024, 1, 1)
        )

    return SimpleNamespace(
        admin=world.admin,
        unit=unit,
        org=org,
        tg=org("Ban Tuyên giáo Tỉnh ủy Phú Yên", K.PROPAGANDA),
        dv=org("Ban Dân vận Tỉnh ủy Phú Yên", K.MASS_MOBILISATION),
        ubnd=org("Ủy ban nhân dân tỉnh Phú Yên", K.PEOPLES_COMMITTEE),
    )


def program(s, title, parties, start=2025, end=2027, status=Program.Status.IN_FORCE):
    p = services.program_create(
        actor=s.admin,
        title=title,
        start_year=start,
        end_year=end,
        parties=parties,
        content_items=["Tuyên truyền", "Cung cấp thông tin"],
    )
    for party in p.parties.select_related("organization"):
        services.program_sign(
            actor=s.admin,
            program=p,
            organization=party.organization,
            signer_name="Người ký",
            signer_position="Trưởng ban",
            signed_on=D(2025, 5, 12),
            place="Tuy Hòa",
        )
    for action in ("sign", "put_in_force") + (("conclude",) if status == Program.Status.CONCLUDED else ()):
        p = services.program_transition(
            actor=s.admin, program=p, action=action, expected_version=p.version, reason="Đã tổng kết"
        )
    return p


def task(s, plan, title, lead, partners, due, *, complete_on=None, cancel=False):
    t = services.task_create(actor=s.admin, plan=plan, title=title, lead=lead, partners=partners, due_date=due)
    if complete_on:
        t = services.task_transition(
            actor=s.admin, task=t, action="complete", expected_version=t.version, completed_on=complete_on
        )
    if cancel:
        t = services.task_transition(
            actor=s.admin, task=t, action="cancel", expected_version=t.version, reason="Không còn phù hợp"
        )
    return t


def report(part, progress):
    part = TaskPart.objects.select_related("task", "organization").get(pk=part.pk)
    return services.task_report_progress(actor=None, part=part, progress=progress, expected_version=part.version)


@pytest.fixture
def work(phu_yen):
    s = phu_yen
    running = program(s, "Chương trình phối hợp 2025–2027", [PartyInput(s.tg, LEAD), PartyInput(s.ubnd, PARTNER)])
    concluded = program(
        s,
        "Chương trình phối hợp 2024–2025",
        [PartyInput(s.tg, LEAD), PartyInput(s.ubnd, PARTNER)],
        start=2024,
        end=2025,
        status=Program.Status.CONCLUDED,
    )
    plan = services.plan_create(actor=s.admin, program=running, year=2026, title="Kế hoạch năm 2026")
    old_plan = services.plan_create(actor=s.admin, program=running, year=2025, title="Kế hoạch năm 2025")
    open_led = task(s, plan, "Tuyên truyền Đại hội Đảng", s.tg, [s.ubnd], D(2026, 6, 30))
    report(open_led.parts.get(organization=s.tg), 40)
    open_partnered = task(s, plan, "Họp báo định kỳ", s.ubnd, [s.tg], D(2026, 5, 31))
    done = task(s, plan, "Hội nghị báo cáo viên", s.tg, [s.ubnd], D(2026, 2, 28), complete_on=D(2026, 2, 20))
    cancelled = task(s, plan, "Nhiệm vụ đã hủy", s.tg, [s.ubnd], D(2026, 4, 30), cancel=True)
    old_done = task(s, old_plan, "Sơ kết năm 2025", s.tg, [], D(2025, 12, 15), complete_on=D(2025, 12, 10))
    return SimpleNamespace(
        running=running,
        concluded=concluded,
        plan=plan,
        open_led=open_led,
        open_partnered=open_partnered,
        done=done,
        cancelled=cancelled,
        old_done=old_done,
    )


def merge(s, effective, successor_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"):
    merged = s.org(successor_name, K.PROPAGANDA_MASS_MOBILISATION, valid_from=effective)
    reorg = org_services.reorganization_record(
        actor=s.admin,
        kind=Reorganization.Kind.MERGE,
        effective_date=effective,
        legal_basis="Quyết định số 01-QĐ/TU, ngày 20/02/2025",
        predecessors=[s.tg, s.dv],
        successors=[merged],
    )
    return merged, reorg


def parties(p):
    return {(party.organization_id, party.role) for party in Program.objects.get(pk=p.pk).parties.all()}


def parts(t):
    return {(part.organization_id, part.role) for part in TaskPart.objects.filter(task=t)}


def lead(t):
    return Task.objects.get(pk=t.pk).lead_id


def carried(obj):
    return AuditEntry.objects.for_object(obj).filter(event="carried_over")


@pytest.mark.django_db
class TestMergeInThePast:
    def test_the_successor_becomes_the_party_of_the_running_programme(self, phu_yen, work):
        merged, _ = merge(phu_yen, PAST)
        assert parties(work.running) == {(merged.pk, LEAD), (phu_yen.ubnd.pk, PARTNER)}
        row = carried(work.running).get()
        assert row.changes == {"parties": [phu_yen.tg.name, merged.name]}
        assert "Ban Tuyên giáo Tỉnh ủy Phú Yên" in row.message and merged.name in row.message

    def test_open_tasks_get_the_successor_as_lead_and_in_their_parts(self, phu_yen, work):
        merged, _ = merge(phu_yen, PAST)
        assert lead(work.open_led) == merged.pk
        assert parts(work.open_led) == {(merged.pk, LEAD), (phu_yen.ubnd.pk, PARTNER)}
        assert lead(work.open_partnered) == phu_yen.ubnd.pk
        assert parts(work.open_partnered) == {(phu_yen.ubnd.pk, LEAD), (merged.pk, PARTNER)}
        assert carried(work.open_led).count() == 1
        assert carried(work.open_partnered).count() == 1

    def test_the_reported_progress_moves_with_the_part(self, phu_yen, work):
        merged, _ = merge(phu_yen, PAST)
        part = TaskPart.objects.get(task=work.open_led, organization=merged)
        assert part.progress == 40
        assert part.reports.count() == 1

    def test_the_carried_task_can_be_edited_with_its_new_version(self, phu_yen, work):
        merged, _ = merge(phu_yen, PAST)
        t = Task.objects.get(pk=work.open_led.pk)
        services.task_update(actor=phu_yen.admin, task=t, expected_version=t.version, title="Tuyên truyền Đại hội")
        assert Task.objects.get(pk=t.pk).title == "Tuyên truyền Đại hội"
        assert Task.objects.get(pk=t.pk).lead_id == merged.pk

    def test_finished_tasks_keep_the_old_organisation(self, phu_yen, work):
        merge(phu_yen, PAST)
        tg, ubnd = phu_yen.tg.pk, phu_yen.ubnd.pk
        for finished in (work.done, work.cancelled):
            assert lead(finished) == tg
            assert parts(finished) == {(tg, LEAD), (ubnd, PARTNER)}
            assert not carried(finished).exists()
        assert lead(work.old_done) == tg

    def test_a_concluded_programme_keeps_the_old_organisation(self, phu_yen, work):
        merge(phu_yen, PAST)
        assert parties(work.concluded) == {(phu_yen.tg.pk, LEAD), (phu_yen.ubnd.pk, PARTNER)}
        assert not carried(work.concluded).exists()

    def test_signatures_keep_the_old_organisation(self, phu_yen, work):
        merge(phu_yen, PAST)
        assert set(Signature.objects.filter(program=work.running).values_list("organization", flat=True)) == {
            phu_yen.tg.pk,
            phu_yen.ubnd.pk,
        }

    def test_the_reorganisation_is_marked_as_carried(self, phu_yen, work):
        _, reorg = merge(phu_yen, PAST)
        assert Reorganization.objects.get(pk=reorg.pk).work_carried_at is not None

    def test_when_both_predecessors_are_parties_the_successor_takes_the_lead_once(self, phu_yen):
        s = phu_yen
        p = program(
            s,
            "Chương trình ba bên",
            [PartyInput(s.tg, LEAD), PartyInput(s.dv, PARTNER), PartyInput(s.ubnd, PARTNER)],
        )
        plan = services.plan_create(actor=s.admin, program=p, year=2026, title="Kế hoạch năm 2026")
        t = task(s, plan, "Nhiệm vụ chung", s.tg, [s.dv, s.ubnd], D(2026, 9, 30))
        merged, _ = merge(s, PAST)
        assert parties(p) == {(merged.pk, LEAD), (s.ubnd.pk, PARTNER)}
        assert lead(t) == merged.pk
        assert parts(t) == {(merged.pk, LEAD), (s.ubnd.pk, PARTNER)}

    def test_when_both_predecessors_reported_on_a_task_no_report_is_lost(self, phu_yen):
        s = phu_yen
        p = program(
            s,
            "Chương trình ba bên",
            [PartyInput(s.tg, LEAD), PartyInput(s.dv, PARTNER), PartyInput(s.ubnd, PARTNER)],
        )
        plan = services.plan_create(actor=s.admin, program=p, year=2026, title="Kế hoạch năm 2026")
        t = task(s, plan, "Nhiệm vụ chung", s.tg, [s.dv, s.ubnd], D(2026, 9, 30))
        report(t.parts.get(organization=s.tg), 70)
        report(t.parts.get(organization=s.dv), 20)
        assert ProgressReport.objects.filter(part__task=t).count() == 2
        merge(s, PAST)
        assert ProgressReport.objects.filter(part__task=t).count() == 2


@pytest.mark.django_db
class TestRename:
    def test_a_rename_moves_the_running_programme_and_the_open_tasks(self, phu_yen, work):
        s = phu_yen
        renamed = s.org("Ban Tuyên giáo Tỉnh ủy Phú Yên (tên mới)", K.PROPAGANDA, valid_from=PAST)
        org_services.reorganization_record(
            actor=s.admin,
            kind=Reorganization.Kind.RENAME,
            effective_date=PAST,
            legal_basis="Quyết định số 02-QĐ/TU",
            predecessors=[s.tg],
            successors=[renamed],
        )
        assert parties(work.running) == {(renamed.pk, LEAD), (s.ubnd.pk, PARTNER)}
        assert lead(work.open_led) == renamed.pk
        assert lead(work.done) == s.tg.pk
        assert parties(work.concluded) == {(s.tg.pk, LEAD), (s.ubnd.pk, PARTNER)}


@pytest.mark.django_db
class TestSplit:
    def test_a_split_moves_nothing(self, phu_yen, work):
        s = phu_yen
        first = s.org("Ban Tuyên giáo Tỉnh ủy Phú Yên (phần 1)", K.PROPAGANDA, valid_from=PAST)
        second = s.org("Ban Tuyên giáo Tỉnh ủy Phú Yên (phần 2)", K.PROPAGANDA, valid_from=PAST)
        org_services.reorganization_record(
            actor=s.admin,
            kind=Reorganization.Kind.SPLIT,
            effective_date=PAST,
            legal_basis="Quyết định số 03-QĐ/TU",
            predecessors=[s.tg],
            successors=[first, second],
        )
        assert parties(work.running) == {(s.tg.pk, LEAD), (s.ubnd.pk, PARTNER)}
        assert lead(work.open_led) == s.tg.pk
        assert parts(work.open_partnered) == {(s.ubnd.pk, LEAD), (s.tg.pk, PARTNER)}
        assert not AuditEntry.objects.filter(event="carried_over").exists()


@pytest.mark.django_db
class TestMergeInTheFuture:
    def test_nothing_moves_before_the_effective_date(self, phu_yen, work):
        _, reorg = merge(phu_yen, FUTURE)
        assert parties(work.running) == {(phu_yen.tg.pk, LEAD), (phu_yen.ubnd.pk, PARTNER)}
        assert lead(work.open_led) == phu_yen.tg.pk
        assert reorg.work_carried_at is None
        totals = org_services.reorganizations_carry_due(actor=None, today=FUTURE - dt.timedelta(days=1))
        assert totals == {"reorganizations": 0}
        assert lead(work.open_led) == phu_yen.tg.pk
        assert not AuditEntry.objects.filter(event="carried_over").exists()

    def test_the_daily_run_on_the_effective_date_moves_the_work_once(self, phu_yen, work):
        merged, reorg = merge(phu_yen, FUTURE)
        totals = org_services.reorganizations_carry_due(actor=None, today=FUTURE)
        assert totals == {"reorganizations": 1, "programs": 1, "tasks": 2}
        assert parties(work.running) == {(merged.pk, LEAD), (phu_yen.ubnd.pk, PARTNER)}
        assert lead(work.open_led) == merged.pk
        assert parts(work.open_partnered) == {(phu_yen.ubnd.pk, LEAD), (merged.pk, PARTNER)}
        assert lead(work.done) == phu_yen.tg.pk
        assert Reorganization.objects.get(pk=reorg.pk).work_carried_at is not None
        rows = AuditEntry.objects.filter(event="carried_over").count()
        assert rows == 3

        again = org_services.reorganizations_carry_due(actor=None, today=FUTURE + dt.timedelta(days=1))
        assert again == {"reorganizations": 0}
        assert AuditEntry.objects.filter(event="carried_over").count() == rows
        assert org_services.reorganization_carry_work(actor=None, reorganization=reorg) == {}
        assert AuditEntry.objects.filter(event="carried_over").count() == rows

    def test_a_later_run_catches_up_a_missed_day(self, phu_yen, work):
        merged, _ = merge(phu_yen, FUTURE)
        org_services.reorganizations_carry_due(actor=None, today=FUTURE + dt.timedelta(days=10))
        assert lead(work.open_led) == merged.pk
