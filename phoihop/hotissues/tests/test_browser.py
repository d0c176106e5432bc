"""In a real browser, issue 5's path from the field to the leader's desk: a collaborator
files the month's opinion report through the form, with an item flagged hot; the
department's officer opens the triage queue, opens a hot issue from the item, moves it to
assessing and advised, escalates it to the standing committee with a reason; the leader
signs in and sees it on "Việc của tôi". Screenshots of the triage queue, the issue page
(desktop and phone width) and the list go to test-artifacts/ for a person to look at."""

import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.models import OpinionItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def sign_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")


def sign_out(page):
    page.click("details.usermenu summary")
    page.click("details.usermenu button[type=submit]")


def step(page, action: str, reason: str):
    form = page.locator(f"form.transition:has(button[data-transition={action}])")
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()


def test_from_a_flagged_item_to_the_leaders_desk(live_server, world, people):
    from playwright.sync_api import expect, sync_playwright

    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")

        sign_in(page, base, "ctv")
        page.goto(f"{base}/opinion/reports/new/")
        expect(page.locator("h1")).to_contain_text("Viết báo cáo dư luận")
        # the latest period the calendar offers (whatever today is)
        period = page.eval_on_selector("#id_period", "s => [...s.options].map(o => o.value).filter(v => v).pop()")
        page.select_option("#id_period", period)
        page.select_option("#id_items-0-topic", label="Đất đai, giải phóng mặt bằng")
        page.select_option("#id_items-0-direction", "worried")
        page.select_option("#id_items-0-intensity", "high")
        page.select_option("#id_items-0-breadth", "many")
        page.fill("#id_items-0-summary", "Lo lắng về tiến độ bồi thường giải phóng mặt bằng đường ven biển.")
        page.check("#id_items-0-flagged_hot")
        page.click("button[name=submit]")
        expect(page.locator("main")).to_contain_text("Đã nộp")
        sign_out(page)
        item = OpinionItem.objects.get(flagged_hot=True, report__collaborator=people.collaborator)
        assert item.report.status == "submitted"

        sign_in(page, base, "officer")
        page.goto(f"{base}/hot-issues/triage/")
        expect(page.locator(f"#opinion-{item.pk}")).to_contain_text("giải phóng mặt bằng")
        screenshot(page, "hotissues-triage")
        page.locator(f"#opinion-{item.pk}").get_by_text("Mở vấn đề nổi cộm").click()
        expect(page.locator("h1")).to_contain_text("Mở vấn đề nổi cộm")
        page.fill("#id_title", "Lo lắng về tiến độ bồi thường giải phóng mặt bằng đường ven biển")
        page.select_option("#id_severity", "high")
        page.check("#id_is_prominent")
        page.check("#id_is_sensitive")
        page.click("main form button[type=submit]")
        expect(page.locator("#status")).to_have_text("Mới phát hiện")
        expect(page.locator("#sources")).to_contain_text("Dư luận xã hội")

        step(page, "assess", "Phối hợp UBND xã xác minh tại thôn 3")
        expect(page.locator("#status")).to_have_text("Đang đánh giá")
        step(page, "advise", "Đã tham mưu Thường trực Đảng ủy tổ chức đối thoại")
        expect(page.locator("#status")).to_have_text("Đã tham mưu")
        step(page, "escalate", "Nhiều hộ dân kiến nghị, cần Ban Thường vụ chỉ đạo")
        expect(page.locator("#status")).to_have_text("Đã báo cáo Ban Thường vụ")
        expect(page.locator("#timeline")).to_contain_text("Nhiều hộ dân kiến nghị, cần Ban Thường vụ chỉ đạo")
        screenshot(page, "hotissues-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "hotissues-detail-phone")
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/hot-issues/")
        expect(page.locator("#results")).to_contain_text("Lo lắng về tiến độ bồi thường")
        screenshot(page, "hotissues-list")
        sign_out(page)

        sign_in(page, base, "leader")
        page.goto(f"{base}/")
        issue = HotIssue.objects.get()
        box = page.locator("#my-hot-issues")
        expect(box).to_contain_text("Đã báo cáo Ban Thường vụ, chờ triển khai xử lý")
        expect(box.locator(f"a[href='/hot-issues/{issue.pk}/']")).to_have_text(issue.title)
        screenshot(page, "hotissues-my-work")
        browser.close()
