"""In a real browser: a collaborator files the month's report with a hot item through the
form; the department's officer reads the matrix and the summary. Screenshots of the report
form, the matrix and the summary (desktop and phone width) go to test-artifacts/ for a
person to look at."""

import datetime as dt
import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.opinion.models import OpinionReport
from phoihop.opinion.tests.factories import at, file_report, item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def sign_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")


def test_collaborator_files_and_the_department_reads(live_server, world, people):
    from playwright.sync_api import expect, sync_playwright

    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=9, when=at(dt.date(2026, 9, 24)),
                items=[item(intensity="low", breadth="few")])  # fmt: skip
    file_report(people.collaborator_2, world.target, world.commune_c, year=2026, period=10,
                when=at(dt.date(2026, 10, 27)), items=[item("health", direction="approving")])  # fmt: skip
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            sign_in(page, base, "ctv")
            page.goto(f"{base}/opinion/reports/new/")
            expect(page.locator("h1")).to_contain_text("Viết báo cáo dư luận")
            if name == "desktop":
                page.select_option("#id_period", "2026-10")
                page.select_option("#id_items-0-topic", label="Đất đai, giải phóng mặt bằng")
                page.select_option("#id_items-0-direction", "opposing")
                page.select_option("#id_items-0-intensity", "high")
                page.select_option("#id_items-0-breadth", "most")
                page.fill("#id_items-0-summary", "Phản đối phương án tái định cư dự án khu dân cư.")
                page.check("#id_items-0-flagged_hot")
            screenshot(page, f"opinion-report-form-{name}")
            if name == "desktop":
                page.click("button[name=submit]")
                expect(page.locator("h1")).to_contain_text("Tháng 10/2026")
                screenshot(page, "opinion-report-detail-desktop")
            context.close()
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            sign_in(page, base, "officer")
            page.goto(f"{base}/opinion/matrix/{world.target.pk}/2026/")
            expect(page.locator("#matrix")).to_be_visible()
            screenshot(page, f"opinion-matrix-{name}")
            page.goto(f"{base}/opinion/summary/{world.target.pk}/?period=2026-10")
            expect(page.locator("#summary-topics")).to_contain_text("Đất đai, giải phóng mặt bằng")
            screenshot(page, f"opinion-summary-{name}")
            context.close()
        browser.close()
    assert OpinionReport.objects.filter(collaborator=people.collaborator, period=10, status="submitted").exists()
