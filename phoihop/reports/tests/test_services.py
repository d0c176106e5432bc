"""The report lifecycle through the services: create with every bad input refused and
nothing written, edit by version, recompute keeping the prose, issue with the number of
the issuer's series for the year."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.claims.tests.factories import hot_issue
from phoihop.core.concurrency import StaleVersionError
from phoihop.programs.tests.factories import ProgramFactory, ProgramPartyFactory
from phoihop.reports import kinds, services
from phoihop.reports.models import NumberingSeries, Regime, Report, ReportRun
from phoihop.reports.tests.factories import make_report, write_sections

pytestmark = pytest.mark.django_db


def _create(world, **overrides):
    values = {
        "actor": world.officer,
        "issuer": world.target,
        "kind": Report.Kind.QUARTERLY,
        "scope_kind": Report.ScopeKind.ORGANIZATION,
        "organization": world.target,
        "period_start": dt.date(2026, 7, 1),
        "period_end": dt.date(2026, 9, 30),
    }
    return services.report_create(**(values | overrides))


def test_a_quarterly_draft_of_the_party_committee(world):
    report = _create(world)
    assert report.status == Report.Status.DRAFT and report.regime == Regime.PARTY
    assert report.title == "Kết quả thực hiện quý III năm 2026 và nhiệm vụ trọng tâm quý IV năm 2026"  # kinds
    assert report.place == "An Hòa"  # the issuer's province, by its short name
    assert [s["key"] for s in report.sections] == [s["key"] for s in kinds.sections_for(report, report.figures)]
    assert report.sections[0]["key"] == "results" and report.computed_at is not None
    assert report.recipients.splitlines()[-1] == "- Lưu: VT, ĐU."
    assert AuditEntry.objects.filter(target_id=str(report.pk), action=AuditEntry.Action.CREATE).exists()


def test_the_regime_follows_the_issuer(world):
    assert services.regime_of(world.target) == Regime.PARTY
    assert services.regime_of(world.province_dept_a) == Regime.PARTY
    assert services.regime_of(world.commune_committee) == Regime.STATE


def test_the_signer_is_copied_from_the_last_issued_report(world):
    first = write_sections(make_report(world), world.officer)
    services.report_update(
        actor=world.officer,
        report=first,
        expected_version=first.version,
        signer_authority="TM.",
        signer_title="BÍ THƯ",
        signer_name="Nguyễn Văn An",
    )
    services.report_issue(actor=world.officer, report=first, expected_version=first.version)
    second = make_report(world, quarter=2)
    assert (second.signer_authority, second.signer_title, second.signer_name) == ("TM.", "BÍ THƯ", "Nguyễn Văn An")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"issuer": None}, "issuer"),
        ({"kind": "weekly"}, "kind"),
        ({"scope_kind": "planet"}, "scope_kind"),
        ({"organization": None}, "organization"),
        ({"period_end": dt.date(2026, 6, 30)}, "period_end"),
        ({"period_start": dt.date(2020, 1, 1), "period_end": dt.date(2026, 9, 30)}, "period_end"),
        ({"period_start": dt.date(2027, 1, 1), "period_end": dt.date(2027, 3, 31)}, "period_start"),
        ({"kind": Report.Kind.FINAL_REVIEW}, "scope_kind"),
        ({"kind": Report.Kind.HOT_ISSUE_SITUATION, "period_end": dt.date(2026, 11, 21)}, "hot_issue"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _create(world, **overrides)
    assert field in error.value.message_dict
    assert not Report.objects.exists()


def test_a_review_may_not_end_in_the_future(world):
    program = ProgramFactory()
    ProgramPartyFactory(program=program, organization=world.target, role="lead")
    with pytest.raises(ValidationError) as error:
        _create(
            world,
            kind=Report.Kind.MIDTERM_REVIEW,
            scope_kind=Report.ScopeKind.PROGRAM,
            organization=None,
            program=program,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
        )
    assert "tương lai" in error.value.message_dict["period_end"][0]
    report = _create(
        world,
        kind=Report.Kind.MIDTERM_REVIEW,
        scope_kind=Report.ScopeKind.PROGRAM,
        organization=None,
        program=program,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 11, 22),
    )
    assert report.scope_program == program and report.scope_organization is None


def test_a_scope_the_officer_may_not_read_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _create(world, organization=world.province_dept_b)
    assert "phạm vi" in error.value.message_dict["organization"][0]


def test_only_the_issuers_editors_create(world, people):
    for actor in (world.upper, world.partner, people.collaborator):
        with pytest.raises(ValidationError) as error:
            _create(world, actor=actor)
        assert "issuer" in error.value.message_dict


def test_the_situation_report_needs_a_hot_issue_the_actor_sees_and_a_competent_agency(world):
    foreign = hot_issue(world, owner=world.province_dept_b)
    with pytest.raises(ValidationError) as error:
        _create(world, kind=Report.Kind.HOT_ISSUE_SITUATION, hot_issue=foreign, period_end=dt.date(2026, 11, 21))
    assert set(error.value.message_dict) >= {"hot_issue", "request_to"}
    own = hot_issue(world)
    report = _create(
        world,
        kind=Report.Kind.HOT_ISSUE_SITUATION,
        hot_issue=own,
        request_to=world.commune_committee,
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 21),
    )
    assert report.request_to == world.commune_committee
    assert "- Ủy ban nhân dân xã Cẩm Đức (để đề nghị)," in report.recipients


def test_period_bounds():
    assert services.period_bounds("quarterly", 2026, quarter=3) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert services.period_bounds("monthly", 2024, month=2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert services.period_bounds("six_monthly", 2026, half=2) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert services.period_bounds("annual", 2025) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with pytest.raises(ValueError, match="quarter"):
        services.period_bounds("quarterly", 2026)


# --- edit and recompute ---------------------------------------------------------------------


def test_edit_by_section_key_and_stale_version_refused(world):
    report = make_report(world)
    version = report.version
    services.report_update(
        actor=world.officer, report=report, expected_version=version, sections={"results": "Đã tổ chức 3 hội nghị."}
    )
    report.refresh_from_db()
    assert report.sections[0]["text"] == "Đã tổ chức 3 hội nghị." and report.version == version + 1
    with pytest.raises(StaleVersionError):
        services.report_update(actor=world.officer, report=report, expected_version=version, place="Buôn Ma Thuột")
    report.refresh_from_db()
    assert report.place == "An Hòa"


def test_unknown_section_and_empty_title_refused(world):
    report = make_report(world)
    with pytest.raises(ValidationError) as error:
        services.report_update(
            actor=world.officer, report=report, expected_version=report.version, sections={"nope": "x"}, title=" "
        )
    assert set(error.value.message_dict) == {"sections", "title"}
    assert "nope" in error.value.message_dict["sections"][0]


def test_the_upper_level_may_not_edit(world):
    report = make_report(world)
    with pytest.raises(PermissionDenied):
        services.report_update(actor=world.upper, report=report, expected_version=report.version, place="X")


def test_recompute_keeps_the_edited_prose_unless_reset(world):
    report = write_sections(make_report(world), world.officer)
    services.report_recompute(actor=world.officer, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert report.sections[0]["text"].startswith("Kết quả phối hợp")
    services.report_recompute(actor=world.officer, report=report, expected_version=report.version, reset_text=True)
    report.refresh_from_db()
    # the pre-filled text of the kind again ("no task due in the quarter" in this empty world)
    assert report.sections[0]["text"] == kinds.sections_for(report, report.figures)[0]["text"]
    assert not report.sections[0]["text"].startswith("Kết quả phối hợp")
    assert AuditEntry.objects.filter(target_id=str(report.pk), event="report_recomputed").count() == 2


# --- issue ------------------------------------------------------------------------------------


def test_issue_takes_the_next_number_of_the_series_and_freezes(world):
    NumberingSeries.objects.create(issuer=world.target, year=2026, last_number=26)
    report = write_sections(make_report(world), world.officer)
    services.report_issue(actor=world.officer, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == Report.Status.ISSUED and report.number == 27 and report.number_year == 2026
    assert report.number_symbol == "Số 27-BC/ĐU"
    assert report.issued_on == dt.date(2026, 11, 22) and report.issued_by == world.officer
    assert ReportRun.objects.filter(report=report, status=ReportRun.Status.QUEUED).count() == 1
    assert AuditEntry.objects.filter(target_id=str(report.pk), event="report_issued").exists()
    # frozen: issuing again, editing, recomputing
    for call in (
        lambda: services.report_issue(actor=world.officer, report=report, expected_version=report.version),
        lambda: services.report_update(actor=world.officer, report=report, expected_version=report.version, place="X"),
        lambda: services.report_recompute(actor=world.officer, report=report, expected_version=report.version),
    ):
        with pytest.raises(services.ReportIssuedError, match="đã ban hành"):
            call()
    assert NumberingSeries.objects.get(issuer=world.target, year=2026).last_number == 27


def test_state_numbering_and_a_series_per_issuer(world):
    officer = UserFactory()
    MembershipFactory(user=officer, organization=world.commune_committee, role=Role.OFFICER)
    state = write_sections(make_report(world, actor=officer, issuer=world.commune_committee), officer)
    party = write_sections(make_report(world), world.officer)
    services.report_issue(actor=officer, report=state, expected_version=state.version)
    services.report_issue(actor=world.officer, report=party, expected_version=party.version)
    assert (state.number_symbol, party.number_symbol) == ("Số: 1/BC-UBND", "Số 1-BC/ĐU")


def test_an_empty_required_section_is_named_and_nothing_issued(world):
    report = make_report(world)
    services.report_update(
        actor=world.officer,
        report=report,
        expected_version=report.version,
        sections={"results": "Đã làm.", "next": "  \n "},  # the pre-filled next tasks, wiped
    )
    with pytest.raises(ValidationError) as error:
        services.report_issue(actor=world.officer, report=report, expected_version=report.version)
    message = error.value.message_dict["sections"][0]
    assert "III. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026" in message and "I. KẾT QUẢ" not in message
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.number is None
    assert not NumberingSeries.objects.exists() and not ReportRun.objects.exists()


def test_a_stale_issue_takes_no_number(world):
    report = write_sections(make_report(world), world.officer)
    with pytest.raises(StaleVersionError):
        services.report_issue(actor=world.officer, report=report, expected_version=report.version - 1)
    assert not NumberingSeries.objects.filter(last_number__gt=0).exists()
