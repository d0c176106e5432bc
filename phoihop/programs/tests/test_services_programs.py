"""Programme rules, enforced in `programs.services`: parties, period, the same-level rule
of 238-QĐ/TW, legal bases, signatures and amendments."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import selectors, services
from phoihop.programs.models import (
    ContentItem,
    LegalReference,
    PartyRole,
    Program,
    ProgramLegalBasis,
    ProgramParty,
    ProgramRevision,
    Signature,
)
from phoihop.programs.services import PartyInput

D = dt.date
LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER
K = Organization.Kind
QD_238 = "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)"
HD_170 = "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021"


def messages(exc_info, field: str) -> str:
    return " ".join(exc_info.value.message_dict[field])


def org(name, kind, unit, level=Level.PROVINCE):
    return OrganizationFactory(name=name, kind=kind, level=level, administrative_unit=unit, valid_from=D(2025, 7, 1))


@pytest.fixture
def area(world):
    """Province A's propaganda department and organisations around it."""
    a = world.province_a
    return SimpleNamespace(
        world=world,
        admin=world.admin,
        dept=world.province_dept_a,
        ubnd=org("Ủy ban nhân dân tỉnh An Hòa", K.PEOPLES_COMMITTEE, a),
        svh=org("Sở Văn hóa, Thể thao và Du lịch tỉnh An Hòa", K.STATE_DEPARTMENT, a),
        press=org("Hội Nhà báo tỉnh An Hòa", K.PRESS_ASSOCIATION, a),
        office=org("Văn phòng Tỉnh ủy An Hòa", K.PARTY_OFFICE, a),
        ubnd_b=org("Ủy ban nhân dân tỉnh Bình Sơn", K.PEOPLES_COMMITTEE, world.province_b),
        commune=world.target,
        central=world.central,
    )


def create(area, **overrides) -> Program:
    values = {
        "actor": area.admin,
        "title": "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027",
        "number_symbol": "05-CTr/BTGDVTU-UBND",
        "start_year": 2025,
        "end_year": 2027,
        "parties": [
            PartyInput(area.dept, LEAD, "Chủ trì, định hướng tuyên truyền"),
            PartyInput(area.ubnd, PARTNER, "Cung cấp thông tin"),
        ],
        "content_items": ["Tuyên truyền chủ trương của Đảng", "Cung cấp thông tin định kỳ"],
        "legal_bases": [QD_238],
    }
    values.update(overrides)
    return services.program_create(**values)


SIGNED_ON = D(2025, 8, 1)


def sign_all(program, area, signed_on=SIGNED_ON):
    for party in program.parties.select_related("organization"):
        services.program_sign(
            actor=area.admin,
            program=program,
            organization=party.organization,
            signer_name="Nguyễn Văn An",
            signer_position="Trưởng ban",
            signed_on=signed_on,
            place="Thành phố An Hòa",
        )


def signed(area, **overrides) -> Program:
    program = create(area, **overrides)
    sign_all(program, area)
    return services.program_transition(
        actor=area.admin, program=program, action="sign", expected_version=program.version
    )


def audit_rows(obj, **filters):
    return AuditEntry.objects.for_object(obj).filter(**filters)


@pytest.mark.django_db
class TestProgrammeCreation:
    def test_a_programme_is_stored_with_its_parties_content_items_and_an_audit_row(self, area):
        program = create(area)
        program.refresh_from_db()
        assert program.status == Program.Status.DRAFT
        assert [(p.organization, p.role) for p in program.parties.all()] == [(area.dept, LEAD), (area.ubnd, PARTNER)]
        assert [p.responsibilities for p in program.parties.all()] == [
            "Chủ trì, định hướng tuyên truyền",
            "Cung cấp thông tin",
        ]
        items = list(program.content_items.all())
        assert [(c.number, c.ordinal, c.text) for c in items] == [
            (1, "Một là", "Tuyên truyền chủ trương của Đảng"),
            (2, "Hai là", "Cung cấp thông tin định kỳ"),
        ]
        row = audit_rows(program).get()
        assert row.action == AuditEntry.Action.CREATE
        assert row.actor == area.admin

    def test_fewer_than_two_parties_is_refused_and_nothing_written(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.dept, LEAD)])
        assert "ít nhất hai bên" in messages(exc, "parties")
        assert not Program.objects.exists()
        assert not ProgramParty.objects.exists()
        assert not LegalReference.objects.exists()

    def test_the_same_organisation_twice_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.dept, LEAD), PartyInput(area.dept, PARTNER)])
        assert "chỉ được là một bên" in messages(exc, "parties")
        assert not Program.objects.exists()

    def test_a_programme_without_a_lead_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.dept, PARTNER), PartyInput(area.ubnd, PARTNER)])
        assert "chủ trì" in messages(exc, "parties")
        assert not Program.objects.exists()

    def test_end_year_before_start_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, start_year=2026, end_year=2025)
        assert "không thể trước năm bắt đầu" in messages(exc, "end_year")
        assert not Program.objects.exists()

    def test_more_than_ten_years_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, start_year=2025, end_year=2036)
        assert "tối đa 10 năm" in messages(exc, "end_year")
        assert not Program.objects.exists()

    def test_ten_years_and_a_single_year_are_accepted(self, area):
        assert create(area, start_year=2025, end_year=2035).period == "2025–2035"
        assert create(area, title="Chương trình một năm", start_year=2026, end_year=2026).period == "2026–2026"

    def test_a_title_is_required(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, title="   ")
        assert "tên chương trình" in messages(exc, "title")
        assert not Program.objects.exists()

    def test_an_information_day_outside_the_month_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, info_day=32)
        assert "từ 1 đến 31" in messages(exc, "info_day")
        program = create(area, info_day=25, adhoc_hours=24)
        assert (program.info_day, program.adhoc_hours) == (25, 24)


@pytest.mark.django_db
class TestSameLevelRule:
    """238-QĐ/TW: a propaganda department with organisations of its own level and area."""

    def test_department_with_organisations_of_the_same_level_and_area_is_accepted(self, area):
        program = create(
            area,
            parties=[PartyInput(area.dept, LEAD), PartyInput(area.ubnd, PARTNER), PartyInput(area.svh, PARTNER)],
        )
        assert program.kind == Program.Kind.SAME_LEVEL_238
        assert program.parties.count() == 3

    def test_a_plain_propaganda_department_counts_as_the_department(self, area):
        tg = org("Ban Tuyên giáo Tỉnh ủy An Hòa (cũ)", K.PROPAGANDA, area.world.province_a)
        program = create(area, parties=[PartyInput(tg, LEAD), PartyInput(area.ubnd, PARTNER)])
        assert program.parties.count() == 2

    def test_a_party_of_another_level_is_refused_with_a_message_naming_it(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.dept, LEAD), PartyInput(area.commune, PARTNER)])
        text = messages(exc, "parties")
        assert "cùng cấp" in text
        assert "Đảng ủy xã Cẩm Đức" in text
        assert "Chương trình phối hợp khác" in text
        assert not Program.objects.exists()

    def test_a_party_of_another_area_is_refused_with_a_message_naming_it(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.dept, LEAD), PartyInput(area.ubnd_b, PARTNER)])
        text = messages(exc, "parties")
        assert "Ủy ban nhân dân tỉnh Bình Sơn" in text
        assert "Ủy ban nhân dân tỉnh An Hòa" not in text
        assert not Program.objects.exists()

    def test_a_programme_without_a_propaganda_department_is_refused(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, parties=[PartyInput(area.ubnd, LEAD), PartyInput(area.svh, PARTNER)])
        assert "Ban Tuyên giáo" in messages(exc, "parties")
        assert not Program.objects.exists()

    def test_another_kind_needs_no_propaganda_department(self, area):
        program = create(
            area, kind=Program.Kind.OTHER, parties=[PartyInput(area.ubnd, LEAD), PartyInput(area.svh, PARTNER)]
        )
        assert program.kind == Program.Kind.OTHER

    def test_another_kind_accepts_press_association_party_office_and_other_levels(self, area):
        program = create(
            area,
            kind=Program.Kind.OTHER,
            parties=[
                PartyInput(area.dept, LEAD),
                PartyInput(area.press, PARTNER),
                PartyInput(area.office, PARTNER),
                PartyInput(area.commune, PARTNER),
                PartyInput(area.central, PARTNER),
            ],
        )
        assert set(program.parties.values_list("organization__name", flat=True)) == {
            "Ban Tuyên giáo và Dân vận Tỉnh ủy An Hòa",
            "Hội Nhà báo tỉnh An Hòa",
            "Văn phòng Tỉnh ủy An Hòa",
            "Đảng ủy xã Cẩm Đức",
            "Ban Tuyên giáo và Dân vận Trung ương",
        }

    def test_changing_the_kind_back_to_238_checks_the_parties_again(self, area):
        program = create(
            area, kind=Program.Kind.OTHER, parties=[PartyInput(area.dept, LEAD), PartyInput(area.commune, PARTNER)]
        )
        with pytest.raises(ValidationError) as exc:
            services.program_update(
                actor=area.admin, program=program, expected_version=program.version, kind=Program.Kind.SAME_LEVEL_238
            )
        assert "Đảng ủy xã Cẩm Đức" in messages(exc, "parties")
        program.refresh_from_db()
        assert program.kind == Program.Kind.OTHER


@pytest.mark.django_db
class TestLegalBases:
    def test_citations_are_parsed_into_structured_references(self, area):
        program = create(area, legal_bases=[QD_238, HD_170])
        references = [link.reference for link in program.legal_basis_links.select_related("reference")]
        assert len(references) == 2
        decision, guidance = references
        assert decision.doc_type == "Quyết định"
        assert decision.number == "238"
        assert decision.type_code == "QĐ"
        assert decision.issuer_code == "TW"
        assert decision.issued_on == D(2020, 9, 30)
        assert decision.year == 2020
        assert decision.issuing_body == "Ban Bí thư"
        assert decision.term.endswith("XII")
        assert "238-QĐ/TW" in decision.citation
        assert guidance.doc_type == "Hướng dẫn"
        assert (guidance.number, guidance.issuer_code, guidance.issued_on) == ("170", "BTGTW", D(2021, 1, 26))
        assert [r.citation for r in selectors.program_detail(program)["legal_bases"]] == [
            decision.citation,
            guidance.citation,
        ]

    def test_the_same_citation_is_stored_once(self, area):
        first = create(area, legal_bases=[QD_238, QD_238])
        second = create(area, title="Chương trình thứ hai", legal_bases=[QD_238])
        assert LegalReference.objects.count() == 1
        assert ProgramLegalBasis.objects.filter(program=first).count() == 1
        reference = LegalReference.objects.get()
        assert set(reference.programs.all()) == {first, second}

    def test_a_bad_citation_is_refused_with_its_line_and_nothing_written(self, area):
        with pytest.raises(ValidationError) as exc:
            create(area, legal_bases=[QD_238, "căn cứ tình hình thực tế"])
        text = messages(exc, "legal_bases")
        assert "căn cứ tình hình thực tế" in text
        assert QD_238 not in text
        assert not Program.objects.exists()
        assert not LegalReference.objects.exists()

    def test_blank_lines_are_ignored(self, area):
        program = create(area, legal_bases=["", "   ", QD_238])
        assert program.legal_basis_links.count() == 1


@pytest.mark.django_db
class TestSignatures:
    def test_each_party_signs_and_each_signature_is_audited(self, area):
        program = create(area)
        sign_all(program, area)
        assert list(program.signatures.values_list("organization", flat=True)) == [area.dept.pk, area.ubnd.pk]
        signature = program.signatures.get(organization=area.dept)
        assert (signature.signer_name, signature.signed_on, signature.place) == (
            "Nguyễn Văn An",
            D(2025, 8, 1),
            "Thành phố An Hòa",
        )
        assert audit_rows(program, event="signed").count() == 2

    def test_an_organisation_that_is_not_a_party_cannot_sign(self, area):
        program = create(area)
        with pytest.raises(ValidationError) as exc:
            services.program_sign(
                actor=area.admin,
                program=program,
                organization=area.svh,
                signer_name="Lê Văn Cường",
                signer_position="Giám đốc",
                signed_on=D(2025, 8, 1),
            )
        assert "bên tham gia" in messages(exc, "organization")
        assert not Signature.objects.exists()
        assert not audit_rows(program, event="signed").exists()

    def test_the_same_party_cannot_sign_twice(self, area):
        program = create(area)
        kwargs = {"signer_name": "Nguyễn Văn An", "signer_position": "Trưởng ban", "signed_on": D(2025, 8, 1)}
        services.program_sign(actor=area.admin, program=program, organization=area.dept, **kwargs)
        with pytest.raises(ValidationError) as exc:
            services.program_sign(actor=area.admin, program=program, organization=area.dept, **kwargs)
        assert "đã ký" in messages(exc, "organization")
        assert program.signatures.count() == 1

    def test_a_signature_dated_in_the_future_is_refused(self, area):
        program = create(area)
        with pytest.raises(ValidationError) as exc:
            services.program_sign(
                actor=area.admin,
                program=program,
                organization=area.dept,
                signer_name="Nguyễn Văn An",
                signer_position="Trưởng ban",
                signed_on=timezone.localdate() + dt.timedelta(days=1),
            )
        assert "tương lai" in messages(exc, "signed_on")
        assert not Signature.objects.exists()

    def test_signer_name_and_position_are_required(self, area):
        program = create(area)
        with pytest.raises(ValidationError) as exc:
            services.program_sign(
                actor=area.admin,
                program=program,
                organization=area.dept,
                signer_name=" ",
                signer_position="",
                signed_on=D(2025, 8, 1),
            )
        assert set(exc.value.message_dict) == {"signer_name", "signer_position"}
        assert not Signature.objects.exists()

    def test_only_a_draft_can_be_signed(self, area):
        program = signed(area)
        with pytest.raises(ValidationError) as exc:
            services.program_sign(
                actor=area.admin,
                program=program,
                organization=area.dept,
                signer_name="Người khác",
                signer_position="Phó trưởng ban",
                signed_on=D(2025, 8, 2),
            )
        assert "dự thảo" in messages(exc, "__all__")
        assert program.signatures.count() == 2


@pytest.mark.django_db
class TestAmendments:
    def test_a_draft_is_edited_without_reason_and_without_revision(self, area):
        program = create(area)
        services.program_update(
            actor=area.admin, program=program, expected_version=program.version, title="Tên mới của dự thảo"
        )
        program.refresh_from_db()
        assert program.title == "Tên mới của dự thảo"
        assert not ProgramRevision.objects.exists()
        assert audit_rows(program, action=AuditEntry.Action.UPDATE).get().changes["title"] == [
            "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027",
            "Tên mới của dự thảo",
        ]

    def test_amending_a_signed_programme_needs_a_reason(self, area):
        program = signed(area)
        version = program.version
        with pytest.raises(ValidationError) as exc:
            services.program_update(actor=area.admin, program=program, expected_version=version, title="Tên sửa đổi")
        assert "lý do" in messages(exc, "reason")
        program = Program.objects.get(pk=program.pk)
        assert program.title == "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027"
        assert program.version == version
        assert not ProgramRevision.objects.exists()

    def test_an_amendment_keeps_the_earlier_version_readable(self, area):
        program = signed(area)
        services.program_update(
            actor=area.world.admin,
            program=program,
            expected_version=program.version,
            reason="Bổ sung nội dung theo Kết luận số 01-KL/TW",
            title="Chương trình phối hợp (sửa đổi, bổ sung)",
            content_items=["Tuyên truyền chủ trương của Đảng", "Cung cấp thông tin định kỳ", "Đấu tranh phản bác"],
        )
        program = Program.objects.get(pk=program.pk)
        assert program.title == "Chương trình phối hợp (sửa đổi, bổ sung)"
        assert program.content_items.count() == 3
        revision = program.revisions.get()
        assert revision.number == 1
        assert revision.reason == "Bổ sung nội dung theo Kết luận số 01-KL/TW"
        assert revision.snapshot["title"] == "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027"
        assert revision.snapshot["content_items"] == [
            {"number": 1, "text": "Tuyên truyền chủ trương của Đảng"},
            {"number": 2, "text": "Cung cấp thông tin định kỳ"},
        ]
        assert [p["organization"] for p in revision.snapshot["parties"]] == [area.dept.name, area.ubnd.name]
        assert revision.snapshot["legal_bases"] == [LegalReference.objects.get().citation]
        assert selectors.program_detail(program)["revisions"] == [revision]
        row = audit_rows(program, action=AuditEntry.Action.UPDATE).get()
        assert "Kết luận số 01-KL/TW" in row.message

    def test_successive_amendments_are_numbered(self, area):
        program = signed(area)
        for title in ("Sửa đổi lần một", "Sửa đổi lần hai"):
            services.program_update(
                actor=area.admin, program=program, expected_version=program.version, reason="Điều chỉnh", title=title
            )
        assert [(r.number, r.snapshot["title"]) for r in program.revisions.all()] == [
            (2, "Sửa đổi lần một"),
            (1, "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027"),
        ]

    @pytest.mark.parametrize(("action", "status"), [("conclude", "concluded"), ("terminate", "terminated")])
    def test_a_finished_programme_cannot_be_edited(self, area, action, status):
        program = signed(area)
        program = services.program_transition(
            actor=area.admin, program=program, action="put_in_force", expected_version=program.version
        )
        program = services.program_transition(
            actor=area.admin, program=program, action=action, expected_version=program.version, reason="Đã tổng kết"
        )
        assert program.status == status
        with pytest.raises(ValidationError) as exc:
            services.program_update(
                actor=area.admin, program=program, expected_version=program.version, reason="Sửa", title="Tên khác"
            )
        assert "đã kết thúc" in messages(exc, "__all__")
        assert Program.objects.get(pk=program.pk).title == "Chương trình phối hợp tuyên truyền giai đoạn 2025–2027"

    def test_an_edit_from_a_stale_version_is_refused_and_nothing_written(self, area):
        program = create(area)
        stale = program.version
        services.program_update(actor=area.admin, program=program, expected_version=stale, title="Người thứ nhất lưu")
        before_rows = AuditEntry.objects.count()
        other = Program.objects.get(pk=program.pk)
        with pytest.raises(StaleVersionError):
            services.program_update(
                actor=area.admin,
                program=other,
                expected_version=stale,
                title="Người thứ hai lưu",
                content_items=["Nội dung khác"],
                legal_bases=[HD_170],
            )
        program = Program.objects.get(pk=program.pk)
        assert program.title == "Người thứ nhất lưu"
        assert list(program.content_items.values_list("text", flat=True)) == [
            "Tuyên truyền chủ trương của Đảng",
            "Cung cấp thông tin định kỳ",
        ]
        assert list(program.legal_bases.values_list("number", flat=True)) == ["238"]
        assert AuditEntry.objects.count() == before_rows

    def test_a_stale_amendment_keeps_no_revision(self, area):
        program = signed(area)
        stale = program.version
        services.program_update(actor=area.admin, program=program, expected_version=stale, reason="Một", title="Một")
        with pytest.raises(StaleVersionError):
            services.program_update(
                actor=area.admin,
                program=Program.objects.get(pk=program.pk),
                expected_version=stale,
                reason="Hai",
                title="Hai",
            )
        assert program.revisions.count() == 1

    def test_the_period_cannot_shrink_below_an_existing_plan(self, area):
        program = create(area)
        services.plan_create(actor=area.admin, program=program, year=2027, title="Kế hoạch năm 2027")
        with pytest.raises(ValidationError) as exc:
            services.program_update(actor=area.admin, program=program, expected_version=program.version, end_year=2026)
        assert "kế hoạch năm" in messages(exc, "end_year")
        assert Program.objects.get(pk=program.pk).end_year == 2027

    def test_the_period_cannot_shrink_below_an_existing_task(self, area):
        program = create(area)
        plan = services.plan_create(actor=area.admin, program=program, year=2026, title="Kế hoạch năm 2026")
        services.task_create(
            actor=area.admin, plan=plan, title="Sơ kết năm 2026", lead=area.dept, due_date=D(2027, 1, 15)
        )
        program = Program.objects.get(pk=program.pk)
        with pytest.raises(ValidationError) as exc:
            services.program_update(actor=area.admin, program=program, expected_version=program.version, end_year=2026)
        assert "end_year" in exc.value.message_dict
        assert Program.objects.get(pk=program.pk).end_year == 2027

    def test_parties_can_be_amended_and_are_checked_again(self, area):
        program = create(area)
        with pytest.raises(ValidationError):
            services.program_update(
                actor=area.admin,
                program=program,
                expected_version=program.version,
                parties=[PartyInput(area.dept, LEAD), PartyInput(area.ubnd_b, PARTNER)],
            )
        assert set(program.parties.values_list("organization", flat=True)) == {area.dept.pk, area.ubnd.pk}
        program = Program.objects.get(pk=program.pk)
        services.program_update(
            actor=area.admin,
            program=program,
            expected_version=program.version,
            parties=[PartyInput(area.dept, LEAD), PartyInput(area.ubnd, PARTNER), PartyInput(area.svh, PARTNER)],
        )
        assert program.parties.count() == 3

    def test_amending_the_content_items_keeps_tasks_attached_to_their_item(self, area):
        program = signed(area)
        plan = services.plan_create(actor=area.admin, program=program, year=2025, title="Kế hoạch năm 2025")
        item = program.content_items.get(number=2)
        task = services.task_create(
            actor=area.admin,
            plan=plan,
            title="Cung cấp thông tin tháng 9",
            lead=area.dept,
            due_date=D(2025, 9, 30),
            content_item=item,
        )
        program = Program.objects.get(pk=program.pk)
        services.program_update(
            actor=area.admin,
            program=program,
            expected_version=program.version,
            reason="Bổ sung một nội dung",
            content_items=["Tuyên truyền chủ trương của Đảng", "Cung cấp thông tin định kỳ", "Đấu tranh phản bác"],
        )
        task.refresh_from_db()
        assert task.content_item is not None
        assert task.content_item.number == 2
        assert ContentItem.objects.filter(program=program).count() == 3
