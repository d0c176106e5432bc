"""In a real browser: the officer opens the records behind a figure of the quarterly report
(one linked, one they may not see), follows a record to its page. Screenshots of the trace
page (desktop and phone width) go to test-artifacts/ for a person to look at."""

import datetime as dt
import os

import pytest
from django.urls import reverse

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.programs.tests.factories import make_plan, make_program, task_rows
from phoihop.reports import figures
from phoihop.reports.tests.factories import report_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


def test_a_figure_opens_on_the_records_it_counts(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    plan = make_plan(make_program(world), year=2026)
    task_rows(
        plan,
        world.target,
        [world.commune_committee],
        title="Hội nghị quán triệt nghị quyết",
        due_date=dt.date(2026, 8, 10),
        status="done",
        completed_on=dt.date(2026, 8, 1),
    )
    task_rows(
        plan,
        world.target,
        [world.commune_committee],
        title="Khảo sát dư luận về giải phóng mặt bằng",
        due_date=dt.date(2026, 9, 15),
    )
    foreign = make_plan(
        make_program(world, lead=world.province_dept_b, partner=world.central, title="Bình Sơn"), year=2026
    )
    task_rows(
        foreign, world.province_dept_b, [world.central], title="Việc của tỉnh Bình Sơn", due_date=dt.date(2026, 9, 1)
    )
    report = report_row(world)
    computed = figures.compute(report, today=dt.date(2026, 10, 15))
    due = next(f for f in computed if f.key == "tasks.due")
    due.ids.append(foreign.tasks.get().pk)  # a record the officer may not see
    due.value += 1
    report.figures = [f.as_json() for f in computed]
    report.save()
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.officer.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.goto(base + reverse("reports:figure_trace", args=[report.pk, "tasks.due"]))
        expect(page.locator("h1")).to_have_text("Nhiệm vụ đến hạn trong kỳ: 3")
        expect(page.locator("main")).to_contain_text("1 bản ghi bạn không có quyền xem")
        expect(page.locator("main")).not_to_contain_text("Việc của tỉnh Bình Sơn")
        screenshot(page, "reports-figure-trace")
        page.set_viewport_size(PHONE)
        screenshot(page, "reports-figure-trace-phone")
        page.click("text=Khảo sát dư luận về giải phóng mặt bằng")
        expect(page.locator("h1")).to_contain_text("Khảo sát dư luận về giải phóng mặt bằng")
        browser.close()
