"""In a real browser: the People's Committee's focal point provides the month's
information from the programme's matrix, the Party committee's officer acknowledges it
with one click (HTMX), and the matrix shows the states. Screenshots of the matrix
(desktop and phone width: it scrolls sideways) and of the provision page go to
test-artifacts/ for a person to look at."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.programs.tests.factories import make_program
from phoihop.provisions import services
from phoihop.provisions.models import InformationProvision

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


def test_provided_acknowledged_and_tracked(live_server, world, settings, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    program = make_program(
        world,
        title="Chương trình phối hợp cung cấp thông tin xã Cẩm Đức",
        start_year=today.year - 1,
        end_year=today.year + 1,
        signed_on=dt.date(today.year - 1, 1, 10),
        info_frequency="monthly",
        info_day=25,
        adhoc_hours=24,
    )
    # Last year's months: on time, except November late and December missing.
    for month in range(1, 12):
        due = dt.date(today.year - 1, month, 25)
        day = due + dt.timedelta(days=2) if month == 11 else due - dt.timedelta(days=1)
        services.provision_provide(
            actor=None, program=program, provider=world.commune_committee, receiver=world.target, kind="periodic",
            year=today.year - 1, period=month, content=f"Tình hình tháng {month}",
            provided_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
        )  # fmt: skip
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")

        sign_in(page, base, "partner")
        page.goto(f"{base}/provisions/matrix/{program.pk}/{today.year}/")
        expect(page.locator("h1")).to_contain_text(f"Bảng theo dõi cung cấp thông tin năm {today.year}")
        page.click("main >> text=Gửi thông tin")
        page.fill("#id_content", "Tình hình kinh tế - xã hội, an ninh trật tự trên địa bàn xã ổn định.")
        # The form offers the oldest period still owed first: last December, missing until now.
        expect(page.locator("#id_period")).to_have_value(f"{today.year - 1}-12")
        page.click("main form button[type=submit]")
        expect(page.locator("#acknowledgement")).to_contain_text("chưa xác nhận đã nhận")
        expect(page.locator("h1")).to_contain_text(f"Tháng 12/{today.year - 1}")
        sign_out(page)

        provision = InformationProvision.objects.filter(provided_by__isnull=False).get()
        sign_in(page, base, "officer")
        page.goto(f"{base}/provisions/{provision.pk}/")
        page.click("#acknowledgement button")
        expect(page.locator("#acknowledgement")).to_contain_text("Đã xác nhận")
        screenshot(page, "provisions-detail-desktop")

        page.goto(f"{base}/provisions/matrix/{program.pk}/{today.year - 1}/")
        expect(page.locator("#matrix td[data-state=late]")).to_have_count(2)  # November, and December just now
        expect(page.locator("#matrix td[data-state=on_time]")).to_have_count(10)
        expect(page.locator("#matrix td[data-state=missing]")).to_have_count(0)
        screenshot(page, "provisions-matrix-desktop")
        page.set_viewport_size(PHONE)
        page.reload()
        wrap = page.locator(".matrix-wrap")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")  # the matrix scrolls, the page does not
        # Whatever sticks out of the page (nothing: the matrix scrolls inside its frame).
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            ".filter(e => !e.closest('.matrix-wrap') || e.classList.contains('matrix-wrap'))"
            ".map(e => e.tagName + '.' + e.className)"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), wide
        screenshot(page, "provisions-matrix-phone")
        page.goto(f"{base}/provisions/matrix/{program.pk}/{today.year}/")
        screenshot(page, "provisions-matrix-this-year-phone")
        browser.close()
    provision.refresh_from_db()
    assert provision.acknowledged_by == world.officer
