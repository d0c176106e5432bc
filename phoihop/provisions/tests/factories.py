"""Provisions for tests: `provide` goes through the service (audit, notifications,
documents as in real use); `ProvisionFactory` writes rows directly, for query counts."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from phoihop.provisions import services
from phoihop.provisions.models import InformationProvision


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationProvision

    kind = InformationProvision.Kind.PERIODIC
    frequency = "monthly"
    year = 2026
    period = factory.Sequence(lambda n: n % 12 + 1)
    content = factory.Sequence(lambda n: f"Tình hình kinh tế - xã hội tháng {n}")
    provided_at = factory.LazyFunction(timezone.now)


def provide(world, program, *, actor=None, year=2026, period=None, kind="periodic", **kwargs):
    """A provision of the world's People's Committee to its Party committee."""
    kwargs.setdefault("content", "Tình hình kinh tế - xã hội, quốc phòng - an ninh trên địa bàn xã.")
    if kind == "adhoc":
        kwargs.setdefault("incident_title", "Sạt lở bờ sông ấp 3")
        kwargs.setdefault("incident_at", timezone.now() - dt.timedelta(hours=2))
    return services.provision_provide(
        actor=actor or world.partner,
        program=program,
        provider=world.commune_committee,
        receiver=world.target,
        kind=kind,
        year=year if kind == "periodic" else None,
        period=period if kind == "periodic" else None,
        **kwargs,
    )


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in the project's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
