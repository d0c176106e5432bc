"""`manage.py load_demo`: the demo data set, written through the services, idempotently."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from phoihop.accounts.models import Membership, Role, User
from phoihop.audit.models import AuditEntry
from phoihop.claims.models import FalseClaim
from phoihop.demo.data import DEMO_PASSWORD, DEMO_USERS, ORGANIZATIONS
from phoihop.documents.models import Document
from phoihop.exchange.models import Assessment, CommunicationPlan, Invitation, Subject
from phoihop.exemplary.models import ExemplaryModel  # issue 6: demo/exemplary.py
from phoihop.inspections.models import Inspection  # issue 6: demo/inspections.py
from phoihop.meetings.models import Meeting
from phoihop.organisations import lineage
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.programs.models import AnnualPlan, Program, Task
from phoihop.provisions.models import InformationProvision
from phoihop.reports.models import Report

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def org(name, *, valid_from=None, unit_name=None) -> Organization:
    qs = Organization.objects.filter(name=name)
    if unit_name:
        qs = qs.filter(administrative_unit__name=unit_name)
    if valid_from:
        qs = qs.filter(valid_from=valid_from)
    return qs.get()


NEW_MAP = dt.date(2025, 7, 1)


def counts():
    return {
        model.__name__: model.objects.count() for model in (Organization, Reorganization, Membership, AuditEntry, User)
    }


def snapshot_rows():
    return (
        list(Organization.objects.order_by("pk").values_list("pk", "version", "valid_from", "valid_to", "updated_at")),
        list(User.objects.order_by("pk").values_list("pk", "password", "acting_organization_id")),
        list(Membership.objects.order_by("pk").values_list("pk", "role", "valid_from", "valid_to", "updated_at")),
    )


@pytest.fixture
def demo(db):
    return load()


def test_every_demo_organisation_is_created(demo):
    # + Đảng ủy xã Ea Kar, the commune inspected and nominating in the issue-6 demo (demo/inspections.py)
    assert Organization.objects.count() == len(ORGANIZATIONS) + 1
    names = set(Organization.objects.values_list("name", flat=True))
    for expected in [
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Tỉnh ủy Phú Yên",
        "Ban Tuyên giáo Tỉnh ủy Phú Yên",
        "Ban Dân vận Tỉnh ủy Phú Yên",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
        "Tỉnh ủy Đắk Lắk",
        "Ủy ban nhân dân thị xã Sông Cầu",
        "Ban Tuyên giáo Thị ủy Sông Cầu",
        "Ban Tuyên giáo Tỉnh ủy Kiên Giang",
        "Ủy ban nhân dân tỉnh Kiên Giang",
        "Thường trực Hội đồng nhân dân tỉnh Kiên Giang",
        "Viện Kiểm sát nhân dân tỉnh Kiên Giang",
        "Tòa án nhân dân tỉnh Kiên Giang",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kiên Giang",
        "Sở Thông tin và Truyền thông tỉnh Kiên Giang",
        "Sở Y tế tỉnh Kiên Giang",
        "Văn phòng Tỉnh ủy Kiên Giang",
        "Hội Nhà báo tỉnh Kiên Giang",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang",
        "Ủy ban nhân dân tỉnh An Giang",
        "Tỉnh ủy Bắc Kạn",
        "Ban Tuyên giáo Tỉnh ủy Bắc Kạn",
        "Ủy ban nhân dân tỉnh Bắc Kạn",
        "Thành ủy Bắc Kạn",
        "Ban Tuyên giáo Thành ủy Bắc Kạn",
        "Ủy ban nhân dân thành phố Bắc Kạn",
        "Đảng ủy phường Đức Xuân",
        "Đảng ủy xã Nông Thượng",
    ]:
        assert expected in names, expected
    assert Organization.objects.filter(level=Level.COMMUNE, name__startswith="Đảng ủy ").count() == 8 + 1  # + Ea Kar


def test_organisations_have_kinds_issuer_codes_and_units(demo):
    kien_giang = {o.issuer_code: o for o in Organization.objects.filter(administrative_unit__name="Tỉnh Kiên Giang")}
    assert set(kien_giang) >= {"BTGTU", "UBND", "HĐND", "VKSND", "TAND", "SNNPTNT", "STTTT", "SYT", "VPTU", "HNB"}
    assert kien_giang["VKSND"].kind == Organization.Kind.PROCURACY
    assert kien_giang["HNB"].kind == Organization.Kind.PRESS_ASSOCIATION
    assert kien_giang["SYT"].parent == kien_giang["UBND"]
    song_cau = org("Ban Tuyên giáo Thị ủy Sông Cầu")
    assert (song_cau.level, song_cau.administrative_unit.code, song_cau.valid_to) == (
        Level.DISTRICT,
        "557",
        dt.date(2025, 6, 30),
    )
    central = org("Ban Tuyên giáo và Dân vận Trung ương")
    assert (central.level, central.administrative_unit, central.issuer_code) == (Level.CENTRAL, None, "BTGDVTW")
    new_dak_lak = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", valid_from=NEW_MAP)
    assert (new_dak_lak.administrative_unit.code, new_dak_lak.administrative_unit.valid_from) == ("66", NEW_MAP)


def test_running_twice_creates_and_changes_nothing(demo):
    before, rows_before = counts(), snapshot_rows()
    load()
    assert counts() == before
    assert snapshot_rows() == rows_before


def test_history_is_in_the_audit_log_with_the_system_as_actor(demo):
    merged = org("Ban Tuyên giáo Tỉnh ủy Phú Yên")
    entries = AuditEntry.objects.for_object(merged)
    assert {(e.action, e.event) for e in entries} == {("create", ""), ("event", "reorganized")}
    assert not AuditEntry.objects.filter(actor__isnull=False).exists()
    # organisations, re-organisations, users, memberships, then programmes, plans and tasks,
    # and the subjects with their assessments and communication plans, then information provisions
    created = counts()["Organization"] + 11 + 8 + 8 + Program.objects.count() + AnnualPlan.objects.count()
    created += Subject.objects.count() + Assessment.objects.count() + CommunicationPlan.objects.count()
    created += Invitation.objects.count()
    created += InformationProvision.objects.count()
    created += Document.objects.count()  # the documents a subject's owner provides (issue 4, item 1)
    created += FalseClaim.objects.count()  # issue 5: written through claims.services
    created += Meeting.objects.count()  # issue 6: written through meetings.services
    created += Report.objects.count()  # issue 6: written through reports.services
    created += Inspection.objects.count() + ExemplaryModel.objects.count()  # issue 6: through their services
    assert AuditEntry.objects.filter(action="create").count() == created + Task.objects.count()


def test_phu_yen_lineage_runs_through_both_mergers(demo):
    propaganda = org("Ban Tuyên giáo Tỉnh ủy Phú Yên")
    mass_mobilisation = org("Ban Dân vận Tỉnh ủy Phú Yên")
    merged = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên")
    dak_lak = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", valid_from=NEW_MAP)

    assert list(lineage.successors_of(propaganda)) == [merged, dak_lak]
    predecessors = set(lineage.predecessors_of(dak_lak))
    assert {propaganda, mass_mobilisation, merged} <= predecessors
    assert lineage.current_successors(propaganda, dt.date(2025, 8, 1)) == [dak_lak]
    merger = Reorganization.objects.get(predecessors=propaganda)
    assert merger.effective_date == dt.date(2025, 3, 1)
    assert "1286-QĐ/TU" in merger.legal_basis
    assert "minh họa" in merger.note
    assert Reorganization.objects.get(successors=dak_lak).legal_basis == (
        "Nghị quyết số 202/2025/QH15, ngày 12/6/2025 của Quốc hội"
    )


def test_kien_giang_bodies_continue_in_the_2025_an_giang(demo):
    for name in ("Ban Tuyên giáo Tỉnh ủy Kiên Giang", "Ủy ban nhân dân tỉnh Kiên Giang"):
        successors = lineage.current_successors(org(name), dt.date(2025, 8, 1))
        assert [(s.administrative_unit.name, s.valid_from) for s in successors] == [("Tỉnh An Giang", NEW_MAP)]


def test_as_of_lookups_follow_the_validity_periods(demo):
    february = set(Organization.objects.valid_on(dt.date(2025, 2, 1)).values_list("name", flat=True))
    assert "Ban Tuyên giáo Tỉnh ủy Phú Yên" in february
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên" not in february
    march = set(Organization.objects.valid_on(dt.date(2025, 3, 1)).values_list("name", flat=True))
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên" in march
    assert "Ban Tuyên giáo Tỉnh ủy Phú Yên" not in march
    july = Organization.objects.valid_on(NEW_MAP)
    assert not july.filter(name__contains="Phú Yên").exists()
    assert not july.filter(level=Level.DISTRICT).exists()


def signs_in(username: str, password: str) -> bool:
    """Through the real sign-in page (django-axes wants a request)."""
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302 and client.session.get("_auth_user_id") is not None


def test_demo_users_can_sign_in(demo):
    for demo_user in DEMO_USERS:
        assert signs_in(demo_user.username, DEMO_PASSWORD), demo_user.username
    assert not signs_in("lanhdao.daklak", "sai-mat-khau")


def test_demo_users_have_their_roles(demo):
    assert User.objects.get(username="admin").is_superuser
    officer = User.objects.get(username="chuyenvien.daklak")
    assert set(officer.memberships.values_list("organization__name", "role")) == {
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", Role.OFFICER),
        ("Tỉnh ủy Đắk Lắk", Role.OFFICER),
    }
    assert all(m.organization.valid_from == NEW_MAP for m in officer.memberships.select_related("organization"))
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Role.LEADER, Role.OFFICER, Role.FOCAL_POINT, Role.COLLABORATOR, Role.VIEWER}
    focal = User.objects.get(username="daumoi.angiang")
    assert focal.acting_organization == org("Ủy ban nhân dân tỉnh An Giang", valid_from=NEW_MAP)


def test_existing_passwords_are_kept_unless_reset_is_asked_for(demo):
    user = User.objects.get(username="lanhdao.daklak")
    user.set_password("mat-khau-rieng-2025")
    user.save()
    output = load()
    assert signs_in("lanhdao.daklak", "mat-khau-rieng-2025")
    assert "lanhdao.daklak     phoihop-demo-2025 *" in output
    load("--reset-passwords")
    assert signs_in("lanhdao.daklak", DEMO_PASSWORD)
    assert AuditEntry.objects.filter(event="password_reset").count() == len(DEMO_USERS)


def test_output_lists_every_demo_login(demo):
    for demo_user in DEMO_USERS:
        line = next(line for line in demo.splitlines() if line.startswith(demo_user.username + " "))
        assert DEMO_PASSWORD in line
        assert demo_user.role_label in line
        if demo_user.memberships:
            assert demo_user.organization_name in line


def test_demo_users_are_not_the_officials_named_in_the_seeds():
    seeds_officials = {"Bùi Thanh Toàn", "Đinh Thị Thu Thanh", "Nguyễn Văn Sự", "Lê Thị Ngọc Hoa", "Nguyễn Huy Khánh"}
    assert not seeds_officials & {user.full_name for user in DEMO_USERS}
