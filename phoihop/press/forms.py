"""Forms of the press pages. They only parse input (choices, dates dd/mm/yyyy); the rules
live in `services`, whose ValidationErrors the views attach to the fields."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.opinion.models import Topic
from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.organisations.models import AdministrativeUnit, Level
from phoihop.press.models import PressSource, Tone
from phoihop.press.selectors import ItemFilter

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")
MAX_CHOICES = 500
YES_NO = [ALL, ("yes", _("Có")), ("no", _("Không"))]


def _typed_choice(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def department_choices(user) -> list[tuple[int, str]]:
    return list(permissions.press_departments(user).order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES])


def topic_choices() -> list[tuple[int, str]]:
    return list(Topic.objects.filter(is_active=True).order_by("position", "name").values_list("pk", "name"))


def area_choices(user) -> list[tuple[int, str]]:
    """The provinces, and the communes of the provinces the user works in."""
    who = permissions.principal(user)
    provinces = set()
    for membership in who.memberships:
        unit = membership.organization.administrative_unit
        if unit is not None:
            provinces.add(unit.province_id or unit.pk)
    units = AdministrativeUnit.objects.filter(Q(level=Level.PROVINCE) | Q(province_id__in=provinces))
    return list(units.order_by("level", "sort_name", "id").values_list("pk", "name")[:MAX_CHOICES])


class ItemFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    source = _typed_choice(_("Nguồn tin"))
    date_from = date_field(_("Từ ngày"))
    date_to = date_field(_("Đến ngày"))
    tone = forms.ChoiceField(label=_("Sắc thái"), required=False, choices=[ALL, *Tone.choices])
    topic = _typed_choice(_("Chủ đề"))
    area = _typed_choice(_("Địa bàn"))
    program = _typed_choice(_("Chương trình"))
    flagged = forms.ChoiceField(label=_("Khớp từ khóa theo dõi"), required=False, choices=YES_NO)
    hot = forms.ChoiceField(label=_("Tin nổi bật"), required=False, choices=YES_NO)

    def __init__(self, *args, sources=(), topics=(), areas=(), programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [ALL, *sources]
        self.fields["topic"].choices = [ALL, *topics]
        self.fields["area"].choices = [ALL, *areas]
        self.fields["program"].choices = [ALL, *programs]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        return data

    def to_filter(self) -> ItemFilter:
        if not self.is_valid():
            return ItemFilter()
        data = self.cleaned_data
        yes_no = {"yes": True, "no": False}
        return ItemFilter(
            q=data["q"] or None,
            source=data["source"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            tone=data["tone"] or None,
            topic=data["topic"],
            area=data["area"],
            program=data["program"],
            flagged=yes_no.get(data["flagged"]),
            hot=yes_no.get(data["hot"]),
        )


class _DepartmentForm(forms.Form):
    owner = _typed_choice(_("Ban theo dõi"), required=True)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = list(departments)


class SourceForm(_DepartmentForm):
    name = forms.CharField(label=_("Tên cơ quan báo chí"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại nguồn"), choices=PressSource.Kind.choices, initial=PressSource.Kind.RSS)
    feed_url = forms.CharField(
        label=_("Địa chỉ nguồn tin (RSS/Atom)"),
        max_length=2000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://…/rss"}),
        help_text=_("Để trống nếu nhập tin bài bằng tay."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class ItemForm(_DepartmentForm):
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=255, required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=1000, required=False)
    link = forms.CharField(
        label=_("Đường dẫn"), max_length=2000, required=False, widget=forms.URLInput(attrs={"placeholder": "https://"})
    )
    published_on = date_field(_("Ngày đăng"))
    summary = forms.CharField(label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tone = forms.ChoiceField(label=_("Sắc thái"), choices=Tone.choices, initial=Tone.NEUTRAL)
    area = _typed_choice(_("Địa bàn"))
    topic = _typed_choice(_("Chủ đề"))
    programs = forms.TypedMultipleChoiceField(
        label=_("Chương trình liên quan"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )

    def __init__(self, *args, topics=(), areas=(), programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("— Chưa chọn —")), *topics]
        self.fields["area"].choices = [("", _("— Chưa chọn —")), *areas]
        self.fields["programs"].choices = list(programs)


PASTE_HELP = _(
    "Mỗi dòng một tin bài, bốn cột cách nhau bằng dấu tab (chép từ Excel) hoặc dấu |: "
    "ngày | cơ quan báo chí | tiêu đề | đường dẫn. Ngày viết dd/mm/yyyy; đường dẫn có thể để trống."
)


class PasteForm(_DepartmentForm):
    text = forms.CharField(
        label=_("Các dòng tin bài"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 10, "placeholder": "21/11/2026 | Báo Đắk Lắk | Đẩy nhanh giải phóng mặt bằng | https://…"}
        ),
        help_text=PASTE_HELP,
    )
    tone = forms.ChoiceField(label=_("Sắc thái (cho mọi dòng)"), choices=Tone.choices, initial=Tone.NEUTRAL)
    topic = _typed_choice(_("Chủ đề (cho mọi dòng)"))

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("— Chưa chọn —")), *topics]


class WatchListForm(_DepartmentForm):
    name = forms.CharField(label=_("Tên danh sách"), max_length=255, required=False)
    keywords = forms.CharField(
        label=_("Từ khóa (mỗi dòng một từ khóa)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "giải phóng mặt bằng\nĐắk Lắk\ndat dai"}),
        help_text=_(
            "Khớp tiêu đề và tóm tắt, có dấu hay không dấu đều được, theo nguyên từ: "
            "“dan” khớp “dân” nhưng không khớp “đang”."
        ),
    )
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class ItemProgramsForm(forms.Form):
    programs = forms.TypedMultipleChoiceField(
        label=_("Chương trình liên quan"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )

    # The links as the editor saw them ("3,7"): a change made meanwhile by someone else is
    # detected, not overwritten (press items carry no version of their own).
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].choices = list(programs)

    def cleaned_shown(self) -> set[int] | None:
        """The programme ids the editor saw, or None when the form did not say."""
        text = self.cleaned_data.get("shown")
        if text is None:
            return None
        return {int(part) for part in text.split(",") if part.isascii() and part.isdigit()}
