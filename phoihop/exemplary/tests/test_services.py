import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.claims.tests.factories import press_item
from phoihop.core.concurrency import StaleVersionError
from phoihop.exemplary import selectors, services
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.tests.factories import decider, make_model

pytestmark = pytest.mark.django_db


def test_nominate_with_evidence_the_user_sees(world):
    item = press_item(world)
    model = make_model(world, evidence_press_items=[item])
    assert model.status == ExemplaryModel.Status.NOMINATED
    assert list(model.evidence_press_items.all()) == [item]


def test_bad_input_is_refused_with_messages_by_field(world):
    hidden = press_item(world, owner=world.province_dept_b, title="Tin của tỉnh khác")
    with pytest.raises(ValidationError) as error:
        services.exemplary_nominate(
            actor=world.officer,
            owner=world.target,
            title="",
            description="Liên hệ anh Ba: 0912 345 678 để học cách làm.",
            field="nope",
            year=1990,
            area=world.province_b,
            evidence_press_items=[hidden],
        )
    errors = error.value.message_dict
    assert errors["title"] == ["Hãy nhập tên mô hình, điển hình."]
    assert "số điện thoại" in errors["description"][0]
    assert errors["field"] == ["Hãy chọn lĩnh vực."]
    assert errors["year"] == ["Năm phải từ 2000 đến 2027."]
    assert errors["area"] == ["Địa bàn phải thuộc địa bàn của cơ quan đề nghị."]
    assert errors["evidence_press_items"] == [f"Không tìm thấy: {hidden.pk}."]
    assert not ExemplaryModel.objects.exists()


def test_only_the_owners_editors_nominate_and_edit(world):
    with pytest.raises(ValidationError) as error:
        make_model(world, owner=world.province_dept_a)
    assert "owner" in error.value.message_dict
    model = make_model(world)
    with pytest.raises(PermissionDenied):
        services.exemplary_update(actor=world.upper, exemplary_model=model, expected_version=1, title="Khác")
    services.exemplary_update(actor=world.officer, exemplary_model=model, expected_version=1, title="Tên mới")
    with pytest.raises(StaleVersionError):
        services.exemplary_update(actor=world.officer, exemplary_model=model, expected_version=1, title="Cũ")


def test_the_upper_department_decides_with_the_decision_reference(world):
    model = make_model(world)
    with pytest.raises(PermissionDenied):  # the nominator does not decide its own nomination
        services.exemplary_transition(actor=world.officer, exemplary_model=model, action="review", expected_version=1)
    with pytest.raises(PermissionDenied):  # a viewer of the upper level reads, never decides
        services.exemplary_transition(actor=world.upper, exemplary_model=model, action="review", expected_version=1)
    boss = decider(world)
    services.exemplary_transition(actor=boss, exemplary_model=model, action="review", expected_version=1)
    with pytest.raises(ValidationError) as error:
        services.exemplary_transition(
            actor=boss, exemplary_model=model, action="commend", expected_version=model.version
        )
    assert set(error.value.message_dict) == {"decided_by", "decision_ref", "decided_on"}
    with pytest.raises(ValidationError) as error:
        services.exemplary_transition(
            actor=boss,
            exemplary_model=model,
            action="commend",
            expected_version=model.version,
            decided_by=world.province_dept_b,
            decision_ref="Quyết định số 125-QĐ/TU",
            decided_on=dt.date(2026, 11, 30),
        )
    assert set(error.value.message_dict) == {"decided_by", "decided_on"}
    model.refresh_from_db()
    services.exemplary_transition(
        actor=boss,
        exemplary_model=model,
        action="commend",
        expected_version=model.version,
        decided_by=world.province_dept_a,
        decision_ref="Quyết định số 125-QĐ/TU",
        decided_on=dt.date(2026, 11, 20),
    )
    model.refresh_from_db()
    assert (model.status, model.decided_by, model.decision_ref) == (
        "commended",
        world.province_dept_a,
        "Quyết định số 125-QĐ/TU",
    )
    with pytest.raises(ValidationError):  # decided: nothing more to edit
        services.exemplary_update(actor=world.officer, exemplary_model=model, expected_version=model.version, year=2025)


def test_not_commended_needs_a_reason_and_withdraw_is_the_nominators(world):
    model = make_model(world, status="under_review")
    boss = decider(world)
    with pytest.raises(ValidationError) as error:
        services.exemplary_transition(
            actor=boss, exemplary_model=model, action="not_commend", expected_version=model.version
        )
    assert error.value.message_dict == {"reason": ["Hãy nêu lý do."]}
    with pytest.raises(PermissionDenied):
        services.exemplary_transition(
            actor=boss, exemplary_model=model, action="withdraw", expected_version=model.version, reason="Không"
        )
    services.exemplary_transition(
        actor=world.officer,
        exemplary_model=model,
        action="withdraw",
        expected_version=model.version,
        reason="Bổ sung minh chứng, đề nghị năm sau",
    )
    assert model.status == ExemplaryModel.Status.WITHDRAWN


def test_commended_in_and_honour_roll_order(world, settings):
    make_model(world, status="commended", title="Xây dựng khu dân cư tự quản")
    make_model(world, status="commended", title="Ánh sáng đường quê")
    make_model(world, status="commended", title="Dân vận khéo năm trước", year=2025)
    make_model(world, status="under_review", title="Đang xét")
    make_model(world, status="commended", title="Không ghi địa bàn", area=None)
    assert {m.title for m in selectors.commended_in({world.target.pk}, 2026)} == {
        "Xây dựng khu dân cư tự quản",
        "Ánh sáng đường quê",
        "Không ghi địa bàn",
    }
    assert not selectors.commended_in({world.province_dept_b.pk}, 2026).exists()
    roll = selectors.honour_roll()
    assert [group["year"] for group in roll] == [2026, 2025]
    assert [[m.title for m in area["models"]] for area in roll[0]["areas"]] == [
        ["Ánh sáng đường quê", "Xây dựng khu dân cư tự quản"],  # Vietnamese order: Á before X
        ["Không ghi địa bàn"],  # no area last
    ]
    assert roll[0]["areas"][0]["area"] == world.commune_c
