"""The inspection pages with every persona: who may, who may not (outsider 404, the
inspected organisation and the upper level read but never act), bad input shown next to
the field, the remediation progress, constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.inspections import services
from phoihop.inspections.models import Inspection
from phoihop.inspections.tests.factories import InspectionFactory, make_inspection, programme_with_plan

pytestmark = pytest.mark.django_db

READERS = [("officer", 200), ("partner", 200), ("upper", 200), ("admin", 200), ("outsider", 404), ("nobody", 404)]


@pytest.fixture
def inspection(world):
    program = programme_with_plan(world)
    inspection = make_inspection(world, status="concluded", program=program)
    first = services.conclusion_add(
        actor=world.officer, inspection=inspection, text="Chưa cung cấp thông tin định kỳ hằng quý"
    )
    services.conclusion_add(actor=world.officer, inspection=inspection, text="Chưa lập sổ theo dõi")
    services.remediation_task_create(
        actor=world.officer, conclusion=first, title="Cung cấp thông tin quý IV", due_date=dt.date(2026, 12, 20)
    )
    return inspection


@pytest.mark.parametrize(("persona", "status"), READERS)
@pytest.mark.parametrize("name", ["detail", "history"])
def test_who_sees_an_inspection(world, client_for, inspection, persona, status, name):
    response = client_for(getattr(world, persona)).get(reverse(f"inspections:{name}", args=[inspection.pk]))
    assert response.status_code == status
    if status == 200 and name == "detail":
        html = response.content.decode()
        assert "Chưa cung cấp thông tin định kỳ hằng quý" in html and "Cung cấp thông tin quý IV" in html
        assert "0/2 kết luận đã khắc phục" in html
        assert "20/12/2026" in html and "Đang thực hiện trong hạn" in html
        editor = persona in ("officer", "admin")
        assert (reverse("inspections:edit", args=[inspection.pk]) in html) is editor
        assert ("Lập nhiệm vụ khắc phục" in html) is editor
        assert ('data-transition="close"' in html) is editor


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("partner", 403), ("upper", 403), ("outsider", 404)])
def test_who_may_open_the_edit_page(world, client_for, inspection, persona, status):
    assert (
        client_for(getattr(world, persona)).get(reverse("inspections:edit", args=[inspection.pk])).status_code == status
    )


@pytest.mark.parametrize(("persona", "count"), [("officer", 1), ("partner", 1), ("upper", 1), ("outsider", 0)])
def test_the_list_shows_what_each_persona_may_see(world, client_for, inspection, persona, count):
    response = client_for(getattr(world, persona)).get(reverse("inspections:list"))
    assert response.status_code == 200 and response.context["page"].paginator.count == count
    if count:
        assert "0/2 kết luận đã khắc phục" in response.content.decode()


def test_the_list_filters(world, client_for, inspection):
    InspectionFactory(owner=world.target, inspected=world.province_dept_a, started_on=dt.date(2025, 5, 1))
    client = client_for(world.officer)

    def count(**params):
        return client.get(reverse("inspections:list"), params).context["page"].paginator.count

    assert count() == 2 and count(year=2025) == 1 and count(status="concluded") == 1
    assert count(inspected=world.commune_committee.pk) == 1 and count(q="tuyen truyen nam 2026") == 1


def test_the_list_takes_the_same_queries_for_3_or_30_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.officer)
    InspectionFactory.create_batch(3, owner=world.target, inspected=world.commune_committee)
    with django_assert_max_num_queries(10):
        client.get(reverse("inspections:list"))
    InspectionFactory.create_batch(27, owner=world.target, inspected=world.commune_committee)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("inspections:list"))
    assert response.context["page"].paginator.count == 30


def test_the_detail_page_queries_do_not_grow_with_conclusions(
    world, client_for, inspection, django_assert_max_num_queries
):
    client = client_for(world.partner)
    client.get(reverse("inspections:list"))
    with django_assert_max_num_queries(10):
        client.get(reverse("inspections:detail", args=[inspection.pk]))
    for number in range(3, 13):
        services.conclusion_add(actor=world.officer, inspection=inspection, text=f"Hạn chế {number}")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("inspections:detail", args=[inspection.pk])).status_code == 200


def test_the_officer_creates_an_inspection_and_bad_input_shows_next_to_the_field(world, client_for):
    client = client_for(world.officer)
    assert client.get(reverse("inspections:create")).status_code == 200
    bad = client.post(
        reverse("inspections:create"),
        {"owner": world.target.pk, "inspected": world.target.pk, "title": "Kiểm tra", "started_on": "31/02/2026"},
    )
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy" in html
    assert not Inspection.objects.exists()
    response = client.post(
        reverse("inspections:create"),
        {
            "owner": world.target.pk,
            "inspected": world.commune_committee.pk,
            "title": "Kiểm tra công tác dân vận năm 2026",
            "started_on": "01/10/2026",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.started_on == dt.date(2026, 10, 1)
    assert client_for(world.partner).get(reverse("inspections:create")).status_code == 200  # edits for its own org
    assert client_for(world.upper).get(reverse("inspections:create")).status_code == 403


def test_conclusion_and_remediation_task_through_the_page(world, client_for, inspection):
    client = client_for(world.officer)
    response = client.post(
        reverse("inspections:conclusion_add", args=[inspection.pk]),
        {"text": "Chưa tuyên truyền trên hệ thống loa", "remediation_due": "15/12/2026"},
    )
    assert response.status_code == 302
    conclusion = inspection.conclusions.get(number=3)
    url = reverse("inspections:remediation_task", args=[inspection.pk, conclusion.pk])
    prefix = f"c{conclusion.pk}"
    bad = client.post(url, {f"{prefix}-title": "", f"{prefix}-lead": world.commune_committee.pk})
    assert bad.status_code == 422 and "Hãy nhập tên nhiệm vụ." in bad.content.decode()
    ok = client.post(
        url,
        {
            f"{prefix}-title": "Phát thanh chuyên mục dân vận",
            f"{prefix}-lead": world.commune_committee.pk,
            f"{prefix}-due_date": "15/12/2026",
        },
    )
    assert ok.status_code == 302
    assert conclusion.tasks.get().title == "Phát thanh chuyên mục dân vận"
    assert client_for(world.partner).post(url, {f"{prefix}-title": "Tự giao"}).status_code == 403
    assert client_for(world.outsider).post(url, {f"{prefix}-title": "Tự giao"}).status_code == 404


def test_closing_too_early_says_how_many_are_not_remedied(world, client_for, inspection):
    response = client_for(world.officer).post(
        reverse("inspections:transition", args=[inspection.pk]), {"action": "close", "version": inspection.version}
    )
    assert response.status_code == 422
    assert "Còn 2/2 kết luận chưa khắc phục xong" in response.content.decode()
    assert (
        client_for(world.partner)
        .post(reverse("inspections:transition", args=[inspection.pk]), {"action": "close", "version": 1})
        .status_code
        == 403
    )
