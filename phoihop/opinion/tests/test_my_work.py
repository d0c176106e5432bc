"""'Việc của tôi' for a collaborator: the reports it has not submitted (missing, due soon)
and its drafts; nothing for those who are no collaborators; within the page's budget."""

import datetime as dt

import pytest

from phoihop.opinion.tests.factories import at, file_report

pytestmark = pytest.mark.django_db

MY_WORK = "/my-work/"


def section(response):
    return next((s for s in response.context["sections"] if s["template"] == "opinion/_my_reports.html"), None)


def test_collaborator_sees_missing_due_soon_and_drafts(world, people, client_for):
    file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=10, when=at(dt.date(2026, 10, 20))
    )
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False)
    response = client_for(people.collaborator).get(MY_WORK)
    found = section(response)
    assert [item.period.number for item in found["missing"]][-1] == 9  # October was submitted
    assert 10 not in [item.period.number for item in found["missing"] if item.period.year == 2026]
    assert [item.period.key for item in found["due_soon"]] == ["2026-11"]
    assert len(found["drafts"]) == 1
    page = response.content.decode()
    assert "Báo cáo dư luận" in page and "Tháng 11/2026" in page


@pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider"])
def test_nothing_for_those_who_do_not_report(world, people, client_for, persona):
    assert section(client_for(getattr(world, persona)).get(MY_WORK)) is None


def test_my_work_stays_within_budget(world, people, client_for, django_assert_max_num_queries):
    client = client_for(people.collaborator)
    with django_assert_max_num_queries(12):
        assert client.get(MY_WORK).status_code == 200
