"""The re-organisation pages: list, detail and recording a merge, split, rename or dissolution."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.organisations import services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:reorganization_list")
CREATE = reverse("organisations:reorganization_create")


def detail_url(reorg):
    return reverse("organisations:reorganization_detail", args=[reorg.pk])


def org_url(org):
    return reverse("organisations:detail", args=[org.pk])


@pytest.fixture
def renamed(world):
    """The target commune's party committee was renamed on 01/07/2025 from an older body."""
    old = OrganizationFactory(
        name="Đảng ủy xã Cẩm Đức (cũ)",
        kind=Organization.Kind.PARTY_COMMITTEE,
        level=Level.COMMUNE,
        administrative_unit=UnitFactory(level=Level.COMMUNE, kind="commune"),
        valid_from=dt.date(2015, 1, 1),
    )
    return services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.RENAME,
        effective_date=dt.date(2025, 7, 1),
        legal_basis="Quyết định số 45-QĐ/TU, ngày 20/6/2025 của Tỉnh ủy An Hòa",
        predecessors=[old],
        successors=[world.target],
    )


@pytest.fixture
def elsewhere(world):
    """A merge in province B, which the target's members have nothing to do with."""
    a = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Bình Sơn", valid_from=dt.date(2010, 1, 1))
    b = OrganizationFactory(name="Ban Dân vận Tỉnh ủy Bình Sơn", valid_from=dt.date(2010, 1, 1))
    return services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.MERGE,
        effective_date=dt.date(2025, 7, 1),
        legal_basis="Quyết định số 9-QĐ/TU của Tỉnh ủy Bình Sơn",
        predecessors=[a, b],
        successors=[world.province_dept_b],
    )


# --- list ----------------------------------------------------------------------------


class TestList:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "admin", "nobody"])
    def test_signed_in_user_gets_the_page(self, world, client_for, persona):
        response = client_for(getattr(world, persona)).get(LIST)
        assert response.status_code == 200
        assert response.context["nav_active"] == "reorganizations"

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(LIST)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_members_see_only_re_organisations_of_organisations_they_see(self, world, client_for, renamed, elsewhere):
        officer = client_for(world.officer).get(LIST)
        assert list(officer.context["page"].object_list) == [renamed]
        assert "Quyết định số 9-QĐ/TU" not in officer.content.decode()
        outsider = client_for(world.outsider).get(LIST)
        assert list(outsider.context["page"].object_list) == [elsewhere]
        assert sorted(r.pk for r in client_for(world.admin).get(LIST).context["page"].object_list) == sorted(
            [renamed.pk, elsewhere.pk]
        )

    def test_row_shows_date_kind_parties_and_basis(self, world, client_for, renamed):
        html = client_for(world.officer).get(LIST).content.decode()
        assert "01/07/2025" in html and "Đổi tên" in html
        assert "Đảng ủy xã Cẩm Đức (cũ)" in html
        assert f'href="{org_url(world.target)}"' in html
        assert "Quyết định số 45-QĐ/TU" in html

    def test_record_button_only_for_admin(self, world, client_for):
        assert CREATE in client_for(world.admin).get(LIST).content.decode()
        assert CREATE not in client_for(world.officer).get(LIST).content.decode()

    @pytest.mark.parametrize("persona", ["admin", "upper", "officer"])
    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries, persona):
        def make(n):
            for _ in range(n):
                a, b = OrganizationFactory.create_batch(
                    2, level=Level.COMMUNE, administrative_unit=world.commune_c, valid_from=dt.date(2010, 1, 1)
                )
                c = OrganizationFactory(
                    level=Level.COMMUNE, administrative_unit=world.commune_c, valid_from=dt.date(2025, 7, 1)
                )
                services.reorganization_record(
                    actor=world.admin,
                    kind=Reorganization.Kind.MERGE,
                    effective_date=dt.date(2025, 7, 1),
                    legal_basis="QĐ",
                    predecessors=[a, b],
                    successors=[c],
                )

        client = client_for(getattr(world, persona))
        make(3)
        with django_assert_max_num_queries(12):
            assert client.get(LIST).status_code == 200
        make(27)
        with django_assert_max_num_queries(12):
            response = client.get(LIST)
        assert len(response.context["page"].object_list) == 25


# --- detail --------------------------------------------------------------------------


class TestDetail:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_sees_a_party_sees_it(self, world, client_for, persona, renamed):
        response = client_for(getattr(world, persona)).get(detail_url(renamed))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Quyết định số 45-QĐ/TU, ngày 20/6/2025 của Tỉnh ủy An Hòa" in html
        assert "Đảng ủy xã Cẩm Đức (cũ)" in html and world.target.name in html

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsider_gets_404(self, world, client_for, persona, renamed):
        assert client_for(getattr(world, persona)).get(detail_url(renamed)).status_code == 404

    def test_unknown_pk_gets_404(self, world, client_for):
        assert (
            client_for(world.admin).get(reverse("organisations:reorganization_detail", args=[10**9])).status_code == 404
        )

    def test_anonymous_is_sent_to_login(self, world, client_for, renamed):
        response = client_for(None).get(detail_url(renamed))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_shows_its_history(self, world, client_for, renamed):
        html = client_for(world.admin).get(detail_url(renamed)).content.decode()
        assert "Tạo mới" in html[html.index('id="history"') :]


# --- record --------------------------------------------------------------------------


@pytest.fixture
def parties(world):
    """Two province departments of province A that merge into a new one on 01/03/2026."""
    unit = world.province_a

    def org(name, start):
        return OrganizationFactory(name=name, level=Level.PROVINCE, administrative_unit=unit, valid_from=start)

    return (
        org("Sở Văn hóa An Hòa", dt.date(2025, 7, 1)),
        org("Sở Thể thao An Hòa", dt.date(2025, 7, 1)),
        org("Sở Văn hóa và Thể thao An Hòa", dt.date(2026, 3, 1)),
    )


def post_data(kind=Reorganization.Kind.MERGE, date="01/03/2026", basis="Quyết định số 7/QĐ-UBND", pred=(), succ=()):
    return {
        "kind": kind,
        "effective_date": date,
        "legal_basis": basis,
        "predecessors": [o.pk for o in pred],
        "successors": [o.pk for o in succ],
        "note": "",
    }


class TestRecord:
    def test_admin_gets_the_form(self, world, client_for):
        response = client_for(world.admin).get(CREATE)
        assert response.status_code == 200 and response.context["nav_active"] == "reorganizations"

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "nobody"])
    def test_non_admin_gets_403_and_nothing_is_written(self, world, client_for, persona, parties):
        a, b, c = parties
        client = client_for(getattr(world, persona))
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, post_data(pred=(a, b), succ=(c,))).status_code == 403
        assert Reorganization.objects.count() == 0

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(CREATE)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_predecessor_is_preselected_from_an_organisation_page(self, world, client_for, parties):
        response = client_for(world.admin).get(CREATE, {"predecessor": parties[0].pk})
        html = response.content.decode()
        select = html[html.index('name="predecessors"') : html.index("</select>", html.index('name="predecessors"'))]
        assert f'value="{parties[0].pk}" selected' in select
        assert f'value="{parties[1].pk}" selected' not in select

    def test_garbage_predecessor_parameter_is_ignored(self, world, client_for):
        assert client_for(world.admin).get(CREATE, {"predecessor": "x"}).status_code == 200

    def test_valid_merge_is_recorded_and_predecessors_end(self, world, client_for, parties):
        a, b, c = parties
        response = client_for(world.admin).post(CREATE, post_data(pred=(a, b), succ=(c,)))
        reorg = Reorganization.objects.get()
        assert response.status_code == 302 and response.url == detail_url(reorg)
        assert set(reorg.predecessors.all()) == {a, b} and list(reorg.successors.all()) == [c]
        a.refresh_from_db()
        assert a.valid_to == dt.date(2026, 2, 28)
        assert reorg.recorded_by == world.admin

    def _assert_refused(self, client, data, field, message):
        orgs_before = list(Organization.objects.order_by("pk").values_list("pk", "valid_to", "version"))
        reorgs, entries = Reorganization.objects.count(), AuditEntry.objects.count()
        response = client.post(CREATE, data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert any(message in error for error in response.context["form"].errors[field])
        assert Reorganization.objects.count() == reorgs
        assert AuditEntry.objects.count() == entries
        assert list(Organization.objects.order_by("pk").values_list("pk", "valid_to", "version")) == orgs_before

    def test_cycle_is_refused(self, world, client_for, parties):
        a, b, c = parties
        client = client_for(world.admin)
        assert client.post(CREATE, post_data(pred=(a, b), succ=(c,))).status_code == 302
        # C back into A: A already precedes C.
        self._assert_refused(
            client,
            post_data(kind=Reorganization.Kind.RENAME, date="01/06/2026", pred=(c,), succ=(a,)),
            "successors",
            "Sắp xếp này tạo thành vòng lặp",
        )

    def test_successor_starting_before_predecessor_ends_is_refused(self, world, client_for, parties):
        a, b, c = parties
        self._assert_refused(
            client_for(world.admin),
            # C starts on 01/03/2026 but A and B would run until 31/05/2026.
            post_data(date="01/06/2026", pred=(a, b), succ=(c,)),
            "successors",
            "cơ quan sau sắp xếp phải có hiệu lực từ ngày 01/06/2026",
        )

    def test_merge_with_one_predecessor_is_refused(self, world, client_for, parties):
        a, _, c = parties
        self._assert_refused(
            client_for(world.admin),
            post_data(pred=(a,), succ=(c,)),
            "predecessors",
            "Hợp nhất, sáp nhập cần ít nhất 2 cơ quan trước sắp xếp.",
        )

    def test_missing_legal_basis_is_refused(self, world, client_for, parties):
        a, b, c = parties
        self._assert_refused(
            client_for(world.admin),
            post_data(basis="  ", pred=(a, b), succ=(c,)),
            "legal_basis",
            "Hãy nhập căn cứ của việc sắp xếp",
        )

    def test_bad_date_is_refused(self, world, client_for, parties):
        a, b, c = parties
        self._assert_refused(
            client_for(world.admin),
            post_data(date="30/02/2026", pred=(a, b), succ=(c,)),
            "effective_date",
            "Ngày không hợp lệ",
        )
