"""Bad input found in review that once crashed (500) or grew with rows, now refused or flat."""

import pytest
from django.urls import reverse

from phoihop.claims.tests.factories import make_claim
from phoihop.hotissues.tests.factories import make_issue, make_report_item
from phoihop.programs.tests.test_api_common import client_of

pytestmark = pytest.mark.django_db


def test_the_triage_queue_costs_the_same_for_3_or_30_flagged_items(world, people, client_for,
                                                                   django_assert_max_num_queries):  # fmt: skip
    client = client_for(world.officer)
    for _ in range(3):
        make_report_item(world, people.collaborator)
    with django_assert_max_num_queries(10) as few:
        assert client.get(reverse("hotissues:triage")).status_code == 200
    for _ in range(27):
        make_report_item(world, people.collaborator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("hotissues:triage")).status_code == 200


@pytest.mark.parametrize("field", ["is_prominent", "is_complex", "is_sensitive"])
def test_a_null_flag_is_a_422_not_a_crash(world, field):
    issue = make_issue(world)
    response = client_of(world, "officer").patch(
        f"/api/v1/hot-issues/{issue.pk}", {"version": issue.version, field: None}, content_type="application/json"
    )
    assert response.status_code == 422
    issue.refresh_from_db()
    assert issue.version == 1


def test_the_matrix_api_refuses_a_year_out_of_range(world):
    client = client_of(world, "officer")
    for year in (0, 99999):
        assert client.get(f"/api/v1/opinion/matrix/{world.target.pk}/{year}").status_code == 404


def test_the_digest_filter_refuses_a_huge_programme_id(world):
    response = client_of(world, "officer").get("/api/v1/press/digests/?program=99999999999999999999")
    assert response.status_code == 422


def test_unicode_digits_are_no_ids(world, people, client_for):
    assert client_for(people.collaborator).get("/opinion/reports/new/?department=%C2%B2").status_code == 200
    claim = make_claim(world)
    response = client_for(world.officer).post(reverse("claims:unlink", args=[claim.pk]), {"hot_issue": "²"})
    assert response.status_code == 302


def test_a_collaborator_gets_no_rules_button_on_the_list(world, people, client_for):
    rules = reverse("hotissues:rules")
    assert rules not in client_for(people.collaborator).get(reverse("hotissues:list")).content.decode()
    assert rules in client_for(world.officer).get(reverse("hotissues:list")).content.decode()
