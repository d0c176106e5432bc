"""Forms of the subject pages. They only parse input (dates dd/mm/yyyy, choices); the rules
live in `services`, whose ValidationErrors the views attach to the fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import permissions
from phoihop.core import uploads
from phoihop.core.params import DATABASE_INT_MAX
from phoihop.documents.models import Classification, Document
from phoihop.exchange import selectors
from phoihop.exchange.models import (
    Assessment,
    Invitation,
    InvitationKind,
    InvitationResponse,
    Level3,
    PlanActivity,
    Subject,
    SubjectKind,
)
from phoihop.exchange.selectors import InvitationFilter, SubjectFilter
from phoihop.exchange.services import KeyDateInput
from phoihop.organisations.forms import ALL, attach_errors, date_field
from phoihop.organisations.models import Organization
from phoihop.programs.forms import (
    CHOICE_ERROR,
    MAX_CHOICES,
    TransitionForm,
    _search_field,
    _typed_choice,
    _version_field,
    _year_field,
)
from phoihop.programs.models import Channel, Phase, Program

__all__ = ["TransitionForm", "attach_errors"]  # re-exported for the views


def _label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


def _help(model, name: str) -> str:
    return model._meta.get_field(name).help_text


def _textarea(model, name: str, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=_label(model, name),
        required=required,
        help_text=_help(model, name),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


# --- choices -------------------------------------------------------------------------


def program_choices(user) -> list[tuple[int, str]]:
    """Programmes in force (or signed) that the user sees, for registering a subject."""
    rows = (
        permissions.visible_programs(user)
        .filter(status__in=[Program.Status.SIGNED, Program.Status.IN_FORCE])
        .order_by("-start_year", "sort_name", "id")
        .values_list("pk", "title", "start_year", "end_year")[:MAX_CHOICES]
    )
    return [(pk, f"{title} ({start}–{end})") for pk, title, start, end in rows]


def owner_choices(user) -> list[tuple[int, str]]:
    """The organisations the user edits for (any visible party for an administrator)."""
    who = permissions.principal(user)
    if who.is_admin:
        rows = (
            Organization.objects.filter(program_parties__program__in=permissions.visible_programs(user).values("pk"))
            .distinct()
            .order_by("sort_name", "id")
            .values_list("pk", "name")[:MAX_CHOICES]
        )
        return list(rows)
    return [
        (m.organization_id, m.organization.name)
        for m in permissions.acting_memberships(user)
        if m.role in permissions.EDITOR_ROLES
    ]


def subject_owner_filter_choices(user) -> list[tuple[int, str]]:
    rows = (
        Organization.objects.filter(subjects__in=permissions.visible_subjects(user).values("pk"))
        .distinct()
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )
    return list(rows)


def subject_program_filter_choices(user) -> list[tuple[int, str]]:
    rows = (
        permissions.visible_programs(user)
        .filter(subjects__isnull=False)
        .distinct()
        .order_by("-start_year", "sort_name", "id")
        .values_list("pk", "title")[:MAX_CHOICES]
    )
    return list(rows)


# --- filters -------------------------------------------------------------------------


class SubjectFilterForm(forms.Form):
    q = _search_field()
    program = _typed_choice(_("Chương trình"))
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
    kind = forms.ChoiceField(label=_("Loại vấn đề"), required=False, choices=[ALL, *SubjectKind.choices])
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[ALL, *Subject.Status.choices])
    owner = _typed_choice(_("Cơ quan đăng ký"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [ALL, *subject_program_filter_choices(user)]
        self.fields["owner"].choices = [ALL, *subject_owner_filter_choices(user)]

    def to_filter(self) -> SubjectFilter:
        if not self.is_valid():
            return SubjectFilter()
        data = self.cleaned_data
        return SubjectFilter(
            q=data["q"] or None,
            program=data["program"],
            year=data["year"],
            kind=data["kind"] or None,
            status=data["status"] or None,
            owner=data["owner"],
        )


# --- subjects and key dates ----------------------------------------------------------


class SubjectForm(forms.Form):
    program = forms.TypedChoiceField(
        label=_label(Subject, "program"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Hãy chọn chương trình."), "invalid_choice": CHOICE_ERROR},
    )
    owner = forms.TypedChoiceField(
        label=_label(Subject, "owner"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Hãy chọn cơ quan đăng ký."), "invalid_choice": CHOICE_ERROR},
    )
    year = _year_field(_label(Subject, "year"))
    kind = forms.ChoiceField(
        label=_label(Subject, "kind"),
        choices=[("", "—"), *SubjectKind.choices],
        error_messages={"required": _("Hãy chọn loại vấn đề.")},
    )
    title = forms.CharField(
        label=_label(Subject, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên vấn đề.")}
    )
    summary = _textarea(Subject, "summary", rows=4)
    start_date = date_field(_label(Subject, "start_date"), required=True)
    end_date = date_field(_label(Subject, "end_date"), required=True)
    sensitivity = forms.ChoiceField(label=_label(Subject, "sensitivity"), choices=Level3.choices)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "program" in self.fields:
            self.fields["program"].choices = [("", _("— Chọn chương trình —")), *program_choices(user)]
            self.fields["owner"].choices = [("", _("— Chọn cơ quan —")), *owner_choices(user)]

    @classmethod
    def initial_for(cls, subject: Subject) -> dict:
        names = ("year", "kind", "title", "summary", "start_date", "end_date", "sensitivity")
        return {name: getattr(subject, name) for name in names}

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if "program" in data:
            data["program"] = Program.objects.prefetch_related("parties").filter(pk=data["program"]).first()
            data["owner"] = Organization.objects.filter(pk=data["owner"]).first()
        return data


class SubjectEditForm(SubjectForm):
    version = _version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["program"]  # a subject stays under its programme and owner
        del self.fields["owner"]


class KeyDateForm(forms.Form):
    """One key date; a row with neither label nor date is left out."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(
        label=_("Mốc"), max_length=200, required=False, widget=forms.TextInput(attrs={"placeholder": _("Ngày xét xử")})
    )
    date = date_field(_("Ngày"))

    def clean(self):
        data = super().clean()
        if (data.get("label") or "").strip() and not data.get("date") and "date" not in self.errors:
            self.add_error("date", gettext("Hãy nhập ngày của mốc."))
        if data.get("date") and not (data.get("label") or "").strip():
            self.add_error("label", gettext("Hãy đặt tên cho mốc."))
        return data


class _BaseKeyDateFormSet(forms.BaseFormSet):
    def inputs(self) -> list[KeyDateInput]:
        return [
            KeyDateInput(form.cleaned_data["label"], form.cleaned_data["date"], form.cleaned_data.get("id"))
            for form in self.forms
            if form.cleaned_data.get("label") or form.cleaned_data.get("date")
        ]


KeyDateFormSet = forms.formset_factory(KeyDateForm, formset=_BaseKeyDateFormSet, extra=2, max_num=20, absolute_max=20)


class MoveKeyDateForm(forms.Form):
    key_date = forms.TypedChoiceField(
        label=_("Mốc cần dời"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Hãy chọn mốc."), "invalid_choice": CHOICE_ERROR},
    )
    new_date = date_field(_("Ngày mới"), required=True)
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy nêu lý do dời mốc.")},
    )
    version = _version_field()

    def __init__(self, *args, subject: Subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_dates = {k.pk: k for k in subject.key_dates.all()}
        self.fields["key_date"].choices = [(pk, str(k)) for pk, k in self.key_dates.items()]


# --- documents of a subject ----------------------------------------------------------


class SubjectDocumentForm(forms.Form):
    """Attach a new file or an existing document of the owner (the service checks which,
    the type by content, and refuses confidential ones)."""

    file = forms.FileField(
        label=_("Tệp"),
        required=False,
        allow_empty_file=True,  # the service refuses it, with its own message
        error_messages={"invalid": _("Tệp gửi lên không hợp lệ.")},
    )
    document = forms.TypedChoiceField(
        label=_("Hoặc chọn tài liệu đã có của cơ quan"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    title = forms.CharField(
        label=_label(Document, "title"),
        max_length=500,
        required=False,
        help_text=_("Để trống: lấy tên tệp."),
    )
    number_symbol = forms.CharField(label=_label(Document, "number_symbol"), max_length=100, required=False)
    issued_on = date_field(_label(Document, "issued_on"))
    issuer = forms.CharField(label=_label(Document, "issuer"), max_length=255, required=False)
    classification = forms.ChoiceField(
        label=_label(Document, "classification"),
        choices=Classification.choices,
        initial=Classification.INTERNAL,
        help_text=_(
            "Văn bản mật (mật, tối mật, tuyệt mật) không được tải lên; hãy chuyển qua kênh bảo mật (đường giao liên)."
        ),
    )
    version = _version_field()

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", _("— Không chọn —")), *documents]
        self.fields["file"].widget.attrs["accept"] = uploads.accept_attribute()
        self.fields["file"].help_text = uploads.accepted_help()

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("title", "number_symbol", "issued_on", "issuer", "classification")}


class SubjectDocumentDetachForm(forms.Form):
    document = forms.IntegerField(min_value=1, max_value=DATABASE_INT_MAX)
    version = _version_field()


# --- assessment ----------------------------------------------------------------------


class AssessmentForm(forms.Form):
    affected_groups = _textarea(Assessment, "affected_groups", required=True)
    benefits = _textarea(Assessment, "benefits")
    risks = _textarea(Assessment, "risks")
    impact_level = forms.ChoiceField(label=_label(Assessment, "impact_level"), choices=Level3.choices)
    opinion_direction = forms.ChoiceField(
        label=_label(Assessment, "opinion_direction"), choices=Assessment.Direction.choices
    )
    opinion_intensity = forms.ChoiceField(label=_label(Assessment, "opinion_intensity"), choices=Level3.choices)
    opinion_breadth = forms.ChoiceField(label=_label(Assessment, "opinion_breadth"), choices=Assessment.Breadth.choices)
    flashpoints = _textarea(Assessment, "flashpoints", rows=2)
    recommendation = _textarea(Assessment, "recommendation", required=True)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affected_groups"].error_messages["required"] = gettext(
            "Hãy nêu các nhóm đối tượng chịu tác động (nhóm, địa bàn — không nêu tên người)."
        )
        self.fields["recommendation"].error_messages["required"] = gettext("Hãy nêu đề xuất, kiến nghị.")

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


# --- communication plan --------------------------------------------------------------


class PlanCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Tên kế hoạch"), max_length=500, error_messages={"required": _("Hãy nhập tên kế hoạch.")}
    )
    template = forms.TypedChoiceField(
        label=_("Bắt đầu từ mẫu"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    anchor = forms.TypedChoiceField(
        label=_("Tính ngày theo mốc"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )

    def __init__(self, *args, subject: Subject, templates=(), **kwargs):
        kwargs.setdefault("prefix", "plan")
        super().__init__(*args, **kwargs)
        self.templates = {t.pk: t for t in templates}
        self.key_dates = {k.pk: k for k in subject.key_dates.all()}
        self.fields["template"].choices = [
            ("", _("— Không dùng mẫu —")),
            *((t.pk, f"{t.title} ({t.get_kind_display()})") for t in templates),
        ]
        self.fields["anchor"].choices = [("", "—"), *((pk, str(k)) for pk, k in self.key_dates.items())]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "template": self.templates.get(data["template"]),
            "anchor": self.key_dates.get(data["anchor"]),
        }


class ActivityForm(forms.Form):
    phase = forms.ChoiceField(
        label=_label(PlanActivity, "phase"),
        choices=[("", "—"), *Phase.choices],
        error_messages={"required": _("Hãy chọn giai đoạn: trước, trong hoặc sau.")},
    )
    title = forms.CharField(
        label=_label(PlanActivity, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên hoạt động.")}
    )
    key_date = forms.TypedChoiceField(
        label=_label(PlanActivity, "key_date"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Hãy chọn một mốc của vấn đề này."), "invalid_choice": CHOICE_ERROR},
    )
    offset_days = forms.IntegerField(
        label=_label(PlanActivity, "offset_days"),
        help_text=_("Âm là trước mốc, dương là sau mốc, 0 là đúng ngày. Ví dụ −7: 7 ngày trước ngày xét xử."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Hãy nhập số ngày so với mốc (âm là trước, dương là sau)."),
            "invalid": _("Hãy nhập một số nguyên."),
        },
    )
    lead = forms.TypedChoiceField(
        label=_label(PlanActivity, "lead"),
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
    channels = forms.MultipleChoiceField(
        label=_label(PlanActivity, "channels"),
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    expected_product = forms.CharField(label=_label(PlanActivity, "expected_product"), max_length=500, required=False)
    version = _version_field()

    def __init__(self, *args, subject: Subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {party.organization_id: party.organization for party in subject.program.parties.all()}
        self.key_dates = {k.pk: k for k in subject.key_dates.all()}
        party_choices = [(pk, org.name) for pk, org in self.parties.items()]
        self.fields["lead"].choices = [("", _("— Chọn cơ quan chủ trì —")), *party_choices]
        self.fields["partners"].choices = party_choices
        self.fields["key_date"].choices = [("", "—"), *((pk, str(k)) for pk, k in self.key_dates.items())]

    @classmethod
    def initial_for(cls, activity: PlanActivity) -> dict:
        return {
            "phase": activity.phase,
            "title": activity.title,
            "key_date": activity.key_date_id,
            "offset_days": activity.offset_days,
            "lead": activity.lead_id,
            "partners": [org.pk for org in activity.partners.all()],
            "channels": activity.channel_list,
            "expected_product": activity.expected_product,
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["lead"] = self.parties.get(data["lead"])
        data["partners"] = [self.parties[pk] for pk in data["partners"]]
        data["key_date"] = self.key_dates.get(data["key_date"])
        return data


# --- invitations ---------------------------------------------------------------------

TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%H.%M"]


def _time_field(label, required_message) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(
            format="%H:%M", attrs={"placeholder": "hh:mm", "autocomplete": "off", "inputmode": "numeric"}
        ),
        error_messages={
            "required": required_message,
            "invalid": _("Giờ không hợp lệ. Hãy nhập theo dạng hh:mm, ví dụ 08:00 hoặc 14:30."),
        },
    )


class InvitationFilterForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Lời mời"),
        required=False,
        choices=[("", _("Tất cả")), ("received", _("Cơ quan tôi được mời")), ("sent", _("Cơ quan tôi mời"))],
    )
    when = forms.ChoiceField(
        label=_("Thời gian"),
        required=False,
        choices=[("", _("Tất cả")), ("upcoming", _("Sắp diễn ra")), ("past", _("Đã diễn ra"))],
    )
    answered = forms.ChoiceField(
        label=_("Trả lời của cơ quan tôi"),
        required=False,
        choices=[("", _("Tất cả")), ("no", _("Chưa trả lời")), ("yes", _("Đã trả lời"))],
    )
    kind = forms.ChoiceField(label=_("Loại hoạt động"), required=False, choices=[ALL, *InvitationKind.choices])

    def to_filter(self) -> InvitationFilter:
        if not self.is_valid():
            return InvitationFilter()
        data = self.cleaned_data
        return InvitationFilter(
            box=data["box"] or None,
            when=data["when"] or None,
            answered=data["answered"] or None,
            kind=data["kind"] or None,
        )


def invitee_choices(user, subject: Subject) -> tuple[list, list]:
    """(the programme's parties, other organisations in force the user sees in the
    registry) as choices, each list in Vietnamese order."""
    parties = [(p.organization_id, p.organization.name) for p in subject.program.parties.all()]
    party_ids = {pk for pk, _name in parties}
    today = timezone.localdate()
    rows = (
        permissions.visible_organizations(user, Organization.objects.valid_on(today))
        .exclude(pk__in=party_ids)
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )
    return parties, list(rows)


class InvitationForm(forms.Form):
    inviter = forms.TypedChoiceField(
        label=_label(Invitation, "inviter"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Hãy chọn cơ quan mời."), "invalid_choice": CHOICE_ERROR},
    )
    kind = forms.ChoiceField(
        label=_label(Invitation, "kind"),
        choices=[("", "—"), *InvitationKind.choices],
        error_messages={"required": _("Hãy chọn loại hoạt động.")},
    )
    title = forms.CharField(
        label=_label(Invitation, "title"), max_length=500, error_messages={"required": _("Hãy nhập tên hoạt động.")}
    )
    date = date_field(_label(Invitation, "date"), required=True)
    start_time = _time_field(_label(Invitation, "start_time"), _("Hãy nhập giờ bắt đầu."))
    end_time = _time_field(_label(Invitation, "end_time"), _("Hãy nhập giờ kết thúc."))
    place = forms.CharField(label=_label(Invitation, "place"), max_length=500, required=False)
    online_link = forms.CharField(
        label=_label(Invitation, "online_link"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    agenda = _textarea(Invitation, "agenda", rows=5)
    activity = forms.TypedChoiceField(
        label=_("Theo hoạt động của kế hoạch tuyên truyền"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    invitees = forms.TypedMultipleChoiceField(
        label=_("Mời các bên của chương trình"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    others = forms.TypedMultipleChoiceField(
        label=_("Mời thêm cơ quan khác"),
        help_text=_("Giữ Ctrl (hoặc chạm giữ trên điện thoại) để chọn nhiều cơ quan."),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, user, subject: Subject, invitation: Invitation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        parties, others = invitee_choices(user, subject)
        if invitation is not None:  # present invitees stay choosable even if out of the lists now
            known = {pk for pk, _name in parties + others}
            others += [
                (r.organization_id, r.organization.name)
                for r in invitation.responses.all()
                if r.organization_id not in known
            ]
            del self.fields["inviter"]  # an invitation stays with its inviter
        else:
            inviting = permissions.inviting_organization_ids(user, subject)
            self.fields["inviter"].choices = [(pk, name) for pk, name in parties if pk in inviting]
        self.fields["invitees"].choices = parties
        self.fields["others"].choices = others
        plan = selectors.plan_of(subject)
        activities = list(plan.activities.select_related("key_date").order_by("position", "id")) if plan else []
        self.activities = {a.pk: a for a in activities}
        self.fields["activity"].choices = [
            ("", _("— Không gắn với hoạt động —")),
            *((a.pk, f"{a.title} ({a.due_date:%d/%m/%Y})") for a in activities),
        ]
        if not activities:
            del self.fields["activity"]

    @classmethod
    def initial_for(cls, invitation: Invitation) -> dict:
        names = ("kind", "title", "date", "start_time", "end_time", "place", "online_link", "agenda")
        initial = {name: getattr(invitation, name) for name in names}
        party_ids = {p.organization_id for p in invitation.subject.program.parties.all()}
        ids = [r.organization_id for r in invitation.responses.all()]
        initial.update(
            activity=invitation.activity_id,
            invitees=[pk for pk in ids if pk in party_ids],
            others=[pk for pk in ids if pk not in party_ids],
            version=invitation.version,
        )
        return initial

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        ids = list(dict.fromkeys([*data.pop("invitees"), *data.pop("others")]))
        found = Organization.objects.in_bulk(ids)
        data["invitees"] = [found[pk] for pk in ids if pk in found]
        if "inviter" in data:
            data["inviter"] = Organization.objects.filter(pk=data["inviter"]).first()
        if "activity" in self.fields:
            data["activity"] = self.activities.get(data["activity"])
        return data


class AnswerForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[
            (InvitationResponse.Answer.ATTENDING, _("Tham dự")),
            (InvitationResponse.Answer.DECLINED, _("Không tham dự")),
        ],
        widget=forms.RadioSelect(attrs={"class": "checks"}),
        error_messages={"required": _("Hãy chọn tham dự hoặc không tham dự.")},
    )
    delegates = forms.IntegerField(
        label=_label(InvitationResponse, "delegates"),
        required=False,
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Hãy nhập một số nguyên."),
            "min_value": _("Hãy nhập số đại biểu tham dự (ít nhất 1)."),
            "max_value": _("Số đại biểu tối đa là %(limit_value)s."),
        },
    )
    positions = forms.CharField(
        label=_label(InvitationResponse, "positions"),
        help_text=_help(InvitationResponse, "positions"),
        max_length=500,
        required=False,
    )
    reason = forms.CharField(
        label=_label(InvitationResponse, "reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = _version_field()

    @classmethod
    def initial_for(cls, response: InvitationResponse) -> dict:
        return {
            "organization": response.organization_id,
            "answer": response.answer if response.is_answered else None,
            "delegates": response.delegates,
            "positions": response.positions,
            "reason": response.reason,
            "version": response.version,
        }

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "answer": data["answer"],
            "delegates": data["delegates"],
            "positions": data["positions"],
            "reason": data["reason"],
        }
