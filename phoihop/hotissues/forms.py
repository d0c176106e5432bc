"""Forms of the hot issue pages. They only parse input (choices, dates dd/mm/yyyy); the
rules live in `services`, whose ValidationErrors the views attach to the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.hotissues.models import HotIssue, Severity
from phoihop.hotissues.selectors import FLAGS, HotIssueFilter
from phoihop.organisations.forms import ALL, attach_errors, date_field

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def flag_choices():
    return [(name, HotIssue._meta.get_field(name).verbose_name) for name in FLAGS]


class HotIssueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *HotIssue.Status.choices])
    severity = forms.ChoiceField(label=_("Mức độ"), required=False, choices=[ALL, *Severity.choices])
    flag = forms.ChoiceField(label=_("Tính chất"), required=False)
    topic = _choice(_("Chủ đề"))
    area = _choice(_("Địa bàn"))
    owner = _choice(_("Ban theo dõi"))

    def __init__(self, *args, topics=(), areas=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flag"].choices = [ALL, *flag_choices()]
        self.fields["topic"].choices = [ALL, *topics]
        self.fields["area"].choices = [ALL, *areas]
        self.fields["owner"].choices = [ALL, *owners]

    def to_filter(self) -> HotIssueFilter:
        if not self.is_valid():
            return HotIssueFilter()
        data = self.cleaned_data
        return HotIssueFilter(
            q=data["q"] or None,
            status=data["status"] or None,
            topic=data["topic"],
            area=data["area"],
            severity=data["severity"] or None,
            flag=data["flag"] or None,
            owner=data["owner"],
        )


class HotIssueForm(forms.Form):
    owner = _choice(_("Ban theo dõi"), required=True)
    title = forms.CharField(
        label=_("Tên vấn đề"), max_length=500, error_messages={"required": _("Hãy nhập tên vấn đề.")}
    )
    description = forms.CharField(
        label=_("Diễn biến, nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mô tả vấn đề, không ghi tên, địa chỉ, số điện thoại hay tài khoản của người dân."),
    )
    area = _choice(_("Địa bàn"), required=True)
    topic = _choice(_("Chủ đề"), required=True)
    severity = forms.ChoiceField(
        label=_("Mức độ nghiêm trọng"),
        choices=[("", _("— Chọn mức độ —")), *Severity.choices],
        error_messages={"required": _("Hãy chọn mức độ nghiêm trọng.")},
    )
    is_prominent = forms.BooleanField(label=_("Nổi cộm"), required=False)
    is_complex = forms.BooleanField(label=_("Phức tạp"), required=False)
    is_sensitive = forms.BooleanField(label=_("Nhạy cảm"), required=False)
    program = _choice(_("Chương trình phối hợp (để giao nhiệm vụ xử lý)"))
    source_kind = forms.CharField(widget=forms.HiddenInput, required=False)
    source_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, owners=(), areas=(), topics=(), programs=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)
        self.fields["area"].choices = [("", _("— Chọn địa bàn —")), *areas]
        self.fields["topic"].choices = [("", _("— Chọn chủ đề —")), *topics]
        self.fields["program"].choices = [("", _("— Không —")), *programs]
        if editing:
            del self.fields["owner"]
            del self.fields["source_kind"]
            del self.fields["source_id"]
            self.fields["version"].required = True


class HandOverForm(forms.Form):
    to_organization = _choice(_("Cơ quan nhận"), required=True)
    note = forms.CharField(
        label=_("Nội dung đề nghị xử lý"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Hãy ghi nội dung đề nghị cơ quan nhận xử lý.")},
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].choices = [("", _("— Chọn cơ quan —")), *organizations]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[("accept", _("Tiếp nhận")), ("return", _("Trả lại"))],
        error_messages={"required": _("Hãy chọn tiếp nhận hoặc trả lại.")},
    )
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ShareForm(forms.Form):
    organizations = forms.TypedMultipleChoiceField(
        label=_("Chia sẻ với"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    version = _version()

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = list(organizations)


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Tên nhiệm vụ"), max_length=500, error_messages={"required": _("Hãy nhập tên nhiệm vụ.")}
    )
    lead = _choice(_("Cơ quan chủ trì"), required=True)
    partners = forms.TypedMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    due_date = date_field(_("Hạn hoàn thành"), required=True)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [("", _("— Chọn cơ quan —")), *parties]
        self.fields["partners"].choices = list(parties)


class RuleForm(forms.Form):
    department = _choice(_("Ban"), required=True)
    name = forms.CharField(
        label=_("Tên quy tắc"), max_length=255, error_messages={"required": _("Hãy đặt tên quy tắc.")}
    )
    min_severity = forms.ChoiceField(
        label=_("Từ mức độ"), required=False, choices=[("", _("— Không xét —")), *Severity.choices]
    )
    unresolved_days = forms.IntegerField(
        label=_("Chưa giải quyết sau (ngày)"),
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Số ngày phải là một số."),
            "min_value": _("Số ngày phải từ 1 đến 365."),
            "max_value": _("Số ngày phải từ 1 đến 365."),
        },
    )
    is_active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, departments=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = list(departments)
        if editing:
            del self.fields["department"]
            self.fields["version"].required = True


class JoinForm(forms.Form):
    hot_issue = _choice(_("Vấn đề nổi cộm đang mở"), required=True)

    def __init__(self, *args, issues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hot_issue"].choices = [("", _("— Chọn vấn đề —")), *issues]
