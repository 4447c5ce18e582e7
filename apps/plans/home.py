"""The home page's "Plans waiting to be issued": for whoever issues the unit's plans (the
leader), the plans the officer sent, oldest first, each linked to its page where it is
issued or returned. Nothing waiting, no section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from apps.access.guards import permitted
from apps.geo.models import AdministrativeUnit
from apps.plans.models import Plan, PlanStatus

SHOWN = 5


def pending_plans_section(
    request: HttpRequest, unit: AdministrativeUnit
) -> tuple[str, dict[str, Any]] | None:
    if not permitted(request.user, "issue", Plan, unit=unit, own_unit=True):
        return None
    plans = list(
        Plan.objects.for_user(request.user)
        .filter(unit=unit, status=PlanStatus.PENDING)
        .order_by("sent_at", "pk")[:SHOWN]
    )
    if not plans:
        return None
    return "plans/_home_pending.html", {"plans": plans}
