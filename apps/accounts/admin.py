from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from apps.accounts.forms import AdminLoginForm
from apps.accounts.models import Membership, User

admin.site.login_form = AdminLoginForm
admin.site.site_header = "binhdang"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("unit", "agency")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "is_active", "is_demo", "last_login")
    readonly_fields = ("is_demo",)
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("binhdang", {"fields": ("full_name", "is_demo")}))
