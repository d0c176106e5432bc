from django.contrib import admin

from phoihop.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit rows through the admin."""

    list_display = ("occurred_at", "action", "event", "target_repr", "actor_name", "organization_name", "request_id")
    list_filter = ("action", "target_type")
    search_fields = ("target_repr", "actor_name", "request_id")
    date_hierarchy = "occurred_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
