"""Providing, correcting and acknowledging information: the rules for every caller."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError
from phoihop.documents.models import Document, DocumentVersion
from phoihop.documents.tests.factories import make_document
from phoihop.documents.tests.files import EXE, pdf, upload
from phoihop.notifications.models import Notification
from phoihop.programs.tests.factories import make_program
from phoihop.provisions import services
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.tests.factories import at, provide

pytestmark = pytest.mark.django_db

APRIL = at(dt.date(2026, 4, 10))


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


def files_in(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


@time_machine.travel(APRIL, tick=False)
def test_partner_provides_a_month_with_a_document_shared_with_the_receiver(world, program, media):
    provision = provide(world, program, period=3, files=[upload("bao-cao-thang-3.pdf", pdf("Thang 3"))])
    assert provision.subject == "Tháng 3/2026"
    assert provision.provided_by == world.partner
    assert provision.provided_at == APRIL
    assert timezone.localtime(provision.due_at).date() == dt.date(2026, 3, 25)
    assert provision.is_on_time() is False  # provided on 10/04 for 25/03
    document = provision.documents.get()
    assert document.owner == world.commune_committee
    assert list(document.shares.values_list("organization", flat=True)) == [world.target.pk]
    assert AuditEntry.objects.filter(target_id=str(provision.pk), action="create").exists()
    received = Notification.objects.get(kind="provision_received")
    assert received.recipient == world.officer and "Tháng 3/2026" in received.title
    assert len(files_in(media)) == 1


@time_machine.travel(APRIL, tick=False)
def test_a_period_outside_the_programme_is_refused(world, program):
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, year=2025, period=12)
    assert "nằm ngoài thời gian thực hiện của chương trình" in errors(excinfo)["period"][0]
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=13)
    assert "Kỳ không hợp lệ" in errors(excinfo)["period"][0]
    assert not InformationProvision.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_a_period_before_signing_or_not_yet_begun_is_refused(world):
    program = make_program(world, info_frequency="monthly", info_day=25, signed_on=dt.date(2026, 2, 27))
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=2)  # due 25/02, before the signature of 27/02
    assert "ngoài thời gian" in errors(excinfo)["period"][0]
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=5)
    assert errors(excinfo)["period"] == ["Tháng 5/2026 chưa bắt đầu; chỉ cung cấp thông tin cho kỳ đã bắt đầu."]


@time_machine.travel(APRIL, tick=False)
def test_a_second_provision_for_a_period_is_refused_unless_it_corrects_the_first(world, program):
    first = provide(world, program, period=3)
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=3, content="Gửi lại")
    assert "Tháng 3/2026 đã được cung cấp lúc" in errors(excinfo)["period"][0]
    assert "bản đính chính" in errors(excinfo)["period"][0]
    correction = provide(world, program, content="Bổ sung số liệu", corrects=first, corrects_version=first.version)
    assert (correction.corrects, correction.subject, correction.period) == (first, "Tháng 3/2026", 3)
    assert InformationProvision.objects.count() == 2
    # A correction of the correction links to the original.
    first.refresh_from_db()
    again = provide(
        world, program, content="Đính chính lần 2", corrects=correction, corrects_version=correction.version
    )
    assert again.corrects == first


@time_machine.travel(APRIL, tick=False)
def test_a_stale_correction_is_refused(world, program):
    first = provide(world, program, period=3)
    stale = first.version
    provide(world, program, content="Bổ sung", corrects=first, corrects_version=stale)
    first.refresh_from_db()
    with pytest.raises(StaleVersionError):
        provide(world, program, content="Bổ sung khác", corrects=first, corrects_version=stale)
    assert InformationProvision.objects.count() == 2


@time_machine.travel(APRIL, tick=False)
def test_wrong_provider_or_receiver_is_refused(world, program):
    with pytest.raises(ValidationError) as excinfo:
        services.provision_provide(
            actor=world.admin,
            program=program,
            provider=world.target,  # the lead: receives, does not provide
            receiver=world.commune_committee,  # a partner: provides, does not receive
            kind="periodic",
            year=2026,
            period=3,
            content="Thông tin",
        )
    assert "không phải là cơ quan phối hợp của chương trình" in errors(excinfo)["provider"][0]
    assert "không phải là cơ quan chủ trì của chương trình" in errors(excinfo)["receiver"][0]
    assert not InformationProvision.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_only_editors_of_the_provider_provide(world, program):
    viewer = UserFactory(username="viewer")
    MembershipFactory(user=viewer, organization=world.commune_committee, role=Role.VIEWER)
    for user in (world.officer, world.upper, viewer):
        with pytest.raises(ValidationError) as excinfo:
            provide(world, program, period=3, actor=user)
        assert "provider" in errors(excinfo)
    assert not InformationProvision.objects.exists()


@time_machine.travel(APRIL, tick=False)
def test_a_confidential_upload_is_refused_and_nothing_is_stored(world, program, media):
    with pytest.raises(ValidationError) as excinfo:
        provide(
            world,
            program,
            period=3,
            files=[upload("mat.pdf", pdf("Mat"))],
            file_classification="confidential",
        )
    assert "kênh bảo mật" in errors(excinfo)["files"][0]
    assert not InformationProvision.objects.exists() and not Document.objects.exists()
    assert files_in(media) == []


@time_machine.travel(APRIL, tick=False)
def test_a_bad_second_file_leaves_no_first_file_behind(world, program, media):
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=3, files=[upload("a.pdf", pdf("A")), upload("b.pdf", EXE)])
    assert "files" in errors(excinfo)
    assert not InformationProvision.objects.exists()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert files_in(media) == []


@time_machine.travel(APRIL, tick=False)
def test_an_existing_document_of_the_provider_is_shared_with_the_receiver(world, program):
    document = make_document(world, actor=world.partner, owner=world.commune_committee, title="Báo cáo quý I")
    others = make_document(world, title="Tài liệu nội bộ của Đảng ủy")
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=3, documents=[others])
    assert "không thuộc cơ quan cung cấp" in errors(excinfo)["documents"][0]
    provision = provide(world, program, period=3, documents=[document])
    assert list(provision.documents.all()) == [document]
    assert document.shares.filter(organization=world.target).exists()


def test_ad_hoc_is_due_within_the_programmes_hours(world, program):
    incident = at(dt.date(2026, 5, 2), 22, 15)
    with time_machine.travel(at(dt.date(2026, 5, 3), 22, 15), tick=False):  # exactly 24 hours later
        timely = provide(world, program, kind="adhoc", incident_at=incident)
    with time_machine.travel(at(dt.date(2026, 5, 3), 22, 16), tick=False):
        late = provide(world, program, kind="adhoc", incident_at=incident, incident_title="Cháy chợ xã")
    assert timely.due_at == incident + dt.timedelta(hours=24)
    assert (timely.is_on_time(), late.is_on_time()) == (True, False)
    assert timely.subject == "Sạt lở bờ sông ấp 3" and timely.year == 2026


@time_machine.travel(APRIL, tick=False)
def test_ad_hoc_needs_an_incident_not_in_the_future(world, program):
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, kind="adhoc", incident_title=" ", incident_at=APRIL + dt.timedelta(hours=1))
    assert errors(excinfo)["incident_title"] == ["Hãy nêu sự việc."]
    assert errors(excinfo)["incident_at"] == ["Thời điểm xảy ra không thể ở tương lai."]


@time_machine.travel(APRIL, tick=False)
def test_a_draft_programme_takes_no_provision(world):
    program = make_program(world, status="draft", info_frequency="monthly", info_day=25)
    with pytest.raises(ValidationError) as excinfo:
        provide(world, program, period=3)
    assert "đã ký kết, đang thực hiện" in errors(excinfo)["program"][0]


@time_machine.travel(APRIL, tick=False)
def test_the_receiver_acknowledges_once_who_and_when_kept(world, program):
    provision = provide(world, program, period=3)
    with pytest.raises(ValidationError):
        services.provision_acknowledge(actor=world.partner, provision=provision)  # the provider may not
    with pytest.raises(ValidationError):
        services.provision_acknowledge(actor=world.upper, provision=provision)  # nor an upper level
    provision, done = services.provision_acknowledge(actor=world.officer, provision=provision)
    assert done and provision.acknowledged_by == world.officer and provision.acknowledged_at == APRIL
    assert Notification.objects.filter(kind="provision_acknowledged", recipient=world.partner).count() == 1
    second_officer = UserFactory(username="officer2")
    MembershipFactory(user=second_officer, organization=world.target, role=Role.LEADER)
    with time_machine.travel(APRIL + dt.timedelta(days=1), tick=False):
        again, done = services.provision_acknowledge(actor=second_officer, provision=provision)
    again.refresh_from_db()
    assert not done
    assert (again.acknowledged_by, again.acknowledged_at) == (world.officer, APRIL)  # the first receipt is kept
    assert AuditEntry.objects.filter(event="provision_acknowledged").count() == 1
