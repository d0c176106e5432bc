"""The demo's programmes, plans and tasks: the seeds' agreements, carried over by the
2025 re-organisations, with work to do today for the demo users."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from phoihop.accounts import permissions
from phoihop.accounts.models import User
from phoihop.audit.models import AuditEntry
from phoihop.demo import programs as demo
from phoihop.organisations.models import Organization, Reorganization
from phoihop.programs import selectors
from phoihop.programs.models import (
    AnnualPlan,
    Bucket,
    LegalReference,
    PartyRole,
    Program,
    ProgramParty,
    ProgressReport,
    Signature,
    Task,
    TaskPart,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 21)
NEW_MAP = dt.date(2025, 7, 1)
DAK_LAK = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
PY_PROPAGANDA = "Ban Tuyên giáo Tỉnh ủy Phú Yên"
PY_MASS_MOBILISATION = "Ban Dân vận Tỉnh ủy Phú Yên"


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def today():
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield TODAY


@pytest.fixture
def output(today):
    return load()


def program(title_start: str) -> Program:
    return Program.objects.get(title__startswith=title_start)


def phu_yen() -> Program:
    return Program.objects.get(title=demo.PY_PROGRAM_TITLE)


def party_names(prog: Program) -> set[str]:
    return set(prog.parties.values_list("organization__name", flat=True))


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_phu_yen_programme_keeps_the_seeds_text_and_signatures(output):
    prog = phu_yen()
    items = list(prog.content_items.order_by("number"))
    assert [item.ordinal for item in items] == ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là"]
    assert items[0].text.startswith("tuyên truyền, phổ biến, quán triệt các nghị quyết, chỉ thị, kết luận của Đảng")
    assert items[1].text.startswith("tuyên truyền, vận động Nhân dân cảnh giác, tích cực đấu tranh phản bác")
    assert items[2].text.startswith("tăng cường công tác theo dõi, nắm bắt tình hình dư luận xã hội")
    assert items[3].text.startswith("trao đổi, chia sẻ, nắm bắt những thông tin nổi cộm trên báo chí")
    assert items[4].text.startswith("tuyên truyền, biểu dương các tấm gương, điển hình tiên tiến")
    assert (prog.start_year, prog.end_year, prog.status) == (2022, 2026, Program.Status.IN_FORCE)
    citations = set(prog.legal_basis_links.values_list("reference__citation", flat=True))
    assert {
        "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII)",
        "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)",
    } <= citations

    # History keeps the old departments' names on the signatures.
    signed = {(s.organization.name, s.signer_name, s.signer_position, s.signed_on) for s in prog.signatures.all()}
    assert signed == {
        (PY_PROPAGANDA, "Bùi Thanh Toàn", "Trưởng Ban", dt.date(2022, 5, 12)),
        (PY_MASS_MOBILISATION, "Đinh Thị Thu Thanh", "Trưởng Ban", dt.date(2022, 5, 12)),
    }
    plan = prog.plans.get(year=2022)
    assert plan.title == demo.PY_PLAN_2022_TITLE
    assert {(s.organization.name, s.signer_name, s.signer_position) for s in plan.signatures.all()} == {
        (PY_PROPAGANDA, "Nguyễn Văn Sự", "Phó Trưởng Ban trực"),
        (PY_MASS_MOBILISATION, "Lê Thị Ngọc Hoa", "Phó Trưởng Ban trực"),
    }


def test_phu_yen_programme_is_now_run_by_the_dak_lak_department(output):
    prog = phu_yen()
    dak_lak = Organization.objects.get(name=DAK_LAK, valid_from=NEW_MAP)
    # Both original parties merged into one department, so one party remains (see demo.programs).
    assert list(prog.parties.values_list("organization", "role")) == [(dak_lak.pk, PartyRole.LEAD)]
    assert set(prog.plans.values_list("year", "status")) == {
        (2022, AnnualPlan.Status.CLOSED),
        (2025, AnnualPlan.Status.CLOSED),
        (2026, AnnualPlan.Status.SIGNED),
    }
    carried = AuditEntry.objects.for_object(prog).filter(event="carried_over")
    assert {tuple(e.changes["parties"]) for e in carried} >= {
        (PY_PROPAGANDA, "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"),
        (PY_MASS_MOBILISATION, "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên", DAK_LAK),
    }


def test_phu_yen_2022_tasks_keep_their_old_leads_and_open_tasks_are_led_by_dak_lak(output, today):
    prog = phu_yen()
    tasks_2022 = list(
        Task.objects.filter(plan__program=prog, plan__year=2022).with_bucket(today).select_related("lead")
    )
    assert len(tasks_2022) == 8
    assert {t.lead.name for t in tasks_2022} == {PY_PROPAGANDA, PY_MASS_MOBILISATION}
    buckets = [t.bucket for t in tasks_2022]
    assert buckets.count(Bucket.DONE_ON_TIME) >= 4
    assert buckets.count(Bucket.DONE_LATE) >= 1
    assert all(t.status in (Task.Status.DONE, Task.Status.CANCELLED) for t in tasks_2022)
    assert all(t.content_item is not None and t.content_item.program_id == prog.pk for t in tasks_2022)
    assert all(t.completed_on.year in (2022, 2023) for t in tasks_2022 if t.status == Task.Status.DONE)
    assert {p.organization.name for t in tasks_2022 for p in t.parts.all()} == {PY_PROPAGANDA, PY_MASS_MOBILISATION}

    # Each party reported its own part, with evidence such as "12 bài viết".
    reports = ProgressReport.objects.filter(part__task__in=tasks_2022)
    assert set(reports.values_list("part__organization__name", flat=True)) == {PY_PROPAGANDA, PY_MASS_MOBILISATION}
    articles = Task.objects.get(plan__program=prog, expected_product="12 bài viết")
    lead_part = articles.parts.get(role=PartyRole.LEAD)
    assert {"label": "bài viết", "count": 12} in lead_part.evidence_counts

    open_tasks = Task.objects.filter(plan__program=prog, status=Task.Status.OPEN).select_related("lead")
    assert open_tasks.count() >= 4
    assert {t.lead.name for t in open_tasks} == {DAK_LAK}
    assert {t.lead.valid_from for t in open_tasks} == {NEW_MAP}
    # Finished before 01/07/2025: the Phú Yên department's name stays on it.
    finished_2025 = Task.objects.filter(plan__program=prog, plan__year=2025, completed_on__lt=NEW_MAP)
    assert finished_2025.exists()
    assert set(finished_2025.values_list("lead__name", flat=True)) == {"Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"}


def test_dak_lak_users_see_the_programme_and_have_overdue_and_due_soon_work(output, today):
    prog = phu_yen()
    for username in ("lanhdao.daklak", "chuyenvien.daklak"):
        person = user(username)
        assert permissions.visible_programs(person).filter(pk=prog.pk).exists(), username
        mine = list(selectors.my_tasks(person, today))
        buckets = {t.bucket for t in mine}
        assert buckets == {Bucket.OPEN_OVERDUE, Bucket.OPEN_ON_TIME}, username
        assert all(t.due_date <= today + dt.timedelta(days=14) for t in mine)
    leader = user("lanhdao.daklak")
    assert permissions.can(leader, permissions.Action.CHANGE, prog)
    plan_2026 = prog.plans.get(year=2026)
    assert plan_2026.signatures.get().signer_name == leader.full_name

    focal = user("daumoi.angiang")
    assert not permissions.visible_programs(focal).filter(pk=prog.pk).exists()
    assert {t.bucket for t in selectors.my_tasks(focal, today)} == {Bucket.OPEN_OVERDUE, Bucket.OPEN_ON_TIME}


def test_kien_giang_programmes_are_carried_to_an_giang(output, today):
    kien_giang = Program.objects.filter(title__startswith="Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với ")
    assert kien_giang.count() == 7
    units = {}
    for prog in kien_giang.filter(status=Program.Status.IN_FORCE):
        parties = list(prog.parties.select_related("organization__administrative_unit"))
        units[prog.title] = {(p.organization.administrative_unit.name, p.organization.valid_from) for p in parties}
    assert len(units) == 4
    assert all(value == {("Tỉnh An Giang", NEW_MAP)} for value in units.values()), units

    people = program("Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với Ủy ban nhân dân tỉnh Kiên Giang")
    assert party_names(people) == {"Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang", "Ủy ban nhân dân tỉnh An Giang"}
    # The 2021 work keeps the Kiên Giang names; the signatures too.
    assert set(people.plans.get(year=2021).tasks.values_list("lead__name", flat=True)) == {
        "Ban Tuyên giáo Tỉnh ủy Kiên Giang",
        "Ủy ban nhân dân tỉnh Kiên Giang",
    }
    assert set(people.signatures.values_list("organization__name", flat=True)) == {
        "Ban Tuyên giáo Tỉnh ủy Kiên Giang",
        "Ủy ban nhân dân tỉnh Kiên Giang",
    }
    # The seed's contents are the programmes' first content items.
    procuracy = program("Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với Viện Kiểm sát nhân dân tỉnh Kiên Giang")
    assert "khởi tố, điều tra, truy tố các vụ án lớn" in procuracy.content_items.get(number=1).text
    court = program("Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với Tòa án nhân dân tỉnh Kiên Giang")
    assert set(court.plans.get(year=2021).tasks.values_list("phase", flat=True)) == {"before", "during", "after"}
    fisheries = program("Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy với Sở Nông nghiệp")
    assert "vùng biển nước ngoài" in fisheries.content_items.get(number=1).text

    # Without a successor in the demo, three were concluded first and keep their partner.
    concluded = kien_giang.filter(status=Program.Status.CONCLUDED)
    assert concluded.count() == 3
    assert all(p.status_reason.startswith("Tổng kết") for p in concluded)
    assert set(
        ProgramParty.objects.filter(program__in=concluded, role=PartyRole.PARTNER).values_list(
            "organization__name", flat=True
        )
    ) == {
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kiên Giang",
        "Sở Thông tin và Truyền thông tỉnh Kiên Giang",
        "Sở Y tế tỉnh Kiên Giang",
    }
    # Open work is An Giang's; nothing open is left with a body that has ended.
    open_parts = TaskPart.objects.filter(task__status=Task.Status.OPEN)
    assert not open_parts.filter(organization__valid_to__lt=today).exists()


def test_town_programme_is_terminated_when_the_district_level_ends(output):
    prog = program("Chương trình phối hợp công tác giữa Ủy ban nhân dân thị xã và Ban Tuyên giáo Thị ủy Sông Cầu")
    assert (prog.start_year, prog.end_year, prog.status) == (2021, 2026, Program.Status.TERMINATED)
    assert prog.status_reason.startswith("Cấp huyện kết thúc hoạt động từ 01/07/2025")
    assert party_names(prog) == {"Ủy ban nhân dân thị xã Sông Cầu", "Ban Tuyên giáo Thị ủy Sông Cầu"}
    assert set(prog.plans.values_list("year", "status")) == {
        (2021, AnnualPlan.Status.CLOSED),
        (2025, AnnualPlan.Status.CLOSED),
    }
    tasks = Task.objects.filter(plan__program=prog)
    assert not tasks.filter(status=Task.Status.OPEN).exists()
    cancelled = tasks.filter(status=Task.Status.CANCELLED)
    assert cancelled.count() == 2
    assert all("Cấp huyện kết thúc hoạt động" in t.status_reason for t in cancelled)
    entry = AuditEntry.objects.for_object(prog).get(event="program_terminate")
    assert "Nghị quyết số 203/2025/QH15" in entry.message


def test_the_audit_log_tells_the_story(output):
    prog = phu_yen()
    events = list(AuditEntry.objects.for_object(prog).values_list("action", "event"))
    for expected in [("create", ""), ("event", "signed"), ("event", "program_sign"), ("event", "carried_over")]:
        assert expected in events
    task = Task.objects.get(
        plan__program=prog, title__startswith="Tuyên truyền, biểu dương điển hình “Dân vận khéo” năm 2025"
    )
    task_events = [e for _a, e in AuditEntry.objects.for_object(task).values_list("action", "event")]
    assert {"progress_reported", "carried_over", "task_complete"} <= set(task_events)
    assert task.lead.name == DAK_LAK  # open on 01/07/2025, finished later by the successor
    assert not AuditEntry.objects.filter(actor__isnull=False).exists()
    assert not Signature.objects.filter(signed_on__gt=TODAY).exists()
    assert not Task.objects.filter(completed_on__gt=TODAY).exists()


PROGRAM_MODELS = (
    Program,
    ProgramParty,
    AnnualPlan,
    Task,
    TaskPart,
    ProgressReport,
    Signature,
    LegalReference,
    AuditEntry,
    Reorganization,
)


def programme_tasks():
    """The tasks of the programmes' plans (the demo meetings' conclusions add theirs apart)."""
    return Task.objects.filter(meeting_conclusion__isnull=True)


def row_counts():
    return {model.__name__: model.objects.count() for model in PROGRAM_MODELS}


def test_the_summary_counts_what_was_created_and_running_twice_adds_no_rows(output, today):
    assert (
        f"chương trình mới: {len(demo.PROGRAMS)}; kế hoạch mới: {AnnualPlan.objects.count()}; "
        f"nhiệm vụ mới: {programme_tasks().count()}." in output
    )
    before = row_counts()
    versions = list(Task.objects.order_by("pk").values_list("pk", "version", "lead", "status"))
    again = load()
    assert row_counts() == before
    assert list(Task.objects.order_by("pk").values_list("pk", "version", "lead", "status")) == versions
    assert "chương trình mới: 0; kế hoạch mới: 0; nhiệm vụ mới: 0." in again


def test_a_database_loaded_by_the_previous_demo_version_gets_the_programmes_carried(today):
    """Organisations and re-organisations first (their immediate carry found nothing),
    then the programmes: the loader carries them itself."""
    from phoihop.demo import loader

    result = loader.LoadResult()
    loader.load_units()
    orgs = loader._ensure_organizations(result)
    loader._ensure_reorganizations(orgs, result)
    assert Reorganization.objects.filter(work_carried_at__isnull=True).count() == 0
    load()
    assert party_names(phu_yen()) == {DAK_LAK}
