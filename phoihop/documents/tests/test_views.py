"""The document pages, persona by persona: the officer of the owner (Đảng ủy xã Cẩm Đức)
uploads, edits, adds versions and shares; the partner's focal point (UBND xã) sees only
what is shared with it or public and registers it in its incoming register; the province
department above reads but never changes; an outsider gets 404 everywhere, guessed ids
and file paths included. Every download is audited and served as an attachment."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.documents import services
from phoihop.documents.models import Document, IncomingEntry
from phoihop.documents.tests.factories import DocumentFactory, make_document
from phoihop.documents.tests.files import EXE, docx, files_on_disk, pdf, upload
from phoihop.documents.tests.test_services import register

pytestmark = pytest.mark.django_db

VIETNAMESE_NAME = "Kế hoạch tuyên truyền năm 2026.pdf"


def detail_url(document) -> str:
    return reverse("documents:detail", args=[document.pk])


def download_url(version) -> str:
    return reverse("documents:download", args=[version.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def form_data(name=VIETNAMESE_NAME, content=None, **overrides) -> dict:
    data = {
        "owner": "",
        "title": "Kế hoạch tuyên truyền năm 2026",
        "number_symbol": "93-KH/ĐU",
        "issued_on": "02/03/2026",
        "issuer": "Đảng ủy xã Cẩm Đức",
        "classification": "internal",
        "secrecy_level": "",
        "summary": "",
        "file": upload(name, content if content is not None else pdf(name)),
    }
    data.update(overrides)
    return data


# --- the list ------------------------------------------------------------------------


class TestList:
    def test_search_with_or_without_diacritics(self, world, client_for):
        make_document(world, title="Kế hoạch tuyên truyền Đại hội Đảng")
        make_document(world, title="Báo cáo dư luận", number_symbol="12-BC/ĐU", content=pdf("khác"))
        client = client_for(world.officer)
        for query in ("đại hội", "dai hoi", "DAI HOI"):
            page = client.get(reverse("documents:list"), {"q": query}).context["page"]
            assert [d.title for d in page] == ["Kế hoạch tuyên truyền Đại hội Đảng"]

    def test_partner_sees_only_what_is_shared_or_public(self, world, client_for):
        make_document(world, title="Nội bộ, không chia sẻ", content=pdf("1"))
        make_document(world, title="Nội bộ, chia sẻ", content=pdf("2"), shared_with=[world.commune_committee])
        make_document(world, title="Công khai", content=pdf("3"), classification="public")
        page = client_for(world.partner).get(reverse("documents:list")).context["page"]
        assert sorted(d.title for d in page) == ["Công khai", "Nội bộ, chia sẻ"]
        shared = client_for(world.partner).get(reverse("documents:list"), {"shared_with_me": "on"}).context["page"]
        assert [d.title for d in shared] == ["Nội bộ, chia sẻ"]

    @pytest.mark.parametrize(("persona", "count"), [("officer", 3), ("upper", 3), ("admin", 3), ("outsider", 1)])
    def test_who_sees_what(self, world, client_for, persona, count):
        make_document(world, title="Nội bộ", content=pdf("1"))
        make_document(world, title="Mật", classification="confidential", secrecy_level="secret")
        make_document(world, title="Công khai", content=pdf("3"), classification="public")
        page = client_for(getattr(world, persona)).get(reverse("documents:list")).context["page"]
        assert page.paginator.count == count

    def test_filters_by_classification_owner_and_year(self, world, client_for):
        make_document(world, title="Năm 2025", issued_on=dt.date(2025, 5, 1), content=pdf("a"))
        make_document(world, title="Năm 2026", content=pdf("b"), classification="public")
        client = client_for(world.officer)
        titles = lambda **q: [d.title for d in client.get(reverse("documents:list"), q).context["page"]]  # noqa: E731
        assert titles(year=2025) == ["Năm 2025"]
        assert titles(classification="public") == ["Năm 2026"]
        assert titles(owner=world.target.pk, year=2026) == ["Năm 2026"]

    def test_htmx_gets_the_results_only(self, world, client_for):
        make_document(world)
        response = client_for(world.officer).get(reverse("documents:list"), HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "Có 1 tài liệu." in html and "<html" not in html

    def test_nobody_without_a_membership_sees_nothing(self, world, client_for):
        make_document(world, classification="public")
        assert client_for(world.nobody).get(reverse("documents:list")).context["page"].paginator.count == 0

    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        DocumentFactory.create_batch(3, owner=world.target)
        with django_assert_max_num_queries(10):
            assert client.get(reverse("documents:list")).status_code == 200
        DocumentFactory.create_batch(27, owner=world.target)
        with django_assert_max_num_queries(10):
            response = client.get(reverse("documents:list"))
        assert response.context["page"].paginator.count == 30

    def test_the_nav_has_an_entry(self, world, client_for):
        html = client_for(world.officer).get(reverse("accounts:my_work")).content.decode()
        assert f'href="{reverse("documents:list")}"' in html and "Tài liệu" in html


# --- upload --------------------------------------------------------------------------


class TestUploadPage:
    def test_officer_uploads_and_shares(self, world, client_for, media):
        data = form_data(owner=world.target.pk, shared_with=[world.commune_committee.pk])
        response = client_for(world.officer).post(reverse("documents:create"), data)
        document = Document.objects.get()
        assert response.status_code == 302 and response.url == detail_url(document)
        assert document.versions.get().original_name == VIETNAMESE_NAME
        assert list(document.shared_with.all()) == [world.commune_committee]
        assert len(files_on_disk(media)) == 1

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            (
                "Kế hoạch.pdf",
                EXE,
                "Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản.",
            ),
            ("Kế hoạch.docm", docx(macros=True), "Không nhận tệp Office có chứa macro."),
            ("Trống.pdf", b"", "Tệp rỗng, không có nội dung."),
        ],
        ids=["exe-as-pdf", "docm", "empty"],
    )
    def test_bad_files_show_the_message_next_to_the_field(self, world, client_for, media, name, content, message):
        response = client_for(world.officer).post(
            reverse("documents:create"), form_data(name, content, owner=world.target.pk)
        )
        assert response.status_code == 200
        assert message in response.context["form"].errors["file"][0]
        assert message in response.content.decode()
        assert not Document.objects.exists() and files_on_disk(media) == []

    @pytest.mark.parametrize("level", ["secret", "top_secret", "ultra_secret"])
    def test_confidential_with_a_file_is_refused_pointing_to_the_secure_channel(self, world, client_for, media, level):
        data = form_data(owner=world.target.pk, classification="confidential", secrecy_level=level)
        response = client_for(world.officer).post(reverse("documents:create"), data)
        html = response.content.decode()
        assert "kênh bảo mật" in response.context["form"].errors["file"][0]
        assert "đường giao liên" in html
        assert not Document.objects.exists() and files_on_disk(media) == []

    def test_confidential_without_a_file_is_recorded_only(self, world, client_for, media):
        data = form_data(owner=world.target.pk, classification="confidential", secrecy_level="top_secret")
        del data["file"]
        response = client_for(world.officer).post(reverse("documents:create"), data)
        document = Document.objects.get()
        assert response.status_code == 302
        assert (document.secure_channel, document.secrecy_level) == (True, "top_secret")
        html = client_for(world.officer).get(detail_url(document)).content.decode()
        assert "kênh bảo mật (đường giao liên)" in html
        assert "Tải lên phiên bản mới" not in html
        assert files_on_disk(media) == []

    def test_over_the_size_limit(self, world, client_for, media, settings):
        settings.PHOIHOP_MAX_UPLOAD_MB = 0.001
        data = form_data("Lớn.pdf", pdf("x" * 2000), owner=world.target.pk)
        response = client_for(world.officer).post(reverse("documents:create"), data)
        assert "Tệp quá lớn" in response.context["form"].errors["file"][0]
        assert files_on_disk(media) == []

    def test_an_owner_one_does_not_edit_for_is_not_offered(self, world, client_for, media):
        response = client_for(world.officer).post(
            reverse("documents:create"), form_data(owner=world.commune_committee.pk)
        )
        assert list(response.context["form"].errors) == ["owner"]
        assert not Document.objects.exists()

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("nobody", 403), ("admin", 200)])
    def test_who_may_open_the_upload_form(self, world, client_for, persona, status):
        assert client_for(getattr(world, persona)).get(reverse("documents:create")).status_code == status


# --- the document page ---------------------------------------------------------------


class TestDocumentPage:
    @pytest.mark.parametrize("persona", ["officer", "upper", "admin"])
    def test_internal_document_is_read_by_owner_upper_and_admin(self, world, client_for, persona):
        document = make_document(world)
        assert client_for(getattr(world, persona)).get(detail_url(document)).status_code == 200

    @pytest.mark.parametrize("persona", ["partner", "outsider", "nobody"])
    def test_others_get_404_on_an_internal_document(self, world, client_for, persona):
        document = make_document(world)
        assert client_for(getattr(world, persona)).get(detail_url(document)).status_code == 404

    def test_shared_with_the_partner_it_reads(self, world, client_for):
        document = make_document(world, shared_with=[world.commune_committee])
        html = client_for(world.partner).get(detail_url(document)).content.decode()
        assert "Kế hoạch tuyên truyền năm 2026" in html
        assert "Ủy ban nhân dân xã Cẩm Đức" in html
        assert "Tải lên phiên bản mới" not in html

    def test_the_page_shows_versions_with_download_links_not_file_paths(self, world, client_for):
        document = make_document(world)
        version = document.versions.get()
        html = client_for(world.upper).get(detail_url(document)).content.decode()
        assert download_url(version) in html
        assert version.file.name not in html
        assert "02/03/2026" in html

    def test_the_page_stays_within_10_queries(self, world, client_for, django_assert_max_num_queries):
        document = make_document(world, shared_with=[world.commune_committee, world.province_dept_a])
        client = client_for(world.officer)
        with django_assert_max_num_queries(10):
            assert client.get(detail_url(document)).status_code == 200

    def test_history_shows_downloads(self, world, client_for):
        document = make_document(world)
        body(client_for(world.upper).get(download_url(document.versions.get())))
        html = client_for(world.officer).get(reverse("documents:history", args=[document.pk])).content.decode()
        assert f"Tải về phiên bản 1 “{document.versions.get().original_name}”" in html


class TestVersionsPage:
    def test_officer_adds_a_version(self, world, client_for, media):
        document = make_document(world)
        response = client_for(world.officer).post(
            reverse("documents:version_create", args=[document.pk]),
            {"file": upload("Bản 2.docx", docx()), "note": "Bổ sung", "version": document.version},
        )
        assert response.status_code == 302
        assert list(document.versions.values_list("number", flat=True).order_by("number")) == [1, 2]

    def test_a_stale_page_is_refused(self, world, client_for, media):
        document = make_document(world)
        services.document_add_version(
            actor=world.officer, document=document, file=upload("2.pdf", pdf("2")), expected_version=1
        )
        response = client_for(world.officer).post(
            reverse("documents:version_create", args=[document.pk]),
            {"file": upload("3.pdf", pdf("3")), "version": 1},
        )
        assert response.status_code == 200
        assert "Bản ghi đã được người khác sửa" in response.content.decode()
        assert document.versions.count() == 2 and len(files_on_disk(media)) == 2

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("partner", 404), ("outsider", 404)])
    def test_others_may_not_add_a_version(self, world, client_for, media, persona, status):
        document = make_document(world)
        response = client_for(getattr(world, persona)).post(
            reverse("documents:version_create", args=[document.pk]), {"file": upload("2.pdf", pdf("2")), "version": 1}
        )
        assert response.status_code == status
        assert document.versions.count() == 1 and len(files_on_disk(media)) == 1

    def test_the_shared_partner_reads_but_may_not_add(self, world, client_for):
        document = make_document(world, shared_with=[world.commune_committee])
        response = client_for(world.partner).post(
            reverse("documents:version_create", args=[document.pk]), {"file": upload("2.pdf", pdf("2")), "version": 1}
        )
        assert response.status_code == 403


class TestSharePage:
    def test_officer_shares(self, world, client_for):
        document = make_document(world)
        response = client_for(world.officer).post(
            reverse("documents:share", args=[document.pk]),
            {"shared_with": [world.commune_committee.pk], "version": document.version},
        )
        assert response.status_code == 302
        assert list(document.shared_with.all()) == [world.commune_committee]
        assert client_for(world.partner).get(detail_url(document)).status_code == 200

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("outsider", 404)])
    def test_others_may_not_share(self, world, client_for, persona, status):
        document = make_document(world)
        response = client_for(getattr(world, persona)).post(
            reverse("documents:share", args=[document.pk]), {"shared_with": [world.province_dept_b.pk], "version": 1}
        )
        assert response.status_code == status
        assert not document.shared_with.exists()


class TestEditPage:
    def test_officer_edits_with_the_version(self, world, client_for):
        document = make_document(world)
        data = {
            "title": "Kế hoạch (sửa)",
            "number_symbol": "93-KH/ĐU",
            "issued_on": "03/03/2026",
            "issuer": "Đảng ủy xã Cẩm Đức",
            "classification": "public",
            "secrecy_level": "",
            "summary": "",
            "version": 1,
        }
        assert client_for(world.officer).post(reverse("documents:edit", args=[document.pk]), data).status_code == 302
        document.refresh_from_db()
        assert (document.title, document.issued_on, document.version) == ("Kế hoạch (sửa)", dt.date(2026, 3, 3), 2)
        response = client_for(world.officer).post(reverse("documents:edit", args=[document.pk]), data)
        assert "Bản ghi đã được người khác sửa" in response.content.decode()

    def test_upper_level_may_not_edit(self, world, client_for):
        document = make_document(world)
        assert client_for(world.upper).get(reverse("documents:edit", args=[document.pk])).status_code == 403


# --- download ------------------------------------------------------------------------


class TestDownload:
    @pytest.mark.parametrize("persona", ["officer", "upper", "admin"])
    def test_readers_download(self, world, client_for, persona):
        document = make_document(world, title="Kế hoạch tuyên truyền năm 2026")
        response = client_for(getattr(world, persona)).get(download_url(document.versions.get()))
        assert response.status_code == 200
        assert body(response) == pdf("Kế hoạch tuyên truyền năm 2026")

    def test_headers_make_it_a_safe_download(self, world, client_for):
        version = make_document(world, title="Kế hoạch tuyên truyền năm 2026").versions.get()
        response = client_for(world.officer).get(download_url(version))
        assert response["Content-Disposition"] == (
            'attachment; filename="Ke hoach tuyen truyen nam 2026.pdf"; '
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20tuy%C3%AAn%20truy%E1%BB%81n%20n%C4%83m%202026.pdf"
        )
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        body(response)

    def test_each_download_writes_an_audit_row_with_actor_organisation_and_version(self, world, client_for):
        document = make_document(world, shared_with=[world.commune_committee])
        version = document.versions.get()
        body(client_for(world.partner).get(download_url(version)))
        body(client_for(world.partner).get(download_url(version)))
        entries = AuditEntry.objects.for_object(document).filter(event="download")
        assert entries.count() == 2
        entry = entries.first()
        assert entry.actor == world.partner
        assert entry.organization_id == world.commune_committee.pk
        assert entry.changes == {"file_version": [None, f"1: {version.original_name}"]}

    @pytest.mark.parametrize("persona", ["partner", "outsider", "nobody"])
    def test_a_guessed_version_id_is_404_and_nothing_recorded(self, world, client_for, persona):
        version = make_document(world).versions.get()
        assert client_for(getattr(world, persona)).get(download_url(version)).status_code == 404
        assert not AuditEntry.objects.filter(event="download").exists()

    def test_a_guessed_file_path_is_not_served(self, world, client_for, settings):
        version = make_document(world).versions.get()
        for url in (settings.MEDIA_URL + version.file.name, "/" + version.file.name):
            assert client_for(world.outsider).get(url).status_code == 404
            assert client_for(world.officer).get(url).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for):
        version = make_document(world).versions.get()
        response = client_for(None).get(download_url(version))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# --- the incoming register -----------------------------------------------------------


def register_url(organization, year=2026) -> str:
    return reverse("documents:register", args=[organization.pk, year])


class TestRegisterPage:
    @pytest.fixture(autouse=True)
    def _in_2026(self):
        with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False):
            yield

    def test_partner_registers_a_shared_document_and_gets_number_1(self, world, client_for):
        document = make_document(world, shared_with=[world.commune_committee])
        client = client_for(world.partner)
        page = client.get(register_url(world.commune_committee))
        assert (document.pk, f"93-KH/ĐU — {document.title}") in page.context["form"].fields["document"].choices
        response = client.post(
            register_url(world.commune_committee), {"document": document.pk, "received_on": "05/03/2026"}
        )
        assert response.status_code == 302
        entry = IncomingEntry.objects.get()
        assert (entry.number, entry.year, entry.receiving_organization) == (1, 2026, world.commune_committee)
        html = client.get(register_url(world.commune_committee)).content.decode()
        assert "05/03/2026" in html and document.title in html

    @pytest.mark.parametrize("value", ["²", "１２", str(10**25), "abc"])
    def test_a_strange_document_parameter_is_ignored(self, world, client_for, value):
        client = client_for(world.partner)
        assert client.get(register_url(world.commune_committee), {"document": value}).status_code == 200
        response = client.post(register_url(world.commune_committee), {"document": value, "received_on": "05/03/2026"})
        assert response.status_code == 200 and response.context["form"].errors["document"]
        assert not IncomingEntry.objects.exists()

    def test_a_bad_date_is_shown_next_to_the_field(self, world, client_for):
        document = make_document(world, shared_with=[world.commune_committee])
        response = client_for(world.partner).post(
            register_url(world.commune_committee), {"document": document.pk, "received_on": "31/02/2026"}
        )
        assert "dd/mm/yyyy" in response.context["form"].errors["received_on"][0]
        assert not IncomingEntry.objects.exists()

    @pytest.mark.parametrize(("persona", "status"), [("upper", 200), ("officer", 404), ("outsider", 404)])
    def test_who_reads_the_register(self, world, client_for, persona, status):
        response = client_for(getattr(world, persona)).get(register_url(world.commune_committee))
        assert response.status_code == status
        if status == 200:
            assert response.context["form"] is None  # the upper level reads, never registers

    def test_reading_the_register_does_not_reveal_documents_one_may_not_see(self, world, client_for):
        """Another province's internal document, shared with the commune and in its register:
        the commune reads it, the province above reads the register but not that document."""
        elsewhere = make_document(
            world,
            actor=world.outsider,
            owner=world.province_dept_b,
            title="Báo cáo nội bộ của tỉnh bạn",
            number_symbol="15-BC/BTGDVTU",
            shared_with=[world.commune_committee],
        )
        register(world, elsewhere, organization=world.commune_committee, actor=world.partner)
        partner_html = client_for(world.partner).get(register_url(world.commune_committee)).content.decode()
        assert "Báo cáo nội bộ của tỉnh bạn" in partner_html and "15-BC/BTGDVTU" in partner_html
        upper = client_for(world.upper)
        assert upper.get(reverse("documents:detail", args=[elsewhere.pk])).status_code == 404
        upper_html = upper.get(register_url(world.commune_committee)).content.decode()
        assert "Báo cáo nội bộ của tỉnh bạn" not in upper_html and "15-BC/BTGDVTU" not in upper_html
        assert "Tài liệu ngoài phạm vi bạn được xem" in upper_html

    @pytest.mark.parametrize(("persona", "status"), [("upper", 403), ("outsider", 404)])
    def test_others_may_not_register(self, world, client_for, persona, status):
        document = make_document(world, classification="public")
        response = client_for(getattr(world, persona)).post(
            register_url(world.commune_committee), {"document": document.pk, "received_on": "05/03/2026"}
        )
        assert response.status_code == status
        assert not IncomingEntry.objects.exists()

    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.partner)

        def entries(count):
            start = IncomingEntry.objects.count()
            for n in range(start + 1, start + count + 1):
                IncomingEntry.objects.create(
                    receiving_organization=world.commune_committee,
                    year=2026,
                    number=n,
                    document=DocumentFactory(owner=world.target),
                    received_on=dt.date(2026, 3, 5),
                    sender_organization=world.target,
                )

        entries(3)
        with django_assert_max_num_queries(10):
            assert client.get(register_url(world.commune_committee)).status_code == 200
        entries(27)
        with django_assert_max_num_queries(10):
            response = client.get(register_url(world.commune_committee))
        assert response.context["page"].paginator.count == 30

    def test_home_redirects_to_the_acting_organisations_register(self, world, client_for):
        response = client_for(world.partner).get(reverse("documents:register_home"))
        assert response.url == register_url(world.commune_committee)
