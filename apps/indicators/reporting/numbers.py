"""Figures as Vietnamese readers write them in messages: 1.234 and 12,5 (dot for
thousands, comma for decimals), at most two decimals."""

from __future__ import annotations

from decimal import Decimal


def vn(value: Decimal | int, places: int = 2) -> str:
    number = Decimal(value).quantize(Decimal(1).scaleb(-places))
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    whole, _dot, fraction = f"{number:,f}".partition(".")
    return f"{whole.replace(',', '.')},{fraction.rstrip('0')}"


def vn_percent(value: Decimal) -> str:
    """A percentage as the pages print it: one decimal, 77,8%."""
    return f"{vn(value, 1)}%"
