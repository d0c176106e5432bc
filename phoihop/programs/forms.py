"""Forms of the programme, plan and task pages.

Filter forms turn the query string into the selectors' filter objects. Edit forms only
parse input (dates dd/mm/yyyy, one item per line, "12 bài viết" counts); the rules live
in `services`, whose ValidationErrors the views attach to the fields (`attach_errors`).
"""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.core.params import parse_id
from phoihop.core.widgets import OnDemandSelect
from phoihop.organisations.forms import ALL, attach_errors, date_field, province_choices
from phoihop.organisations.models import Level, Organization
from phoihop.programs.models import (
    AnnualPlan,
    Bucket,
    Channel,
    PartyRole,
    Phase,
    Program,
    ProgramParty,
    Task,
    TaskPart,
)
from phoihop.programs.selectors import ProgramFilter, TaskFilter
from phoihop.programs.services import ACCEPTED_EXTENSIONS, max_upload_mb

__all__ = ["attach_errors"]  # re-exported for the views

# A select is the right tool for the programmes and organisations one user works with;
# an administrator of a national installation narrows by search or area instead.
MAX_CHOICES = 500
CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


def _help(model, name: str) -> str:
    return model._meta.get_field(name).help_text


def lines(text: str) -> list[str]:
    """The non-empty lines of a textarea, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _year_field(label, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Hãy nhập năm."),
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
        },
    )


def _optional_int(label, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Hãy nhập một số nguyên.")},
    )


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- choices -------------------------------------------------------------------------


def _party_organizations(user):
    return Organization.objects.filter(
        program_parties__program__in=permissions.visible_programs(user).values("pk")
    ).distinct()


def party_organization_choices(user) -> list[tuple[int, str]]:
    """Organisations that are parties of a programme the user sees (for the filters)."""
    return list(_party_organizations(user).order_by("sort_name", "id").values_list("pk", "name")[:MAX_CHOICES])


def _selected_id(form, name: str) -> int | None:
    return parse_id(form.data.get(name)) if form.is_bound else None


def selected_party_choice(user, selected: int | None) -> list[tuple[int, str]]:
    """The selected option of the on-demand party select, if the user may choose it."""
    row = selected and _party_organizations(user).filter(pk=selected).values_list("pk", "name").first()
    return [row] if row else []


def selected_program_choice(user, selected: int | None) -> list[tuple[int, str]]:
    row = selected and permissions.visible_programs(user).filter(pk=selected).values_list("pk", "title").first()
    return [row] if row else []


def program_choices(user, selected: int | None = None) -> list[tuple[int, str]]:
    rows = list(
        permissions.visible_programs(user)
        .order_by("-start_year", "sort_name", "id")
        .values_list("pk", "title", "start_year", "end_year")[:MAX_CHOICES]
    )
    choices = [(pk, f"{title} ({start}–{end})") for pk, title, start, end in rows]
    if selected and selected not in {pk for pk, _label in choices}:
        extra = permissions.visible_programs(user).filter(pk=selected).values_list("pk", "title").first()
        if extra:
            choices.append(extra)
    return choices


def organization_choices(user, include=()) -> list[tuple[int, str]]:
    """Organisations in force today that the user sees in the registry, plus `include`
    (the present parties of a programme being edited, even if no longer in force)."""
    today = timezone.localdate()
    include_ids = {org.pk for org in include}
    rows = list(
        permissions.visible_organizations(user, Organization.objects.valid_on(today))
        .order_by("sort_name", "id")
        .values_list("pk", "name")
    )
    seen = {pk for pk, _name in rows}
    rows += [(org.pk, org.name) for org in include if org.pk not in seen]
    if include_ids - seen:
        rows.sort(key=lambda row: row[1])
    return rows


# --- filters -------------------------------------------------------------------------


def _search_field() -> forms.CharField:
    return forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )


def _typed_choice(label, choices=(), *, options_of: str | None = None) -> forms.TypedChoiceField:
    """A choice of a row by id; with `options_of` (a kind of `filter_options`), its options
    are fetched when the select comes into view."""
    widget = OnDemandSelect(reverse_lazy("programs:filter_options", args=[options_of])) if options_of else None
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=choices,
        widget=widget,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )


class ProgramFilterForm(forms.Form):
    q = _search_field()
    party = _typed_choice(_("Bên tham gia"), options_of="parties")
    level = forms.ChoiceField(label=_("Cấp"), required=False, choices=[ALL, *Level.choices])
    province = _typed_choice(_("Tỉnh, thành phố"))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *Program.Status.choices])
    year = forms.IntegerField(
        label=_("Thực hiện trong năm"),
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
    kind = forms.ChoiceField(label=_("Loại chương trình"), required=False, choices=[ALL, *Program.Kind.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [ALL, *selected_party_choice(user, _selected_id(self, "party"))]
        self.fields["province"].choices = province_choices()

    def to_filter(self) -> ProgramFilter:
        """The selector's filter; no filter at all when the input is not valid."""
        if not self.is_valid():
            return ProgramFilter()
        data = self.cleaned_data
        return ProgramFilter(
            q=data["q"] or None,
            party=data["party"],
            level=data["level"] or None,
            province=data["province"],
            status=data["status"] or None,
            year=data["year"],
            kind=data["kind"] or None,
        )


class TaskFilterForm(forms.Form):
    q = _search_field()
    program = _typed_choice(_("Chương trình"), options_of="programs")
    organization = _typed_choice(_("Cơ quan (chủ trì hoặc phối hợp)"), options_of="parties")
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *Task.Status.choices])
    bucket = forms.ChoiceField(label=_("Tình trạng"), required=False, choices=[ALL, *Bucket.choices])
    phase = forms.ChoiceField(label=_("Giai đoạn"), required=False, choices=[ALL, *Phase.choices])
    channel = forms.ChoiceField(label=_("Hình thức"), required=False, choices=[ALL, *Channel.choices])
    due_from = date_field(_("Hạn từ ngày"))
    due_to = date_field(_("đến ngày"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [ALL, *selected_program_choice(user, _selected_id(self, "program"))]
        self.fields["organization"].choices = [
            ALL,
            *selected_party_choice(user, _selected_id(self, "organization")),
        ]

    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            self.add_error("due_to", gettext("Ngày cuối phải sau ngày đầu."))
        return data

    def to_filter(self) -> TaskFilter:
        if not self.is_valid():
            return TaskFilter()
        data = self.cleaned_data
        return TaskFilter(
            q=data["q"] or None,
            program=data["program"],
            organization=data["organization"],
            status=data["status"] or None,
            bucket=data["bucket"] or None,
            phase=data["phase"] or None,
            channel=data["channel"] or None,
            due_from=data["due_from"],
            due_to=data["due_to"],
        )


# --- programmes ----------------------------------------------------------------------


class PartyForm(forms.Form):
    """One row of the parties table; a row without an organisation is left out."""

    organization = _typed_choice(_label(ProgramParty, "organization"))
    role = forms.ChoiceField(
        label=_label(ProgramParty, "role"), choices=PartyRole.choices, required=False, initial=PartyRole.PARTNER
    )
    responsibilities = forms.CharField(
        label=_label(ProgramParty, "responsibilities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("— Chọn cơ quan —")), *organizations]

    def clean(self):
        data = super().clean()
        if not data.get("organization") and (data.get("responsibilities") or "").strip():
            self.add_error("organization", gettext("Hãy chọn cơ quan cho dòng này."))
        return data


class _BasePartyFormSet(forms.BaseFormSet):
    def chosen(self) -> list[dict]:
        """The filled rows, in order: [{organization: pk, role, responsibilities}]."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data.get("organization") and form not in self.deleted_forms
        ]


PartyFormSet = forms.formset_factory(PartyForm, formset=_BasePartyFormSet, extra=2, max_num=30, absolute_max=30)


class ProgramForm(forms.Form):
    title = forms.CharField(
        label=_label(Program, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên chương trình.")}
    )
    number_symbol = forms.CharField(
        label=_label(Program, "number_symbol"),
        max_length=100,
        required=False,
        help_text=_help(Program, "number_symbol"),
    )
    kind = forms.ChoiceField(label=_label(Program, "kind"), choices=Program.Kind.choices)
    start_year = _year_field(_label(Program, "start_year"))
    end_year = _year_field(_label(Program, "end_year"))
    purpose = forms.CharField(
        label=_label(Program, "purpose"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    content_items = forms.CharField(
        label=_("Nội dung phối hợp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một nội dung; trang chương trình đánh số “Một là, Hai là…”."),
    )
    legal_bases = forms.CharField(
        label=_("Căn cứ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Mỗi dòng một văn bản, ví dụ: Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII); "
            "Nghị định số 30/2020/NĐ-CP."
        ),
    )
    info_frequency = forms.ChoiceField(label=_label(Program, "info_frequency"), choices=Program.Frequency.choices)
    info_day = _optional_int(_label(Program, "info_day"), _help(Program, "info_day"))
    adhoc_hours = _optional_int(_label(Program, "adhoc_hours"), _help(Program, "adhoc_hours"))

    @classmethod
    def initial_for(cls, program: Program, legal_bases) -> dict:
        initial = {
            name: getattr(program, name)
            for name in (
                "title",
                "number_symbol",
                "kind",
                "start_year",
                "end_year",
                "purpose",
                "info_frequency",
                "info_day",
                "adhoc_hours",
            )
        }
        initial["content_items"] = "\n".join(item.text for item in program.content_items.all())
        initial["legal_bases"] = "\n".join(reference.citation for reference in legal_bases)
        return initial

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("reason", None)
        data["content_items"] = lines(data["content_items"])
        data["legal_bases"] = lines(data["legal_bases"])
        return data


class ProgramEditForm(ProgramForm):
    version = _version_field()
    reason = forms.CharField(
        label=_("Lý do sửa đổi, bổ sung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi sửa chương trình đã ký kết; nội dung trước khi sửa được lưu lại."),
    )


class SignatureForm(forms.Form):
    organization = forms.TypedChoiceField(
        label=_("Ký thay mặt"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Hãy chọn bên ký."),
            "invalid_choice": _("Chỉ một bên tham gia chưa ký mới ký được."),
        },
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    signer_position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    signed_on = date_field(_("Ngày ký"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def __init__(self, *args, parties=(), **kwargs):
        """`parties`: the organisations that may still sign."""
        kwargs.setdefault("prefix", "sig")
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in parties}
        self.fields["organization"].choices = [("", "—"), *((org.pk, org.name) for org in parties)]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["organization"] = self.organizations.get(data["organization"])
        return data


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=32)
    version = _version_field()
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    completed_on = date_field(_("Ngày hoàn thành"))


# --- plans ---------------------------------------------------------------------------


class PlanForm(forms.Form):
    year = _year_field(_label(AnnualPlan, "year"))
    title = forms.CharField(
        label=_label(AnnualPlan, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên kế hoạch.")}
    )
    number_symbol = forms.CharField(label=_label(AnnualPlan, "number_symbol"), max_length=100, required=False)
    summary = forms.CharField(
        label=_label(AnnualPlan, "summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PlanEditForm(PlanForm):
    version = _version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["year"]  # the year of a plan does not change


# --- tasks ---------------------------------------------------------------------------


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_label(Task, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên nhiệm vụ.")}
    )
    description = forms.CharField(
        label=_label(Task, "description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    content_item = _typed_choice(_label(Task, "content_item"))
    lead = forms.TypedChoiceField(
        label=_label(Task, "lead"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Hãy chọn cơ quan chủ trì."),
            "invalid_choice": _("Cơ quan chủ trì phải là một bên của chương trình."),
        },
    )
    partners = forms.TypedMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        error_messages={"invalid_choice": _("Cơ quan phối hợp phải là một bên của chương trình.")},
    )
    responsible_people = forms.CharField(label=_label(Task, "responsible_people"), max_length=500, required=False)
    start_date = date_field(_label(Task, "start_date"))
    due_date = date_field(_label(Task, "due_date"), required=True)
    phase = forms.ChoiceField(label=_label(Task, "phase"), required=False, choices=[("", "—"), *Phase.choices])
    channels = forms.MultipleChoiceField(
        label=_label(Task, "channels"),
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    expected_product = forms.CharField(label=_label(Task, "expected_product"), max_length=500, required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {party.organization_id: party.organization for party in program.parties.all()}
        self.items = {item.pk: item for item in program.content_items.all()}
        party_choices = [(pk, org.name) for pk, org in self.parties.items()]
        self.fields["lead"].choices = [("", _("— Chọn cơ quan chủ trì —")), *party_choices]
        self.fields["partners"].choices = party_choices
        self.fields["content_item"].choices = [
            ("", "—"),
            *((pk, f"{item.ordinal}, {item.text[:120]}") for pk, item in self.items.items()),
        ]
        self.fields["due_date"].error_messages["required"] = gettext("Hãy nhập hạn hoàn thành.")

    @classmethod
    def initial_for(cls, task: Task) -> dict:
        initial = {
            name: getattr(task, name)
            for name in (
                "title",
                "description",
                "responsible_people",
                "start_date",
                "due_date",
                "phase",
                "expected_product",
            )
        }
        initial.update(
            content_item=task.content_item_id,
            lead=task.lead_id,
            partners=[part.organization_id for part in task.parts.all() if part.role == PartyRole.PARTNER],
            channels=task.channel_list,
        )
        return initial

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["lead"] = self.parties.get(data["lead"])
        data["partners"] = [self.parties[pk] for pk in data["partners"]]
        data["content_item"] = self.items.get(data["content_item"])
        return data


class TaskEditForm(TaskForm):
    version = _version_field()


# --- progress of one part ------------------------------------------------------------

COUNT_LINE = re.compile(r"^(\d[\d.\s]*)\s+(\S.*)$")


def parse_counts(text: str) -> list[dict]:
    """ "12 bài viết" lines → [{"label": "bài viết", "count": 12}]; ValueError naming the
    first line that is not a number followed by a name."""
    counts = []
    for line in lines(text):
        match = COUNT_LINE.match(line)
        if not match:
            raise ValueError(line)
        number = re.sub(r"[.\s]", "", match.group(1))  # "1.200 lượt xem"
        counts.append({"label": match.group(2).strip(), "count": int(number)})
    return counts


def format_counts(counts) -> str:
    return "\n".join(f"{item['count']} {item['label']}" for item in counts or [])


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Tiến độ (%)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5, "inputmode": "numeric"}),
        error_messages={"required": _("Hãy nhập tiến độ."), "invalid": _("Tiến độ phải là một số từ 0 đến 100.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=_("Lý do (nếu tiến độ giảm)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_links = forms.CharField(
        label=_("Đường dẫn minh chứng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://…"}),
        help_text=_("Mỗi dòng một đường dẫn."),
    )
    evidence_counts = forms.CharField(
        label=_("Số liệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "12 bài viết\n3 hội nghị"}),
        help_text=_("Mỗi dòng một số liệu: số rồi tên, ví dụ “12 bài viết”."),
    )
    version = _version_field()

    def __init__(self, *args, part: TaskPart, **kwargs):
        kwargs.setdefault("prefix", f"part{part.pk}")
        super().__init__(*args, **kwargs)
        self.part = part

    @classmethod
    def initial_for(cls, part: TaskPart) -> dict:
        return {
            "progress": part.progress,
            "note": part.note,
            "evidence_links": "\n".join(part.evidence_links or []),
            "evidence_counts": format_counts(part.evidence_counts),
            "version": part.version,
        }

    def clean_evidence_counts(self):
        try:
            return parse_counts(self.cleaned_data["evidence_counts"])
        except ValueError as exc:
            raise forms.ValidationError(
                gettext("Dòng “%(line)s” chưa đúng dạng “số tên”, ví dụ “12 bài viết”.") % {"line": exc.args[0]}
            ) from exc

    def clean_evidence_links(self):
        return lines(self.cleaned_data["evidence_links"])

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class MonthForm(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)


# --- attachments ---------------------------------------------------------------------


class AttachmentForm(forms.Form):
    """Parses an upload; the rules (type by content, size, duplicates, confidential)
    live in services.program_attach."""

    file = forms.FileField(
        label=_("Tệp"),
        allow_empty_file=True,  # the service refuses it, with its own message
        error_messages={"required": _("Hãy chọn tệp cần tải lên."), "invalid": _("Tệp gửi lên không hợp lệ.")},
    )
    title = forms.CharField(
        label=_("Tên tài liệu"),
        max_length=500,
        required=False,
        help_text=_("Để trống thì lấy tên tệp."),
        error_messages={"max_length": _("Tên tài liệu tối đa 500 ký tự.")},
    )
    confidential = forms.BooleanField(
        label=_("Văn bản mật"),
        required=False,
        help_text=_("Văn bản mật không được tải lên: hệ thống sẽ từ chối và không lưu tệp."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "att")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)
        self.fields["file"].help_text = gettext(
            "PDF, Word, Excel, PowerPoint, OpenDocument, ảnh JPEG/PNG hoặc văn bản; tối đa %(mb)s MB."
        ) % {"mb": max_upload_mb()}

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"uploaded_file": data["file"], "title": data["title"], "confidential": data["confidential"]}
