"""Forms of the provision pages. They only parse input (choices, dates dd/mm/yyyy, the
incident's time); the rules live in `services`, whose ValidationErrors the views attach
to the fields (`attach_errors`)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core import uploads
from phoihop.documents.models import Classification
from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.provisions.models import InformationProvision
from phoihop.provisions.selectors import ProvisionFilter

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


class ProvisionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    program = _typed_choice(_("Chương trình"))
    provider = _typed_choice(_("Cơ quan cung cấp"))
    receiver = _typed_choice(_("Cơ quan nhận"))
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[ALL, *InformationProvision.Kind.choices])
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    acknowledged = forms.ChoiceField(
        label=_("Xác nhận đã nhận"),
        required=False,
        choices=[ALL, ("yes", _("Đã xác nhận")), ("no", _("Chưa xác nhận"))],
    )

    def __init__(self, *args, programs=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [ALL, *programs]
        self.fields["provider"].choices = [ALL, *organizations]
        self.fields["receiver"].choices = [ALL, *organizations]

    def to_filter(self) -> ProvisionFilter:
        if not self.is_valid():
            return ProvisionFilter()
        data = self.cleaned_data
        acknowledged = {"yes": True, "no": False}.get(data["acknowledged"])
        return ProvisionFilter(
            q=data["q"] or None,
            program=data["program"],
            provider=data["provider"],
            receiver=data["receiver"],
            kind=data["kind"] or None,
            year=data["year"],
            acknowledged=acknowledged,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the Django documentation's recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


TIME_ERROR = _("Giờ không hợp lệ (hh:mm, ví dụ 14:30).")


class _ContentForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung thông tin"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Hãy nhập nội dung thông tin.")},
    )
    files = MultipleFileField(
        label=_("Tệp kèm theo"),
        required=False,
        allow_empty_file=True,
        error_messages={"invalid": _("Tệp gửi lên không hợp lệ.")},
    )
    file_classification = forms.ChoiceField(
        label=_("Phân loại tệp kèm theo"),
        choices=Classification.choices,
        initial=Classification.INTERNAL,
        help_text=_(
            "Văn bản mật (mật, tối mật, tuyệt mật) không được tải lên; hãy chuyển qua kênh bảo mật (đường giao liên)."
        ),
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("Tài liệu đã có của cơ quan"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        error_messages={"invalid_choice": CHOICE_ERROR},
        help_text=_("Tài liệu nội bộ được chia sẻ với cơ quan nhận."),
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = list(documents)
        self.fields["files"].widget.attrs["accept"] = uploads.accept_attribute()
        self.fields["files"].help_text = uploads.accepted_help()


class ProvideForm(_ContentForm):
    """Provide information under a programme chosen beforehand (the page's ?program=)."""

    provider = _typed_choice(_("Cơ quan cung cấp"), required=True)
    receiver = _typed_choice(_("Cơ quan nhận"), required=True)
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=InformationProvision.Kind.choices,
        initial=InformationProvision.Kind.PERIODIC,
        widget=forms.RadioSelect,
    )
    period = forms.ChoiceField(label=_("Kỳ"), required=False, error_messages={"invalid_choice": CHOICE_ERROR})
    incident_title = forms.CharField(label=_("Sự việc"), max_length=500, required=False)
    incident_on = date_field(_("Ngày xảy ra"))
    incident_time = forms.TimeField(
        label=_("Giờ xảy ra"),
        required=False,
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%H giờ %M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"}),
        error_messages={"invalid": TIME_ERROR},
    )

    field_order = ["provider", "receiver", "kind", "period", "incident_title", "incident_on", "incident_time"]

    def __init__(self, *args, providers=(), receivers=(), periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("— Chọn cơ quan —")), *providers]
        self.fields["receiver"].choices = list(receivers)
        self.fields["period"].choices = [("", _("— Chọn kỳ —")), *periods]

    def clean(self):
        data = super().clean()
        if data.get("kind") == InformationProvision.Kind.ADHOC:
            day, time = data.get("incident_on"), data.get("incident_time")
            if day is not None and time is None and "incident_time" not in self.errors:
                self.add_error("incident_time", _("Hãy nhập giờ xảy ra sự việc."))
        return data

    def period_values(self) -> tuple[int | None, int | None]:
        value = self.cleaned_data.get("period") or ""
        if "-" not in value:
            return None, None
        year, number = value.split("-", 1)
        return int(year), int(number)

    def incident_at(self) -> dt.datetime | None:
        day, time = self.cleaned_data.get("incident_on"), self.cleaned_data.get("incident_time")
        if day is None or time is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, time))


class CorrectionForm(_ContentForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
