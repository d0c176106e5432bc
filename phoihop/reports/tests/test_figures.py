"""Report figures against hand-computed fixtures (issue 6 item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from phoihop.hotissues.models import HotIssue
from phoihop.hotissues.tests.factories import IssueRowFactory
from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.meetings.models import Meeting, MeetingConclusion
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory
from phoihop.programs.models import Task
from phoihop.programs.tests.factories import make_plan, make_program, task_rows
from phoihop.provisions.tests.factories import ProvisionFactory, at
from phoihop.reports import figures, kinds
from phoihop.reports.models import Report
from phoihop.reports.tests.factories import report_row

pytestmark = pytest.mark.django_db

Q3_END = dt.date(2026, 9, 30)


def values(report, **kwargs) -> dict:
    return {f.key: f for f in figures.compute(report, **kwargs)}


def d(month: int, day: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, day)


@pytest.fixture
def quarter(world):
    """The commune's programme with a 2026 plan and tasks whose buckets at 30/09/2026 are
    known by hand (see each line)."""
    program = make_program(world)
    plan = make_plan(program, year=2026)
    lead, partner = world.target, world.commune_committee

    def task(title, due, status=Task.Status.OPEN, completed=None, lead=lead, partners=(partner,)):
        return task_rows(plan, lead, partners, title=title, due_date=due, status=status, completed_on=completed)[0]

    done = Task.Status.DONE
    t = {
        "on_time": task("Hội nghị quán triệt nghị quyết", d(7, 10), done, d(7, 5)),  # done on time
        "late": task("Tuyên truyền bầu cử", d(8, 20), done, d(8, 25)),  # done late
        "last_day": task("Sơ kết quý III", Q3_END, done, Q3_END),  # due and done on the last day: on time
        "overdue": task("Khảo sát dư luận", d(9, 15)),  # open, overdue at period end
        "due_last_day": task("Báo cáo chuyên đề", Q3_END),  # open, due on the last day: on time
        "done_after": task("Phát hành tài liệu", d(9, 20), done, d(10, 5)),  # done after the quarter: overdue then
        "next": task("Tổng kết năm", d(10, 1)),  # the day after: next quarter
        "cancelled": task("Hội thi đã hủy", d(8, 10), Task.Status.CANCELLED),
        "before": task("Tuyên truyền quý II", d(6, 30)),
        # the partner's own task, without the Party committee: not in the committee's scope
        "partner_only": task("Việc riêng của UBND xã", d(8, 1), lead=partner, partners=()),
    }
    return program, plan, t


def test_quarterly_tasks_by_bucket_as_of_the_period_end(world, quarter):
    program, _plan, t = quarter
    report = report_row(world)
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        got = values(report)
    ids = lambda *names: sorted(t[n].pk for n in names)  # noqa: E731
    assert got["tasks.due"].ids == ids("on_time", "late", "last_day", "overdue", "due_last_day", "done_after")
    assert got["tasks.due"].value == 6
    assert got["tasks.done_on_time"].ids == ids("on_time", "last_day")
    assert got["tasks.done_late"].ids == ids("late")
    assert got["tasks.open_on_time"].ids == ids("due_last_day")
    assert got["tasks.open_overdue"].ids == ids("overdue", "done_after")
    assert got["tasks.done_on_time"].label == "Hoàn thành đúng hạn"
    # by lead party: the committee leads all six
    assert got[f"tasks.lead.{world.target.pk}"].value == 6
    assert got[f"tasks.lead.{world.target.pk}.open_overdue"].value == 2
    # the key tasks of the next quarter: open tasks due in Q4
    assert got["next.tasks"].ids == ids("next")


def test_programme_scope_counts_the_programmes_tasks_whoever_leads(world, quarter):
    program, _plan, t = quarter
    report = report_row(
        world,
        scope_kind=Report.ScopeKind.PROGRAM,
        program=program,
        kind=Report.Kind.MIDTERM_REVIEW,
        start=d(1, 1),
        end=Q3_END,
    )
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        got = values(report)
    assert t["partner_only"].pk in got["tasks.due"].ids
    assert t["before"].pk in got["tasks.due"].ids  # the review runs from the programme's start
    assert got["plans.count"].value == 1
    assert got["signatures.count"].value == 2  # both parties signed the programme
    # per content item: the tasks are not filed under one, so they show as "not under a content item"
    assert got["content.1"].value == 0
    assert got["content.0"].value == got["tasks.due"].value
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        sections = kinds.sections_for(report, list(got.values()))
    assert [(s["heading"], s["required"]) for s in sections] == [
        ("I. KẾT QUẢ THỰC HIỆN", True),
        ("II. HẠN CHẾ", True),
        ("III. NGUYÊN NHÂN", True),
        ("IV. BÀI HỌC KINH NGHIỆM", True),
        ("V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", True),
        ("VI. ĐỀ XUẤT, KIẾN NGHỊ", False),
    ]
    results = sections[0]["text"]
    assert "Một là, tuyên truyền, phổ biến chủ trương của Đảng: chưa phát sinh nhiệm vụ." in results
    assert "Các bên đã ký 2 lượt văn bản, xây dựng 1 kế hoạch năm." in results
    assert "Tổng kết năm (chủ trì: Đảng ủy xã Cẩm Đức; thời hạn: 01/10/2026)" in sections[4]["text"]


def test_provisions_on_time_late_and_missing(world):
    program = make_program(world, info_day=25)
    provider, receiver = world.commune_committee, world.target
    common = {"program": program, "provider": provider, "receiver": receiver, "frequency": "monthly", "year": 2026}
    on_time = ProvisionFactory(**common, period=7, due_at=at(d(7, 25)), provided_at=at(d(7, 25), 16))
    late = ProvisionFactory(**common, period=8, due_at=at(d(8, 25)), provided_at=at(d(8, 26)))
    # period 9 (due 25/09) is missing; an earlier period provided in June is outside
    ProvisionFactory(**common, period=6, due_at=at(d(6, 25)), provided_at=at(d(6, 20)))
    report = report_row(world, organization=provider, issuer=provider)
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        got = values(report)
    assert got["provisions.provided"].ids == sorted([on_time.pk, late.pk])
    assert got["provisions.on_time"].ids == [on_time.pk]
    assert got["provisions.late"].ids == [late.pk]
    assert got["provisions.missing"].value == 1
    assert got["provisions.missing"].ids == []


def test_meetings_inspections_hot_issues(world, quarter):
    program, plan, t = quarter
    held = Meeting.objects.create(
        owner=world.target,
        program=program,
        kind=Meeting.Kind.QUARTERLY_BRIEFING,
        title="Giao ban quý III",
        starts_at=at(d(9, 28)),
        status=Meeting.Status.HELD,
    )
    Meeting.objects.create(  # planned, not held
        owner=world.target,
        kind=Meeting.Kind.OTHER,
        title="Hội nghị dự kiến",
        starts_at=at(d(9, 29)),
    )
    c1 = MeetingConclusion.objects.create(meeting=held, number=1, text="Đẩy mạnh tuyên truyền", task=t["on_time"])
    MeetingConclusion.objects.create(meeting=held, number=2, text="Khảo sát dư luận", task=t["overdue"])
    inspection = Inspection.objects.create(
        owner=world.province_dept_a,
        inspected=world.target,
        title="Kiểm tra thực hiện chương trình",
        started_on=d(8, 1),
        status=Inspection.Status.CONCLUDED,
    )
    remedied = InspectionConclusion.objects.create(inspection=inspection, number=1, text="Chậm cung cấp thông tin")
    remedied.tasks.set([t["on_time"], t["late"]])
    open_ = InspectionConclusion.objects.create(inspection=inspection, number=2, text="Chưa lập sổ theo dõi")
    open_.tasks.set([t["overdue"]])
    bare = InspectionConclusion.objects.create(inspection=inspection, number=3, text="Thiếu báo cáo định kỳ")
    new = IssueRowFactory(
        owner=world.target, area=world.commune_c, detected_at=at(d(8, 3)), status_changed_at=at(d(8, 3))
    )
    closed = IssueRowFactory(
        owner=world.target,
        area=world.commune_c,
        detected_at=at(d(5, 3)),
        status_changed_at=at(d(9, 3)),
        closed_at=at(d(9, 3)),
        status=HotIssue.Status.RESOLVED,
    )
    IssueRowFactory(  # closed before the quarter: not counted
        owner=world.target,
        area=world.commune_c,
        detected_at=at(d(1, 3)),
        status_changed_at=at(d(3, 3)),
        closed_at=at(d(3, 3)),
        status=HotIssue.Status.RESOLVED,
    )
    report = report_row(world)
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        got = values(report)
        sections = kinds.sections_for(report, list(got.values()))
    assert got["meetings.held"].ids == [held.pk]
    assert got["meetings.kind.quarterly_briefing"].value == 1
    assert got["meetings.conclusions"].value == 2
    assert got["meetings.conclusions_done"].ids == [c1.pk]
    assert got["inspections.count"].ids == [inspection.pk]
    assert got["inspections.conclusions"].ids == sorted([remedied.pk, open_.pk, bare.pk])
    assert got["inspections.remedied"].ids == [remedied.pk]
    assert got["hot_issues.new"].ids == [new.pk]
    assert got["hot_issues.closed"].ids == [closed.pk]
    assert got["hot_issues.open_at_end"].ids == [new.pk]
    assert got["hot_issues.status.resolved"].ids == [closed.pk]
    text = {s["key"]: s for s in sections}
    assert [s["heading"] for s in sections] == [
        "I. KẾT QUẢ THỰC HIỆN QUÝ III NĂM 2026",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert text["results"]["text"].startswith(
        "Trong quý III năm 2026, các bên đã triển khai 6 nhiệm vụ, hoàn thành đúng hạn 2, hoàn thành quá hạn 1; "
        "1 nhiệm vụ đang thực hiện trong hạn, 2 nhiệm vụ chưa hoàn thành, quá hạn."
    )
    assert "- Hội nghị quán triệt nghị quyết (chủ trì: Đảng ủy xã Cẩm Đức)." in text["results"]["text"]
    assert "- Giao ban quý III, ngày 28/09/2026." in text["results"]["text"]
    assert "Khảo sát dư luận (chủ trì: Đảng ủy xã Cẩm Đức; thời hạn: 15/09/2026)" in text["limitations"]["text"]
    assert "Chưa lập sổ theo dõi" in text["limitations"]["text"]
    assert "Thiếu báo cáo định kỳ" in text["limitations"]["text"]
    assert "Tổng kết năm (chủ trì: Đảng ủy xã Cẩm Đức; thời hạn: 01/10/2026)" in text["next"]["text"]
    assert [s["required"] for s in sections] == [True, True, True, False]


def test_an_empty_period_says_so(world):
    report = report_row(world, start=d(1, 1, 2030), end=d(3, 31, 2030))
    with time_machine.travel(dt.datetime(2030, 4, 2, 9), tick=False):
        got = figures.compute(report)
        sections = kinds.sections_for(report, [f.as_json() for f in got])
    assert got and all(f.value == 0 and f.ids == [] for f in got if f.kind)
    text = {s["key"]: s["text"] for s in sections}
    assert text["results"].startswith("Trong quý I năm 2030 không phát sinh nhiệm vụ đến hạn.")
    assert "Trong quý I năm 2030 không tổ chức hội nghị." in text["results"]
    assert text["next"].startswith("Chưa có nhiệm vụ nào trong kế hoạch đến hạn trong quý II năm 2030")
    for kind in Report.Kind.values:
        report.kind = kind
        assert kinds.sections_for(report, figures.compute(report))  # no kind fails on an empty period


def test_lineage_roll_up_counts_the_predecessors_programme(world):
    """Phú Yên's department was merged into Đắk Lắk's on 01/07/2025: a 2026 report of the
    merged department counts the 2026 tasks of the programme Phú Yên's department leads."""
    phu_yen = UnitFactory(name="Tỉnh Phú Yên", level=Level.PROVINCE, valid_from=d(1, 1, 1990))
    dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", level=Level.PROVINCE, valid_from=d(1, 1, 1990))
    kind = Organization.Kind.PROPAGANDA_MASS_MOBILISATION
    a = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên",
        kind=kind,
        administrative_unit=phu_yen,
        valid_from=d(1, 1, 2020),
    )
    b_old = OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy Đắk Lắk (cũ)", kind=kind, administrative_unit=dak_lak, valid_from=d(1, 1, 2020)
    )
    b = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
        kind=kind,
        administrative_unit=dak_lak,
        valid_from=d(7, 1, 2025),
    )
    merge = Reorganization.objects.create(
        kind=Reorganization.Kind.MERGE, effective_date=d(7, 1, 2025), legal_basis="Nghị quyết 202/2025/QH15"
    )
    merge.predecessors.set([a, b_old])
    merge.successors.set([b])
    partner = OrganizationFactory(name="Sở Văn hóa Phú Yên", administrative_unit=phu_yen, valid_from=d(1, 1, 2020))
    program = make_program(world, lead=a, partner=partner, title="Chương trình phối hợp Phú Yên 2026")
    plan = make_plan(program, year=2026)
    work = task_rows(plan, a, [partner], title="Tuyên truyền biển đảo", due_date=d(5, 20))
    report = report_row(world, issuer=b, kind=Report.Kind.ANNUAL, start=d(1, 1), end=d(12, 31))
    with time_machine.travel(dt.datetime(2027, 1, 5, 9), tick=False):
        got = values(report)
    assert got["tasks.due"].ids == [work[0].pk]
    assert got[f"tasks.lead.{a.pk}"].value == 1
    # and an area scope of Đắk Lắk counts it too
    area_report = report_row(
        world,
        issuer=b,
        kind=Report.Kind.ANNUAL,
        scope_kind=Report.ScopeKind.AREA,
        area=dak_lak,
        start=d(1, 1),
        end=d(12, 31),
    )
    with time_machine.travel(dt.datetime(2027, 1, 5, 9), tick=False):
        assert values(area_report)["tasks.due"].ids == [work[0].pk]


def test_area_scope_counts_subordinate_communes(world, quarter):
    _program, _plan, t = quarter
    outside = OrganizationFactory(
        name="Đảng ủy xã khác tỉnh", level=Level.COMMUNE, administrative_unit=UnitFactory(level=Level.PROVINCE)
    )
    report = report_row(
        world, issuer=world.province_dept_a, scope_kind=Report.ScopeKind.AREA, area=world.commune_c.province
    )
    with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False):
        got = values(report)
    assert t["partner_only"].pk in got["tasks.due"].ids  # the commune's People's Committee's own task
    assert t["overdue"].pk in got["tasks.due"].ids
    assert outside.pk not in {int(k.split(".")[2]) for k in got if k.startswith("tasks.lead.") and k.count(".") == 2}


@pytest.mark.parametrize("rows", [3, 30])
def test_compute_costs_a_bounded_number_of_queries(world, django_assert_max_num_queries, rows):
    program = make_program(world)
    plan = make_plan(program, year=2026)
    task_rows(plan, world.target, [world.commune_committee], count=rows, due_date=d(8, 1))
    for kind in (Report.Kind.QUARTERLY, Report.Kind.ANNUAL, Report.Kind.MONTHLY):
        report = report_row(world, kind=kind, start=d(7, 1), end=d(9, 30))
        with time_machine.travel(dt.datetime(2026, 10, 15, 9), tick=False), django_assert_max_num_queries(30):
            got = figures.compute(report)
            kinds.sections_for(report, got)
    assert {f.key: f.value for f in got}["tasks.due"] == rows


def test_ids_are_capped_but_the_value_is_not():
    figure = figures.count("x", "X", range(figures.MAX_IDS + 7), kind="task", group="")
    assert figure.value == figures.MAX_IDS + 7
    assert len(figure.ids) == figures.MAX_IDS


@pytest.mark.parametrize(
    ("kind", "start", "end", "label"),
    [
        ("monthly", d(10, 1), d(10, 31), "tháng 10 năm 2026"),
        ("quarterly", d(7, 1), d(9, 30), "quý III năm 2026"),
        ("quarterly", d(10, 1), d(12, 31), "quý IV năm 2026"),
        ("six_monthly", d(1, 1), d(6, 30), "6 tháng đầu năm 2026"),
        ("six_monthly", d(7, 1), d(12, 31), "6 tháng cuối năm 2026"),
        ("annual", d(1, 1), d(12, 31), "năm 2026"),
        ("final_review", d(1, 1), d(9, 30), "từ ngày 01/01/2026 đến ngày 30/09/2026"),
        ("final_review", d(3, 15), d(12, 31), "từ ngày 15/03/2026 đến ngày 31/12/2026"),
        ("opinion_summary", d(10, 1), d(10, 31), "tháng 10 năm 2026"),
        ("opinion_summary", d(4, 1), d(6, 30), "quý II năm 2026"),
        ("midterm_review", d(1, 1), d(12, 31), "năm 2026"),
    ],
)
def test_period_label(kind, start, end, label):
    assert kinds.period_label(kind, start, end) == label


def test_in_period_opens_a_sentence():
    assert kinds.in_period("quarterly", d(7, 1), d(9, 30)) == "Trong quý III năm 2026"
    assert kinds.in_period("final_review", d(1, 1), d(9, 30)) == "Từ ngày 01/01/2026 đến ngày 30/09/2026"


def test_next_period():
    assert kinds.next_period("quarterly", d(10, 1), d(12, 31)) == (d(1, 1, 2027), d(3, 31, 2027))
    assert kinds.next_period("six_monthly", d(1, 1), d(6, 30)) == (d(7, 1), d(12, 31))
    assert kinds.next_period("monthly", d(1, 1), d(1, 31)) == (d(2, 1), d(2, 28))
    assert kinds.next_period("annual", d(1, 1), d(12, 31)) == (d(1, 1, 2027), d(12, 31, 2027))
    assert kinds.next_period("final_review", d(1, 1), d(9, 30)) == (d(10, 1), d(9, 30, 2027))


def test_default_titles(world, quarter):
    program, _plan, _t = quarter
    assert kinds.default_title(report_row(world)) == (
        "Kết quả thực hiện quý III năm 2026 và nhiệm vụ trọng tâm quý IV năm 2026"
    )
    review = report_row(world, kind=Report.Kind.FINAL_REVIEW, scope_kind=Report.ScopeKind.PROGRAM, program=program)
    assert kinds.default_title(review) == f"Tổng kết thực hiện {program.title}"


def test_monthly_press_claims_and_opinion_reports(world, people):
    from phoihop.claims.tests.factories import FalseClaimFactory
    from phoihop.hotissues.tests.factories import PressItemFactory
    from phoihop.opinion.models import OpinionReport
    from phoihop.press.models import Tone

    negative = PressItemFactory(owner=world.target, published_on=d(10, 31), tone=Tone.NEGATIVE)
    neutral = PressItemFactory(owner=world.target, published_on=d(10, 1))
    PressItemFactory(owner=world.target, published_on=d(11, 1), tone=Tone.NEGATIVE)  # the next month
    PressItemFactory(owner=world.province_dept_b, published_on=d(10, 5))  # another province's
    answered = FalseClaimFactory(owner=world.target, seen_on=d(10, 3), response_published_on=d(10, 4))
    open_claim = FalseClaimFactory(owner=world.target, seen_on=d(10, 20))
    FalseClaimFactory(owner=world.target, seen_on=d(9, 30))  # the month before
    received = OpinionReport.objects.create(
        department=world.target,
        collaborator=people.collaborator,
        area=world.commune_c,
        frequency="monthly",
        year=2026,
        period=10,
        period_start=d(10, 1),
        period_end=d(10, 31),
        status=OpinionReport.Status.SUBMITTED,
    )
    report = report_row(world, kind=Report.Kind.MONTHLY, start=d(10, 1), end=d(10, 31))
    with time_machine.travel(dt.datetime(2026, 11, 3, 9), tick=False):
        got = values(report)
        sections = {s["key"]: s for s in kinds.sections_for(report, list(got.values()))}
    assert got["press.items"].ids == sorted([negative.pk, neutral.pk])
    assert got["press.negative"].ids == [negative.pk]
    assert got["claims.detected"].ids == sorted([answered.pk, open_claim.pk])
    assert got["claims.responded"].ids == [answered.pk]
    assert got["opinion.reports"].ids == [received.pk]
    assert sections["opinion"]["text"].startswith("Nhận được 1 báo cáo dư luận xã hội của cộng tác viên.")
    assert "Báo chí đăng 2 tin bài liên quan (1 tin bài có sắc thái tiêu cực)" in sections["opinion"]["text"]
    assert sections["tasks"]["text"] == "Trong tháng 10 năm 2026 không phát sinh nhiệm vụ đến hạn."
    assert [s["heading"] for s in sections.values()] == [
        "I. TÌNH HÌNH CUNG CẤP THÔNG TIN",
        "II. TÌNH HÌNH DƯ LUẬN XÃ HỘI, BÁO CHÍ",
        "III. VẤN ĐỀ NỔI CỘM",
        "IV. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
