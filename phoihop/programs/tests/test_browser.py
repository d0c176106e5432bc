"""In a real browser: the lead's officer drafts and signs a programme, adds a plan and a
task with the partner; the partner's focal point reports its own part inline (HTMX)."""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.programs.models import Program, ProgressReport, Task

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


def test_programme_signed_planned_and_reported_by_the_partner(live_server, world):
    from playwright.sync_api import expect, sync_playwright

    today = timezone.localdate()
    due = today + dt.timedelta(days=7)
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, locale="vi-VN")

        # --- the officer of the lead drafts the programme ---
        sign_in(page, base, "officer")
        expect(page.locator("h1")).to_have_text("Việc của tôi")
        page.click("nav.mainnav >> text=Chương trình phối hợp")
        expect(page.locator("h1")).to_have_text("Chương trình phối hợp")
        page.click("text=Thêm chương trình")
        page.fill("#id_title", "Chương trình phối hợp tuyên truyền xã Cẩm Đức giai đoạn 2026–2030")
        page.fill("#id_number_symbol", "01-CTr/ĐU-UBND")
        page.select_option("#id_kind", Program.Kind.OTHER)
        page.fill("#id_start_year", "2026")
        page.fill("#id_end_year", "2030")
        page.select_option("#id_parties-0-organization", str(world.target.pk))
        page.select_option("#id_parties-0-role", "lead")
        page.fill("#id_parties-0-responsibilities", "Chủ trì xây dựng kế hoạch hằng năm")
        page.select_option("#id_parties-1-organization", str(world.commune_committee.pk))
        page.select_option("#id_parties-1-role", "partner")
        page.fill("#id_parties-1-responsibilities", "Cung cấp thông tin, phối hợp tuyên truyền")
        page.fill(
            "#id_content_items", "Tuyên truyền chủ trương của Đảng\nCung cấp thông tin định kỳ\nĐối thoại với Nhân dân"
        )
        page.fill("#id_legal_bases", "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)")
        page.fill("#id_info_day", "25")
        page.fill("#id_adhoc_hours", "24")
        screenshot(page, "program-form")
        page.click("form button[type=submit] >> text=Lưu")
        expect(page.locator("#content-items")).to_contain_text("Một là, Tuyên truyền chủ trương của Đảng")
        expect(page.locator("#content-items")).to_contain_text("Ba là, Đối thoại với Nhân dân")

        # --- both parties sign, then the programme is signed and put in force ---
        for org, name, position in (
            (world.target, "Nguyễn Văn An", "Bí thư Đảng ủy"),
            (world.commune_committee, "Trần Thị Bình", "Chủ tịch UBND xã"),
        ):
            page.select_option("#id_sig-organization", str(org.pk))
            page.fill("#id_sig-signer_name", name)
            page.fill("#id_sig-signer_position", position)
            page.fill("#id_sig-place", "Xã Cẩm Đức")
            page.click("text=Ghi nhận chữ ký >> nth=-1")
            expect(page.locator("#signatures")).to_contain_text(name)
        expect(page.locator("#id_sig-organization")).to_have_count(0)
        page.click("[data-transition=sign]")
        expect(page.locator("h1 .status")).to_have_text("Đã ký kết")
        page.click("[data-transition=put_in_force]")
        expect(page.locator("h1 .status")).to_have_text("Đang thực hiện")
        expect(page.locator("[data-transition=sign]")).to_have_count(0)
        screenshot(page, "program-detail")
        page.goto(f"{base}/programs/?q=cam duc")
        expect(page.locator("#results")).to_contain_text("01-CTr/ĐU-UBND")
        screenshot(page, "program-list")
        page.set_viewport_size(PHONE)
        screenshot(page, "program-list-phone")
        page.go_back()
        page.set_viewport_size(PHONE)
        screenshot(page, "program-detail-phone")
        page.set_viewport_size(DESKTOP)

        # --- a plan for the year and a task with the partner ---
        page.click("text=Thêm kế hoạch năm")
        expect(page.locator("#id_year")).to_have_value("2026")
        page.click("form button[type=submit] >> text=Lưu")
        expect(page.locator("h1")).to_contain_text("Kế hoạch thực hiện năm 2026")
        page.click("text=Thêm nhiệm vụ")
        page.fill("#id_title", "Tuyên truyền kỷ niệm ngày thành lập xã")
        page.select_option("#id_lead", str(world.target.pk))
        page.check(f"input[name=partners][value='{world.commune_committee.pk}']")
        page.fill("#id_due_date", due.strftime("%d/%m/%Y"))
        page.select_option("#id_phase", "during")
        page.check("input[name=channels][value=press]")
        page.check("input[name=channels][value=social]")
        page.fill("#id_expected_product", "Tin, bài trên trang thông tin điện tử xã")
        screenshot(page, "task-form")
        page.click("form button[type=submit] >> text=Lưu")
        expect(page.locator("h1")).to_have_text("Tuyên truyền kỷ niệm ngày thành lập xã")
        task = Task.objects.get()
        page.goto(f"{base}/programs/plans/{task.plan_id}/")
        expect(page.locator("#tasks")).to_contain_text(world.commune_committee.name)
        expect(page.locator("#tasks")).to_contain_text("Báo chí, Mạng xã hội")
        screenshot(page, "plan-detail")
        sign_out(page)

        # --- the partner's focal point finds the task in its work and reports its part ---
        sign_in(page, base, "partner")
        expect(page.locator("#my-tasks")).to_contain_text("Tuyên truyền kỷ niệm ngày thành lập xã")
        screenshot(page, "my-work")
        page.click("#my-tasks >> text=Tuyên truyền kỷ niệm ngày thành lập xã")
        partner_part = task.parts.get(organization=world.commune_committee)
        lead_part = task.parts.get(organization=world.target)
        expect(page.locator(f"#part-{lead_part.pk} form")).to_have_count(0)
        card = page.locator(f"#part-{partner_part.pk}")
        card.locator("summary >> text=Báo cáo tiến độ").click()
        prefix = f"#id_part{partner_part.pk}-"
        page.fill(prefix + "progress", "60")
        page.fill(prefix + "note", "Đã đăng tin, bài trên trang của xã")
        page.fill(prefix + "evidence_links", "https://camduc.gov.vn/tin-tuc/ky-niem")
        page.fill(prefix + "evidence_counts", "12 bài viết\n3 hội nghị")
        page.evaluate("window.__no_reload = true")
        card.locator("button[type=submit]").click()
        card = page.locator(f"#part-{partner_part.pk}")
        expect(card).to_contain_text("Đã cập nhật tiến độ.")
        expect(card.locator(".progress__label")).to_have_text("60%")
        expect(card).to_contain_text("12 bài viết")
        expect(page.locator("#task-progress .progress__label")).to_have_text("30%")
        assert page.evaluate("window.__no_reload") is True  # swapped in place, no page load
        screenshot(page, "task-detail-reported")

        # a backwards report without a reason is refused in place
        card.locator("summary >> text=Báo cáo tiến độ").click()
        page.fill(prefix + "progress", "40")
        card.locator("button[type=submit]").click()
        expect(page.locator(f"#part-{partner_part.pk}")).to_contain_text(
            "Tiến độ giảm từ 60% xuống 40%: hãy nêu lý do."
        )
        screenshot(page, "task-detail-refused")
        page.set_viewport_size(PHONE)
        page.reload()
        expect(page.locator("[data-toggle-nav]")).to_be_visible()
        screenshot(page, "task-detail-phone")

        page.goto(f"{base}/programs/tasks/calendar/?month={due:%Y-%m}")
        expect(page.locator(".calendar")).to_contain_text("Tuyên truyền kỷ niệm ngày thành lập xã")
        screenshot(page, "task-calendar-phone")
        page.set_viewport_size(DESKTOP)
        page.reload()
        screenshot(page, "task-calendar")
        page.goto(f"{base}/programs/tasks/")
        # The organisation filter's options come when it is in view, then filter as usual.
        organization = page.locator("#id_organization option")
        expect(organization).to_have_count(3)  # "Tất cả" and the two parties, fetched on demand
        page.select_option("#id_organization", str(world.commune_committee.pk))
        expect(page).to_have_url(re.compile(rf"/programs/tasks/\?.*organization={world.commune_committee.pk}(&|$)"))
        expect(page.locator("#results")).to_contain_text("Tuyên truyền kỷ niệm ngày thành lập xã")
        screenshot(page, "task-list")
        browser.close()

    assert ProgressReport.objects.count() == 1
    partner_part.refresh_from_db()
    assert partner_part.progress == 60
    assert partner_part.evidence_counts == [{"label": "bài viết", "count": 12}, {"label": "hội nghị", "count": 3}]
