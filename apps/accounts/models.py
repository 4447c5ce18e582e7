from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.geo.models import AdministrativeUnit, Agency


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Commune culture-social officer")
    FOCAL_PERSON = "focal_person", _("Agency focal person")
    LEADER = "leader", _("Leader")
    PROVINCE_OFFICER = "province_officer", _("Province home-affairs officer")
    CASE_WORKER = "case_worker", _("GBV case worker")
    VIEWER = "viewer", _("Viewer")


# Roles that work at province level; every other role belongs to a commune.
PROVINCE_ROLES = frozenset({Role.PROVINCE_OFFICER})


class Membership(models.Model):
    """A user's place in the hierarchy: a unit, a role and, for focal persons, an agency."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="focal_persons"
    )
    title = models.CharField(_("position"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "-is_active", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="accounts_membership_unique"),
            models.CheckConstraint(
                condition=~Q(role="focal_person") | Q(agency__isnull=False),
                name="accounts_focal_person_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class AuditLog(models.Model):
    """Append-only record of every state change: who, what, which object, when, from where."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="accounts_audit_unit_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"
