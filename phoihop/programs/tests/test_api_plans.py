"""/api/v1/plans/ and /api/v1/programs/{id}/plans: who may list, open, create, change,
sign, move and copy annual plans; bad input (nothing written) and stale versions."""

import datetime as dt

import pytest

from phoihop.programs import services
from phoihop.programs.models import AnnualPlan, PartyRole, Signature, Task
from phoihop.programs.tests.test_api_common import (
    API,
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

LIST = f"{API}/plans/"


@pytest.fixture
def prog(world):
    return build_programme(world)


def detail_url(plan) -> str:
    return f"{LIST}{plan.pk}"


def sign_plan(world, plan):
    return services.plan_sign(
        actor=world.admin,
        plan=plan,
        organization=world.target,
        signer_name="Lê Văn C",
        signer_position="Phó Bí thư",
        signed_on=today() - dt.timedelta(days=2),
    )


# --- list ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_the_programme_see_its_plans(self, world, prog, persona):
        body = client_of(world, persona).get(LIST, {"program": prog.program.pk}).json()
        assert [(p["id"], p["task_count"], p["program"]["id"]) for p in body["items"]] == [
            (prog.plan.pk, 1, prog.program.pk)
        ]

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_sees_none(self, world, prog, persona):
        assert client_of(world, persona).get(LIST, {"program": prog.program.pk}).json()["count"] == 0

    def test_filters(self, world, prog):
        client = bearer(world.admin)
        later = services.plan_create(actor=world.admin, program=prog.program, year=today().year + 1, title="Sau")
        assert [p["id"] for p in client.get(LIST).json()["items"]] == [later.pk, prog.plan.pk]
        assert [p["id"] for p in client.get(LIST, {"year": today().year}).json()["items"]] == [prog.plan.pk]
        assert client.get(LIST, {"status": "signed"}).json()["count"] == 0
        assert client.get(LIST, {"program": prog.program.pk + 1000}).json()["count"] == 0
        assert errors(client.get(LIST, {"status": "xong"}))["status"][0].startswith("Giá trị không hợp lệ.")

    def test_query_count_does_not_grow_with_rows(self, world, django_assert_max_num_queries):
        client = client_of(world, "officer")
        client.get(LIST)
        for size in (3, 30):
            while AnnualPlan.objects.count() < size:
                program = make_programme(world, title=f"Chương trình {AnnualPlan.objects.count()}", legal_bases=[])
                services.plan_create(actor=world.admin, program=program, year=today().year, title="Kế hoạch")
            # token, memberships, lineage edges (2), count, page
            with django_assert_max_num_queries(6):
                response = client.get(LIST, {"page_size": 100})
            assert response.json()["count"] == size


# --- detail --------------------------------------------------------------------------


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(detail_url(prog.plan)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = client_of(world, persona).get(detail_url(prog.plan))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_it_read_signatures_and_the_tasks_summary(self, world, prog, persona):
        sign_plan(world, prog.plan)
        make_task(world, prog.plan, title="Việc đã quá hạn", due_date=today() - dt.timedelta(days=5))
        body = client_of(world, persona).get(detail_url(prog.plan)).json()
        assert (body["year"], body["status"], body["program"]["title"]) == (
            today().year,
            "draft",
            prog.program.title,
        )
        assert [(s["organization"]["name"], s["signer_position"]) for s in body["signatures"]] == [
            ("Đảng ủy xã Cẩm Đức", "Phó Bí thư")
        ]
        summary = body["tasks_summary"]
        assert summary["count"] == 2
        assert {b["bucket"]: b["count"] for b in summary["buckets"]} == {
            "done_on_time": 0,
            "done_late": 0,
            "open_on_time": 1,
            "open_overdue": 1,
        }
        assert [a["action"] for a in body["allowed_actions"]] == ["sign"]


# --- create --------------------------------------------------------------------------


@pytest.mark.django_db
class TestCreate:
    def url(self, prog):
        return f"{API}/programs/{prog.program.pk}/plans"

    def body(self, **overrides):
        return {"year": today().year + 1, "title": "Kế hoạch năm sau", **overrides}

    def test_anonymous_gets_401(self, client, prog):
        assert post_json(client, self.url(prog), self.body()).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog), self.body())
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert AnnualPlan.objects.count() == 1

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        assert post_json(client_of(world, persona), self.url(prog), self.body()).status_code == 404

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_lead_editor_adds_a_plan(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog), self.body())
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["year"], body["title"], body["status"], body["tasks_summary"]["count"]) == (
            today().year + 1,
            "Kế hoạch năm sau",
            "draft",
            0,
        )

    def test_year_outside_the_period_and_duplicate_year_are_refused(self, world, prog):
        client = client_of(world, "officer")
        found = errors(post_json(client, self.url(prog), self.body(year=today().year + 5)))
        assert found == {
            "year": [
                f"Năm của kế hoạch phải nằm trong thời gian của chương trình ({today().year - 1}–{today().year + 1})."
            ]
        }
        found = errors(post_json(client, self.url(prog), self.body(year=today().year)))
        assert found == {"year": [f"Chương trình đã có kế hoạch năm {today().year}."]}
        found = errors(post_json(client, self.url(prog), {"title": "Thiếu năm"}))
        assert found == {"year": ["Trường này là bắt buộc."]}
        assert AnnualPlan.objects.count() == 1


# --- update --------------------------------------------------------------------------


@pytest.mark.django_db
class TestUpdate:
    def test_anonymous_gets_401(self, client, prog):
        assert patch_json(client, detail_url(prog.plan), {"version": 1, "title": "Mới"}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.plan), {"version": 1, "title": "Mới"})
        assert response.status_code == 403
        prog.plan.refresh_from_db()
        assert prog.plan.version == 1

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.plan), {"version": 1, "title": "Mới"})
        assert response.status_code == 404

    def test_lead_editor_changes_it_and_a_stale_version_is_409(self, world, prog):
        client = client_of(world, "officer")
        response = patch_json(client, detail_url(prog.plan), {"version": 1, "summary": "Tóm tắt"})
        assert response.status_code == 200, response.content
        assert (response.json()["summary"], response.json()["version"]) == ("Tóm tắt", 2)
        response = patch_json(client, detail_url(prog.plan), {"version": 1, "title": "Cũ"})
        assert response.status_code == 409
        assert response.json()["detail"].startswith(STALE)
        prog.plan.refresh_from_db()
        assert prog.plan.title == f"Kế hoạch thực hiện năm {today().year}"

    def test_blank_title_is_refused(self, world, prog):
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.plan), {"version": 1, "title": " "}))
        assert found == {"title": ["Hãy nhập tên kế hoạch."]}


# --- signatures and transitions ------------------------------------------------------


@pytest.mark.django_db
class TestSignaturesAndTransitions:
    def sign_url(self, prog):
        return f"{detail_url(prog.plan)}/signatures"

    def transition_url(self, prog):
        return f"{detail_url(prog.plan)}/transitions"

    def signature(self, org):
        return {
            "organization": org.pk,
            "signer_name": "Phạm Văn D",
            "signer_position": "Phó Chủ tịch",
            "signed_on": today().isoformat(),
        }

    def test_anonymous_gets_401(self, client, world, prog):
        assert post_json(client, self.sign_url(prog), self.signature(world.target)).status_code == 401
        assert post_json(client, self.transition_url(prog), {"action": "sign", "version": 1}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        client = client_of(world, persona)
        assert post_json(client, self.sign_url(prog), self.signature(world.commune_committee)).status_code == 403
        sign_plan(world, prog.plan)
        assert post_json(client, self.transition_url(prog), {"action": "sign", "version": 1}).status_code == 403
        prog.plan.refresh_from_db()
        assert (prog.plan.status, prog.plan.signatures.count()) == ("draft", 1)

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        client = client_of(world, persona)
        assert post_json(client, self.sign_url(prog), self.signature(world.target)).status_code == 404
        assert post_json(client, self.transition_url(prog), {"action": "sign", "version": 1}).status_code == 404

    def test_a_signature_from_a_non_party_is_refused(self, world, prog):
        response = post_json(bearer(world.admin), self.sign_url(prog), self.signature(world.central))
        assert errors(response) == {"organization": ["Chỉ một bên tham gia mới ký được."]}
        assert not Signature.objects.exists()

    def test_sign_close_and_reopen(self, world, prog):
        client = client_of(world, "officer")
        found = errors(post_json(client, self.transition_url(prog), {"action": "sign", "version": 1}))
        assert found == {"action": ["Kế hoạch chưa có chữ ký nào."]}
        response = post_json(client, self.sign_url(prog), self.signature(world.commune_committee))
        assert response.status_code == 201, response.content
        body = post_json(client, self.transition_url(prog), {"action": "sign", "version": 1}).json()
        assert (body["status"], body["version"]) == ("signed", 2)
        assert [s["signer_name"] for s in body["signatures"]] == ["Phạm Văn D"]
        body = post_json(client, self.transition_url(prog), {"action": "close", "version": 2}).json()
        assert body["status"] == "closed"
        found = errors(post_json(client, self.transition_url(prog), {"action": "reopen", "version": 3}))
        assert found == {"reason": ["Hãy nêu lý do."]}
        body = post_json(client, self.transition_url(prog), {"action": "reopen", "version": 3, "reason": "Bổ sung"})
        assert body.json()["status"] == "signed"

    def test_a_transition_not_allowed_now_is_refused_and_stale_is_409(self, world, prog):
        client = client_of(world, "officer")
        found = errors(post_json(client, self.transition_url(prog), {"action": "close", "version": 1}))
        assert found == {"action": ["Không thể “Kết thúc kế hoạch” khi đang ở trạng thái “Dự thảo”."]}
        sign_plan(world, prog.plan)
        response = post_json(client, self.transition_url(prog), {"action": "sign", "version": 5})
        assert response.status_code == 409
        prog.plan.refresh_from_db()
        assert prog.plan.status == "draft"


# --- copy to next year ---------------------------------------------------------------


@pytest.mark.django_db
class TestCopyToNextYear:
    def url(self, prog):
        return f"{detail_url(prog.plan)}/copy-to-next-year"

    def test_anonymous_gets_401(self, client, prog):
        assert post_json(client, self.url(prog)).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        assert post_json(client_of(world, persona), self.url(prog)).status_code == 403
        assert AnnualPlan.objects.count() == 1

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        assert post_json(client_of(world, persona), self.url(prog)).status_code == 404

    def test_lead_editor_copies_the_plan_with_its_tasks(self, world, prog):
        client = client_of(world, "officer")
        response = post_json(client, self.url(prog))
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["year"], body["title"], body["status"]) == (
            today().year + 1,
            f"Kế hoạch thực hiện năm {today().year + 1}",
            "draft",
        )
        assert body["copied_from"]["id"] == prog.plan.pk
        assert body["tasks_summary"]["count"] == 1
        copy = Task.objects.get(plan_id=body["id"])
        assert copy.due_date.year == today().year + 1
        assert sorted(copy.parts.values_list("role", flat=True)) == sorted([PartyRole.LEAD, PartyRole.PARTNER])
        # once more: the next year already has a plan; then past the programme's end
        found = errors(post_json(client, self.url(prog)))
        assert found == {"year": [f"Chương trình đã có kế hoạch năm {today().year + 1}."]}
        found = errors(post_json(client, f"{LIST}{body['id']}/copy-to-next-year"))
        assert "year" in found
        assert AnnualPlan.objects.count() == 2


@pytest.mark.django_db
def test_openapi_lists_the_plan_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert "get" in paths[f"{API}/plans/"]
    assert {"get", "patch"} <= set(paths[f"{API}/plans/{{plan_id}}"])
    for tail in ("signatures", "transitions", "copy-to-next-year", "tasks"):
        assert "post" in paths[f"{API}/plans/{{plan_id}}/{tail}"], tail
