"""The provision pages with every persona: who may, who may not (outsider 404, upper
level reads but never acts), bad input shown next to the field, Vietnamese text."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.documents.tests.files import pdf, upload
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.tests.factories import ProvisionFactory, at, provide

pytestmark = pytest.mark.django_db

APRIL = at(dt.date(2026, 4, 10))


@pytest.fixture(autouse=True)
def _april():
    with time_machine.travel(APRIL, tick=False):
        yield


@pytest.fixture
def provision(world, program):
    return provide(world, program, period=3, content="Tình hình an ninh trật tự tháng 3 ổn định.")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("partner", 200), ("upper", 200), ("admin", 200), ("outsider", 404), ("nobody", 404)],
)
@pytest.mark.parametrize("name", ["detail", "history"])
def test_who_sees_a_provision(world, client_for, provision, persona, status, name):
    response = client_for(getattr(world, persona)).get(reverse(f"provisions:{name}", args=[provision.pk]))
    assert response.status_code == status
    if status == 200 and name == "detail":
        assert "Tình hình an ninh trật tự tháng 3 ổn định." in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("partner", 200), ("upper", 200), ("outsider", 404), ("nobody", 404)],
)
def test_who_sees_the_matrix(world, client_for, program, provision, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("provisions:matrix", args=[program.pk, 2026]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Bảng theo dõi cung cấp thông tin năm 2026" in html
        assert 'data-period="2026-3"' in html and 'data-state="late"' in html
        assert 'data-state="missing"' in html  # January and February
        assert reverse("provisions:detail", args=[provision.pk]) in html


def test_the_programme_page_links_to_its_matrix(world, client_for, program):
    html = client_for(world.officer).get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert reverse("provisions:matrix_current", args=[program.pk]) in html
    response = client_for(world.officer).get(reverse("provisions:matrix_current", args=[program.pk]))
    assert response.url == reverse("provisions:matrix", args=[program.pk, 2026])


@pytest.mark.parametrize(("persona", "count"), [("officer", 1), ("partner", 1), ("upper", 1), ("outsider", 0)])
def test_the_list_shows_what_each_persona_may_see(world, client_for, provision, persona, count):
    response = client_for(getattr(world, persona)).get(reverse("provisions:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_the_list_filters_and_searches_without_diacritics(world, client_for, program, provision):
    client = client_for(world.officer)
    url = reverse("provisions:list")
    assert client.get(url, {"q": "an ninh trat tu"}).context["page"].paginator.count == 1
    assert client.get(url, {"q": "dich benh"}).context["page"].paginator.count == 0
    assert client.get(url, {"acknowledged": "no", "kind": "periodic"}).context["page"].paginator.count == 1
    assert client.get(url, {"acknowledged": "yes"}).context["page"].paginator.count == 0
    assert client.get(url, {"year": "2025"}).context["page"].paginator.count == 0
    partial = client.get(url, {"program": program.pk}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Tháng 3/2026" in partial.content.decode()


def test_the_list_takes_the_same_queries_for_3_or_30_rows(world, client_for, program, django_assert_max_num_queries):
    client = client_for(world.officer)

    def grow(n):
        for _index in range(n):
            ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, kind="adhoc",
                             frequency="", period=None, incident_title="Sự việc", incident_at=APRIL)  # fmt: skip

    grow(3)
    with django_assert_max_num_queries(9):
        client.get(reverse("provisions:list"))
    grow(27)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("provisions:list"))
    assert response.context["page"].paginator.count == 30


def test_the_partner_provides_a_month_with_a_file(world, client_for, program):
    client = client_for(world.partner)
    url = reverse("provisions:create") + f"?program={program.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert [key for key, _label in page.context["form"].fields["period"].choices][1:4] == ["2026-1", "2026-2", "2026-3"]
    response = client.post(
        url,
        {
            "program": program.pk,
            "provider": world.commune_committee.pk,
            "receiver": world.target.pk,
            "kind": "periodic",
            "period": "2026-3",
            "content": "Thông tin tháng 3",
            "file_classification": "internal",
            "files": [upload("thang-3.pdf", pdf("Thang 3"))],
        },
    )
    provision = InformationProvision.objects.get()
    assert response.status_code == 302 and response.url == reverse("provisions:detail", args=[provision.pk])
    assert provision.documents.count() == 1
    html = client_for(world.officer).get(response.url).content.decode()
    assert "thang-3.pdf" in html and "Xác nhận đã nhận" in html


def test_a_period_already_provided_shows_why_next_to_the_field(world, client_for, program, provision):
    response = client_for(world.partner).post(
        reverse("provisions:create") + f"?program={program.pk}",
        {"program": program.pk, "provider": world.commune_committee.pk, "receiver": world.target.pk,
         "kind": "periodic", "period": "2026-3", "content": "Lần nữa", "file_classification": "internal"},
    )  # fmt: skip
    assert response.status_code == 200
    # March is no longer offered; posting it anyway is refused with the field's message.
    assert "Lựa chọn không có trong danh sách." in response.context["form"].errors["period"][0]
    assert InformationProvision.objects.count() == 1


def test_ad_hoc_through_the_form_needs_a_time(world, client_for, program):
    data = {"program": program.pk, "provider": world.commune_committee.pk, "receiver": world.target.pk,
            "kind": "adhoc", "incident_title": "Sạt lở", "incident_on": "09/04/2026", "content": "Đã di dời 3 hộ",
            "file_classification": "internal"}  # fmt: skip
    client = client_for(world.partner)
    url = reverse("provisions:create") + f"?program={program.pk}"
    assert client.post(url, data).context["form"].errors["incident_time"] == ["Hãy nhập giờ xảy ra sự việc."]
    response = client.post(url, {**data, "incident_time": "21:30"})
    provision = InformationProvision.objects.get()
    assert response.status_code == 302 and provision.kind == "adhoc"
    assert provision.due_at == at(dt.date(2026, 4, 10), 21, 30)


@pytest.mark.parametrize(("persona", "status"), [("officer", 403), ("upper", 403), ("nobody", 403), ("outsider", 404)])
def test_who_may_not_provide(world, client_for, program, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("provisions:create") + f"?program={program.pk}")
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), [("officer", 403), ("upper", 403), ("outsider", 404), ("partner", 200)])
def test_only_the_provider_corrects(world, client_for, provision, persona, status):
    assert (
        client_for(getattr(world, persona)).get(reverse("provisions:correct", args=[provision.pk])).status_code
        == status
    )


def test_the_partner_corrects_and_the_chain_shows(world, client_for, provision):
    response = client_for(world.partner).post(
        reverse("provisions:correct", args=[provision.pk]),
        {"content": "Bổ sung số liệu", "version": provision.version, "file_classification": "internal"},
    )
    correction = InformationProvision.objects.get(corrects=provision)
    assert response.url == reverse("provisions:detail", args=[correction.pk])
    html = client_for(world.officer).get(reverse("provisions:detail", args=[provision.pk])).content.decode()
    assert "Bản đính chính, bổ sung" in html and reverse("provisions:detail", args=[correction.pk]) in html
    stale = client_for(world.partner).post(
        reverse("provisions:correct", args=[provision.pk]),
        {"content": "Bổ sung khác", "version": provision.version, "file_classification": "internal"},
    )
    assert "người khác sửa" in stale.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("partner", 403), ("upper", 403), ("admin", 403), ("outsider", 404), ("nobody", 404)]
)
def test_who_may_not_acknowledge(world, client_for, provision, persona, status):
    response = client_for(getattr(world, persona)).post(reverse("provisions:acknowledge", args=[provision.pk]))
    assert response.status_code == status
    provision.refresh_from_db()
    assert provision.acknowledged_at is None


def test_the_receiver_acknowledges_with_htmx(world, client_for, provision):
    client = client_for(world.officer)
    url = reverse("provisions:acknowledge", args=[provision.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="acknowledgement"' in html and "Đã xác nhận" in html and "09:00 10/04/2026" in html
    assert client.post(url).status_code == 302  # again: idempotent
    provision.refresh_from_db()
    assert provision.acknowledged_by == world.officer


def test_phone_and_base_pages_stay_within_ten_queries(world, client_for, provision, django_assert_max_num_queries):
    client = client_for(world.officer)
    for url in (
        reverse("provisions:detail", args=[provision.pk]),
        reverse("provisions:matrix", args=[provision.program_id, 2026]),
    ):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_the_receiving_department_opens_a_hot_issue_from_a_provision(world, client_for, provision):
    """Information received can be the source of a hot issue of the receiving department."""
    link = reverse("hotissues:create") + f"?provision={provision.pk}"
    page = client_for(world.officer).get(reverse("provisions:detail", args=[provision.pk])).content.decode()
    assert link in page and reverse("hotissues:join") + f"?provision={provision.pk}" in page
    assert client_for(world.officer).get(link).status_code == 200
    for persona in ("partner", "upper"):
        page = client_for(getattr(world, persona)).get(reverse("provisions:detail", args=[provision.pk]))
        assert "/hot-issues/new/" not in page.content.decode()
