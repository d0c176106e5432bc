"""In a real browser: the procuracy's focal point registers a case, the department's
officer acknowledges it and records an assessment, a leader approves it, the officer
writes the plan from a template and generates the tasks, and the task the procuracy leads
appears in its focal point's "Việc của tôi"."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.core.testing.browser import launch, screenshot
from phoihop.exchange.models import PlanTemplate, PlanTemplateActivity, Side, Subject
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import PartyRole, Program, Task
from phoihop.programs.tests.factories import make_plan, make_program
from phoihop.programs.tests.test_browser import DESKTOP, PHONE, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TITLE = "Truy tố vụ án vi phạm quy định về đấu thầu tại dự án trường học"


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_case_registered_assessed_planned_and_in_the_procuracys_work(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    today = timezone.localdate()
    procuracy = OrganizationFactory(
        name="Viện Kiểm sát nhân dân tỉnh An Hòa",
        kind=Organization.Kind.PROCURACY,
        level=Level.PROVINCE,
        administrative_unit=world.province_a,
        valid_from=dt.date(2025, 7, 1),
    )
    department = world.province_dept_a
    program = make_program(
        world,
        lead=department,
        partner=procuracy,
        title="Quy chế phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy với Viện Kiểm sát nhân dân tỉnh",
        start_year=today.year,
        end_year=today.year + 4,
    )
    make_plan(program, year=today.year)
    for username, org, role in (("vks", procuracy, Role.FOCAL_POINT), ("chuyenvien", department, Role.OFFICER)):
        MembershipFactory(user=UserFactory(username=username), organization=org, role=role)
    MembershipFactory(
        user=UserFactory(username="lanhdao", full_name="Lãnh đạo Ban"), organization=department, role=Role.LEADER
    )
    template = PlanTemplate.objects.create(
        kind="prosecution", title="Tuyên truyền khi truy tố vụ án lớn", anchor_label="Ngày công bố quyết định truy tố"
    )
    for position, (phase, title, offset, side) in enumerate(
        [
            ("before", "Cung cấp thông tin về vụ án cho Ban Tuyên giáo", -3, Side.OWNER),
            ("during", "Định hướng báo chí đưa tin việc truy tố", 0, Side.DEPARTMENT),
            ("after", "Nắm dư luận sau khi công bố quyết định truy tố", 5, Side.DEPARTMENT),
        ]
    ):
        PlanTemplateActivity.objects.create(
            template=template,
            phase=phase,
            title=title,
            offset_days=offset,
            lead_side=side,
            channels=",press,",
            position=position,
        )
    key_day = today + dt.timedelta(days=10)

    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")

        # --- the procuracy's focal point registers the case ---
        sign_in(page, base, "vks")
        page.click("nav.mainnav >> text=Vấn đề phối hợp")
        expect(page.locator("h1")).to_have_text("Vấn đề phối hợp")
        page.click("text=Đăng ký vấn đề")
        page.select_option("#id_program", str(program.pk))
        page.select_option("#id_owner", str(procuracy.pk))
        page.fill("#id_year", str(today.year))
        page.select_option("#id_kind", "prosecution")
        page.fill("#id_title", TITLE)
        page.fill("#id_summary", "Vụ án dư luận quan tâm; hồ sơ mật gửi qua kênh bảo mật.")
        page.fill("#id_start_date", dmy(today - dt.timedelta(days=10)))
        page.fill("#id_end_date", dmy(today + dt.timedelta(days=40)))
        page.select_option("#id_sensitivity", "high")
        page.fill("#id_keys-0-label", "Ngày công bố quyết định truy tố")
        page.fill("#id_keys-0-date", dmy(key_day))
        screenshot(page, "subject-form")
        page.click("form button[type=submit] >> text=Lưu")
        expect(page.locator("h1 .status")).to_have_text("Dự thảo")
        page.click("[data-transition=register]")
        expect(page.locator("h1 .status")).to_have_text("Đã đăng ký")
        expect(page.locator("[data-transition=acknowledge]")).to_have_count(0)
        sign_out(page)

        # --- the department's officer acknowledges and assesses ---
        sign_in(page, base, "chuyenvien")
        page.goto(f"{base}/exchange/subjects/?q=dau thau truong hoc")
        page.click(f"#results >> text={TITLE}")
        page.click("[data-transition=acknowledge]")
        expect(page.locator("h1 .status")).to_have_text("Đã tiếp nhận")
        page.click("text=Lập bản thẩm định")
        page.fill("#id_affected_groups", "Cán bộ, đảng viên; người dân trong vùng dự án; phụ huynh học sinh")
        page.fill("#id_risks", "Thông tin sai lệch về mức thiệt hại trên mạng xã hội")
        page.select_option("#id_impact_level", "high")
        page.select_option("#id_opinion_direction", "approving")
        page.select_option("#id_opinion_intensity", "high")
        page.select_option("#id_opinion_breadth", "many")
        page.fill("#id_recommendation", "Thông tin chính thức ngay khi công bố quyết định truy tố; định hướng báo chí.")
        page.click("form button[type=submit] >> text=Lưu")
        expect(page.locator("#assessment")).to_contain_text("phụ huynh học sinh")
        page.click("[data-assessment=submit]")
        expect(page.locator("#assessment .status")).to_have_text("Chờ phê duyệt")
        expect(page.locator("[data-assessment=approve]")).to_have_count(0)
        sign_out(page)

        # --- a leader approves ---
        sign_in(page, base, "lanhdao")
        subject = Subject.objects.get()
        page.goto(f"{base}/exchange/subjects/{subject.pk}/")
        page.click("[data-assessment=approve]")
        expect(page.locator("h1 .status")).to_have_text("Đã thẩm định")
        sign_out(page)

        # --- the officer writes the plan from the template and generates the tasks ---
        sign_in(page, base, "chuyenvien")
        page.goto(f"{base}/exchange/subjects/{subject.pk}/")
        page.select_option("#id_plan-template", str(template.pk))
        page.select_option("#id_plan-anchor", str(subject.key_dates.get().pk))
        page.click("text=Lập kế hoạch tuyên truyền >> nth=-1")
        expect(page.locator("#plan")).to_contain_text("3 ngày trước Ngày công bố quyết định truy tố")
        expect(page.locator("#plan")).to_contain_text(dmy(key_day - dt.timedelta(days=3)))
        page.click("[data-generate]")
        expect(page.locator(".messages")).to_contain_text("Đã giao 3 nhiệm vụ")
        expect(page.locator("h1 .status")).to_have_text("Đã lập kế hoạch tuyên truyền")
        screenshot(page, "subject-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "subject-detail-phone")
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/exchange/subjects/")
        screenshot(page, "subject-list")
        sign_out(page)

        # --- the task the procuracy leads is in its focal point's work ---
        sign_in(page, base, "vks")
        expect(page.locator("#my-tasks")).to_contain_text("Cung cấp thông tin về vụ án cho Ban Tuyên giáo")
        screenshot(page, "subject-my-work")
        browser.close()

    task = Task.objects.get(title="Cung cấp thông tin về vụ án cho Ban Tuyên giáo")
    assert task.lead == procuracy and task.due_date == key_day - dt.timedelta(days=3)
    assert [p.organization for p in task.parts.all() if p.role == PartyRole.PARTNER] == [department]
    assert Program.objects.get().plans.get().tasks.count() == 3
