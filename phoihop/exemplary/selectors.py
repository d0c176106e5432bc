"""Reads of exemplary models. `commended_in` serves the reports and dashboards of issue 6."""

from __future__ import annotations

from django.db.models import QuerySet

from phoihop.exemplary.models import ExemplaryModel


def commended_in(org_ids: set[int], year: int) -> QuerySet:
    """Models nominated by one of the organisations and commended, for the year."""
    return ExemplaryModel.objects.filter(owner_id__in=list(org_ids), year=year, status=ExemplaryModel.Status.COMMENDED)
