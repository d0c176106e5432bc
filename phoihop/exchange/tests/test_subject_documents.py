"""Documents of a subject (issue 4, item 1: "provide the documents, never confidential
ones"): the owner's focal point attaches them (a new file, or a document the owner already
has); the department sees and downloads them (recorded in the audit log); the upper level
reads the subject but attaches nothing; the outsider gets 404 everywhere, a guessed
download included. Confidential files and forbidden types are refused with nothing
stored; a stale version is refused; the subject page does not grow in queries with
documents."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.documents import services as document_services
from phoihop.documents.models import Document, DocumentVersion
from phoihop.documents.tests.files import EXE, files_on_disk, pdf, upload
from phoihop.exchange import services
from phoihop.exchange.models import Subject
from phoihop.exchange.tests.factories import make_scene, make_subject
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, STALE, bearer, errors, post_json

pytestmark = pytest.mark.django_db
S = Subject.Status
TITLE = "Tờ trình đề nghị tổ chức phiên tòa xét xử lưu động"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def subject(world):
    scene = make_scene(world)
    return make_subject(world, scene.program, status=S.REGISTERED)


def attach(world, subject, *, actor=None, **values):
    subject.refresh_from_db()
    values.setdefault("file", upload("to-trinh.pdf", pdf(values.pop("text", TITLE))))
    values.setdefault("title", TITLE)
    return services.subject_attach_document(
        actor=actor or world.partner, subject=subject, expected_version=subject.version, **values
    )


def page(subject) -> str:
    return reverse("exchange:subject_detail", args=[subject.pk])


def url(name, subject) -> str:
    return reverse(f"exchange:{name}", args=[subject.pk])


def subject_api(subject) -> str:
    return f"{API}/subjects/{subject.pk}"


class TestService:
    def test_the_owners_focal_point_attaches_a_file_shared_with_the_department(self, world, subject):
        before = subject.version
        document = attach(world, subject, number_symbol="12/TTr-UBND", issued_on=dt.date(2026, 5, 4))
        assert list(subject.documents.all()) == [document]
        assert document.owner == world.commune_committee
        assert set(document.shares.values_list("organization_id", flat=True)) == {world.target.pk}
        assert document.versions.count() == 1
        entry = AuditEntry.objects.for_object(subject).get(event="document_attached")
        assert entry.actor == world.partner and "12/TTr-UBND — " + TITLE in entry.message
        subject.refresh_from_db()
        assert subject.version == before + 1

    def test_an_existing_document_of_the_owner_is_shared_with_the_department(self, world, subject):
        existing = document_services.document_create(
            actor=world.partner,
            owner=world.commune_committee,
            title="Dự thảo nghị quyết về bảo vệ nguồn lợi thủy sản",
            file=upload("du-thao.pdf", pdf("Dự thảo")),
        )
        attach(world, subject, file=None, document=existing, title="")
        assert list(subject.documents.all()) == [existing]
        assert existing.shares.filter(organization=world.target).exists()

    def test_a_document_of_another_organisation_is_refused(self, world, subject):
        other = document_services.document_create(
            actor=world.officer, owner=world.target, title="Kế hoạch của Đảng ủy", file=upload("kh.pdf", pdf("KH"))
        )
        with pytest.raises(ValidationError) as caught:
            attach(world, subject, file=None, document=other, actor=world.admin)
        assert "chỉ gửi kèm tài liệu của cơ quan đăng ký vấn đề" in str(caught.value)
        assert not subject.documents.exists()

    def test_confidential_is_refused_with_the_secure_channel_and_nothing_stored(self, world, subject, media):
        with pytest.raises(ValidationError) as caught:
            attach(world, subject, classification="confidential")
        assert "kênh bảo mật" in " ".join(caught.value.message_dict["file"])
        assert not Document.objects.exists() and not DocumentVersion.objects.exists()
        assert not subject.documents.exists() and files_on_disk(media) == []
        assert not AuditEntry.objects.filter(event="document_attached").exists()

    def test_an_existing_confidential_record_is_refused(self, world, subject):
        record = document_services.document_create(
            actor=world.partner,
            owner=world.commune_committee,
            title="Báo cáo mật về vụ án",
            number_symbol="01/BC-M",
            issued_on=dt.date(2026, 3, 2),
            issuer="UBND xã Cẩm Đức",
            classification="confidential",
            secrecy_level="secret",
        )
        with pytest.raises(ValidationError) as caught:
            attach(world, subject, file=None, document=record)
        assert "kênh bảo mật" in str(caught.value)
        assert not subject.documents.exists()

    def test_a_forbidden_type_is_refused_and_nothing_stored(self, world, subject, media):
        with pytest.raises(ValidationError) as caught:
            attach(world, subject, file=upload("bien-ban.pdf", EXE))
        assert "file" in caught.value.message_dict
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_a_stale_version_is_refused_and_nothing_stored(self, world, subject, media):
        stale = subject.version
        attach(world, subject)
        with pytest.raises(StaleVersionError):
            services.subject_attach_document(
                actor=world.partner,
                subject=subject,
                expected_version=stale,
                file=upload("khac.pdf", pdf("Tài liệu khác")),
            )
        assert Document.objects.count() == 1 and len(files_on_disk(media)) == 1

    @pytest.mark.parametrize("persona", ["officer", "upper"])
    def test_the_department_and_the_upper_level_may_not_attach(self, world, subject, persona):
        with pytest.raises(PermissionDenied):
            attach(world, subject, actor=getattr(world, persona))
        assert not Document.objects.exists()

    def test_detach_keeps_the_document_in_the_register(self, world, subject):
        document = attach(world, subject)
        subject.refresh_from_db()
        services.subject_detach_document(
            actor=world.partner, subject=subject, document=document, expected_version=subject.version
        )
        assert not subject.documents.exists() and Document.objects.filter(pk=document.pk).exists()
        assert AuditEntry.objects.for_object(subject).filter(event="document_detached").exists()

    def test_a_closed_subject_takes_no_documents(self, world, subject):
        services.subject_transition(
            actor=None, subject=subject, action="cancel", expected_version=subject.version, reason="Không tổ chức"
        )
        with pytest.raises(ValidationError):
            attach(world, subject)


class TestPage:
    def test_the_focal_point_uploads_and_the_department_downloads(self, world, subject, client_for):
        client = client_for(world.partner)
        html = client.get(page(subject)).content.decode()
        assert 'id="documents"' in html and "data-attach" in html
        response = client.post(
            url("subject_document_attach", subject),
            {
                "version": subject.version,
                "title": TITLE,
                "number_symbol": "12/TTr-UBND",
                "issued_on": "04/05/2026",
                "classification": "internal",
                "file": upload("to-trinh.pdf", pdf()),
            },
        )
        assert response.status_code == 302
        document = subject.documents.get()
        assert document.issued_on == dt.date(2026, 5, 4)
        html = client_for(world.officer).get(page(subject)).content.decode()
        assert TITLE in html and "12/TTr-UBND" in html and "04/05/2026" in html
        assert "data-attach" not in html and "data-detach" not in html  # the department reads
        version = document.versions.get()
        download = reverse("documents:download", args=[version.pk])
        assert download in html
        response = client_for(world.officer).get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        entry = AuditEntry.objects.for_object(document).get(event="download")
        assert entry.actor == world.officer

    def test_confidential_shows_the_secure_channel_next_to_the_file(self, world, subject, client_for, media):
        response = client_for(world.partner).post(
            url("subject_document_attach", subject),
            {"version": subject.version, "classification": "confidential", "file": upload("mat.pdf", pdf())},
        )
        assert response.status_code == 200
        assert "kênh bảo mật" in response.content.decode()
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_the_upper_level_reads_but_may_not_attach(self, world, subject, client_for):
        attach(world, subject)
        client = client_for(world.upper)
        html = client.get(page(subject)).content.decode()
        assert "data-attach" not in html and "data-detach" not in html
        response = client.post(
            url("subject_document_attach", subject), {"version": subject.version, "file": upload("a.pdf", pdf("A"))}
        )
        assert response.status_code == 403
        assert Document.objects.count() == 1

    def test_the_outsider_gets_404_including_a_guessed_download(self, world, subject, client_for):
        document = attach(world, subject)
        client = client_for(world.outsider)
        version = document.versions.get()
        assert client.get(page(subject)).status_code == 404
        assert client.get(reverse("documents:download", args=[version.pk])).status_code == 404
        for name in ("subject_document_attach", "subject_document_detach"):
            response = client.post(url(name, subject), {"version": 1, "document": document.pk})
            assert response.status_code == 404
        assert subject.documents.count() == 1

    def test_the_focal_point_detaches(self, world, subject, client_for):
        document = attach(world, subject)
        subject.refresh_from_db()
        client = client_for(world.partner)
        assert f'data-detach="{document.pk}"' in client.get(page(subject)).content.decode()
        response = client.post(
            url("subject_document_detach", subject), {"document": document.pk, "version": subject.version}
        )
        assert response.status_code == 302
        assert not subject.documents.exists() and Document.objects.filter(pk=document.pk).exists()

    @pytest.mark.parametrize(("persona", "bound"), [("officer", 10), ("partner", 10), ("upper", 11)])
    def test_query_count_does_not_grow_with_documents(
        self, world, subject, client_for, django_assert_max_num_queries, persona, bound
    ):
        client = client_for(getattr(world, persona))
        with django_assert_max_num_queries(bound):
            assert client.get(page(subject)).status_code == 200
        for number in range(5):
            attach(world, subject, title=f"Tài liệu số {number}", text=f"Nội dung {number}")
        with django_assert_max_num_queries(bound):
            response = client.get(page(subject))
        html = response.content.decode()
        # internal documents of the commune's committee, shared with the department; the
        # province department above reads them too (the levels above the owner read)
        assert html.count("data-document=") == 5 and "Tài liệu số 4" in html


class TestApi:
    def test_multipart_upload_then_the_department_sees_it_in_the_detail(self, world, subject):
        response = bearer(world.partner).post(
            f"{subject_api(subject)}/documents",
            {"version": subject.version, "title": TITLE, "issued_on": "04/05/2026", "file": upload("t.pdf", pdf())},
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert [d["title"] for d in body["documents"]] == [TITLE]
        assert body["documents"][0]["issued_on"] == "2026-05-04"
        detail = bearer(world.officer).get(subject_api(subject)).json()
        url_ = detail["documents"][0]["download_url"]
        download = bearer(world.officer).get(url_)
        assert download.status_code == 200
        assert AuditEntry.objects.filter(event="download", actor=world.officer).exists()

    def test_json_with_an_existing_document(self, world, subject):
        existing = document_services.document_create(
            actor=world.partner,
            owner=world.commune_committee,
            title="Dự thảo nghị quyết",
            file=upload("dt.pdf", pdf("Dự thảo")),
        )
        response = post_json(
            bearer(world.partner),
            f"{subject_api(subject)}/documents",
            {"version": subject.version, "document": existing.pk},
        )
        assert response.status_code == 201, response.content
        assert [d["id"] for d in response.json()["documents"]] == [existing.pk]

    def test_confidential_is_422_on_file_with_nothing_stored(self, world, subject, media):
        response = bearer(world.partner).post(
            f"{subject_api(subject)}/documents",
            {"version": subject.version, "classification": "confidential", "file": upload("m.pdf", pdf())},
        )
        assert "kênh bảo mật" in " ".join(errors(response)["file"])
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_bad_input_is_422_in_vietnamese(self, world, subject):
        client = bearer(world.partner)
        response = post_json(client, f"{subject_api(subject)}/documents", {"version": subject.version})
        assert errors(response) == {"document": ["Trường này là bắt buộc."]}
        response = client.post(f"{subject_api(subject)}/documents", {"version": subject.version})
        assert errors(response) == {"file": ["Hãy chọn tệp cần tải lên."]}
        response = post_json(client, f"{subject_api(subject)}/documents", {"version": subject.version, "document": 99})
        assert "Không tìm thấy tài liệu" in errors(response)["document"][0]

    def test_stale_version_is_409(self, world, subject):
        document = attach(world, subject)
        response = bearer(world.partner).delete(f"{subject_api(subject)}/documents/{document.pk}?version=1")
        assert response.status_code == 409 and STALE in response.json()["detail"]
        assert subject.documents.count() == 1

    def test_detach(self, world, subject):
        document = attach(world, subject)
        subject.refresh_from_db()
        response = bearer(world.partner).delete(
            f"{subject_api(subject)}/documents/{document.pk}?version={subject.version}"
        )
        assert response.status_code == 200 and response.json()["documents"] == []
        assert Document.objects.filter(pk=document.pk).exists()

    @pytest.mark.parametrize("persona", ["officer", "upper"])
    def test_readers_get_403(self, world, subject, persona):
        document = attach(world, subject)
        client = bearer(getattr(world, persona))
        response = post_json(client, f"{subject_api(subject)}/documents", {"version": 9, "document": document.pk})
        assert response.status_code == 403 and response.json() == FORBIDDEN
        response = client.delete(f"{subject_api(subject)}/documents/{document.pk}?version=9")
        assert response.status_code == 403

    def test_the_outsider_gets_404_everywhere(self, world, subject):
        document = attach(world, subject)
        client = bearer(world.outsider)
        version = document.versions.get()
        assert client.get(subject_api(subject)).json() == NOT_FOUND
        assert client.get(f"{API}/documents/versions/{version.pk}/download").status_code == 404
        response = client.post(
            f"{subject_api(subject)}/documents",
            json.dumps({"version": 1, "document": document.pk}),
            content_type="application/json",
        )
        assert response.status_code == 404
        assert client.delete(f"{subject_api(subject)}/documents/{document.pk}?version=1").status_code == 404
        assert subject.documents.count() == 1
