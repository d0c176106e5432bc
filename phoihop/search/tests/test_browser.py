"""In a real browser: the officer types "dat dai" in the header's search box on any page,
gets the programme, the hot issue and the document body that speak of "đất đai", marked,
filters by kind; the page holds at phone width. Screenshots go to test-artifacts/."""

import io
import os

import docx
import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.documents import services as document_services
from phoihop.documents.tests.files import upload
from phoihop.programs.tests.factories import make_program
from phoihop.search import jobs
from phoihop.search.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_search_from_the_header_marks_and_filters(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    make_program(
        world,
        title="Tuyên truyền Luật Đất đai năm 2024 tại xã Cẩm Đức",
        purpose="Phổ biến chính sách bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất.",
    )
    factories.hot_issue(
        world.target, world.commune_c, "Khiếu nại kéo dài về đất đai ở thôn 3", "Nhiều hộ chưa đồng thuận phương án."
    )
    body = docx.Document()
    body.add_paragraph("Tình hình chung trên địa bàn ổn định.")
    body.add_paragraph("Dư luận quan tâm đến việc cấp giấy chứng nhận quyền sử dụng đất đai cho các hộ ở Đắk Lắk.")
    data = io.BytesIO()
    body.save(data)
    document = document_services.document_create(
        actor=world.officer, owner=world.target, title="Báo cáo tháng 11/2026", file=upload("bc.docx", data.getvalue())
    )
    jobs.extract_document_text(document.pk)

    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")
        page.goto(f"{base}/login/")
        page.fill("#id_username", "officer")
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.fill("#topbar-q", "dat dai")
        page.press("#topbar-q", "Enter")
        expect(page.locator("h1")).to_have_text("Tìm kiếm")
        expect(page.locator(".search-hit")).to_have_count(3)
        title = page.locator(".search-hit__title").filter(has_text="Luật Đất đai")
        assert "Luật <mark>Đất</mark> <mark>đai</mark> năm 2024" in title.inner_html()
        expect(page.locator(".search-hit__snippet").filter(has_text="Đắk Lắk")).to_have_count(1)
        screenshot(page, "search-results")

        page.click(".search-kinds >> text=Vấn đề nổi cộm")
        expect(page.locator(".search-hit")).to_have_count(1)
        expect(page.locator(".search-hit__title")).to_contain_text("Khiếu nại kéo dài")

        page.set_viewport_size(PHONE)
        page.goto(f"{base}/search/?q=dak+la")
        expect(page.locator(".search-hit")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "search-results-phone")
        browser.close()
