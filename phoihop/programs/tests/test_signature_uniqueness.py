"""One signature per party, kept by the database: the services check before they write,
but of two signings of the same party at the same moment both would pass that check —
the unique constraints make the second one fail."""

import pytest
from django.db import IntegrityError, transaction

from phoihop.programs.models import Signature
from phoihop.programs.tests.factories import AnnualPlanFactory, ProgramFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_a_party_cannot_sign_a_programme_twice(world):
    program = ProgramFactory()
    SignatureFactory(program=program, organization=world.target)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(program=program, organization=world.target)
    assert Signature.objects.count() == 1


def test_a_party_cannot_sign_a_plan_twice(world):
    plan = AnnualPlanFactory()
    SignatureFactory(plan=plan, organization=world.target)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(plan=plan, organization=world.target)
    assert Signature.objects.count() == 1


def test_the_same_party_signs_the_programme_and_each_of_its_plans(world):
    program = ProgramFactory()
    plans = [AnnualPlanFactory(program=program, year=year) for year in (2026, 2027)]
    SignatureFactory(program=program, organization=world.target)
    for plan in plans:
        SignatureFactory(plan=plan, organization=world.target)
    SignatureFactory(program=program, organization=world.commune_committee)
    assert Signature.objects.filter(organization=world.target).count() == 3
    assert Signature.objects.count() == 4


def test_the_same_party_signs_other_programmes(world):
    for program in (ProgramFactory(), ProgramFactory()):
        SignatureFactory(program=program, organization=world.target)
    assert Signature.objects.count() == 2
