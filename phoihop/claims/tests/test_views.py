"""The false claim pages with every persona: who may, who may not (outsider 404, upper
level reads but never acts), bad input shown next to the field, Vietnamese text."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.claims.models import FalseClaim
from phoihop.claims.tests.factories import FalseClaimFactory, hot_issue, make_claim, press_item, topic

pytestmark = pytest.mark.django_db

READERS = [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404), ("nobody", 404)]


@pytest.fixture
def claim(world):
    return make_claim(world)


@pytest.mark.parametrize(("persona", "status"), READERS)
@pytest.mark.parametrize("name", ["detail", "history"])
def test_who_sees_a_claim(world, client_for, claim, persona, status, name):
    response = client_for(getattr(world, persona)).get(reverse(f"claims:{name}", args=[claim.pk]))
    assert response.status_code == status
    if status == 200 and name == "detail":
        html = response.content.decode()
        assert "sắp thu hồi toàn bộ đất nông nghiệp" in html and "Nhóm Facebook" in html
        assert "22/11/2026" in html


def test_the_partner_reads_the_claim_once_a_linked_hot_issue_is_shared_with_it(world, client_for, claim):
    shared = hot_issue(world, shared_with=[world.commune_committee], title="Lo ngại về thu hồi đất")
    private = hot_issue(world, title="Vấn đề nội bộ của ban")
    claim.hot_issues.add(shared, private)
    response = client_for(world.partner).get(reverse("claims:detail", args=[claim.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lo ngại về thu hồi đất" in html and "Vấn đề nội bộ của ban" not in html  # only what it may see
    assert reverse("claims:edit", args=[claim.pk]) not in html
    assert client_for(world.partner).get(reverse("claims:edit", args=[claim.pk])).status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("upper", 403), ("partner", 404), ("outsider", 404)],
)
@pytest.mark.parametrize("name", ["edit", "respond"])
def test_who_may_open_the_edit_pages(world, client_for, claim, persona, status, name):
    assert client_for(getattr(world, persona)).get(reverse(f"claims:{name}", args=[claim.pk])).status_code == status


def test_the_upper_level_reads_without_any_button(world, client_for, claim):
    html = client_for(world.upper).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'data-transition="verify"' not in html and reverse("claims:edit", args=[claim.pk]) not in html
    response = client_for(world.upper).post(
        reverse("claims:transition", args=[claim.pk]), {"action": "verify", "version": claim.version}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "unverified"


@pytest.mark.parametrize(("persona", "count"), [("officer", 1), ("upper", 1), ("partner", 0), ("outsider", 0)])
def test_the_list_shows_what_each_persona_may_see(world, client_for, claim, persona, count):
    response = client_for(getattr(world, persona)).get(reverse("claims:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_the_list_filters_and_searches_without_diacritics(world, client_for, claim):
    FalseClaimFactory(owner=world.target, claim="Tin giả về dịch bệnh", channel="video", seen_on=dt.date(2026, 10, 2))
    client = client_for(world.officer)
    url = reverse("claims:list")

    def count(**params):
        return client.get(url, params).context["page"].paginator.count

    assert count(q="san golf") == 1 and count(q="dich benh") == 1 and count(q="dat dai") == 0
    assert count(status="unverified") == 2 and count(status="false") == 0
    assert count(channel="video") == 1 and count(topic=topic().pk) == 1 and count(area=world.commune_c.pk) == 1
    assert count(seen_from="01/11/2026") == 1 and count(seen_from="01/10/2026", seen_to="31/10/2026") == 1
    response = client.get(url, {"seen_from": "20/11/2026", "seen_to": "01/11/2026"})
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in response.content.decode()
    partial = client.get(url, {"q": "golf"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "sân golf" in partial


def test_the_list_takes_the_same_queries_for_3_or_30_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.officer)
    issue = hot_issue(world)

    def grow(n):
        for claim in FalseClaimFactory.create_batch(n, owner=world.target, area=world.commune_c, topic=topic()):
            claim.hot_issues.add(issue)

    grow(3)
    with django_assert_max_num_queries(10):
        client.get(reverse("claims:list"))
    grow(27)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("claims:list"))
    assert response.context["page"].paginator.count == 30


def test_the_detail_page_stays_within_ten_queries(world, client_for, claim, django_assert_max_num_queries):
    claim.hot_issues.add(hot_issue(world))
    claim.press_items.add(press_item(world))
    client = client_for(world.officer)
    client.get(reverse("claims:list"))  # signed in, session stored
    with django_assert_max_num_queries(10):
        assert client.get(reverse("claims:detail", args=[claim.pk])).status_code == 200


def test_the_officer_records_a_claim(world, client_for):
    client = client_for(world.officer)
    page = client.get(reverse("claims:create"))
    assert "không phải tên hay tài khoản của một người" in page.content.decode()  # the help text says so
    response = client.post(
        reverse("claims:create"),
        {
            "owner": world.target.pk,
            "claim": "Tin đồn nước máy xã Cẩm Đức nhiễm độc",
            "channel": "messaging",
            "seen_where": "Nhóm Zalo phụ huynh trường tiểu học",
            "seen_on": "21/11/2026",
            "topic": topic().pk,
            "area": world.commune_c.pk,
        },
    )
    claim = FalseClaim.objects.get()
    assert response.status_code == 302 and response.url == reverse("claims:detail", args=[claim.pk])
    assert (claim.seen_on, claim.owner, claim.created_by) == (dt.date(2026, 11, 21), world.target, world.officer)


def test_a_phone_number_is_refused_next_to_the_field(world, client_for):
    response = client_for(world.officer).post(
        reverse("claims:create"),
        {
            "owner": world.target.pk,
            "claim": "Tin đồn nước máy nhiễm độc",
            "channel": "social",
            "seen_where": "Tài khoản 0912 345 678",
            "seen_on": "21/11/2026",
        },
    )
    assert response.status_code == 200 and not FalseClaim.objects.exists()
    assert "số điện thoại" in response.context["form"].errors["seen_where"][0]
    assert "số điện thoại" in response.content.decode()


def test_a_date_is_typed_dd_mm_yyyy(world, client_for):
    response = client_for(world.officer).post(
        reverse("claims:create"),
        {
            "owner": world.target.pk,
            "claim": "Tin đồn",
            "channel": "social",
            "seen_where": "Trang X",
            "seen_on": "32/11/2026",
        },
    )
    assert response.context["form"].errors["seen_on"] == [
        "Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 01/07/2025."
    ]
    assert not FalseClaim.objects.exists()


def test_the_upper_level_and_the_partner_may_not_record(world, client_for):
    assert client_for(world.upper).get(reverse("claims:create")).status_code == 403
    assert client_for(world.partner).post(reverse("claims:create"), {"owner": world.target.pk}).status_code == 200
    assert not FalseClaim.objects.exists()  # a focal point of its own committee, not of the department


def test_an_edit_from_a_stale_page_is_refused(world, client_for, claim):
    client = client_for(world.officer)
    data = {"claim": claim.claim, "channel": "social", "seen_where": "Trang tin X", "seen_on": "20/11/2026"}
    assert client.post(reverse("claims:edit", args=[claim.pk]), data | {"version": 1}).status_code == 302
    response = client.post(reverse("claims:edit", args=[claim.pk]), data | {"version": 1, "seen_where": "Trang Y"})
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.seen_where, claim.version) == ("Trang tin X", 2)


def test_verify_conclude_respond_and_revise_through_the_pages(world, client_for, claim):
    client = client_for(world.officer)
    url = reverse("claims:transition", args=[claim.pk])
    assert 'data-transition="verify"' in client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert client.post(url, {"action": "verify", "version": 1}).status_code == 302
    assert client.post(url, {"action": "conclude_false", "version": 2}).status_code == 302
    response = client.post(url, {"action": "revise_true", "version": 3})
    assert response.status_code == 422 and "Hãy nêu lý do." in response.content.decode()
    respond = reverse("claims:respond", args=[claim.pk])
    response = client.post(respond, {"version": 3, "response": "UBND xã bác bỏ tin đồn.", "response_url": "abc"})
    form = response.context["form"]
    assert form.errors["response_published_where"] and form.errors["response_published_on"]
    assert "Đường dẫn không hợp lệ" in form.errors["response_url"][0]
    response = client.post(
        respond,
        {
            "version": 3,
            "response": "UBND xã bác bỏ tin đồn.",
            "response_published_where": "Cổng thông tin điện tử xã",
            "response_url": "https://camduc.example/bac-bo",
            "response_published_on": "22/11/2026",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "UBND xã bác bỏ tin đồn." in html and "22/11/2026" in html and 'data-status="false"' in html


def test_links_and_unlinks_from_the_page(world, client_for, claim):
    client = client_for(world.officer)
    issue, item = hot_issue(world), press_item(world)
    foreign = hot_issue(world, owner=world.province_dept_b, title="Không liên quan")
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert issue.title in html and foreign.title not in html  # only the department's own are offered
    response = client.post(reverse("claims:link", args=[claim.pk]), {"hot_issues": [foreign.pk]})
    assert response.status_code == 422 and not claim.hot_issues.exists()
    client.post(reverse("claims:link", args=[claim.pk]), {"hot_issues": [issue.pk], "press_items": [item.pk]})
    assert list(claim.hot_issues.all()) == [issue] and list(claim.press_items.all()) == [item]
    client.post(reverse("claims:unlink", args=[claim.pk]), {"hot_issue": issue.pk})
    assert not claim.hot_issues.exists() and claim.press_items.exists()
    assert (
        client_for(world.upper).post(reverse("claims:unlink", args=[claim.pk]), {"press_item": item.pk}).status_code
        == 403
    )
    assert claim.press_items.exists()


def test_the_navigation_links_the_area(world, client_for):
    html = client_for(world.officer).get(reverse("programs:list")).content.decode()
    assert f'href="{reverse("claims:list")}"' in html
