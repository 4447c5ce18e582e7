"""Who records for which agency, and what the entry form offers: a focal person records
only the activities their own agency organised; the commune officer those of any agency of
the commune. The service refuses by the same rule the form's choices follow."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.access.actors import Actor
from apps.access.roles import Role
from apps.access.scope import Scope
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work.models import Task


def own_agency_only(actor: Actor) -> int | None:
    """The one agency the actor records for, or None when any agency of the unit will do."""
    scope = Scope.of(actor)
    if scope is not None and scope.role == Role.FOCAL_PERSON:
        return scope.agency_id
    return None


def may_organise(actor: Actor, organiser: Agency) -> bool:
    only = own_agency_only(actor)
    return only is None or organiser.pk == only


def entry_choices(actor: Actor, unit: AdministrativeUnit) -> dict[str, QuerySet[Any]]:
    """The organisers, villages and open tasks the actor may name on a new activity."""
    agencies = Agency.objects.for_user(actor).filter(unit=unit, is_active=True).order_by("name_key")
    tasks = Task.objects.for_user(actor).filter(unit=unit).open().order_by("end", "ref")
    only = own_agency_only(actor)
    if only is not None:
        agencies = agencies.filter(pk=only)
        tasks = tasks.of_agency(only)
    villages = AdministrativeUnit.objects.visible_to(actor).filter(parent=unit, level=Level.VILLAGE)
    return {"agencies": agencies, "villages": villages.order_by("name_key"), "tasks": tasks}
