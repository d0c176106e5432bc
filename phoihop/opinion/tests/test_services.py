"""Filing reports through the services: draft, submit, correct, and every bad input
refused with a Vietnamese message naming the field and nothing stored."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.accounts.models import Membership, Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.notifications.models import Notification
from phoihop.opinion import services
from phoihop.opinion.models import OpinionItem, OpinionReport, Tag
from phoihop.opinion.tests.factories import file_report, item, topic
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def messages(error: ValidationError, name: str) -> str:
    return " ".join(error.value.message_dict[name])


def test_periodic_report_is_filed_and_submitted(world, people):
    report = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    assert report.status == "submitted"
    assert (report.period_start, report.period_end, report.due_on) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 31),
        dt.date(2026, 10, 25),
    )
    assert report.title == "Tháng 10/2026"
    assert report.items.count() == 1
    assert AuditEntry.objects.filter(event="opinion_report_submitted", target_id=str(report.pk)).exists()


def test_submit_notifies_leaders_and_officers_and_hot_items_at_once(world, people):
    file_report(
        people.collaborator,
        world.target,
        world.commune_c,
        year=2026,
        period=11,
        items=[item(), item("health", flagged_hot=True, summary="Dịch sốt xuất huyết lan rộng.")],
    )
    recipients = set(Notification.objects.filter(kind="opinion_report_submitted").values_list("recipient", flat=True))
    assert recipients == {world.officer.pk, people.leader.pk}
    hot = Notification.objects.filter(kind="opinion_item_flagged_hot")
    assert set(hot.values_list("recipient", flat=True)) == {world.officer.pk, people.leader.pk}
    assert "Y tế" in hot.first().title


def test_draft_then_submit_with_version(world, people):
    draft = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False)
    assert draft.status == "draft"
    assert not Notification.objects.exists()
    services.report_submit(actor=people.collaborator, report=draft, expected_version=draft.version)
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.submitted_at is not None


def test_submitting_a_draft_without_items_is_refused(world, people):
    draft = file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False, items=[]
    )
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=people.collaborator, report=draft, expected_version=draft.version)
    assert "ít nhất một nội dung" in messages(error, "items")
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_stale_version_is_refused(world, people):
    draft = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False)
    services.report_update(
        actor=people.collaborator, report=draft, expected_version=draft.version, area=world.commune_c,
        items=[item()], year=2026, period=11,
    )  # fmt: skip
    stale = OpinionReport.objects.get(pk=draft.pk)
    stale.version = 1
    with pytest.raises(StaleVersionError):
        services.report_update(
            actor=people.collaborator, report=stale, expected_version=1, area=world.commune_c,
            items=[item("health")], year=2026, period=11,
        )  # fmt: skip
    assert list(OpinionItem.objects.filter(report=draft).values_list("topic__code", flat=True)) == ["land"]


def test_a_second_report_for_a_submitted_period_is_refused(world, people):
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    assert "đã nộp báo cáo Tháng 10/2026" in messages(error, "period")
    assert OpinionReport.objects.count() == 1


def test_another_collaborator_may_report_the_same_period(world, people):
    file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    file_report(people.collaborator_2, world.target, world.commune_c, year=2026, period=10)
    assert OpinionReport.objects.count() == 2


def test_correction_links_to_the_original_and_only_the_author_corrects(world, people):
    original = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    with pytest.raises(PermissionDenied):
        services.report_create(
            actor=people.collaborator_2, department=world.target, area=world.commune_c, items=[item()],
            corrects=original,
        )  # fmt: skip
    correction = services.report_create(
        actor=people.collaborator, department=world.target, area=world.commune_c, items=[item("health")],
        corrects=original, corrects_version=original.version, submit=True,
    )  # fmt: skip
    assert correction.corrects_id == original.pk
    assert (correction.year, correction.period) == (2026, 10)
    # a correction of the correction links to the original too
    again = services.report_create(
        actor=people.collaborator, department=world.target, area=world.commune_c, items=[item()],
        corrects=correction, submit=True,
    )  # fmt: skip
    assert again.corrects_id == original.pk


def test_a_draft_is_not_corrected_and_a_stale_correction_is_refused(world, people):
    draft = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11, submit=False)
    with pytest.raises(ValidationError):
        services.report_create(
            actor=people.collaborator, department=world.target, area=world.commune_c, items=[item()], corrects=draft
        )
    original = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    with pytest.raises(StaleVersionError):
        services.report_create(
            actor=people.collaborator, department=world.target, area=world.commune_c, items=[item()],
            corrects=original, corrects_version=original.version - 1 if original.version > 1 else 99,
        )  # fmt: skip
    assert not OpinionReport.objects.filter(corrects=original).exists()


def test_submitted_report_is_never_edited(world, people):
    report = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    with pytest.raises(ValidationError):
        services.report_update(
            actor=people.collaborator, report=report, expected_version=report.version, area=world.commune_c,
            items=[item("health")], year=2026, period=10,
        )  # fmt: skip


def test_unknown_and_retired_topics_are_refused(world, people):
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10, items=[
            item(), services.ItemInput(topic=999999, direction="worried", intensity="low", breadth="few", summary="x"),
        ])  # fmt: skip
    assert "Nội dung 2: chủ đề không có trong danh mục" in messages(error, "items")
    retired = topic("health")
    retired.is_active = False
    retired.save()
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10, items=[item("health")])
    assert "đã ngừng sử dụng" in messages(error, "items")
    assert not OpinionReport.objects.exists()


def test_retired_topic_stays_on_old_items_and_a_correction_may_keep_it(world, people):
    original = file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=10, items=[item("health")]
    )
    retired = topic("health")
    retired.is_active = False
    retired.save()
    assert original.items.get().topic == retired
    correction = services.report_create(
        actor=people.collaborator, department=world.target, area=world.commune_c, items=[item("health")],
        corrects=original, submit=True,
    )  # fmt: skip
    assert correction.items.get().topic == retired


def test_bad_item_choices_and_empty_summary(world, people):
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10,
                    items=[item(direction="angry", intensity="", breadth="all", summary="  ")])  # fmt: skip
    text = messages(error, "items")
    for expected in ("chiều hướng", "mức độ", "phạm vi", "tóm tắt"):
        assert expected in text


def test_area_outside_the_collaborators_area_is_refused(world, people):
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.province_b, year=2026, period=10)
    assert "nằm ngoài địa bàn bạn phụ trách" in messages(error, "area")
    # an item's area must lie within the report's area
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10,
                    items=[item(area=world.province_a.pk)])  # fmt: skip
    assert "nằm ngoài địa bàn của báo cáo" in messages(error, "items")
    assert not OpinionReport.objects.exists()


def test_a_unit_within_the_area_is_accepted(world, people):
    hamlet = UnitFactory(name="Thôn Đông", level=Level.COMMUNE, kind="commune", parent=world.commune_c,
                         province=world.province_a)  # fmt: skip
    report = file_report(people.collaborator, world.target, hamlet, year=2026, period=10)
    assert report.area == hamlet


def test_period_not_of_the_calendar_or_in_the_future_is_refused(world, people):
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=13)
    assert "không có trong lịch báo cáo" in messages(error, "period")
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=12)
    assert "Tháng 12/2026 chưa bắt đầu" in messages(error, "period")
    assert not OpinionReport.objects.exists()


def test_membership_must_cover_the_period(world, people):
    Membership.objects.filter(user=people.collaborator).update(valid_from=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=10)
    assert "chưa (hoặc không còn) là cộng tác viên" in messages(error, "period")
    assert file_report(people.collaborator, world.target, world.commune_c, year=2026, period=11)


def test_quick_report_needs_a_date_not_in_the_future(world, people):
    with pytest.raises(ValidationError) as error:
        file_report(people.collaborator, world.target, world.commune_c, kind="quick", observed_on=dt.date(2026, 11, 23))
    assert "tương lai" in messages(error, "observed_on")
    report = file_report(
        people.collaborator, world.target, world.commune_c, kind="quick", observed_on=dt.date(2026, 11, 21)
    )
    assert (report.period, report.frequency, report.period_end) == (None, "", dt.date(2026, 11, 21))
    assert report.title == "Báo cáo nhanh ngày 21/11/2026"
    # several quick reports are fine
    file_report(people.collaborator, world.target, world.commune_c, kind="quick", observed_on=dt.date(2026, 11, 21))


def test_not_a_collaborator_of_the_department_is_refused(world, people):
    for persona in (world.partner, world.outsider, world.upper):
        with pytest.raises(ValidationError) as error:
            file_report(persona, world.target, world.commune_c, year=2026, period=10)
        assert "không phải cộng tác viên" in messages(error, "department")
        assert world.target.name not in messages(error, "department")  # the outsider learns no name
    # an officer of the department files quick reports only
    with pytest.raises(ValidationError) as error:
        file_report(world.officer, world.target, world.commune_c, year=2026, period=10)
    assert "chỉ gửi báo cáo nhanh" in messages(error, "kind")
    assert file_report(world.officer, world.target, world.commune_c, kind="quick", observed_on=dt.date(2026, 11, 20))


def test_collaborator_without_an_area_is_told(world):
    user = UserFactory(username="ctv-no-area")
    MembershipFactory(user=user, organization=world.target, role=Role.COLLABORATOR, area=None)
    with pytest.raises(ValidationError) as error:
        file_report(user, world.target, world.commune_c, year=2026, period=10)
    assert "chưa được giao địa bàn" in messages(error, "area")


def test_retired_tags_are_refused(world, people):
    tag = Tag.objects.get(name="Tết Nguyên đán")
    report = file_report(
        people.collaborator, world.target, world.commune_c, year=2026, period=9, items=[item(tags=(tag.pk,))]
    )
    assert list(report.items.get().tags.all()) == [tag]
    tag.is_active = False
    tag.save()
    with pytest.raises(ValidationError) as error:
        file_report(
            people.collaborator, world.target, world.commune_c, year=2026, period=10, items=[item(tags=(tag.pk,))]
        )
    assert "Tết Nguyên đán" in messages(error, "items")


def test_calendar_update_by_editors_with_version(world, people):
    cal = services.calendar_update(
        actor=world.officer, department=world.target, frequency="quarterly", due_day=10, remind_days_before=5,
        expected_version=1,
    )  # fmt: skip
    assert (cal.frequency, cal.due_day, cal.version) == ("quarterly", 10, 2)
    with pytest.raises(StaleVersionError):  # read the default before the first save
        services.calendar_update(
            actor=people.leader, department=world.target, frequency="monthly", due_day=5, remind_days_before=2,
            expected_version=1,
        )  # fmt: skip
    cal = services.calendar_update(
        actor=people.leader, department=world.target, frequency="monthly", due_day=31, remind_days_before=2,
        expected_version=2,
    )  # fmt: skip
    assert cal.version == 3
    for persona in (world.upper, people.collaborator):
        with pytest.raises(PermissionDenied):
            services.calendar_update(
                actor=persona, department=world.target, frequency="monthly", due_day=5, remind_days_before=2,
                expected_version=3,
            )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.calendar_update(
            actor=world.officer, department=world.target, frequency="weekly", due_day=32, remind_days_before=2,
            expected_version=3,
        )  # fmt: skip
    assert set(error.value.message_dict) == {"frequency", "due_day"}


def test_quarterly_calendar_periods(world, people):
    services.calendar_update(
        actor=world.officer, department=world.target, frequency="quarterly", due_day=31, remind_days_before=3,
        expected_version=1,
    )  # fmt: skip
    report = file_report(people.collaborator, world.target, world.commune_c, year=2026, period=3)
    assert (report.title, report.due_on) == ("Quý III/2026", dt.date(2026, 9, 30))
    with pytest.raises(ValidationError):
        file_report(people.collaborator, world.target, world.commune_c, year=2026, period=5)


def test_taxonomy_is_kept_by_administrators(world):
    new = services.topic_save(actor=world.admin, name="Giao thông nông thôn")
    assert new.code == "giao-thong-nong-thon" and new.is_active
    services.topic_save(actor=world.admin, topic=new, name="Giao thông", position=5, is_active=False)
    new.refresh_from_db()
    assert (new.name, new.position, new.is_active) == ("Giao thông", 5, False)
    with pytest.raises(ValidationError) as error:
        services.topic_save(actor=world.admin, name="kinh tế")
    assert "Đã có chủ đề" in messages(error, "name")
    with pytest.raises(PermissionDenied):
        services.topic_save(actor=world.officer, name="Khác")
    with pytest.raises(ValidationError):
        services.tag_save(actor=world.admin, name="Tet Nguyen Dan")  # the same, diacritics aside
    assert services.tag_save(actor=world.admin, name="Bão số 3").pk
