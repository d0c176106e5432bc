"""/api/v1/subjects/, /assessments/ and /communication-plans/: personas on every endpoint,
422 with Vietnamese field errors, 409 on stale versions, the leader-only approval, the
generation and the rescheduling, and a list that does not grow in queries with rows."""

import datetime as dt

import pytest

from phoihop.exchange import services
from phoihop.exchange.models import Assessment, CommunicationPlan, PlanActivity, Subject
from phoihop.exchange.tests.factories import (
    ASSESSMENT_VALUES,
    SubjectRowFactory,
    make_assessment,
    make_plan_with_activities,
    make_scene,
    make_subject,
)
from phoihop.programs.models import Task
from phoihop.programs.tests.test_api_common import (
    API,
    FORBIDDEN,
    NOT_FOUND,
    NOT_SEEING,
    SEEING,
    STALE,
    bearer,
    client_of,
    errors,
    patch_json,
    post_json,
)

pytestmark = pytest.mark.django_db
S = Subject.Status
SUBJECTS = f"{API}/subjects/"
PLANS = f"{API}/communication-plans/"


@pytest.fixture
def scene(world):
    return make_scene(world)


def body(world, scene, **overrides):
    data = {
        "program": scene.program.pk,
        "owner": world.commune_committee.pk,
        "year": 2026,
        "kind": "prosecution",
        "title": "Truy tố vụ án tham ô tài sản tại Ban quản lý dự án xã",
        "summary": "Vụ án dư luận quan tâm",
        "start_date": "01/03/2026",
        "end_date": "30/09/2026",
        "sensitivity": "high",
        "key_dates": [{"label": "Ngày công bố quyết định truy tố", "date": "15/05/2026"}],
    }
    return {**data, **overrides}


class TestList:
    @pytest.mark.parametrize("persona", SEEING)
    def test_who_sees_the_programme_lists_the_subject(self, world, scene, persona):
        make_subject(world, scene.program, status=S.REGISTERED)
        items = client_of(world, persona).get(SUBJECTS).json()["items"]
        assert [item["status_label"] for item in items] == ["Đã đăng ký"]

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_others_list_nothing(self, world, scene, persona):
        make_subject(world, scene.program, status=S.REGISTERED)
        assert client_of(world, persona).get(SUBJECTS).json()["count"] == 0

    def test_anonymous_gets_401(self, client):
        assert client.get(SUBJECTS).status_code == 401

    def test_filters_and_folded_search(self, world, scene):
        make_subject(world, scene.program, status=S.REGISTERED)
        client = client_of(world, "officer")
        assert client.get(SUBJECTS, {"q": "xet xu luu dong"}).json()["count"] == 1
        assert client.get(SUBJECTS, {"kind": "project"}).json()["count"] == 0
        assert client.get(SUBJECTS, {"owner": world.commune_committee.pk, "year": 2026}).json()["count"] == 1
        assert errors(client.get(SUBJECTS, {"status": "secret"}))["status"][0].startswith("Giá trị không hợp lệ.")

    def test_query_count_does_not_grow_with_rows(self, world, scene, django_assert_max_num_queries):
        client = client_of(world, "officer")
        client.get(SUBJECTS)  # the token's last_used_at is written on first use
        for size in (3, 30):
            while Subject.objects.count() < size:
                SubjectRowFactory(program=scene.program, owner=world.commune_committee)
            # token, memberships, lineage edges (2), count, page
            with django_assert_max_num_queries(7):
                response = client.get(SUBJECTS, {"page_size": 100})
            assert response.json()["count"] == size


class TestCreateAndEdit:
    def test_the_partner_creates_and_registers(self, world, scene):
        client = client_of(world, "partner")
        response = post_json(client, SUBJECTS, body(world, scene))
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["key_dates"][0]["date"] == "2026-05-15"
        assert [a["action"] for a in data["allowed_actions"]] == ["register", "cancel"]
        response = post_json(client, f"{SUBJECTS}{data['id']}/transitions", {"action": "register", "version": 1})
        assert response.json()["status"] == "registered"

    def test_bad_input_is_422_with_vietnamese_field_errors(self, world, scene):
        client = client_of(world, "partner")
        response = post_json(client, SUBJECTS, body(world, scene, start_date="31/02/2026", kind="secret"))
        got = errors(response)
        assert got["start_date"] == ["Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."]
        assert got["kind"][0].startswith("Giá trị không hợp lệ.")
        response = post_json(
            client, SUBJECTS, body(world, scene, year=2035, key_dates=[{"label": "Ngày xét xử", "date": "01/01/2027"}])
        )
        got = errors(response)
        assert got["year"] == ["Năm phải nằm trong thời gian của chương trình (2026–2030)."]
        assert "nằm ngoài thời gian của vấn đề" in got["key_dates"][0]
        assert not Subject.objects.exists()

    def test_registering_for_another_organisation_is_refused(self, world, scene):
        response = post_json(client_of(world, "officer"), SUBJECTS, body(world, scene))
        assert errors(response)["owner"] == ["Bạn chỉ đăng ký được vấn đề của cơ quan mình làm việc."]

    def test_outsider_cannot_name_a_programme_it_does_not_see(self, world, scene):
        response = post_json(client_of(world, "outsider"), SUBJECTS, body(world, scene))
        assert "program" in errors(response)

    def test_upper_level_may_not_create_or_edit(self, world, scene):
        subject = make_subject(world, scene.program)
        client = client_of(world, "upper")
        assert post_json(client, SUBJECTS, body(world, scene)).status_code == 403
        response = patch_json(client, f"{SUBJECTS}{subject.pk}", {"version": 1, "title": "Tên khác"})
        assert response.status_code == 403 and response.json() == FORBIDDEN

    def test_stale_edit_is_409(self, world, scene):
        subject = make_subject(world, scene.program)
        client = client_of(world, "partner")
        assert patch_json(client, f"{SUBJECTS}{subject.pk}", {"version": 1, "title": "Tên mới"}).status_code == 200
        response = patch_json(client, f"{SUBJECTS}{subject.pk}", {"version": 1, "title": "Tên khác"})
        assert response.status_code == 409 and STALE in response.json()["detail"]
        assert Subject.objects.get().title == "Tên mới"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_strangers_get_404_on_every_subject_endpoint(self, world, scene, persona):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        key = subject.key_dates.first()
        client = client_of(world, persona)
        assert client.get(f"{SUBJECTS}{subject.pk}").json() == NOT_FOUND
        for response in (
            patch_json(client, f"{SUBJECTS}{subject.pk}", {"version": 1}),
            post_json(client, f"{SUBJECTS}{subject.pk}/transitions", {"action": "cancel", "version": 3, "reason": "x"}),
            post_json(
                client,
                f"{SUBJECTS}{subject.pk}/key-dates/{key.pk}/move",
                {"new_date": "01/07/2026", "version": 3, "reason": "x"},
            ),
            post_json(client, f"{SUBJECTS}{subject.pk}/assessment", ASSESSMENT_VALUES),
            post_json(client, f"{SUBJECTS}{subject.pk}/communication-plan", {"title": "KH"}),
        ):
            assert response.status_code == 404 and response.json() == NOT_FOUND


class TestAcknowledgeAndAssess:
    def test_the_owner_may_not_acknowledge(self, world, scene):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        url = f"{SUBJECTS}{subject.pk}/transitions"
        response = post_json(client_of(world, "partner"), url, {"action": "acknowledge", "version": subject.version})
        assert response.status_code == 403
        response = post_json(client_of(world, "officer"), url, {"action": "acknowledge", "version": subject.version})
        assert response.json()["status"] == "acknowledged"

    def test_assessment_lifecycle_and_leader_only_approval(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        officer = client_of(world, "officer")
        assert (
            post_json(client_of(world, "partner"), f"{SUBJECTS}{subject.pk}/assessment", ASSESSMENT_VALUES).status_code
            == 403
        )
        response = post_json(officer, f"{SUBJECTS}{subject.pk}/assessment", ASSESSMENT_VALUES)
        assert response.status_code == 201
        url = f"{API}/assessments/{response.json()['id']}"
        assert client_of(world, "upper").get(url).status_code == 200
        assert client_of(world, "outsider").get(url).status_code == 404
        response = post_json(officer, f"{url}/transitions", {"action": "submit", "version": 1})
        assert response.json()["status"] == "submitted"
        response = post_json(officer, f"{url}/transitions", {"action": "approve", "version": 2})
        assert response.status_code == 403
        assert Assessment.objects.get().status == Assessment.Status.SUBMITTED
        response = post_json(bearer(scene.leader), f"{url}/transitions", {"action": "return", "version": 2})
        assert errors(response)["reason"] == ["Hãy nêu lý do."]
        response = post_json(bearer(scene.leader), f"{url}/transitions", {"action": "approve", "version": 2})
        assert response.json()["status"] == "approved"
        assert Subject.objects.get().status == S.ASSESSED

    def test_bad_assessment_is_422(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        response = post_json(
            client_of(world, "officer"),
            f"{SUBJECTS}{subject.pk}/assessment",
            {**ASSESSMENT_VALUES, "affected_groups": " ", "opinion_breadth": "all"},
        )
        got = errors(response)
        assert "opinion_breadth" in got
        response = post_json(
            client_of(world, "officer"),
            f"{SUBJECTS}{subject.pk}/assessment",
            {**ASSESSMENT_VALUES, "affected_groups": " "},
        )
        assert errors(response)["affected_groups"][0].startswith("Hãy nêu các nhóm đối tượng chịu tác động")
        assert not Assessment.objects.exists()

    def test_stale_assessment_edit_is_409(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        assessment = make_assessment(subject)
        url = f"{API}/assessments/{assessment.pk}"
        officer = client_of(world, "officer")
        assert patch_json(officer, url, {"version": 1, "risks": "Tin đồn"}).status_code == 200
        assert patch_json(officer, url, {"version": 1, "risks": "Khác"}).status_code == 409


class TestPlans:
    def test_plan_activities_generate_and_move(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        officer = client_of(world, "officer")
        response = post_json(officer, f"{SUBJECTS}{subject.pk}/communication-plan", {"title": "Kế hoạch tuyên truyền"})
        assert response.status_code == 201, response.content
        plan = response.json()
        trial = subject.key_dates.get(label="Ngày xét xử")
        activity = {
            "version": plan["version"],
            "phase": "before",
            "title": "Thông cáo báo chí",
            "key_date": trial.pk,
            "offset_days": -7,
            "lead": world.target.pk,
            "partners": [world.commune_committee.pk],
            "channels": ["press"],
        }
        url = f"{PLANS}{plan['id']}/activities"
        got = errors(post_json(officer, url, {**activity, "offset_days": 200, "phase": "after"}))
        assert got["offset_days"][0].startswith("Ngày 01/01/2027 nằm ngoài thời gian của vấn đề")
        assert post_json(client_of(world, "partner"), url, activity).status_code == 403
        response = post_json(officer, url, activity)
        assert response.status_code == 201, response.content
        assert response.json()["due_date"] == "2026-06-08"
        assert response.json()["offset_text"] == "7 ngày trước Ngày xét xử"
        stale = post_json(officer, url, {**activity, "title": "Họp báo"})
        assert stale.status_code == 409
        version = CommunicationPlan.objects.get().version
        response = post_json(officer, f"{PLANS}{plan['id']}/generate", {"version": version})
        assert response.status_code == 200, response.content
        task = Task.objects.get(pk=response.json()["task_ids"][0])
        assert task.due_date == dt.date(2026, 6, 8) and task.lead == world.target
        detail = client_of(world, "upper").get(f"{PLANS}{plan['id']}").json()
        assert detail["activities"][0]["task"]["id"] == task.pk
        subject.refresh_from_db()
        response = post_json(
            client_of(world, "partner"),
            f"{SUBJECTS}{subject.pk}/key-dates/{trial.pk}/move",
            {"new_date": "20/06/2026", "version": subject.version, "reason": "Hoãn phiên tòa"},
        )
        assert response.status_code == 200, response.content
        assert response.json()["moved_tasks"] == [task.pk]
        task.refresh_from_db()
        assert task.due_date == dt.date(2026, 6, 13)

    def test_generate_without_the_annual_plan_is_422_and_creates_nothing(self, world):
        scene = make_scene(world, with_plan=False)
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        response = post_json(client_of(world, "officer"), f"{PLANS}{plan.pk}/generate", {"version": plan.version})
        assert errors(response)[None] == [
            "Chương trình chưa có kế hoạch năm 2026. Hãy tạo kế hoạch năm 2026 trước rồi giao nhiệm vụ."
        ]
        assert not Task.objects.exists()

    def test_personas_on_the_plan_endpoints(self, world, scene):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        activity = plan.activities.first()
        for persona in SEEING:
            assert client_of(world, persona).get(f"{PLANS}{plan.pk}").status_code == 200
        for persona in NOT_SEEING:
            client = client_of(world, persona)
            assert client.get(f"{PLANS}{plan.pk}").status_code == 404
            assert patch_json(client, f"{PLANS}{plan.pk}", {"version": plan.version, "title": "X"}).status_code == 404
            assert client.delete(f"{PLANS}{plan.pk}/activities/{activity.pk}?version={plan.version}").status_code == 404
        upper = client_of(world, "upper")
        assert patch_json(upper, f"{PLANS}{plan.pk}", {"version": plan.version, "title": "X"}).status_code == 403
        assert upper.delete(f"{PLANS}{plan.pk}/activities/{activity.pk}?version={plan.version}").status_code == 403
        assert post_json(upper, f"{PLANS}{plan.pk}/generate", {"version": plan.version}).status_code == 403
        officer = client_of(world, "officer")
        response = patch_json(
            officer, f"{PLANS}{plan.pk}/activities/{activity.pk}", {"version": plan.version, "offset_days": -5}
        )
        assert response.json()["due_date"] == "2026-06-10"
        plan.refresh_from_db()
        assert officer.delete(f"{PLANS}{plan.pk}/activities/{activity.pk}?version={plan.version}").status_code == 204
        assert not PlanActivity.objects.filter(pk=activity.pk).exists()

    def test_templates_are_listed(self, world):
        from phoihop.exchange.models import PlanTemplate

        PlanTemplate.objects.create(kind="trial", title="Mẫu xét xử", anchor_label="Ngày xét xử")
        response = client_of(world, "partner").get(f"{PLANS}templates", {"kind": "trial"})
        assert [t["title"] for t in response.json()] == ["Mẫu xét xử"]


class TestReviewedEdges:
    """Inputs that once crashed or revealed more than the user may see."""

    def test_a_date_outside_the_programme_is_refused_not_a_crash(self, world, scene):
        response = post_json(client_of(world, "partner"), SUBJECTS, body(world, scene, end_date="31/12/9999"))
        assert response.status_code == 422
        assert errors(response)["end_date"] == ["Ngày 31/12/9999 nằm ngoài thời gian của chương trình (2026–2030)."]
        assert not Subject.objects.exists()

    def test_an_id_the_user_may_not_see_reveals_no_name(self, world, scene):
        response = post_json(client_of(world, "partner"), SUBJECTS, body(world, scene, owner=world.province_dept_b.pk))
        assert response.status_code == 422
        assert world.province_dept_b.name not in response.content.decode()
        assert errors(response)["owner"] == [f"Không tìm thấy cơ quan có mã: {world.province_dept_b.pk}."]

    def test_a_huge_id_in_a_filter_is_422(self, world, scene):
        response = client_of(world, "officer").get(SUBJECTS, {"program": str(10**25)})
        assert response.status_code == 422
        assert errors(response)["program"] == ["Số quá lớn."]

    def test_the_plan_page_costs_the_same_with_more_generated_tasks(self, world, scene, django_assert_max_num_queries):
        upper = client_of(world, "upper")
        counts = []
        for extra in (0, 6):
            subject = make_subject(world, scene.program, status=S.ASSESSED, title=f"Vụ án {extra}")
            plan = make_plan_with_activities(world, subject)
            trial = subject.key_dates.get(label="Ngày xét xử")
            for n in range(extra):
                plan.refresh_from_db()
                services.plan_activity_create(
                    actor=None,
                    plan=plan,
                    expected_version=plan.version,
                    phase="before",
                    title=f"Tin bài {n}",
                    key_date=trial,
                    offset_days=-n - 1,
                    lead=world.target,
                    partners=[],
                    channels=["press"],
                )
            plan.refresh_from_db()
            services.communication_plan_generate(actor=None, plan=plan, expected_version=plan.version)
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            upper.get(f"{PLANS}{plan.pk}")  # the token's first use is written once
            with CaptureQueriesContext(connection) as queries:
                assert upper.get(f"{PLANS}{plan.pk}").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
