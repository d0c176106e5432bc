"""The task pages: create and edit, the task page with each party's part and the inline
(HTMX) progress report, transitions, the task list and the month calendar.

The world's programme: Đảng ủy xã Cẩm Đức (the officer's) leads, the commune's People's
Committee (the partner's) partners; the task is led by the Đảng ủy with the committee as
partner. Today is whatever the clock says; dates are chosen inside 2026–2030."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs.models import Bucket, Channel, PartyRole, Program, ProgressReport, Task, TaskPart
from phoihop.programs.tests.factories import make_plan, make_program, make_task, task_rows

pytestmark = pytest.mark.django_db

TASKS = reverse("programs:task_list")
CALENDAR = reverse("programs:task_calendar")


def url(name, obj):
    return reverse(f"programs:{name}", args=[obj.pk])


@pytest.fixture
def program(world):
    return make_program(world)


@pytest.fixture
def plan(program):
    return make_plan(program, year=2026, signed=True)


@pytest.fixture
def task(world, plan):
    return make_task(
        plan,
        lead=world.target,
        partners=[world.commune_committee],
        title="Tuyên truyền kỷ niệm ngày thành lập xã",
        due_date=dt.date(2026, 12, 31),
        channels=[Channel.PRESS],
    )


def part_of(task, org) -> TaskPart:
    return task.parts.get(organization=org)


def task_data(world, **overrides) -> dict:
    data = {
        "title": "Hội nghị báo cáo viên quý IV",
        "description": "",
        "content_item": "",
        "lead": str(world.target.pk),
        "partners": [str(world.commune_committee.pk)],
        "responsible_people": "Đ/c Hùng",
        "start_date": "01/10/2026",
        "due_date": "20/12/2026",
        "phase": "during",
        "channels": ["press", "oral"],
        "expected_product": "Báo cáo kết quả",
    }
    data.update(overrides)
    return data


def report_data(part, **overrides) -> dict:
    prefix = f"part{part.pk}-"
    data = {
        "progress": "40",
        "note": "Đã đăng 12 bài",
        "reason": "",
        "evidence_links": "https://baophuyen.vn/bai-1\nhttps://baophuyen.vn/bai-2",
        "evidence_counts": "12 bài viết\n3 hội nghị",
        "version": str(part.version),
    }
    data.update(overrides)
    return {prefix + key: value for key, value in data.items()}


# --- create --------------------------------------------------------------------------


class TestCreate:
    def test_officer_creates_a_task_with_a_partner_and_channels(self, world, client_for, plan):
        response = client_for(world.officer).post(url("task_create", plan), task_data(world))
        task = Task.objects.get()
        assert response.status_code == 302
        assert response.url == url("task_detail", task)
        assert task.channel_list == ["press", "oral"]
        assert task.due_date == dt.date(2026, 12, 20)
        assert {(p.organization, p.role) for p in task.parts.all()} == {
            (world.target, PartyRole.LEAD),
            (world.commune_committee, PartyRole.PARTNER),
        }

    def test_the_form_offers_only_the_programmes_parties_and_items(self, world, client_for, plan):
        form = client_for(world.officer).get(url("task_create", plan)).context["form"]
        leads = [pk for pk, _name in form.fields["lead"].choices if pk]
        assert sorted(leads) == sorted([world.target.pk, world.commune_committee.pk])
        items = [label for pk, label in form.fields["content_item"].choices if pk]
        assert items[0].startswith("Một là, Tuyên truyền")

    def test_a_lead_that_is_not_a_party_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(
            url("task_create", plan), task_data(world, lead=str(world.province_dept_a.pk))
        )
        assert response.context["form"].errors["lead"] == ["Cơ quan chủ trì phải là một bên của chương trình."]
        assert not Task.objects.exists()

    def test_a_due_date_outside_the_period_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(url("task_create", plan), task_data(world, due_date="31/12/2031"))
        assert response.context["form"].errors["due_date"] == [
            "Hạn 31/12/2031 nằm ngoài thời gian của chương trình (2026–2030)."
        ]
        assert not Task.objects.exists()

    def test_a_start_after_the_due_date_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(url("task_create", plan), task_data(world, start_date="21/12/2026"))
        assert response.context["form"].errors["start_date"] == ["Ngày bắt đầu phải trước hạn hoàn thành."]
        assert not Task.objects.exists()

    def test_lead_and_partner_at_once_is_refused(self, world, client_for, plan):
        response = client_for(world.officer).post(
            url("task_create", plan), task_data(world, partners=[str(world.target.pk)])
        )
        assert "Cơ quan chủ trì không thể đồng thời là cơ quan phối hợp." in response.context["form"].errors["partners"]
        assert not Task.objects.exists()

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_add_a_task(self, world, client_for, plan, persona, status):
        client = client_for(getattr(world, persona))
        assert client.get(url("task_create", plan)).status_code == status
        assert client.post(url("task_create", plan), task_data(world)).status_code == status
        assert not Task.objects.exists()


# --- task page -----------------------------------------------------------------------


class TestPage:
    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_may_see_it_gets_200(self, world, client_for, task, persona):
        response = client_for(getattr(world, persona)).get(url("task_detail", task))
        assert response.status_code == 200
        assert task.title in response.content.decode()

    @pytest.mark.parametrize("persona", ["outsider", "nobody"])
    def test_others_get_404(self, world, client_for, task, persona):
        assert client_for(getattr(world, persona)).get(url("task_detail", task)).status_code == 404

    def test_anonymous_is_sent_to_login(self, world, client_for, task):
        assert client_for(None).get(url("task_detail", task)).status_code == 302

    def test_every_party_part_is_shown_with_its_progress_and_evidence(self, world, client_for, task):
        from phoihop.programs import services

        part = part_of(task, world.commune_committee)
        services.task_report_progress(
            actor=world.partner,
            part=part,
            progress=60,
            expected_version=part.version,
            note="Đã phối hợp",
            evidence_links=["https://example.vn/a"],
            evidence_counts=[{"label": "bài viết", "count": 12}],
        )
        response = client_for(world.officer).get(url("task_detail", task))
        html = response.content.decode()
        assert response.context["consolidated"] == 30
        assert f'id="part-{part.pk}"' in html
        assert "<strong>12</strong> bài viết" in html
        assert "https://example.vn/a" in html
        assert "Báo cáo gần nhất" in html
        assert 'aria-valuenow="60"' in html and 'aria-valuenow="30"' in html

    def test_each_editor_gets_the_report_form_of_its_own_part_only(self, world, client_for, task):
        lead_part, partner_part = part_of(task, world.target), part_of(task, world.commune_committee)
        partner_html = client_for(world.partner).get(url("task_detail", task)).content.decode()
        assert url("part_report", partner_part) in partner_html
        assert url("part_report", lead_part) not in partner_html
        officer_html = client_for(world.officer).get(url("task_detail", task)).content.decode()
        assert url("part_report", lead_part) in officer_html
        assert url("part_report", partner_part) not in officer_html

    def test_the_upper_level_gets_no_form_and_no_buttons(self, world, client_for, task):
        html = client_for(world.upper).get(url("task_detail", task)).content.decode()
        assert "/report/" not in html
        assert "data-transition" not in html
        assert url("task_edit", task) not in html

    def test_only_the_allowed_transitions_are_shown(self, world, client_for, task):
        html = client_for(world.officer).get(url("task_detail", task)).content.decode()
        assert 'data-transition="complete"' in html and 'data-transition="cancel"' in html
        assert 'data-transition="reopen"' not in html
        assert "data-transition" not in client_for(world.partner).get(url("task_detail", task)).content.decode()

    @pytest.mark.parametrize(("persona", "bound"), [("officer", 8), ("upper", 9)])
    def test_query_count_does_not_grow_with_parts_and_reports(
        self, world, client_for, django_assert_max_num_queries, persona, bound
    ):
        # session, user, memberships, task, parts, programme parties, (upper: its reading),
        # the reports of every part in one query, history
        client = client_for(getattr(world, persona))
        for count in (2, 8):
            task = task_with_parts(world, count)
            with django_assert_max_num_queries(bound):
                response = client.get(url("task_detail", task))
            assert response.status_code == 200
            assert len(response.context["parts"]) == count
            assert all([r.progress for r in p["reports"]] == [60, 30] for p in response.context["parts"])

    def test_each_part_shows_its_latest_20_reports_newest_first(self, world, client_for, task):
        lead, partner = part_of(task, world.target), part_of(task, world.commune_committee)
        for progress in range(1, 26):
            report_progress(world, partner, progress)
        report_progress(world, lead, 10)
        parts = {p["part"].pk: p for p in client_for(world.officer).get(url("task_detail", task)).context["parts"]}
        assert [r.progress for r in parts[partner.pk]["reports"]] == list(range(25, 5, -1))
        assert [r.progress for r in parts[lead.pk]["reports"]] == [10]


def report_progress(world, part, progress):
    from phoihop.programs import services

    part.refresh_from_db()
    return services.task_report_progress(actor=world.admin, part=part, progress=progress, expected_version=part.version)


def task_with_parts(world, count: int) -> Task:
    """A task of a new programme with `count` parts — the target leads; the commune
    committee and `count - 2` other commune organisations are partners — each part with
    two reports (30 %, then 60 %)."""
    from phoihop.programs import services

    others = [
        OrganizationFactory(level=Level.COMMUNE, administrative_unit=world.commune_c) for _index in range(count - 2)
    ]
    program = services.program_create(
        actor=world.admin,
        title=f"Chương trình phối hợp {count} bên",
        start_year=2026,
        end_year=2030,
        kind=Program.Kind.OTHER,
        parties=[
            services.PartyInput(world.target, PartyRole.LEAD),
            *(services.PartyInput(org, PartyRole.PARTNER) for org in [world.commune_committee, *others]),
        ],
    )
    task = make_task(
        make_plan(program, year=2026),
        lead=world.target,
        partners=[world.commune_committee, *others],
        due_date=dt.date(2026, 12, 31),
    )
    for part in task.parts.all():
        for progress in (30, 60):
            report_progress(world, part, progress)
    return task


# --- progress reports ----------------------------------------------------------------


class TestReport:
    def test_partner_reports_its_own_part_through_htmx(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        response = client_for(world.partner).post(url("part_report", part), report_data(part), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith(f'<article class="card part" id="part-{part.pk}">')
        assert "<html" not in html
        assert 'id="task-progress" class="consolidated" hx-swap-oob="true"' in html
        assert "Đã cập nhật tiến độ." in html
        part.refresh_from_db()
        assert part.progress == 40
        assert part.evidence_counts == [{"label": "bài viết", "count": 12}, {"label": "hội nghị", "count": 3}]
        assert part.evidence_links == ["https://baophuyen.vn/bai-1", "https://baophuyen.vn/bai-2"]
        report = ProgressReport.objects.get()
        assert (report.reported_by, report.previous_progress) == (world.partner, 0)

    def test_without_htmx_the_report_redirects_to_the_task(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        response = client_for(world.partner).post(url("part_report", part), report_data(part))
        assert response.status_code == 302
        assert response.url == url("task_detail", task)
        assert ProgressReport.objects.count() == 1

    def test_the_form_is_wired_to_swap_just_that_card(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        html = client_for(world.partner).get(url("task_detail", task)).content.decode()
        assert f'hx-post="{url("part_report", part)}" hx-target="#part-{part.pk}" hx-swap="outerHTML"' in html

    def test_over_100_is_refused_and_nothing_written(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        response = client_for(world.partner).post(
            url("part_report", part), report_data(part, progress="120"), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert "Tiến độ phải từ 0 đến 100%." in response.content.decode()
        part.refresh_from_db()
        assert part.progress == 0
        assert not ProgressReport.objects.exists()

    def test_going_backwards_needs_a_reason(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        client = client_for(world.partner)
        client.post(url("part_report", part), report_data(part, progress="60"))
        part.refresh_from_db()
        response = client.post(url("part_report", part), report_data(part, progress="30"), HTTP_HX_REQUEST="true")
        assert "Tiến độ giảm từ 60% xuống 30%: hãy nêu lý do." in response.content.decode()
        part.refresh_from_db()
        assert part.progress == 60
        assert ProgressReport.objects.count() == 1
        client.post(url("part_report", part), report_data(part, progress="30", reason="Bài bị gỡ"))
        part.refresh_from_db()
        assert part.progress == 30
        assert ProgressReport.objects.first().reason == "Bài bị gỡ"

    def test_a_count_line_that_is_not_number_then_name_is_named(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        response = client_for(world.partner).post(
            url("part_report", part), report_data(part, evidence_counts="12 bài viết\nba hội nghị")
        )
        assert response.status_code == 200
        assert "Dòng “ba hội nghị” chưa đúng dạng “số tên”, ví dụ “12 bài viết”." in response.content.decode()
        assert not ProgressReport.objects.exists()

    def test_counts_accept_thousands_separators(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        client_for(world.partner).post(url("part_report", part), report_data(part, evidence_counts="1.200 lượt xem"))
        part.refresh_from_db()
        assert part.evidence_counts == [{"label": "lượt xem", "count": 1200}]

    def test_a_link_that_is_not_a_web_address_is_refused(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        response = client_for(world.partner).post(
            url("part_report", part), report_data(part, evidence_links="ftp://x"), HTTP_HX_REQUEST="true"
        )
        assert "Đường dẫn phải bắt đầu bằng http:// hoặc https://" in response.content.decode()
        assert not ProgressReport.objects.exists()

    def test_a_stale_version_is_refused(self, world, client_for, task):
        part = part_of(task, world.commune_committee)
        stale = report_data(part, progress="50")
        client = client_for(world.partner)
        client.post(url("part_report", part), report_data(part, progress="40"))
        response = client.post(url("part_report", part), stale, HTTP_HX_REQUEST="true")
        assert "đã được người khác sửa" in response.content.decode()
        part.refresh_from_db()
        assert part.progress == 40
        assert ProgressReport.objects.count() == 1

    def test_partner_cannot_report_the_leads_part(self, world, client_for, task):
        part = part_of(task, world.target)
        response = client_for(world.partner).post(url("part_report", part), report_data(part))
        assert response.status_code == 403
        assert not ProgressReport.objects.exists()

    @pytest.mark.parametrize("persona, status", [("upper", 403), ("outsider", 404), ("nobody", 404)])
    def test_others_cannot_report(self, world, client_for, task, persona, status):
        part = part_of(task, world.commune_committee)
        assert client_for(getattr(world, persona)).post(url("part_report", part), report_data(part)).status_code == (
            status
        )
        assert not ProgressReport.objects.exists()

    def test_no_report_on_a_finished_task(self, world, client_for, task):
        from phoihop.programs import services

        services.task_transition(actor=world.admin, task=task, action="complete", expected_version=task.version)
        part = part_of(task, world.commune_committee)
        assert "/report/" not in client_for(world.partner).get(url("task_detail", task)).content.decode()
        response = client_for(world.partner).post(url("part_report", part), report_data(part))
        assert "Nhiệm vụ không còn đang thực hiện" in response.content.decode()
        assert not ProgressReport.objects.exists()


# --- transitions and edit ------------------------------------------------------------


class TestTransitions:
    def test_complete_with_a_date(self, world, client_for, task):
        response = client_for(world.officer).post(
            url("task_transition", task), {"action": "complete", "version": task.version, "completed_on": "01/11/2026"}
        )
        assert response.status_code == 302
        task.refresh_from_db()
        assert (task.status, task.completed_on) == (Task.Status.DONE, dt.date(2026, 11, 1))

    def test_cancel_needs_a_reason_then_reopen(self, world, client_for, task):
        client = client_for(world.officer)
        response = client.post(url("task_transition", task), {"action": "cancel", "version": task.version})
        assert "Hãy nêu lý do." in response.content.decode()
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN
        client.post(url("task_transition", task), {"action": "cancel", "version": task.version, "reason": "Trùng"})
        task.refresh_from_db()
        assert task.status == Task.Status.CANCELLED
        html = client.get(url("task_detail", task)).content.decode()
        assert 'data-transition="reopen"' in html and 'data-transition="complete"' not in html

    def test_a_transition_not_allowed_now_is_refused(self, world, client_for, task):
        response = client_for(world.officer).post(
            url("task_transition", task), {"action": "reopen", "version": task.version, "reason": "x"}
        )
        assert "Không thể “Mở lại” khi đang ở trạng thái “Đang thực hiện”." in response.content.decode()
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN

    def test_a_completion_date_in_the_future_is_refused(self, world, client_for, task):
        future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
        response = client_for(world.officer).post(
            url("task_transition", task), {"action": "complete", "version": task.version, "completed_on": future}
        )
        assert "Ngày hoàn thành không thể ở tương lai." in response.content.decode()
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN

    def test_a_stale_version_is_refused(self, world, client_for, task):
        response = client_for(world.officer).post(
            url("task_transition", task), {"action": "complete", "version": task.version + 1}
        )
        assert "đã được người khác sửa" in response.content.decode()
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_change_the_status(self, world, client_for, task, persona, status):
        response = client_for(getattr(world, persona)).post(
            url("task_transition", task), {"action": "complete", "version": task.version}
        )
        assert response.status_code == status
        task.refresh_from_db()
        assert task.status == Task.Status.OPEN


class TestEdit:
    def test_the_form_is_filled_with_the_task(self, world, client_for, task):
        form = client_for(world.officer).get(url("task_edit", task)).context["form"]
        assert form.initial["partners"] == [world.commune_committee.pk]
        assert form.initial["channels"] == ["press"]

    def test_officer_edits_the_task(self, world, client_for, task):
        data = task_data(world, title="Tên mới", partners=[], version=str(task.version))
        assert client_for(world.officer).post(url("task_edit", task), data).status_code == 302
        task.refresh_from_db()
        assert task.title == "Tên mới"
        assert [p.organization for p in task.parts.all()] == [world.target]

    def test_a_stale_version_is_refused(self, world, client_for, task):
        client = client_for(world.officer)
        stale = task_data(world, title="Thứ hai", version=str(task.version))
        client.post(url("task_edit", task), task_data(world, title="Thứ nhất", version=str(task.version)))
        response = client.post(url("task_edit", task), stale)
        assert "đã được người khác sửa" in response.content.decode()
        task.refresh_from_db()
        assert task.title == "Thứ nhất"

    def test_a_due_date_outside_the_period_is_refused(self, world, client_for, task):
        data = task_data(world, due_date="01/01/2025", start_date="", version=str(task.version))
        response = client_for(world.officer).post(url("task_edit", task), data)
        assert "nằm ngoài thời gian của chương trình" in response.context["form"].errors["due_date"][0]
        task.refresh_from_db()
        assert task.due_date == dt.date(2026, 12, 31)

    def test_a_task_lead_that_is_a_partner_edits_its_task_but_does_not_reassign_it(self, world, client_for, plan):
        """The partner leads this task: it runs it, the programme's lead decides who does it."""
        led = make_task(plan, lead=world.commune_committee, partners=[world.target], title="Việc của UBND xã")
        lead, partners = str(world.commune_committee.pk), [str(world.target.pk)]
        client = client_for(world.partner)
        data = task_data(world, title="Việc của UBND xã (sửa)", lead=lead, partners=partners, version=str(led.version))
        assert client.post(url("task_edit", led), data).status_code == 302
        led.refresh_from_db()
        assert led.title == "Việc của UBND xã (sửa)"
        for change in ({"partners": []}, {"lead": str(world.target.pk), "partners": [lead]}):
            data = task_data(world, lead=lead, partners=partners, version=str(led.version)) | change
            response = client.post(url("task_edit", led), data)
            assert response.status_code == 200
            errors = response.context["form"].errors
            assert "Chỉ cơ quan chủ trì chương trình mới đổi được" in " ".join(
                errors.get("lead", errors.get("partners"))
            )
        led.refresh_from_db()
        assert led.lead == world.commune_committee
        assert {p.organization for p in led.parts.all()} == {world.commune_committee, world.target}
        # The programme's lead may.
        data = task_data(world, lead=lead, partners=[], version=str(led.version))
        assert client_for(world.officer).post(url("task_edit", led), data).status_code == 302
        assert [p.organization for p in led.parts.all()] == [world.commune_committee]

    @pytest.mark.parametrize("persona, status", [("partner", 403), ("upper", 403), ("outsider", 404)])
    def test_others_cannot_edit(self, world, client_for, task, persona, status):
        client = client_for(getattr(world, persona))
        assert client.get(url("task_edit", task)).status_code == status
        data = task_data(world, title="X", version=str(task.version))
        assert client.post(url("task_edit", task), data).status_code == status
        task.refresh_from_db()
        assert task.title != "X"


# --- task list -----------------------------------------------------------------------


def listed(response) -> list[str]:
    return [task.title for task in response.context["page"].object_list]


class TestList:
    def test_anonymous_is_sent_to_login(self, world, client_for):
        assert client_for(None).get(TASKS).status_code == 302

    @pytest.mark.parametrize("persona", ["officer", "partner", "upper", "admin"])
    def test_who_may_see_the_task_finds_it(self, world, client_for, task, persona):
        response = client_for(getattr(world, persona)).get(TASKS)
        assert response.status_code == 200
        assert listed(response) == [task.title]

    def test_outsider_sees_nothing(self, world, client_for, task):
        response = client_for(world.outsider).get(TASKS)
        assert listed(response) == []
        assert task.title not in response.content.decode()

    def test_filters(self, world, client_for, plan, task):
        other_org = OrganizationFactory(name="Hội Phụ nữ xã", level=Level.COMMUNE, administrative_unit=world.commune_c)
        overdue = make_task(plan, lead=world.target, title="Việc đã quá hạn", due_date=dt.date(2026, 2, 1))
        client = client_for(world.officer)
        assert listed(client.get(TASKS, {"bucket": Bucket.OPEN_OVERDUE})) == [overdue.title]
        assert listed(client.get(TASKS, {"bucket": Bucket.OPEN_ON_TIME})) == [task.title]
        assert listed(client.get(TASKS, {"organization": world.commune_committee.pk})) == [task.title]
        assert listed(client.get(TASKS, {"channel": "press"})) == [task.title]
        assert listed(client.get(TASKS, {"program": plan.program_id})) == [overdue.title, task.title]
        assert listed(client.get(TASKS, {"due_from": "01/12/2026", "due_to": "31/12/2026"})) == [task.title]
        assert listed(client.get(TASKS, {"q": "ky niem thanh lap"})) == [task.title]
        assert listed(client.get(TASKS, {"status": "done"})) == []
        assert other_org  # not a party: never a choice
        response = client.get(TASKS, {"organization": other_org.pk})
        assert response.context["form"].errors["organization"]

    def test_the_filter_page_carries_only_the_selected_organisation(self, world, client_for, task):
        """The long lists of programmes and organisations come on demand (filter_options)."""
        client = client_for(world.officer)
        html = client.get(TASKS).content.decode()
        assert world.commune_committee.name not in html.split('id="results"')[0]
        assert reverse("programs:filter_options", args=["parties"]) in html
        html = client.get(TASKS, {"organization": world.commune_committee.pk}).content.decode()
        assert f'<option value="{world.commune_committee.pk}" selected>{world.commune_committee.name}' in html

    def test_pages_follow_the_due_date_order(self, world, client_for, plan, settings):
        settings.PAGE_SIZE = 4
        days = [dt.date(2026, 12, 1) - dt.timedelta(days=n % 5) for n in range(10)]
        for n, day in enumerate(days):
            make_task(plan, lead=world.target, title=f"Việc {n:02}", due_date=day)
        client = client_for(world.officer)
        seen = [title for page in (1, 2, 3) for title in listed(client.get(TASKS, {"page": page}))]
        expected = Task.objects.order_by("due_date", "id").values_list("title", flat=True)
        assert seen == list(expected)

    def test_a_reversed_due_range_is_pointed_out(self, world, client_for, task):
        response = client_for(world.officer).get(TASKS, {"due_from": "31/12/2026", "due_to": "01/12/2026"})
        assert response.context["form"].errors["due_to"] == ["Ngày cuối phải sau ngày đầu."]

    def test_htmx_request_gets_only_the_results(self, world, client_for, task):
        response = client_for(world.officer).get(TASKS, {"q": "ky niem"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert task.title in html
        assert "<html" not in html and 'id="task-filters"' not in html

    @pytest.mark.parametrize("persona", ["officer", "partner", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, client_for, plan, django_assert_max_num_queries, persona):
        client = client_for(getattr(world, persona))
        task_rows(plan, world.target, [world.commune_committee], count=3)
        with django_assert_max_num_queries(10):
            assert client.get(TASKS).status_code == 200
        task_rows(plan, world.target, [world.commune_committee], count=30)
        with django_assert_max_num_queries(10):
            response = client.get(TASKS)
        assert len(listed(response)) == 25


@pytest.mark.django_db
class TestFilterOptions:
    def options(self, response) -> list[str]:
        return re.findall(r"<option[^>]*>([^<]*)</option>", response.content.decode())

    def test_anonymous_is_sent_to_login(self, world, client_for):
        assert client_for(None).get(reverse("programs:filter_options", args=["parties"])).status_code == 302

    def test_parties_of_the_programmes_the_user_sees(self, world, client_for, task):
        response = client_for(world.officer).get(reverse("programs:filter_options", args=["parties"]))
        # In Vietnamese order: "Đảng ủy …" before "Ủy ban …".
        assert self.options(response) == ["Tất cả", world.target.name, world.commune_committee.name]

    def test_the_current_value_stays_selected(self, world, client_for, task):
        url = reverse("programs:filter_options", args=["parties"])
        html = client_for(world.officer).get(url, {"organization": world.target.pk}).content.decode()
        assert f'<option value="{world.target.pk}" selected>' in html

    def test_programmes_the_user_sees(self, world, client_for, plan):
        response = client_for(world.officer).get(reverse("programs:filter_options", args=["programs"]))
        assert self.options(response)[1].startswith(plan.program.title)

    def test_outsider_gets_no_option_of_others(self, world, client_for, task):
        client = client_for(world.outsider)
        for kind in ("parties", "programs"):
            assert self.options(client.get(reverse("programs:filter_options", args=[kind]))) == ["Tất cả"]

    def test_unknown_list_is_404(self, world, client_for):
        assert client_for(world.officer).get("/programs/options/users/").status_code == 404


# --- calendar ------------------------------------------------------------------------


class TestCalendar:
    def test_tasks_appear_on_their_due_day(self, world, client_for, plan, task):
        make_task(plan, lead=world.target, title="Việc tháng mười một", due_date=dt.date(2026, 11, 20))
        response = client_for(world.partner).get(CALENDAR, {"month": "2026-11"})
        days = {day["date"]: day["tasks"] for week in response.context["weeks"] for day in week}
        assert [t.title for t in days[dt.date(2026, 11, 20)]] == ["Việc tháng mười một"]
        assert days[dt.date(2026, 11, 21)] == []
        html = response.content.decode()
        assert "?month=2026-10" in html and "?month=2026-12" in html
        assert task.title not in html  # due in December

    def test_weeks_start_on_monday_and_cover_the_month(self, world, client_for):
        weeks = client_for(world.officer).get(CALENDAR, {"month": "2026-02"}).context["weeks"]
        assert all(week[0]["date"].weekday() == 0 for week in weeks)
        in_month = [day["date"] for week in weeks for day in week if day["in_month"]]
        assert in_month[0] == dt.date(2026, 2, 1) and in_month[-1] == dt.date(2026, 2, 28)

    def test_a_bad_month_shows_this_month(self, world, client_for):
        response = client_for(world.officer).get(CALENDAR, {"month": "2026-13"})
        assert response.context["month"] == timezone.localdate().replace(day=1)

    def test_year_boundaries(self, world, client_for):
        html = client_for(world.officer).get(CALENDAR, {"month": "2027-01"}).content.decode()
        assert "?month=2026-12" in html and "?month=2027-02" in html

    def test_outsider_sees_no_tasks(self, world, client_for, task):
        response = client_for(world.outsider).get(CALENDAR, {"month": "2026-12"})
        assert response.context["task_count"] == 0
        assert task.title not in response.content.decode()

    def test_anonymous_is_sent_to_login(self, world, client_for):
        assert client_for(None).get(CALENDAR).status_code == 302

    def test_query_count_does_not_grow_with_tasks(self, world, client_for, plan, django_assert_max_num_queries):
        client = client_for(world.officer)
        task_rows(plan, world.target, [world.commune_committee], count=3, due_date=dt.date(2026, 12, 3))
        with django_assert_max_num_queries(8):
            client.get(CALENDAR, {"month": "2026-12"})
        task_rows(plan, world.target, [world.commune_committee], count=30, due_date=dt.date(2026, 12, 9))
        with django_assert_max_num_queries(8):
            response = client.get(CALENDAR, {"month": "2026-12"})
        assert response.context["task_count"] == 33
