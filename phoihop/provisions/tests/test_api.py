"""The provisions API per persona: list with the page's filters (constant queries),
fetch, create as JSON with existing documents or as multipart with files (422 with
Vietnamese field errors, the confidential refusal included, nothing stored), 409 on a
stale correction, acknowledge, the matrix as JSON; a valid OpenAPI schema."""

import datetime as dt

import pytest
import time_machine

from phoihop.documents.models import Document
from phoihop.documents.tests.factories import make_document
from phoihop.documents.tests.files import pdf, upload
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, bearer, errors, post_json
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.tests.factories import ProvisionFactory, at, provide

pytestmark = pytest.mark.django_db

URL = f"{API}/provisions"
APRIL = at(dt.date(2026, 4, 10))


@pytest.fixture(autouse=True)
def _april():
    with time_machine.travel(APRIL, tick=False):
        yield


@pytest.fixture
def provision(world, program):
    return provide(world, program, period=3, content="Tình hình an ninh trật tự tháng 3.")


def body(world, program, **overrides) -> dict:
    data = {
        "program": program.pk,
        "provider": world.commune_committee.pk,
        "receiver": world.target.pk,
        "kind": "periodic",
        "year": 2026,
        "period": 2,
        "content": "Thông tin tháng 2",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("persona", "count"), [("officer", 1), ("partner", 1), ("upper", 1), ("outsider", 0)])
def test_list_per_persona(world, provision, persona, count):
    response = bearer(getattr(world, persona)).get(f"{URL}/")
    assert response.status_code == 200 and response.json()["count"] == count


def test_list_filters_like_the_page(world, provision):
    client = bearer(world.officer)
    assert client.get(f"{URL}/", {"q": "an ninh trat tu"}).json()["count"] == 1
    assert client.get(f"{URL}/", {"acknowledged": "true"}).json()["count"] == 0
    assert client.get(f"{URL}/", {"kind": "adhoc"}).json()["count"] == 0
    assert errors(client.get(f"{URL}/", {"kind": "monthly"}))["kind"]


def test_list_queries_do_not_grow(world, program, django_assert_max_num_queries):
    client = bearer(world.officer)
    for month in range(1, 4):
        ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, period=month)
    with django_assert_max_num_queries(7):
        assert client.get(f"{URL}/").json()["count"] == 3
    for _index in range(27):
        ProvisionFactory(program=program, provider=world.commune_committee, receiver=world.target, kind="adhoc",
                         frequency="", period=None, incident_title="Sự việc", incident_at=APRIL)  # fmt: skip
    with django_assert_max_num_queries(7):
        assert client.get(f"{URL}/").json()["count"] == 30


@pytest.mark.parametrize(
    ("persona", "status"), [("officer", 200), ("partner", 200), ("upper", 200), ("outsider", 404), ("nobody", 404)]
)
def test_fetch(world, provision, persona, status):
    response = bearer(getattr(world, persona)).get(f"{URL}/{provision.pk}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["subject"] == "Tháng 3/2026" and response.json()["on_time"] is False
    else:
        assert response.json() == NOT_FOUND


def test_partner_provides_json_with_an_existing_document(world, program):
    document = make_document(world, actor=world.partner, owner=world.commune_committee, title="Báo cáo tháng 2")
    response = post_json(bearer(world.partner), f"{URL}/", body(world, program, documents=[document.pk]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["subject"] == "Tháng 2/2026" and [d["id"] for d in data["documents"]] == [document.pk]
    assert data["provided_by_name"]


def test_partner_provides_multipart_with_files(world, program, media):
    response = bearer(world.partner).post(
        f"{URL}/upload", {**body(world, program), "files": [upload("a.pdf", pdf("A")), upload("b.pdf", pdf("B"))]}
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["documents"]) == 2


def test_confidential_files_are_422_and_nothing_stored(world, program, media):
    response = bearer(world.partner).post(
        f"{URL}/upload",
        {**body(world, program), "file_classification": "confidential", "files": [upload("mat.pdf", pdf("M"))]},
    )
    assert response.status_code == 422
    assert "kênh bảo mật" in errors(response)["files"][0]
    assert not InformationProvision.objects.exists() and not Document.objects.exists()


def test_bad_input_is_422_with_vietnamese_field_errors(world, program, provision):
    client = bearer(world.partner)
    outside = errors(post_json(client, f"{URL}/", body(world, program, year=2025, period=12)))
    assert "nằm ngoài thời gian thực hiện của chương trình" in outside["period"][0]
    twice = errors(post_json(client, f"{URL}/", body(world, program, period=3)))
    assert "đã được cung cấp" in twice["period"][0]
    swapped = errors(
        post_json(
            client, f"{URL}/", body(world, program, provider=world.target.pk, receiver=world.commune_committee.pk)
        )
    )
    assert set(swapped) == {"provider", "receiver"}
    unknown = errors(post_json(client, f"{URL}/", body(world, program, documents=[999999])))
    assert unknown["documents"] == ["Không tìm thấy tài liệu có mã: 999999."]
    assert errors(post_json(client, f"{URL}/", {**body(world, program), "extra": 1}))["extra"]
    assert InformationProvision.objects.count() == 1


def test_a_stale_correction_is_409(world, program, provision):
    client = bearer(world.partner)
    fresh = body(world, program, content="Bổ sung", corrects=provision.pk, corrects_version=provision.version)
    assert post_json(client, f"{URL}/", fresh).status_code == 201
    stale = post_json(client, f"{URL}/", fresh)
    assert stale.status_code == 409 and "người khác sửa" in stale.json()["detail"]


@pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("outsider", 404), ("nobody", 403)])
def test_who_may_not_provide(world, program, persona, status):
    response = post_json(bearer(getattr(world, persona)), f"{URL}/", body(world, program))
    assert response.status_code == status
    assert not InformationProvision.objects.exists()


def test_the_receivers_officer_may_not_provide_for_the_provider(world, program):
    response = post_json(bearer(world.officer), f"{URL}/", body(world, program))
    assert response.status_code == 422
    assert errors(response)["provider"] == [
        "Chỉ lãnh đạo, chuyên viên, đầu mối của cơ quan cung cấp mới gửi được thông tin."
    ]


@pytest.mark.parametrize(("persona", "status"), [("partner", 403), ("upper", 403), ("outsider", 404), ("officer", 200)])
def test_acknowledge(world, provision, persona, status):
    response = post_json(bearer(getattr(world, persona)), f"{URL}/{provision.pk}/acknowledge")
    assert response.status_code == status
    if status == 403:
        assert response.json() == FORBIDDEN
    if status == 200:
        assert response.json()["acknowledged_by_name"] and response.json()["acknowledged_at"]


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 200), ("outsider", 404)])
def test_matrix(world, program, provision, persona, status):
    response = bearer(getattr(world, persona)).get(f"{URL}/matrix/{program.pk}/2026")
    assert response.status_code == status
    if status == 200:
        data = response.json()
        cells = {cell["period"]: cell["state"] for cell in data["rows"][0]["cells"]}
        assert (cells[1], cells[3], cells[4], cells[12]) == ("missing", "late", "not_yet_due", "not_yet_due")
        assert data["rows"][0]["cells"][2]["provision_id"] == provision.pk
        assert data["receiver"]["id"] == world.target.pk and data["frequency"] == "monthly"


def test_openapi_lists_the_provision_operations(world):
    paths = bearer(world.officer).get(f"{API}/openapi.json").json()["paths"]
    assert {
        f"{URL}/",
        f"{URL}/upload",
        f"{URL}/{{provision_id}}/acknowledge",
        f"{URL}/matrix/{{program_id}}/{{year}}",
    } <= set(paths)
    assert "multipart/form-data" in paths[f"{URL}/upload"]["post"]["requestBody"]["content"]
