"""The documents API per persona: list with the page's filters (constant queries), fetch,
multipart create and versions (422 with Vietnamese field errors, the confidential
refusal included, nothing stored), 409 on a stale version, downloads checked and
audited, the incoming register; and a valid OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from phoihop.audit.models import AuditEntry
from phoihop.documents.models import Document, IncomingEntry
from phoihop.documents.tests.factories import DocumentFactory, make_document
from phoihop.documents.tests.files import EXE, docx, files_on_disk, pdf, upload
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, bearer, errors, patch_json, post_json

pytestmark = pytest.mark.django_db

DOCS = f"{API}/documents"


def fields(world, **overrides) -> dict:
    data = {
        "owner": world.target.pk,
        "title": "Báo cáo kết quả phối hợp quý I/2026",
        "number_symbol": "12-BC/ĐU",
        "issued_on": "02/03/2026",
        "issuer": "Đảng ủy xã Cẩm Đức",
        "classification": "internal",
    }
    data.update(overrides)
    return data


class TestList:
    @pytest.mark.parametrize(("persona", "count"), [("officer", 2), ("partner", 1), ("upper", 2), ("outsider", 0)])
    def test_personas(self, world, persona, count):
        make_document(world, content=pdf("1"))
        make_document(world, title="Chia sẻ", content=pdf("2"), shared_with=[world.commune_committee])
        response = bearer(getattr(world, persona)).get(f"{DOCS}/")
        assert response.status_code == 200
        assert response.json()["count"] == count

    def test_same_filters_as_the_page(self, world):
        make_document(world, title="Kế hoạch Đại hội", content=pdf("1"))
        make_document(world, title="Khác", content=pdf("2"), classification="public")
        client = bearer(world.officer)
        assert [d["title"] for d in client.get(f"{DOCS}/", {"q": "dai hoi"}).json()["items"]] == ["Kế hoạch Đại hội"]
        assert [d["title"] for d in client.get(f"{DOCS}/", {"classification": "public"}).json()["items"]] == ["Khác"]
        assert errors(client.get(f"{DOCS}/", {"classification": "secret"}))["classification"]

    def test_query_count_does_not_grow_with_rows(self, world, django_assert_max_num_queries):
        client = bearer(world.officer)
        DocumentFactory.create_batch(3, owner=world.target)
        with django_assert_max_num_queries(8):
            assert client.get(f"{DOCS}/").json()["count"] == 3
        DocumentFactory.create_batch(27, owner=world.target)
        with django_assert_max_num_queries(8):
            assert client.get(f"{DOCS}/").json()["count"] == 30


class TestCreate:
    def test_officer_uploads_multipart(self, world, media):
        response = bearer(world.officer).post(
            f"{DOCS}/",
            {**fields(world, shared_with=[world.commune_committee.pk]), "file": upload("Báo cáo.docx", docx())},
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["issued_on"] == "2026-03-02"
        assert [v["number"] for v in data["versions"]] == [1]
        assert data["versions"][0]["kind"] == "docx"
        assert [o["id"] for o in data["shared_with"]] == [world.commune_committee.pk]
        assert len(files_on_disk(media)) == 1

    def test_renamed_executable_is_422_and_nothing_stored(self, world, media):
        response = bearer(world.officer).post(f"{DOCS}/", {**fields(world), "file": upload("Báo cáo.pdf", EXE)})
        assert errors(response) == {
            "file": ["Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản."]
        }
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_confidential_with_a_file_is_422(self, world, media):
        response = bearer(world.officer).post(
            f"{DOCS}/",
            {
                **fields(world, classification="confidential", secrecy_level="top_secret"),
                "file": upload("m.pdf", pdf()),
            },
        )
        message = errors(response)["file"][0]
        assert "kênh bảo mật" in message and "đường giao liên" in message
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_confidential_without_a_file_is_a_record(self, world, media):
        response = bearer(world.officer).post(
            f"{DOCS}/", fields(world, classification="confidential", secrecy_level="ultra_secret")
        )
        assert response.status_code == 201
        assert (response.json()["secure_channel"], response.json()["versions"]) == (True, [])

    def test_bad_fields_are_422(self, world):
        response = bearer(world.officer).post(f"{DOCS}/", {**fields(world, issued_on="31/02/2026", title="")})
        assert set(errors(response)) >= {"issued_on"}

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("nobody", 403)])
    def test_readers_may_not_create(self, world, media, persona, status):
        response = bearer(getattr(world, persona)).post(f"{DOCS}/", {**fields(world), "file": upload("a.pdf", pdf())})
        assert response.status_code == status
        assert files_on_disk(media) == []

    def test_partner_may_not_create_for_the_target(self, world, media):
        response = bearer(world.partner).post(f"{DOCS}/", {**fields(world), "file": upload("a.pdf", pdf())})
        assert list(errors(response)) == ["owner"]
        assert files_on_disk(media) == []


class TestDetailVersionsAndEdits:
    @pytest.mark.parametrize(
        ("persona", "status"), [("officer", 200), ("upper", 200), ("partner", 404), ("outsider", 404)]
    )
    def test_fetch(self, world, persona, status):
        document = make_document(world)
        response = bearer(getattr(world, persona)).get(f"{DOCS}/{document.pk}")
        assert response.status_code == status
        if status == 404:
            assert response.json() == NOT_FOUND

    def test_add_version_then_stale_is_409(self, world, media):
        document = make_document(world)
        client = bearer(world.officer)
        response = client.post(f"{DOCS}/{document.pk}/versions", {"version": 1, "file": upload("2.pdf", pdf("2"))})
        assert response.status_code == 201 and response.json()["number"] == 2
        stale = client.post(f"{DOCS}/{document.pk}/versions", {"version": 1, "file": upload("3.pdf", pdf("3"))})
        assert stale.status_code == 409
        assert "Bản ghi đã được người khác sửa" in stale.json()["detail"]
        assert len(files_on_disk(media)) == 2

    def test_upper_reads_but_may_not_add_a_version(self, world, media):
        document = make_document(world)
        response = bearer(world.upper).post(
            f"{DOCS}/{document.pk}/versions", {"version": 1, "file": upload("2.pdf", pdf("2"))}
        )
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert len(files_on_disk(media)) == 1

    def test_patch_and_share(self, world):
        document = make_document(world)
        client = bearer(world.officer)
        response = patch_json(client, f"{DOCS}/{document.pk}", {"version": 1, "title": "Đã sửa"})
        assert response.status_code == 200 and response.json()["version"] == 2
        assert patch_json(client, f"{DOCS}/{document.pk}", {"version": 1, "title": "Cũ"}).status_code == 409
        shared = client.put(
            f"{DOCS}/{document.pk}/shares",
            {"version": 2, "organizations": [world.commune_committee.pk]},
            content_type="application/json",
        )
        assert [o["id"] for o in shared.json()["shared_with"]] == [world.commune_committee.pk]


class TestDownload:
    def test_download_is_checked_audited_and_an_attachment(self, world):
        document = make_document(world, shared_with=[world.commune_committee])
        url = bearer(world.partner).get(f"{DOCS}/{document.pk}").json()["versions"][0]["download_url"]
        response = bearer(world.partner).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert AuditEntry.objects.for_object(document).filter(event="download", actor=world.partner).count() == 1

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_guessed_id_is_404(self, world, persona):
        version = make_document(world).versions.get()
        response = bearer(getattr(world, persona)).get(f"{DOCS}/versions/{version.pk}/download")
        assert response.status_code == 404
        assert not AuditEntry.objects.filter(event="download").exists()

    def test_anonymous_is_401(self, world):
        version = make_document(world).versions.get()
        assert Client().get(f"{DOCS}/versions/{version.pk}/download").status_code == 401


class TestRegister:
    @pytest.fixture(autouse=True)
    def _in_2026(self):
        with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False):
            yield

    def test_partner_registers_and_lists(self, world):
        docs = [
            make_document(world, title=f"CV {n}", content=pdf(str(n)), shared_with=[world.commune_committee])
            for n in (1, 2)
        ]
        client = bearer(world.partner)
        numbers = [
            post_json(
                client,
                f"{DOCS}/register",
                {"receiving_organization": world.commune_committee.pk, "document": d.pk, "received_on": "05/03/2026"},
            ).json()["number"]
            for d in docs
        ]
        assert numbers == [1, 2]
        listed = client.get(f"{DOCS}/register/{world.commune_committee.pk}/2026").json()
        assert [e["number"] for e in listed["items"]] == [2, 1]
        assert bearer(world.upper).get(f"{DOCS}/register/{world.commune_committee.pk}/2026").status_code == 200
        assert bearer(world.outsider).get(f"{DOCS}/register/{world.commune_committee.pk}/2026").status_code == 404

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("outsider", 404), ("officer", 404)])
    def test_others_may_not_register(self, world, persona, status):
        document = make_document(world, classification="public")
        response = post_json(
            bearer(getattr(world, persona)),
            f"{DOCS}/register",
            {
                "receiving_organization": world.commune_committee.pk,
                "document": document.pk,
                "received_on": "05/03/2026",
            },
        )
        assert response.status_code == status
        assert not IncomingEntry.objects.exists()

    def test_an_invisible_document_is_422(self, world):
        document = make_document(world)  # internal, not shared with the committee
        response = post_json(
            bearer(world.partner),
            f"{DOCS}/register",
            {
                "receiving_organization": world.commune_committee.pk,
                "document": document.pk,
                "received_on": "05/03/2026",
            },
        )
        assert errors(response) == {"document": ["Không tìm thấy tài liệu."]}


def test_openapi_schema_lists_the_documents_operations(world):
    schema = bearer(world.officer).get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert f"{DOCS}/" in paths and f"{DOCS}/{{document_id}}/versions" in paths
    assert "multipart/form-data" in paths[f"{DOCS}/"]["post"]["requestBody"]["content"]
