"""Reads of exemplary models, scoped to the user: the list (its filter shared by the list
page and the API list), one model with the evidence the user may see, the honour roll.
Constant queries whatever the rows.

`commended_in` serves the reports and dashboards of issue 6."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.exemplary.models import ExemplaryModel
from phoihop.organisations.models import AdministrativeUnit

HONOUR_ROLL_MAX = 2000  # one printable roll; a year and an area narrow it


def commended_in(org_ids: set[int], year: int) -> QuerySet:
    """Models nominated by one of the organisations and commended, for the year."""
    return ExemplaryModel.objects.filter(owner_id__in=list(org_ids), year=year, status=ExemplaryModel.Status.COMMENDED)


@dataclass(frozen=True)
class ExemplaryFilter:
    q: str | None = None
    status: str | None = None
    year: int | None = None
    field: str | None = None
    area: int | None = None


def _filtered(qs: QuerySet, filters: ExemplaryFilter) -> QuerySet:
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs


def exemplary_list(user, filters: ExemplaryFilter = ExemplaryFilter()) -> QuerySet:
    qs = permissions.visible_exemplary_models(user).select_related("owner", "area", "decided_by")
    return _filtered(qs, filters).order_by("-year", "sort_name", "id")


def area_choices(user, limit: int = 500) -> list[tuple[int, str]]:
    """The areas of the models the user sees (for the filters), in one query."""
    visible = permissions.visible_exemplary_models(user).order_by().values("area_id")
    return list(
        AdministrativeUnit.objects.filter(pk__in=visible).order_by("sort_name", "id").values_list("pk", "name")[:limit]
    )


def year_choices(user) -> list[int]:
    years = permissions.visible_exemplary_models(user).order_by("-year").values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def nominating_area_choices(owner_units: list, current_id: int | None = None, limit: int = 1000) -> list:
    """The administrative units within the given units (themselves and those below them)."""
    from django.db.models import Q

    ids = [unit_id for unit_id in owner_units if unit_id]
    return list(
        AdministrativeUnit.objects.filter(
            Q(pk__in=ids) | Q(parent_id__in=ids) | Q(province_id__in=ids) | Q(pk=current_id or 0)
        )
        .order_by("level", "sort_name", "id")
        .values_list("pk", "name")[:limit]
    )


def get_exemplary_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> ExemplaryModel:
    """404 unless the user may see the model; 403 if they see it but may not `action`."""
    model = (
        ExemplaryModel.objects.select_related(
            "owner", "owner__administrative_unit", "area", "program", "decided_by", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if model is None:
        raise Http404(_("Không tìm thấy."))
    permissions.check(user, action, model)
    return model


def evidence_for(user, model: ExemplaryModel) -> dict:
    """The evidence the user may see (one query each): a viewer of the honour roll sees
    only the tasks, documents and press items their own rules let them see."""
    return {
        "tasks": list(
            permissions.visible_tasks(user, model.evidence_tasks.all())
            .select_related("plan")
            .order_by("due_date", "id")
        ),
        "documents": list(permissions.visible_documents(user, model.evidence_documents.all()).order_by("-id")),
        "press_items": list(
            permissions.visible_press_items(user, model.evidence_press_items.all()).order_by("-published_on", "-id")
        ),
    }


def evidence_candidates(user, owner, limit: int = 200) -> dict:
    """What the user may offer as evidence: tasks the owner leads or takes part in,
    documents of the owner, press items of the owner — among those the user sees."""
    tasks = (
        permissions.visible_tasks(user)
        .filter(parts__organization_id=owner.pk)
        .order_by("-due_date", "-id")
        .values_list("pk", "title")
        .distinct()[:limit]
    )
    documents = (
        permissions.visible_documents(user).filter(owner_id=owner.pk).order_by("-id").values_list("pk", "title")[:limit]
    )
    press_items = (
        permissions.visible_press_items(user)
        .filter(owner_id=owner.pk)
        .order_by("-published_on", "-id")
        .values_list("pk", "title")[:limit]
    )
    return {
        "evidence_tasks": list(tasks),
        "evidence_documents": list(documents),
        "evidence_press_items": list(press_items),
    }


def honour_roll(year: int | None = None, area: int | None = None) -> list[dict]:
    """The commended models, grouped by year (newest first) then by area (Vietnamese
    order, "no area" last), each group's models in Vietnamese order. One query, at most
    HONOUR_ROLL_MAX models."""
    qs = ExemplaryModel.objects.filter(status=ExemplaryModel.Status.COMMENDED).select_related(
        "owner", "area", "decided_by"
    )
    if year:
        qs = qs.filter(year=year)
    if area:
        qs = qs.filter(area_id=area)
    rows = list(
        qs.order_by("-year", F("area__sort_name").asc(nulls_last=True), "area_id", "sort_name", "id")[:HONOUR_ROLL_MAX]
    )
    years = []
    for year_value, in_year in groupby(rows, key=lambda m: m.year):
        areas = [
            {"area": area_obj, "models": list(models_)}
            for area_obj, models_ in groupby(list(in_year), key=lambda m: m.area)
        ]
        years.append({"year": year_value, "areas": areas})
    return years


def honour_roll_years() -> list[int]:
    """The years with a commended model, newest first (one query)."""
    rows = ExemplaryModel.objects.filter(status=ExemplaryModel.Status.COMMENDED).order_by("-year")
    return list(rows.values_list("year", flat=True).distinct())
