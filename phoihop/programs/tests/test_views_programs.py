"""The programme pages: list, create, edit (amendments), the programme page with its
signatures and transitions. Personas: the lead's officer edits; the partner's focal
point and the province above read; an outsider gets 404."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.organisations.models import Level, Organization
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import (
    Program,
    ProgramParty,
    ProgramRevision,
    Signature,
)
from phoihop.programs.tests.factories import make_plan, make_program, make_task, program_rows

pytestmark = pytest.mark.django_db

LIST = reverse("programs:list")
CREATE = reverse("programs:create")


def url(name, obj):
    return reverse(f"programs:{name}", args=[obj.pk])


def listed_titles(response) -> list[str]:
    return [program.title for program in response.context["page"].object_list]


def program_count() -> int:
    return Program.objects.count()


@pytest.fixture
def draft(world):
    return make_program(world, status=Program.Status.DRAFT)


@pytest.fixture
def in_force(world):
    return make_program(world, title="Chương trình phối hợp đang thực hiện")


def create_data(world, **overrides) -> dict:
    """A valid create form: the target leads, the commune committee partners."""
    data = {
        "title": "Chương trình phối hợp tuyên truyền năm 2026–2030",
        "number_symbol": "01-CTr/ĐU-UBND",
        "kind": Program.Kind.OTHER,
        "start_year": "2026",
        "end_year": "2030",
        "purpose": "Nâng cao hiệu quả phối hợp.",
        "content_items": "Tuyên truyền chủ trương của Đảng\nCung cấp thông tin định kỳ\n",
        "legal_bases": "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)\n",
        "info_frequency": Program.Frequency.MONTHLY,
        "info_day": "25",
        "adhoc_hours": "24",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "2",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "30",
        "parties-0-organization": str(world.target.pk),
        "parties-0-role": "lead",
        "parties-0-responsibilities": "Chủ trì xây dựng kế hoạch",
        "parties-1-organization": str(world.commune_committee.pk),
        "parties-1-role": "partner",
        "parties-1-responsibilities": "Cung cấp thông tin",
        "parties-2-organization": "",
        "parties-2-role": "partner",
        "parties-3-organization": "",
        "parties-3-role": "partner",
    }
    data.update(overrides)
    return data


def edit_data(program, **overrides) -> dict:
    parties = list(program.parties.order_by("position"))
    data = {
        "title": program.title,
        "number_symbol": program.number_symbol,
        "kind": program.kind,
        "start_year": str(program.start_year),
        "end_year": str(program.end_year),
        "purpose": program.purpose,
        "content_items": "\n".join(item.text for item in program.content_items.all()),
        "legal_bases": "",
        "info_frequency": program.info_frequency,
        "info_day": "",
        "adhoc_hours": "",
        "version": str(program.version),
        "reason": "",
        "parties-TOTAL_FORMS": str(len(parties)),
        "parties-INITIAL_FORMS": str(len(parties)),
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "30",
    }
    for index, party in enumerate(parties):
        data[f"parties-{index}-organization"] = str(party.organization_id)
        data[f"parties-{index}-role"] = party.role
        data[f"parties-{index}-responsibilities"] = party.responsibilities
    data.update(overrides)
    return data


# --- list ----------------------------------------------------------------------------


class TestList:
    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).get(LIST)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_parties_upper_level_and_admin_see_the_programme(self, world, client_for, in_force, persona):
        response = client_for(getattr(world, persona)).get(LIST)
        assert response.status_code == 200
        assert response.context["nav_active"] == "programs"
        assert listed_titles(response) == [in_force.title]

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_see_an_empty_list(self, world, client_for, in_force, persona):
        response = client_for(getattr(world, persona)).get(LIST)
        assert response.status_code == 200
        assert listed_titles(response) == []
        assert in_force.title not in response.content.decode()

    def test_columns_show_number_parties_lead_first_period_and_status(self, world, client_for):
        program = make_program(world, number_symbol="05-CTr/ĐU-UBND")
        # The lead is stored second: the list still shows it first.
        ProgramParty.objects.filter(program=program, organization=world.target).update(position=9)
        html = client_for(world.officer).get(LIST).content.decode().split("<tbody>")[1]
        assert "05-CTr/ĐU-UBND" in html
        assert html.index(world.target.name) < html.index(world.commune_committee.name)
        assert "2026–2030" in html
        assert "Đang thực hiện" in html

    def test_search_ignores_diacritics(self, world, client_for, in_force):
        make_program(world, title="Chương trình về an toàn giao thông", status=Program.Status.DRAFT)
        response = client_for(world.officer).get(LIST, {"q": "dang thuc hien"})
        assert listed_titles(response) == [in_force.title]

    def test_filters_status_year_kind_party_level_area(self, world, client_for, in_force):
        other_org = OrganizationFactory(
            name="Hội Nông dân xã Cẩm Đức", level=Level.COMMUNE, administrative_unit=world.commune_c
        )
        draft = make_program(
            world, title="Chương trình dự thảo", status=Program.Status.DRAFT, partner=other_org, start_year=2027
        )
        client = client_for(world.admin)
        assert listed_titles(client.get(LIST, {"status": "draft"})) == [draft.title]
        assert listed_titles(client.get(LIST, {"year": "2026"})) == [in_force.title]
        assert listed_titles(client.get(LIST, {"party": other_org.pk})) == [draft.title]
        assert listed_titles(client.get(LIST, {"kind": Program.Kind.SAME_LEVEL_238})) == []
        assert len(listed_titles(client.get(LIST, {"level": Level.COMMUNE}))) == 2
        assert listed_titles(client.get(LIST, {"level": Level.PROVINCE})) == []
        assert len(listed_titles(client.get(LIST, {"province": world.province_a.pk}))) == 2
        assert listed_titles(client.get(LIST, {"province": world.province_b.pk})) == []

    def test_htmx_request_gets_only_the_results(self, world, client_for, in_force):
        response = client_for(world.officer).get(LIST, {"q": "thuc hien"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert in_force.title in html
        assert "<html" not in html
        assert 'id="program-filters"' not in html

    def test_full_page_wires_the_filters_to_htmx(self, world, client_for):
        html = client_for(world.officer).get(LIST).content.decode()
        assert 'hx-target="#results"' in html and 'hx-push-url="true"' in html

    def test_add_button_for_editors_not_for_the_upper_viewer(self, world, client_for):
        assert CREATE in client_for(world.officer).get(LIST).content.decode()
        assert CREATE not in client_for(world.upper).get(LIST).content.decode()

    def test_the_navigation_links_to_the_list(self, world, client_for):
        html = client_for(world.officer).get(reverse("accounts:my_work")).content.decode()
        assert f'href="{LIST}"' in html


class TestListQueryCount:
    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries, persona):
        client = client_for(getattr(world, persona))
        program_rows(world.target, world.commune_committee, count=3)
        with django_assert_max_num_queries(10):
            assert client.get(LIST).status_code == 200
        program_rows(world.target, world.commune_committee, count=30)
        with django_assert_max_num_queries(10):
            response = client.get(LIST)
        assert len(listed_titles(response)) == 25


# --- create --------------------------------------------------------------------------


class TestCreate:
    @pytest.mark.parametrize("persona", ["officer", "partner", "admin"])
    def test_editors_get_the_form(self, world, client_for, persona):
        assert client_for(getattr(world, persona)).get(CREATE).status_code == 200

    def test_upper_viewer_gets_403(self, world, client_for):
        assert client_for(world.upper).get(CREATE).status_code == 403
        assert client_for(world.upper).post(CREATE, create_data(world)).status_code == 403
        assert program_count() == 0

    def test_anonymous_is_sent_to_login(self, world, client_for):
        response = client_for(None).post(CREATE, create_data(world))
        assert response.status_code == 302
        assert program_count() == 0

    def test_officer_creates_a_programme_with_parties_items_and_legal_bases(self, world, client_for):
        response = client_for(world.officer).post(CREATE, create_data(world))
        program = Program.objects.get()
        assert response.status_code == 302
        assert response.url == url("detail", program)
        assert program.status == Program.Status.DRAFT
        assert [(p.organization, p.role) for p in program.parties.order_by("position")] == [
            (world.target, "lead"),
            (world.commune_committee, "partner"),
        ]
        assert [item.text for item in program.content_items.all()] == [
            "Tuyên truyền chủ trương của Đảng",
            "Cung cấp thông tin định kỳ",
        ]
        assert program.legal_bases.get().number == "238"
        assert (program.info_day, program.adhoc_hours) == (25, 24)
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 1

    def test_fewer_than_two_parties_is_refused(self, world, client_for):
        data = create_data(world, **{"parties-1-organization": "", "parties-1-responsibilities": ""})
        response = client_for(world.officer).post(CREATE, data)
        assert response.status_code == 200
        assert "Chương trình phối hợp cần ít nhất hai bên tham gia." in response.content.decode()
        assert program_count() == 0

    def test_a_row_with_responsibilities_but_no_organisation_is_pointed_out(self, world, client_for):
        data = create_data(world, **{"parties-1-organization": ""})
        response = client_for(world.officer).post(CREATE, data)
        assert response.context["formset"].forms[1].errors["organization"] == ["Hãy chọn cơ quan cho dòng này."]
        assert program_count() == 0

    def test_end_year_before_start_is_refused_on_the_field(self, world, client_for):
        response = client_for(world.officer).post(CREATE, create_data(world, start_year="2026", end_year="2024"))
        assert response.context["form"].errors["end_year"] == ["Năm kết thúc không thể trước năm bắt đầu."]
        assert program_count() == 0

    def test_a_bad_legal_basis_line_is_named(self, world, client_for):
        data = create_data(world, legal_bases="Quyết định số 238-QĐ/TW, ngày 30/9/2020\nxin chào các bạn\n")
        response = client_for(world.officer).post(CREATE, data)
        errors = response.context["form"].errors["legal_bases"]
        assert any("xin chào các bạn" in error for error in errors)
        assert program_count() == 0

    def test_same_level_rule_needs_a_propaganda_department(self, world, client_for):
        response = client_for(world.officer).post(CREATE, create_data(world, kind=Program.Kind.SAME_LEVEL_238))
        assert "Quy chế 238-QĐ/TW" in response.content.decode()
        assert program_count() == 0

    def test_creator_must_edit_for_a_lead_party(self, world, client_for):
        """The partner's focal point may not create a programme led by somebody else."""
        response = client_for(world.partner).post(CREATE, create_data(world))
        assert response.status_code == 200
        assert "phải là bên chủ trì" in response.content.decode()
        assert program_count() == 0
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).exists()

    def test_an_organisation_the_user_cannot_see_is_not_offered(self, world, client_for):
        data = create_data(world, **{"parties-1-organization": str(world.province_dept_b.pk)})
        response = client_for(world.officer).post(CREATE, data)
        assert response.context["formset"].forms[1].errors["organization"]
        assert program_count() == 0


# --- programme page ------------------------------------------------------------------


class TestDetailAccess:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_may_see_it_gets_200(self, world, client_for, in_force, persona):
        response = client_for(getattr(world, persona)).get(url("detail", in_force))
        assert response.status_code == 200
        assert in_force.title in response.content.decode()

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_get_404(self, world, client_for, in_force, persona):
        assert client_for(getattr(world, persona)).get(url("detail", in_force)).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for, in_force):
        assert client_for(None).get(url("detail", in_force)).status_code == 302


class TestDetailContent:
    def test_shows_parties_items_legal_bases_regime_and_signatures(self, world, client_for):
        program = make_program(
            world,
            legal_bases=["Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021 của Ban Tuyên giáo Trung ương"],
            info_day=25,
            adhoc_hours=24,
        )
        html = client_for(world.partner).get(url("detail", program)).content.decode()
        assert "Một là</strong>, Tuyên truyền, phổ biến chủ trương của Đảng" in html
        assert "Hai là</strong>, Cung cấp thông tin định kỳ" in html
        assert "170-HD/BTGTW" in html
        assert "Chủ trì, xây dựng kế hoạch hằng năm" in html
        assert "trước ngày 25 của kỳ" in html and "trong 24 giờ" in html
        assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html and "15/01/2026" in html

    def test_bucket_counts_link_to_the_task_list(self, world, client_for, in_force):
        plan = make_plan(in_force)
        make_task(plan, lead=world.target, due_date=dt.date(2026, 1, 31))  # overdue on 21/11/2026
        response = client_for(world.officer).get(url("detail", in_force))
        buckets = {bucket.value: count for bucket, count in response.context["buckets"]}
        assert buckets == {"done_on_time": 0, "done_late": 0, "open_on_time": 0, "open_overdue": 1}
        assert f"?program={in_force.pk}&amp;bucket=open_overdue" in response.content.decode()

    def test_lead_officer_sees_only_the_transitions_allowed_now(self, world, client_for, in_force):
        html = client_for(world.officer).get(url("detail", in_force)).content.decode()
        assert 'data-transition="conclude"' in html and 'data-transition="terminate"' in html
        assert 'data-transition="sign"' not in html and 'data-transition="put_in_force"' not in html

    def test_draft_shows_sign_only(self, world, client_for, draft):
        html = client_for(world.officer).get(url("detail", draft)).content.decode()
        assert 'data-transition="sign"' in html
        assert 'data-transition="terminate"' not in html

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_readers_see_no_buttons_and_no_forms(self, world, client_for, draft, persona):
        html = client_for(getattr(world, persona)).get(url("detail", draft)).content.decode()
        assert "data-transition" not in html
        assert url("sign", draft) not in html
        assert url("edit", draft) not in html
        assert url("plan_create", draft) not in html

    # session, user, memberships, programme, parties, content items, (upper level: its
    # reading), plans with their task and bucket counts, legal bases, signatures,
    # attachments; revisions and history load when scrolled to (their own requests)
    @pytest.mark.parametrize(("persona", "bound"), [("officer", 10), ("partner", 10), ("upper", 11), ("admin", 10)])
    def test_query_count_does_not_grow_with_plans_tasks_and_revisions(
        self, world, client_for, django_assert_max_num_queries, persona, bound
    ):
        from phoihop.programs import services

        program = make_program(world)
        client = client_for(getattr(world, persona))

        def grow(year):
            plan = make_plan(program, year=year)
            for _index in range(3):
                make_task(plan, lead=world.target, partners=[world.commune_committee], due_date=dt.date(year, 6, 1))
            program.refresh_from_db()
            services.program_update(
                actor=world.admin,
                program=program,
                expected_version=program.version,
                reason="Bổ sung",
                purpose=str(year),
            )

        grow(2026)
        with django_assert_max_num_queries(bound):
            assert client.get(url("detail", program)).status_code == 200
        for year in (2027, 2028, 2029):
            grow(year)
        with django_assert_max_num_queries(bound):
            response = client.get(url("detail", program))
        assert len(response.context["plans"]) == 4
        assert sum(count for _bucket, count in response.context["buckets"]) == 12
        with django_assert_max_num_queries(bound - 1):
            revisions = client.get(url("revisions", program), HTTP_HX_REQUEST="true")
        assert len(revisions.context["revisions"]) == 4
        assert "<html" not in revisions.content.decode()
        with django_assert_max_num_queries(bound):
            history = client.get(url("history", program), HTTP_HX_REQUEST="true")
        assert "Bổ sung" in history.content.decode()

    @pytest.mark.parametrize("name", ["history", "revisions"])
    def test_history_and_revisions_follow_the_programme_permissions(self, world, client_for, name):
        program = make_program(world)
        for persona in ("officer", "partner", "upper", "admin"):
            assert client_for(getattr(world, persona)).get(url(name, program)).status_code == 200
        assert client_for(world.outsider).get(url(name, program)).status_code == 404
        assert client_for(None).get(url(name, program)).status_code == 302

    def test_without_javascript_the_history_is_a_page_of_its_own(self, world, client_for):
        program = make_program(world)
        html = client_for(world.officer).get(url("history", program)).content.decode()
        assert "<html" in html and "Lịch sử thay đổi" in html and program.title in html


# --- signatures and transitions ------------------------------------------------------


def signature_data(org, **overrides):
    data = {
        "sig-organization": str(org.pk),
        "sig-signer_name": "Nguyễn Văn An",
        "sig-signer_position": "Bí thư Đảng ủy",
        "sig-signed_on": "15/01/2026",
        "sig-place": "Xã Cẩm Đức",
    }
    data.update(overrides)
    return data


class TestSignatures:
    def test_officer_records_a_signature(self, world, client_for, draft):
        response = client_for(world.officer).post(url("sign", draft), signature_data(world.target))
        assert response.status_code == 302
        signature = Signature.objects.get(program=draft)
        assert (signature.organization, signature.signed_on) == (world.target, dt.date(2026, 1, 15))

    def test_the_form_offers_only_parties_that_have_not_signed(self, world, client_for, draft):
        client = client_for(world.officer)
        client.post(url("sign", draft), signature_data(world.target))
        form = client.get(url("detail", draft)).context["signature_form"]
        assert [pk for pk, _name in form.fields["organization"].choices if pk] == [world.commune_committee.pk]

    def test_a_non_party_cannot_sign(self, world, client_for, draft):
        response = client_for(world.officer).post(url("sign", draft), signature_data(world.province_dept_a))
        assert response.status_code == 200
        assert "Chỉ một bên tham gia chưa ký mới ký được." in response.content.decode()
        assert not Signature.objects.exists()

    def test_a_future_date_is_refused_with_the_service_message(self, world, client_for, draft):
        response = client_for(world.officer).post(
            url("sign", draft), signature_data(world.target, **{"sig-signed_on": "01/01/2030"})
        )
        assert response.context["signature_form"].errors["signed_on"] == ["Ngày ký không thể ở tương lai."]
        assert not Signature.objects.exists()

    def test_a_bad_date_format_gets_the_dd_mm_yyyy_hint(self, world, client_for, draft):
        response = client_for(world.officer).post(
            url("sign", draft), signature_data(world.target, **{"sig-signed_on": "2026/15/01"})
        )
        assert "dd/mm/yyyy" in response.context["signature_form"].errors["signed_on"][0]
        assert not Signature.objects.exists()

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_sign(self, world, client_for, draft, persona, status):
        response = client_for(getattr(world, persona)).post(url("sign", draft), signature_data(world.commune_committee))
        assert response.status_code == status
        assert not Signature.objects.exists()


class TestTransitions:
    def test_sign_with_both_signatures_then_put_in_force(self, world, client_for, draft):
        client = client_for(world.officer)
        client.post(url("sign", draft), signature_data(world.target))
        client.post(url("sign", draft), signature_data(world.commune_committee, **{"sig-signer_name": "Trần Bình"}))
        response = client.post(url("transition", draft), {"action": "sign", "version": draft.version})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Program.Status.SIGNED
        client.post(url("transition", draft), {"action": "put_in_force", "version": draft.version})
        draft.refresh_from_db()
        assert draft.status == Program.Status.IN_FORCE

    def test_signing_without_every_signature_is_refused(self, world, client_for, draft):
        response = client_for(world.officer).post(
            url("transition", draft), {"action": "sign", "version": draft.version}
        )
        assert response.status_code == 200
        assert "Chưa đủ chữ ký" in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == Program.Status.DRAFT

    def test_a_transition_not_allowed_now_is_refused(self, world, client_for, draft):
        response = client_for(world.officer).post(
            url("transition", draft), {"action": "conclude", "version": draft.version, "reason": "x"}
        )
        assert "Không thể “Kết thúc sau tổng kết” khi đang ở trạng thái “Dự thảo”." in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == Program.Status.DRAFT

    def test_terminate_needs_a_reason(self, world, client_for, in_force):
        response = client_for(world.officer).post(
            url("transition", in_force), {"action": "terminate", "version": in_force.version, "reason": ""}
        )
        assert "Hãy nêu lý do." in response.content.decode()
        in_force.refresh_from_db()
        assert in_force.status == Program.Status.IN_FORCE

    def test_a_stale_version_is_refused(self, world, client_for, in_force):
        response = client_for(world.officer).post(
            url("transition", in_force), {"action": "terminate", "version": in_force.version - 1, "reason": "Giải thể"}
        )
        assert "đã được người khác sửa" in response.content.decode()
        in_force.refresh_from_db()
        assert in_force.status == Program.Status.IN_FORCE

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404), ("nobody", 404)])
    def test_others_cannot_change_the_status(self, world, client_for, in_force, persona, status):
        response = client_for(getattr(world, persona)).post(
            url("transition", in_force), {"action": "terminate", "version": in_force.version, "reason": "x"}
        )
        assert response.status_code == status
        in_force.refresh_from_db()
        assert in_force.status == Program.Status.IN_FORCE

    def test_get_is_not_allowed(self, world, client_for, in_force):
        assert client_for(world.officer).get(url("transition", in_force)).status_code == 405


# --- edit ----------------------------------------------------------------------------


class TestEdit:
    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404), ("nobody", 404)])
    def test_only_the_lead_edits(self, world, client_for, draft, persona, status):
        client = client_for(getattr(world, persona))
        assert client.get(url("edit", draft)).status_code == status
        assert client.post(url("edit", draft), edit_data(draft, title="Đổi tên")).status_code == status
        draft.refresh_from_db()
        assert draft.title != "Đổi tên"

    def test_the_form_is_filled_with_the_programme(self, world, client_for, draft):
        response = client_for(world.officer).get(url("edit", draft))
        assert response.context["form"].initial["title"] == draft.title
        assert "Tuyên truyền, phổ biến chủ trương của Đảng" in response.context["form"].initial["content_items"]
        assert len(response.context["formset"].forms) == 4  # two parties and two blank rows

    def test_draft_is_edited_without_a_reason_and_no_revision(self, world, client_for, draft):
        response = client_for(world.officer).post(url("edit", draft), edit_data(draft, title="Tên mới"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.title == "Tên mới"
        assert not ProgramRevision.objects.exists()

    def test_signed_programme_needs_a_reason(self, world, client_for, in_force):
        response = client_for(world.officer).post(url("edit", in_force), edit_data(in_force, title="Tên mới"))
        assert response.context["form"].errors["reason"] == ["Chương trình đã ký kết: hãy nêu lý do sửa đổi, bổ sung."]
        in_force.refresh_from_db()
        assert in_force.title != "Tên mới"

    def test_amendment_keeps_the_earlier_version_readable(self, world, client_for, in_force):
        old_title = in_force.title
        client = client_for(world.officer)
        response = client.post(
            url("edit", in_force),
            edit_data(in_force, title="Tên mới", content_items="Nội dung mới", reason="Theo Kết luận sơ kết"),
        )
        assert response.status_code == 302
        revision = ProgramRevision.objects.get()
        assert revision.snapshot["title"] == old_title
        html = client.get(url("revisions", in_force)).content.decode()
        assert "Theo Kết luận sơ kết" in html
        assert old_title in html
        assert "Một là</strong>, Tuyên truyền, phổ biến chủ trương của Đảng" in html  # the earlier item

    def test_a_stale_version_is_refused_and_nothing_written(self, world, client_for, draft):
        stale = edit_data(draft, title="Của người thứ hai")
        client_for(world.officer).post(url("edit", draft), edit_data(draft, title="Của người thứ nhất"))
        response = client_for(world.officer).post(url("edit", draft), stale)
        assert "đã được người khác sửa" in response.content.decode()
        draft.refresh_from_db()
        assert draft.title == "Của người thứ nhất"

    def test_removing_a_party_below_two_is_refused(self, world, client_for, draft):
        data = edit_data(draft, **{"parties-1-organization": "", "parties-1-responsibilities": ""})
        response = client_for(world.officer).post(url("edit", draft), data)
        assert "Chương trình phối hợp cần ít nhất hai bên tham gia." in response.content.decode()
        assert draft.parties.count() == 2

    def test_end_year_before_start_is_refused(self, world, client_for, draft):
        response = client_for(world.officer).post(url("edit", draft), edit_data(draft, end_year="2020"))
        assert response.context["form"].errors["end_year"] == ["Năm kết thúc không thể trước năm bắt đầu."]
        draft.refresh_from_db()
        assert draft.end_year == 2030

    def test_a_historical_party_stays_selectable(self, world, client_for, draft):
        Organization.objects.filter(pk=world.commune_committee.pk).update(valid_to=dt.date(2026, 6, 30))
        response = client_for(world.officer).get(url("edit", draft))
        choices = dict(response.context["formset"].forms[1].fields["organization"].choices)
        assert world.commune_committee.pk in choices
