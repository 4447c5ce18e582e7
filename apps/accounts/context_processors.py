from typing import Any

from django.http import HttpRequest

from apps.accounts.permissions import VIEW_AUDIT, get_membership, has_perm


def current_membership(request: HttpRequest) -> dict[str, Any]:
    membership = get_membership(getattr(request, "user", None))
    return {
        "membership": membership,
        "can_view_audit": bool(membership and has_perm(request.user, VIEW_AUDIT, membership.unit)),
    }
