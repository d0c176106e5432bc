"""Rows for the exemplary model tests. `ExemplaryFactory` writes rows directly (query-count
tests need many quickly); `make_model` goes through the service (audit, validation).

The usual nomination: the commune's Party committee (world.target, where world.officer
works) nominates a practice of commune C; the deciding side is an editor of the province
department above it (`decider`).
"""

from __future__ import annotations

import datetime as dt

import factory

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.exemplary import services
from phoihop.exemplary.models import ExemplaryModel


class ExemplaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExemplaryModel

    title = factory.Sequence(lambda n: f"Mô hình dân vận khéo số {n}")
    description = "Vận động nhân dân hiến đất làm đường giao thông nông thôn."
    field = ExemplaryModel.Field.ECONOMY
    year = 2026


def decider(world):
    """An officer of the province department above commune C: reviews and decides."""
    user = UserFactory(username="decider")
    MembershipFactory(user=user, organization=world.province_dept_a, role=Role.OFFICER)
    return user


def make_model(world, *, status: str = ExemplaryModel.Status.NOMINATED, by=None, **values) -> ExemplaryModel:
    defaults = {
        "owner": world.target,
        "title": "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
        "description": "Cả xã hiến hơn 12.000 m² đất, làm mới 8 km đường bê tông trong năm 2026.",
        "field": ExemplaryModel.Field.ECONOMY,
        "year": 2026,
        "area": world.commune_c,
    }
    model = services.exemplary_nominate(actor=world.officer, **(defaults | values))
    steps = {
        "nominated": [],
        "under_review": [("review", {})],
        "commended": [
            ("review", {}),
            (
                "commend",
                {
                    "decided_by": world.province_dept_a,
                    "decision_ref": "Quyết định số 125-QĐ/TU",
                    "decided_on": dt.date(2026, 11, 20),
                },
            ),
        ],
    }[status]
    for action, extra in steps:
        model = services.exemplary_transition(
            actor=by or world.admin, exemplary_model=model, action=action, expected_version=model.version, **extra
        )
    return model
