"""In a real browser: sign in, find an organisation without diacritics, read its lineage."""

import datetime as dt
import os

import pytest

from phoihop.accounts.tests.factories import TEST_PASSWORD
from phoihop.core.testing.browser import launch, screenshot
from phoihop.organisations import services
from phoihop.organisations.models import Level, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def chain(world):
    """Tuyên giáo + Dân vận of the province merge on 01/03/2026; the officer's
    organisation, in the same province, sees them."""
    start = dt.date(2025, 7, 1)
    kw = {"level": Level.PROVINCE, "administrative_unit": world.province_a, "valid_from": start}
    tg = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy An Hòa", kind="propaganda", issuer_code="BTGTU", **kw)
    dv = OrganizationFactory(name="Ban Dân vận Tỉnh ủy An Hòa", kind="mass_mobilisation", issuer_code="BDVTU", **kw)
    kw["valid_from"] = dt.date(2026, 3, 1)
    merged = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa (mới)", kind="propaganda_mass_mobilisation", **kw
    )
    services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.MERGE,
        effective_date=dt.date(2026, 3, 1),
        legal_basis="Quyết định số 99-QĐ/TU, ngày 20/02/2026 của Tỉnh ủy",
        predecessors=[tg, dv],
        successors=[merged],
    )
    return tg, dv, merged


def test_officer_signs_in_searches_without_diacritics_and_reads_lineage(live_server, world, chain):
    from playwright.sync_api import expect, sync_playwright

    UnitFactory  # noqa: B018 — the world fixture built the areas
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "upper")
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        expect(page.locator("h1")).to_have_text("Việc của tôi")

        page.click("nav.mainnav >> text=Cơ quan, đơn vị")
        expect(page.locator("h1")).to_contain_text("Cơ quan")
        page.fill("main input[name=q]", "tuyen giao an hoa")  # not the header's search box
        page.keyboard.press("Enter")
        results = page.locator("#results")
        expect(results).to_contain_text("Ban Tuyên giáo Tỉnh ủy An Hòa")
        expect(results).not_to_contain_text("Ban Dân vận Tỉnh ủy An Hòa")
        screenshot(page, "organisation-list-search")

        results.get_by_role("link", name="Ban Tuyên giáo Tỉnh ủy An Hòa").click()
        lineage = page.locator("#lineage")
        expect(lineage).to_contain_text("Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa (mới)")
        expect(lineage).to_contain_text("01/03/2026")
        expect(lineage).to_contain_text("Quyết định số 99-QĐ/TU")
        screenshot(page, "organisation-lineage")

        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        expect(page.locator("[data-toggle-nav]")).to_be_visible()
        screenshot(page, "organisation-lineage-phone")
        browser.close()
