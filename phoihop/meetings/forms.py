"""Forms of the meeting pages. They only parse input (choices, dates dd/mm/yyyy and times
dd/mm/yyyy hh:mm); the rules live in `services`, whose ValidationErrors the views attach
to the fields (`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.meetings.models import Meeting
from phoihop.meetings.selectors import MeetingFilter
from phoihop.organisations.forms import ALL, attach_errors, date_field

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATETIME_ERROR = _("Thời gian không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy hh:mm, ví dụ 15/10/2026 08:00.")


def _label(name: str):
    return Meeting._meta.get_field(name).verbose_name


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
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )


def datetime_field(label, *, required: bool = False) -> forms.DateTimeField:
    """A moment typed as dd/mm/yyyy hh:mm (ISO is accepted too, for links)."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M",
            attrs={"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off", "inputmode": "numeric"},
        ),
        error_messages={"invalid": DATETIME_ERROR, "required": _("Hãy nhập thời gian bắt đầu (dd/mm/yyyy hh:mm).")},
    )


class MeetingFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    kind = forms.ChoiceField(label=_label("kind"), required=False, choices=[ALL, *Meeting.Kind.choices])
    status = forms.ChoiceField(label=_label("status"), required=False, choices=[ALL, *Meeting.Status.choices])
    year = _typed_choice(_("Năm"))
    program = _typed_choice(_label("program"))

    def __init__(self, *args, years=(), programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [ALL, *((year, str(year)) for year in years)]
        self.fields["program"].choices = [ALL, *programs]

    def to_filter(self) -> MeetingFilter:
        if not self.is_valid():
            return MeetingFilter()
        data = self.cleaned_data
        return MeetingFilter(
            q=data["q"] or None,
            kind=data["kind"] or None,
            status=data["status"] or None,
            year=data["year"],
            program=data["program"],
        )


class MeetingForm(forms.Form):
    owner = _typed_choice(_label("owner"), required=True)
    kind = forms.ChoiceField(
        label=_label("kind"),
        choices=[("", _("— Chọn loại hội nghị —")), *Meeting.Kind.choices],
        error_messages={"required": _("Hãy chọn loại hội nghị."), "invalid_choice": CHOICE_ERROR},
    )
    title = forms.CharField(
        label=_label("title"), max_length=500, error_messages={"required": _("Hãy nhập tên hội nghị.")}
    )
    program = _typed_choice(_label("program"))
    starts_at = datetime_field(_label("starts_at"), required=True)
    ends_at = datetime_field(_label("ends_at"))
    place = forms.CharField(label=_label("place"), max_length=500, required=False)
    is_online = forms.BooleanField(
        label=_label("is_online"),
        required=False,
        help_text=_("Hội nghị trực tuyến cần ít nhất một điểm cầu, trong đó đúng một điểm cầu chính."),
    )
    chair_name = forms.CharField(label=_label("chair_name"), max_length=255, required=False)
    chair_position = forms.CharField(label=_label("chair_position"), max_length=255, required=False)
    participants = _multiple(_("Cơ quan tham dự"))
    agenda = forms.CharField(label=_label("agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    minutes = forms.CharField(label=_label("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, owners=(), programs=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)
        self.fields["program"].choices = [("", _("— Không gắn chương trình —")), *programs]
        self.fields["participants"].choices = list(organizations)
        self.fields["participants"].help_text = _(
            "Cơ quan tổ chức luôn là cơ quan tham dự. Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan."
        )


class MeetingEditForm(MeetingForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["owner"]  # a meeting stays with its organiser


class ConnectionPointForm(forms.Form):
    name = forms.CharField(label=_("Tên điểm cầu"), max_length=255, required=False)
    organization = _typed_choice(_("Cơ quan chủ trì điểm cầu"))
    place = forms.CharField(label=_("Địa điểm"), max_length=500, required=False)
    is_main = forms.BooleanField(label=_("Điểm cầu chính"), required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("— Không chọn —")), *organizations]


ConnectionPointFormSet = forms.formset_factory(ConnectionPointForm, extra=3, max_num=50, absolute_max=50)


class ConclusionForm(forms.Form):
    number = forms.IntegerField(
        label=_("Thứ tự"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Để trống: số tiếp theo."),
        error_messages={"invalid": _("Thứ tự là một số từ 1 đến 999.")},
    )
    text = forms.CharField(
        label=_("Nội dung kết luận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nhập nội dung kết luận.")},
    )


class ConclusionEditForm(ConclusionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConclusionDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class _AnyIds(forms.TypedMultipleChoiceField):
    """Ids offered from a list but judged by the service (so a lead or a partner outside
    the meeting's participants gets the service's message, which names the rule)."""

    def valid_value(self, value) -> bool:
        return True


class ConclusionTaskForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(
        label=_("Tên nhiệm vụ"),
        max_length=500,
        required=False,
        help_text=_("Để trống: lấy nội dung kết luận."),
    )
    lead = forms.IntegerField(
        label=_("Cơ quan chủ trì"),
        widget=forms.Select,
        error_messages={"required": _("Hãy chọn cơ quan chủ trì."), "invalid": CHOICE_ERROR},
    )
    partners = _AnyIds(
        label=_("Cơ quan phối hợp"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    due_date = date_field(_("Hạn hoàn thành"), required=True)

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(org.pk, org.name) for org in participants]
        self.fields["lead"].widget.choices = [("", _("— Chọn cơ quan tham dự —")), *choices]
        self.fields["partners"].choices = choices
        self.fields["partners"].widget.attrs["size"] = min(max(len(choices), 2), 6)
