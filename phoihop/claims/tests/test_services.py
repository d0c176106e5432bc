"""The false claim services: the rules every caller (pages, API, demo) meets."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.audit.models import AuditEntry
from phoihop.claims import services
from phoihop.claims.models import FalseClaim
from phoihop.claims.tests.factories import hot_issue, make_claim, press_item, topic
from phoihop.core.concurrency import StaleVersionError

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)
S = FalseClaim.Status


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def _move(world, claim, *actions, reason=""):
    for action in actions:
        claim = services.false_claim_transition(
            actor=world.officer, false_claim=claim, action=action, expected_version=claim.version, reason=reason
        )
    return claim


def test_recording_a_claim_is_audited_and_searchable_without_diacritics(world):
    claim = make_claim(world)
    assert (claim.status, claim.version, claim.created_by) == (S.UNVERIFIED, 1, world.officer)
    assert "san golf" in claim.search_text
    entry = AuditEntry.objects.get(target_id=str(claim.pk), action=AuditEntry.Action.CREATE)
    assert entry.actor == world.officer


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("claim", "  ", "Hãy nhập nội dung thông tin đang lan truyền."),
        ("seen_where", "", "Hãy nhập nơi phát hiện"),
        ("channel", "carrier-pigeon", "Hãy chọn kênh phát hiện."),
        ("seen_on", None, "Hãy nhập ngày phát hiện."),
        ("seen_on", TODAY + dt.timedelta(days=1), "Ngày phát hiện không thể ở tương lai."),
        ("claim", "Ông ấy nói đất bị thu hồi, gọi 0912 345 678", "số điện thoại"),
        ("seen_where", "Tài khoản nguyenvana@gmail.com", "địa chỉ thư điện tử"),
        ("seen_where", "facebook.com/profile.php?id=1000123", "đường dẫn tới trang cá nhân"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_written(world, field, value, message):
    with pytest.raises(ValidationError) as excinfo:
        make_claim(world, **{field: value})
    assert message in " ".join(_errors(excinfo)[field])
    assert not FalseClaim.objects.exists()
    assert not AuditEntry.objects.filter(target_type__model="falseclaim").exists()


def test_a_retired_topic_is_refused_for_a_new_claim(world):
    retired = topic()
    retired.is_active = False
    retired.save()
    with pytest.raises(ValidationError) as excinfo:
        make_claim(world, topic=retired)
    assert "không còn được dùng" in _errors(excinfo)["topic"][0]


def test_only_an_editor_of_the_department_records_for_it(world, people):
    for user in (world.partner, world.upper, people.collaborator):
        with pytest.raises(ValidationError) as excinfo:
            services.false_claim_create(
                actor=user,
                owner=world.target,
                claim="Tin đồn",
                channel="social",
                seen_where="Nhóm Zalo khu dân cư",
                seen_on=TODAY,
            )
        assert "owner" in _errors(excinfo)


def test_an_edit_from_a_stale_version_is_refused_not_merged(world):
    claim = make_claim(world)
    services.false_claim_update(actor=world.officer, false_claim=claim, expected_version=1, seen_where="Trang TikTok X")
    stale = FalseClaim.objects.get(pk=claim.pk)
    stale.version = 1
    with pytest.raises(StaleVersionError):
        services.false_claim_update(actor=world.officer, false_claim=stale, expected_version=1, seen_where="Khác")
    claim.refresh_from_db()
    assert (claim.seen_where, claim.version) == ("Trang TikTok X", 2)
    update = AuditEntry.objects.get(target_id=str(claim.pk), action=AuditEntry.Action.UPDATE)
    assert update.changes["seen_where"] == ["Nhóm Facebook “Cộng đồng Cẩm Đức”", "Trang TikTok X"]


def test_a_reader_may_not_edit(world):
    claim = make_claim(world)
    with pytest.raises(PermissionDenied):
        services.false_claim_update(actor=world.upper, false_claim=claim, expected_version=1, claim="Khác")


def test_verification_follows_its_table(world):
    claim = make_claim(world)
    with pytest.raises(ValidationError) as excinfo:
        _move(world, claim, "conclude_false")
    assert "Không thể “Kết luận: sai sự thật” khi đang ở trạng thái “Chưa xác minh”." in _errors(excinfo)["action"]
    claim = _move(world, claim, "verify", "conclude_false")
    assert claim.status == S.FALSE
    with pytest.raises(ValidationError) as excinfo:
        _move(world, claim, "revise_misleading")
    assert _errors(excinfo)["reason"] == ["Hãy nêu lý do."]
    claim = _move(world, claim, "revise_misleading", reason="Một phần nội dung đúng: dự án có thật, quy mô sai.")
    assert (claim.status, claim.status_reason) == (S.MISLEADING, "Một phần nội dung đúng: dự án có thật, quy mô sai.")
    events = list(
        AuditEntry.objects.filter(target_id=str(claim.pk), action=AuditEntry.Action.EVENT)
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == ["false_claim_verify", "false_claim_conclude_false", "false_claim_revise_misleading"]


def test_unknown_action_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        _move(world, make_claim(world), "delete")
    assert _errors(excinfo)["action"] == ["Thao tác không hợp lệ."]


def _respond(world, claim, **values):
    defaults = {
        "response": "UBND xã khẳng định không có chủ trương thu hồi đất làm sân golf.",
        "published_where": "Cổng thông tin điện tử xã Cẩm Đức",
        "url": "https://camduc.anhoa.gov.vn/tin/bac-bo-tin-don",
        "published_on": TODAY,
    }
    return services.false_claim_respond(
        actor=world.officer, false_claim=claim, expected_version=claim.version, **(defaults | values)
    )


def test_the_response_is_only_for_a_claim_concluded_false_or_misleading(world):
    claim = make_claim(world)
    with pytest.raises(ValidationError) as excinfo:
        _respond(world, claim)
    assert "sai sự thật hoặc gây hiểu lầm" in " ".join(_errors(excinfo)["__all__"])
    claim = _move(world, claim, "verify", "conclude_true")
    with pytest.raises(ValidationError):
        _respond(world, claim)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"response": ""}, "response", "Hãy nhập nội dung thông tin chính thức."),
        ({"published_where": ""}, "response_published_where", "Hãy nhập nơi đăng tải thông tin chính thức."),
        ({"url": ""}, "response_url", "Hãy nhập đường dẫn tới bài đăng."),
        ({"url": "javascript:alert(1)"}, "response_url", "Đường dẫn không hợp lệ"),
        ({"published_on": None}, "response_published_on", "Hãy nhập ngày đăng tải."),
        ({"published_on": TODAY + dt.timedelta(days=2)}, "response_published_on", "không thể ở tương lai"),
    ],
)
def test_the_response_is_recorded_all_together(world, values, field, message):
    claim = _move(world, make_claim(world), "verify", "conclude_false")
    with pytest.raises(ValidationError) as excinfo:
        _respond(world, claim, **values)
    assert message in " ".join(_errors(excinfo)[field])
    claim.refresh_from_db()
    assert claim.response == "" and claim.version == 3


def test_a_responded_claim_is_not_revised_to_true_until_the_response_is_removed(world):
    claim = _respond(world, _move(world, make_claim(world), "verify", "conclude_false"))
    assert claim.response_published_on == TODAY
    with pytest.raises(ValidationError) as excinfo:
        _move(world, claim, "revise_true", reason="Cơ quan chức năng xác nhận có dự án")
    assert "hãy gỡ thông tin chính thức trước" in _errors(excinfo)["action"][0]
    claim.refresh_from_db()
    claim = _respond(world, claim, response="", published_where="", url="", published_on=None)
    assert claim.response == "" and claim.response_published_on is None
    claim = _move(world, claim, "revise_true", reason="Cơ quan chức năng xác nhận có dự án")
    assert claim.status == S.TRUE
    removed = AuditEntry.objects.get(target_id=str(claim.pk), event="false_claim_response_removed")
    assert removed.changes["response"][0].startswith("UBND xã khẳng định")  # nothing lost


def test_links_only_to_the_departments_own_visible_items(world):
    claim = make_claim(world)
    own_issue, own_item = hot_issue(world), press_item(world)
    # shared with the department: it sees it, but it is the People's Committee's, not its own
    other_issue = hot_issue(world, owner=world.commune_committee, shared_with=[world.target], title="Vấn đề UBND")
    foreign_item = press_item(world, owner=world.province_dept_b, title="Tin bài tỉnh khác")
    with pytest.raises(ValidationError) as excinfo:
        services.false_claim_link(
            actor=world.officer, false_claim=claim, hot_issues=[other_issue], press_items=[foreign_item]
        )
    errors = _errors(excinfo)
    assert "không thuộc ban theo dõi thông tin này" in errors["hot_issues"][0]
    assert errors["press_items"] == [f"Không tìm thấy: {foreign_item.pk}."]  # not even visible to the officer
    assert not claim.hot_issues.exists()
    services.false_claim_link(actor=world.officer, false_claim=claim, hot_issues=[own_issue], press_items=[own_item])
    services.false_claim_link(actor=world.officer, false_claim=claim, hot_issues=[own_issue])  # idempotent
    assert list(claim.hot_issues.all()) == [own_issue] and list(claim.press_items.all()) == [own_item]
    services.false_claim_unlink(actor=world.officer, false_claim=claim, press_items=[own_item])
    assert not claim.press_items.exists()
    events = list(AuditEntry.objects.filter(target_id=str(claim.pk)).order_by("id").values_list("event", flat=True))
    assert events == ["", "false_claim_linked", "false_claim_unlinked"]
