from typing import Any

from django.http import HttpRequest

from apps.access.guards import permitted
from apps.access.scope import active_membership, memberships_of


def current_membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    membership = active_membership(user)
    if membership is None:
        return {"membership": None, "memberships": [], "can_view_audit": False, "can_manage_unit": False}
    return {
        "membership": membership,
        "memberships": memberships_of(user),
        "can_view_audit": permitted(user, "view", "access.auditlog", unit=membership.unit),
        "can_manage_unit": permitted(user, "add", "geo.agency", unit=membership.unit),
    }
