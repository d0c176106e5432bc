"""Review of issue 6: a report period in year 1 (or any year out of reach) is refused with
a Vietnamese message, never a 500, and nothing is stored."""

import json

import pytest

from phoihop.accounts.services import api_token_issue
from phoihop.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("start", "end"), [("01/01/0001", "31/03/0001"), ("01/01/1000", "31/12/1000")])
def test_a_period_out_of_the_years_is_refused(world, client, start, end):
    token = api_token_issue(user=world.officer)[1]
    client.raise_request_exception = False
    body = {
        "issuer": world.target.pk,
        "kind": "quarterly",
        "scope_kind": "organization",
        "organization": world.target.pk,
        "period_start": start,
        "period_end": end,
    }
    response = client.post(
        "/api/v1/reports/", json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert "period_start" in {error["field"] for error in response.json()["errors"]}
    assert not Report.objects.exists()
