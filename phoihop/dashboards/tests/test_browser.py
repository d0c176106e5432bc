"""In a real browser: the province's viewer opens the commune's dashboard for the third
quarter, switches to another year, then opens the units below the province side by side.
Screenshots (desktop and phone width) go to test-artifacts/ for a person to look at."""

import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.dashboards.tests import builders as b

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_quarter_year_and_units(live_server, world, people):
    from playwright.sync_api import expect, sync_playwright

    b.rows_of_every_kind(world, people.collaborator, world.target, 6)
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.upper.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.goto(f"{base}/dashboards/org/{world.target.pk}/?year=2026&quarter=3")
        expect(page.locator("h1")).to_contain_text("Đảng ủy xã Cẩm Đức · Quý III/2026")
        expect(page.locator(".dash-chart svg")).to_have_count(8)
        expect(page.locator("a", has_text="Tạo báo cáo quý")).to_have_attribute(
            "href",
            f"/reports/new/?kind=quarterly&scope_kind=organization&organization={world.target.pk}&year=2026&quarter=3",
        )
        page.locator("#chart-tasks_by_bucket summary").click()
        expect(page.locator("#chart-tasks_by_bucket table")).to_contain_text("Chưa hoàn thành, quá hạn")
        screenshot(page, "dashboards-quarter")
        page.set_viewport_size(PHONE)
        screenshot(page, "dashboards-quarter-phone")
        page.set_viewport_size(DESKTOP)

        page.select_option("#id_year", "2025")
        page.select_option("#id_quarter", "")
        page.click("form.dash-period button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Năm 2025")
        expect(page.locator("a", has_text="Tạo báo cáo năm")).to_be_visible()

        page.goto(f"{base}/dashboards/")  # the viewer's own department
        expect(page.locator("h1")).to_contain_text("Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa")
        page.select_option("#id_year", "2026")
        page.select_option("#id_quarter", "3")
        page.click("form.dash-period button[type=submit]")
        page.click("a.button:has-text('Đơn vị cấp dưới')")
        expect(page.locator("table.dash-units")).to_contain_text("Đảng ủy xã Cẩm Đức")
        expect(page.locator("table.dash-units")).not_to_contain_text("Bình Sơn")
        expect(page.locator(".dash-chart svg")).to_have_count(1)
        screenshot(page, "dashboards-units")
        page.set_viewport_size(PHONE)
        screenshot(page, "dashboards-units-phone")
        browser.close()
