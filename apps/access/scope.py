"""The scope of a request: the user's *active* membership (role × unit × agency).

A user may hold several memberships (a commune officer who is also a case worker, two
communes during a merger); the one chosen in the session decides what they see. Reads
are scoped by the unit's materialised path: a commune role reaches its commune and its
villages, a province officer every unit of the province.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings

from apps.access import policy

SESSION_KEY = "binhdang_active_membership"
_ACTIVE_ID_ATTR = "_binhdang_active_membership_id"
_CACHE_ATTR = "_binhdang_membership"


def _membership_model() -> Any:
    return apps.get_model(settings.ACCESS_MEMBERSHIP_MODEL)


def memberships_of(user: Any) -> list[Any]:
    """Every active membership of the user in an active unit, oldest first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        _membership_model()
        .objects.filter(user=user, is_active=True, unit__is_active=True)
        .select_related("unit", "unit__parent", "agency")
        .order_by("created_at", "pk")
    )


def choose_membership(user: Any, membership_id: int | None) -> None:
    """Point this request's user at one of their memberships (the middleware calls it)."""
    setattr(user, _ACTIVE_ID_ATTR, membership_id)
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def active_membership(user: Any) -> Any | None:
    """The membership chosen in the session, else the user's first; cached per request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, _CACHE_ATTR):
        chosen = getattr(user, _ACTIVE_ID_ATTR, None)
        candidates = memberships_of(user)
        membership = next((m for m in candidates if m.pk == chosen), None)
        setattr(user, _CACHE_ATTR, membership or (candidates[0] if candidates else None))
    return getattr(user, _CACHE_ATTR)


@dataclass(frozen=True)
class Scope:
    membership_id: int
    role: str
    unit_id: int
    unit_path: str
    unit_level: str
    agency_id: int | None

    @classmethod
    def of(cls, user: Any) -> Scope | None:
        membership = active_membership(user)
        if membership is None:
            return None
        return cls(
            membership_id=membership.pk,
            role=membership.role,
            unit_id=membership.unit_id,
            unit_path=membership.unit.path,
            unit_level=membership.unit.level,
            agency_id=membership.agency_id,
        )

    def covers(self, path: str) -> bool:
        return bool(path) and path.startswith(self.unit_path)

    def allows(self, target: Any, action: str) -> bool:
        return policy.allows(self.role, target, action)

    def may(self, target: Any, action: str, path: str) -> bool:
        """The role may do `action` on this kind of object, and the object is in scope."""
        return self.allows(target, action) and self.covers(path)
