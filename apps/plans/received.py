"""Received plans (văn bản đến): a plan another body issued (the district, the province,
another commune), imported by a unit. It is kept with its own number, date and issuer,
read-only, never issued under the unit's register; the unit cites it as the basis of its
own plan and derives its plan from it."""

from __future__ import annotations

from typing import Any

from apps.access.guards import permitted
from apps.geo.models import AdministrativeUnit, Level
from apps.plans import content as plan_content
from apps.plans.heading import issuer_name_of, names_unit
from apps.plans.models import Plan, PlanStatus


def is_received(content: dict[str, Any], unit: AdministrativeUnit) -> bool:
    """Whether an imported document was issued by another body than the unit."""
    return not names_unit((content.get("document") or {}).get("issuer"), unit)


def issuer_notice(content: dict[str, Any], unit: AdministrativeUnit) -> dict[str, str] | None:
    """What the import review says when the file is another body's plan, else None."""
    if not is_received(content, unit):
        return None
    document = content.get("document") or {}
    return {
        "issuer": issuer_name_of(content),
        "number": document.get("number") or "",
        "unit": plan_content.issuer_name(unit),
    }


def received_fields(content: dict[str, Any]) -> dict[str, Any]:
    """The plan's fields as kept from another body: its status, number, date and issuer."""
    document = content.get("document") or {}
    return {
        "status": PlanStatus.RECEIVED,
        "number": (document.get("number") or "")[:64],
        "issued_on": plan_content.parse_date(document.get("date")),
        "kind": (document.get("kind") or "KH")[:8],
        "issuer_name": issuer_name_of(content),
    }


def panel(user: Any, plan: Plan) -> dict[str, Any] | None:
    """For the plan page of a received plan: who issued it, and whether this reader may
    derive the unit's own plan from it (once; then the plan made from it is linked)."""
    if not plan.is_received:
        return None
    derived = Plan.objects.filter(unit=plan.unit, basis=plan).first()
    return {
        "issuer": plan.issuer_name,
        "derived": derived,
        "can_derive": derived is None
        and plan.unit.level == Level.COMMUNE
        and permitted(user, "add", Plan, unit=plan.unit, own_unit=True),
    }
