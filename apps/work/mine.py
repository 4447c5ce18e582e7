"""What "My work" shows: the tasks of a focal person's agency (anyone else's: their own unit's), by
urgency. The page and the home page's work section read the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from apps.access.scope import active_membership
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work.models import DUE_SOON_DAYS, Notification, Task, TaskQuerySet
from apps.work.sync import sync_plan_tasks


def readable_tasks(user: Any) -> TaskQuerySet:
    """The tasks the user may read, after making those of the unit's issued plans."""
    membership = active_membership(user)
    if membership is not None and membership.unit.level == Level.COMMUNE:
        sync_plan_tasks(membership.unit)
    return Task.objects.for_user(user).select_related("unit", "lead")


def my_tasks(user: Any) -> TaskQuerySet:
    membership = active_membership(user)
    tasks = readable_tasks(user)
    if membership is not None and membership.agency_id:
        return tasks.of_agency(membership.agency_id)
    if membership is not None:
        return tasks.filter(unit=membership.unit)
    return tasks


@dataclass
class MyWork:
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    later: list[Task] = field(default_factory=list)
    days: int = DUE_SOON_DAYS


def my_work(user: Any, today: dt.date) -> MyWork:
    """Overdue, due in the next 14 days, and the rest still open."""
    tasks = my_tasks(user)
    overdue = list(tasks.overdue(today).order_by("end", "ref"))
    due_soon = list(tasks.due_within(today, DUE_SOON_DAYS).order_by("end", "ref"))
    shown = {t.pk for t in overdue + due_soon}
    later = [t for t in tasks.open().order_by("end", "ref") if t.pk not in shown]
    return MyWork(overdue, due_soon, later)


def my_notifications(user: Any) -> QuerySet[Notification]:
    """The person's own reminders and notices, newest first (nobody reads another's)."""
    return Notification.objects.filter(user_id=int(user.pk or 0)).select_related("task")


def unit_agencies(user: Any, unit: AdministrativeUnit | None) -> QuerySet[Agency]:
    """The active agencies of a commune the user may read, by name; none for a province."""
    if unit is None or unit.level != Level.COMMUNE:
        return Agency.objects.none()
    return Agency.objects.for_user(user).filter(unit=unit, is_active=True).order_by("name_key")
