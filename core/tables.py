"""Sorting for list pages that use components/table.html: the address says `?sort=name`
or `?sort=-name`; only the columns a view names can be sorted, anything else falls back
to the view's default (so a crafted address cannot order by a hidden field)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)


def sort_by(
    request: HttpRequest,
    queryset: QuerySet[M],
    columns: Mapping[str, Sequence[str]],
    default: str,
) -> tuple[QuerySet[M], str]:
    """Order `queryset` by the column in `?sort=`; returns it with the sort key in force.

    `columns` maps a sort key to the fields it orders by (ties broken by the later ones),
    e.g. {"name": ["name_key"], "agencies": ["agency_count", "name_key"]}.
    """
    wanted = request.GET.get("sort", "")
    key = wanted.removeprefix("-")
    if key not in columns:
        wanted, key = default, default.removeprefix("-")
    descending = wanted.startswith("-")
    fields = [f"-{f}" if descending and i == 0 else f for i, f in enumerate(columns[key])]
    return queryset.order_by(*fields), wanted
