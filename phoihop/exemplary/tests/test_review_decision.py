"""Review of issue 6: the decision of a nomination does not name an organisation the
decider may not see (the API took any id as `decided_by` and answered with its name)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phoihop.exemplary import services
from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.tests.factories import decider, make_model

pytestmark = pytest.mark.django_db


def test_deciding_for_an_unseen_organisation_is_refused_without_its_name(world):
    boss = decider(world)
    model = make_model(world, status=ExemplaryModel.Status.UNDER_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.exemplary_transition(
            actor=boss,
            exemplary_model=model,
            action="commend",
            expected_version=model.version,
            decided_by=world.province_dept_b,  # another province's department
            decision_ref="Quyết định số 125-QĐ/TU",
            decided_on=dt.date(2026, 11, 20),
        )
    assert "decided_by" in error.value.message_dict
    assert world.province_dept_b.name not in str(error.value.message_dict)
    model.refresh_from_db()
    assert model.status == ExemplaryModel.Status.UNDER_REVIEW


def test_deciding_for_a_seen_organisation_one_does_not_decide_for_names_it(world):
    boss = decider(world)
    model = make_model(world, status=ExemplaryModel.Status.UNDER_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.exemplary_transition(
            actor=boss,
            exemplary_model=model,
            action="commend",
            expected_version=model.version,
            decided_by=world.target,  # the owner itself: seen, not a deciding body above it
            decision_ref="Quyết định số 125-QĐ/TU",
            decided_on=dt.date(2026, 11, 20),
        )
    assert error.value.message_dict["decided_by"] == [f"Bạn không quyết định thay cho {world.target.name}."]
