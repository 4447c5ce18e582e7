from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.plans.models import Plan, PlanImport, PlanVersion, ProvinceAgencyMapping


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "year", "status", "number", "revision")
    list_filter = ("status", "year")
    search_fields = ("search_key", "number")
    raw_id_fields = ("unit", "basis")
    readonly_fields = ("revision", "number_seq")


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("plan", "revision", "note", "author_name", "created_at")
    raw_id_fields = ("plan",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "unit", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("unit", "plan")


@admin.register(ProvinceAgencyMapping)
class ProvinceAgencyMappingAdmin(admin.ModelAdmin):
    list_display = ("province_body", "commune_lead", "province")
    raw_id_fields = ("province",)
