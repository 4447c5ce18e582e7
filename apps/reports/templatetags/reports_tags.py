"""Figures on the report pages, written as the documents write them."""

from __future__ import annotations

from typing import Any

from django import template

from apps.reports import figures

register = template.Library()


@register.simple_tag
def shown(indicator: Any, cell: Any) -> str:
    return figures.shown(indicator, cell) if cell is not None else ""


@register.simple_tag
def num(value: Any) -> str:
    return figures.number(value)


@register.simple_tag
def last_year(row: Any) -> str:
    return figures.shown(row.indicator, row.last_year.get("", figures.EMPTY))


@register.simple_tag
def category(indicator: Any, key: str) -> str:
    return next((str(label) for k, label in indicator.categories() if k == key), key)


@register.simple_tag
def part(cell: Any, which: str) -> str:
    """A percentage's numerator or denominator ("<5" for a hidden violence figure)."""
    return figures.part(cell, which) if cell is not None else ""
