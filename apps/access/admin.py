from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.access.models import AccessLog, AuditLog


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only records: the admin may read them, never add, change or delete."""

    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_name", "event", "object_repr", "unit_name", "ip_address")
    list_filter = ("event",)
    search_fields = ("actor_name", "object_repr")


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user_name", "object_type", "object_id", "purpose", "ip_address")
    search_fields = ("user_name", "object_id")
