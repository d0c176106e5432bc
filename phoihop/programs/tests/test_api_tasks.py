"""/api/v1/tasks/ and /api/v1/plans/{id}/tasks: who may list, open, create, change and
move tasks; each party reports its own part and only its own; bad input (nothing
written), stale versions, and that the list does not grow in queries with rows."""

import datetime as dt

import pytest

from phoihop.audit.models import AuditEntry
from phoihop.organisations.models import Level
from phoihop.organisations.tests.factories import OrganizationFactory
from phoihop.programs import services
from phoihop.programs.models import PartyRole, ProgressReport, Task, TaskPart
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

LIST = f"{API}/tasks/"


@pytest.fixture
def prog(world):
    return build_programme(world)


def detail_url(task) -> str:
    return f"{LIST}{task.pk}"


def progress_url(part) -> str:
    return f"{LIST}{part.task_id}/parts/{part.pk}/progress"


def reports_url(part) -> str:
    return f"{LIST}{part.task_id}/parts/{part.pk}/reports"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def report(world, part, progress, **kwargs):
    part.refresh_from_db()
    return services.task_report_progress(
        actor=world.admin, part=part, progress=progress, expected_version=part.version, **kwargs
    )


# --- list ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestList:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(LIST).status_code == 401

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_the_programme_see_its_tasks(self, world, prog, persona):
        assert titles(client_of(world, persona).get(LIST)) == [prog.task.title]

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_and_nobody_see_none(self, world, prog, persona):
        assert client_of(world, persona).get(LIST).json()["count"] == 0

    def test_each_item_has_its_bucket_consolidated_progress_and_parts(self, world, prog):
        report(world, prog.partner_part, 60)
        item = client_of(world, "partner").get(LIST).json()["items"][0]
        assert (item["bucket"], item["bucket_label"]) == ("open_on_time", "Đang thực hiện trong hạn")
        assert item["progress"] == 30  # the mean of the lead's 0 % and the partner's 60 %
        assert [(p["organization"]["name"], p["role"], p["progress"]) for p in item["parts"]] == [
            ("Đảng ủy xã Cẩm Đức", "lead", 0),
            ("Ủy ban nhân dân xã Cẩm Đức", "partner", 60),
        ]
        assert (item["program"]["id"], item["plan"]["id"], item["lead"]["id"]) == (
            prog.program.pk,
            prog.plan.pk,
            world.target.pk,
        )
        assert (item["content_item"]["ordinal"], item["channels"], item["channel_labels"]) == (
            "Một là",
            ["press", "social"],
            ["Báo chí", "Mạng xã hội"],
        )

    def test_filters_are_the_selector_filters(self, world, prog):
        overdue = make_task(
            world,
            prog.plan,
            title="Hội nghị phổ biến nghị quyết",
            due_date=today() - dt.timedelta(days=3),
            partners=[],
            channels=["oral"],
            phase="before",
        )
        done = make_task(world, prog.plan, title="Đăng tin trên trang thông tin điện tử", partners=[])
        services.task_transition(actor=world.admin, task=done, action="complete", expected_version=1)
        client = bearer(world.admin)
        assert titles(client.get(LIST, {"bucket": "open_overdue"})) == [overdue.title]
        assert titles(client.get(LIST, {"bucket": "done_on_time"})) == [done.title]
        assert titles(client.get(LIST, {"status": "done"})) == [done.title]
        assert titles(client.get(LIST, {"organization": world.commune_committee.pk})) == [prog.task.title]
        assert len(titles(client.get(LIST, {"lead": world.target.pk}))) == 3
        assert titles(client.get(LIST, {"channel": "oral", "phase": "before"})) == [overdue.title]
        assert titles(client.get(LIST, {"q": "hoi nghi pho bien"})) == [overdue.title]
        assert titles(client.get(LIST, {"due_to": dmy(today())})) == [overdue.title]
        assert len(titles(client.get(LIST, {"due_from": dmy(today()), "plan": prog.plan.pk}))) == 2
        assert titles(client.get(LIST, {"program": prog.program.pk + 1000})) == []

    def test_bad_filters_are_422_in_vietnamese(self, world, prog):
        found = errors(bearer(world.admin).get(LIST, {"bucket": "late", "due_from": "32/01/2026", "lead": "x"}))
        assert found["bucket"][0].startswith("Giá trị không hợp lệ. Chọn một trong:")
        assert found["due_from"] == ["Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."]
        assert found["lead"] == ["Cần một số nguyên."]

    @pytest.mark.parametrize("persona", ["officer", "partner", "admin"])
    def test_query_count_does_not_grow_with_rows(self, world, prog, persona, django_assert_max_num_queries):
        client = client_of(world, persona)
        client.get(LIST)  # the token's last_used_at is written on first use
        for size in (3, 30):
            while Task.objects.count() < size:
                make_task(world, prog.plan, title=f"Nhiệm vụ {Task.objects.count()}")
            # token, memberships, lineage edges (2), visible programme ids, count, the page's
            # keys, the page's rows, parts
            with django_assert_max_num_queries(9):
                response = client.get(LIST, {"page_size": 100})
            assert response.json()["count"] == size


# --- detail --------------------------------------------------------------------------


@pytest.mark.django_db
class TestDetail:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(detail_url(prog.task)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = client_of(world, persona).get(detail_url(prog.task))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_it_read_every_part_and_its_latest_reports(self, world, prog, persona):
        report(world, prog.partner_part, 40, note="Đã đăng 5 bài", evidence_counts=[{"label": "bài viết", "count": 5}])
        report(world, prog.partner_part, 70, evidence_links=["https://xa.example.vn/tin-1"])
        body = client_of(world, persona).get(detail_url(prog.task)).json()
        assert (body["title"], body["status"], body["bucket"], body["progress"]) == (
            prog.task.title,
            "open",
            "open_on_time",
            35,
        )
        lead, partner = body["parts"]
        assert (lead["role"], lead["progress"], lead["latest_reports"]) == ("lead", 0, [])
        assert (partner["role"], partner["progress"], partner["version"]) == ("partner", 70, 3)
        assert [r["progress"] for r in partner["latest_reports"]] == [70, 40]
        assert partner["latest_reports"][1]["evidence_counts"] == [{"label": "bài viết", "count": 5}]
        assert partner["evidence_links"] == ["https://xa.example.vn/tin-1"]
        assert [a["action"] for a in body["allowed_actions"]] == ["complete", "cancel"]

    @pytest.mark.parametrize(
        ("persona", "may_report"),
        [("officer", [True, False]), ("partner", [False, True]), ("upper", [False, False]), ("admin", [True, True])],
    )
    def test_each_party_may_report_only_its_own_part(self, world, prog, persona, may_report):
        body = client_of(world, persona).get(detail_url(prog.task)).json()
        assert [part["may_report"] for part in body["parts"]] == may_report

    @pytest.mark.parametrize(("persona", "bound"), [("officer", 6), ("upper", 7)])
    def test_query_count_does_not_grow_with_parts_and_reports(
        self, world, persona, bound, django_assert_max_num_queries
    ):
        # token, memberships, task, parts, programme parties, (upper: its reading), the
        # latest reports of every part in one query
        client = client_of(world, persona)
        client.get(f"{API}/programs/")  # the token's last_used_at is written on first use
        for count in (2, 8):
            task = task_with_parts(world, count)
            with django_assert_max_num_queries(bound):
                response = client.get(detail_url(task))
            assert response.status_code == 200
            parts = response.json()["parts"]
            assert len(parts) == count
            assert all([r["progress"] for r in part["latest_reports"]] == [60, 30] for part in parts)

    def test_latest_reports_are_the_five_newest_of_each_part(self, world, prog):
        for progress in range(10, 80, 10):
            report(world, prog.partner_part, progress)
        report(world, prog.lead_part, 15)
        lead, partner = bearer(world.admin).get(detail_url(prog.task)).json()["parts"]
        assert [r["progress"] for r in partner["latest_reports"]] == [70, 60, 50, 40, 30]
        assert [r["progress"] for r in lead["latest_reports"]] == [15]


def task_with_parts(world, count: int) -> Task:
    """A task of a new programme with `count` parts (the target leads; the commune
    committee and `count - 2` other commune organisations partner), each part with two
    reports: 30 %, then 60 %."""
    others = [
        OrganizationFactory(level=Level.COMMUNE, administrative_unit=world.commune_c) for _index in range(count - 2)
    ]
    program = make_programme(
        world,
        title=f"Chương trình phối hợp {count} bên",
        parties=[
            services.PartyInput(world.target, PartyRole.LEAD),
            *(services.PartyInput(org, PartyRole.PARTNER) for org in [world.commune_committee, *others]),
        ],
    )
    plan = services.plan_create(actor=world.admin, program=program, year=today().year, title="Kế hoạch năm nay")
    task = make_task(world, plan, partners=[world.commune_committee, *others])
    for part in task.parts.all():
        for progress in (30, 60):
            report(world, part, progress)
    return task


# --- create --------------------------------------------------------------------------


@pytest.mark.django_db
class TestCreate:
    def url(self, prog):
        return f"{API}/plans/{prog.plan.pk}/tasks"

    def body(self, world, **overrides):
        values = {
            "title": "Tọa đàm về chuyển đổi số",
            "description": "Tổ chức tọa đàm tại hội trường xã.",
            "lead": world.target.pk,
            "partners": [world.commune_committee.pk],
            "due_date": dmy(today() + dt.timedelta(days=20)),
            "phase": "during",
            "channels": ["press_conference", "radio_tv"],
            "expected_product": "1 tọa đàm",
        }
        return {**values, **overrides}

    def counts(self):
        return Task.objects.count(), TaskPart.objects.count(), AuditEntry.objects.count()

    def test_anonymous_gets_401(self, client, world, prog):
        assert post_json(client, self.url(prog), self.body(world)).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        client = client_of(world, persona)
        before = self.counts()
        response = post_json(client, self.url(prog), self.body(world))
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert self.counts() == before

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        assert post_json(client_of(world, persona), self.url(prog), self.body(world)).status_code == 404

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_lead_editor_adds_a_task_with_one_part_per_party(self, world, prog, persona):
        item = prog.program.content_items.get(number=2)
        response = post_json(client_of(world, persona), self.url(prog), self.body(world, content_item=item.pk))
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["title"], body["phase"], body["channels"], body["content_item"]["ordinal"]) == (
            "Tọa đàm về chuyển đổi số",
            "during",
            ["press_conference", "radio_tv"],
            "Hai là",
        )
        assert [(p["organization"]["id"], p["role"], p["progress"]) for p in body["parts"]] == [
            (world.target.pk, "lead", 0),
            (world.commune_committee.pk, "partner", 0),
        ]

    def test_a_lead_that_is_not_a_party_is_refused(self, world, prog):
        association = OrganizationFactory(
            name="Hội Nông dân xã Cẩm Đức", level=Level.COMMUNE, administrative_unit=world.commune_c
        )
        client = client_of(world, "officer")
        before = self.counts()
        found = errors(post_json(client, self.url(prog), self.body(world, lead=association.pk)))
        assert found == {
            "lead": ["Hội Nông dân xã Cẩm Đức không phải là một bên của chương trình nên không thể chủ trì nhiệm vụ."]
        }
        assert self.counts() == before

    def test_organisations_the_user_cannot_see_are_not_named(self, world, prog):
        found = errors(
            post_json(client_of(world, "officer"), self.url(prog), self.body(world, lead=world.province_dept_b.pk))
        )
        assert found == {"lead": [f"Không tìm thấy cơ quan có mã: {world.province_dept_b.pk}."]}

    def test_a_due_date_outside_the_period_is_refused(self, world, prog):
        client = client_of(world, "officer")
        before = self.counts()
        late = dt.date(today().year + 2, 3, 1)
        found = errors(post_json(client, self.url(prog), self.body(world, due_date=dmy(late))))
        assert found == {
            "due_date": [
                f"Hạn {dmy(late)} nằm ngoài thời gian của chương trình ({today().year - 1}–{today().year + 1})."
            ]
        }
        assert self.counts() == before

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"title": " "}, "title", "Hãy nhập tên nhiệm vụ."),
            ({"due_date": "31/02/2026"}, "due_date", "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)."),
            ({"channels": ["tv"]}, "channels.0", None),
            ({"phase": "sometime"}, "phase", None),
            ({"content_item": 0}, "content_item", "Không tìm thấy nội dung có mã 0 trong chương trình này."),
            ({"partners": [0]}, "partners", "Không tìm thấy cơ quan có mã: 0."),
        ],
    )
    def test_bad_body_is_422_with_field_messages_and_writes_nothing(self, world, prog, overrides, field, message):
        client = client_of(world, "officer")
        before = self.counts()
        found = errors(post_json(client, self.url(prog), self.body(world, **overrides)))
        assert field in found, found
        if message:
            assert found[field] == [message]
        else:
            assert found[field][0].startswith("Giá trị không hợp lệ.")
        assert self.counts() == before


# --- update --------------------------------------------------------------------------


@pytest.mark.django_db
class TestUpdate:
    def test_anonymous_gets_401(self, client, prog):
        assert patch_json(client, detail_url(prog.task), {"version": 1, "title": "Mới"}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.task), {"version": 1, "title": "Mới"})
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        prog.task.refresh_from_db()
        assert (prog.task.title, prog.task.version) == ("Tuyên truyền kỷ niệm ngày thành lập xã", 1)

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = patch_json(client_of(world, persona), detail_url(prog.task), {"version": 1, "title": "Mới"})
        assert response.status_code == 404

    @pytest.mark.parametrize("persona", ["officer", "admin"])
    def test_lead_editor_changes_only_the_fields_sent(self, world, prog, persona):
        body = {"version": 1, "title": "Tên mới", "channels": ["visual"], "partners": [], "content_item": None}
        response = patch_json(client_of(world, persona), detail_url(prog.task), body)
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["title"], data["channels"], data["content_item"], data["version"]) == (
            "Tên mới",
            ["visual"],
            None,
            2,
        )
        assert [p["role"] for p in data["parts"]] == ["lead"]
        assert data["expected_product"] == "12 bài viết"

    def test_stale_version_is_409_and_changes_nothing(self, world, prog):
        client = client_of(world, "officer")
        assert patch_json(client, detail_url(prog.task), {"version": 1, "title": "Lần một"}).status_code == 200
        response = patch_json(client, detail_url(prog.task), {"version": 1, "title": "Lần hai"})
        assert response.status_code == 409
        assert response.json()["detail"].startswith(STALE)
        prog.task.refresh_from_db()
        assert (prog.task.title, prog.task.version) == ("Lần một", 2)

    def test_due_date_outside_the_period_is_refused(self, world, prog):
        body = {"version": 1, "due_date": f"{today().year - 2}-12-31"}
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.task), body))
        assert list(found) == ["due_date"]
        prog.task.refresh_from_db()
        assert prog.task.version == 1

    def test_due_date_cannot_be_set_to_null(self, world, prog):
        found = errors(patch_json(client_of(world, "officer"), detail_url(prog.task), {"version": 1, "due_date": None}))
        assert "due_date" in found


# --- transitions ---------------------------------------------------------------------


@pytest.mark.django_db
class TestTransitions:
    def url(self, task):
        return f"{detail_url(task)}/transitions"

    def test_anonymous_gets_401(self, client, prog):
        assert post_json(client, self.url(prog.task), {"action": "complete", "version": 1}).status_code == 401

    @pytest.mark.parametrize("persona", ["partner", "upper"])
    def test_partner_and_upper_level_get_403(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog.task), {"action": "complete", "version": 1})
        assert response.status_code == 403
        prog.task.refresh_from_db()
        assert prog.task.status == "open"

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = post_json(client_of(world, persona), self.url(prog.task), {"action": "complete", "version": 1})
        assert response.status_code == 404

    def test_complete_late_then_reopen_with_a_reason(self, world, prog):
        overdue = make_task(world, prog.plan, title="Việc trễ hạn", due_date=today() - dt.timedelta(days=10))
        client = client_of(world, "officer")
        body = {"action": "complete", "version": 1, "completed_on": dmy(today() - dt.timedelta(days=1))}
        response = post_json(client, self.url(overdue), body)
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["status"], data["bucket"], data["progress"], data["version"]) == ("done", "done_late", 100, 2)
        assert data["completed_on"] == (today() - dt.timedelta(days=1)).isoformat()
        found = errors(post_json(client, self.url(overdue), {"action": "reopen", "version": 2}))
        assert found == {"reason": ["Hãy nêu lý do."]}
        data = post_json(client, self.url(overdue), {"action": "reopen", "version": 2, "reason": "Chưa đạt"}).json()
        assert (data["status"], data["bucket"], data["status_reason"]) == ("open", "open_overdue", "Chưa đạt")

    def test_completion_in_the_future_is_refused(self, world, prog):
        body = {"action": "complete", "version": 1, "completed_on": dmy(today() + dt.timedelta(days=1))}
        found = errors(post_json(client_of(world, "officer"), self.url(prog.task), body))
        assert found == {"completed_on": ["Ngày hoàn thành không thể ở tương lai."]}
        prog.task.refresh_from_db()
        assert prog.task.status == "open"

    def test_a_transition_not_allowed_now_is_refused(self, world, prog):
        body = {"action": "reopen", "version": 1, "reason": "Thử"}
        found = errors(post_json(client_of(world, "officer"), self.url(prog.task), body))
        assert found == {"action": ["Không thể “Mở lại” khi đang ở trạng thái “Đang thực hiện”."]}

    def test_stale_version_is_409(self, world, prog):
        response = post_json(client_of(world, "officer"), self.url(prog.task), {"action": "complete", "version": 3})
        assert response.status_code == 409
        prog.task.refresh_from_db()
        assert prog.task.status == "open"


# --- progress reports ----------------------------------------------------------------


@pytest.mark.django_db
class TestProgress:
    def body(self, part, **overrides):
        values = {
            "progress": 50,
            "version": part.version,
            "note": "Đã đăng 6 bài trên trang thông tin điện tử xã.",
            "evidence_links": ["https://camduc.example.vn/tin-tuc/1"],
            "evidence_counts": [{"label": "bài viết", "count": 6}],
        }
        return {**values, **overrides}

    def test_anonymous_gets_401(self, client, prog):
        assert post_json(client, progress_url(prog.partner_part), self.body(prog.partner_part)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        response = post_json(client_of(world, persona), progress_url(prog.partner_part), self.body(prog.partner_part))
        assert response.status_code == 404
        assert response.json() == NOT_FOUND

    def test_partner_reports_its_own_part(self, world, prog):
        response = post_json(client_of(world, "partner"), progress_url(prog.partner_part), self.body(prog.partner_part))
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["part"]["progress"], body["part"]["version"], body["task_progress"]) == (50, 2, 25)
        assert (body["report"]["progress"], body["report"]["previous_progress"]) == (50, 0)
        assert body["report"]["reported_by_name"] == world.partner.get_full_name()
        assert body["part"]["evidence_counts"] == [{"label": "bài viết", "count": 6}]
        stored = ProgressReport.objects.get()
        assert (stored.part, stored.evidence_links) == (prog.partner_part, ["https://camduc.example.vn/tin-tuc/1"])

    def test_partner_gets_403_on_the_leads_part(self, world, prog):
        response = post_json(client_of(world, "partner"), progress_url(prog.lead_part), self.body(prog.lead_part))
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        prog.lead_part.refresh_from_db()
        assert (prog.lead_part.progress, prog.lead_part.version) == (0, 1)
        assert not ProgressReport.objects.exists()

    def test_lead_reports_its_own_part_but_not_the_partners(self, world, prog):
        client = client_of(world, "officer")
        assert post_json(client, progress_url(prog.lead_part), self.body(prog.lead_part)).status_code == 201
        assert post_json(client, progress_url(prog.partner_part), self.body(prog.partner_part)).status_code == 403
        assert ProgressReport.objects.get().part == prog.lead_part

    def test_upper_level_gets_403(self, world, prog):
        response = post_json(client_of(world, "upper"), progress_url(prog.partner_part), self.body(prog.partner_part))
        assert response.status_code == 403
        assert not ProgressReport.objects.exists()

    def test_admin_may_report_any_part(self, world, prog):
        response = post_json(bearer(world.admin), progress_url(prog.lead_part), self.body(prog.lead_part))
        assert response.status_code == 201

    def test_a_part_of_another_task_is_404(self, world, prog):
        other = make_task(world, prog.plan, title="Việc khác")
        part = other.parts.get(role=PartyRole.PARTNER)
        url = f"{LIST}{prog.task.pk}/parts/{part.pk}/progress"
        assert post_json(client_of(world, "partner"), url, self.body(part)).status_code == 404

    def test_progress_over_100_is_refused(self, world, prog):
        client = client_of(world, "partner")
        found = errors(post_json(client, progress_url(prog.partner_part), self.body(prog.partner_part, progress=101)))
        assert found == {"progress": ["Tiến độ phải từ 0 đến 100%."]}
        assert not ProgressReport.objects.exists()

    def test_going_backwards_needs_a_reason(self, world, prog):
        report(world, prog.partner_part, 80)
        prog.partner_part.refresh_from_db()
        client = client_of(world, "partner")
        url = progress_url(prog.partner_part)
        found = errors(post_json(client, url, self.body(prog.partner_part, progress=60)))
        assert found == {"reason": ["Tiến độ giảm từ 80% xuống 60%: hãy nêu lý do."]}
        assert ProgressReport.objects.count() == 1
        body = self.body(prog.partner_part, progress=60, reason="Một hội nghị bị hoãn")
        response = post_json(client, url, body)
        assert response.status_code == 201, response.content
        assert response.json()["report"]["reason"] == "Một hội nghị bị hoãn"

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"evidence_links": ["ftp://x"]},
                "evidence_links",
                "Đường dẫn phải bắt đầu bằng http:// hoặc https://: ftp://x",
            ),
            (
                {"evidence_counts": [{"label": "", "count": 3}]},
                "evidence_counts",
                "Mỗi số liệu cần tên và một số không âm, ví dụ “12 bài viết”.",
            ),
            (
                {"evidence_counts": [{"label": "bài", "count": "nhiều"}]},
                "evidence_counts.0.count",
                "Cần một số nguyên.",
            ),
            ({"progress": "năm mươi"}, "progress", "Cần một số nguyên."),
            ({"version": None}, "version", "Cần một số nguyên."),
        ],
    )
    def test_bad_body_is_422_and_writes_nothing(self, world, prog, overrides, field, message):
        client = client_of(world, "partner")
        found = errors(post_json(client, progress_url(prog.partner_part), self.body(prog.partner_part, **overrides)))
        assert found == {field: [message]}
        assert not ProgressReport.objects.exists()

    def test_stale_part_version_is_409(self, world, prog):
        report(world, prog.partner_part, 30)  # someone else reported first: version 2
        client = client_of(world, "partner")
        response = post_json(client, progress_url(prog.partner_part), self.body(prog.partner_part, version=1))
        assert response.status_code == 409
        assert response.json()["detail"].startswith(STALE)
        prog.partner_part.refresh_from_db()
        assert prog.partner_part.progress == 30
        assert ProgressReport.objects.count() == 1

    def test_a_finished_task_takes_no_reports(self, world, prog):
        services.task_transition(actor=world.admin, task=prog.task, action="complete", expected_version=1)
        found = errors(
            post_json(client_of(world, "partner"), progress_url(prog.partner_part), self.body(prog.partner_part))
        )
        assert found == {None: ["Nhiệm vụ không còn đang thực hiện; không thể báo cáo tiến độ."]}


@pytest.mark.django_db
class TestReports:
    def test_anonymous_gets_401(self, client, prog):
        assert client.get(reports_url(prog.partner_part)).status_code == 401

    @pytest.mark.parametrize("persona", NOT_SEEING)
    def test_outsider_gets_404(self, world, prog, persona):
        assert client_of(world, persona).get(reports_url(prog.partner_part)).status_code == 404

    @pytest.mark.parametrize("persona", SEEING)
    def test_those_who_see_the_task_read_any_parts_history_newest_first(self, world, prog, persona):
        for progress in (10, 40, 90):
            report(world, prog.partner_part, progress, note=f"Đạt {progress}%")
        body = client_of(world, persona).get(reports_url(prog.partner_part)).json()
        assert body["count"] == 3
        assert [(r["progress"], r["previous_progress"], r["note"]) for r in body["items"]] == [
            (90, 40, "Đạt 90%"),
            (40, 10, "Đạt 40%"),
            (10, 0, "Đạt 10%"),
        ]

    def test_a_part_of_another_task_is_404(self, world, prog):
        other = make_task(world, prog.plan, title="Việc khác")
        url = f"{LIST}{prog.task.pk}/parts/{other.parts.first().pk}/reports"
        assert bearer(world.admin).get(url).status_code == 404


@pytest.mark.django_db
def test_openapi_lists_the_task_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert "get" in paths[f"{API}/tasks/"]
    assert {"get", "patch"} <= set(paths[f"{API}/tasks/{{task_id}}"])
    assert "post" in paths[f"{API}/tasks/{{task_id}}/transitions"]
    assert "post" in paths[f"{API}/tasks/{{task_id}}/parts/{{part_id}}/progress"]
    assert "get" in paths[f"{API}/tasks/{{task_id}}/parts/{{part_id}}/reports"]
    names = {p["name"] for p in paths[f"{API}/tasks/"]["get"]["parameters"]}
    assert {"q", "program", "plan", "organization", "lead", "status", "bucket", "phase", "channel"} <= names
    assert {"due_from", "due_to", "page", "page_size"} <= names
