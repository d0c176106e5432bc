"""The exemplary model pages with every persona: a nomination in progress is the owner's
and the upper levels', the department above decides, a commended model is on the honour
roll for everybody; bad input next to the field; constant queries."""

import pytest
from django.urls import reverse

from phoihop.claims.tests.factories import press_item
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.tests.factories import ExemplaryFactory, decider, make_model

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404), ("nobody", 404)],
)
@pytest.mark.parametrize("name", ["detail", "history"])
def test_who_sees_a_nomination_in_progress(world, client_for, persona, status, name):
    model = make_model(world)
    response = client_for(getattr(world, persona)).get(reverse(f"exemplary:{name}", args=[model.pk]))
    assert response.status_code == status
    if status == 200 and name == "detail":
        html = response.content.decode()
        assert "Vận động nhân dân hiến đất làm đường giao thông nông thôn" in html
        assert (reverse("exemplary:edit", args=[model.pk]) in html) is (persona in ("officer", "admin"))
        assert 'data-transition="review"' not in html or persona == "admin"


@pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "nobody"])
def test_a_commended_model_is_read_by_every_signed_in_user(world, client_for, persona):
    model = make_model(world, status="commended")
    response = client_for(getattr(world, persona)).get(reverse("exemplary:detail", args=[model.pk]))
    assert response.status_code == 200
    assert "Quyết định số 125-QĐ/TU, ngày 20/11/2026" in response.content.decode()
    assert client_for(None).get(reverse("exemplary:detail", args=[model.pk])).status_code == 302


def test_evidence_is_shown_only_to_who_may_see_it(world, client_for):
    item = press_item(world, title="Cẩm Đức: cả xã hiến đất làm đường")
    model = make_model(world, status="commended", evidence_press_items=[item])
    assert (
        "cả xã hiến đất làm đường"
        in client_for(world.officer).get(reverse("exemplary:detail", args=[model.pk])).content.decode()
    )
    html = client_for(world.outsider).get(reverse("exemplary:detail", args=[model.pk])).content.decode()
    assert "cả xã hiến đất làm đường" not in html and "Không có minh chứng nào bạn được xem." in html


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 403), ("partner", 404), ("outsider", 404)])
def test_who_may_open_the_edit_page(world, client_for, persona, status):
    model = make_model(world)
    assert client_for(getattr(world, persona)).get(reverse("exemplary:edit", args=[model.pk])).status_code == status


def test_nominate_through_the_page_with_bad_input_first(world, client_for):
    client = client_for(world.officer)
    assert client.get(reverse("exemplary:create")).status_code == 200
    bad = client.post(
        reverse("exemplary:create"),
        {
            "owner": world.target.pk,
            "title": "Mô hình",
            "description": "Gọi 0912345678",
            "field": "economy",
            "year": 2026,
        },
    )
    assert bad.status_code == 200 and "số điện thoại" in bad.content.decode()
    assert not ExemplaryModel.objects.exists()
    ok = client.post(
        reverse("exemplary:create"),
        {
            "owner": world.target.pk,
            "title": "Khu dân cư không rác thải nhựa",
            "description": "Các khu dân cư tự quản thu gom rác thải nhựa.",
            "field": "culture_society",
            "year": 2026,
            "area": world.commune_c.pk,
        },
    )
    assert ok.status_code == 302
    assert ExemplaryModel.objects.get().area == world.commune_c
    assert client_for(world.upper).get(reverse("exemplary:create")).status_code == 403


def test_the_department_above_reviews_and_decides_on_the_page(world, client_for):
    model = make_model(world)
    boss = client_for(decider(world))
    html = boss.get(reverse("exemplary:detail", args=[model.pk])).content.decode()
    assert 'data-transition="review"' in html and 'data-transition="withdraw"' not in html
    assert (
        boss.post(reverse("exemplary:transition", args=[model.pk]), {"action": "review", "version": 1}).status_code
        == 302
    )
    missing = boss.post(
        reverse("exemplary:decide", args=[model.pk]),
        {"action": "commend", "version": 2, "decided_by": world.province_dept_a.pk, "decided_on": "20/11/2026"},
    )
    assert missing.status_code == 422 and "Hãy nhập số quyết định" in missing.content.decode()
    done = boss.post(
        reverse("exemplary:decide", args=[model.pk]),
        {
            "action": "commend",
            "version": 2,
            "decided_by": world.province_dept_a.pk,
            "decision_ref": "Quyết định số 125-QĐ/TU",
            "decided_on": "20/11/2026",
        },
    )
    assert done.status_code == 302
    model.refresh_from_db()
    assert model.status == "commended"
    officer = client_for(world.officer)
    assert officer.post(reverse("exemplary:decide", args=[model.pk]), {"action": "commend"}).status_code == 403


def test_honour_roll_groups_by_year_then_area(world, client_for, django_assert_max_num_queries):
    make_model(world, status="commended", title="Xây dựng khu dân cư tự quản")
    make_model(world, status="commended", title="Ánh sáng đường quê")
    make_model(world, status="commended", title="Dân vận khéo năm trước", year=2025)
    make_model(world, status="under_review", title="Đang xét, chưa vinh danh")
    client = client_for(world.outsider)
    client.get(reverse("exemplary:list"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("exemplary:honour_roll"))
    html = response.content.decode()
    assert "Đang xét, chưa vinh danh" not in html
    assert html.index("Năm 2026") < html.index("Ánh sáng đường quê") < html.index("Xây dựng khu dân cư tự quản")
    assert html.index("Xây dựng khu dân cư tự quản") < html.index("Năm 2025") < html.index("Dân vận khéo năm trước")
    only_2025 = client.get(reverse("exemplary:honour_roll"), {"year": 2025}).content.decode()
    assert "Dân vận khéo năm trước" in only_2025 and "Ánh sáng đường quê" not in only_2025


def test_the_list_filters_and_takes_the_same_queries_for_3_or_30_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.officer)
    ExemplaryFactory.create_batch(3, owner=world.target, area=world.commune_c)
    with django_assert_max_num_queries(10):
        client.get(reverse("exemplary:list"))
    ExemplaryFactory.create_batch(27, owner=world.target, area=world.commune_c, year=2025, field="other")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("exemplary:list"))
    assert response.context["page"].paginator.count == 30

    def count(**params):
        return client.get(reverse("exemplary:list"), params).context["page"].paginator.count

    assert count(year=2025) == 27 and count(field="economy") == 3 and count(status="commended") == 0
    assert count(area=world.commune_c.pk) == 30
    assert client_for(world.partner).get(reverse("exemplary:list")).context["page"].paginator.count == 0


def test_the_detail_page_stays_within_ten_queries(world, client_for, django_assert_max_num_queries):
    model = make_model(world, status="commended", evidence_press_items=[press_item(world)])
    client = client_for(world.partner)
    client.get(reverse("exemplary:list"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("exemplary:detail", args=[model.pk])).status_code == 200


def test_my_work_lists_the_nominations_the_department_above_decides(world, client_for):
    model = make_model(world, title="Dân vận khéo chờ xét")
    make_model(world, status="commended", title="Đã khen thưởng")
    html = client_for(decider(world)).get(reverse("accounts:my_work")).content.decode()
    assert f'data-model="{model.pk}"' in html and "Đã khen thưởng" not in html
    for persona in ("officer", "upper", "outsider"):  # the nominator, a viewer, another province
        page = client_for(getattr(world, persona)).get(reverse("accounts:my_work"))
        assert "Dân vận khéo chờ xét" not in page.content.decode()
