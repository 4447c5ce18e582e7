"""The home page's work section: what is overdue and what is due in the next 14 days, of
the focal person's agency (the same tasks as "My work"), or of the unit for its officer
and leader. A focal person's home starts with it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from apps.access.roles import Role
from apps.access.scope import active_membership
from apps.accounts.dashboard import first_for
from apps.geo.models import AdministrativeUnit, Level
from apps.work.mine import my_work

SHOWN = 5
FOR_ROLES = (Role.FOCAL_PERSON, Role.COMMUNE_OFFICER, Role.LEADER)


@first_for({Role.FOCAL_PERSON: 0})
def section(request: HttpRequest, unit: AdministrativeUnit) -> tuple[str, dict[str, Any]] | None:
    membership = active_membership(request.user)
    if unit.level != Level.COMMUNE or membership is None or membership.role not in FOR_ROLES:
        return None
    work = my_work(request.user, timezone.localdate())
    return "work/_home_work.html", {
        "agency": membership.agency if membership.agency_id else None,
        "overdue": work.overdue[:SHOWN],
        "overdue_more": max(len(work.overdue) - SHOWN, 0),
        "due_soon": work.due_soon[:SHOWN],
        "due_soon_more": max(len(work.due_soon) - SHOWN, 0),
        "later": len(work.later),
        "days": work.days,
    }
