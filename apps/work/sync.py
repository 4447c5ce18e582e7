"""The tasks of a unit's issued plans as work tasks. The plans app materialises an issued
plan's tasks (PlanTask rows, rebuilt on every correction); this makes one Task per
(plan, ref), updates what the plan says (title, agencies, dates) and keeps what the unit
did (status, percent, progress). Idempotent: the pages call it before they read."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from apps.geo.models import AdministrativeUnit
from apps.plans.models import Plan, PlanStatus, PlanTask
from apps.work.models import Recurrence, Task
from binhdang.text import fold

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


def sync_plan_tasks(unit: AdministrativeUnit) -> int:
    """Make or refresh the Task of every task of the unit's issued plans; returns how many
    were made."""
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
        partner_ids = sorted(a.pk for a in row.partners.all())
        fields = {
            "plan_task": row,
            "title": row.title,
            "lead": row.lead,
            "lead_text": row.lead_text,
            "timeframe_text": row.timeframe_text,
            # a start after the end (a misread date) keeps the deadline and drops the start
            "start": None if row.start and row.end and row.start > row.end else row.start,
            "end": row.end,
        }
        if task is not None:
            changed = [k for k, v in fields.items() if getattr(task, k) != v]
            if changed:
                for key in changed:
                    setattr(task, key, fields[key])
                task.save()
            if sorted(task.partners.values_list("pk", flat=True)) != partner_ids:
                task.partners.set(partner_ids)
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
                task.partners.set(partner_ids)
        except IntegrityError:
            continue  # another request made it a moment ago
        made += 1
    return made
