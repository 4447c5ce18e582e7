"""The figures of the unit overview: tasks by status and by agency, agencies with overdue
tasks, the Action Month checklist, people reached this year by sex and month; for a
province, the same per commune and for the whole province. Every read goes through
`for_user`, so a page shows only what its person may read."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.activities import figures
from apps.activities.calendar_data import PERIODS
from apps.activities.models import Activity
from apps.geo.models import AdministrativeUnit
from apps.work.models import DISPLAY_STATUSES, OPEN_STATUSES, OVERDUE, Recurrence, Task, TaskStatus

ACTION_MONTH = next(p for p in PERIODS if p.code == "action_month")
STATUS_ORDER = list(DISPLAY_STATUSES)


def _display(status: str, end: dt.date | None, today: dt.date) -> str:
    if status in OPEN_STATUSES and end is not None and end < today:
        return OVERDUE
    return status


def commune_overview(user: Any, unit: AdministrativeUnit, today: dt.date) -> dict[str, Any]:
    tasks = list(
        Task.objects.for_user(user)
        .filter(unit=unit)
        .select_related("lead")
        .only("pk", "ref", "title", "status", "end", "start", "recurrence", "lead__name", "lead_text")
    )
    statuses = Counter(_display(t.status, t.end, today) for t in tasks)
    by_agency: dict[str, Counter[str]] = defaultdict(Counter)
    for task in tasks:
        name = task.lead.name if task.lead else (task.lead_text or "—")
        by_agency[name][_display(task.status, task.end, today)] += 1
    agency_rows: list[dict[str, Any]] = [
        {"name": name, "counts": [counts[s] for s in STATUS_ORDER], "total": sum(counts.values())}
        for name, counts in sorted(by_agency.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    ]
    first, last = ACTION_MONTH.dates(today.year)
    # the Action Month's tasks: a campaign-period task, or one that starts or ends in it
    checklist = [
        t
        for t in tasks
        if t.recurrence == Recurrence.CAMPAIGN
        or any(d is not None and first <= d <= last for d in (t.start, t.end))
    ]
    return {
        "statuses": [(s, DISPLAY_STATUSES[s], statuses[s]) for s in STATUS_ORDER],
        "task_total": len(tasks),
        "agency_rows": agency_rows,
        "overdue_agencies": [r for r in agency_rows if r["counts"][STATUS_ORDER.index(OVERDUE)]],
        "overdue_index": STATUS_ORDER.index(OVERDUE),
        "checklist": checklist,
        "done": TaskStatus.DONE.value,
        "action_month": (first, last),
        "action_month_reached": figures.participants_reached(unit, first, last),
        "action_month_sessions": figures.sessions_held(unit, first, last),
        "months": figures.participants_by_month(unit, today.year),
        "reached": figures.participants_reached(unit, dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)),
    }


def province_overview(user: Any, province: AdministrativeUnit, today: dt.date) -> dict[str, Any]:
    zero = Value(0, output_field=IntegerField())
    tasks = (
        Task.objects.for_user(user)
        .filter(unit__parent=province)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, end__lt=today)),
        )
    )
    people = (
        Activity.objects.for_user(user)
        .filter(province=province, date__year=today.year)
        .values("unit_id")
        .annotate(
            male=Coalesce(Sum("male"), zero),
            female=Coalesce(Sum("female"), zero),
            other=Coalesce(Sum("other_sex"), zero),
            sessions=Count("pk"),
        )
    )
    by_unit: dict[int, dict[str, int]] = defaultdict(dict)
    for row in tasks:
        by_unit[row["unit_id"]].update(total=row["total"], done=row["done"], overdue=row["overdue"])
    for reached in people:
        by_unit[reached["unit_id"]].update(
            male=reached["male"],
            female=reached["female"],
            other=reached["other"],
            sessions=reached["sessions"],
        )
    names = dict(AdministrativeUnit.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    keys = ("total", "done", "overdue", "male", "female", "other", "sessions")
    rows: list[dict[str, Any]] = sorted(
        ({"name": str(names[pk]), **{k: values.get(k, 0) for k in keys}} for pk, values in by_unit.items()),
        key=lambda r: str(r["name"]),
    )
    totals = {k: sum(int(r[k]) for r in rows) for k in keys}
    return {
        "commune_rows": rows,
        "totals": totals,
        "months": figures.participants_by_month(province, today.year),
        "reached": figures.participants_reached(
            province, dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        ),
    }
