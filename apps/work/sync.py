"""The tasks of a unit's issued plans as work tasks. The plans app materialises an issued
plan's tasks (PlanTask rows, rebuilt on every correction); this makes one Task per
(plan, ref), updates what the plan says (title, agencies, dates) and keeps what the unit
did (status, percent, progress). Idempotent: the pages call it before they read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from apps.geo.models import AdministrativeUnit
from apps.plans.models import Plan, PlanStatus, PlanTask
from apps.work.models import Recurrence, Task
from core.text import fold

CAMPAIGN_WORDS = ("thang hanh dong", "15 11", "chien dich")


def recurrence_of(timeframe: dict[str, Any] | None) -> str:
    """The schema's recurrence with the wording it was read from, as a work recurrence."""
    timeframe = timeframe or {}
    text = fold(timeframe.get("text") or "")
    kind = timeframe.get("recurrence")
    if any(word in text for word in CAMPAIGN_WORDS):
        return Recurrence.CAMPAIGN
    if kind == "continuous":
        return Recurrence.CONTINUOUS
    if kind == "periodic":
        if "quy" in text.split() or "hang quy" in text:
            return Recurrence.QUARTERLY
        if "hang nam" in text or "nam" in text.split():
            return Recurrence.YEARLY
        return Recurrence.MONTHLY
    if kind == "on_condition":
        return Recurrence.ON_CONDITION
    return Recurrence.ONCE


def _timeframes(plan: Plan) -> dict[str, dict[str, Any]]:
    return {str(t.get("ref") or ""): t.get("timeframe") or {} for t in plan.tasks}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def plan_values(row: PlanTask) -> dict[str, Any]:
    """Who does the task and when, as the plan says (the fields the officer may set)."""
    # a start after the end (a misread date) keeps the deadline and drops the start
    start = None if row.start and row.end and row.start > row.end else row.start
    return {
        "lead": row.lead_id,
        "partners": sorted(a.pk for a in row.partners.all()),
        "start": _iso(start),
        "end": _iso(row.end),
    }


def task_values(task: Task) -> dict[str, Any]:
    """The same fields as the task has them now."""
    return {
        "lead": task.lead_id,
        "partners": sorted(task.partners.values_list("pk", flat=True)),
        "start": _iso(task.start),
        "end": _iso(task.end),
    }


def write_to_plan_row(row: PlanTask, values: dict[str, Any]) -> None:
    """The officer's lead, partners and dates on the plan's own row, so that what the plan
    pages count (tasks without a lead) follows her."""
    fields = [key for key in ("lead", "start", "end") if key in values]
    if "lead" in values:
        row.lead_id = values["lead"]
    if "start" in values:
        row.start = _day(values["start"])
    if "end" in values:
        row.end = _day(values["end"])
    if fields:
        row.save(update_fields=fields)
    if "partners" in values:
        row.partners.set(values["partners"])


Values = dict[str, Any]


def _merge_assigned(task: Task, values: Values) -> tuple[Values, Values, Values]:
    """The plan's values with what the officer set kept while the plan still says what it
    said when she set it; returns them, the officer's marks still standing and what the
    plan's row must be told again (a correction rebuilds the rows from the plan's text)."""
    assigned = dict(task.assigned or {})
    if not assigned:
        return values, assigned, {}
    values, own, write_back = dict(values), task_values(task), {}
    for key, said in list(assigned.items()):
        if key not in values or values[key] == own[key]:
            continue
        if values[key] == said:  # the plan has not changed its mind: hers stands
            values[key] = write_back[key] = own[key]
        else:  # a correction of the plan says something new: the plan's word
            del assigned[key]
    if values["start"] and values["end"] and values["start"] > values["end"]:
        values["start"] = None
    return values, assigned, write_back


def sync_plan_tasks(unit: AdministrativeUnit) -> int:
    """Make or refresh the Task of every task of the unit's issued plans; returns how many
    were made. What the officer set on a task (`Task.assigned`) is kept."""
    plans = Plan.objects.filter(unit=unit, status=PlanStatus.ISSUED)
    rows = list(
        PlanTask.objects.filter(plan__in=plans).select_related("plan", "lead").prefetch_related("partners")
    )
    if not rows:
        return 0
    existing = {(t.plan_id, t.ref): t for t in Task.objects.filter(unit=unit, plan__in=plans)}
    frames: dict[int, dict[str, dict[str, Any]]] = {}
    made = 0
    for row in rows:
        task = existing.get((row.plan_id, row.ref))
        values = plan_values(row)
        assigned: dict[str, Any] = {}
        write_back: dict[str, Any] = {}
        if task is not None and task.assigned:
            values, assigned, write_back = _merge_assigned(task, values)
        fields = {
            "plan_task": row,
            "title": row.title,
            "lead_id": values["lead"],
            "lead_text": row.lead_text,
            "timeframe_text": row.timeframe_text,
            "start": _day(values["start"]),
            "end": _day(values["end"]),
        }
        if task is not None:
            if task.assigned != assigned:
                fields["assigned"] = assigned
            changed = [k for k, v in fields.items() if getattr(task, k) != v]
            if changed:
                for key in changed:
                    setattr(task, key, fields[key])
                task.save()
            if sorted(task.partners.values_list("pk", flat=True)) != values["partners"]:
                task.partners.set(values["partners"])
            if write_back:
                write_to_plan_row(row, write_back)
            continue
        if row.plan_id not in frames:
            frames[row.plan_id] = _timeframes(row.plan)
        try:
            with transaction.atomic():
                task = Task.objects.create(
                    unit=unit,
                    plan=row.plan,
                    ref=row.ref,
                    recurrence=recurrence_of(frames[row.plan_id].get(row.ref)),
                    created_by_name=row.plan.issued_by_name,
                    **fields,
                )
                task.partners.set(values["partners"])
        except IntegrityError:
            continue  # another request made it a moment ago
        made += 1
    return made
