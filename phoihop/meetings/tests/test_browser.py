"""In a real browser: the organiser's officer records a conclusion of a held briefing, turns
it into a task (first with a lead that did not take part: refused, naming the rule), and
the page shows the task and the progress of the conclusions. Screenshots of the meeting
page (desktop and phone width) and the list go to test-artifacts/ for a person to look at."""

import datetime as dt
import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.meetings.models import MeetingConclusion
from phoihop.meetings.tests.factories import make_scene
from phoihop.programs import services as program_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


def test_a_conclusion_becomes_a_task_and_the_page_shows_progress(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    scene = make_scene(world)
    meeting = scene.meeting
    due = f"31/12/{scene.plan.year}"
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.officer.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.goto(f"{base}/meetings/{meeting.pk}/")
        page.fill("#conclusion-add textarea[name=text]", "Ba là: tổ chức hội nghị biểu dương mô hình “Dân vận khéo”.")
        page.click("#conclusion-add button[type=submit]")
        conclusion = MeetingConclusion.objects.get(meeting=meeting, number=3)
        item = page.locator(f"#conclusion-{conclusion.pk}")
        expect(item).to_contain_text("Dân vận khéo")

        prefix = f"t{conclusion.pk}"
        item.locator("summary", has_text="Giao thành nhiệm vụ").click()
        page.evaluate(  # a lead that did not take part, as a stale or forged form would send
            "([id, value]) => { const s = document.getElementById(id); s.add(new Option('x', value)); "
            "s.value = value; }",
            [f"id_{prefix}-lead", str(world.province_dept_a.pk)],
        )
        page.fill(f"#id_{prefix}-due_date", due)
        item.locator("[data-action=make-task]").click()
        item = page.locator(f"#conclusion-{conclusion.pk}")
        expect(item).to_contain_text("phải là một cơ quan tham dự hội nghị")

        page.select_option(f"#id_{prefix}-lead", str(world.commune_committee.pk))
        page.select_option(f"#id_{prefix}-partners", str(world.target.pk))
        page.fill(f"#id_{prefix}-due_date", due)
        item.locator("[data-action=make-task]").click()
        item = page.locator(f"#conclusion-{conclusion.pk}")
        expect(item).to_contain_text("Ủy ban nhân dân xã Cẩm Đức")
        expect(page.locator("#conclusion-progress .progress__label")).to_have_text("0/3 kết luận đã hoàn thành")

        task = MeetingConclusion.objects.get(pk=conclusion.pk).task
        program_services.task_transition(
            actor=world.officer,
            task=task,
            action="complete",
            expected_version=task.version,
            completed_on=dt.date.today(),
        )
        page.reload()
        expect(page.locator("#conclusion-progress .progress__label")).to_have_text("1/3 kết luận đã hoàn thành")
        expect(page.locator(f"#conclusion-{conclusion.pk}")).to_contain_text("Hoàn thành đúng hạn")
        screenshot(page, "meetings-detail")
        page.set_viewport_size(PHONE)
        screenshot(page, "meetings-detail-phone")

        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/meetings/?status=held")
        expect(page.locator("#results")).to_contain_text("1/3 hoàn thành")
        screenshot(page, "meetings-list")
        page.set_viewport_size(PHONE)
        screenshot(page, "meetings-list-phone")
        page.goto(f"{base}/meetings/new/")
        screenshot(page, "meetings-form-phone")
        browser.close()
