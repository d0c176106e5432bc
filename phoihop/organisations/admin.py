"""The organisation registry in the Django admin.

Every write goes through `organisations.services`, so the admin writes the same audit rows
and refuses the same bad input as the registry pages and the API:

* Administrative units come from `units.load_units()` and are read-only here.
* Organisations are created with `organization_create` and changed with
  `organization_update`, from the version the administrator opened (a concurrent edit is
  refused, not overwritten). They are never deleted: an organisation is ended (its
  "valid to" date) or re-organised, and history keeps it.
* Re-organisations are recorded with `reorganization_record`, which ends the
  predecessors and writes the history. A recorded re-organisation cannot be edited or
  deleted here: the open work of its predecessors may already have been carried to its
  successors.

Searches fold the query the way the stored `search_text` column is folded, so "dak lak"
finds "Đắk Lắk".
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phoihop.core.concurrency import StaleVersionError
from phoihop.core.text import fold_words
from phoihop.organisations import services
from phoihop.organisations.models import AdministrativeUnit, AdministrativeUnitSuccession, Organization, Reorganization


class FoldedSearchMixin:
    """Search the folded `search_text` column with the folded words of the query."""

    search_fields = ("search_text",)  # required by autocomplete; the lookup itself is below
    search_help_text = _("Tìm theo tên, có dấu hoặc không dấu (ví dụ: dak lak).")

    def get_search_results(self, request, queryset, search_term):
        for word in fold_words(search_term):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuccessionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AdministrativeUnitSuccession
    fk_name = "predecessor"
    fields = ("successor", "effective_date", "legal_basis")
    readonly_fields = fields
    extra = 0
    verbose_name = _("Đơn vị kế tục")
    verbose_name_plural = _("Sắp xếp thành")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedSearchMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the units come from the loader (`manage.py load_units` / `load_demo`)."""

    list_display = ("name", "code", "kind", "level", "province", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    list_select_related = ("province",)
    fields = ("code", "name", "short_name", "kind", "level", "parent", "province", "valid_from", "valid_to")
    readonly_fields = fields
    inlines = [SuccessionInline]
    show_full_result_count = False


class OrganizationAdminForm(forms.ModelForm):
    """The registry's own validation plus a check that nobody saved since the form opened."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organization
        fields = services.ORGANIZATION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        try:
            services.validate_organization(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)
        if self.instance.pk is not None:
            stored = Organization.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if stored != self.version_opened:
                self.add_error(None, StaleVersionError())

    @property
    def version_opened(self) -> int:
        """The version the administrator started editing from."""
        value = self.cleaned_data.get("expected_version")
        return self.instance.version if value is None else value


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = (
        "name",
        "short_name",
        "issuer_code",
        "kind",
        "level",
        "administrative_unit",
        "valid_from",
        "valid_to",
    )
    list_filter = ("kind", "level")
    list_select_related = ("administrative_unit",)
    autocomplete_fields = ("administrative_unit", "parent")
    readonly_fields = ("version",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "issuer_code", "kind", "level")}),
        (_("Địa bàn và trực thuộc"), {"fields": ("administrative_unit", "parent")}),
        (_("Hiệu lực"), {"fields": ("valid_from", "valid_to")}),
        (None, {"fields": ("description", "version", "expected_version")}),
    )

    def save_model(self, request, obj, form, change):
        values = {key: form.cleaned_data[key] for key in services.ORGANIZATION_FIELDS if key in form.cleaned_data}
        if change:
            services.organization_update(
                actor=request.user, organization=obj, expected_version=form.version_opened, **values
            )
        else:
            created = services.organization_create(actor=request.user, **values)
            # The admin goes on with `obj` (its log entry, the redirect): make it the saved row.
            obj.pk = created.pk
            obj.version = created.version
            obj.created_at, obj.updated_at = created.created_at, created.updated_at
            obj.search_text, obj.sort_name = created.search_text, created.sort_name
            obj._state.adding = False
            obj._state.db = created._state.db

    def has_delete_permission(self, request, obj=None):
        # Organisations are ended or re-organised, never deleted: history refers to them.
        return False


class ReorganizationAdminForm(forms.ModelForm):
    class Meta:
        model = Reorganization
        fields = ("kind", "effective_date", "legal_basis", "predecessors", "successors", "note")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services.validate_reorganization(
                    kind=cleaned["kind"],
                    effective_date=cleaned["effective_date"],
                    predecessors=list(cleaned["predecessors"]),
                    successors=list(cleaned["successors"]),
                )
            except ValidationError as exc:
                self._update_errors(exc)
        return cleaned


@admin.register(Reorganization)
class ReorganizationAdmin(admin.ModelAdmin):
    """Added through `reorganization_record`; afterwards read-only."""

    form = ReorganizationAdminForm
    list_display = ("__str__", "legal_basis", "predecessor_names", "successor_names", "recorded_by")
    list_filter = ("kind", "effective_date")
    list_select_related = ("recorded_by",)
    search_fields = ("legal_basis", "note", "predecessors__name", "successors__name")
    date_hierarchy = "effective_date"
    autocomplete_fields = ("predecessors", "successors")
    readonly_fields = ("recorded_by", "work_carried_at", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("predecessors", "successors")

    @admin.display(description=_("Cơ quan trước sắp xếp"))
    def predecessor_names(self, obj):
        return "; ".join(org.name for org in obj.predecessors.all())

    @admin.display(description=_("Cơ quan sau sắp xếp"))
    def successor_names(self, obj):
        return "; ".join(org.name for org in obj.successors.all())

    def get_fields(self, request, obj=None):
        fields = ["kind", "effective_date", "legal_basis", "predecessors", "successors", "note"]
        return fields if obj is None else [*fields, "recorded_by", "work_carried_at", "created_at"]

    def save_model(self, request, obj, form, change):
        reorg = services.reorganization_record(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            effective_date=form.cleaned_data["effective_date"],
            legal_basis=form.cleaned_data["legal_basis"],
            predecessors=list(form.cleaned_data["predecessors"]),
            successors=list(form.cleaned_data["successors"]),
            note=form.cleaned_data.get("note", ""),
        )
        obj.pk = reorg.pk
        obj.recorded_by = reorg.recorded_by
        obj.created_at, obj.updated_at = reorg.created_at, reorg.updated_at
        obj._state.adding = False
        obj._state.db = reorg._state.db

    def save_related(self, request, form, formsets, change):
        # The service has set the predecessors and successors; nothing else to save.
        pass

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
