"""Who may see and do what, derived from the user's membership (role × unit).

Reads are scoped by a materialised-path prefix: a commune role sees its commune and
its villages, a province officer every unit of the province. Another unit's object
is simply not in the queryset, so views answer 404 rather than 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from apps.accounts.models import Membership, Role

if TYPE_CHECKING:
    from apps.geo.models import AdministrativeUnit

_CACHE_ATTR = "_binhdang_membership"

# the capability each role has within its scope
MANAGE_UNIT = "manage_unit"  # agencies, villages, users of the unit
VIEW_AUDIT = "view_audit"
VIEW_UNIT = "view_unit"

_ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COMMUNE_OFFICER: frozenset({VIEW_UNIT, MANAGE_UNIT}),
    Role.LEADER: frozenset({VIEW_UNIT, MANAGE_UNIT, VIEW_AUDIT}),
    Role.FOCAL_PERSON: frozenset({VIEW_UNIT}),
    Role.CASE_WORKER: frozenset({VIEW_UNIT}),
    Role.VIEWER: frozenset({VIEW_UNIT}),
    Role.PROVINCE_OFFICER: frozenset({VIEW_UNIT}),
}


def get_membership(user: Any) -> Membership | None:
    """The user's active membership (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, _CACHE_ATTR):
        membership = (
            Membership.objects.filter(user=user, is_active=True, unit__is_active=True)
            .select_related("unit", "unit__parent", "unit__parent__parent", "agency")
            .order_by("created_at", "pk")
            .first()
        )
        setattr(user, _CACHE_ATTR, membership)
    return getattr(user, _CACHE_ATTR)


def scope_path(user: Any) -> str | None:
    """Path prefix of every unit the user may read, or None for no access."""
    membership = get_membership(user)
    return membership.unit.path if membership else None


def has_perm(user: Any, permission: str, unit: AdministrativeUnit) -> bool:
    membership = get_membership(user)
    if membership is None or permission not in _ROLE_PERMISSIONS.get(membership.role, frozenset()):
        return False
    return unit.path.startswith(membership.unit.path)


def require(user: Any, permission: str, unit: AdministrativeUnit) -> None:
    if not has_perm(user, permission, unit):
        raise PermissionDenied(permission)
