"""The unit overview: charts, each with the table of the same figures beside it."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.guards import require
from apps.access.scope import active_membership
from apps.geo.models import Level
from apps.work.models import Task
from apps.work.overview import commune_overview, province_overview


def _chart(kind: str, labels: list[Any], datasets: list[tuple[str, list[int]]], **extra: Any) -> str:
    return json.dumps(
        {
            "type": kind,
            "labels": [str(label) for label in labels],
            "datasets": [{"label": str(label), "data": data} for label, data in datasets],
            **extra,
        },
        ensure_ascii=False,
    )


def _month_chart(months: list[dict[str, int]]) -> str:
    return _chart(
        "bar",
        [f"{m['month']:02d}" for m in months],
        [
            (_("Women"), [m["female"] for m in months]),
            (_("Men"), [m["male"] for m in months]),
            (_("Other"), [m["other"] for m in months]),
        ],
        stacked=True,
    )


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    if membership is None or membership.unit.level == Level.VILLAGE:
        raise Http404
    unit = membership.unit
    require(request.user, "view", Task, unit=unit)
    today = timezone.localdate()
    context: dict[str, Any] = {"unit": unit, "year": today.year}
    if unit.level == Level.PROVINCE:
        data = province_overview(request.user, unit, today)
        rows = data["commune_rows"]
        context |= data | {
            "is_province": True,
            "commune_chart": _chart(
                "bar",
                [r["name"] for r in rows],
                [(_("Women"), [r["female"] for r in rows]), (_("Men"), [r["male"] for r in rows])],
                stacked=True,
                horizontal=True,
            ),
            "month_chart": _month_chart(data["months"]),
        }
    else:
        data = commune_overview(request.user, unit, today)
        context |= data | {
            "status_chart": _chart(
                "doughnut",
                [label for _s, label, _n in data["statuses"]],
                [(_("Tasks"), [n for _s, _label, n in data["statuses"]])],
                colours=["#6c757d", "#3b6fb6", "#2e7d6e", "#b4436c", "#adb5bd"],
            ),
            "agency_chart": _chart(
                "bar",
                [r["name"] for r in data["agency_rows"]],
                [
                    (str(label), [r["counts"][i] for r in data["agency_rows"]])
                    for i, (_s, label, _n) in enumerate(data["statuses"])
                ],
                stacked=True,
                horizontal=True,
                colours=["#6c757d", "#3b6fb6", "#2e7d6e", "#b4436c", "#adb5bd"],
            ),
            "month_chart": _month_chart(data["months"]),
        }
    return render(request, "work/overview.html", context)
