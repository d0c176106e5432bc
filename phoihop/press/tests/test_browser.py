"""In a real browser: the department's officer looks at the sources page (the health of a
failing source and of a healthy one), presses "Lấy tin ngay" and sees the row wait for the
job (HTMX); pastes lines with one bad line and sees it marked in the preview; opens the
items list. Screenshots (desktop and phone width) go to test-artifacts/ for a person to
look at."""

import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.press import services
from phoihop.press.tests.conftest import feed
from phoihop.press.tests.factories import PressSourceFactory, WatchListFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """Real time here: the browser and the live server run on the clock."""
    yield


def sign_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")


def test_sources_health_poll_now_paste_preview_and_items(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    WatchListFactory(owner=world.target, name="Giải phóng mặt bằng", keywords="giai phong mat bang\nĐắk Lắk")
    good = PressSourceFactory(owner=world.target, name="Báo Phú Yên", feed_url="https://baophuyen.example/rss")
    bad = PressSourceFactory(owner=world.target, name="Báo Đắk Lắk", feed_url="https://baodaklak.example/rss")
    services.source_poll(source=good, fetch=lambda url: feed("rss_phu_yen.xml"))
    services.source_poll(source=bad, fetch=lambda url: feed("not_a_feed.html"))

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        sign_in(page, live_server.url, "officer")

        page.goto(f"{live_server.url}/press/sources/")
        expect(page.locator(f"#health-{bad.pk}")).to_contain_text("trang web (HTML)")
        expect(page.locator(f"#health-{good.pk}")).to_contain_text("Hoạt động tốt")
        page.locator(f"tr[data-source='{good.pk}'] button", has_text="Lấy tin ngay").click()
        expect(page.locator(f"#health-{good.pk}")).to_contain_text("Đang chờ lấy tin…")
        screenshot(page, "press-sources")

        page.goto(f"{live_server.url}/press/items/paste/")
        page.fill(
            "#id_text",
            "21/11/2026 | Báo Phú Yên | Phú Yên đẩy nhanh giải phóng mặt bằng | https://baophuyen.example/a\n"
            "20/11/2026\tBáo Đắk Lắk\tĐắk Lắk: người dân đồng thuận bàn giao đất\thttps://baodaklak.example/b\n"
            "31/11/2026 | Báo Nhân Dân | Ngày sai |\n",
        )
        page.click("button[value=preview]")
        expect(page.locator("tr[data-line='3']")).to_contain_text("không hợp lệ")
        screenshot(page, "press-paste-preview")
        page.set_viewport_size(PHONE)
        screenshot(page, "press-paste-preview-phone")
        page.set_viewport_size(DESKTOP)

        page.goto(f"{live_server.url}/press/items/")
        expect(page.locator("#results")).to_contain_text("Phú Yên đẩy nhanh giải phóng mặt bằng cao tốc")
        screenshot(page, "press-items")
        page.set_viewport_size(PHONE)
        screenshot(page, "press-items-phone")
        browser.close()
