"""Writes audit records. The request's address and browser come from a context
variable set by RequestContextMiddleware, so services need only the actor."""

from __future__ import annotations

import contextvars
from typing import Any

from django.db import models

from apps.accounts.models import AuditLog

request_origin: contextvars.ContextVar[tuple[str | None, str]] = contextvars.ContextVar(
    "request_origin", default=(None, "")
)


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    unit: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditLog:
    ip, agent = request_origin.get()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditLog.objects.create(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        unit=unit,
        changes=changes or {},
        ip_address=ip,
        user_agent=agent[:255],
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
