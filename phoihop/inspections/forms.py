"""Forms of the inspection pages. They only parse input (choices, dates dd/mm/yyyy); the
rules live in `services`, whose ValidationErrors the views attach to the fields
(`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.inspections.models import Inspection, InspectionConclusion
from phoihop.inspections.selectors import InspectionFilter
from phoihop.organisations.forms import ALL, attach_errors, date_field

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _label(name: str):
    return Inspection._meta.get_field(name).verbose_name


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


class InspectionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *Inspection.Status.choices])
    year = _typed_choice(_("Năm"))
    inspected = _typed_choice(_label("inspected"))

    def __init__(self, *args, years=(), inspected=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [ALL, *((year, str(year)) for year in years)]
        self.fields["inspected"].choices = [ALL, *inspected]

    def to_filter(self) -> InspectionFilter:
        if not self.is_valid():
            return InspectionFilter()
        data = self.cleaned_data
        return InspectionFilter(
            q=data["q"] or None, status=data["status"] or None, year=data["year"], inspected=data["inspected"]
        )


class InspectionForm(forms.Form):
    owner = _typed_choice(_label("owner"), required=True)
    inspected = _typed_choice(_label("inspected"), required=True)
    program = _typed_choice(_label("program"))
    title = forms.CharField(
        label=_label("title"), max_length=500, error_messages={"required": _("Hãy nhập tên cuộc kiểm tra.")}
    )
    decision_ref = forms.CharField(
        label=_label("decision_ref"),
        required=False,
        max_length=255,
        help_text=Inspection._meta.get_field("decision_ref").help_text,
    )
    scope = forms.CharField(label=_label("scope"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    started_on = date_field(_label("started_on"), required=True)
    ended_on = date_field(_label("ended_on"))
    summary = forms.CharField(label=_label("summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, owners=(), organizations=(), programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)
        self.fields["inspected"].choices = [("", _("— Chọn cơ quan —")), *organizations]
        self.fields["program"].choices = [("", _("— Không chọn —")), *programs]


class InspectionEditForm(InspectionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    concluded_on = date_field(_label("concluded_on"))
    conclusion_ref = forms.CharField(
        label=_label("conclusion_ref"),
        required=False,
        max_length=255,
        help_text=Inspection._meta.get_field("conclusion_ref").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["owner"]  # an inspection stays with its inspecting organisation


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=InspectionConclusion._meta.get_field("text").verbose_name,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nhập hạn chế, tồn tại đã phát hiện.")},
    )
    requirement = forms.CharField(
        label=InspectionConclusion._meta.get_field("requirement").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remediation_due = date_field(InspectionConclusion._meta.get_field("remediation_due").verbose_name)


class RemediationTaskForm(forms.Form):
    title = forms.CharField(
        label=_("Tên nhiệm vụ khắc phục"), max_length=500, error_messages={"required": _("Hãy nhập tên nhiệm vụ.")}
    )
    lead = _typed_choice(_("Cơ quan chủ trì"), required=True)
    partners = forms.TypedMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 3}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    due_date = date_field(_("Hạn hoàn thành"), required=True)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = list(parties)
        self.fields["partners"].choices = list(parties)
