"""A programme's attached documents: who may upload, list, download and remove them (the
lead's officer uploads and removes; the partner's focal point and the province above
read and download; an outsider gets 404), what each bad upload gets (a Vietnamese
message next to the field, no row, no file left on disk), that the type is decided by
the content and not the name, that confidential documents are refused, and that every
download is audited and served safely."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.programs import services
from phoihop.programs.models import ProgramAttachment
from phoihop.programs.tests.factories import make_program
from phoihop.programs.tests.test_api_common import API, FORBIDDEN, NOT_FOUND, bearer, errors

pytestmark = pytest.mark.django_db

TYPE_ERROR = "Chỉ nhận tệp PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản."
CONFIDENTIAL_ERROR = (
    "Văn bản mật không được tải lên hệ thống. Hãy chuyển qua đường bảo mật; hệ thống chỉ ghi nhận văn bản tồn tại."
)
EMPTY_ERROR = "Tệp rỗng, không có nội dung."
VIETNAMESE_NAME = "Kế hoạch tuyên truyền năm 2026.pdf"


# --- files, built byte by byte -------------------------------------------------------


def pdf(text: str = "Kế hoạch tuyên truyền") -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Title (" + text.encode() + b") >>\nendobj\n%%EOF\n"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
TEXT = "Báo cáo kết quả phối hợp tháng 6/2026.\nĐã đăng 12 bài viết.\n".encode()


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOCX = zipped({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})
PPTX = zipped({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p:presentation/>"})
DOCM = zipped(
    {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"VBA"}
)
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"})
ODS = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
PLAIN_ZIP = zipped({"readme.txt": b"hello"})
JAR = zipped({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n", "Main.class": b"\xca\xfe\xba\xbe"})


def ole2(*streams: str) -> bytes:
    """A minimal OLE2 compound file (MS-CFB, 512-byte sectors): sector 0 holds the FAT,
    sector 1 the directory with the root entry and `streams` (at most three)."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:34] = struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header[44:76] = struct.pack("<IIIIIIII", 1, 1, 0, 4096, end, 0, end, 0)
    header[76:512] = struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)
    directory = bytearray(512)
    for index, (name, kind) in enumerate([("Root Entry", 5), *((stream, 2) for stream in streams)]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        start = index * 128
        directory[start : start + len(encoded)] = encoded
        directory[start + 64 : start + 66] = len(encoded).to_bytes(2, "little")
        directory[start + 66] = kind
    return bytes(header) + fat + bytes(directory)


DOC = ole2("WordDocument", "1Table")
XLS = ole2("Workbook")
DOC_WITH_MACROS = ole2("WordDocument", "Macros")
MSI = ole2("\u4840\u3b3f\u43f2")  # an installer: OLE2, but no document stream


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- fixtures and helpers ------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def program(world):
    return make_program(world)


def files_on_disk(media: Path) -> list[Path]:
    return [path for path in Path(media).rglob("*") if path.is_file()] if Path(media).exists() else []


def attach(world, program, name: str = "Kế hoạch năm 2026.pdf", content: bytes | None = None, **kwargs):
    return services.program_attach(
        actor=world.officer,
        program=program,
        uploaded_file=upload(name, pdf(name) if content is None else content),
        **kwargs,
    )


def detail_url(program) -> str:
    return reverse("programs:detail", args=[program.pk])


def upload_url(program) -> str:
    return reverse("programs:attachment_upload", args=[program.pk])


def download_url(attachment) -> str:
    return reverse("programs:attachment_download", args=[attachment.pk])


def remove_url(attachment) -> str:
    return reverse("programs:attachment_remove", args=[attachment.pk])


def form_data(name="Kế hoạch năm 2026.pdf", content=None, **overrides) -> dict:
    data = {"att-file": upload(name, content if content is not None else pdf(name)), "att-title": ""}
    data.update(overrides)
    return data


def body(response) -> bytes:
    """The streamed file; reading it to the end closes it (the test client's wrapper)."""
    return b"".join(response.streaming_content)


def added_events(program) -> int:
    return AuditEntry.objects.for_object(program).filter(event="attachment_added").count()


# --- content decides the type --------------------------------------------------------


class TestSniff:
    @pytest.mark.parametrize(
        ("content", "kind"),
        [
            (pdf(), "pdf"),
            (DOCX, "docx"),
            (XLSX, "xlsx"),
            (PPTX, "pptx"),
            (ODT, "odt"),
            (ODS, "ods"),
            (DOC, "doc"),
            (XLS, "xls"),
            (JPEG, "jpeg"),
            (PNG, "png"),
            (TEXT, "text"),
            ("\ufeffCó BOM".encode(), "text"),
        ],
    )
    def test_accepted_kinds_are_recognised_by_content(self, content, kind):
        assert services.sniff(content) == kind

    @pytest.mark.parametrize(
        "content",
        [
            EXE,
            PLAIN_ZIP,
            JAR,
            MSI,
            b"PK\x03\x04 not really a zip",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 short",
            b"a\x00b",
        ],
        ids=["exe", "zip", "jar", "msi", "broken-zip", "broken-ole2", "nul-bytes"],
    )
    def test_anything_else_is_not_accepted(self, content):
        assert services.sniff(content) is None

    def test_latin1_text_is_not_utf8_text(self):
        assert services.sniff("Báo cáo".encode("cp1258", errors="replace") + b"\xe0\xff") is None

    @pytest.mark.parametrize("content", [DOCM, DOC_WITH_MACROS], ids=["docm", "doc-macros"])
    def test_office_files_with_macros_are_flagged(self, content):
        assert services.sniff(content) == "macro"

    def test_a_right_to_left_override_cannot_disguise_the_extension(self):
        # "Báo cáo\u202efdp.exe" is shown by some systems as "Báo cáoexe.pdf".
        assert services.clean_file_name("Báo cáo\u202efdp.exe") == ("Báo cáofdp", "exe")

    def test_path_components_are_dropped(self):
        assert services.clean_file_name("C:\\Users\\an\\..\\Kế hoạch.PDF") == ("Kế hoạch", "pdf")
        assert services.clean_file_name("../../etc/passwd") == ("passwd", "")


# --- the service ---------------------------------------------------------------------


class TestAttach:
    def test_stores_the_file_under_the_programme_with_a_safe_name(self, world, program, media):
        attachment = attach(world, program, VIETNAMESE_NAME)
        parts = Path(attachment.file.name).parts
        assert parts[0:2] == ("programs", str(program.pk))
        assert len(parts[2]) == 32 and int(parts[2], 16) >= 0  # a uuid4 in hex
        assert parts[3] == "ke-hoach-tuyen-truyen-nam-2026.pdf"
        assert files_on_disk(media) == [Path(media) / attachment.file.name]
        assert (Path(media) / attachment.file.name).read_bytes() == pdf(VIETNAMESE_NAME)

    def test_records_name_size_type_hash_and_who(self, world, program):
        attachment = attach(world, program, VIETNAMESE_NAME)
        assert attachment.title == "Kế hoạch tuyên truyền năm 2026"  # the name without extension
        assert attachment.original_name == VIETNAMESE_NAME
        assert attachment.size == len(pdf(VIETNAMESE_NAME))
        assert (attachment.kind, attachment.content_type) == ("pdf", "application/pdf")
        assert len(attachment.sha256) == 64
        assert attachment.uploaded_by == world.officer

    def test_writes_an_audit_row_on_the_programme(self, world, program):
        attach(world, program, title="Văn bản chương trình đã ký")
        entry = AuditEntry.objects.for_object(program).get(event="attachment_added")
        assert entry.actor == world.officer
        assert entry.changes == {"attachments": [None, "Văn bản chương trình đã ký (Kế hoạch năm 2026.pdf)"]}

    def test_a_name_without_extension_gets_the_one_of_its_content(self, world, program):
        attachment = attach(world, program, "Quyết định 238", DOCX)
        assert attachment.original_name == "Quyết định 238.docx"
        assert attachment.file.name.endswith("/quyet-dinh-238.docx")

    @pytest.mark.parametrize(
        ("name", "content"),
        [("a.docx", DOCX), ("b.xlsx", XLSX), ("c.odt", ODT), ("d.doc", DOC), ("e.xls", XLS), ("f.jpg", JPEG)],
    )
    def test_office_documents_and_images_are_accepted(self, world, program, name, content):
        assert attach(world, program, name, content).kind == services.sniff(content)

    def test_detach_removes_the_row_and_then_the_file(self, world, program, media, django_capture_on_commit_callbacks):
        attachment = attach(world, program)
        with django_capture_on_commit_callbacks(execute=True):
            services.program_detach(actor=world.officer, attachment=attachment)
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []
        entry = AuditEntry.objects.for_object(program).get(event="attachment_removed")
        assert entry.changes == {"attachments": ["Kế hoạch năm 2026 (Kế hoạch năm 2026.pdf)", None]}

    def test_the_same_file_may_be_attached_to_another_programme(self, world, program):
        other = make_program(world, title="Chương trình phối hợp khác")
        attach(world, program)
        attach(world, other)
        assert ProgramAttachment.objects.count() == 2

    def test_a_failure_while_saving_leaves_no_file_behind(self, world, program, media, monkeypatch):
        def broken(**kwargs):
            raise RuntimeError("audit unavailable")

        monkeypatch.setattr("phoihop.programs.services.attachments.audit.record", broken)
        with pytest.raises(RuntimeError):
            attach(world, program)
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []


BAD_UPLOADS = {
    "empty": ("Kế hoạch.pdf", b"", {}, "file", EMPTY_ERROR),
    "executable": ("setup.exe", EXE, {}, "file", TYPE_ERROR),
    "executable-renamed-pdf": ("Kế hoạch.pdf", EXE, {}, "file", TYPE_ERROR),
    "zip": ("Hồ sơ.zip", PLAIN_ZIP, {}, "file", TYPE_ERROR),
    "html-text": ("trang.html", b"<html><script>alert(1)</script></html>", {}, "file", TYPE_ERROR),
    "installer-renamed-doc": ("Báo cáo.doc", MSI, {}, "file", TYPE_ERROR),
    "png-named-docx": (
        "Báo cáo.docx",
        PNG,
        {},
        "file",
        "Tên tệp có đuôi “.docx” nhưng nội dung là loại “Ảnh PNG”. Hãy kiểm tra lại tệp trước khi tải lên.",
    ),
    "text-named-pdf": (
        "Báo cáo.pdf",
        TEXT,
        {},
        "file",
        "Tên tệp có đuôi “.pdf” nhưng nội dung là loại “Văn bản thuần”. Hãy kiểm tra lại tệp trước khi tải lên.",
    ),
    "macros": (
        "Báo cáo.docm",
        DOCM,
        {},
        "file",
        "Không nhận tệp Office có chứa macro. Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx).",
    ),
    "confidential": ("Báo cáo mật.pdf", pdf("mật"), {"confidential": True}, "confidential", CONFIDENTIAL_ERROR),
    "no-title": (".pdf", pdf("x"), {}, "title", "Hãy nhập tên tài liệu."),
}


class TestBadUploadsWriteNothing:
    @pytest.mark.parametrize("case", BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
    def test_refused_with_a_field_message(self, world, program, media, case):
        name, content, kwargs, field, message = case
        with pytest.raises(ValidationError) as refused:
            attach(world, program, name, content, **kwargs)
        assert refused.value.message_dict == {field: [message]}
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []
        assert added_events(program) == 0

    def test_too_big(self, world, program, media, settings):
        settings.PHOIHOP_MAX_UPLOAD_MB = 0.001  # 1,048 bytes
        with pytest.raises(ValidationError) as refused:
            attach(world, program, "Lớn.pdf", pdf("x" * 2000))
        assert refused.value.message_dict == {
            "file": ["Tệp quá lớn. Dung lượng tối đa là 0.001 MB; hãy nén hoặc chia nhỏ tệp."]
        }
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    def test_just_under_the_limit_is_accepted(self, world, program, settings):
        settings.PHOIHOP_MAX_UPLOAD_MB = 0.001
        assert attach(world, program, "Nhỏ.pdf", pdf("x" * 900)).size <= 1048

    def test_duplicate_of_an_attached_file(self, world, program, media):
        first = attach(world, program, "Kế hoạch.pdf", pdf("cùng nội dung"), title="Bản gốc")
        with pytest.raises(ValidationError) as refused:
            attach(world, program, "Bản sao của kế hoạch.pdf", pdf("cùng nội dung"))
        assert refused.value.message_dict == {"file": ["Tệp này đã được đính kèm vào chương trình với tên “Bản gốc”."]}
        assert list(ProgramAttachment.objects.all()) == [first]
        assert files_on_disk(media) == [Path(media) / first.file.name]
        assert added_events(program) == 1


# --- the programme page --------------------------------------------------------------


class TestPage:
    def test_lead_officer_uploads(self, world, client_for, program, media):
        response = client_for(world.officer).post(upload_url(program), form_data(VIETNAMESE_NAME))
        assert response.status_code == 302
        assert response.url == detail_url(program) + "#attachments"
        attachment = ProgramAttachment.objects.get()
        assert (attachment.title, attachment.original_name) == ("Kế hoạch tuyên truyền năm 2026", VIETNAMESE_NAME)
        assert len(files_on_disk(media)) == 1

    def test_the_title_given_is_kept(self, world, client_for, program):
        client_for(world.officer).post(upload_url(program), form_data(**{"att-title": "  Văn bản đã ký  "}))
        assert ProgramAttachment.objects.get().title == "Văn bản đã ký"

    def test_the_page_lists_attachments_with_their_facts(self, world, client_for, program):
        attachment = attach(world, program, VIETNAMESE_NAME)
        html = client_for(world.upper).get(detail_url(program)).content.decode()
        assert 'id="attachments"' in html
        assert "Tài liệu đính kèm" in html
        assert VIETNAMESE_NAME in html
        assert download_url(attachment) in html
        assert (world.officer.get_full_name() or world.officer.username) in html
        assert f"{attachment.created_at.astimezone():%d/%m/%Y}" in html

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_readers_see_no_upload_form_and_no_remove_button(self, world, client_for, program, persona):
        attachment = attach(world, program)
        response = client_for(getattr(world, persona)).get(detail_url(program))
        html = response.content.decode()
        assert response.context["attachment_form"] is None
        assert upload_url(program) not in html
        assert remove_url(attachment) not in html

    def test_editors_see_the_upload_form_and_remove_button(self, world, client_for, program):
        attachment = attach(world, program)
        html = client_for(world.officer).get(detail_url(program)).content.decode()
        assert upload_url(program) in html
        assert 'enctype="multipart/form-data"' in html
        assert "Văn bản mật" in html
        assert remove_url(attachment) in html

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partners_and_upper_levels_get_403_uploading(self, world, client_for, program, media, persona):
        response = client_for(getattr(world, persona)).post(upload_url(program), form_data())
        assert response.status_code == 403
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsiders_get_404_uploading(self, world, client_for, program, media, persona):
        response = client_for(getattr(world, persona)).post(upload_url(program), form_data())
        assert response.status_code == 404
        assert files_on_disk(media) == []

    def test_anonymous_upload_is_sent_to_login(self, world, client_for, program, media):
        response = client_for(None).post(upload_url(program), form_data())
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert files_on_disk(media) == []

    @pytest.mark.parametrize("case", BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
    def test_bad_upload_shows_the_message_next_to_the_field(self, world, client_for, program, media, case):
        name, content, kwargs, field, message = case
        data = form_data(name, content)
        if kwargs.get("confidential"):
            data["att-confidential"] = "on"
        response = client_for(world.officer).post(upload_url(program), data)
        assert response.status_code == 200
        assert response.context["attachment_form"].errors == {field: [message]}
        assert message in response.content.decode()
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    def test_no_file_chosen(self, world, client_for, program):
        response = client_for(world.officer).post(upload_url(program), {"att-title": "Không có tệp"})
        assert response.context["attachment_form"].errors == {"file": ["Hãy chọn tệp cần tải lên."]}
        assert not ProgramAttachment.objects.exists()

    def test_too_big_through_the_page(self, world, client_for, program, media, settings):
        settings.PHOIHOP_MAX_UPLOAD_MB = 0.001
        response = client_for(world.officer).post(upload_url(program), form_data("Lớn.pdf", pdf("x" * 2000)))
        assert list(response.context["attachment_form"].errors) == ["file"]
        assert "Tệp quá lớn" in response.content.decode()
        assert files_on_disk(media) == []

    def test_officer_removes(self, world, client_for, program, media, django_capture_on_commit_callbacks):
        attachment = attach(world, program)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(world.officer).post(remove_url(attachment))
        assert response.status_code == 302
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    @pytest.mark.parametrize(("persona", "status"), [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_may_not_remove(self, world, client_for, program, media, persona, status):
        attachment = attach(world, program)
        response = client_for(getattr(world, persona)).post(remove_url(attachment))
        assert response.status_code == status
        assert ProgramAttachment.objects.count() == 1
        assert len(files_on_disk(media)) == 1

    def test_remove_needs_post(self, world, client_for, program):
        attachment = attach(world, program)
        assert client_for(world.officer).get(remove_url(attachment)).status_code == 405
        assert ProgramAttachment.objects.count() == 1

    def test_query_count_does_not_grow_with_attachments(
        self, world, client_for, program, django_assert_max_num_queries
    ):
        client = client_for(world.officer)

        def rows(count):
            for index in range(count):
                ProgramAttachment.objects.create(
                    program=program,
                    title=f"Tài liệu {ProgramAttachment.objects.count()}",
                    file=f"programs/{program.pk}/{index:032x}/tai-lieu.pdf",
                    original_name="Tài liệu.pdf",
                    size=1000 + index,
                    kind="pdf",
                    content_type="application/pdf",
                    sha256=f"{ProgramAttachment.objects.count():064x}",
                    uploaded_by=world.officer if index % 2 else world.admin,
                )

        rows(3)
        # session, user, memberships, programme (+ parties, content items), lineage (2), access,
        # plans, buckets, legal bases, signatures, revisions, attachments with uploaders, history
        with django_assert_max_num_queries(10):
            assert client.get(detail_url(program)).status_code == 200
        rows(27)
        with django_assert_max_num_queries(10):
            response = client.get(detail_url(program))
        assert len(response.context["attachments"]) == 30


# --- download ------------------------------------------------------------------------


class TestDownload:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_parties_and_upper_levels_download(self, world, client_for, program, persona):
        attachment = attach(world, program, VIETNAMESE_NAME)
        response = client_for(getattr(world, persona)).get(download_url(attachment))
        assert response.status_code == 200
        assert body(response) == pdf(VIETNAMESE_NAME)

    def test_headers_make_it_a_safe_download_with_the_vietnamese_name(self, world, client_for, program):
        attachment = attach(world, program, VIETNAMESE_NAME)
        response = client_for(world.partner).get(download_url(attachment))
        assert response["Content-Disposition"] == (
            'attachment; filename="Ke hoach tuyen truyen nam 2026.pdf"; '
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20tuy%C3%AAn%20truy%E1%BB%81n%20n%C4%83m%202026.pdf"
        )
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Length"] == str(attachment.size)
        assert "sandbox" in response["Content-Security-Policy"]
        body(response)

    def test_text_is_served_as_plain_text_never_as_html(self, world, client_for, program):
        attachment = attach(world, program, "Ghi chú.txt", b"<script>alert(1)</script>\n")
        response = client_for(world.partner).get(download_url(attachment))
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment;")
        body(response)

    def test_each_download_writes_an_audit_row(self, world, client_for, program):
        attachment = attach(world, program, VIETNAMESE_NAME)
        body(client_for(world.partner).get(download_url(attachment)))
        entry = AuditEntry.objects.for_object(attachment).get(event="downloaded")
        assert entry.actor == world.partner
        assert entry.message == f"Tải về “{VIETNAMESE_NAME}”"

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsiders_get_404_and_nothing_is_recorded(self, world, client_for, program, persona):
        attachment = attach(world, program)
        assert client_for(getattr(world, persona)).get(download_url(attachment)).status_code == 404
        assert not AuditEntry.objects.filter(event="downloaded").exists()

    def test_anonymous_is_sent_to_login(self, world, client_for, program):
        attachment = attach(world, program)
        response = client_for(None).get(download_url(attachment))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_unknown_attachment_is_404(self, world, client_for, program):
        attachment = attach(world, program)
        assert (
            client_for(world.admin).get(download_url(attachment).replace(str(attachment.pk), "999999")).status_code
            == 404
        )

    def test_a_file_missing_from_storage_is_404(self, world, client_for, program, media):
        attachment = attach(world, program)
        (Path(media) / attachment.file.name).unlink()
        assert client_for(world.officer).get(download_url(attachment)).status_code == 404
        assert not AuditEntry.objects.filter(event="downloaded").exists()

    def test_the_page_never_links_to_the_stored_file(self, world, client_for, program):
        attachment = attach(world, program)
        assert attachment.file.name not in client_for(world.officer).get(detail_url(program)).content.decode()


# --- API -----------------------------------------------------------------------------


def api_list(program) -> str:
    return f"{API}/programs/{program.pk}/attachments"


def api_download(attachment) -> str:
    return f"{API}/attachments/{attachment.pk}/download"


class TestApi:
    def test_officer_uploads_multipart(self, world, program, media):
        response = bearer(world.officer).post(
            api_list(program), {"file": upload(VIETNAMESE_NAME, pdf()), "title": "Kế hoạch năm 2026"}
        )
        assert response.status_code == 201, response.content
        data = response.json()
        attachment = ProgramAttachment.objects.get()
        assert data["id"] == attachment.pk
        assert data["title"] == "Kế hoạch năm 2026"
        assert data["file_name"] == VIETNAMESE_NAME
        assert data["kind"] == "pdf"
        assert data["uploaded_by_name"]
        assert data["download_url"] == api_download(attachment)
        assert len(files_on_disk(media)) == 1

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_get_403_uploading(self, world, program, media, persona):
        response = bearer(getattr(world, persona)).post(api_list(program), {"file": upload("a.pdf", pdf())})
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert files_on_disk(media) == []

    def test_outsider_gets_404_uploading(self, world, program, media):
        response = bearer(world.outsider).post(api_list(program), {"file": upload("a.pdf", pdf())})
        assert response.status_code == 404
        assert files_on_disk(media) == []

    def test_anonymous_gets_401(self, world, program, media):
        attachment = attach(world, program)
        anonymous = Client()
        assert anonymous.post(api_list(program), {"file": upload("b.pdf", pdf("b"))}).status_code == 401
        assert anonymous.get(api_list(program)).status_code == 401
        assert anonymous.get(api_download(attachment)).status_code == 401
        assert len(files_on_disk(media)) == 1

    @pytest.mark.parametrize(
        ("name", "content", "extra", "field", "message"),
        [
            ("a.pdf", b"", {}, "file", EMPTY_ERROR),
            ("a.pdf", EXE, {}, "file", TYPE_ERROR),
            ("a.pdf", pdf(), {"confidential": "true"}, "confidential", CONFIDENTIAL_ERROR),
        ],
        ids=["empty", "exe", "confidential"],
    )
    def test_bad_upload_gets_422_and_writes_nothing(self, world, program, media, name, content, extra, field, message):
        response = bearer(world.officer).post(api_list(program), {"file": upload(name, content), **extra})
        assert errors(response) == {field: [message]}
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    def test_missing_file_gets_a_field_message(self, world, program):
        response = bearer(world.officer).post(api_list(program), {"title": "Không có tệp"})
        assert errors(response) == {"file": ["Hãy chọn tệp cần tải lên."]}

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper"])
    def test_readers_list(self, world, program, persona):
        attach(world, program, "Một.pdf", pdf("1"))
        attach(world, program, "Hai.pdf", pdf("2"))
        response = bearer(getattr(world, persona)).get(api_list(program))
        assert response.status_code == 200
        assert [item["file_name"] for item in response.json()["items"]] == ["Hai.pdf", "Một.pdf"]

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsiders_get_404_on_list_and_download(self, world, program, persona):
        attachment = attach(world, program)
        client = bearer(getattr(world, persona))
        assert client.get(api_list(program)).json() == NOT_FOUND
        response = client.get(api_download(attachment))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    def test_partner_downloads_with_an_audit_row(self, world, program):
        attachment = attach(world, program, VIETNAMESE_NAME)
        response = bearer(world.partner).get(api_download(attachment))
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20tuy%C3%AAn%20truy%E1%BB%81n%20n%C4%83m%202026.pdf"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert body(response) == pdf(VIETNAMESE_NAME)
        assert AuditEntry.objects.for_object(attachment).filter(event="downloaded", actor=world.partner).count() == 1

    def test_officer_removes_partner_may_not(self, world, program, media, django_capture_on_commit_callbacks):
        attachment = attach(world, program)
        url = f"{API}/attachments/{attachment.pk}"
        assert bearer(world.partner).delete(url).status_code == 403
        assert bearer(world.outsider).delete(url).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert bearer(world.officer).delete(url).status_code == 204
        assert not ProgramAttachment.objects.exists()
        assert files_on_disk(media) == []

    def test_list_query_count_does_not_grow_with_rows(self, world, program, django_assert_max_num_queries):
        client = bearer(world.upper)
        client.get(api_list(program))  # the token's last_used_at is written on first use
        for size in (3, 30):
            while ProgramAttachment.objects.count() < size:
                index = ProgramAttachment.objects.count()
                attach(world, program, f"Tài liệu {index}.pdf", pdf(str(index)))
            # token, memberships, programme (+ parties, content items), lineage (2), access,
            # count, page of attachments with their uploaders
            with django_assert_max_num_queries(10):
                response = client.get(api_list(program), {"page_size": 100})
            assert response.json()["count"] == size

    def test_openapi_documents_the_operations(self, world):
        paths = Client().get(f"{API}/openapi.json").json()["paths"]
        assert (
            "multipart/form-data"
            in paths[f"{API}/programs/{{program_id}}/attachments"]["post"]["requestBody"]["content"]
        )
        assert "get" in paths[f"{API}/attachments/{{attachment_id}}/download"]
