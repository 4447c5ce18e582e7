"""The unit's register of document numbers: the next number of a unit, year and kind (a
counter row locked by the issuing transaction), the number a plan issued on paper already
carries, and whether another plan of the unit holds it."""

from __future__ import annotations

import re

from apps.geo.models import AdministrativeUnit
from apps.plans.models import DocumentCounter, Plan


def next_number(unit: AdministrativeUnit, year: int, kind: str) -> int:
    """The next number of this unit, year and kind; the counter row stays locked until the
    issuing transaction ends, so concurrent issues queue and numbers never repeat or skip."""
    DocumentCounter.objects.get_or_create(unit=unit, year=year, kind=kind)
    counter = DocumentCounter.objects.select_for_update().get(unit=unit, year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def issuer_code(unit: AdministrativeUnit) -> str:
    return "UBND"


_PAPER_NUMBER = re.compile(r"^\s*(\d{1,6})\s*/")


def paper_number(plan: Plan) -> int | None:
    """The number an imported plan already carries ("171/KH-UBND" -> 171): it was issued
    on paper, so issuing it here records that number instead of giving a new one."""
    match = _PAPER_NUMBER.match(plan.content.get("document", {}).get("number") or "")
    return int(match.group(1)) if match else None


def record_number(unit: AdministrativeUnit, year: int, kind: str, sequence: int) -> None:
    """Keep the counter ahead of a number issued on paper (locked like next_number)."""
    DocumentCounter.objects.get_or_create(unit=unit, year=year, kind=kind)
    counter = DocumentCounter.objects.select_for_update().get(unit=unit, year=year, kind=kind)
    if sequence > counter.last:
        counter.last = sequence
        counter.save(update_fields=["last"])


def number_taken(plan: Plan) -> Plan | None:
    """An issued plan of the unit and year that already has the number this draft carries
    (the plan page warns before the leader issues it)."""
    sequence = paper_number(plan)
    if plan.is_issued or sequence is None:
        return None
    return Plan.objects.filter(unit=plan.unit, year=plan.year, kind=plan.kind, number_seq=sequence).first()
