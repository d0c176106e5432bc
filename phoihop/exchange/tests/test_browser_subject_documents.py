"""In a real browser: the commune People's Committee's focal point attaches a PDF to its
subject; the department's officer sees it in the "Tài liệu" card and downloads it
(desktop and phone width)."""

import os

import pytest

from phoihop.core.testing.browser import launch, screenshot
from phoihop.documents.tests.files import pdf
from phoihop.exchange.models import Subject
from phoihop.exchange.tests.factories import make_scene, make_subject
from phoihop.programs.tests.test_browser import DESKTOP, PHONE, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TITLE = "Tờ trình tổ chức phiên tòa lưu động"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_focal_point_attaches_and_the_department_downloads(live_server, world, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    subject = make_subject(world, make_scene(world).program, status=Subject.Status.REGISTERED)
    file = tmp_path / "to-trinh.pdf"
    file.write_bytes(pdf())
    address = f"{live_server.url}/exchange/subjects/{subject.pk}/"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport=DESKTOP)
        sign_in(page, live_server.url, world.partner.username)
        page.goto(address)
        form = page.locator("form.document-form")
        form.locator("input[type=file]").set_input_files(str(file))
        form.locator("input[name=title]").fill(TITLE)
        form.locator("input[name=number_symbol]").fill("12/TTr-UBND")
        form.locator("input[name=issued_on]").fill("04/05/2026")
        form.locator("[data-attach]").click()
        expect(page.locator("#documents")).to_contain_text(TITLE)
        screenshot(page, "subject-documents-owner")
        sign_out(page)
        sign_in(page, live_server.url, world.officer.username)
        page.goto(address)
        card = page.locator("#documents")
        expect(card).to_contain_text("12/TTr-UBND · 04/05/2026")
        expect(card.locator("[data-attach]")).to_have_count(0)
        with page.expect_download() as download:
            card.get_by_text("Tải về").click()
        assert download.value.suggested_filename == "to-trinh.pdf"
        card.scroll_into_view_if_needed()
        screenshot(page, "subject-documents-department")
        page.set_viewport_size(PHONE)
        screenshot(page, "subject-documents-phone")
        browser.close()
