"""A collaborator of an upper level is no upper level for opinion and hot issues: it
files reports for its own department, it does not read the communes' reports, issues,
matrix, collaborators or claims below it — neither through pages, the API nor search.
The leader of the same province department does (the upper level's reading)."""

import pytest
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.claims.tests.factories import make_claim
from phoihop.hotissues.tests.factories import make_issue, make_report_item

pytestmark = pytest.mark.django_db


def _member(username, organization, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def records(world, people):
    item = make_report_item(world, people.collaborator, summary="Dư luận lo lắng về bồi thường ở thôn Quýtgià.")
    issue = make_issue(world, title="Khiếu kiện bồi thường ở thôn Quýtgià")
    claim = make_claim(world, claim="Tin đồn sai về thôn Quýtgià sắp bị giải tỏa.")
    return item, issue, claim


def _pages(world, item, issue, claim):
    return [
        reverse("opinion:report_detail", args=[item.report_id]),
        reverse("opinion:matrix", args=[world.target.pk, item.report.year]),
        reverse("opinion:collaborators", args=[world.target.pk]),
        reverse("hotissues:detail", args=[issue.pk]),
        reverse("claims:detail", args=[claim.pk]),
    ]


@pytest.mark.parametrize("level", ["province_dept_a", "central"])
def test_an_upper_levels_collaborator_reads_nothing_below(world, client_for, records, level):
    item, issue, claim = records
    spy = _member(f"ctv-{level}", getattr(world, level), Role.COLLABORATOR)
    client = client_for(spy)
    for path in _pages(world, item, issue, claim):
        assert client.get(path).status_code == 404, path
    assert client.get("/api/v1/opinion/reports").json()["count"] == 0
    assert client.get("/api/v1/hot-issues/").json()["count"] == 0
    assert client.get("/api/v1/search/?q=quytgia").json()["count"] == 0


def test_the_upper_levels_leader_reads_them(world, client_for, records):
    item, issue, claim = records
    leader = _member("leader-province", world.province_dept_a, Role.LEADER)
    client = client_for(leader)
    for path in _pages(world, item, issue, claim):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/v1/search/?q=quytgia").json()["count"] == 3
