"""The dashboard pages and API with the personas: who opens what, what they see, how
many queries it costs."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.dashboards import stats
from phoihop.dashboards.tests import builders as b
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory
from phoihop.programs.models import Task

TODAY = dt.datetime(2026, 10, 10, 9, 0, tzinfo=stats.LOCAL)


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


def dashboard_url(org, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("dashboards:organization", args=[org.pk]) + (f"?{query}" if query else "")


def units_url(org, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("dashboards:units", args=[org.pk]) + (f"?{query}" if query else "")


# --- who opens what ----------------------------------------------------------------------


def test_personas_on_the_commune_dashboard(world, people, client_for):
    url = dashboard_url(world.target, year=2026, quarter=3)
    for user in (world.officer, world.upper, world.admin, people.leader):
        assert client_for(user).get(url).status_code == 200, user
    for user in (world.outsider, world.nobody, people.collaborator):
        assert client_for(user).get(url).status_code == 404, user
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    # The People's Committee's focal point opens its own dashboard, not the Party committee's.
    assert client_for(world.partner).get(dashboard_url(world.commune_committee)).status_code == 200
    assert client_for(world.partner).get(url).status_code == 404


def test_personas_on_the_units_view(world, people, client_for):
    province = units_url(world.province_dept_a, year=2026)
    assert client_for(world.upper).get(province).status_code == 200
    assert client_for(world.admin).get(province).status_code == 200
    for user in (world.officer, world.outsider, world.nobody, people.collaborator):
        assert client_for(user).get(province).status_code == 404, user
    commune = client_for(world.upper).get(units_url(world.target))
    assert commune.status_code == 200
    assert "Đơn vị này không có đơn vị cấp dưới." in commune.content.decode()


def test_home_goes_to_the_only_dashboard_or_offers_a_choice(world, client_for):
    response = client_for(world.officer).get(reverse("dashboards:home"))
    assert response.status_code == 302 and response["Location"] == dashboard_url(world.target)
    # "Chọn đơn vị": the upper level's own department and the units below it.
    page = client_for(world.upper).get(reverse("dashboards:home") + "?choose=1").content.decode()
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa" in page
    assert "Đảng ủy xã Cẩm Đức" in page and "Ủy ban nhân dân xã Cẩm Đức" in page
    assert "Bình Sơn" not in page
    searched = client_for(world.upper).get(reverse("dashboards:home") + "?choose=1&q=uy ban").content.decode()
    assert "Ủy ban nhân dân xã Cẩm Đức" in searched and "Đảng ủy xã Cẩm Đức" not in searched
    # Two memberships: a chooser.
    MembershipFactory(user=world.officer, organization=world.commune_committee, role=Role.VIEWER)
    chooser = client_for(world.officer).get(reverse("dashboards:home"))
    assert chooser.status_code == 200 and "Chọn đơn vị" in chooser.content.decode()
    empty = client_for(world.nobody).get(reverse("dashboards:home")).content.decode()
    assert "Bạn chưa thuộc cơ quan nào có bảng điều khiển." in empty


# --- what the dashboard shows -------------------------------------------------------------


def test_quarter_dashboard_shows_cards_charts_and_the_report_link(world, people, client_for):
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    response = client_for(world.officer).get(dashboard_url(world.target, year=2026, quarter=3))
    page = response.content.decode()
    assert "Đảng ủy xã Cẩm Đức · Quý III/2026" in page
    assert "Số liệu tính đến ngày 30/09/2026" in page
    assert page.count("dash-chart__svg") == 8 and page.count("<details>") == 8
    assert 'width="100%"' in page and "<?xml" not in page
    # Vietnamese labels inside the SVG, as text (svg.fonttype none), and the data behind <details>.
    assert "Nhiệm vụ theo tình trạng thực hiện" in page and "Chiều hướng dư luận theo tháng" in page
    assert "Đồng tình, ủng hộ" in page
    assert "Xem bảng số liệu" in page
    link = response.context["report_link"]
    assert link == (
        f"/reports/new/?kind=quarterly&scope_kind=organization&organization={world.target.pk}&year=2026&quarter=3"
    )
    assert "Tạo báo cáo quý" in page and link.replace("&", "&amp;") in page
    # Three tasks due in the quarter, each open and overdue on 30/09 except the one due 30/09... none: all before.
    assert response.context["figures"]["tasks"]["total"] == 3


def test_annual_dashboard_offers_the_annual_report(world, client_for):
    response = client_for(world.officer).get(dashboard_url(world.target, year=2025))
    page = response.content.decode()
    assert "Năm 2025" in page and "Tạo báo cáo năm" in page and "Tạo báo cáo quý" not in page
    assert response.context["report_link"] == (
        f"/reports/new/?kind=annual&scope_kind=organization&organization={world.target.pk}&year=2025"
    )
    # Without a year: this year.
    assert "Năm 2026" in client_for(world.officer).get(dashboard_url(world.target)).content.decode()


def test_bad_period_is_said_next_to_the_field(world, client_for):
    response = client_for(world.officer).get(dashboard_url(world.target, year="abc", quarter=7))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Năm phải là một số, ví dụ 2026." in page
    assert "Quý phải là 1, 2, 3 hoặc 4." in page
    assert "Năm 2026" in page  # the figures of this year meanwhile


def test_include_subordinates_counts_the_communes(world, client_for):
    plan = b.plan_2026()
    b.task(plan, world.target, due=dt.date(2026, 8, 1))
    b.task(plan, world.province_dept_a, due=dt.date(2026, 8, 2))
    own = client_for(world.upper).get(dashboard_url(world.province_dept_a, year=2026, quarter=3))
    assert own.context["figures"]["tasks"]["total"] == 1
    below = client_for(world.upper).get(dashboard_url(world.province_dept_a, year=2026, quarter=3, below="on"))
    assert below.context["figures"]["tasks"]["total"] == 2
    assert "gồm cả đơn vị cấp dưới" in below.content.decode()


def test_charts_are_drawn_once_then_cached(world, client_for, monkeypatch):
    from phoihop.dashboards import charts

    drawn = []
    original = charts.render_svg
    monkeypatch.setattr(charts, "render_svg", lambda spec, **kw: drawn.append(spec.title) or original(spec, **kw))
    url = dashboard_url(world.target, year=2026, quarter=3)
    client_for(world.officer).get(url)
    assert len(drawn) == 8
    client_for(world.upper).get(url)
    assert len(drawn) == 8  # the same figures: from the cache
    b.press(world.target, on=dt.date(2026, 8, 1))
    client_for(world.officer).get(url)
    assert drawn[8:] == ["Báo chí phản ánh theo tháng"]  # only the chart whose figures changed


def test_dashboard_page_queries_do_not_grow_with_rows(world, people, client_for, django_assert_max_num_queries):
    client = client_for(world.officer)
    url = dashboard_url(world.target, year=2026, quarter=3)
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    b.rows_of_every_kind(world, people.collaborator, world.target, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["figures"]["tasks"]["total"] == 30


# --- per level ----------------------------------------------------------------------------


@pytest.fixture
def second_commune(world):
    """Another commune of province A, whose Party committee came from two merged ones
    (01/07/2025); and a commune of province B that must not appear."""
    start = dt.date(2025, 7, 1)
    unit = UnitFactory(
        name="Xã An Phú", level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a
    )
    committee = OrganizationFactory(
        name="Đảng ủy xã An Phú", kind=Organization.Kind.PARTY_COMMITTEE, level=Level.COMMUNE, administrative_unit=unit
    )
    before = [
        OrganizationFactory(
            name=name,
            kind=Organization.Kind.PARTY_COMMITTEE,
            level=Level.COMMUNE,
            administrative_unit=unit,
            valid_to=start - dt.timedelta(days=1),
        )
        for name in ("Đảng ủy xã An Phú cũ", "Đảng ủy xã Hòa Phú")
    ]
    merge = Reorganization.objects.create(
        kind=Reorganization.Kind.MERGE, effective_date=start, legal_basis="Nghị quyết số 1656/NQ-UBTVQH15"
    )
    merge.predecessors.set(before)
    merge.successors.set([committee])
    other_unit = UnitFactory(
        name="Xã Bình Minh", level=Level.COMMUNE, kind="commune", parent=world.province_b, province=world.province_b
    )
    elsewhere = OrganizationFactory(
        name="Đảng ủy xã Bình Minh",
        level=Level.COMMUNE,
        kind=Organization.Kind.PARTY_COMMITTEE,
        administrative_unit=other_unit,
    )
    return committee, before, elsewhere


def test_units_side_by_side_with_lineage(world, client_for, second_commune):
    committee, before, elsewhere = second_commune
    plan = b.plan_2026()
    b.task(plan, world.target, due=dt.date(2026, 8, 1))  # open, overdue on 30/09
    b.task(plan, world.target, due=dt.date(2026, 7, 1), status=Task.Status.DONE, completed=dt.date(2026, 6, 30))
    b.task(plan, before[1], due=dt.date(2026, 9, 1), status=Task.Status.DONE, completed=dt.date(2026, 8, 1))
    b.task(plan, elsewhere, due=dt.date(2026, 8, 1))
    b.meeting(world.province_dept_a, on=dt.date(2026, 8, 1), participants=[world.target, world.commune_committee])
    b.issue(committee, world.province_a, detected=dt.date(2026, 8, 1))

    response = client_for(world.upper).get(units_url(world.province_dept_a, year=2026, quarter=3))
    rows = {row["name"]: row for row in response.context["rows"]}
    assert list(rows) == ["Đảng ủy xã An Phú", "Đảng ủy xã Cẩm Đức", "Ủy ban nhân dân xã Cẩm Đức"]  # Vietnamese order
    assert (rows["Đảng ủy xã Cẩm Đức"]["tasks_on_time_rate"], rows["Đảng ủy xã Cẩm Đức"]["tasks_overdue"]) == (50.0, 1)
    # Hòa Phú's Party committee merged into An Phú's: its task counts there.
    assert (rows["Đảng ủy xã An Phú"]["tasks_total"], rows["Đảng ủy xã An Phú"]["tasks_on_time_rate"]) == (1, 100.0)
    assert rows["Đảng ủy xã An Phú"]["hot_issues_open"] == 1
    assert rows["Đảng ủy xã Cẩm Đức"]["meetings_held"] == rows["Ủy ban nhân dân xã Cẩm Đức"]["meetings_held"] == 1
    page = response.content.decode()
    assert "Bình Minh" not in page and "Hòa Phú" not in page
    assert page.count("dash-chart__svg") == 1 and "Nhiệm vụ đúng hạn (%)" in page

    by_overdue = client_for(world.upper).get(
        units_url(world.province_dept_a, year=2026, quarter=3, sort="tasks_overdue", dir="desc")
    )
    assert [row["name"] for row in by_overdue.context["rows"]][0] == "Đảng ủy xã Cẩm Đức"


def test_the_centre_sees_the_provinces(world, client_for):
    viewer = UserFactory(username="trung_uong")
    MembershipFactory(user=viewer, organization=world.central, role=Role.VIEWER)
    b.task(b.plan_2026(), world.target, due=dt.date(2026, 8, 1))
    response = client_for(viewer).get(units_url(world.central, year=2026, quarter=3))
    rows = {row["name"]: row for row in response.context["rows"]}
    assert set(rows) == {"Tỉnh An Hòa", "Tỉnh Bình Sơn"}
    assert (rows["Tỉnh An Hòa"]["tasks_total"], rows["Tỉnh Bình Sơn"]["tasks_total"]) == (1, 0)


def test_units_view_queries_do_not_grow_with_rows(
    world, people, client_for, second_commune, django_assert_max_num_queries
):
    client = client_for(world.upper)
    url = units_url(world.province_dept_a, year=2026, quarter=3)
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    b.rows_of_every_kind(world, people.collaborator, world.target, 27)
    b.rows_of_every_kind(world, people.collaborator, second_commune[0], 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["Đảng ủy xã Cẩm Đức"]["meetings_held"] == 30


# --- the API ------------------------------------------------------------------------------


def test_api_dashboard(world, people, client_for):
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    url = f"/api/v1/dashboards/org/{world.target.pk}?year=2026&quarter=3"
    response = client_for(world.upper).get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["organization_name"] == "Đảng ủy xã Cẩm Đức"
    assert body["period"] == {"year": 2026, "quarter": 3, "label": "Quý III/2026", "as_of": "2026-09-30"}
    assert body["tasks"]["total"] == 3 and body["meetings"]["held"] == 3 and body["press"]["items"] == 3
    assert [month["label"] for month in body["opinion"]["months"]] == ["T7", "T8", "T9"]
    for user in (world.outsider, world.nobody, people.collaborator):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 401


def test_api_bad_period_is_422_in_vietnamese(world, client_for):
    response = client_for(world.officer).get(f"/api/v1/dashboards/org/{world.target.pk}?year=1800&quarter=0")
    assert response.status_code == 422
    assert {(e["field"], e["message"]) for e in response.json()["errors"]} == {
        ("year", "Năm phải từ 2000 đến 2100."),
        ("quarter", "Quý phải là 1, 2, 3 hoặc 4."),
    }


def test_api_units(world, client_for, second_commune):
    b.task(b.plan_2026(), world.target, due=dt.date(2026, 8, 1))
    url = f"/api/v1/dashboards/org/{world.province_dept_a.pk}/units?year=2026&quarter=3"
    body = client_for(world.upper).get(url).json()
    assert body["count"] == 3
    assert [row["name"] for row in body["items"]] == [
        "Đảng ủy xã An Phú",
        "Đảng ủy xã Cẩm Đức",
        "Ủy ban nhân dân xã Cẩm Đức",
    ]
    assert body["items"][1]["tasks_overdue"] == 1
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.officer).get(url).status_code == 404


def test_api_units_queries_do_not_grow_with_rows(
    world, people, client_for, second_commune, django_assert_max_num_queries
):
    client = client_for(world.upper)
    query = "year=2026&quarter=3&sort=meetings_held&descending=true"
    url = f"/api/v1/dashboards/org/{world.province_dept_a.pk}/units?{query}"
    b.rows_of_every_kind(world, people.collaborator, world.target, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    b.rows_of_every_kind(world, people.collaborator, second_commune[0], 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).json()
    # The People's Committee attended every meeting of both communes.
    assert [(row["name"], row["meetings_held"]) for row in body["items"]] == [
        ("Ủy ban nhân dân xã Cẩm Đức", 33),
        ("Đảng ủy xã An Phú", 30),
        ("Đảng ủy xã Cẩm Đức", 3),
    ]


def test_a_province_collaborator_does_not_read_the_communes(world, client_for):
    collaborator = UserFactory(username="ctv_tinh")
    MembershipFactory(user=collaborator, organization=world.province_dept_a, role=Role.COLLABORATOR)
    assert client_for(collaborator).get(dashboard_url(world.target)).status_code == 404
    assert client_for(collaborator).get(units_url(world.province_dept_a)).status_code == 404
    assert client_for(collaborator).get(f"/api/v1/dashboards/org/{world.target.pk}").status_code == 404
