"""The hot issue pages per persona: the owning department edits, the upper level reads,
a partner sees only what is shared or handed to it, a collaborator and an outsider get
404; the triage queue opens and joins issues from sources; transitions from the page
with their reason; bounded queries on the list."""

import pytest
from django.urls import reverse

from phoihop.hotissues import services
from phoihop.hotissues.models import EscalationRule, HotIssue, HotIssueSource
from phoihop.hotissues.tests.factories import IssueRowFactory, PressItemFactory, make_issue, make_report_item, move

pytestmark = pytest.mark.django_db

LIST = reverse("hotissues:list")
TRIAGE = reverse("hotissues:triage")


@pytest.fixture
def issue(world):
    return make_issue(world, is_sensitive=True)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer", 200),
        ("upper", 200),
        ("admin", 200),
        ("partner", 404),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_who_sees_the_issue_page(world, client_for, issue, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("hotissues:detail", args=[issue.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Khiếu kiện đông người" in response.content.decode()


def test_a_collaborator_of_the_department_neither_sees_nor_manages(world, people, client_for, issue):
    client = client_for(people.collaborator)
    assert client.get(reverse("hotissues:detail", args=[issue.pk])).status_code == 404
    assert issue.title not in client.get(LIST).content.decode()
    assert client.get(reverse("hotissues:create")).status_code == 403
    assert client.get(TRIAGE).status_code == 403


def test_the_partner_sees_what_is_shared_with_it(world, client_for, issue):
    services.hot_issue_share(
        actor=world.officer, hot_issue=issue, organizations=[world.commune_committee], expected_version=issue.version
    )
    client = client_for(world.partner)
    page = client.get(reverse("hotissues:detail", args=[issue.pk]))
    assert page.status_code == 200 and 'id="transitions"' not in page.content.decode()
    assert (
        client.post(
            reverse("hotissues:transition", args=[issue.pk]),
            {"action": "assess", "version": issue.version, "reason": "x"},
        ).status_code
        == 403
    )


def test_the_receiver_of_a_hand_over_reads_and_answers(world, client_for, issue):
    hand_over = services.hot_issue_hand_over(
        actor=world.officer, hot_issue=issue, to_organization=world.commune_committee, note="Đề nghị đối thoại"
    )
    client = client_for(world.partner)
    page = client.get(reverse("hotissues:detail", args=[issue.pk])).content.decode()
    assert 'id="answer"' in page and "Đề nghị đối thoại" in page
    response = client.post(
        reverse("hotissues:answer_hand_over", args=[hand_over.pk]), {"decision": "return", "reason": ""}
    )
    assert "Hãy nêu lý do trả lại." in response.content.decode()
    response = client.post(
        reverse("hotissues:answer_hand_over", args=[hand_over.pk]),
        {"decision": "return", "reason": "Không thuộc thẩm quyền của UBND xã"},
    )
    assert response.status_code == 302
    # Returned: the People's Committee no longer reads the issue.
    assert client.get(reverse("hotissues:detail", args=[issue.pk])).status_code == 404
    # The owner's officer may not answer for the receiver.
    assert (
        client_for(world.officer)
        .post(reverse("hotissues:answer_hand_over", args=[hand_over.pk]), {"decision": "accept"})
        .status_code
        == 403
    )


def test_the_upper_level_reads_but_does_not_edit(world, client_for, issue):
    client = client_for(world.upper)
    page = client.get(reverse("hotissues:detail", args=[issue.pk])).content.decode()
    assert 'id="transitions"' not in page
    assert client.get(reverse("hotissues:edit", args=[issue.pk])).status_code == 403
    response = client.post(
        reverse("hotissues:transition", args=[issue.pk]), {"action": "assess", "version": issue.version, "reason": "x"}
    )
    assert response.status_code == 403
    assert HotIssue.objects.get().status == "detected"


def test_the_page_shows_only_the_allowed_steps_and_moves_with_a_reason(world, client_for, issue):
    client = client_for(world.officer)
    url = reverse("hotissues:detail", args=[issue.pk])
    page = client.get(url).content.decode()
    assert 'data-transition="assess"' in page and 'data-transition="escalate"' not in page
    response = client.post(
        reverse("hotissues:transition", args=[issue.pk]), {"action": "assess", "version": issue.version, "reason": ""}
    )
    assert "Hãy nêu lý do." in response.content.decode()
    assert HotIssue.objects.get().status == "detected"
    response = client.post(
        reverse("hotissues:transition", args=[issue.pk]),
        {"action": "assess", "version": issue.version, "reason": "Xác minh tại thôn 3"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Đang đánh giá" in page and "Xác minh tại thôn 3" in page


def test_a_stale_edit_is_refused(world, client_for, issue):
    client = client_for(world.officer)
    data = {
        "title": "Tên mới",
        "area": world.commune_c.pk,
        "topic": issue.topic_id,
        "severity": "high",
        "version": issue.version,
    }
    move(issue, "assess")
    response = client.post(reverse("hotissues:edit", args=[issue.pk]), data)
    assert "người khác sửa" in response.content.decode()
    assert HotIssue.objects.get().title == issue.title


def test_triage_lists_unlinked_flagged_sources_and_opens_an_issue_from_one(world, people, client_for):
    item = make_report_item(world, people.collaborator)
    make_report_item(world, people.collaborator, flagged=False, summary="Không nổi cộm")
    make_report_item(world, people.collaborator, department=world.province_dept_a, summary="Của Ban khác")
    client = client_for(world.officer)
    page = client.get(TRIAGE).content.decode()
    assert f'id="opinion-{item.pk}"' in page and "Không nổi cộm" not in page and "Của Ban khác" not in page
    form = client.get(reverse("hotissues:create") + f"?opinion_item={item.pk}")
    assert form.context["form"].initial["topic"] == item.topic_id
    response = client.post(
        reverse("hotissues:create"),
        {
            "owner": world.target.pk,
            "title": "Lo lắng về bồi thường giải phóng mặt bằng",
            "area": world.commune_c.pk,
            "topic": item.topic_id,
            "severity": "high",
            "is_prominent": "on",
            "source_kind": "opinion_item",
            "source_id": item.pk,
        },
    )
    issue = HotIssue.objects.get()
    assert response.status_code == 302 and issue.is_prominent
    assert HotIssueSource.objects.get().opinion_item == item
    assert f'id="opinion-{item.pk}"' not in client.get(TRIAGE).content.decode()  # linked: off the queue


def test_a_source_of_another_department_is_not_found(world, people, client_for):
    item = make_report_item(world, people.collaborator, department=world.province_dept_b)
    assert client_for(world.officer).get(reverse("hotissues:create") + f"?opinion_item={item.pk}").status_code == 404


def test_join_a_press_item_to_an_open_issue(world, client_for, issue):
    press = PressItemFactory(owner=world.target)
    client = client_for(world.officer)
    page = client.get(TRIAGE + "?source=press").content.decode()
    assert press.title in page and "Gộp vào vấn đề đã có" in page
    response = client.post(
        reverse("hotissues:join"), {"source_kind": "press_item", "source_id": press.pk, "hot_issue": issue.pk}
    )
    assert response.status_code == 302
    assert HotIssueSource.objects.get().press_item == press


def test_hand_over_outside_the_area_shows_a_message(world, client_for, issue):
    response = client_for(world.officer).post(
        reverse("hotissues:hand_over", args=[issue.pk]), {"to_organization": world.province_dept_a.pk, "note": "x"}
    )
    assert "Lựa chọn không có trong danh sách." in response.content.decode()


def test_rules_page_adds_a_rule_and_refuses_one_without_condition(world, people, client_for):
    client = client_for(people.leader)
    response = client.post(reverse("hotissues:rules"), {"department": world.target.pk, "name": "Không điều kiện"})
    assert "cần ít nhất một điều kiện" in response.content.decode()
    client.post(
        reverse("hotissues:rules"),
        {"department": world.target.pk, "name": "Mức cao", "min_severity": "high", "is_active": "on"},
    )
    assert list(EscalationRule.objects.values_list("name", flat=True)) == ["Mức cao"]
    assert "Mức cao" in client_for(world.officer).get(reverse("hotissues:rules")).content.decode()
    assert "Mức cao" not in client_for(world.outsider).get(reverse("hotissues:rules")).content.decode()
    assert (
        client_for(world.upper)
        .post(reverse("hotissues:rules"), {"department": world.target.pk, "name": "X", "min_severity": "low"})
        .status_code
        == 403
    )


def test_list_filters_and_folded_search(world, client_for):
    make_issue(world, title="Đất đai ở thôn Đông", severity="high")
    make_issue(world, title="Ô nhiễm nước sông", severity="low")
    client = client_for(world.officer)
    assert "thôn Đông" in client.get(LIST + "?q=dat dai").content.decode()
    page = client.get(LIST + "?severity=low").content.decode()
    assert "Ô nhiễm nước sông" in page and "thôn Đông" not in page


def test_list_queries_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.upper)

    def grow(n):
        for _ in range(n):
            IssueRowFactory(owner=world.target, area=world.commune_c)

    grow(3)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).context["page"].paginator.count == 3
    grow(27)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).context["page"].paginator.count == 30
