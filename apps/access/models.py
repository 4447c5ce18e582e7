from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.access.events import WARNING_EVENTS, Event


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """No bulk path changes or deletes a record (the admin's bulk delete included)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit records cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit records cannot be deleted")

    def for_user(self, user: Any, action: str = "view") -> AppendOnlyQuerySet:
        """The records of the user's unit and the units below it, for the roles that
        read the log (a record keeps its unit as the unit's path at the time)."""
        from apps.access.scope import Scope

        scope = Scope.of(user)
        if scope is None or not scope.allows(self.model, action):
            return self.none()
        return self.filter(unit_path__startswith=scope.unit_path)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit records cannot be deleted")


class AuditLog(AppendOnlyModel):
    """Who changed what, when, from where. The unit is kept as its path and name at the
    time, so that the log reads the same after a unit is renamed or merged."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # no cascade, no SET NULL: deleting a user never rewrites the records of what they did
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("person"), max_length=150, blank=True)
    event = models.CharField(_("event"), max_length=48, choices=Event.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    # the object and person without accents, so "nguoi cao tuoi" finds "Người cao tuổi"
    search_key = models.CharField(max_length=420, blank=True, editable=False)
    unit_path = models.CharField(max_length=128, blank=True)
    unit_name = models.CharField(_("unit"), max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit_path"], name="access_audit_unit", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit_path", "-created_at"], name="access_audit_unit_time"),
            models.Index(fields=["event", "ip_address", "created_at"], name="access_audit_event_ip"),
            models.Index(fields=["object_type", "object_id"], name="access_audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_event_display()} {self.object_repr}"

    @property
    def is_warning(self) -> bool:
        return self.event in WARNING_EVENTS

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for display; values recorded as [before, after]."""
        rows = []
        for field, value in sorted(self.changes.items()):
            if isinstance(value, list) and len(value) == 2:
                rows.append((field, value[0], value[1]))
            else:
                rows.append((field, None, value))
        return rows


class AccessLog(AppendOnlyModel):
    """Every read of a sensitive object (a GBV case): who opened which record, when."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # no cascade, no SET NULL: deleting a user never rewrites the records of what they did
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    user_name = models.CharField(_("person"), max_length=150, blank=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    unit_path = models.CharField(max_length=128, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32, default="view")
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-created_at"], name="access_read_object")
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.user_name} {self.object_type}#{self.object_id}"
