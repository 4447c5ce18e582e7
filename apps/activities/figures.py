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


BREAKDOWN_FIELDS = (
    "male",
    "female",
    "other_sex",
    "age_under_16",
    "age_16_30",
    "age_31_60",
    "age_over_60",
    "ethnic_minority",
    "kinh",
    "with_disability",
)


def participants_breakdown(
    unit: AdministrativeUnit,
    start: dt.date,
    end: dt.date,
    *,
    kinds: tuple[str, ...] = (),
    campaign: str = "",
    officials: bool | None = None,
) -> dict[str, int]:
    """Sessions and the people they reached by sex, age group, ethnicity and disability,
    for the activities of the given kinds (all when empty) and campaign period."""
    rows = _activities(unit, start, end)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if campaign:
        rows = rows.filter(campaign=campaign)
    if officials is not None:
        rows = rows.filter(officials=officials)
    sums = rows.aggregate(sessions=Count("pk"), **{name: Coalesce(Sum(name), 0) for name in BREAKDOWN_FIELDS})
    sums["total"] = sums["male"] + sums["female"] + sums["other_sex"]
    # ethnicity is optional per activity: counted only where every activity recorded it
    sums["ethnicity_complete"] = not rows.filter(kinh__isnull=True).exists()
    sums["disability_complete"] = not rows.filter(with_disability__isnull=True).exists()
    return sums
