"""In a real browser: the commune's officer drafts the quarterly report from the form,
writes its required sections, issues it and sees its number "Số 1-BC/ĐU". Screenshots of
the report page (desktop and phone width) and the form go to test-artifacts/."""

import os

import pytest
from django.utils import timezone

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.reports.models import Report

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


def test_draft_write_and_issue_a_quarterly_report(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1  # the running quarter: drafted while it runs
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.officer.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.goto(f"{base}/reports/new/?kind=quarterly&scope_kind=organization&organization={world.target.pk}")
        page.fill("#id_year", str(today.year))
        page.click("main form button[type=submit]")
        expect(page.locator("main form")).to_contain_text("Hãy chọn kỳ báo cáo.")  # no quarter chosen
        page.select_option("#id_quarter", str(quarter))
        screenshot(page, "reports-form")
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_contain_text(f"Kết quả thực hiện quý {ROMAN[quarter]} năm {today.year}")
        expect(page.locator(".official-header")).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")

        page.click("text=Sửa dự thảo")
        page.fill("#id_section_results", "Tổ chức 3 hội nghị tuyên truyền; 12/15 nhiệm vụ hoàn thành đúng hạn.")
        page.fill("#id_section_next", "Tiếp tục nắm tình hình dư luận về giải phóng mặt bằng.")
        page.fill("#id_signer_title", "BÍ THƯ")
        page.fill("#id_signer_name", "Nguyễn Văn An")
        page.click("main form button[type=submit]")
        expect(page.locator("main")).to_contain_text("12/15 nhiệm vụ")

        page.click("form[action$='/issue/'] button[type=submit]")
        expect(page.locator(".official-header")).to_contain_text("Số 1-BC/ĐU")
        expect(page.locator("main")).to_contain_text("Đã ban hành")
        screenshot(page, "reports-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "reports-detail-phone")
        browser.close()
    report = Report.objects.get()
    assert (report.status, report.number_symbol, report.signer_name) == ("issued", "Số 1-BC/ĐU", "Nguyễn Văn An")
