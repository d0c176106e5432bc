"""Forms of the document pages. They only parse input (dates dd/mm/yyyy, choices); the
rules (upload checks, confidential documents, duplicates, register numbers) live in
`services`, whose ValidationErrors the views attach to the fields (`attach_errors`)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.core import uploads
from phoihop.documents.models import Classification, Document, IncomingEntry, SecrecyLevel
from phoihop.documents.selectors import DocumentFilter
from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.organisations.models import Organization

__all__ = ["attach_errors"]  # re-exported for the views

MAX_CHOICES = 500
CHOICE_ERROR = _("Lựa chọn không có trong danh sách.")


def _label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


def _typed_choice(label, choices=(), *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=required,
        coerce=int,
        empty_value=None,
        choices=choices,
        error_messages={"invalid_choice": CHOICE_ERROR, "required": _("Hãy chọn một mục.")},
    )


def share_choices(user) -> list[tuple[int, str]]:
    """Organisations in force that the user sees in the registry (≤ 500)."""
    today = timezone.localdate()
    return list(
        permissions.visible_organizations(user, Organization.objects.valid_on(today))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )


def editor_choices(user) -> list[tuple[int, str]]:
    """The organisations the user edits for (owners of new documents, receivers)."""
    editors = permissions.principal(user).editor_organization_ids
    if permissions.principal(user).is_admin:
        return share_choices(user)
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.organization_id in editors
    ]


def _file_field(required: bool = True) -> forms.FileField:
    field = forms.FileField(
        label=_("Tệp"),
        required=required,
        allow_empty_file=True,  # the service refuses it, with its own message
        error_messages={"required": _("Hãy chọn tệp cần tải lên."), "invalid": _("Tệp gửi lên không hợp lệ.")},
    )
    return field


def _with_file_help(field: forms.FileField) -> None:
    field.widget.attrs["accept"] = uploads.accept_attribute()
    field.help_text = uploads.accepted_help()


# --- the list ------------------------------------------------------------------------


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    classification = forms.ChoiceField(label=_("Phân loại"), required=False, choices=[ALL, *Classification.choices])
    owner = _typed_choice(_("Cơ quan sở hữu"))
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
    shared_with_me = forms.BooleanField(label=_("Được chia sẻ với cơ quan tôi"), required=False)

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [ALL, *owners]

    def to_filter(self) -> DocumentFilter:
        """The selector's filter; no filter at all when the input is not valid."""
        if not self.is_valid():
            return DocumentFilter()
        data = self.cleaned_data
        return DocumentFilter(
            q=data["q"] or None,
            classification=data["classification"] or None,
            owner=data["owner"],
            year=data["year"],
            shared_with_me=bool(data["shared_with_me"]),
        )


# --- documents -----------------------------------------------------------------------


class _FactsForm(forms.Form):
    title = forms.CharField(
        label=_label(Document, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên tài liệu.")}
    )
    number_symbol = forms.CharField(
        label=_label(Document, "number_symbol"),
        max_length=100,
        required=False,
        help_text=Document._meta.get_field("number_symbol").help_text,
    )
    issued_on = date_field(_label(Document, "issued_on"))
    issuer = forms.CharField(label=_label(Document, "issuer"), max_length=255, required=False)
    classification = forms.ChoiceField(
        label=_label(Document, "classification"), choices=Classification.choices, initial=Classification.INTERNAL
    )
    secrecy_level = forms.ChoiceField(
        label=_label(Document, "secrecy_level"),
        required=False,
        choices=[("", _("— Không mật —")), *SecrecyLevel.choices],
        help_text=_("Chỉ với văn bản mật: hệ thống không nhận tệp, chỉ ghi nhận văn bản tồn tại."),
    )
    summary = forms.CharField(
        label=_label(Document, "summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    FACTS = ("title", "number_symbol", "issued_on", "issuer", "classification", "secrecy_level", "summary")

    def facts(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FACTS if name in self.cleaned_data}


class DocumentForm(_FactsForm):
    """Upload a document (or record a confidential one, without a file)."""

    owner = _typed_choice(_label(Document, "owner"), required=True)
    file = _file_field(required=False)
    shared_with = forms.TypedMultipleChoiceField(
        label=_("Chia sẻ với"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": CHOICE_ERROR},
        help_text=_("Thành viên các cơ quan này được đọc tài liệu nội bộ."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    field_order = ["owner", "title", "number_symbol", "issued_on", "issuer", "classification", "secrecy_level"]

    def __init__(self, *args, owners=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("— Chọn cơ quan —")), *owners]
        self.fields["shared_with"].choices = list(organizations)
        _with_file_help(self.fields["file"])

    def service_values(self) -> dict:
        data = self.cleaned_data
        organizations = Organization.objects.in_bulk(data["shared_with"] + [data["owner"]])
        return {
            **self.facts(),
            "owner": organizations[data["owner"]],
            "file": data["file"],
            "note": data["note"],
            "shared_with": [organizations[pk] for pk in data["shared_with"]],
        }


class DocumentEditForm(_FactsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, document: Document) -> dict:
        return {name: getattr(document, name) for name in cls.FACTS} | {"version": document.version}


class VersionForm(forms.Form):
    file = _file_field()
    note = forms.CharField(label=_("Ghi chú thay đổi"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_file_help(self.fields["file"])


class ShareForm(forms.Form):
    shared_with = forms.TypedMultipleChoiceField(
        label=_("Chia sẻ với"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].choices = list(organizations)

    def organizations(self) -> list[Organization]:
        found = Organization.objects.in_bulk(self.cleaned_data["shared_with"])
        return [found[pk] for pk in self.cleaned_data["shared_with"]]


# --- the incoming register -----------------------------------------------------------


class IncomingForm(forms.Form):
    """“Vào sổ”: a document received by the organisation whose register this is."""

    document = _typed_choice(_label(IncomingEntry, "document"), required=True)
    received_on = date_field(_label(IncomingEntry, "received_on"), required=True)
    sender_name = forms.CharField(
        label=_label(IncomingEntry, "sender_name"),
        max_length=255,
        required=False,
        help_text=_("Để trống thì lấy cơ quan sở hữu tài liệu."),
    )
    note = forms.CharField(label=_label(IncomingEntry, "note"), max_length=500, required=False)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", _("— Chọn tài liệu —")), *documents]
