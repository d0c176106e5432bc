"""In a real browser: the officer uploads a document shared with the People's Committee,
the committee's focal point finds it searching without diacritics, downloads it and
enters it in its incoming register. Screenshots of the list, the document page (desktop
and phone width) and the register go to test-artifacts/ for a person to look at."""

import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.documents.models import Document, IncomingEntry
from phoihop.documents.tests.factories import make_document
from phoihop.documents.tests.files import pdf

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


def test_uploaded_shared_found_downloaded_and_registered(live_server, world, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    make_document(world, title="Báo cáo dư luận xã hội quý I/2026", number_symbol="05-BC/ĐU", content=pdf("dư luận"))
    make_document(
        world,
        title="Công văn về tình hình địa bàn",
        number_symbol="07-CV/ĐU",
        classification="confidential",
        secrecy_level="secret",
    )
    leaflet = tmp_path / "Kế hoạch tuyên truyền Đại hội.pdf"
    leaflet.write_bytes(pdf("Đại hội"))
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")

        sign_in(page, base, "officer")
        page.click("nav.mainnav >> text=Tài liệu")
        expect(page.locator("h1")).to_have_text("Tài liệu")
        page.click("text=Tải lên tài liệu")
        page.fill("#id_title", "Kế hoạch tuyên truyền Đại hội Đảng bộ xã")
        page.fill("#id_number_symbol", "93-KH/ĐU")
        page.fill("#id_issued_on", "02/03/2026")
        page.fill("#id_issuer", "Đảng ủy xã Cẩm Đức")
        page.set_input_files("#id_file", str(leaflet))
        page.select_option("#id_shared_with", str(world.commune_committee.pk))
        page.click("main button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Kế hoạch tuyên truyền Đại hội Đảng bộ xã")
        expect(page.locator("#versions")).to_contain_text("Kế hoạch tuyên truyền Đại hội.pdf")
        screenshot(page, "documents-detail-desktop")
        page.goto(f"{base}/documents/")
        screenshot(page, "documents-list-desktop")
        sign_out(page)

        sign_in(page, base, "partner")
        page.goto(f"{base}/documents/")
        page.fill("#id_q", "dai hoi")
        expect(page.locator("#results")).to_contain_text("Có 1 tài liệu.")
        page.click("#results >> text=Kế hoạch tuyên truyền Đại hội Đảng bộ xã")
        with page.expect_download() as download:
            page.click("#versions >> text=Kế hoạch tuyên truyền Đại hội.pdf")
        assert download.value.suggested_filename == "Kế hoạch tuyên truyền Đại hội.pdf"
        page.click("text=Vào sổ của Ủy ban nhân dân xã Cẩm Đức")
        page.click("#register-form button[type=submit]")
        expect(page.locator("#results")).to_contain_text("Kế hoạch tuyên truyền Đại hội Đảng bộ xã")
        screenshot(page, "documents-register-desktop")

        page.set_viewport_size(PHONE)
        page.goto(f"{base}/documents/{Document.objects.get(title='Kế hoạch tuyên truyền Đại hội Đảng bộ xã').pk}/")
        screenshot(page, "documents-detail-phone")
        browser.close()

    entry = IncomingEntry.objects.get()
    assert (entry.number, entry.receiving_organization) == (1, world.commune_committee)
