"""/api/v1/programs/: who may list, open, create, change, sign and move programmes through
their lifecycle, what bad input gets (Vietnamese field messages, nothing written), stale
versions (409), and that the list does not grow in queries with rows."""

import datetime as dt

import pytest

from phoihop.audit.models import AuditEntry
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import services
from phoihop.programs.models import PartyRole, Program, ProgramParty, ProgramRevision, Signature
from phoihop.programs.tests.test_api_common import (
    API,
    CITATION_238,
    FORBIDDEN,
    NOT_FOUND,
    NOT_SEEING,
    SEEING,
    STALE,
    bearer,
    build_programme,
    client_of,
    errors,
    make_programme,
    make_task,
    patch_json,
    post_json,
    today,
)

LIST = f"{API}/programs/"


@pytest.fixture
def prog(world):
    return build_programme(world)


def detail_url(program) -> str:
    return f"{LIST}{program.pk}"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def sign_all(world, program):
    for org, name in ((world.target, "Nguyễn Văn A"), (world.commune_committee, "Trần Thị B")):
        services.program_sign(
            actor=world.admin,
            program=program,
            organization=org,
            signer_name=name,
            signer_position="Bí thư" if org == world.target else "Chủ tịch",
            signed_on=today() - dt.timedelta(days=3),
            place="Xã Cẩm Đức",
        )


def new_programme_body(world, **overrides):
    year = today().year
    body = {
        "title": "Chương trình phối hợp công tác dân vận",
        "number_symbol": "07-CTr/ĐU-UBND",
        "kind": "other",
        "start_year": year,
        "end_year": year + 4,
        "purpose": "Nâng cao hiệu quả công tác dân vận.",
        "info_day": 25,
        "adhoc_hours": 24,
        "parties": [
            {"organization": world.target.pk, "role": "lead", "responsibilities": "Chủ trì."},
            {"organization": world.commune_committee.pk, "role": "partner", "responsibilities": "Phối hợp."},
        ],
        "content_items": ["Một nội dung", "Hai nội dung", "Ba nội dung"],
        "legal_bases": [CITATION_238, "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021"],
    }
    return {**body, **overrides}


def counts():
    return Program.objects.count(), ProgramParty.objects.count(), AuditEntry.objects.count()


# --- list ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_parties_upper_level_and_admin_find_it(self, world, prog, persona):
        assert titles(client_of(world, persona).get(LIST)) == [prog.program.title]

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_and_nobody_do_not_see_it(self, world, prog, persona):
        assert client_of(world, persona).get(LIST).json() == {"items": [], "count": 0, "page": 1, "pages": 1}

    def test_item_has_parties_with_roles_status_and_version(self, world, prog):
        item = client_of(world, "partner").get(LIST).json()["items"][0]
        assert item["status"] == "draft"
        assert item["status_label"] == "Dự thảo"
        assert item["kind"] == "other"
        assert item["period"] == f"{today().year - 1}–{today().year + 1}"
        assert item["version"] == 1
        assert [(p["organization"]["name"], p["role"], p["role_label"]) for p in item["parties"]] == [
            ("Đảng ủy xã Cẩm Đức", "lead", "Chủ trì"),
            ("Ủy ban nhân dân xã Cẩm Đức", "partner", "Phối hợp"),
        ]

    def test_filters_are_the_selector_filters(self, world, prog):
        other = make_programme(
            world,
            title="Quy chế phối hợp giữa hai ban tỉnh",
            start_year=2020,
            end_year=2022,
            parties=[
                services.PartyInput(world.province_dept_a, PartyRole.LEAD),
                services.PartyInput(world.province_dept_b, PartyRole.PARTNER),
            ],
            legal_bases=[],
        )
        client = bearer(world.admin)
        assert titles(client.get(LIST, {"party": world.commune_committee.pk})) == [prog.program.title]
        assert titles(client.get(LIST, {"level": "province"})) == [other.title]
        assert titles(client.get(LIST, {"province": world.province_b.pk})) == [other.title]
        assert titles(client.get(LIST, {"province": world.province_a.pk})) == [prog.program.title, other.title]
        assert titles(client.get(LIST, {"year": 2021})) == [other.title]
        assert titles(client.get(LIST, {"status": "draft", "kind": "other"})) == [prog.program.title, other.title]
        assert titles(client.get(LIST, {"status": "in_force"})) == []
        assert titles(client.get(LIST, {"q": "quy che phoi hop"})) == [other.title]
        assert titles(client.get(LIST, {"q": "VAN DONG nhan dan"})) == [prog.program.title]

    def test_blank_filters_are_ignored(self, world, prog):
        response = bearer(world.admin).get(LIST, {"status": "", "kind": "", "q": "", "year": ""})
        assert response.json()["count"] == 1

    def test_bad_filters_are_422_in_vietnamese(self, world, prog):
        response = bearer(world.admin).get(LIST, {"status": "done", "year": "năm nay"})
        found = errors(response)
        assert found["status"][0].startswith("Giá trị không hợp lệ. Chọn một trong:")
        assert found["year"] == ["Cần một số nguyên."]

    @pytest.mark.parametrize("persona", ["officer", "upper", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, persona, django_assert_max_num_queries):
        client = client_of(world, persona)
        client.get(LIST)  # the token's last_used_at is written on first use
        for size in (3, 30):
            while Program.objects.count() < size:
                make_programme(world, title=f"Chương trình {Program.objects.count()}", legal_bases=[])
            # token, memberships, lineage edges (2), count, page, parties
            with django_assert_max_num_queries(7):
                response = client.get(LIST, {"page_size": 100})
            assert response.json()["count"] == size


# --- detail --------------------------------------------------------------------------


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(detail_url(prog.program)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = client_of(world, persona).get(detail_url(prog.program))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    def test_missing_id_is_404(self, world):
        assert bearer(world.admin).get(f"{LIST}999999").status_code == 404

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_it_read_everything_its_page_shows(self, world, prog, persona):
        sign_all(world, prog.program)
        response = client_of(world, persona).get(detail_url(prog.program))
        assert response.status_code == 200
        body = response.json()
        assert body["title"] == prog.program.title
        assert [(p["organization"]["id"], p["role"], p["responsibilities"]) for p in body["parties"]] == [
            (world.target.pk, "lead", "Chủ trì xây dựng kế hoạch, tổng hợp kết quả."),
            (world.commune_committee.pk, "partner", "Cung cấp thông tin hằng tháng."),
        ]
        assert [(c["number"], c["ordinal"]) for c in body["content_items"]] == [(1, "Một là"), (2, "Hai là")]
        [basis] = body["legal_bases"]
        assert basis["citation"] == CITATION_238
        assert (basis["doc_type"], basis["number"], basis["type_code"], basis["issuer_code"]) == (
            "Quyết định",
            "238",
            "QĐ",
            "TW",
        )
        assert (basis["issued_on"], basis["issuing_body"], basis["term"]) == ("2020-09-30", "Ban Bí thư", "khóa XII")
        assert [(s["organization"]["name"], s["signer_name"], s["signer_position"]) for s in body["signatures"]] == [
            ("Đảng ủy xã Cẩm Đức", "Nguyễn Văn A", "Bí thư"),
            ("Ủy ban nhân dân xã Cẩm Đức", "Trần Thị B", "Chủ tịch"),
        ]
        assert [(p["id"], p["year"], p["task_count"], p["status"]) for p in body["plans"]] == [
            (prog.plan.pk, today().year, 1, "draft")
        ]
        assert {b["bucket"]: b["count"] for b in body["buckets"]} == {
            "done_on_time": 0,
            "done_late": 0,
            "open_on_time": 1,
            "open_overdue": 0,
        }
        assert body["revisions"] == []
        assert [a["action"] for a in body["allowed_actions"]] == ["sign"]
        assert (body["info_frequency"], body["info_frequency_label"]) == ("monthly", "Hằng tháng")

    @pytest.mark.parametrize(("persona", "bound"), [("officer", 9), ("upper", 10), ("admin", 9)])
    def test_query_count_does_not_grow_with_plans_tasks_signatures_and_revisions(
        self, world, prog, persona, bound, django_assert_max_num_queries
    ):
        # token, memberships, programme, parties, content items, (upper level: its reading),
        # plans with their task and bucket counts, legal bases, signatures, revisions
        client = client_of(world, persona)
        client.get(LIST)  # the token's last_used_at is written on first use
        with django_assert_max_num_queries(bound):
            assert client.get(detail_url(prog.program)).status_code == 200
        sign_all(world, prog.program)
        program = services.program_transition(
            actor=world.admin, program=prog.program, action="sign", expected_version=prog.program.version
        )
        for year in (today().year - 1, today().year + 1):
            plan = services.plan_create(actor=world.admin, program=program, year=year, title=f"Kế hoạch năm {year}")
            for index in range(3):
                make_task(world, plan, title=f"Nhiệm vụ {year}-{index}", due_date=dt.date(year, 6, 1))
            program.refresh_from_db()
            services.program_update(
                actor=world.admin,
                program=program,
                expected_version=program.version,
                reason="Bổ sung",
                purpose=str(year),
            )
        with django_assert_max_num_queries(bound):
            response = client.get(detail_url(program))
        body = response.json()
        assert (len(body["plans"]), len(body["signatures"]), len(body["revisions"])) == (3, 2, 2)
        assert sum(bucket["count"] for bucket in body["buckets"]) == 7


# --- create --------------------------------------------------------------------------


@pytest.mark.django_db
class TestCreate:
    def test_anonymous_gets_401(self, client, world):
        assert post_json(client, LIST, new_programme_body(world)).status_code == 401

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_an_editor_of_a_lead_party_creates_a_draft(self, world, persona):
        response = post_json(client_of(world, persona), LIST, new_programme_body(world))
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["status"], body["version"], body["start_year"], body["info_day"]) == ("draft", 1, today().year, 25)
        assert [c["text"] for c in body["content_items"]] == ["Một nội dung", "Hai nội dung", "Ba nội dung"]
        assert [b["citation"] for b in body["legal_bases"]] == [
            CITATION_238,
            "Hướng dẫn số 170-HD/BTGTW, ngày 26/01/2021",
        ]
        program = Program.objects.get(pk=body["id"])
        assert list(program.parties.values_list("organization_id", "role")) == [
            (world.target.pk, "lead"),
            (world.commune_committee.pk, "partner"),
        ]
        assert AuditEntry.objects.for_object(program).get().actor == getattr(world, persona)

    @pytest.mark.parametrize("persona", ["upper", "nobody"])
    def test_those_who_edit_for_no_organisation_get_403(self, world, persona):
        client = client_of(world, persona)
        before = counts()
        response = post_json(client, LIST, new_programme_body(world))
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert counts() == before

    def test_partner_may_not_bind_a_lead_it_does_not_edit_for(self, world):
        client = client_of(world, "partner")
        before = counts()
        response = post_json(client, LIST, new_programme_body(world))
        assert response.status_code == 403
        assert counts() == before

    def test_partner_may_create_one_it_leads_itself(self, world):
        parties = [
            {"organization": world.commune_committee.pk, "role": "lead"},
            {"organization": world.target.pk, "role": "partner"},
        ]
        response = post_json(client_of(world, "partner"), LIST, new_programme_body(world, parties=parties))
        assert response.status_code == 201, response.content

    def test_outsider_cannot_name_organisations_it_does_not_see(self, world):
        parties = [
            {"organization": world.province_dept_b.pk, "role": "lead"},
            {"organization": world.target.pk, "role": "partner"},
        ]
        client = client_of(world, "outsider")
        before = counts()
        response = post_json(client, LIST, new_programme_body(world, parties=parties))
        assert errors(response) == {"parties": [f"Không tìm thấy cơ quan có mã: {world.target.pk}."]}
        assert counts() == before

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"parties": [{"organization": 0, "role": "lead"}]},
                "parties",
                "Không tìm thấy cơ quan có mã: 0.",
            ),
            ({"end_year": 2020, "start_year": 2024}, "end_year", "Năm kết thúc không thể trước năm bắt đầu."),
            ({"title": "  "}, "title", "Hãy nhập tên chương trình."),
            ({"info_day": 32}, "info_day", "Ngày cung cấp thông tin phải từ 1 đến 31."),
            ({"start_year": 1800}, "start_year", "Giá trị phải lớn hơn hoặc bằng 1945."),
            ({"kind": "khác"}, "kind", None),
            ({"colour": "đỏ"}, "colour", "Trường này không được phép."),
            ({"parties": [{"organization": 1, "role": "chủ trì"}]}, "parties.0.role", None),
        ],
    )
    def test_bad_body_is_422_with_field_messages_and_writes_nothing(self, world, overrides, field, message):
        client = client_of(world, "officer")
        before = counts()
        found = errors(post_json(client, LIST, new_programme_body(world, **overrides)))
        assert field in found, found
        if message:
            assert found[field] == [message]
        else:
            assert found[field][0].startswith("Giá trị không hợp lệ.")
        assert counts() == before

    def test_fewer_than_two_parties_is_refused(self, world):
        client = client_of(world, "officer")
        before = counts()
        body = new_programme_body(world, parties=[{"organization": world.target.pk, "role": "lead"}])
        found = errors(post_json(client, LIST, body))
        assert found == {"parties": ["Chương trình phối hợp cần ít nhất hai bên tham gia."]}
        assert counts() == before

    def test_a_programme_without_a_lead_is_refused(self, world):
        parties = [{"organization": org.pk, "role": "partner"} for org in (world.target, world.commune_committee)]
        found = errors(post_json(client_of(world, "officer"), LIST, new_programme_body(world, parties=parties)))
        assert found == {"parties": ["Hãy chọn ít nhất một bên chủ trì."]}

    def test_same_level_rule_of_238_is_enforced(self, world):
        propaganda = OrganizationFactory(
            name="Ban Tuyên giáo xã Cẩm Đức",
            kind="propaganda",
            level=Level.COMMUNE,
            administrative_unit=world.commune_c,
        )
        parties = [
            {"organization": propaganda.pk, "role": "lead"},
            {"organization": world.province_dept_a.pk, "role": "partner"},
        ]
        body = new_programme_body(world, kind="same_level_238", parties=parties)
        found = errors(post_json(bearer(world.admin), LIST, body))
        assert "Quy chế 238-QĐ/TW chỉ áp dụng giữa các cơ quan cùng cấp" in found["parties"][0]

    def test_unparseable_legal_basis_is_a_field_message(self, world):
        client = client_of(world, "officer")
        before = counts()
        body = new_programme_body(world, legal_bases=["xin chào các bạn"])
        found = errors(post_json(client, LIST, body))
        assert found["legal_bases"][0].startswith("“xin chào các bạn”: Không nhận ra loại văn bản")
        assert counts() == before

    def test_missing_fields_are_named(self, world):
        found = errors(post_json(client_of(world, "officer"), LIST, {}))
        assert found == {
            "title": ["Trường này là bắt buộc."],
            "start_year": ["Trường này là bắt buộc."],
            "end_year": ["Trường này là bắt buộc."],
            "parties": ["Trường này là bắt buộc."],
        }


# --- update --------------------------------------------------------------------------


@pytest.mark.django_db
class TestUpdate:
    def test_anonymous_gets_401(self, client, prog):
        assert patch_json(client, detail_url(prog.program), {"version": 1, "title": "Mới"}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.program), {"version": 1, "title": "Mới"})
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        prog.program.refresh_from_db()
        assert (prog.program.title, prog.program.version) == (
            "Chương trình phối hợp tuyên truyền, vận động nhân dân",
            1,
        )

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.program), {"version": 1, "title": "Mới"})
        assert response.status_code == 404

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_lead_editor_changes_only_the_fields_sent(self, world, prog, persona):
        body = {"version": 1, "title": "Chương trình mới", "content_items": ["Nội dung duy nhất"], "end_year": 2030}
        response = patch_json(client_of(world, persona), detail_url(prog.program), body)
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["title"], data["end_year"], data["version"]) == ("Chương trình mới", 2030, 2)
        assert [c["text"] for c in data["content_items"]] == ["Nội dung duy nhất"]
        assert data["number_symbol"] == "05-CTr/ĐU-UBND"
        assert len(data["legal_bases"]) == 1
        assert data["revisions"] == []  # a draft is edited, not amended

    def test_stale_version_is_409_and_changes_nothing(self, world, prog):
        client = client_of(world, "officer")
        assert patch_json(client, detail_url(prog.program), {"version": 1, "title": "Lần một"}).status_code == 200
        response = patch_json(client, detail_url(prog.program), {"version": 1, "title": "Lần hai"})
        assert response.status_code == 409
        assert response.json()["detail"].startswith(STALE)
        prog.program.refresh_from_db()
        assert (prog.program.title, prog.program.version) == ("Lần một", 2)

    def test_version_is_required(self, world, prog):
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.program), {"title": "Mới"}))
        assert found == {"version": ["Trường này là bắt buộc."]}

    def test_title_cannot_be_set_to_null(self, world, prog):
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.program), {"version": 1, "title": None}))
        assert "title" in found

    def test_end_year_before_start_is_refused_and_writes_nothing(self, world, prog):
        body = {"version": 1, "end_year": today().year - 3}
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.program), body))
        assert found == {"end_year": ["Năm kết thúc không thể trước năm bắt đầu."]}
        prog.program.refresh_from_db()
        assert prog.program.version == 1

    def test_once_signed_an_amendment_needs_a_reason_and_keeps_the_earlier_text(self, world, prog):
        sign_all(world, prog.program)
        services.program_transition(actor=world.admin, program=prog.program, action="sign", expected_version=1)
        client = client_of(world, "officer")
        found = errors(patch_json(client, detail_url(prog.program), {"version": 2, "title": "Sửa đổi"}))
        assert found == {"reason": ["Chương trình đã ký kết: hãy nêu lý do sửa đổi, bổ sung."]}
        assert not ProgramRevision.objects.exists()
        response = patch_json(
            client, detail_url(prog.program), {"version": 2, "title": "Sửa đổi", "reason": "Bổ sung nội dung"}
        )
        assert response.status_code == 200, response.content
        [revision] = response.json()["revisions"]
        assert (revision["number"], revision["reason"]) == (1, "Bổ sung nội dung")
        assert revision["snapshot"]["title"] == "Chương trình phối hợp tuyên truyền, vận động nhân dân"
        assert revision["created_by_name"] == world.officer.get_full_name()

    def test_officer_may_not_hand_the_lead_to_a_party_it_does_not_edit_for(self, world, prog):
        parties = [
            {"organization": world.target.pk, "role": "partner"},
            {"organization": world.commune_committee.pk, "role": "lead"},
        ]
        response = patch_json(client_of(world, "officer"), detail_url(prog.program), {"version": 1, "parties": parties})
        assert response.status_code == 403
        assert list(prog.program.parties.values_list("organization_id", "role")) == [
            (world.target.pk, "lead"),
            (world.commune_committee.pk, "partner"),
        ]

    def test_parties_can_be_replaced(self, world, prog):
        responsibilities = "Chủ trì, đôn đốc."
        parties = [
            {"organization": world.target.pk, "role": "lead", "responsibilities": responsibilities},
            {"organization": world.commune_committee.pk, "role": "lead"},
        ]
        response = patch_json(client_of(world, "officer"), detail_url(prog.program), {"version": 1, "parties": parties})
        assert response.status_code == 200, response.content
        assert [(p["role"], p["responsibilities"]) for p in response.json()["parties"]] == [
            ("lead", responsibilities),
            ("lead", ""),
        ]


# --- signatures ----------------------------------------------------------------------


@pytest.mark.django_db
class TestSignatures:
    def url(self, prog):
        return f"{detail_url(prog.program)}/signatures"

    def body(self, org, **overrides):
        values = {
            "organization": org.pk,
            "signer_name": "Nguyễn Văn A",
            "signer_position": "Bí thư Đảng ủy",
            "signed_on": (today() - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
            "place": "Xã Cẩm Đức",
        }
        return {**values, **overrides}

    def test_anonymous_gets_401(self, client, world, prog):
        assert post_json(client, self.url(prog), self.body(world.target)).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog), self.body(world.commune_committee))
        assert response.status_code == 403
        assert not Signature.objects.exists()

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        assert post_json(client_of(world, persona), self.url(prog), self.body(world.target)).status_code == 404

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_lead_editor_records_a_partys_signature(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog), self.body(world.commune_committee))
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["organization"]["name"] == "Ủy ban nhân dân xã Cẩm Đức"
        assert body["signed_on"] == (today() - dt.timedelta(days=1)).isoformat()
        assert Signature.objects.get().program == prog.program

    def test_a_signature_from_a_non_party_is_refused(self, world, prog):
        response = post_json(client_of(world, "officer"), self.url(prog), self.body(world.province_dept_a))
        assert errors(response) == {"organization": ["Chỉ một bên tham gia mới ký được."]}
        assert not Signature.objects.exists()

    def test_bad_fields_are_named(self, world, prog):
        future = (today() + dt.timedelta(days=2)).strftime("%d/%m/%Y")
        body = self.body(world.target, signer_name=" ", signed_on=future)
        found = errors(post_json(client_of(world, "officer"), self.url(prog), body))
        assert found == {"signer_name": ["Hãy nhập họ tên người ký."], "signed_on": ["Ngày ký không thể ở tương lai."]}
        found = errors(post_json(client_of(world, "officer"), self.url(prog), self.body(world.target, signed_on="x")))
        assert found == {"signed_on": ["Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."]}
        assert not Signature.objects.exists()

    def test_a_party_signs_once(self, world, prog):
        client = client_of(world, "officer")
        assert post_json(client, self.url(prog), self.body(world.target)).status_code == 201
        found = errors(post_json(client, self.url(prog), self.body(world.target)))
        assert found == {"organization": ["Đảng ủy xã Cẩm Đức đã ký chương trình này."]}


# --- transitions ---------------------------------------------------------------------


@pytest.mark.django_db
class TestTransitions:
    def url(self, prog):
        return f"{detail_url(prog.program)}/transitions"

    def test_anonymous_gets_401(self, client, prog):
        assert post_json(client, self.url(prog), {"action": "sign", "version": 1}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        sign_all(world, prog.program)
        response = post_json(client_of(world, persona), self.url(prog), {"action": "sign", "version": 1})
        assert response.status_code == 403
        prog.program.refresh_from_db()
        assert prog.program.status == "draft"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog), {"action": "sign", "version": 1})
        assert response.status_code == 404

    def test_signing_needs_every_partys_signature(self, world, prog):
        found = errors(post_json(client_of(world, "officer"), self.url(prog), {"action": "sign", "version": 1}))
        assert found == {"action": ["Chưa đủ chữ ký. Còn thiếu: Đảng ủy xã Cẩm Đức, Ủy ban nhân dân xã Cẩm Đức."]}
        prog.program.refresh_from_db()
        assert (prog.program.status, prog.program.version) == ("draft", 1)

    def test_lifecycle_through_the_api(self, world, prog):
        sign_all(world, prog.program)
        client = client_of(world, "officer")
        response = post_json(client, self.url(prog), {"action": "sign", "version": 1})
        assert response.status_code == 200, response.content
        assert (response.json()["status"], response.json()["version"]) == ("signed", 2)
        assert [a["action"] for a in response.json()["allowed_actions"]] == ["put_in_force", "terminate"]
        body = post_json(client, self.url(prog), {"action": "put_in_force", "version": 2}).json()
        assert body["status"] == "in_force"
        found = errors(post_json(client, self.url(prog), {"action": "conclude", "version": 3}))
        assert found == {"reason": ["Hãy nêu lý do."]}
        body = post_json(client, self.url(prog), {"action": "conclude", "version": 3, "reason": "Đã tổng kết"}).json()
        assert (body["status"], body["status_reason"], body["allowed_actions"]) == ("concluded", "Đã tổng kết", [])

    def test_a_transition_not_allowed_now_is_refused(self, world, prog):
        found = errors(post_json(client_of(world, "officer"), self.url(prog), {"action": "put_in_force", "version": 1}))
        assert found == {"action": ["Không thể “Đưa vào thực hiện” khi đang ở trạng thái “Dự thảo”."]}
        prog.program.refresh_from_db()
        assert prog.program.status == "draft"

    def test_unknown_action_is_422(self, world, prog):
        found = errors(post_json(client_of(world, "officer"), self.url(prog), {"action": "burn", "version": 1}))
        assert found["action"][0].startswith("Giá trị không hợp lệ. Chọn một trong:")

    def test_stale_version_is_409(self, world, prog):
        sign_all(world, prog.program)
        response = post_json(client_of(world, "officer"), self.url(prog), {"action": "sign", "version": 7})
        assert response.status_code == 409
        assert response.json()["detail"].startswith(STALE)
        prog.program.refresh_from_db()
        assert prog.program.status == "draft"


# --- OpenAPI -------------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_lists_the_programme_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths[f"{API}/programs/"])
    assert {"get", "patch"} <= set(paths[f"{API}/programs/{{program_id}}"])
    assert "post" in paths[f"{API}/programs/{{program_id}}/signatures"]
    assert "post" in paths[f"{API}/programs/{{program_id}}/transitions"]
    assert "post" in paths[f"{API}/programs/{{program_id}}/plans"]
    listing = paths[f"{API}/programs/"]["get"]
    assert {"q", "party", "level", "province", "status", "year", "kind", "page", "page_size"} <= {
        p["name"] for p in listing["parameters"]
    }
    assert "409" in paths[f"{API}/programs/{{program_id}}"]["patch"]["responses"]
