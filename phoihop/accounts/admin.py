"""Users, their memberships and API tokens in the Django admin.

Every change is in the audit log: the user row itself (created, changed, password set),
and each membership granted, changed or removed. Memberships are granted with
`accounts.services.membership_grant`; a removal (or moving a row to another
organisation, which is a removal plus a grant) is recorded here, as there is no revoke
service yet. API tokens are shown read-only: only their holders issue and revoke them.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.accounts import services
from phoihop.accounts.models import ApiToken, Membership, User
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry


class MembershipForm(forms.ModelForm):
    """Checks the area a collaborator covers (issue 5) with the rule the service applies."""

    class Meta:
        model = Membership
        fields = ("organization", "role", "valid_from", "valid_to", "area")

    def clean(self):
        data = super().clean()
        errors = services.membership_area_errors(
            organization=data.get("organization"), role=data.get("role"), area=data.get("area")
        )
        if errors:
            self.add_error("area", errors)
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    fields = ("organization", "role", "valid_from", "valid_to", "area")
    autocomplete_fields = ("organization", "area")
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("Thông tin cá nhân"), {"fields": ("full_name", "position", "email", "acting_organization")}),
        (
            gettext_lazy("Quyền"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (gettext_lazy("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "position", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "full_name", "position", "acting_organization", "is_staff", "is_active")
    list_select_related = ("acting_organization",)
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("acting_organization",)
    inlines = [MembershipInline]

    # --- the user row -----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        obj._audit_before = audit.snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        before = getattr(user, "_audit_before", None)
        if before is None:
            audit.record_create(actor=request.user, target=user)
        else:
            audit.record_update(actor=request.user, target=user, before=before)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            audit.record(
                actor=request.user,
                action=AuditEntry.Action.EVENT,
                event="password_change",
                target=user,
                message=_("Quản trị viên đặt mật khẩu mới"),
            )
        return response

    # --- memberships ------------------------------------------------------------------

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        deleted = set(formset.deleted_forms)
        grants = []
        # Removals first (and moves to another organisation), so a swap of two rows works.
        for inline_form in formset.initial_forms:
            stored = Membership.objects.filter(pk=inline_form.instance.pk).first()
            if stored is None:
                continue
            if inline_form in deleted:
                services.membership_revoke(actor=request.user, membership=stored)
                formset.deleted_objects.append(stored)
            elif inline_form.has_changed():
                if stored.organization_id != inline_form.cleaned_data["organization"].pk:
                    services.membership_revoke(actor=request.user, membership=stored)
                grants.append(inline_form)
        grants += [f for f in formset.extra_forms if f.has_changed() and f not in deleted]
        for inline_form in grants:
            data = inline_form.cleaned_data
            existed = Membership.objects.filter(user=user, organization=data["organization"]).exists()
            membership = services.membership_grant(
                actor=request.user,
                user=user,
                organization=data["organization"],
                role=data["role"],
                valid_from=data.get("valid_from"),
                valid_to=data.get("valid_to"),
                area=data.get("area"),
            )
            if existed:
                formset.changed_objects.append((membership, inline_form.changed_data))
            else:
                formset.new_objects.append(membership)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are issued and revoked by their holders (the hash is never shown)."""

    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("prefix", "user__username", "user__full_name")
    fields = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
