"""Figures from activities for the indicators app to pre-fill reports: one aggregate
query each, for a unit and everything below it (a province: all its communes). The
caller decides who may see them; these only count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from apps.activities.models import Activity, ActivityKind
from apps.geo.models import AdministrativeUnit, Level


def _activities(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> Any:
    rows = Activity.objects.filter(date__gte=start, date__lte=end)
    if unit.level == Level.PROVINCE:
        return rows.filter(province=unit)
    return rows.filter(unit__path__startswith=unit.path)


def participants_reached(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> dict[str, int]:
    """People reached by sex (and in total) by the activities held from start to end."""
    totals = _activities(unit, start, end).aggregate(
        male=Coalesce(Sum("male"), 0), female=Coalesce(Sum("female"), 0), other=Coalesce(Sum("other_sex"), 0)
    )
    return {**totals, "total": totals["male"] + totals["female"] + totals["other"]}


def sessions_held(unit: AdministrativeUnit, start: dt.date, end: dt.date, kind: str | None = None) -> int:
    rows = _activities(unit, start, end)
    return rows.filter(kind=kind).count() if kind else rows.count()


def officials_trained(unit: AdministrativeUnit, start: dt.date, end: dt.date) -> dict[str, int]:
    """Officials reached by trainings, by sex."""
    rows = _activities(unit, start, end).filter(kind=ActivityKind.TRAINING, officials=True)
    totals = rows.aggregate(
        male=Coalesce(Sum("male"), 0), female=Coalesce(Sum("female"), 0), other=Coalesce(Sum("other_sex"), 0)
    )
    return {**totals, "total": totals["male"] + totals["female"] + totals["other"]}


def participants_by_month(unit: AdministrativeUnit, year: int) -> list[dict[str, int]]:
    """Twelve rows (month, male, female, other, sessions) for the year's charts."""
    rows = (
        _activities(unit, dt.date(year, 1, 1), dt.date(year, 12, 31))
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(male=Sum("male"), female=Sum("female"), other=Sum("other_sex"), sessions=Count("pk"))
        .order_by("month")
    )
    found = {r["month"]: r for r in rows}
    return [
        {
            "month": m,
            "male": found.get(m, {}).get("male", 0) or 0,
            "female": found.get(m, {}).get("female", 0) or 0,
            "other": found.get(m, {}).get("other", 0) or 0,
            "sessions": found.get(m, {}).get("sessions", 0) or 0,
        }
        for m in range(1, 13)
    ]
