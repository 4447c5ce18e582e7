from django.contrib import admin

from apps.geo.models import AdministrativeUnit, Agency


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "division_type", "parent")
    list_filter = ("level", "division_type")
    search_fields = ("name_key", "code")
    raw_id_fields = ("parent",)
    readonly_fields = ("path",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_key",)
    raw_id_fields = ("unit", "village")
