"""The issue's path in a real browser: the commune's officer opens the quarterly dashboard,
drafts the quarterly report from it, asks for the files (a background job: the page shows
it waiting, the worker runs it, the page shows the files), and downloads the DOCX — an
official Party document of the commune's Party committee, read back here.
Screenshots (dashboard, report page, files) go to test-artifacts/ for a person to look at."""

import io
import os

import pytest
from docx import Document as DocxDocument

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.dashboards.tests import builders as b
from phoihop.reports import jobs
from phoihop.reports.models import Report, ReportFile, ReportRun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
TITLE = "Kết quả thực hiện quý III năm 2026 và nhiệm vụ trọng tâm quý IV năm 2026"


@pytest.fixture(autouse=True)
def _today():
    """The live server runs on the real clock (no frozen time in a browser test)."""
    yield


@pytest.fixture
def queued_only(monkeypatch):
    """No job cluster runs in the test: a queued job stays queued until the test runs it."""
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: "test-task")


def test_dashboard_quarterly_report_docx(live_server, world, people, queued_only):
    from playwright.sync_api import expect, sync_playwright

    b.rows_of_every_kind(world, people.collaborator, world.target, 6)  # the third quarter of 2026
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
        page.goto(f"{base}/login/")
        page.fill("#id_username", world.officer.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")

        page.goto(f"{base}/dashboards/org/{world.target.pk}/?year=2026&quarter=3")
        expect(page.locator("h1")).to_contain_text("Quý III/2026")
        screenshot(page, "issue6-dashboard-quarter")
        page.click("a:has-text('Tạo báo cáo quý')")
        expect(page.locator("#id_quarter")).to_have_value("3")  # prefilled from the dashboard
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_contain_text(TITLE)
        expect(page.locator(".official-header")).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")
        # every counted figure links to the records it counts
        expect(page.locator("main a[href*='/figures/tasks.']").first).to_be_visible()

        page.click("button:has-text('Tạo tệp DOCX, XLSX, PDF')")
        expect(page.locator("#report-files")).to_contain_text("Đang chờ")  # queued: progress shown
        screenshot(page, "issue6-report-queued")
        page.goto("about:blank")  # the worker writes while no page is polling
        run = ReportRun.objects.get()
        assert jobs.run_generation(run.pk) == ReportRun.Status.DONE

        report = Report.objects.get()
        page.goto(f"{base}/reports/{report.pk}/")
        expect(page.locator("#report-files")).to_contain_text("Hoàn thành")
        screenshot(page, "issue6-report-files")
        with page.expect_download() as download_info:
            page.click("#report-files a:has-text('DOCX')")
        download = download_info.value
        data = open(download.path(), "rb").read()  # noqa: SIM115 — a temporary file Playwright removes
        browser.close()

    assert download.suggested_filename.endswith(".docx")
    assert set(ReportFile.objects.values_list("format", flat=True)) == {"docx", "xlsx", "pdf"}
    document = DocxDocument(io.BytesIO(data))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [paragraph.text for paragraph in document.paragraphs]
    everything = "\n".join(texts)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in everything and "ĐẢNG ỦY XÃ CẨM ĐỨC" in everything
    assert "BÁO CÁO" in everything and TITLE.upper() in everything
    assert "DỰ THẢO" in everything  # a draft until it is issued
