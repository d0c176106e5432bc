from django.contrib import admin

from phoihop.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at", "delivered_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username", "dedupe_key")
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "delivery")
    raw_id_fields = ("user",)
