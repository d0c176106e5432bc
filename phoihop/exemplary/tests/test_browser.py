"""In a real browser: the commune's officer nominates a "Dân vận khéo" model; an officer of
the province department above takes it under review and commends it with the decision's
reference; it appears on the honour roll. Screenshots of the model page, the honour roll
and — prepared through the services — an inspection page with its remediation progress
(desktop and phone width) go to test-artifacts/ for a person to look at."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.tests.factories import decider
from phoihop.inspections import services as inspection_services
from phoihop.inspections.tests.factories import make_inspection, programme_with_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


def _sign_in(browser, base, user):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{base}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    return page


def test_nominated_decided_and_on_the_honour_roll(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    today = timezone.localdate()
    boss = decider(world)
    program = programme_with_plan(world, year=today.year)
    inspection = make_inspection(world, status="concluded", program=program, started_on=today - dt.timedelta(days=30))
    for text in ("Chưa cung cấp thông tin định kỳ hằng quý", "Chưa lập sổ theo dõi tuyên truyền"):
        conclusion = inspection_services.conclusion_add(actor=world.officer, inspection=inspection, text=text)
    inspection_services.remediation_task_create(
        actor=world.officer,
        conclusion=conclusion,
        title="Lập sổ theo dõi tuyên truyền",
        due_date=dt.date(today.year, 12, 31),
    )
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = _sign_in(browser, base, world.officer)
        page.goto(f"{base}/inspections/{inspection.pk}/")
        expect(page.locator("[data-remediation]")).to_have_text("0/2 kết luận đã khắc phục")
        screenshot(page, "inspection-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "inspection-detail-phone")
        page.set_viewport_size(DESKTOP)

        page.goto(f"{base}/exemplary/new/")
        page.fill("#id_title", "Vận động nhân dân hiến đất làm đường giao thông nông thôn")
        page.fill("#id_description", "Liên hệ ông Tư 0912 345 678.")
        page.select_option("#id_field", "economy")
        page.select_option("#id_area", str(world.commune_c.pk))
        page.click("main form button[type=submit]")
        expect(page.locator("main")).to_contain_text("số điện thoại")  # refused next to the field
        page.fill("#id_description", "Cả xã hiến hơn 12.000 m² đất, làm mới 8 km đường bê tông.")
        page.click("main form button[type=submit]")
        expect(page.locator("h1 [data-status]")).to_have_text("Đã đề nghị")

        model = ExemplaryModel.objects.get()
        page = _sign_in(browser, base, boss)
        page.goto(f"{base}/exemplary/{model.pk}/")
        page.click("[data-transition=review]")
        page.check("input[name=action][value=commend]")
        page.fill("#id_decision_ref", "Quyết định số 125-QĐ/TU")
        page.click("#decision button[type=submit]")
        expect(page.locator("h1 [data-status]")).to_have_text("Được khen thưởng")
        expect(page.locator("[data-decision]")).to_contain_text("Quyết định số 125-QĐ/TU")
        screenshot(page, "exemplary-detail")

        page = _sign_in(browser, base, world.outsider)  # public praise: anyone signed in
        page.goto(f"{base}/exemplary/honour-roll/?year={today.year}")
        expect(page.locator(f"[data-year='{today.year}'] [data-area]")).to_have_text("Xã Cẩm Đức")
        expect(page.locator("main")).to_contain_text("Vận động nhân dân hiến đất làm đường giao thông nông thôn")
        screenshot(page, "exemplary-honour-roll")
        page.set_viewport_size(PHONE)
        screenshot(page, "exemplary-honour-roll-phone")
        browser.close()
    model.refresh_from_db()
    assert (model.status, model.decided_by) == ("commended", world.province_dept_a)
