"""Forms of the public-opinion pages. They only parse input (choices, dates dd/mm/yyyy);
the rules live in `services`, whose ValidationErrors the views attach to the fields
(`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.opinion.models import Breadth, Direction, Intensity, OpinionReport, ReportingCalendar
from phoihop.opinion.selectors import ReportFilter
from phoihop.opinion.services import ItemInput
from phoihop.organisations.forms import ALL, attach_errors, date_field

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")
BLANK = ("", "—")


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReportFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    department = _typed_choice(_("Ban"))
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[ALL, *OpinionReport.Kind.choices])
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *OpinionReport.Status.choices])
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
        },  # fmt: skip
    )
    hot = forms.ChoiceField(
        label=_("Nổi cộm"), required=False, choices=[ALL, ("yes", _("Có nội dung nổi cộm")), ("no", _("Không có"))]
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [ALL, *departments]

    def to_filter(self) -> ReportFilter:
        if not self.is_valid():
            return ReportFilter()
        data = self.cleaned_data
        return ReportFilter(
            q=data["q"] or None,
            department=data["department"],
            kind=data["kind"] or None,
            status=data["status"] or None,
            year=data["year"],
            hot={"yes": True, "no": False}.get(data["hot"]),
        )


class ReportForm(forms.Form):
    """The report's head: kind, period (periodic) or date (quick), area, overview."""

    kind = forms.ChoiceField(
        label=_("Loại báo cáo"), choices=OpinionReport.Kind.choices, widget=forms.RadioSelect(attrs={"class": "checks"})
    )
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), required=False, error_messages={"invalid_choice": CHOICE_ERROR})
    observed_on = date_field(_("Ngày ghi nhận (báo cáo nhanh)"))
    area = _typed_choice(_("Địa bàn"), required=True)
    overview = forms.CharField(
        label=_("Nhận định chung"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tình hình chung trên địa bàn. Không ghi tên, địa chỉ, số điện thoại hay tài khoản của người dân."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, periods=(), areas=(), fixed_kind: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [BLANK, *periods]
        self.fields["area"].choices = list(areas)
        if fixed_kind:
            del self.fields["kind"]

    def period_values(self) -> tuple[int | None, int | None]:
        value = self.cleaned_data.get("period") or ""
        if "-" not in value:
            return None, None
        year, number = value.split("-", 1)
        return int(year), int(number)


class ItemForm(forms.Form):
    """One item; a row left entirely blank is left out."""

    topic = _typed_choice(_("Chủ đề"))
    tags = forms.TypedMultipleChoiceField(
        label=_("Sự kiện, dịp"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    area = _typed_choice(_("Địa bàn"))
    direction = forms.ChoiceField(label=_("Chiều hướng"), required=False, choices=[BLANK, *Direction.choices])
    intensity = forms.ChoiceField(label=_("Mức độ"), required=False, choices=[BLANK, *Intensity.choices])
    breadth = forms.ChoiceField(label=_("Phạm vi"), required=False, choices=[BLANK, *Breadth.choices])
    summary = forms.CharField(
        label=_("Tóm tắt"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Về vấn đề, không về người nói: không ghi tên, địa chỉ, tài khoản của người dân."),
    )
    flagged_hot = forms.BooleanField(label=_("Đánh dấu nổi cộm"), required=False)

    def __init__(self, *args, topics=(), tags=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [BLANK, *topics]
        self.fields["tags"].choices = list(tags)
        self.fields["area"].choices = [("", _("Địa bàn của báo cáo")), *areas]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("topic", "direction", "intensity", "breadth", "summary"))

    def to_input(self) -> ItemInput:
        data = self.cleaned_data
        return ItemInput(
            topic=data.get("topic"),
            direction=data.get("direction") or "",
            intensity=data.get("intensity") or "",
            breadth=data.get("breadth") or "",
            summary=data.get("summary") or "",
            area=data.get("area"),
            tags=tuple(data.get("tags") or ()),
            flagged_hot=bool(data.get("flagged_hot")),
        )


class _BaseItemFormSet(forms.BaseFormSet):
    def inputs(self) -> list[ItemInput]:
        return [form.to_input() for form in self.forms if form.is_valid() and not form.is_blank()]


ItemFormSet = forms.formset_factory(ItemForm, formset=_BaseItemFormSet, extra=3, max_num=50, absolute_max=50)


class CalendarForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Định kỳ"), choices=ReportingCalendar.Frequency.choices)
    due_day = forms.IntegerField(
        label=_("Hạn nộp (ngày trong tháng cuối kỳ)"),
        min_value=1,
        max_value=31,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Tháng ngắn hơn thì hạn là ngày cuối tháng."),
        error_messages={
            "invalid": _("Hãy nhập một số từ 1 đến 31."),
            "min_value": _("Hãy nhập một số từ 1 đến 31."),
            "max_value": _("Hãy nhập một số từ 1 đến 31."),
        },  # fmt: skip
    )
    remind_days_before = forms.IntegerField(
        label=_("Nhắc trước (ngày)"),
        min_value=0,
        max_value=31,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Hãy nhập một số từ 0 đến 31."),
            "min_value": _("Hãy nhập một số từ 0 đến 31."),
            "max_value": _("Hãy nhập một số từ 0 đến 31."),
        },  # fmt: skip
    )
    version = _version_field()


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Tên chủ đề"), max_length=255, error_messages={"required": _("Hãy nhập tên.")})
    position = forms.IntegerField(label=_("Thứ tự"), required=False, min_value=0, max_value=32767)
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)


class TagForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=255, error_messages={"required": _("Hãy nhập tên.")})
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)
