"""Forms of the exemplary model pages. They only parse input (choices, dates dd/mm/yyyy);
the rules live in `services`, whose ValidationErrors the views attach to the fields
(`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.exemplary.models import ExemplaryModel
from phoihop.exemplary.selectors import ExemplaryFilter
from phoihop.organisations.forms import ALL, attach_errors, date_field

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _label(name: str):
    return ExemplaryModel._meta.get_field(name).verbose_name


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def _multiple(label) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )


class ExemplaryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *ExemplaryModel.Status.choices])
    year = _typed_choice(_("Năm"))
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False, choices=[ALL, *ExemplaryModel.Field.choices])
    area = _typed_choice(_("Địa bàn"))

    def __init__(self, *args, years=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [ALL, *((year, str(year)) for year in years)]
        self.fields["area"].choices = [ALL, *areas]

    def to_filter(self) -> ExemplaryFilter:
        if not self.is_valid():
            return ExemplaryFilter()
        data = self.cleaned_data
        return ExemplaryFilter(
            q=data["q"] or None,
            status=data["status"] or None,
            year=data["year"],
            field=data["field"] or None,
            area=data["area"],
        )


class ExemplaryForm(forms.Form):
    owner = _typed_choice(_label("owner"), required=True)
    title = forms.CharField(
        label=_label("title"), max_length=500, error_messages={"required": _("Hãy nhập tên mô hình, điển hình.")}
    )
    description = forms.CharField(
        label=_label("description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Cách làm và kết quả của một tập thể; không ghi thông tin cá nhân của người dân."),
        error_messages={"required": _("Hãy mô tả cách làm và kết quả nổi bật.")},
    )
    field = forms.ChoiceField(
        label=_label("field"),
        choices=[("", _("— Chọn lĩnh vực —")), *ExemplaryModel.Field.choices],
        error_messages={"required": _("Hãy chọn lĩnh vực."), "invalid_choice": CHOICE_ERROR},
    )
    year = forms.IntegerField(label=_label("year"), error_messages={"required": _("Hãy nhập năm.")})
    area = _typed_choice(_label("area"))
    program = _typed_choice(_label("program"))
    evidence_tasks = _multiple(_("Nhiệm vụ minh chứng"))
    evidence_documents = _multiple(_("Tài liệu minh chứng"))
    evidence_press_items = _multiple(_("Tin bài minh chứng"))

    def __init__(self, *args, owners=(), areas=(), programs=(), candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)
        self.fields["area"].choices = [("", _("— Không chọn —")), *areas]
        self.fields["program"].choices = [("", _("— Không chọn —")), *programs]
        for name, choices in (candidates or {}).items():
            self.fields[name].choices = list(choices)


class ExemplaryEditForm(ExemplaryForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["owner"]  # a nomination stays with its organisation


class DecisionForm(forms.Form):
    """Commend (or not): the deciding organisation, the decision's reference and date."""

    action = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("commend", _("Khen thưởng")), ("not_commend", _("Không khen thưởng"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn một mục.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decided_by = _typed_choice(_label("decided_by"), required=True)
    decision_ref = forms.CharField(
        label=_label("decision_ref"),
        required=False,
        max_length=255,
        help_text=ExemplaryModel._meta.get_field("decision_ref").help_text,
    )
    decided_on = date_field(_label("decided_on"))
    review_note = forms.CharField(label=_label("review_note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Lý do không khen thưởng"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, deciders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].choices = list(deciders)
