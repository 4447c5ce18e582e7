"""Figures the system already knows, offered as the starting value of a report: counted
from activities (sessions, people reached by sex, age, ethnicity, disability), from the
plan and its tasks, from the unit's members, and for a state at the end of the period
(women in posts, clubs, trusted addresses) the last approved value. Each source returns
{category: (numerator, denominator)} and a note saying where the figure came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.activities import figures
from apps.activities.models import ActivityKind
from apps.geo.models import AdministrativeUnit
from apps.plans.models import Plan, PlanStatus
from apps.work.models import Task, TaskStatus

Figures = dict[str, tuple[Decimal | None, Decimal | None]]
Source = Callable[[AdministrativeUnit, dt.date, dt.date], tuple[Figures, str]]

COMMUNICATION = (ActivityKind.COMMUNICATION, ActivityKind.CAMPAIGN_EVENT, ActivityKind.MEETING)
AGE_KEYS = {"age_under_16": "lt16", "age_16_30": "16-30", "age_31_60": "31-60", "age_over_60": "gt60"}


def _n(value: int | Decimal) -> tuple[Decimal, None]:
    return Decimal(value), None


def _people(sums: dict[str, Any], dimensions: tuple[str, ...]) -> Figures:
    found: Figures = {"": _n(sums["total"])}
    if "sex" in dimensions and not sums["other_sex"]:
        found["sex:male"], found["sex:female"] = _n(sums["male"]), _n(sums["female"])
    if "age_group" in dimensions:
        for field, key in AGE_KEYS.items():
            found[f"age_group:{key}"] = _n(sums[field])
    if "ethnicity" in dimensions and sums["ethnicity_complete"]:
        found["ethnicity:minority"], found["ethnicity:kinh"] = _n(sums["ethnic_minority"]), _n(sums["kinh"])
    if "disability" in dimensions and sums["disability_complete"]:
        found["disability:yes"] = _n(sums["with_disability"])
    return found


def _activities_note(sums: dict[str, Any]) -> str:
    return _("From %(n)s recorded activities") % {"n": sums["sessions"]}


def communication_sessions(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, kinds=COMMUNICATION)
    return {"": _n(sums["sessions"])}, _activities_note(sums)


def communication_people(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, kinds=COMMUNICATION)
    return _people(sums, ("sex", "age_group", "ethnicity", "disability")), _activities_note(sums)


def trainings(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, kinds=(ActivityKind.TRAINING,))
    return {"": _n(sums["sessions"])}, _activities_note(sums)


def people_trained(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, kinds=(ActivityKind.TRAINING,))
    return _people(sums, ("sex", "ethnicity")), _activities_note(sums)


def inspections(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, kinds=(ActivityKind.MEETING,), officials=True)
    return {"": _n(sums["sessions"])}, _activities_note(sums)


def action_month_activities(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, campaign="action_month")
    return {"": _n(sums["sessions"])}, _activities_note(sums)


def action_month_people(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, campaign="action_month")
    return _people(sums, ("sex", "age_group")), _activities_note(sums)


def action_month_held(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    sums = figures.participants_breakdown(unit, start, end, campaign="action_month")
    held = Decimal(1 if sums["sessions"] else 0)
    return {"": (held, Decimal(1))}, _activities_note(sums)


def plan_issued(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    plan = (
        Plan.objects.filter(unit=unit, year=start.year, status=PlanStatus.ISSUED)
        .order_by("-issued_on")
        .first()
    )
    if plan is None:
        return {"": (Decimal(0), Decimal(1))}, _("No issued plan for %(year)s") % {"year": start.year}
    return {"": (Decimal(1), Decimal(1))}, _("Plan %(number)s") % {"number": plan.number or plan.title}


def tasks_done(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    due = Task.objects.filter(unit=unit, end__gte=start, end__lte=end).exclude(status=TaskStatus.CANCELLED)
    total = due.count()
    if not total:
        return {}, _("No task of the plan falls due in the period")
    done = due.filter(status=TaskStatus.DONE).count()
    return {"": (Decimal(done), Decimal(total))}, _(
        "%(done)s of %(total)s tasks due in the period are done"
    ) % {
        "done": done,
        "total": total,
    }


def members(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str]:
    count = Membership.objects.filter(unit=unit, is_active=True).values("user").distinct().count()
    return {"": _n(count)}, _("People with a role in binhdang for the unit")


SOURCES: dict[str, Source] = {
    "BD-C01": communication_sessions,
    "BD-C02": communication_people,
    "BD-T01": trainings,
    "BD-T02": people_trained,
    "BD-S04": inspections,
    "BD-A02": action_month_activities,
    "BD-A03": action_month_people,
    "BD-A01": action_month_held,
    "BD-S01": plan_issued,
    "BD-S02": tasks_done,
    "BD-S06": members,
}


def compute(code: str, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> tuple[Figures, str] | None:
    source = SOURCES.get(code)
    return source(unit, start, end) if source else None
