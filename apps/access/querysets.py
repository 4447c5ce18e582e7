"""NetBox's RestrictedQuerySet, for binhdang: every model that belongs to a unit gets
`for_user(user, action)`, and views and services never filter by hand."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Self, TypeVar

from django.db import models

from apps.access.scope import Scope

M = TypeVar("M", bound=models.Model)


class UnitScopedQuerySet(models.QuerySet[M], Generic[M]):
    # how this model reaches the materialised path of its unit
    unit_path_field: ClassVar[str] = "unit__path"

    def for_user(self, user: Any, action: str = "view") -> Self:
        scope = Scope.of(user)
        if scope is None or not scope.allows(self.model, action):
            return self.none()
        return self.filter(**{f"{self.unit_path_field}__startswith": scope.unit_path})


class ScopedModel(models.Model):
    """A model that belongs to a unit: it says where it sits and what the log may show."""

    # field names whose values the audit log may show (before → after)
    audit_fields: ClassVar[tuple[str, ...]] = ()
    # a sensitive model is logged by id only and every read goes to the access log
    audit_sensitive: ClassVar[bool] = False

    class Meta:
        abstract = True

    @property
    def audit_unit(self) -> Any:
        """The unit the object belongs to: its `unit` field unless the model says otherwise."""
        return getattr(self, "unit")  # noqa: B009 - the field is declared by each concrete model

    @property
    def scope_path(self) -> str:
        # an object of no unit (a national catalogue entry) sits above every scope
        unit = self.audit_unit
        return str(unit.path) if unit is not None else ""

    def audit_label(self) -> str:
        if self.audit_sensitive:
            return f"{self._meta.verbose_name} #{self.pk}"
        return str(self)
