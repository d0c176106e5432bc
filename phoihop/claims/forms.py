"""Forms of the false claim pages. They only parse input (choices, dates dd/mm/yyyy);
the rules live in `services`, whose ValidationErrors the views attach to the fields
(`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.claims.models import FalseClaim
from phoihop.claims.selectors import ClaimFilter
from phoihop.opinion.models import Topic
from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.organisations.models import AdministrativeUnit

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")
MAX_AREAS = 1000


def _label(name: str):
    return FalseClaim._meta.get_field(name).verbose_name


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def topic_choices(current_id: int | None = None) -> list[tuple[int, str]]:
    return list(
        Topic.objects.filter(Q(is_active=True) | Q(pk=current_id or 0))
        .order_by("position", "name")
        .values_list("pk", "name")
    )


def area_choices(user, current_id: int | None = None) -> list[tuple[int, str]]:
    """The units of the user's departments and the units within them (a province's
    communes), and the claim's current area."""
    unit_ids = [m.organization.administrative_unit_id for m in permissions.principal(user).memberships]
    unit_ids = [pk for pk in unit_ids if pk]
    return list(
        AdministrativeUnit.objects.filter(
            Q(pk__in=unit_ids) | Q(parent_id__in=unit_ids) | Q(province_id__in=unit_ids) | Q(pk=current_id or 0)
        )
        .order_by("level", "name", "id")
        .values_list("pk", "name")[:MAX_AREAS]
    )


class ClaimFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    status = forms.ChoiceField(label=_("Kết quả xác minh"), required=False, choices=[ALL, *FalseClaim.Status.choices])
    channel = forms.ChoiceField(label=_("Kênh"), required=False, choices=[ALL, *FalseClaim.Channel.choices])
    topic = _typed_choice(_("Chủ đề"))
    area = _typed_choice(_("Địa bàn"))
    seen_from = date_field(_("Phát hiện từ ngày"))
    seen_to = date_field(_("Đến ngày"))

    def __init__(self, *args, topics=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [ALL, *topics]
        self.fields["area"].choices = [ALL, *areas]

    def clean(self):
        data = super().clean()
        start, end = data.get("seen_from"), data.get("seen_to")
        if start and end and end < start:
            self.add_error("seen_to", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        return data

    def to_filter(self) -> ClaimFilter:
        if not self.is_valid():
            return ClaimFilter()
        data = self.cleaned_data
        return ClaimFilter(
            q=data["q"] or None,
            status=data["status"] or None,
            channel=data["channel"] or None,
            topic=data["topic"],
            area=data["area"],
            seen_from=data["seen_from"],
            seen_to=data["seen_to"],
        )


class ClaimForm(forms.Form):
    owner = _typed_choice(_label("owner"), required=True)
    claim = forms.CharField(
        label=_label("claim"),
        help_text=FalseClaim._meta.get_field("claim").help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Hãy nhập nội dung thông tin đang lan truyền.")},
    )
    channel = forms.ChoiceField(
        label=_label("channel"),
        choices=[("", _("— Chọn kênh —")), *FalseClaim.Channel.choices],
        error_messages={"required": _("Hãy chọn kênh phát hiện."), "invalid_choice": CHOICE_ERROR},
    )
    seen_where = forms.CharField(
        label=_label("seen_where"),
        max_length=500,
        help_text=FalseClaim._meta.get_field("seen_where").help_text,
        error_messages={"required": _("Hãy nhập nơi phát hiện: cơ quan báo chí, trang, nhóm hoặc nền tảng.")},
    )
    seen_on = date_field(_label("seen_on"), required=True)
    area = _typed_choice(_label("area"))
    topic = _typed_choice(_label("topic"))

    def __init__(self, *args, owners=(), topics=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(owners)
        self.fields["topic"].choices = [("", _("— Không chọn —")), *topics]
        self.fields["area"].choices = [("", _("— Không chọn —")), *areas]


class ClaimEditForm(ClaimForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["owner"]  # a claim stays with its department


class ResponseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    response = forms.CharField(label=_label("response"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    response_published_where = forms.CharField(
        label=_label("response_published_where"),
        required=False,
        max_length=500,
        help_text=_("Ví dụ: Cổng thông tin điện tử tỉnh, Báo Đắk Lắk, trang Fanpage của Công an tỉnh."),
    )
    response_url = forms.CharField(label=_label("response_url"), required=False, max_length=2000)
    response_published_on = date_field(_label("response_published_on"))


class LinkForm(forms.Form):
    hot_issues = forms.TypedMultipleChoiceField(
        label=_("Vấn đề nổi cộm"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    press_items = forms.TypedMultipleChoiceField(
        label=_("Tin bài báo chí"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )

    def __init__(self, *args, hot_issues=(), press_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hot_issues"].choices = list(hot_issues)
        self.fields["press_items"].choices = list(press_items)
