"""The subject pages with every persona: the partner registers, the department (the
lead's officer) acknowledges, assesses, plans and generates, a leader approves, the upper
level reads only, the outsider gets 404. Bad input shows next to the field and writes
nothing; the list does not grow in queries with rows."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.exchange.models import Assessment, CommunicationPlan, PlanActivity, Subject
from phoihop.exchange.tests.factories import (
    ASSESSMENT_VALUES,
    SubjectRowFactory,
    make_plan_with_activities,
    make_scene,
    make_subject,
)
from phoihop.programs.models import Task

pytestmark = pytest.mark.django_db
S = Subject.Status
LIST = reverse("exchange:subject_list")


def url(name, obj, **kwargs) -> str:
    return reverse(f"exchange:{name}", args=[obj.pk], **kwargs)


@pytest.fixture
def scene(world):
    return make_scene(world)


class TestList:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_sees_the_programme_sees_its_subjects(self, world, scene, client_for, persona):
        make_subject(world, scene.program, status=S.REGISTERED)
        html = client_for(getattr(world, persona)).get(LIST).content.decode()
        assert "Xét xử lưu động vụ án gây rối trật tự công cộng tại xã Cẩm Đức" in html

    def test_the_outsider_sees_none(self, world, scene, client_for):
        make_subject(world, scene.program, status=S.REGISTERED)
        html = client_for(world.outsider).get(LIST).content.decode()
        assert "Cẩm Đức" not in html and "Có 0 vấn đề." in html

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.get(LIST).status_code == 302

    def test_folded_search_and_filters(self, world, scene, client_for):
        make_subject(world, scene.program, status=S.REGISTERED)
        make_subject(world, scene.program, title="Dự án đường ven biển", kind="project")
        client = client_for(world.officer)
        assert "Xét xử lưu động" in client.get(LIST, {"q": "xet xu cam duc"}).content.decode()
        html = client.get(LIST, {"q": "xet xu", "kind": "project"}).content.decode()
        assert "Không có vấn đề nào phù hợp." in html
        html = client.get(LIST, {"status": "draft"}).content.decode()
        assert "Dự án đường ven biển" in html and "Xét xử lưu động" not in html
        html = client.get(LIST, {"year": "abc"}).content.decode()
        assert "Năm phải là một số, ví dụ 2026." in html

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_query_count_does_not_grow_with_rows(
        self, world, scene, client_for, django_assert_max_num_queries, persona
    ):
        client = client_for(getattr(world, persona))
        for count in (3, 30):
            while Subject.objects.count() < count:
                SubjectRowFactory(program=scene.program, owner=world.commune_committee)
            with django_assert_max_num_queries(10):
                response = client.get(LIST)
            assert response.status_code == 200
        assert response.content.decode().count('<td data-label="Vấn đề">') == 25

    def test_the_navigation_links_to_the_list(self, world, client_for):
        html = client_for(world.officer).get(reverse("accounts:my_work")).content.decode()
        assert f'href="{LIST}"' in html and "Vấn đề phối hợp" in html


class TestRegister:
    def post_data(self, world, scene, **overrides):
        data = {
            "program": scene.program.pk,
            "owner": world.commune_committee.pk,
            "year": "2026",
            "kind": "trial",
            "title": "Xét xử lưu động vụ án tàng trữ trái phép chất ma túy",
            "summary": "Phiên tòa lưu động tại hội trường xã",
            "start_date": "01/04/2026",
            "end_date": "31/08/2026",
            "sensitivity": "medium",
            "keys-TOTAL_FORMS": "2",
            "keys-INITIAL_FORMS": "0",
            "keys-0-label": "Ngày xét xử",
            "keys-0-date": "20/06/2026",
            "keys-1-label": "",
            "keys-1-date": "",
        }
        return {**data, **overrides}

    def test_the_partner_registers_a_case(self, world, scene, client_for):
        client = client_for(world.partner)
        assert client.get(reverse("exchange:subject_create")).status_code == 200
        response = client.post(reverse("exchange:subject_create"), self.post_data(world, scene))
        subject = Subject.objects.get()
        assert response.status_code == 302 and response.url == url("subject_detail", subject)
        assert subject.key_dates.get().date == dt.date(2026, 6, 20)
        html = client.get(url("subject_detail", subject)).content.decode()
        assert 'data-transition="register"' in html and 'data-transition="acknowledge"' not in html
        client.post(url("subject_transition", subject), {"action": "register", "version": subject.version})
        subject.refresh_from_db()
        assert subject.status == S.REGISTERED

    def test_bad_input_shows_next_to_the_field_and_writes_nothing(self, world, scene, client_for):
        data = self.post_data(world, scene, start_date="31/02/2026", **{"keys-0-date": "01/12/2026"}, year="2035")
        response = client_for(world.partner).post(reverse("exchange:subject_create"), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Ngày không hợp lệ" in html
        assert not Subject.objects.exists()
        data = self.post_data(world, scene, year="2035", **{"keys-0-date": "01/12/2026"})
        html = client_for(world.partner).post(reverse("exchange:subject_create"), data).content.decode()
        assert "Năm phải nằm trong thời gian của chương trình (2026–2030)." in html
        assert "nằm ngoài thời gian của vấn đề (01/04/2026 – 31/08/2026)" in html
        assert not Subject.objects.exists()

    def test_the_upper_level_may_not_register(self, world, client_for):
        assert client_for(world.upper).get(reverse("exchange:subject_create")).status_code == 403


class TestSubjectPage:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_readers_see_the_page(self, world, scene, client_for, persona):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        response = client_for(getattr(world, persona)).get(url("subject_detail", subject))
        assert response.status_code == 200
        assert "Ngày xét xử" in response.content.decode()

    def test_the_outsider_gets_404_everywhere(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        activity = plan.activities.first()
        client = client_for(world.outsider)
        for address in (
            url("subject_detail", subject),
            url("subject_edit", subject),
            url("subject_history", subject),
            url("key_date_move", subject),
            url("assessment_edit", subject),
            url("activity_create", plan),
            url("activity_edit", activity),
        ):
            assert client.get(address).status_code == 404, address
        for address in (
            url("subject_transition", subject),
            url("assessment_transition", subject),
            url("plan_generate", plan),
            url("activity_delete", activity),
        ):
            assert client.post(address, {"action": "cancel", "version": 1, "reason": "x"}).status_code == 404

    def test_upper_level_reads_but_gets_no_buttons_and_403_on_acting(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        client = client_for(world.upper)
        html = client.get(url("subject_detail", subject)).content.decode()
        assert "data-transition" not in html and url("subject_edit", subject) not in html
        assert client.get(url("subject_edit", subject)).status_code == 403
        response = client.post(
            url("subject_transition", subject), {"action": "acknowledge", "version": subject.version}
        )
        assert response.status_code == 403
        subject.refresh_from_db()
        assert subject.status == S.REGISTERED

    def test_the_department_acknowledges_the_owner_does_not(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.REGISTERED)
        assert (
            'data-transition="acknowledge"'
            not in client_for(world.partner).get(url("subject_detail", subject)).content.decode()
        )
        response = client_for(world.partner).post(
            url("subject_transition", subject), {"action": "acknowledge", "version": subject.version}
        )
        assert response.status_code == 403
        assert "Chỉ Ban Tuyên giáo" in response.content.decode()
        client = client_for(world.officer)
        assert 'data-transition="acknowledge"' in client.get(url("subject_detail", subject)).content.decode()
        client.post(url("subject_transition", subject), {"action": "acknowledge", "version": subject.version})
        subject.refresh_from_db()
        assert subject.status == S.ACKNOWLEDGED

    def test_history_lists_the_changes(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        html = client_for(world.upper).get(url("subject_history", subject)).content.decode()
        assert "Tiếp nhận" in html and "Đăng ký, gửi Ban Tuyên giáo" in html

    # session, user, memberships, subject with its assessment and plan, parties, key dates,
    # the plan's activities with their tasks, their partners; the history loads on scroll
    @pytest.mark.parametrize(("persona", "bound"), [("officer", 10), ("partner", 10), ("upper", 11)])
    def test_query_count_does_not_grow_with_activities(
        self, world, scene, client_for, django_assert_max_num_queries, persona, bound
    ):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        client = client_for(getattr(world, persona))
        with django_assert_max_num_queries(bound):
            assert client.get(url("subject_detail", subject)).status_code == 200
        for _index in range(3):
            first = plan.activities.first()
            clone = PlanActivity.objects.create(
                plan=plan,
                phase=first.phase,
                title=f"{first.title} bổ sung",
                key_date=first.key_date,
                offset_days=first.offset_days,
                lead=first.lead,
            )
            clone.partners.set([world.commune_committee])
        with django_assert_max_num_queries(bound):
            assert client.get(url("subject_detail", subject)).status_code == 200


class TestAssessmentPages:
    def data(self, **overrides):
        return {**ASSESSMENT_VALUES, **overrides}

    def test_the_officer_records_and_submits_the_leader_approves(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        officer = client_for(world.officer)
        assert officer.get(url("assessment_edit", subject)).status_code == 200
        response = officer.post(url("assessment_edit", subject), self.data())
        assert response.status_code == 302
        assessment = Assessment.objects.get()
        officer.post(url("assessment_transition", subject), {"action": "submit", "version": assessment.version})
        assessment.refresh_from_db()
        assert assessment.status == Assessment.Status.SUBMITTED
        html = officer.get(url("subject_detail", subject)).content.decode()
        assert 'data-assessment="approve"' not in html
        leader = client_for(scene.leader)
        assert 'data-assessment="approve"' in leader.get(url("subject_detail", subject)).content.decode()
        leader.post(url("assessment_transition", subject), {"action": "approve", "version": assessment.version})
        subject.refresh_from_db()
        assert subject.status == S.ASSESSED

    def test_an_officer_approving_gets_403_with_the_reason_and_nothing_changes(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        officer = client_for(world.officer)
        officer.post(url("assessment_edit", subject), self.data())
        assessment = Assessment.objects.get()
        officer.post(url("assessment_transition", subject), {"action": "submit", "version": 1})
        response = officer.post(url("assessment_transition", subject), {"action": "approve", "version": 2})
        assert response.status_code == 403
        assert "Chỉ lãnh đạo Ban (Trưởng ban, Phó ban) mới được phê duyệt" in response.content.decode()
        assessment.refresh_from_db()
        assert assessment.status == Assessment.Status.SUBMITTED

    def test_bad_input_next_to_the_field(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        response = client_for(world.officer).post(
            url("assessment_edit", subject), self.data(affected_groups="", opinion_breadth="everyone")
        )
        html = response.content.decode()
        assert "Hãy nêu các nhóm đối tượng chịu tác động" in html
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_only_the_department_assesses(self, world, scene, client_for, persona):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        client = client_for(getattr(world, persona))
        assert client.get(url("assessment_edit", subject)).status_code == 403
        assert client.post(url("assessment_edit", subject), self.data()).status_code == 403
        assert not Assessment.objects.exists()


class TestPlanPages:
    def test_plan_activity_and_generate(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        officer = client_for(world.officer)
        html = officer.get(url("subject_detail", subject)).content.decode()
        assert "Lập kế hoạch tuyên truyền" in html
        officer.post(url("plan_create", subject), {"plan-title": "Kế hoạch tuyên truyền phiên tòa"})
        plan = CommunicationPlan.objects.get()
        trial = subject.key_dates.get(label="Ngày xét xử")
        form = officer.get(url("activity_create", plan)).content.decode()
        assert f'<option value="{world.target.pk}" selected>' in form  # the department leads by default
        data = {
            "phase": "before",
            "title": "Họp báo trước phiên tòa",
            "key_date": trial.pk,
            "offset_days": "-3",
            "lead": world.target.pk,
            "partners": [world.commune_committee.pk],
            "channels": ["press_conference"],
            "expected_product": "01 cuộc họp báo",
            "version": plan.version,
        }
        bad = officer.post(url("activity_create", plan), {**data, "offset_days": "-200"}).content.decode()
        assert "Ngày 27/11/2025 nằm ngoài thời gian của vấn đề (01/03/2026 – 30/09/2026)." in bad
        assert not PlanActivity.objects.exists()
        assert officer.post(url("activity_create", plan), data).status_code == 302
        html = officer.get(url("subject_detail", subject)).content.decode()
        assert "12/06/2026" in html and "3 ngày trước Ngày xét xử" in html
        plan.refresh_from_db()
        officer.post(url("plan_generate", plan), {"action": "generate", "version": plan.version})
        task = Task.objects.get()
        assert task.due_date == dt.date(2026, 6, 12) and task.phase == "before"
        html = officer.get(url("subject_detail", subject)).content.decode()
        assert reverse("programs:task_detail", args=[task.pk]) in html

    def test_generate_without_the_annual_plan_shows_why(self, world, client_for):
        scene = make_scene(world, with_plan=False)
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        officer = client_for(world.officer)
        assert "Chương trình chưa có kế hoạch năm 2026" in officer.get(url("subject_detail", subject)).content.decode()
        html = officer.post(
            url("plan_generate", plan), {"action": "generate", "version": plan.version}
        ).content.decode()
        assert "Hãy tạo kế hoạch năm 2026 trước rồi giao nhiệm vụ." in html
        assert not Task.objects.exists()

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_others_may_not_edit_the_plan(self, world, scene, client_for, persona):
        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        client = client_for(getattr(world, persona))
        assert client.get(url("activity_create", plan)).status_code == 403
        assert client.get(url("activity_edit", plan.activities.first())).status_code == 403
        assert (
            client.post(url("plan_generate", plan), {"action": "generate", "version": plan.version}).status_code == 403
        )
        assert not Task.objects.exists()


class TestMoveKeyDate:
    def test_the_owner_moves_the_trial_and_the_open_tasks_follow(self, world, scene, client_for):
        from phoihop.exchange import services

        subject = make_subject(world, scene.program, status=S.ASSESSED)
        plan = make_plan_with_activities(world, subject)
        services.communication_plan_generate(actor=None, plan=plan, expected_version=plan.version)
        subject.refresh_from_db()
        client = client_for(world.partner)
        trial = subject.key_dates.get(label="Ngày xét xử")
        assert client.get(url("key_date_move", subject)).status_code == 200
        bad = client.post(
            url("key_date_move", subject),
            {"key_date": trial.pk, "new_date": "01/07/2026", "reason": "", "version": subject.version},
        ).content.decode()
        assert "Hãy nêu lý do dời mốc." in bad
        response = client.post(
            url("key_date_move", subject),
            {"key_date": trial.pk, "new_date": "01/07/2026", "reason": "Hoãn phiên tòa", "version": subject.version},
        )
        assert response.status_code == 302
        assert Task.objects.get(title="Đưa tin trong ngày xét xử").due_date == dt.date(2026, 7, 1)
        assert client_for(world.upper).get(url("key_date_move", subject)).status_code == 403


class TestTemplateAdmin:
    def test_administrators_keep_the_templates(self, world, client_for):
        from phoihop.exchange.models import PlanTemplate

        PlanTemplate.objects.create(kind="trial", title="Mẫu xét xử", anchor_label="Ngày xét xử")
        address = reverse("admin:exchange_plantemplate_changelist")
        assert "Mẫu xét xử" in client_for(world.admin).get(address).content.decode()
        assert client_for(world.officer).get(address).status_code == 302  # not staff: sent to sign in


class TestHotIssueFromSubject:
    """A subject can be the source of a hot issue of its department (issue 5, item 3)."""

    def test_the_department_opens_a_hot_issue_from_the_subject_page(self, world, scene, client_for):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        page = client_for(world.officer).get(url("subject_detail", subject)).content.decode()
        link = reverse("hotissues:create") + f"?subject={subject.pk}"
        assert link in page and reverse("hotissues:join") + f"?subject={subject.pk}" in page
        form = client_for(world.officer).get(link)
        assert form.status_code == 200 and subject.title in form.content.decode()

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_others_get_no_hot_issue_link(self, world, scene, client_for, persona):
        subject = make_subject(world, scene.program, status=S.ACKNOWLEDGED)
        page = client_for(getattr(world, persona)).get(url("subject_detail", subject)).content.decode()
        assert "/hot-issues/new/" not in page
