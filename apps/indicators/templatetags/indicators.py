"""Figures as Vietnamese readers write them: 1.234 and 12,5 (dot for thousands, comma
for decimals); a missing figure is a dash; a percentage with one decimal and its sign
(77,8%), rounded as the dashboard rounds it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    whole, _dot, fraction = f"{number.normalize():,f}".partition(".")
    return f"{whole.replace(',', '.')},{fraction}"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@register.filter
def percent(value: Any) -> str:
    """A share in percent: one decimal, "%" after it (9,6%; 80%)."""
    number = _decimal(value)
    if number is None or not number.is_finite():
        return "—" if value is None or value == "" else str(value)
    return f"{figure(number.quantize(Decimal('0.1')).normalize())}%"


@register.filter
def shown(value: Any, indicator: Any) -> str:
    """An indicator's value (or target) as the pages show it: a percentage indicator's
    with one decimal and "%", any other as a figure."""
    if getattr(indicator, "kind", "") == "percent" and _decimal(value) is not None:
        return percent(value)
    return figure(value)


SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "==": "="}


@register.filter
def sign(comparator: Any) -> str:
    """A target's comparator as printed: ≥, ≤ (nothing when the target has none)."""
    return SIGNS.get(str(comparator or "").strip(), "")
