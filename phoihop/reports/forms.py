"""Forms of the report pages. They only parse input (choices, dates dd/mm/yyyy, the
period as year + month / quarter / half); the rules live in `services`, whose
ValidationErrors the views attach to the fields (`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.reports import services
from phoihop.reports.models import Report
from phoihop.reports.selectors import ReportFilter

__all__ = ["attach_errors"]

CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")
NONE = ("", _("— Chọn —"))
MONTHS = [(m, _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]
QUARTERS = [(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))]
HALVES = [(1, _("Sáu tháng đầu năm")), (2, _("Sáu tháng cuối năm"))]
MIN_YEAR, MAX_YEAR = 2000, 2100


def _label(name: str):
    return Report._meta.get_field(name).verbose_name


def _typed_choice(label, *, required: bool = False, choices=()) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        choices=[NONE, *choices],
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_label("kind"), required=False, choices=[ALL, *Report.Kind.choices])
    status = forms.ChoiceField(label=_label("status"), required=False, choices=[ALL, *Report.Status.choices])
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={"invalid": _("Hãy nhập năm, ví dụ 2026.")},
    )
    issuer = forms.TypedChoiceField(
        label=_label("issuer"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [ALL, *issuers]

    def to_filter(self) -> ReportFilter:
        if not self.is_valid():
            return ReportFilter()
        data = self.cleaned_data
        return ReportFilter(
            kind=data["kind"] or None, status=data["status"] or None, year=data["year"], issuer=data["issuer"]
        )


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_label("kind"),
        choices=[NONE, *Report.Kind.choices],
        error_messages={"required": _("Hãy chọn loại báo cáo."), "invalid_choice": CHOICE_ERROR},
    )
    issuer = _typed_choice(_label("issuer"), required=True)
    scope_kind = forms.ChoiceField(
        label=_label("scope_kind"),
        choices=Report.ScopeKind.choices,
        initial=Report.ScopeKind.ORGANIZATION,
        error_messages={"required": _("Hãy chọn phạm vi báo cáo."), "invalid_choice": CHOICE_ERROR},
    )
    organization = _typed_choice(_("Cơ quan, đơn vị"))
    program = _typed_choice(_("Chương trình phối hợp"))
    area = _typed_choice(_("Địa bàn"))
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={"invalid": _("Hãy nhập năm, ví dụ 2026.")},
    )
    month = _typed_choice(_("Tháng"), choices=MONTHS)
    quarter = _typed_choice(_("Quý"), choices=QUARTERS)
    half = _typed_choice(_("Sáu tháng"), choices=HALVES)
    period_start = date_field(_label("period_start"))
    period_end = date_field(_label("period_end"))
    hot_issue = _typed_choice(_label("hot_issue"))
    request_to = _typed_choice(_label("request_to"))

    PERIOD_PART = {"month": "month", "quarter": "quarter", "half": "half"}

    def __init__(self, *args, issuers=(), organizations=(), programs=(), areas=(), hot_issues=(), agencies=(), **kw):
        super().__init__(*args, **kw)
        self.fields["issuer"].choices = list(issuers)
        for name, choices in (
            ("organization", organizations),
            ("program", programs),
            ("area", areas),
            ("hot_issue", hot_issues),
            ("request_to", agencies),
        ):
            self.fields[name].choices = [NONE, *choices]
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = timezone.localdate().year

    def prefill(self, params) -> None:
        """Take the valid values of a GET query (the dashboards link here) as initial values;
        invalid ones are ignored."""
        for name, field in self.fields.items():
            raw = params.get(name)
            if raw in (None, ""):
                continue
            try:
                self.initial[name] = field.clean(raw)
            except ValidationError:
                continue

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        if kind in services.PERIODIC_KINDS:
            if data.get("year") is None:
                if "year" not in self.errors:
                    self.add_error("year", _("Hãy nhập năm của kỳ báo cáo."))
                return data
            try:
                data["period_start"], data["period_end"] = services.period_bounds(
                    kind, data["year"], month=data.get("month"), quarter=data.get("quarter"), half=data.get("half")
                )
            except ValueError as missing:
                part = str(missing)
                if part in self.PERIOD_PART and part not in self.errors:
                    self.add_error(part, _("Hãy chọn kỳ báo cáo."))
        return data


class ReportEditForm(forms.Form):
    """The sections (one textarea each, `section_<key>`, in document order) and the
    official parts."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(
        label=_label("title"), max_length=500, error_messages={"required": _("Hãy nhập trích yếu của báo cáo.")}
    )
    place = forms.CharField(label=_label("place"), max_length=100, required=False)
    signer_authority = forms.ChoiceField(
        label=_label("signer_authority"),
        choices=Report.Authority.choices,
        required=False,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    signer_title = forms.CharField(label=_label("signer_title"), max_length=255, required=False)
    signer_name = forms.CharField(label=_label("signer_name"), max_length=255, required=False)
    recipients = forms.CharField(
        label=_label("recipients"),
        required=False,
        help_text=Report._meta.get_field("recipients").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_names = []
        for section in sections:
            name = f"section_{section['key']}"
            self.fields[name] = forms.CharField(
                label=section["heading"],
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Bắt buộc khi ban hành.") if section.get("required") else "",
            )
            self.fields[name].section_required = bool(section.get("required"))
            self.section_names.append(name)

    def section_fields(self):
        return [self[name] for name in self.section_names]

    def sections(self) -> dict[str, str]:
        return {name.removeprefix("section_"): self.cleaned_data[name] for name in self.section_names}


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reset_text = forms.BooleanField(required=False)


class GenerateForm(forms.Form):
    formats = forms.MultipleChoiceField(
        label=_("Định dạng"),
        choices=[("docx", "DOCX"), ("xlsx", "XLSX"), ("pdf", "PDF")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
