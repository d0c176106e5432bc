"""The organisation pages: list, detail with lineage, create and edit."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.organisations import services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:list")
CREATE = reverse("organisations:create")


def detail_url(org):
    return reverse("organisations:detail", args=[org.pk])


def edit_url(org):
    return reverse("organisations:edit", args=[org.pk])


def listed_names(response) -> list[str]:
    return [org.name for org in response.context["page"].object_list]


# --- list ----------------------------------------------------------------------------


class TestListAccess:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "admin", "nobody"])
    def test_signed_in_user_gets_the_page(self, world, client_for, persona):
        response = client_for(getattr(world, persona)).get(LIST)
        assert response.status_code == 200
        assert response.context["nav_active"] == "organisations"

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(LIST)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_officer_sees_own_and_same_area_organisations_only(self, world, client_for):
        names = listed_names(client_for(world.officer).get(LIST))
        assert world.target.name in names
        assert world.commune_committee.name in names
        assert world.province_dept_b.name not in names
        assert world.province_dept_a.name not in names

    def test_outsider_does_not_see_the_target(self, world, client_for):
        response = client_for(world.outsider).get(LIST)
        assert world.target.name not in listed_names(response)
        assert world.target.name not in response.content.decode()

    def test_user_without_membership_sees_an_empty_list(self, world, client_for):
        response = client_for(world.nobody).get(LIST)
        assert listed_names(response) == []

    def test_add_button_only_for_admin(self, world, client_for):
        assert CREATE in client_for(world.admin).get(LIST).content.decode()
        for persona in (world.officer, world.partner, world.upper):
            assert CREATE not in client_for(persona).get(LIST).content.decode()


class TestListSearch:
    @pytest.fixture
    def named(self, world):
        dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", level=Level.PROVINCE, kind="province")
        return {
            "tg": OrganizationFactory(
                name="Ban Tuyên giáo Tỉnh ủy Phú Yên", kind=Organization.Kind.PROPAGANDA, issuer_code="BTGTU"
            ),
            "dv": OrganizationFactory(
                name="Ban Dân vận Tỉnh ủy Phú Yên", kind=Organization.Kind.MASS_MOBILISATION, issuer_code="BDVTU"
            ),
            "dl": OrganizationFactory(
                name="Ủy ban nhân dân tỉnh Đắk Lắk",
                kind=Organization.Kind.PEOPLES_COMMITTEE,
                administrative_unit=dak_lak,
            ),
        }

    @pytest.mark.parametrize("query", ["tuyen giao", "TUYÊN GIÁO", "Tuyên  giáo"])
    def test_search_ignores_diacritics_and_case(self, world, client_for, named, query):
        names = listed_names(client_for(world.admin).get(LIST, {"q": query}))
        assert named["tg"].name in names
        assert named["dv"].name not in names
        assert named["dl"].name not in names

    def test_dan_van_finds_dan_van(self, world, client_for, named):
        names = listed_names(client_for(world.admin).get(LIST, {"q": "dan van"}))
        assert named["dv"].name in names
        assert named["tg"].name not in names

    def test_dak_lak_finds_dak_lak_with_d_stroke(self, world, client_for, named):
        response = client_for(world.admin).get(LIST, {"q": "dak lak"})
        assert listed_names(response) == [named["dl"].name]
        assert "Ủy ban nhân dân tỉnh Đắk Lắk" in response.content.decode()

    def test_search_respects_visibility(self, world, client_for, named):
        assert listed_names(client_for(world.officer).get(LIST, {"q": "tuyen giao"})) == []


class TestListFilters:
    def test_kind_and_level(self, world, client_for):
        client = client_for(world.admin)
        names = listed_names(client.get(LIST, {"kind": Organization.Kind.PROPAGANDA_MASS_MOBILISATION}))
        assert sorted(names) == sorted([world.province_dept_a.name, world.province_dept_b.name, world.central.name])
        names = listed_names(client.get(LIST, {"level": Level.COMMUNE}))
        assert sorted(names) == sorted([world.target.name, world.commune_committee.name])

    def test_province_includes_communes_of_the_province(self, world, client_for):
        names = listed_names(client_for(world.admin).get(LIST, {"province": world.province_a.pk}))
        assert sorted(names) == sorted([world.target.name, world.commune_committee.name, world.province_dept_a.name])

    def test_former_province_can_be_chosen(self, world, client_for):
        former = UnitFactory(name="Tỉnh Phú Yên", level=Level.PROVINCE, valid_to=dt.date(2025, 6, 30))
        old = OrganizationFactory(name="Sở Văn hóa Phú Yên", administrative_unit=former, valid_to=dt.date(2025, 6, 30))
        response = client_for(world.admin).get(LIST, {"province": former.pk})
        assert listed_names(response) == [old.name]
        assert f'<option value="{former.pk}" selected>' in response.content.decode()

    def test_valid_on_date_is_dd_mm_yyyy(self, world, client_for):
        old = OrganizationFactory(
            name="Ban Tuyên giáo Huyện ủy cũ", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30)
        )
        client = client_for(world.admin)
        on_june_30 = listed_names(client.get(LIST, {"valid_on": "30/06/2025"}))
        on_july_1 = listed_names(client.get(LIST, {"valid_on": "01/07/2025"}))
        assert old.name in on_june_30 and world.target.name not in on_june_30
        assert old.name not in on_july_1 and world.target.name in on_july_1

    def test_default_shows_historical_ones_with_a_badge(self, world, client_for):
        OrganizationFactory(name="Cơ quan đã giải thể", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30))
        response = client_for(world.admin).get(LIST)
        assert "Cơ quan đã giải thể" in listed_names(response)
        assert "badge--historical" in response.content.decode()
        assert "01/01/2020 – 30/06/2025" in response.content.decode()

    def test_only_current_hides_ended_organisations(self, world, client_for):
        OrganizationFactory(name="Cơ quan đã giải thể", valid_to=dt.date(2025, 6, 30))
        names = listed_names(client_for(world.admin).get(LIST, {"current": "on"}))
        assert "Cơ quan đã giải thể" not in names
        assert world.target.name in names

    def test_bad_date_shows_error_next_to_field_and_does_not_filter(self, world, client_for):
        response = client_for(world.admin).get(LIST, {"valid_on": "31/02/2025", "level": Level.COMMUNE})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy" in html
        assert 'id="id_valid_on_error"' in html
        assert len(listed_names(response)) == Organization.objects.count()

    def test_htmx_request_gets_only_the_results(self, world, client_for):
        response = client_for(world.admin).get(LIST, {"q": "cam duc"}, headers={"HX-Request": "true"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert "Đảng ủy xã Cẩm Đức" in html
        assert 'hx-swap-oob="true"' in html

    def test_full_page_has_htmx_filter_form(self, world, client_for):
        html = client_for(world.admin).get(LIST).content.decode()
        assert 'hx-target="#results"' in html and 'hx-push-url="true"' in html


class TestListQueryCount:
    def test_admin_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.admin)
        OrganizationFactory.create_batch(3, administrative_unit=world.province_a)
        with django_assert_max_num_queries(7):
            assert client.get(LIST).status_code == 200
        OrganizationFactory.create_batch(30, administrative_unit=world.province_a)
        with django_assert_max_num_queries(7):
            response = client.get(LIST)
        assert len(listed_names(response)) == 25

    def test_officer_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)

        def make(n):
            OrganizationFactory.create_batch(n, level=Level.COMMUNE, administrative_unit=world.commune_c)

        make(3)
        with django_assert_max_num_queries(9):
            assert client.get(LIST).status_code == 200
        make(30)
        with django_assert_max_num_queries(9):
            response = client.get(LIST)
        assert len(listed_names(response)) == 25


# --- detail --------------------------------------------------------------------------


class TestDetailAccess:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_may_see_it_gets_200(self, world, client_for, persona):
        response = client_for(getattr(world, persona)).get(detail_url(world.target))
        assert response.status_code == 200
        assert world.target.name in response.content.decode()

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsider_gets_404(self, world, client_for, persona):
        assert client_for(getattr(world, persona)).get(detail_url(world.target)).status_code == 404

    def test_unknown_pk_gets_404(self, world, client_for):
        assert client_for(world.admin).get(reverse("organisations:detail", args=[10**9])).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(detail_url(world.target))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_edit_and_reorganise_buttons_only_for_admin(self, world, client_for):
        html = client_for(world.admin).get(detail_url(world.target)).content.decode()
        assert edit_url(world.target) in html
        assert f"{reverse('organisations:reorganization_create')}?predecessor={world.target.pk}" in html
        for persona in (world.officer, world.partner, world.upper):
            html = client_for(persona).get(detail_url(world.target)).content.decode()
            assert edit_url(world.target) not in html
            assert reverse("organisations:reorganization_create") not in html

    def test_shows_facts_and_history(self, world, client_for):
        org = services.organization_create(
            actor=world.admin,
            name="Ban Tuyên giáo và Dân vận Đảng ủy xã Cẩm Đức",
            short_name="BTGDV",
            kind=Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
            level=Level.COMMUNE,
            administrative_unit=world.commune_c,
            parent=world.target,
            issuer_code="BTGDVĐU",
            valid_from=dt.date(2025, 7, 1),
        )
        html = client_for(world.admin).get(detail_url(org)).content.decode()
        assert 'class="facts"' in html
        assert "BTGDVĐU" in html and "01/07/2025" in html
        assert f'href="{detail_url(world.target)}"' in html  # parent link
        history = html[html.index('id="history"') :]
        assert "Tạo mới" in history

    def test_children_listed_only_when_visible(self, world, client_for):
        visible = OrganizationFactory(
            name="Chi bộ thôn Một", parent=world.target, level=Level.COMMUNE, administrative_unit=world.commune_c
        )
        hidden = OrganizationFactory(
            name="Chi bộ ở tỉnh khác", parent=world.target, administrative_unit=world.province_b
        )
        html = client_for(world.officer).get(detail_url(world.target)).content.decode()
        assert visible.name in html
        assert hidden.name not in html
        assert hidden.name in client_for(world.admin).get(detail_url(world.target)).content.decode()


class TestDetailLineage:
    """Phú Yên's two departments merge (01/03/2025); the merged one joins Đắk Lắk's (01/07/2025)."""

    @pytest.fixture
    def chain(self, world):
        phu_yen = UnitFactory(name="Tỉnh Phú Yên", level=Level.PROVINCE, valid_to=dt.date(2025, 6, 30))
        dak_lak = UnitFactory(name="Tỉnh Đắk Lắk", level=Level.PROVINCE)
        other = UnitFactory(name="Tỉnh Khác", level=Level.PROVINCE)

        def org(name, unit, start):
            return OrganizationFactory(
                name=name,
                kind=Organization.Kind.PROPAGANDA,
                level=Level.PROVINCE,
                administrative_unit=unit,
                valid_from=start,
            )

        a = org("Ban Tuyên giáo Tỉnh ủy Phú Yên", phu_yen, dt.date(2010, 1, 1))
        b = org("Ban Dân vận Tỉnh ủy Phú Yên (chuyển từ tỉnh khác)", other, dt.date(2010, 1, 1))
        c = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên", phu_yen, dt.date(2025, 3, 1))
        d = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk", dak_lak, dt.date(2025, 7, 1))
        services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.MERGE,
            effective_date=dt.date(2025, 3, 1),
            legal_basis="Quyết định số 123-QĐ/TU, ngày 28/02/2025 của Tỉnh ủy Phú Yên",
            predecessors=[a, b],
            successors=[c],
        )
        services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.MERGE,
            effective_date=dt.date(2025, 7, 1),
            legal_basis="Nghị quyết số 202/2025/QH15",
            predecessors=[
                c,
                OrganizationFactory(
                    name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk cũ",
                    administrative_unit=dak_lak,
                    valid_from=dt.date(2025, 3, 1),
                    level=Level.PROVINCE,
                ),
            ],
            successors=[d],
        )
        return a, b, c, d

    @pytest.mark.parametrize("page", [0, 3])
    def test_whole_chain_with_events_on_first_and_last_page(self, world, client_for, chain, page):
        html = client_for(world.admin).get(detail_url(chain[page])).content.decode()
        for org in chain:
            assert org.name in html
        assert "01/03/2025" in html and "01/07/2025" in html
        assert "Quyết định số 123-QĐ/TU, ngày 28/02/2025 của Tỉnh ủy Phú Yên" in html
        assert "Nghị quyết số 202/2025/QH15" in html
        assert "Hợp nhất, sáp nhập" in html

    def test_current_organisation_is_highlighted(self, world, client_for, chain):
        response = client_for(world.admin).get(detail_url(chain[2]))
        current = [row for row in response.context["lineage_rows"] if row.get("current")]
        assert [row["org"] for row in current] == [chain[2]]
        assert 'class="lineage__current"' in response.content.decode()

    def test_chain_is_in_time_order(self, world, client_for, chain):
        html = client_for(world.admin).get(detail_url(chain[3])).content.decode()
        lineage = html[html.index('id="lineage"') :]
        positions = [lineage.index(org.name) for org in (chain[0], chain[2], chain[3])]
        assert positions == sorted(positions)

    def test_links_only_to_organisations_the_user_may_open(self, world, client_for, chain):
        a, b, c, d = chain
        # A member of a Đắk Lắk province body sees the same-area ones (A and C are in Phú Yên, but
        # they are D's lineage for D's members). B's page is in an area the user has nothing to do with.
        member = UserFactory(username="daklak")
        MembershipFactory(user=member, organization=d, role=Role.OFFICER)
        html = client_for(member).get(detail_url(d)).content.decode()
        for org in (a, b, c):
            assert f'href="{detail_url(org)}"' in html
        # Someone in Đắk Lắk's area but outside the chain sees the chain names, links only to
        # what it may open.
        neighbour_org = OrganizationFactory(
            name="Sở Tư pháp Đắk Lắk",
            level=Level.PROVINCE,
            administrative_unit=d.administrative_unit,
            valid_from=dt.date(2025, 7, 1),
        )
        neighbour = UserFactory(username="neighbour")
        MembershipFactory(user=neighbour, organization=neighbour_org, role=Role.OFFICER)
        html = client_for(neighbour).get(detail_url(d)).content.decode()
        assert a.name in html and b.name in html
        assert f'href="{detail_url(a)}"' not in html
        assert f'href="{detail_url(b)}"' not in html

    def test_no_lineage_says_so(self, world, client_for):
        html = client_for(world.officer).get(detail_url(world.target)).content.decode()
        assert "Cơ quan này chưa qua lần sắp xếp nào." in html


# --- create and edit -----------------------------------------------------------------


def form_data(world, **overrides):
    data = {
        "name": "Ban Tuyên giáo và Dân vận Đảng ủy xã Cẩm Đức",
        "short_name": "BTGDV",
        "kind": Organization.Kind.PROPAGANDA_MASS_MOBILISATION,
        "level": Level.COMMUNE,
        "administrative_unit": world.commune_c.pk,
        "parent": world.target.pk,
        "issuer_code": "BTGDVĐU",
        "valid_from": "01/07/2025",
        "valid_to": "",
        "description": "",
    }
    data.update(overrides)
    return data


class TestCreate:
    def test_admin_gets_the_form(self, world, client_for):
        response = client_for(world.admin).get(CREATE)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="administrative_unit"' in html and world.commune_c.name in html

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "outsider", "nobody"])
    def test_non_admin_gets_403(self, world, client_for, persona):
        client = client_for(getattr(world, persona))
        before = Organization.objects.count()
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, form_data(world)).status_code == 403
        assert Organization.objects.count() == before

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(CREATE)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_valid_post_creates_and_redirects_to_detail(self, world, client_for):
        response = client_for(world.admin).post(CREATE, form_data(world), follow=True)
        org = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Đảng ủy xã Cẩm Đức")
        assert response.redirect_chain[-1][0] == detail_url(org)
        assert org.valid_from == dt.date(2025, 7, 1) and org.parent == world.target
        assert "Đã thêm cơ quan" in response.content.decode()
        assert AuditEntry.objects.for_object(org).count() == 1

    def test_central_organisation_without_unit(self, world, client_for):
        data = form_data(
            world,
            name="Ban Nội chính Trung ương",
            level=Level.CENTRAL,
            administrative_unit="",
            parent="",
            issuer_code="BNCTW",
        )
        response = client_for(world.admin).post(CREATE, data)
        assert response.status_code == 302
        assert Organization.objects.get(name="Ban Nội chính Trung ương").administrative_unit is None

    def _assert_refused(self, client, data, message):
        before = Organization.objects.count()
        response = client.post(CREATE, data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert Organization.objects.count() == before
        return response

    def test_empty_name_is_refused(self, world, client_for):
        response = self._assert_refused(client_for(world.admin), form_data(world, name="   "), "Hãy nhập tên cơ quan.")
        assert 'id="id_name_error"' in response.content.decode()

    def test_level_unit_mismatch_is_refused_next_to_the_unit(self, world, client_for):
        response = self._assert_refused(
            client_for(world.admin), form_data(world, level=Level.PROVINCE), "không khớp với cấp của địa bàn"
        )
        assert response.context["form"].errors["administrative_unit"]

    def test_duplicate_issuer_code_in_same_area_and_time_is_refused(self, world, client_for):
        response = self._assert_refused(
            client_for(world.admin),
            form_data(world, issuer_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE),
            "Ký hiệu UBND đã được Ủy ban nhân dân xã Cẩm Đức dùng",
        )
        assert response.context["form"].errors["issuer_code"]

    def test_same_issuer_code_in_other_period_is_accepted(self, world, client_for):
        data = form_data(world, issuer_code="UBND", valid_from="01/01/2020", valid_to="30/06/2025")
        # The commune exists only from 01/07/2025, so use a unit without a validity period.
        unit = UnitFactory(level=Level.COMMUNE, kind="commune", parent=world.province_a, province=world.province_a)
        OrganizationFactory(
            level=Level.COMMUNE, administrative_unit=unit, issuer_code="UBND", valid_from=dt.date(2025, 7, 1)
        )
        data["administrative_unit"] = unit.pk
        assert client_for(world.admin).post(CREATE, data).status_code == 302

    def test_bad_date_is_refused(self, world, client_for):
        self._assert_refused(client_for(world.admin), form_data(world, valid_from="2025/13/45"), "Ngày không hợp lệ")

    def test_end_before_start_is_refused(self, world, client_for):
        self._assert_refused(
            client_for(world.admin), form_data(world, valid_to="01/01/2025"), "phải sau ngày bắt đầu hiệu lực"
        )

    def test_unknown_unit_is_refused(self, world, client_for):
        self._assert_refused(
            client_for(world.admin), form_data(world, administrative_unit=10**9), "Lựa chọn không có trong danh sách."
        )


class TestEdit:
    def edit_data(self, world, org, **overrides):
        data = form_data(
            world,
            name=org.name,
            short_name=org.short_name,
            kind=org.kind,
            level=org.level,
            administrative_unit=org.administrative_unit_id,
            parent="",
            issuer_code=org.issuer_code,
            valid_from="01/07/2025",
            version=org.version,
        )
        data.update(overrides)
        return data

    def test_admin_gets_the_form_with_current_values_and_version(self, world, client_for):
        html = client_for(world.admin).get(edit_url(world.target)).content.decode()
        assert 'value="Đảng ủy xã Cẩm Đức"' in html
        assert f'name="version" value="{world.target.version}"' in html
        assert 'value="01/07/2025"' in html

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper"])
    def test_those_who_see_it_but_are_not_admin_get_403(self, world, client_for, persona):
        client = client_for(getattr(world, persona))
        assert client.get(edit_url(world.target)).status_code == 403
        response = client.post(edit_url(world.target), self.edit_data(world, world.target, name="Đổi tên"))
        assert response.status_code == 403
        world.target.refresh_from_db()
        assert world.target.name == "Đảng ủy xã Cẩm Đức"

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_outsider_gets_404(self, world, client_for, persona):
        assert client_for(getattr(world, persona)).get(edit_url(world.target)).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(edit_url(world.target))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

    def test_valid_edit_saves_and_bumps_version(self, world, client_for):
        response = client_for(world.admin).post(
            edit_url(world.target), self.edit_data(world, world.target, short_name="ĐU xã")
        )
        assert response.status_code == 302 and response.url == detail_url(world.target)
        world.target.refresh_from_db()
        assert world.target.short_name == "ĐU xã" and world.target.version == 2

    def test_stale_version_is_refused_and_nothing_written(self, world, client_for):
        client = client_for(world.admin)
        stale = self.edit_data(world, world.target, short_name="Bản của người thứ hai")
        assert (
            client.post(edit_url(world.target), self.edit_data(world, world.target, short_name="Bản đầu")).status_code
            == 302
        )
        entries = AuditEntry.objects.count()
        response = client.post(edit_url(world.target), stale)
        assert response.status_code == 200
        assert "Bản ghi đã được người khác sửa trong lúc bạn đang chỉnh." in response.content.decode()
        world.target.refresh_from_db()
        assert world.target.short_name == "Bản đầu" and world.target.version == 2
        assert AuditEntry.objects.count() == entries

    def test_service_errors_appear_next_to_fields_and_nothing_written(self, world, client_for):
        response = client_for(world.admin).post(
            edit_url(world.target), self.edit_data(world, world.target, issuer_code="UBND", name="Tên mới")
        )
        assert response.status_code == 200
        assert "Ký hiệu UBND đã được Ủy ban nhân dân xã Cẩm Đức dùng" in response.content.decode()
        world.target.refresh_from_db()
        assert world.target.name == "Đảng ủy xã Cẩm Đức" and world.target.version == 1

    def test_an_organisation_may_not_be_its_own_parent(self, world, client_for):
        html = client_for(world.admin).get(edit_url(world.target)).content.decode()
        parent_select = html[html.index('name="parent"') : html.index("</select>", html.index('name="parent"'))]
        assert f'value="{world.target.pk}"' not in parent_select


def test_unit_choices_group_communes_under_their_province(world, client_for):
    html = client_for(world.admin).get(CREATE).content.decode()
    group = html.index(f'<optgroup label="Thuộc {world.province_a.name}">')
    assert html.index(world.commune_c.name, group) > group
