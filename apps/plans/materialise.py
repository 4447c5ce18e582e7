"""An issued plan's tasks, targets, events and reporting deadlines as rows: what the
work app turns into to-do items and the indicators app into due dates. Rebuilt whenever
the issued plan is corrected (inside the same transaction)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from apps.geo.models import AdministrativeUnit, Agency
from apps.plans.content import parse_date
from apps.plans.matching import Candidate, filled_map
from apps.plans.models import Plan, PlanEvent, PlanTarget, PlanTask, ReportingDeadline


@dataclass(frozen=True)
class Unassigned:
    """A task that reaches nobody once issued: no lead agency of the unit, or no deadline."""

    ref: str
    title: str
    no_lead: bool
    no_timeframe: bool


def _bound(value: Any, *, end: bool) -> dt.date | None:
    """A schema date ("2026", "2026-06" or "2026-06-28") as the first or last day it means."""
    if not isinstance(value, str):
        return None
    full = parse_date(value)
    if full is not None:
        return full
    try:
        if len(value) == 4:
            year = int(value)
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            if end:
                following = dt.date(year + (month == 12), month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, 1)
    except ValueError:
        return None
    return None


def matched_map(
    unit: AdministrativeUnit, content: dict[str, Any], agency_map: dict[str, Any]
) -> dict[str, Any]:
    """The agency map with every name the plan writes that matches an active agency of
    the unit (`best_match`, as the import review does); a choice already made is kept."""
    agencies = [
        Candidate(a.pk, a.name, exact_only=a.village_id is not None)
        for a in Agency.objects.filter(unit=unit, is_active=True)
    ]
    return filled_map(content, agencies, agency_map, unit.short_name) if agencies else dict(agency_map)


def lead_of(task: dict[str, Any], agency_map: dict[str, Any]) -> int | None:
    """The id of the task's first lead name matched to one of the unit's agencies."""
    return next(
        (agency_map[name] for name in task.get("lead") or [] if isinstance(agency_map.get(name), int)), None
    )


def unassigned_tasks(content: dict[str, Any], agency_map: dict[str, Any]) -> list[Unassigned]:
    """The tasks of a document that would reach nobody if it were issued now: without a
    lead agency matched to the unit's (the work task then has no focal person) or without
    a timeframe that ends on a date (the work task has no deadline: no reminder goes out)."""
    found = []
    for order, task in enumerate(content.get("tasks") or [], start=1):
        timeframe = task.get("timeframe") or {}
        no_lead = lead_of(task, agency_map) is None
        no_timeframe = _bound(timeframe.get("end"), end=True) is None
        if no_lead or no_timeframe:
            found.append(
                Unassigned(str(task.get("ref") or order), task.get("title") or "", no_lead, no_timeframe)
            )
    return found


def unassigned_rows(plan: Plan) -> list[Unassigned]:
    """The same for an issued plan, from the rows its work tasks are made of."""
    return [
        Unassigned(row.ref, row.title, row.lead_id is None, row.end is None)
        for row in PlanTask.objects.filter(plan=plan).filter(Q(lead__isnull=True) | Q(end__isnull=True))
    ]


def unassigned_of(plan: Plan) -> list[Unassigned]:
    """The plan's tasks that reach nobody: an issued plan's work rows without a lead agency
    or a deadline; a draft's tasks that would be so if it were issued now (after matching)."""
    if plan.is_issued:
        return unassigned_rows(plan)
    if plan.is_received:
        return []
    return unassigned_tasks(plan.content, matched_map(plan.unit, plan.content, plan.agency_map))


def materialise(plan: Plan) -> None:
    PlanTask.objects.filter(plan=plan).delete()
    PlanTarget.objects.filter(plan=plan).delete()
    PlanEvent.objects.filter(plan=plan).delete()
    ReportingDeadline.objects.filter(plan=plan).delete()
    agencies = {a.pk: a for a in Agency.objects.filter(unit=plan.unit)}

    def agency(name: str) -> Agency | None:
        pk = plan.agency_map.get(name)
        return agencies.get(pk) if isinstance(pk, int) else None

    by_ref: dict[str, PlanTask] = {}
    for order, task in enumerate(plan.content.get("tasks") or [], start=1):
        timeframe = task.get("timeframe") or {}
        leads = task.get("lead") or []
        row = PlanTask.objects.create(
            plan=plan,
            ref=str(task.get("ref") or order)[:32],
            order=order,
            title=task.get("title") or "",
            lead=next((a for a in map(agency, leads) if a is not None), None),
            lead_text="; ".join(leads)[:500],
            timeframe_text=(timeframe.get("text") or "")[:255],
            start=_bound(timeframe.get("start"), end=False),
            end=_bound(timeframe.get("end"), end=True),
        )
        partners = [a for a in map(agency, task.get("partners") or []) if a is not None]
        if partners:
            row.partners.set(partners)
        by_ref[row.ref] = row
    PlanTarget.objects.bulk_create(
        PlanTarget(
            plan=plan,
            task=by_ref.get(target.get("task_ref") or ""),
            text=target.get("text") or "",
            comparator=target.get("comparator") or "",
            value=target.get("value"),
            unit_label=(target.get("unit") or "")[:64],
            subject=target.get("subject") or "",
        )
        for target in plan.content.get("targets") or []
    )
    PlanEvent.objects.bulk_create(
        PlanEvent(
            plan=plan,
            name=(event.get("name") or "")[:255],
            start=_bound(event.get("start"), end=False),
            end=_bound(event.get("end") or event.get("start"), end=True),
        )
        for event in plan.content.get("events") or []
    )
    ReportingDeadline.objects.bulk_create(
        ReportingDeadline(
            plan=plan,
            text=report.get("text") or "",
            period=report.get("period") or "",
            due=_bound(report.get("due"), end=True),
            recipient=(report.get("to") or "")[:255],
        )
        for report in plan.content.get("reporting") or []
    )
