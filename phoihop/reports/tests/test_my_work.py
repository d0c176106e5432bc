"""“Việc của tôi”: the drafts of the organisations the user edits for."""

import pytest
from django.urls import reverse

from phoihop.accounts.tests.budgets import MY_WORK_QUERIES
from phoihop.reports import services
from phoihop.reports.tests.factories import ReportFactory, make_report, write_sections

pytestmark = pytest.mark.django_db
MY_WORK = reverse("accounts:my_work")


def test_editors_see_their_drafts_not_issued_ones(world, client_for, people):
    draft = make_report(world)
    issued = write_sections(make_report(world, quarter=2), world.officer)
    services.report_issue(actor=world.officer, report=issued, expected_version=issued.version)
    ReportFactory(issuer=world.province_dept_b, title="Dự thảo của tỉnh khác")
    html = client_for(world.officer).get(MY_WORK).content.decode()
    assert "Báo cáo dự thảo" in html and reverse("reports:detail", args=[draft.pk]) in html
    assert reverse("reports:detail", args=[issued.pk]) not in html and "Dự thảo của tỉnh khác" not in html
    for reader in (world.upper, people.collaborator):
        assert "Báo cáo dự thảo" not in client_for(reader).get(MY_WORK).content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_section_keeps_the_page_within_its_budget(world, client_for, django_assert_max_num_queries, rows):
    ReportFactory.create_batch(rows, issuer=world.target)
    client = client_for(world.officer)
    with django_assert_max_num_queries(MY_WORK_QUERIES):
        assert "Báo cáo dự thảo" in client.get(MY_WORK).content.decode()
