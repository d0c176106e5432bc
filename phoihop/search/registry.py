"""What the one search covers: one `Kind` per kind of record.

Each kind knows its model, how its title and text are built from a record (its own
columns, or a foreign key the signal's instance usually has loaded already), the page
that shows it, and the permission module's `visible_*` function that decides who finds
it. The indexer (`search.indexer`) and the search selectors read this table and nothing
else; adding a kind is one entry here (and `manage.py rebuild_search_index --kind K`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions

TITLE_LIMIT = 1000


def _join(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model_label: str
    title: Callable[[object], str]
    text: Callable[[object], str]
    url: Callable[[object], str]
    visible: Callable  # permissions.visible_X(user, queryset=None) -> queryset of the model
    select_related: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)


def _document_text(document) -> str:
    from phoihop.search.models import DocumentText

    extracted = DocumentText.objects.filter(document_id=document.pk).values_list("text", flat=True).first()
    return _join(document.number_symbol, document.issuer, document.summary, extracted)


KINDS: list[Kind] = [
    Kind(
        "program",
        _("Chương trình phối hợp"),
        "programs.Program",
        title=lambda o: o.title,
        text=lambda o: _join(o.number_symbol, o.purpose),
        url=lambda o: reverse("programs:detail", args=[o.pk]),
        visible=permissions.visible_programs,
    ),
    Kind(
        "task",
        _("Nhiệm vụ"),
        "programs.Task",
        title=lambda o: o.title,
        text=lambda o: _join(o.description, o.expected_product),
        url=lambda o: reverse("programs:task_detail", args=[o.pk]),
        visible=permissions.visible_tasks,
    ),
    Kind(
        "subject",
        _("Vấn đề phối hợp"),
        "exchange.Subject",
        title=lambda o: o.title,
        text=lambda o: o.summary,
        url=lambda o: reverse("exchange:subject_detail", args=[o.pk]),
        visible=permissions.visible_subjects,
    ),
    Kind(
        "document",
        _("Tài liệu"),
        "documents.Document",
        title=lambda o: o.title,
        text=_document_text,
        url=lambda o: reverse("documents:detail", args=[o.pk]),
        visible=permissions.visible_documents,
    ),
    Kind(
        "provision",
        _("Cung cấp thông tin"),
        "provisions.InformationProvision",
        title=lambda o: o.subject,
        text=lambda o: o.content,
        url=lambda o: reverse("provisions:detail", args=[o.pk]),
        visible=permissions.visible_provisions,
    ),
    Kind(
        "opinion_item",
        _("Nội dung dư luận"),
        "opinion.OpinionItem",
        title=lambda o: f"{o.topic.name} — {_clip(o.summary, 160)}",
        text=lambda o: o.summary,
        url=lambda o: reverse("opinion:report_detail", args=[o.report_id]),
        visible=permissions.visible_opinion_items,
        select_related=("topic",),
    ),
    Kind(
        "hot_issue",
        _("Vấn đề nổi cộm"),
        "hotissues.HotIssue",
        title=lambda o: o.title,
        text=lambda o: o.description,
        url=lambda o: reverse("hotissues:detail", args=[o.pk]),
        visible=permissions.visible_hot_issues,
    ),
    Kind(
        "press_item",
        _("Tin bài báo chí"),
        "press.PressItem",
        title=lambda o: o.title,
        text=lambda o: _join(o.outlet, o.summary),
        url=lambda o: reverse("press:item_detail", args=[o.pk]),
        visible=permissions.visible_press_items,
    ),
    Kind(
        "false_claim",
        _("Thông tin sai sự thật"),
        "claims.FalseClaim",
        title=lambda o: _clip(o.claim, 200),
        text=lambda o: _join(o.claim, o.seen_where, o.response, o.response_published_where),
        url=lambda o: reverse("claims:detail", args=[o.pk]),
        visible=permissions.visible_false_claims,
    ),
    # issue 6: meetings
    Kind(
        "meeting",
        _("Hội nghị"),
        "meetings.Meeting",
        title=lambda o: o.title,
        text=lambda o: _join(o.place, o.chair_position, o.agenda, o.minutes),
        url=lambda o: reverse("meetings:detail", args=[o.pk]),
        visible=permissions.visible_meetings,
    ),
    # issue 6: inspections and exemplary models
    Kind(
        "inspection",
        _("Cuộc kiểm tra"),
        "inspections.Inspection",
        title=lambda o: o.title,
        text=lambda o: _join(o.decision_ref, o.conclusion_ref, o.scope, o.summary),
        url=lambda o: reverse("inspections:detail", args=[o.pk]),
        visible=permissions.visible_inspections,
    ),
    Kind(
        "exemplary_model",
        _("Điển hình tiên tiến"),
        "exemplary.ExemplaryModel",
        title=lambda o: o.title,
        text=lambda o: _join(o.description, o.decision_ref),
        url=lambda o: reverse("exemplary:detail", args=[o.pk]),
        visible=permissions.visible_exemplary_models,
    ),
]
BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def kind_of_model(model) -> Kind | None:
    label = model._meta.label
    for kind in KINDS:
        if kind.model_label == label:
            return kind
    return None
