"""The annual plan pages: create, the plan page (tasks, signatures, transitions, copy to
next year) and edit."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.programs.models import AnnualPlan, Channel, Phase, Signature, Task
from phoihop.programs.tests.factories import make_plan, make_program, make_task, task_rows

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(f"programs:{name}", args=[obj.pk])


@pytest.fixture
def program(world):
    return make_program(world)


@pytest.fixture
def plan(program):
    return make_plan(program, year=2026)


def plan_data(**overrides):
    data = {"year": "2027", "title": "Kế hoạch thực hiện năm 2027", "number_symbol": "12-KH/ĐU", "summary": ""}
    data.update(overrides)
    return data


# --- create --------------------------------------------------------------------------


class TestCreate:
    def test_officer_creates_a_plan(self, world, client_for, program):
        response = client_for(world.officer).post(url("plan_create", program), plan_data())
        plan = AnnualPlan.objects.get()
        assert response.status_code == 302
        assert response.url == url("plan_detail", plan)
        assert (plan.year, plan.number_symbol, plan.status) == (2027, "12-KH/ĐU", AnnualPlan.Status.DRAFT)

    def test_the_form_suggests_the_first_year_without_a_plan(self, world, client_for, program):
        make_plan(program, year=2026)
        form = client_for(world.officer).get(url("plan_create", program)).context["form"]
        assert form.initial["year"] == 2027
        assert form.initial["title"] == "Kế hoạch thực hiện năm 2027"

    def test_a_year_outside_the_period_is_refused(self, world, client_for, program):
        response = client_for(world.officer).post(url("plan_create", program), plan_data(year="2031"))
        assert response.context["form"].errors["year"] == [
            "Năm của kế hoạch phải nằm trong thời gian của chương trình (2026–2030)."
        ]
        assert not AnnualPlan.objects.exists()

    def test_a_second_plan_for_the_same_year_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(url("plan_create", plan.program), plan_data(year="2026"))
        assert response.context["form"].errors["year"] == ["Chương trình đã có kế hoạch năm 2026."]
        assert AnnualPlan.objects.count() == 1

    # Adding a plan needs CHANGE on the programme: readers get 403, whoever does not see it 404
    # (as the API answers).
    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404), ("nobody", 404)])
    def test_others_cannot_add_a_plan(self, world, client_for, program, persona, status):
        client = client_for(getattr(world, persona))
        assert client.get(url("plan_create", program)).status_code == status
        assert client.post(url("plan_create", program), plan_data()).status_code == status
        assert not AnnualPlan.objects.exists()


# --- plan page -----------------------------------------------------------------------


class TestPage:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_may_see_it_gets_200(self, world, client_for, plan, persona):
        response = client_for(getattr(world, persona)).get(url("plan_detail", plan))
        assert response.status_code == 200
        assert response.context["nav_active"] == "programs"

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_get_404(self, world, client_for, plan, persona):
        assert client_for(getattr(world, persona)).get(url("plan_detail", plan)).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for, plan):
        assert client_for(None).get(url("plan_detail", plan)).status_code == 302

    def test_tasks_table_shows_lead_partners_due_phase_channels_bucket_progress(self, world, client_for, plan):
        make_task(
            plan,
            lead=world.target,
            partners=[world.commune_committee],
            title="Tuyên truyền Đại hội",
            due_date=dt.date(2026, 12, 15),
            phase=Phase.BEFORE,
            channels=[Channel.PRESS, Channel.SOCIAL],
        )
        html = client_for(world.partner).get(url("plan_detail", plan)).content.decode()
        assert "Tuyên truyền Đại hội" in html
        assert world.commune_committee.name in html
        assert "15/12/2026" in html
        assert "Trước; Báo chí, Mạng xã hội" in html
        assert "Đang thực hiện trong hạn" in html
        assert 'aria-valuenow="0"' in html

    def test_query_count_does_not_grow_with_tasks(self, world, client_for, plan, django_assert_max_num_queries):
        client = client_for(world.officer)
        task_rows(plan, world.target, [world.commune_committee], count=3)
        with django_assert_max_num_queries(12):
            assert client.get(url("plan_detail", plan)).status_code == 200
        task_rows(plan, world.target, [world.commune_committee], count=30)
        with django_assert_max_num_queries(12):
            response = client.get(url("plan_detail", plan))
        assert len(response.context["tasks"]) == 33

    def test_draft_plan_shows_sign_and_signature_form_to_the_lead(self, world, client_for, plan):
        html = client_for(world.officer).get(url("plan_detail", plan)).content.decode()
        assert 'data-transition="sign"' in html
        assert 'data-transition="close"' not in html and 'data-transition="reopen"' not in html
        assert url("plan_sign", plan) in html
        assert "Sao chép sang năm sau" in html

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_readers_see_no_buttons(self, world, client_for, plan, persona):
        html = client_for(getattr(world, persona)).get(url("plan_detail", plan)).content.decode()
        assert "data-transition" not in html
        assert url("plan_sign", plan) not in html
        assert url("plan_copy", plan) not in html
        assert url("task_create", plan) not in html
        assert url("plan_edit", plan) not in html


class TestSignAndTransitions:
    def sign(self, client, plan, org, **overrides):
        data = {
            "sig-organization": str(org.pk),
            "sig-signer_name": "Lê Văn Cường",
            "sig-signer_position": "Phó Bí thư",
            "sig-signed_on": "20/01/2026",
            "sig-place": "",
        }
        data.update(overrides)
        return client.post(url("plan_sign", plan), data)

    def test_lead_signs_then_issues_the_plan(self, world, client_for, plan):
        client = client_for(world.officer)
        assert self.sign(client, plan, world.target).status_code == 302
        response = client.post(url("plan_transition", plan), {"action": "sign", "version": plan.version})
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status == AnnualPlan.Status.SIGNED
        html = client.get(url("plan_detail", plan)).content.decode()
        assert 'data-transition="close"' in html and 'data-transition="sign"' not in html
        assert url("plan_sign", plan) not in html  # no more signatures once signed

    def test_issuing_without_a_signature_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(url("plan_transition", plan), {"action": "sign", "version": 1})
        assert "Kế hoạch chưa có chữ ký nào." in response.content.decode()
        plan.refresh_from_db()
        assert plan.status == AnnualPlan.Status.DRAFT

    def test_a_non_party_cannot_sign(self, world, client_for, plan):
        response = self.sign(client_for(world.officer), plan, world.province_dept_a)
        assert "Chỉ một bên tham gia chưa ký mới ký được." in response.content.decode()
        assert not Signature.objects.filter(plan=plan).exists()

    def test_a_transition_not_allowed_now_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(
            url("plan_transition", plan), {"action": "reopen", "version": plan.version, "reason": "x"}
        )
        assert "Không thể “Mở lại” khi đang ở trạng thái “Dự thảo”." in response.content.decode()
        plan.refresh_from_db()
        assert plan.status == AnnualPlan.Status.DRAFT

    def test_a_stale_version_is_refused(self, world, client_for, program):
        plan = make_plan(program, signed=True)
        response = client_for(world.officer).post(
            url("plan_transition", plan), {"action": "close", "version": plan.version - 1}
        )
        assert "đã được người khác sửa" in response.content.decode()
        plan.refresh_from_db()
        assert plan.status == AnnualPlan.Status.SIGNED

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_sign_or_change_status(self, world, client_for, plan, persona, status):
        client = client_for(getattr(world, persona))
        assert self.sign(client, plan, world.commune_committee).status_code == status
        assert client.post(url("plan_transition", plan), {"action": "sign", "version": 1}).status_code == status
        assert not Signature.objects.filter(plan=plan).exists()


class TestCopy:
    def test_copy_to_next_year_makes_a_draft_with_the_same_tasks(self, world, client_for, plan):
        make_task(plan, lead=world.target, partners=[world.commune_committee], due_date=dt.date(2026, 5, 19))
        response = client_for(world.officer).post(url("plan_copy", plan))
        copy = AnnualPlan.objects.get(year=2027)
        assert response.status_code == 302
        assert response.url == url("plan_detail", copy)
        assert copy.copied_from == plan
        assert copy.tasks.get().due_date == dt.date(2027, 5, 19)

    def test_copy_beyond_the_period_is_refused(self, world, client_for, program):
        last = make_plan(program, year=2030)
        response = client_for(world.officer).post(url("plan_copy", last), follow=True)
        assert "Năm của kế hoạch phải nằm trong thời gian của chương trình" in response.content.decode()
        assert AnnualPlan.objects.count() == 1

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_copy(self, world, client_for, plan, persona, status):
        assert client_for(getattr(world, persona)).post(url("plan_copy", plan)).status_code == status
        assert AnnualPlan.objects.count() == 1


class TestEdit:
    def test_officer_edits_the_plan(self, world, client_for, plan):
        data = {"title": "Kế hoạch năm 2026 (sửa)", "number_symbol": "", "summary": "Tóm tắt", "version": plan.version}
        assert client_for(world.officer).post(url("plan_edit", plan), data).status_code == 302
        plan.refresh_from_db()
        assert (plan.title, plan.summary) == ("Kế hoạch năm 2026 (sửa)", "Tóm tắt")

    def test_a_stale_version_is_refused(self, world, client_for, plan):
        client = client_for(world.officer)
        first = {"title": "Thứ nhất", "number_symbol": "", "summary": "", "version": plan.version}
        client.post(url("plan_edit", plan), first)
        response = client.post(url("plan_edit", plan), {**first, "title": "Thứ hai"})
        assert "đã được người khác sửa" in response.content.decode()
        plan.refresh_from_db()
        assert plan.title == "Thứ nhất"

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_edit(self, world, client_for, plan, persona, status):
        data = {"title": "X", "number_symbol": "", "summary": "", "version": plan.version}
        assert client_for(getattr(world, persona)).post(url("plan_edit", plan), data).status_code == status
        plan.refresh_from_db()
        assert plan.title != "X"


def test_task_count_is_unchanged_by_refused_copy(world, client_for, program):
    """Nothing is written when the copy is refused: no plan and no task."""
    last = make_plan(program, year=2030)
    make_task(last, lead=world.target, due_date=dt.date(2030, 3, 1))
    client_for(world.officer).post(url("plan_copy", last))
    assert Task.objects.count() == 1
