"""Writes audit and access records. The request's address and browser come from a
context variable that RequestOriginMiddleware sets, so services pass only the actor.

A model says what the log may show about it: `audit_fields` lists the values that may
appear before → after, `audit_label()` how it is named; a model with
`audit_sensitive = True` is named by id only and no value of it is ever copied here.
"""

from __future__ import annotations

import contextvars
from typing import Any

from django.db import models

from apps.access.actors import SystemActor
from apps.access.events import Event
from apps.access.models import AccessLog, AuditLog
from core.text import fold

request_origin: contextvars.ContextVar[tuple[str | None, str]] = contextvars.ContextVar(
    "request_origin", default=(None, "")
)


def _actor_fields(actor: Any) -> dict[str, Any]:
    if isinstance(actor, SystemActor):
        return {"actor": None, "actor_name": actor.get_username()}
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor": actor, "actor_name": actor.get_username()[:150]}
    return {"actor": None, "actor_name": ""}


def is_sensitive(obj: Any) -> bool:
    return bool(getattr(obj, "audit_sensitive", False))


def describe(obj: models.Model) -> str:
    """How the log names an object: by id only for a sensitive model."""
    if is_sensitive(obj):
        return f"{obj._meta.verbose_name} #{obj.pk}"
    label = getattr(obj, "audit_label", None)
    return str(label() if callable(label) else obj)[:255]


def visible_changes(obj: Any, changes: dict[str, Any] | None) -> dict[str, Any]:
    """Only the fields the model lets the log show; for a sensitive model, their names."""
    if not changes:
        return {}
    if obj is None:
        return dict(changes)
    if is_sensitive(obj):
        return {"fields": sorted(changes)}
    allowed = getattr(obj, "audit_fields", None)
    if allowed is None:
        return dict(changes)
    return {k: v for k, v in changes.items() if k in allowed}


def record(
    actor: Any,
    event: Event,
    obj: models.Model | None = None,
    *,
    unit: Any = None,
    changes: dict[str, Any] | None = None,
    object_repr: str | None = None,
    meta: dict[str, Any] | None = None,
) -> AuditLog:
    """Append one record. `unit` (an AdministrativeUnit or anything with path and name)
    decides whose leaders read it; by default the object's own unit."""
    ip, agent = request_origin.get()
    if unit is None and obj is not None:
        unit = getattr(obj, "audit_unit", None)
    who = _actor_fields(actor)
    shown = (object_repr if object_repr is not None else (describe(obj) if obj is not None else ""))[:255]
    return AuditLog.objects.create(
        **who,
        search_key=fold(f"{shown} {who['actor_name']}")[:420],
        event=Event(event).value,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=shown,
        unit_path=getattr(unit, "path", "") if unit is not None else "",
        unit_name=str(getattr(unit, "name", ""))[:200] if unit is not None else "",
        # meta describes the event itself (the action refused ...), not the object's values
        changes={**visible_changes(obj, changes), **(meta or {})},
        ip_address=ip,
        user_agent=agent,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def log_read(user: Any, obj: models.Model, *, purpose: str = "view") -> AccessLog:
    """Record that `user` opened a sensitive object (the cases app calls this on every read)."""
    ip, _agent = request_origin.get()
    fields = _actor_fields(user)
    return AccessLog.objects.create(
        user=fields["actor"],
        user_name=fields["actor_name"],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        unit_path=getattr(getattr(obj, "audit_unit", None), "path", ""),
        purpose=purpose,
        ip_address=ip,
    )
