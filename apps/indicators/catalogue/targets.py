"""Targets beside actuals: the unit's issued plan of the year states targets in words
("Trên 90% hộ gia đình được tiếp cận thông tin…"); each is tied to the indicator whose
keywords all appear in it (accents and case folded). The national strategy's 2025/2030
targets come from the catalogue itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.geo.models import AdministrativeUnit
from apps.plans.models import PlanStatus, PlanTarget
from core.text import fold

# indicator code -> groups of folded words; a target matches when one group is all present
KEYWORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "BD-C05": (("ho gia dinh", "tiep can"), ("ho gia dinh", "tuyen truyen")),
    "BD-C06": (("dan so", "kien thuc"), ("nguoi dan", "kien thuc")),
    "BD-C07": (("can bo", "tuyen truyen"), ("can bo", "pho bien"), ("cong chuc", "tuyen truyen")),
    "BD-L01": (("nu", "cap uy"),),
    "BD-L02": (("nu", "dai bieu"),),
    "BD-L03": (("lanh dao chu chot", "nu"),),
    "BD-L05": (("nu", "quy hoach"),),
    "BD-M03": (("huong uoc",), ("quy uoc",)),
    "BD-A01": (("thang hanh dong",),),
    "BD-S01": (("ke hoach", "binh dang gioi", "ban hanh"),),
    "BD-V04": (("bao luc", "phat hien"),),
    "BD-V05": (("gay bao luc", "tu van"),),
    "BD-T02": (("tap huan",),),
}


@dataclass(frozen=True)
class Target:
    text: str
    comparator: str
    value: Decimal | None
    unit_label: str


def _matches(code: str, folded: str) -> bool:
    padded = f" {folded} "
    return any(all(f" {word} " in padded for word in group) for group in KEYWORDS.get(code, ()))


def plan_targets(unit: AdministrativeUnit, year: int) -> dict[str, Target]:
    """Indicator code -> the target the unit's issued plan of that year sets for it."""
    rows = PlanTarget.objects.filter(
        plan__unit=unit, plan__year=year, plan__status=PlanStatus.ISSUED
    ).order_by("pk")
    found: dict[str, Target] = {}
    for row in rows:
        folded = fold(f"{row.subject} {row.text}")
        for code in KEYWORDS:
            if code not in found and _matches(code, folded):
                value = None if row.value is None else Decimal(str(row.value))
                found[code] = Target(row.text, row.comparator, value, row.unit_label)
    return found


def strategy_target(indicator: Any, year: int) -> Decimal | None:
    """The national strategy's target that applies in that year (2025's until 2025, then 2030's)."""
    if not indicator.strategy_target:
        return None
    return indicator.target_2025 if year <= 2025 else indicator.target_2030


def met(target: Target | None, comparator: str, goal: Decimal | None, actual: Decimal | None) -> bool | None:
    """Whether the actual value meets the goal (None when either is missing)."""
    if goal is None or actual is None:
        return None
    sign = comparator or (target.comparator if target else "") or ">="
    if sign in ("<", "<="):
        return actual < goal if sign == "<" else actual <= goal
    if sign == ">":
        return actual > goal
    return actual >= goal
