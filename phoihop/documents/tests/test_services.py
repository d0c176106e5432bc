"""The document services: what an upload must pass (real file headers; nothing stored
when refused — no row, no file), confidential documents never stored, duplicates,
versions and stale edits, sharing, and the incoming register's numbers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.documents import services
from phoihop.documents.models import Classification, Document, DocumentShare, DocumentVersion, IncomingEntry
from phoihop.documents.tests.factories import make_document
from phoihop.documents.tests.files import EXE, docx, files_on_disk, pdf, png, upload, xlsx

pytestmark = pytest.mark.django_db

TYPE_ERROR = "Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản."


def confidential_message() -> str:
    return (
        "Văn bản mật (mật, tối mật, tuyệt mật) không được tải lên hệ thống. Hãy chuyển văn bản qua kênh bảo mật "
        "(đường giao liên); hệ thống chỉ ghi nhận văn bản tồn tại: số, ký hiệu, ngày ban hành, cơ quan ban hành "
        "và độ mật."
    )


def nothing_stored(media) -> None:
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert files_on_disk(media) == []


# --- uploads -------------------------------------------------------------------------


class TestUpload:
    @pytest.mark.parametrize(
        ("name", "content", "kind"),
        [
            ("Kế hoạch.pdf", pdf(), "pdf"),
            ("Báo cáo.docx", docx(), "docx"),
            ("Số liệu.xlsx", xlsx(), "xlsx"),
            ("Ảnh hội nghị.png", png(), "png"),
        ],
    )
    def test_real_files_are_stored_as_version_1(self, world, media, name, content, kind):
        document = make_document(world, file=upload(name, content))
        version = document.versions.get()
        assert (version.number, version.kind, version.original_name, version.size) == (1, kind, name, len(content))
        assert version.uploaded_by == world.officer
        assert files_on_disk(media) == [media / version.file.name]
        assert (media / version.file.name).read_bytes() == content

    def test_the_stored_path_is_random_and_says_nothing_of_the_document(self, world):
        version = make_document(world, title="Kế hoạch tuyên truyền năm 2026").versions.get()
        folder, name = version.file.name.split("/")[1:]
        assert version.file.name.startswith("documents/")
        assert len(folder) == 32 and int(folder, 16) >= 0  # a uuid4 in hex
        assert str(version.document_id) not in version.file.name.split("/")[:2]
        assert name == "ke-hoach-tuyen-truyen-nam-2026.pdf"

    def test_creation_is_audited_with_the_first_version(self, world):
        document = make_document(world)
        events = set(AuditEntry.objects.for_object(document).values_list("action", "event"))
        assert events == {("create", ""), ("event", "version_added")}

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("Kế hoạch.pdf", EXE, TYPE_ERROR),
            ("setup.exe", EXE, TYPE_ERROR),
            (
                "Báo cáo.docm",
                docx(macros=True),
                "Không nhận tệp Office có chứa macro. Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx).",
            ),
            ("Báo cáo.docx", docx(macros=True), None),
            ("Trống.pdf", b"", "Tệp rỗng, không có nội dung."),
            (
                "Ảnh.pdf",
                png(),
                "Tên tệp có đuôi “.pdf” nhưng nội dung là loại “Ảnh PNG”. Hãy kiểm tra lại tệp trước khi tải lên.",
            ),
        ],
        ids=["exe-renamed-pdf", "exe", "docm", "macros-renamed-docx", "empty", "png-named-pdf"],
    )
    def test_bad_files_are_refused_and_nothing_is_stored(self, world, media, name, content, message):
        with pytest.raises(ValidationError) as refused:
            make_document(world, file=upload(name, content))
        assert list(refused.value.message_dict) == ["file"]
        if message:
            assert refused.value.message_dict["file"] == [message]
        nothing_stored(media)
        assert not AuditEntry.objects.exists()

    def test_over_the_size_limit(self, world, media, settings):
        settings.PHOIHOP_MAX_UPLOAD_MB = 0.001  # 1,048 bytes
        with pytest.raises(ValidationError) as refused:
            make_document(world, content=pdf("x" * 2000))
        assert refused.value.message_dict == {
            "file": ["Tệp quá lớn. Dung lượng tối đa là 0.001 MB; hãy nén hoặc chia nhỏ tệp."]
        }
        nothing_stored(media)

    def test_no_file(self, world, media):
        with pytest.raises(ValidationError) as refused:
            make_document(world, file=None)
        assert refused.value.message_dict == {"file": ["Hãy chọn tệp cần tải lên."]}
        nothing_stored(media)

    def test_a_failure_while_saving_leaves_no_file_behind(self, world, media, monkeypatch):
        def broken(**kwargs):
            raise RuntimeError("audit unavailable")

        monkeypatch.setattr("phoihop.documents.services.audit.record_create", broken)
        with pytest.raises(RuntimeError):
            make_document(world)
        nothing_stored(media)

    def test_only_an_editor_of_the_owner_creates(self, world, media):
        with pytest.raises(ValidationError) as refused:
            make_document(world, actor=world.partner)  # the partner edits for the People's Committee only
        assert list(refused.value.message_dict) == ["owner"]
        nothing_stored(media)


class TestDuplicates:
    def test_the_same_file_for_the_same_owner_is_refused_naming_the_document(self, world, media):
        first = make_document(world, title="Kế hoạch gốc", content=pdf("cùng nội dung"))
        with pytest.raises(ValidationError) as refused:
            make_document(world, title="Bản sao", number_symbol="94-KH/ĐU", content=pdf("cùng nội dung"))
        assert refused.value.message_dict == {
            "file": [
                "Tệp này đã có trong tài liệu “93-KH/ĐU — Kế hoạch gốc” (phiên bản 1) của cơ quan; "
                "không tải lên lần nữa."
            ]
        }
        assert list(Document.objects.all()) == [first]
        assert len(files_on_disk(media)) == 1

    def test_as_a_new_version_too(self, world, media):
        document = make_document(world, content=pdf("bản 1"))
        with pytest.raises(ValidationError) as refused:
            services.document_add_version(
                actor=world.officer, document=document, file=upload("lại.pdf", pdf("bản 1")), expected_version=1
            )
        assert "đã có trong tài liệu" in refused.value.message_dict["file"][0]
        assert document.versions.count() == 1
        assert len(files_on_disk(media)) == 1

    def test_another_owner_may_store_the_same_file(self, world):
        make_document(world, content=pdf("cùng nội dung"))
        make_document(world, actor=world.partner, owner=world.commune_committee, content=pdf("cùng nội dung"))
        assert DocumentVersion.objects.count() == 2


# --- confidential documents ----------------------------------------------------------


class TestConfidential:
    @pytest.mark.parametrize("level", ["secret", "top_secret", "ultra_secret"])
    def test_a_confidential_document_with_a_file_is_refused_at_every_level(self, world, media, level):
        with pytest.raises(ValidationError) as refused:
            make_document(
                world, classification=Classification.CONFIDENTIAL, secrecy_level=level, file=upload("m.pdf", pdf())
            )
        assert refused.value.message_dict == {"file": [confidential_message()]}
        assert "kênh bảo mật" in confidential_message() and "đường giao liên" in confidential_message()
        nothing_stored(media)
        assert not AuditEntry.objects.exists()

    @pytest.mark.parametrize("classification", ["internal", "public"])
    @pytest.mark.parametrize("level", ["secret", "top_secret", "ultra_secret"])
    def test_a_secrecy_level_makes_it_confidential_whatever_the_classification(
        self, world, media, classification, level
    ):
        """A "tối mật" file marked "internal" by mistake is refused, never stored as internal."""
        with pytest.raises(ValidationError) as refused:
            make_document(world, classification=classification, secrecy_level=level, file=upload("m.pdf", pdf()))
        assert refused.value.message_dict == {"file": [confidential_message()]}
        nothing_stored(media)
        with pytest.raises(ValidationError) as refused:
            make_document(world, classification=classification, secrecy_level=level, file=None)
        assert "hãy chọn phân loại “Mật”" in refused.value.message_dict["secrecy_level"][0]
        nothing_stored(media)

    @pytest.mark.parametrize("level", ["secret", "top_secret", "ultra_secret"])
    def test_without_a_file_only_its_existence_is_recorded(self, world, media, level):
        document = make_document(
            world,
            title="Công văn về tình hình an ninh",
            classification=Classification.CONFIDENTIAL,
            secrecy_level=level,
        )
        document.refresh_from_db()
        assert (document.classification, document.secrecy_level, document.secure_channel) == (
            "confidential",
            level,
            True,
        )
        assert (document.number_symbol, document.issued_on, document.issuer) == (
            "93-KH/ĐU",
            dt.date(2026, 3, 2),
            "Đảng ủy xã Cẩm Đức",
        )
        assert not document.versions.exists()
        assert files_on_disk(media) == []

    def test_the_record_needs_number_date_issuer_and_level_and_holds_no_summary(self, world, media):
        with pytest.raises(ValidationError) as refused:
            make_document(
                world,
                classification=Classification.CONFIDENTIAL,
                number_symbol="",
                issued_on=None,
                issuer="",
                summary="Nội dung mật",
            )
        assert set(refused.value.message_dict) == {"secrecy_level", "number_symbol", "issued_on", "issuer", "summary"}
        nothing_stored(media)

    def test_a_confidential_record_never_gets_a_version(self, world, media):
        document = make_document(world, classification=Classification.CONFIDENTIAL, secrecy_level="secret")
        with pytest.raises(ValidationError) as refused:
            services.document_add_version(
                actor=world.officer, document=document, file=upload("a.pdf", pdf()), expected_version=document.version
            )
        assert refused.value.message_dict == {"file": [confidential_message()]}
        assert files_on_disk(media) == []

    def test_a_stored_document_cannot_be_marked_confidential(self, world):
        document = make_document(world)
        with pytest.raises(ValidationError) as refused:
            services.document_update(
                actor=world.officer,
                document=document,
                expected_version=document.version,
                classification="confidential",
                secrecy_level="secret",
            )
        assert refused.value.message_dict == {"classification": [confidential_message()]}
        document.refresh_from_db()
        assert document.classification == "internal"


# --- versions and edits --------------------------------------------------------------


class TestVersionsAndEdits:
    def test_versions_are_numbered_1_2_3(self, world):
        document = make_document(world, content=pdf("bản 1"))
        for text in ("bản 2", "bản 3"):
            document.refresh_from_db()
            services.document_add_version(
                actor=world.officer,
                document=document,
                file=upload(f"{text}.pdf", pdf(text)),
                expected_version=document.version,
                note=f"Sửa {text}",
            )
        assert list(document.versions.order_by("number").values_list("number", "note")) == [
            (1, ""),
            (2, "Sửa bản 2"),
            (3, "Sửa bản 3"),
        ]

    def test_a_version_from_a_stale_page_is_refused_and_nothing_stored(self, world, media):
        document = make_document(world, content=pdf("bản 1"))
        services.document_add_version(
            actor=world.officer, document=document, file=upload("2.pdf", pdf("bản 2")), expected_version=1
        )
        stale = Document.objects.get(pk=document.pk)
        with pytest.raises(StaleVersionError):
            services.document_add_version(
                actor=world.officer, document=stale, file=upload("3.pdf", pdf("bản 3")), expected_version=1
            )
        assert document.versions.count() == 2
        assert len(files_on_disk(media)) == 2

    def test_edit_with_the_current_version(self, world):
        document = make_document(world)
        services.document_update(
            actor=world.officer, document=document, expected_version=1, title="Kế hoạch đã sửa", classification="public"
        )
        document.refresh_from_db()
        assert (document.title, document.classification, document.version) == ("Kế hoạch đã sửa", "public", 2)
        assert document.search_text == "ke hoach da sua 93-kh/du dang uy xa cam duc"
        entry = AuditEntry.objects.for_object(document).get(action="update")
        assert entry.changes["title"] == ["Kế hoạch tuyên truyền năm 2026", "Kế hoạch đã sửa"]

    def test_a_stale_edit_is_refused_never_merged(self, world):
        document = make_document(world)
        first, second = Document.objects.get(pk=document.pk), Document.objects.get(pk=document.pk)
        services.document_update(actor=world.officer, document=first, expected_version=1, title="Sửa lần một")
        with pytest.raises(StaleVersionError):
            services.document_update(actor=world.officer, document=second, expected_version=1, title="Sửa lần hai")
        assert Document.objects.get(pk=document.pk).title == "Sửa lần một"

    def test_sharing_sets_exactly_the_organisations_given(self, world):
        document = make_document(world, shared_with=[world.commune_committee, world.target])
        assert set(document.shared_with.all()) == {world.commune_committee}  # never the owner itself
        services.document_share(
            actor=world.officer, document=document, organizations=[world.province_dept_a], expected_version=1
        )
        assert list(DocumentShare.objects.values_list("organization", flat=True)) == [world.province_dept_a.pk]
        entry = AuditEntry.objects.for_object(document).get(action="update")
        assert entry.changes == {"shared_with": [[world.commune_committee.name], [world.province_dept_a.name]]}


# --- the incoming register -----------------------------------------------------------


def register(world, document, *, organization=None, on=dt.date(2026, 3, 5), actor=None, **kwargs):
    return services.incoming_register(
        actor=actor or world.partner,
        receiving_organization=organization or world.commune_committee,
        document=document,
        received_on=on,
        **kwargs,
    )


class TestIncomingRegister:
    @pytest.fixture(autouse=True)
    def _on_1_february_2027(self):
        with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC), tick=False):
            yield

    def documents(self, world, count):
        return [
            make_document(world, title=f"Công văn {n}", number_symbol=f"{n}-CV/ĐU", content=pdf(f"công văn {n}"))
            for n in range(1, count + 1)
        ]

    def test_numbers_run_per_organisation_and_year_and_roll_over(self, world):
        docs = self.documents(world, 5)
        a = [register(world, doc) for doc in docs[:3]]
        b = [register(world, doc, organization=world.target, actor=world.officer) for doc in docs[:2]]
        next_year = [register(world, doc, on=dt.date(2027, 1, 5)) for doc in docs[3:]]
        assert [(e.year, e.number) for e in a] == [(2026, 1), (2026, 2), (2026, 3)]
        assert [(e.year, e.number) for e in b] == [(2026, 1), (2026, 2)]
        assert [(e.year, e.number) for e in next_year] == [(2027, 1), (2027, 2)]

    def test_sender_defaults_to_the_documents_owner(self, world):
        entry = register(world, self.documents(world, 1)[0])
        assert entry.sender == world.target.name
        other = register(world, make_document(world, content=pdf("khác")), sender_name="Văn phòng Tỉnh ủy")
        assert other.sender == "Văn phòng Tỉnh ủy"

    def test_a_document_is_registered_once_per_organisation(self, world):
        document = self.documents(world, 1)[0]
        register(world, document)
        with pytest.raises(ValidationError) as refused:
            register(world, document)
        assert refused.value.message_dict == {
            "document": ["Tài liệu này đã được vào sổ văn bản đến của cơ quan với số 1/2026."]
        }
        assert IncomingEntry.objects.count() == 1

    def test_bad_dates_are_refused(self, world):
        document = self.documents(world, 1)[0]
        with pytest.raises(ValidationError) as refused:
            register(world, document, on=dt.date(2026, 3, 1))  # before it was issued (02/03/2026)
        assert refused.value.message_dict == {"received_on": ["Ngày đến không thể trước ngày ban hành của văn bản."]}
        with pytest.raises(ValidationError) as refused:
            register(world, document, on=dt.date(2027, 2, 2))
        assert refused.value.message_dict == {"received_on": ["Ngày đến không thể ở tương lai."]}
        assert not IncomingEntry.objects.exists()

    def test_only_editors_of_the_receiving_organisation_register(self, world):
        with pytest.raises(ValidationError) as refused:
            register(world, self.documents(world, 1)[0], actor=world.officer)  # not a member of the committee
        assert list(refused.value.message_dict) == ["receiving_organization"]

    def test_a_number_taken_meanwhile_is_retried(self, world, monkeypatch):
        """Another registration commits between our read of the highest number and our
        insert: the unique constraint refuses ours, and we take the next."""
        first, second = self.documents(world, 2)
        register(world, first)
        real_aggregate = type(IncomingEntry.objects.all()).aggregate
        calls = []

        def stale_once(self, *args, **kwargs):
            result = real_aggregate(self, *args, **kwargs)
            calls.append(result)
            return {"n": 0} if len(calls) == 1 else result  # the first read is behind

        monkeypatch.setattr(type(IncomingEntry.objects.all()), "aggregate", stale_once)
        entry = register(world, second)
        assert (entry.number, len(calls)) == (2, 2)
