"""In a real browser: the department's officer records a false claim seen in a Zalo group,
verifies it, concludes it false and records the official response; the list shows it.
Screenshots of the claim page and the list (desktop and phone width) go to
test-artifacts/ for a person to look at."""

import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.claims.models import FalseClaim
from phoihop.claims.tests.factories import hot_issue, press_item
from phoihop.core.testing.browser import launch, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


def test_recorded_verified_and_answered(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    issue = hot_issue(world, title="Lo ngại về thu hồi đất làm khu công nghiệp")
    press_item(world, title="Cẩm Đức: chưa có chủ trương thu hồi đất làm sân golf")
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.officer.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.goto(f"{base}/claims/new/")
        page.fill("#id_claim", "Tin đồn xã Cẩm Đức sắp thu hồi toàn bộ đất nông nghiệp để làm sân golf.")
        page.select_option("#id_channel", "messaging")
        page.fill("#id_seen_where", "Nhóm Zalo 0912 345 678")
        page.click("main form button[type=submit]")
        expect(page.locator("main")).to_contain_text("số điện thoại")  # refused next to the field
        page.fill("#id_seen_where", "Nhóm Zalo “Bà con Cẩm Đức”")
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_contain_text("sắp thu hồi toàn bộ đất")

        page.click("[data-transition=verify]")
        page.click("[data-transition=conclude_false]")
        expect(page.locator("h1 [data-status]")).to_have_text("Sai sự thật")
        page.click("#response a.button")
        page.fill("#id_response", "UBND xã Cẩm Đức khẳng định không có chủ trương thu hồi đất làm sân golf.")
        page.fill("#id_response_published_where", "Cổng thông tin điện tử xã Cẩm Đức")
        page.fill("#id_response_url", "https://camduc.example.gov.vn/bac-bo-tin-don")
        page.fill("#id_response_published_on", FalseClaim.objects.get().seen_on.strftime("%d/%m/%Y"))  # today
        page.click("main form button[type=submit]")
        expect(page.locator("#response")).to_contain_text("không có chủ trương thu hồi đất")

        page.select_option("#id_hot_issues", str(issue.pk))
        page.click("#links form.card button[type=submit]")
        expect(page.locator("#links")).to_contain_text("Lo ngại về thu hồi đất")
        screenshot(page, "claims-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "claims-detail-phone")

        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/claims/?q=san+golf")
        expect(page.locator("#results")).to_contain_text("Có 1 thông tin.")
        screenshot(page, "claims-list")
        page.set_viewport_size(PHONE)
        screenshot(page, "claims-list-phone")
        browser.close()
    claim = FalseClaim.objects.get()
    assert (claim.status, claim.seen_where) == ("false", "Nhóm Zalo “Bà con Cẩm Đức”")
