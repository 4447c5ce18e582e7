from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.access.roles import PROVINCE_ROLES, Role
from apps.geo.models import AdministrativeUnit, Agency

__all__ = ["PROVINCE_ROLES", "Membership", "Role", "User"]


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # created by the demo loader with the published password: refused outside demo mode
    is_demo = models.BooleanField(default=False, editable=False)

    audit_fields: ClassVar[tuple[str, ...]] = ("username", "full_name", "is_active")

    def __str__(self) -> str:
        return self.full_name or self.username


class MembershipQuerySet(UnitScopedQuerySet["Membership"]):
    pass


class Membership(ScopedModel):
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

    objects = MembershipQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("user", "role", "agency", "title", "is_active")

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
