"""In a real browser: the department's officer opens the press conference the commune's
People's Committee invited it to, answers through the page (HTMX, no reload), and finds
the event in the work calendar — on a desktop and on a phone. Screenshots are kept in
test-artifacts/ for a person to look at."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from phoihop.core.testing.browser import launch, screenshot
from phoihop.exchange.models import InvitationResponse, Subject
from phoihop.exchange.tests.factories import make_invitation, make_scene, make_subject
from phoihop.programs.tests.test_browser import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_invitee_answers_and_sees_the_event_in_its_calendar(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    day = timezone.localdate() + dt.timedelta(days=3)
    scene = make_scene(world)
    subject = make_subject(world, scene.program, status=Subject.Status.REGISTERED)
    invitation = make_invitation(world, subject, actor=world.partner, date=day)
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        sign_in(page, base, "officer")
        page.goto(f"{base}/exchange/invitations/{invitation.pk}/")
        expect(page.locator("h1")).to_contain_text("Họp báo thông tin về phiên tòa xét xử lưu động")
        page.check("input[name=answer][value=attending]")
        page.fill("#id_delegates", "2")
        page.fill("#id_positions", "01 Phó Trưởng ban, 01 chuyên viên")
        page.click(f"[data-answer='{world.target.pk}']")
        expect(page.locator("#invitees")).to_contain_text("2 đại biểu: 01 Phó Trưởng ban, 01 chuyên viên")
        assert InvitationResponse.objects.get(organization=world.target).answer == "attending"
        screenshot(page, "invitation")
        page.goto(f"{base}/exchange/calendar/?month={day:%Y-%m}")
        expect(page.locator(".calendar")).to_contain_text("09:00 · Họp báo thông tin về phiên tòa xét xử lưu động")
        screenshot(page, "work-calendar")

        phone = browser.new_page(viewport=PHONE)
        sign_in(phone, base, "officer")
        phone.goto(f"{base}/exchange/invitations/{invitation.pk}/")
        expect(phone.locator("#invitees")).to_contain_text("Tham dự")
        screenshot(phone, "invitation-phone")
        phone.goto(f"{base}/exchange/calendar/?month={day:%Y-%m}")
        expect(phone.locator(".calendar")).to_contain_text("Họp báo thông tin về phiên tòa xét xử lưu động")
        screenshot(phone, "work-calendar-phone")
        browser.close()
