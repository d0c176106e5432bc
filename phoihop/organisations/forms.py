"""Forms of the organisation registry pages.

Filter forms validate what the list pages accept and turn it into the selectors' filter
objects. Edit forms only parse input; the rules live in `services` and their
ValidationErrors are attached to the fields by the views (`attach_errors`).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.organisations.models import AdministrativeUnit, Level, Organization, Reorganization
from phoihop.organisations.selectors import OrganizationFilter, UnitFilter

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERROR = _("Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")
ALL = ("", _("Tất cả"))


def date_field(label, *, required: bool = False, **kwargs) -> forms.DateField:
    """A date typed as dd/mm/yyyy (ISO is accepted too, for links)."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off", "inputmode": "numeric"}
        ),
        error_messages={"invalid": DATE_ERROR, "required": _("Hãy nhập ngày.")},
        **kwargs,
    )


def _label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


def _until(valid_to: dt.date | None) -> str:
    return " (" + _("đến %(date)s") % {"date": valid_to.strftime("%d/%m/%Y")} + ")" if valid_to else ""


def province_choices(today: dt.date | None = None) -> list:
    """The provinces in force today, then the former ones, in one query."""
    today = today or timezone.localdate()
    current, former = [], []
    rows = AdministrativeUnit.objects.filter(level=Level.PROVINCE).order_by("sort_name", "id")
    for pk, name, valid_from, valid_to in rows.values_list("pk", "name", "valid_from", "valid_to"):
        if (valid_from is None or valid_from <= today) and (valid_to is None or valid_to >= today):
            current.append((pk, name))
        else:
            former.append((pk, f"{name}{_until(valid_to)}"))
    choices = [ALL]
    if current:
        choices.append((_("Tỉnh, thành phố hiện nay"), current))
    if former:
        choices.append((_("Tỉnh, thành phố trước đây"), former))
    return choices


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; one without fields
    (a StaleVersionError among them: someone else saved first) goes above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


# --- filters -------------------------------------------------------------------------


class _FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    level = forms.ChoiceField(label=_("Cấp"), required=False, choices=[ALL, *Level.choices])
    province = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Hãy chọn một tỉnh, thành phố trong danh sách.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = province_choices()


class OrganizationFilterForm(_FilterForm):
    kind = forms.ChoiceField(label=_("Loại cơ quan"), required=False, choices=[ALL, *Organization.Kind.choices])
    valid_on = date_field(_("Còn hiệu lực vào ngày"))
    current = forms.BooleanField(label=_("Chỉ cơ quan đang hoạt động hôm nay"), required=False)

    field_order = ["q", "kind", "level", "province", "valid_on", "current"]

    def to_filter(self) -> OrganizationFilter:
        """The selector's filter; no filter at all when the input is not valid."""
        if not self.is_valid():
            return OrganizationFilter()
        data = self.cleaned_data
        valid_on = data["valid_on"] or (timezone.localdate() if data["current"] else None)
        return OrganizationFilter(
            q=data["q"] or None,
            kind=data["kind"] or None,
            level=data["level"] or None,
            province=data["province"],
            valid_on=valid_on,
        )


class UnitFilterForm(_FilterForm):
    valid_on = date_field(_("Theo bản đồ hành chính ngày"))

    field_order = ["q", "level", "province", "valid_on"]

    def to_filter(self) -> UnitFilter:
        if not self.is_valid():
            return UnitFilter()
        data = self.cleaned_data
        return UnitFilter(
            q=data["q"] or None, level=data["level"] or None, province=data["province"], valid_on=data["valid_on"]
        )


class AsOfForm(forms.Form):
    as_of = date_field(_("Vào ngày"), required=True)


# --- organisations -------------------------------------------------------------------


def unit_choices(user) -> list:
    """Every administrative unit the user may pick, grouped so that the 3,000+ communes
    can be found under their province; one query."""
    rows = (
        permissions.visible_units(user)
        .order_by("sort_name", "id")
        .values_list("pk", "name", "level", "province_id", "valid_to")
    )
    provinces: list[tuple[int, str]] = []
    former_provinces: list[tuple[int, str]] = []
    below: dict[int | None, list[tuple[int, str]]] = {}
    province_names: dict[int, str] = {}
    today = timezone.localdate()
    for pk, name, level, province_id, valid_to in rows:
        label = f"{name}{_until(valid_to)}"
        if level == Level.PROVINCE:
            province_names[pk] = label
            (former_provinces if valid_to and valid_to < today else provinces).append((pk, label))
        else:
            below.setdefault(province_id, []).append((pk, label))
    choices: list = [("", _("— Không gắn địa bàn (cấp Trung ương) —"))]
    if provinces:
        choices.append((_("Tỉnh, thành phố"), provinces))
    if former_provinces:
        choices.append((_("Tỉnh, thành phố trước 01/07/2025"), former_provinces))
    for pk, label in provinces + former_provinces:
        if pk in below:
            choices.append((_("Thuộc %(province)s") % {"province": label}, below.pop(pk)))
    for units in below.values():  # units without a known province
        choices.append((_("Khác"), units))
    return choices


def parent_choices(user, exclude_pk: int | None = None) -> list:
    rows = permissions.visible_organizations(user).order_by("sort_name", "id").values_list("pk", "name", "valid_to")
    return [("", _("— Không có —"))] + [
        (pk, f"{name}{_until(valid_to)}") for pk, name, valid_to in rows if pk != exclude_pk
    ]


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_label(Organization, "name"), max_length=255)
    short_name = forms.CharField(label=_label(Organization, "short_name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_label(Organization, "kind"), choices=[("", "—"), *Organization.Kind.choices])
    level = forms.ChoiceField(label=_label(Organization, "level"), choices=[("", "—"), *Level.choices])
    administrative_unit = forms.TypedChoiceField(
        label=_label(Organization, "administrative_unit"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Để trống với cơ quan cấp Trung ương; xã, phường nằm trong nhóm của tỉnh, thành phố."),
    )
    parent = forms.TypedChoiceField(label=_label(Organization, "parent"), required=False, coerce=int, empty_value=None)
    issuer_code = forms.CharField(
        label=_label(Organization, "issuer_code"),
        max_length=32,
        required=False,
        help_text=Organization._meta.get_field("issuer_code").help_text,
    )
    valid_from = date_field(_label(Organization, "valid_from"))
    valid_to = date_field(_label(Organization, "valid_to"))
    description = forms.CharField(label=_label(Organization, "description"), required=False, widget=forms.Textarea)

    required_messages = {
        "name": _("Hãy nhập tên cơ quan."),
        "kind": _("Hãy chọn loại cơ quan."),
        "level": _("Hãy chọn cấp của cơ quan."),
    }

    def __init__(self, *args, user, instance: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["administrative_unit"].choices = unit_choices(user)
        self.fields["parent"].choices = parent_choices(user, exclude_pk=instance.pk if instance else None)
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message
        for name in ("administrative_unit", "parent"):
            self.fields[name].error_messages["invalid_choice"] = _("Lựa chọn không có trong danh sách.")

    @classmethod
    def initial_for(cls, org: Organization) -> dict:
        initial = {name: getattr(org, name) for name in ("name", "short_name", "kind", "level", "issuer_code")}
        initial.update(
            administrative_unit=org.administrative_unit_id,
            parent=org.parent_id,
            valid_from=org.valid_from,
            valid_to=org.valid_to,
            description=org.description,
        )
        return initial

    def service_values(self) -> dict:
        """The cleaned input as keyword arguments of organization_create/_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        unit_id, parent_id = data.pop("administrative_unit"), data.pop("parent")
        data["administrative_unit"] = (
            permissions.visible_units(self.user).filter(pk=unit_id).first() if unit_id else None
        )
        data["parent"] = (
            permissions.visible_organizations(self.user).filter(pk=parent_id).first() if parent_id else None
        )
        return data


class OrganizationEditForm(OrganizationForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- re-organisations ----------------------------------------------------------------


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        start = obj.valid_from.strftime("%d/%m/%Y") if obj.valid_from else "…"
        end = obj.valid_to.strftime("%d/%m/%Y") if obj.valid_to else "…"
        return f"{obj.name} ({start} – {end})"


class ReorganizationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_label(Reorganization, "kind"),
        choices=[("", "—"), *Reorganization.Kind.choices],
        error_messages={"required": _("Hãy chọn hình thức sắp xếp.")},
    )
    effective_date = date_field(
        _label(Reorganization, "effective_date"),
        required=True,
        help_text=_("Cơ quan trước sắp xếp kết thúc hiệu lực vào ngày liền trước ngày này."),
    )
    legal_basis = forms.CharField(
        label=_label(Reorganization, "legal_basis"),
        max_length=500,
        help_text=Reorganization._meta.get_field("legal_basis").help_text,
        error_messages={"required": _("Hãy nhập căn cứ của việc sắp xếp (số, ngày văn bản).")},
    )
    predecessors = OrganizationMultipleChoiceField(
        label=_label(Reorganization, "predecessors"),
        queryset=Organization.objects.none(),
        help_text=_("Giữ phím Ctrl (hoặc Cmd) để chọn nhiều cơ quan."),
        error_messages={"required": _("Hãy chọn ít nhất một cơ quan trước sắp xếp.")},
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    successors = OrganizationMultipleChoiceField(
        label=_label(Reorganization, "successors"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Cơ quan sau sắp xếp phải được thêm vào danh mục trước, có hiệu lực từ ngày sắp xếp."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    note = forms.CharField(label=_label(Reorganization, "note"), required=False, widget=forms.Textarea)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = permissions.visible_organizations(user).order_by("sort_name", "id")
        for name in ("predecessors", "successors"):
            self.fields[name].queryset = organizations
            self.fields[name].error_messages["invalid_choice"] = _("Lựa chọn %(value)s không có trong danh sách.")
            self.fields[name].error_messages["invalid_pk_value"] = _("“%(pk)s” không phải là một cơ quan.")

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["predecessors"] = list(data["predecessors"])
        data["successors"] = list(data["successors"])
        return data
