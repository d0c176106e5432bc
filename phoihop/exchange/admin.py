"""Plan templates are configuration kept by site administrators (Django's admin log records
their changes). Subjects, assessments and plans are written only through the services
(pages and API), so they are not in the admin."""

from django.contrib import admin

from phoihop.exchange.models import PlanTemplate, PlanTemplateActivity


class PlanTemplateActivityInline(admin.TabularInline):
    model = PlanTemplateActivity
    extra = 1
    fields = ("position", "phase", "title", "offset_days", "lead_side", "with_partner", "channels", "expected_product")


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "anchor_label", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("title",)
    inlines = [PlanTemplateActivityInline]
