"""Permission checks for services and views. `require` refuses, it never skips: a
missing actor is refused like an outsider, and every refusal is written to the audit
log of the unit that owns the object, so its leaders see who tried."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from apps.access import audit
from apps.access.actors import Actor, SystemActor
from apps.access.events import Event
from apps.access.policy import label_of
from apps.access.scope import Scope

M = TypeVar("M", bound=models.Model)


def _path_of(target: Any, unit: Any) -> str:
    where = unit if unit is not None else target
    path = getattr(where, "scope_path", None)
    return path if isinstance(path, str) else ""


def permitted(
    actor: Actor | None, action: str, target: Any, *, unit: Any = None, own_unit: bool = False
) -> bool:
    """May `actor` do `action` on `target` (a model instance, or a model class with the
    `unit` it would be created in)? With `own_unit`, only in the actor's own unit, not in
    the units below it (a province officer reads a commune's plan but does not edit it)."""
    if isinstance(actor, SystemActor):
        return True
    scope = Scope.of(actor)
    path = _path_of(target, unit)
    if scope is None or (own_unit and path != scope.unit_path):
        return False
    return scope.may(target, action, path)


def require(
    actor: Actor | None, action: str, target: Any, *, unit: Any = None, own_unit: bool = False
) -> None:
    if permitted(actor, action, target, unit=unit, own_unit=own_unit):
        return
    instance = target if isinstance(target, models.Model) else None
    audit.record(
        actor,
        Event.ACCESS_DENIED,
        instance,
        unit=unit if unit is not None else getattr(instance, "audit_unit", None),
        meta={"action": action, "object": label_of(target)},
    )
    raise PermissionDenied(action)


def get_for_user_or_404(queryset: Any, user: Any, action: str = "view", **lookup: Any) -> Any:
    """The object if the user's scope reaches it, else 404; an attempt on another unit's
    object is written to that unit's audit log."""
    found = queryset.for_user(user, action).filter(**lookup).first()
    if found is not None:
        return found
    refuse_404(user, queryset.model, action, **lookup)


def refuse_404(user: Any, model: type[models.Model], action: str = "view", **lookup: Any) -> NoReturn:
    """Answer 404 for an object the user may not reach, auditing the attempt when the
    object exists in another unit (a 404 either way: existence is not confirmed)."""
    elsewhere = model._default_manager.filter(**lookup).first()
    if elsewhere is not None:
        audit.record(
            user,
            Event.ACCESS_DENIED,
            elsewhere,
            meta={"action": action, "object": label_of(elsewhere)},
        )
    raise Http404
