"""The opinion pages per persona: a collaborator sees only its own reports (drafts too);
the department (officer, leader) and the upper level read submitted reports; the partner
and the outsider get 404. The form files and submits a report with items; bad input is
shown next to the form and nothing is stored. Lists run a constant number of queries."""

import datetime as dt

import pytest

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.opinion.models import OpinionReport, Topic
from phoihop.opinion.tests.factories import at, file_report, item

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(world, people):
    submitted = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10,
                            when=at(dt.date(2026, 10, 20)), items=[item(flagged_hot=True)])  # fmt: skip
    draft = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False)
    return submitted, draft


@pytest.mark.parametrize(
    ("persona", "submitted", "draft"),
    [
        ("collaborator", 200, 200),
        ("collaborator_2", 404, 404),
        ("officer", 200, 404),
        ("leader", 200, 404),
        ("upper", 200, 404),
        ("admin", 200, 404),
        ("partner", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_report_page_per_persona(world, people, reports, client_for, persona, submitted, draft):
    user = getattr(people, persona, None) or getattr(world, persona)
    client = client_for(user)
    assert client.get(f"/opinion/reports/{reports[0].pk}/").status_code == submitted
    assert client.get(f"/opinion/reports/{reports[1].pk}/").status_code == draft
    assert client.get(f"/api/v1/opinion/reports/{reports[0].pk}").status_code == submitted


@pytest.mark.parametrize(
    ("persona", "count"),
    [("collaborator", 2), ("collaborator_2", 0), ("officer", 1), ("leader", 1), ("upper", 1), ("partner", 0),
     ("outsider", 0)],
)  # fmt: skip
def test_list_per_persona(world, people, reports, client_for, persona, count):
    user = getattr(people, persona, None) or getattr(world, persona)
    response = client_for(user).get("/opinion/reports/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
    api = client_for(user).get("/api/v1/opinion/reports")
    assert api.json()["count"] == count


def test_report_page_shows_items_in_vietnamese(world, people, reports, client_for):
    page = client_for(world.officer).get(f"/opinion/reports/{reports[0].pk}/").content.decode()
    assert "Tháng 10/2026" in page
    assert "Đất đai, giải phóng mặt bằng" in page
    assert "Nổi cộm" in page
    assert "Đúng hạn" in page
    assert "Sửa bản nháp" not in page and "Gửi báo cáo đính chính" not in page
    own = client_for(people.collaborator).get(f"/opinion/reports/{reports[0].pk}/").content.decode()
    assert "Gửi báo cáo đính chính" in own


def form_data(world, **overrides) -> dict:
    data = {
        "department": world.target.pk,
        "kind": "periodic",
        "period": "2026-9",
        "observed_on": "",
        "area": world.commune_c.pk,
        "overview": "Tình hình ổn định.",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
        "items-0-topic": Topic.objects.get(code="land").pk,
        "items-0-direction": "worried",
        "items-0-intensity": "high",
        "items-0-breadth": "most",
        "items-0-summary": "Băn khoăn về giá bồi thường đất nông nghiệp.",
        "items-0-flagged_hot": "on",
        "submit": "1",
    }
    data.update(overrides)
    return data


def test_collaborator_files_and_submits_through_the_form(world, people, client_for):
    client = client_for(people.collaborator)
    page = client.get("/opinion/reports/new/")
    assert page.status_code == 200
    assert "Tháng 11/2026" in page.content.decode()  # the open periods
    response = client.post("/opinion/reports/new/", form_data(world))
    assert response.status_code == 302
    report = OpinionReport.objects.get()
    assert (report.status, report.period, report.items.get().flagged_hot) == ("submitted", 9, True)


def test_form_shows_bad_input_and_stores_nothing(world, people, client_for, reports):
    client = client_for(people.collaborator)
    response = client.post("/opinion/reports/new/", form_data(world, period="2026-10"))  # already submitted
    assert response.status_code == 200
    assert "Lựa chọn không có trong danh sách." in response.content.decode()
    response = client.post("/opinion/reports/new/", form_data(world, **{"items-0-summary": ""}))
    assert "Nội dung 1: hãy nhập tóm tắt." in response.content.decode()
    response = client.post("/opinion/reports/new/", form_data(world, area=world.province_b.pk))
    assert "Lựa chọn không có trong danh sách." in response.content.decode()
    assert OpinionReport.objects.count() == 2


def test_draft_edit_submit_and_correct_pages(world, people, client_for, reports):
    submitted, draft = reports
    client = client_for(people.collaborator)
    assert client.get(f"/opinion/reports/{draft.pk}/edit/").status_code == 200
    assert client.get(f"/opinion/reports/{submitted.pk}/edit/").status_code == 403
    assert client_for(people.collaborator_2).get(f"/opinion/reports/{draft.pk}/edit/").status_code == 404
    assert (
        client_for(world.officer).post(f"/opinion/reports/{draft.pk}/submit/", {"version": draft.version}).status_code
        == 404
    )
    client.post(f"/opinion/reports/{draft.pk}/submit/", {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert client_for(world.officer).get(f"/opinion/reports/{submitted.pk}/correct/").status_code == 403
    page = client.get(f"/opinion/reports/{submitted.pk}/correct/")
    assert page.status_code == 200
    data = form_data(world, version=submitted.version)
    data.pop("kind")
    response = client.post(f"/opinion/reports/{submitted.pk}/correct/", data)
    assert response.status_code == 302
    correction = OpinionReport.objects.get(corrects=submitted)
    assert (correction.status, correction.period) == ("submitted", 10)


def test_outsider_and_partner_may_not_file(world, people, client_for):
    assert client_for(world.partner).get("/opinion/reports/new/").status_code == 403
    assert client_for(world.upper).get("/opinion/reports/new/").status_code == 403


def add_reports(world, n, start):
    for i in range(n):
        user = UserFactory(username=f"ctv-list-{start + i}")
        MembershipFactory(user=user, organization=world.target, role=Role.COLLABORATOR, area=world.commune_c)
        file_report(user, world.target, world.commune_c, year=2026, period=10, when=at(dt.date(2026, 10, 20)),
                    items=[item(), item("health")])  # fmt: skip


def test_list_queries_do_not_grow(world, people, client_for, django_assert_max_num_queries):
    add_reports(world, 3, 0)
    client = client_for(world.officer)
    with django_assert_max_num_queries(10):
        assert client.get("/opinion/reports/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/opinion/reports").json()["count"] == 3
    add_reports(world, 27, 3)
    with django_assert_max_num_queries(10):
        assert client.get("/opinion/reports/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/opinion/reports").json()["count"] == 30


def test_list_filters(world, people, reports, client_for):
    client = client_for(people.collaborator)
    assert client.get("/opinion/reports/?status=draft").context["page"].paginator.count == 1
    assert client.get("/opinion/reports/?hot=yes").context["page"].paginator.count == 1
    assert client.get("/opinion/reports/?q=boi+thuong").context["page"].paginator.count == 2
    assert client.get("/opinion/reports/?year=abc").context["page"].paginator.count == 2


def test_collaborators_page(world, people, reports, client_for, django_assert_max_num_queries):
    url = f"/opinion/collaborators/{world.target.pk}/"
    for persona, status in [(world.officer, 200), (people.leader, 200), (world.upper, 200), (world.partner, 404),
                            (world.outsider, 404), (people.collaborator, 404)]:  # fmt: skip
        assert client_for(persona).get(url).status_code == status
    page = client_for(world.officer).get(url).content.decode()
    assert "Xã Cẩm Đức" in page and "Đang hoạt động" in page
    assert f"/opinion/reports/{reports[0].pk}/" in page  # the last report
    assert client_for(world.officer).get("/opinion/collaborators/").status_code == 302
    client = client_for(world.officer)
    with django_assert_max_num_queries(8):
        client.get(url)
    add_reports(world, 28, 0)
    with django_assert_max_num_queries(8):
        client.get(url)


def test_calendar_page(world, people, client_for):
    url = f"/opinion/calendar/{world.target.pk}/"
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.upper).get(url).status_code == 200
    assert client_for(world.upper).post(url, {"frequency": "quarterly", "due_day": 10, "remind_days_before": 3,
                                              "version": 1}).status_code == 403  # fmt: skip
    response = client_for(world.officer).post(
        url, {"frequency": "quarterly", "due_day": 10, "remind_days_before": 3, "version": 1}
    )
    assert response.status_code == 302
    stale = client_for(people.leader).post(
        url, {"frequency": "monthly", "due_day": 5, "remind_days_before": 3, "version": 1}
    )
    assert "Bản ghi đã được người khác sửa" in stale.content.decode()
    bad = client_for(people.leader).post(
        url, {"frequency": "monthly", "due_day": 40, "remind_days_before": 3, "version": 2}
    )
    assert "Hãy nhập một số từ 1 đến 31." in bad.content.decode()
    ok = client_for(people.leader).post(
        url, {"frequency": "quarterly", "due_day": 31, "remind_days_before": 3, "version": 2}
    )
    assert ok.status_code == 302
    assert "Hãy nhập một số từ 1 đến 31." in bad.content.decode()
    assert "Quý IV/2026" in client_for(world.officer).get(url).content.decode()


def test_taxonomy_page(world, client_for):
    assert "Đất đai, giải phóng mặt bằng" in client_for(world.officer).get("/opinion/topics/").content.decode()
    assert client_for(world.officer).post("/opinion/topics/", {"what": "topic", "topic-name": "X"}).status_code == 403
    topic = Topic.objects.get(code="health")
    response = client_for(world.admin).post("/opinion/topics/", {"what": "topic", "pk": topic.pk,
                                                                 "topic-name": "Y tế, dịch bệnh",
                                                                 "topic-position": 15})  # fmt: skip
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.position, topic.is_active) == ("Y tế, dịch bệnh", 15, False)
    client_for(world.admin).post("/opinion/topics/", {"what": "tag", "tag-name": "Bão số 3", "tag-is_active": "on"})
    assert "Bão số 3" in client_for(world.partner).get("/opinion/topics/").content.decode()


def test_summary_page_and_api(world, people, client_for, django_assert_max_num_queries):
    october = at(dt.date(2026, 10, 20))
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10, when=october,
                items=[item(intensity="high", breadth="nearly_all"), item("health", flagged_hot=True)])  # fmt: skip
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=9, when=at(dt.date(2026, 9, 20)),
                items=[item(intensity="low", breadth="few")])  # fmt: skip
    url = f"/opinion/summary/{world.target.pk}/?period=2026-10"
    for persona, status in [(world.officer, 200), (world.upper, 200), (world.partner, 404), (world.outsider, 404),
                            (people.collaborator, 404)]:  # fmt: skip
        assert client_for(persona).get(url).status_code == status
    page = client_for(world.officer).get(url).content.decode()
    assert "Tổng hợp dư luận Tháng 10/2026" in page and "tăng" in page
    body = client_for(world.upper).get(f"/api/v1/opinion/summary/{world.target.pk}?period=2026-10").json()
    land = next(line for line in body["by_topic"] if line["name"] == "Đất đai, giải phóng mặt bằng")
    # October: high × nearly all = 12; September: low × few = 1
    assert land["figures"]["attention"] == 12 and land["trend"] == {
        "current": 12,
        "previous": 1,
        "difference": 11,
        "direction": "up",
    }
    assert body["total"]["hot"] == 1
    assert client_for(world.officer).get(f"/api/v1/opinion/summary/{world.target.pk}?period=2026-13").status_code == 422
