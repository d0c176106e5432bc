"""Meeting pages with every persona (frozen clock): the list with its filters, the forms,
the meeting page with its conclusions and their tasks' progress, the transitions, the
conclusion forms, the history. Strangers get 404, readers may not act (403), query counts
do not grow with rows."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.meetings.models import Meeting, MeetingConclusion
from phoihop.meetings.tests.factories import TITLE, make_meeting, make_scene, meeting_rows
from phoihop.programs import services as program_services
from phoihop.programs.models import Task

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:list")
CREATE = reverse("meetings:create")


def url(name, meeting, *args) -> str:
    return reverse(f"meetings:{name}", args=[meeting.pk, *args])


@pytest.fixture
def scene(world):
    return make_scene(world)


class TestList:
    def test_personas(self, world, scene, client_for):
        for user, sees in ((world.officer, True), (world.partner, True), (world.upper, True), (world.outsider, False)):
            response = client_for(user).get(LIST)
            assert response.status_code == 200
            assert (TITLE in response.content.decode()) is sees, user.username
        assert client_for(None).get(LIST).status_code == 302

    def test_filters_and_progress(self, world, scene, client_for):
        make_meeting(world, title="Họp báo về Đại hội Đảng bộ xã", kind=Meeting.Kind.PRESS_CONFERENCE, held=False)
        client = client_for(world.officer)
        page = client.get(LIST, {"kind": "press_conference"}).content.decode()
        assert "Họp báo về Đại hội" in page and TITLE not in page
        page = client.get(LIST, {"q": "giao ban quy iii", "year": 2026, "status": "held"}).content.decode()
        assert TITLE in page and "Họp báo về Đại hội" not in page and "0/2 hoàn thành" in page
        assert "Họp báo về Đại hội" not in client.get(LIST, {"program": scene.program.pk}).content.decode()
        assert "Chưa có hội nghị" not in client.get(LIST, {"year": 2020}).content.decode()
        assert "Không có hội nghị nào phù hợp." in client.get(LIST, {"year": 2020}).content.decode()

    def test_htmx_returns_the_results_only(self, world, scene, client_for):
        response = client_for(world.officer).get(LIST, HTTP_HX_REQUEST="true")
        assert "<html" not in response.content.decode() and TITLE in response.content.decode()

    @pytest.mark.parametrize("rows", [3, 30])
    def test_query_count_does_not_grow_with_rows(self, world, client_for, django_assert_max_num_queries, rows):
        meeting_rows(world.target, [world.commune_committee], count=rows, conclusions=2)
        client = client_for(world.officer)
        with django_assert_max_num_queries(10):
            response = client.get(LIST)
        assert response.status_code == 200


class TestForms:
    def test_only_editors_open_the_form(self, world, client_for):
        assert client_for(world.officer).get(CREATE).status_code == 200
        for user in (world.upper, world.nobody):
            assert client_for(user).get(CREATE).status_code == 403

    def test_create_an_online_meeting(self, world, client_for):
        data = {
            "owner": world.target.pk,
            "kind": "quarterly_briefing",
            "title": "Giao ban trực tuyến quý IV năm 2026",
            "starts_at": "18/12/2026 08:00",
            "ends_at": "18/12/2026 11:30",
            "is_online": "on",
            "participants": [world.commune_committee.pk],
            "points-TOTAL_FORMS": "3",
            "points-INITIAL_FORMS": "0",
            "points-0-name": "Hội trường Đảng ủy xã",
            "points-0-organization": world.target.pk,
            "points-0-is_main": "on",
            "points-1-name": "Hội trường UBND xã",
        }
        response = client_for(world.officer).post(CREATE, data)
        meeting = Meeting.objects.get()
        assert response.status_code == 302 and response["Location"] == url("detail", meeting)
        assert meeting.starts_at == dt.datetime(2026, 12, 18, 1, 0, tzinfo=dt.UTC)
        assert meeting.connection_points.count() == 2
        page = client_for(world.partner).get(url("detail", meeting)).content.decode()
        assert "Hội trường UBND xã" in page and "Điểm cầu chính" in page

    def test_bad_input_shows_messages_next_to_the_fields(self, world, client_for):
        data = {
            "owner": world.target.pk,
            "kind": "quarterly_briefing",
            "title": "Giao ban",
            "starts_at": "32/12/2026 08:00",
            "is_online": "on",
            "points-TOTAL_FORMS": "3",
            "points-INITIAL_FORMS": "0",
        }
        page = client_for(world.officer).post(CREATE, data)
        assert page.status_code == 422
        assert "Thời gian không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy hh:mm" in page.content.decode()
        data["starts_at"] = "18/12/2026 08:00"
        page = client_for(world.officer).post(CREATE, data).content.decode()
        assert "Hội nghị trực tuyến cần ít nhất một điểm cầu." in page
        assert not Meeting.objects.exists()

    def test_edit_with_a_stale_version_is_refused(self, world, scene, client_for):
        meeting = scene.meeting
        client = client_for(world.officer)
        form = client.get(url("edit", meeting))
        assert form.status_code == 200 and "15/10/2026 08:00" in form.content.decode()
        data = {
            "kind": meeting.kind,
            "title": "Giao ban quý III (sửa)",
            "program": scene.program.pk,
            "starts_at": "15/10/2026 08:00",
            "participants": [world.commune_committee.pk],
            "version": meeting.version,
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        }
        assert client.post(url("edit", meeting), data).status_code == 302
        stale = client.post(url("edit", meeting), {**data, "title": "Khác"})
        assert stale.status_code == 422 and "đã được người khác sửa" in stale.content.decode()
        assert Meeting.objects.get().title == "Giao ban quý III (sửa)"

    def test_readers_may_not_edit_strangers_get_404(self, world, scene, client_for):
        assert client_for(world.partner).get(url("edit", scene.meeting)).status_code == 403
        assert client_for(world.upper).get(url("edit", scene.meeting)).status_code == 403
        assert client_for(world.outsider).get(url("edit", scene.meeting)).status_code == 404


class TestDetail:
    def test_personas(self, world, scene, client_for):
        meeting = scene.meeting
        officer = client_for(world.officer).get(url("detail", meeting)).content.decode()
        assert (
            "Giao thành nhiệm vụ" in officer and "Thêm kết luận" in officer and "0/2 kết luận đã hoàn thành" in officer
        )
        for user in (world.partner, world.upper):
            page = client_for(user).get(url("detail", meeting)).content.decode()
            assert "Đẩy mạnh tuyên truyền chuyển đổi số" in page
            assert "Giao thành nhiệm vụ" not in page and "Thêm kết luận" not in page
        for user in (world.outsider, world.nobody):
            assert client_for(user).get(url("detail", meeting)).status_code == 404
            assert client_for(user).get(url("history", meeting)).status_code == 404
        history = client_for(world.upper).get(url("history", meeting), HTTP_HX_REQUEST="true")
        assert "Thêm kết luận số 2." in history.content.decode()

    def test_the_page_stays_within_its_query_budget(self, world, scene, client_for, django_assert_max_num_queries):
        client = client_for(world.officer)
        with django_assert_max_num_queries(16):
            assert client.get(url("detail", scene.meeting)).status_code == 200

    def test_conclusion_to_task_then_progress(self, world, scene, client_for):
        client = client_for(world.officer)
        conclusion = scene.meeting.conclusions.get(number=1)
        prefix = f"t{conclusion.pk}"
        response = client.post(
            url("conclusion_task", scene.meeting, conclusion.pk),
            {
                f"{prefix}-version": conclusion.version,
                f"{prefix}-lead": world.province_dept_a.pk,
                f"{prefix}-due_date": "31/12/2026",
            },
        )
        assert response.status_code == 422
        assert "cơ quan chủ trì nhiệm vụ từ kết luận phải là một cơ quan tham dự hội nghị" in response.content.decode()
        assert not Task.objects.exists()
        response = client.post(
            url("conclusion_task", scene.meeting, conclusion.pk),
            {
                f"{prefix}-version": conclusion.version,
                f"{prefix}-lead": world.commune_committee.pk,
                f"{prefix}-partners": [world.target.pk],
                f"{prefix}-due_date": "31/12/2026",
            },
        )
        assert response.status_code == 302
        task = Task.objects.get()
        program_services.task_transition(
            actor=world.officer,
            task=task,
            action="complete",
            expected_version=task.version,
            completed_on=dt.date(2026, 11, 20),
        )
        page = client.get(url("detail", scene.meeting)).content.decode()
        assert "1/2 kết luận đã hoàn thành" in page and "Hoàn thành đúng hạn" in page

    def test_the_partner_may_not_post(self, world, scene, client_for):
        conclusion = scene.meeting.conclusions.get(number=1)
        partner = client_for(world.partner)
        assert partner.post(url("conclusion_add", scene.meeting), {"text": "Ba là"}).status_code == 403
        assert partner.post(url("conclusion_delete", scene.meeting, conclusion.pk), {"version": 1}).status_code == 403
        assert (
            client_for(world.outsider).post(url("transition", scene.meeting), {"action": "cancel"}).status_code == 404
        )
        assert MeetingConclusion.objects.count() == 2

    def test_conclusion_add_edit_delete(self, world, scene, client_for):
        client = client_for(world.officer)
        meeting = scene.meeting
        bad = client.post(url("conclusion_add", meeting), {"text": "Ba là", "number": 2})
        assert bad.status_code == 422 and "Đã có kết luận số 2." in bad.content.decode()
        assert client.post(url("conclusion_add", meeting), {"text": "Ba là: tổng kết năm"}).status_code == 302
        third = meeting.conclusions.get(number=3)
        prefix = f"c{third.pk}"
        edit = {f"{prefix}-version": 1, f"{prefix}-number": 3, f"{prefix}-text": "Ba là: sơ kết"}
        assert client.post(url("conclusion_edit", meeting, third.pk), edit).status_code == 302
        assert client.post(url("conclusion_delete", meeting, third.pk), {"version": 1}).status_code == 422
        assert client.post(url("conclusion_delete", meeting, third.pk), {"version": 2}).status_code == 302
        assert list(meeting.conclusions.values_list("number", flat=True)) == [1, 2]

    def test_transition_buttons_and_refusal(self, world, client_for):
        meeting = make_meeting(world, held=False)
        client = client_for(world.officer)
        page = client.get(url("detail", meeting)).content.decode()
        assert 'data-transition="hold"' in page and 'data-transition="cancel"' in page
        refused = client.post(url("transition", meeting), {"action": "hold", "version": meeting.version})
        assert refused.status_code == 422 and "chưa diễn ra" in refused.content.decode()
        done = client.post(
            url("transition", meeting), {"action": "cancel", "version": meeting.version, "reason": "Hoãn"}
        )
        assert done.status_code == 302 and Meeting.objects.get().status == Meeting.Status.CANCELLED
        assert 'data-transition="' not in client.get(url("detail", meeting)).content.decode()


def test_my_work_lists_the_planned_meetings_of_the_next_two_weeks(world, client_for):
    soon = make_meeting(
        world, title="Giao ban tháng 12", held=False, starts_at=dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    )
    make_meeting(world, title="Giao ban quý IV", held=False)  # 18/12: later than two weeks
    my_work = reverse("accounts:my_work")
    for user, sees in ((world.officer, True), (world.partner, True), (world.upper, False), (world.outsider, False)):
        page = client_for(user).get(my_work).content.decode()
        assert ("Giao ban tháng 12" in page) is sees, user.username
        assert "Giao ban quý IV" not in page
    assert soon.status == Meeting.Status.PLANNED
