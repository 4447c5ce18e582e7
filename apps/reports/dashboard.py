"""The figures of the dashboards. A commune: its targets against its figures for the
period, and the trend of a few key indicators over the last periods (approved reports
only). A province: completeness and timeliness of its communes' reports (a table and a
grid of tiles), its totals against the strategy's targets from the aggregate table (with
the number of communes behind each figure) and the same trends from the aggregate table;
no page scans the communes' values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import Kind, ReportForm, ReportingPeriod
from apps.indicators.reporting import completeness
from apps.indicators.reporting.inbox import STATUS_LABELS
from apps.indicators.reporting.periods import Period, recent
from apps.reports import figures

# the indicators whose trend the dashboards draw (those the chosen form has)
KEY_TRENDS = ("BD-C02", "BD-T02", "BD-A03", "BD-S02")
TREND_PERIODS = 6
STATUSES: tuple[tuple[str, Any, str, str], ...] = (
    # status, label (the words of the reporting pages), tone (badge and tile), icon
    ("approved", STATUS_LABELS["approved"], "success", "check2-all"),
    ("submitted", STATUS_LABELS["submitted"], "info", "send"),
    ("returned", STATUS_LABELS["returned"], "warning", "arrow-return-left"),
    ("draft", STATUS_LABELS["draft"], "neutral", "pencil"),
    ("missing", STATUS_LABELS["missing"], "danger", "exclamation-octagon"),
)
STATUS_INFO = {key: (label, tone, icon) for key, label, tone, icon in STATUSES}
CHART_COLOURS = {
    "approved": "#2e7d6e",
    "submitted": "#3b6fb6",
    "returned": "#d9822b",
    "draft": "#6c757d",
    "missing": "#b4436c",
}


def chart(kind: str, labels: list[Any], datasets: list[tuple[str, list[Any]]], **extra: Any) -> str:
    """The data-bd-chart attribute that apps/work/static/work/charts.js draws."""
    return json.dumps(
        {
            "type": kind,
            "labels": [str(label) for label in labels],
            "datasets": [{"label": str(label), "data": data} for label, data in datasets],
            **extra,
        },
        ensure_ascii=False,
    )


def forms_for(unit: AdministrativeUnit) -> list[ReportForm]:
    province = unit if unit.level == Level.PROVINCE else unit.province
    return list(ReportForm.objects.for_province(province).order_by("code"))


def period_choices(form: ReportForm, today: dt.date) -> list[Period]:
    return recent(form.period_type, today, TREND_PERIODS)


def submission_url(pk: int) -> str | None:
    """The indicators app's page of a commune's report, when that page exists."""
    try:
        return reverse("indicators:submission", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass
class TargetRow:
    row: figures.Row
    actual: str
    plan: str
    strategy: str
    met: bool | None
    contributors: int | None


def _target_rows(table: figures.Table) -> list[TargetRow]:
    found = []
    for row in table.rows:
        if row.total.empty and row.plan_target is None and row.strategy_goal is None:
            continue
        plan = ""
        if row.plan_target is not None:
            plan = (
                f"{figures.COMPARATOR_WORDS.get(row.plan_target.comparator or '>=', '')} "
                f"{figures.number(row.plan_target.value)} {row.plan_target.unit_label}".strip()
                if row.plan_target.value is not None
                else row.plan_target.text[:120]
            )
        strategy = ""
        if row.strategy_goal is not None:
            unit = "%" if row.indicator.kind == Kind.PERCENT else ""
            comparator = figures.COMPARATOR_WORDS.get(row.indicator.comparator or ">=", "")
            strategy = f"{comparator} {figures.number(row.strategy_goal)}{unit}"
        found.append(
            TargetRow(
                row, figures.shown(row.indicator, row.total), plan, strategy, row.met, row.total.contributors
            )
        )
    return found


def _target_chart(rows: list[TargetRow]) -> tuple[str, list[TargetRow]]:
    """Actual beside target for the percentages that have both (one scale: %)."""
    charted = [
        r
        for r in rows
        if r.row.indicator.kind == Kind.PERCENT
        and r.row.goal is not None
        and r.row.total.value is not None
        and not r.row.total.suppressed
    ]
    return (
        chart(
            "bar",
            [r.row.indicator.code for r in charted],
            [
                (_("Actual (%)"), [_float(r.row.total.value) for r in charted]),
                (_("Target (%)"), [_float(r.row.goal) for r in charted]),
            ],
        ),
        charted,
    )


@dataclass
class Trend:
    code: str
    name: str
    kind: str
    by_sex: bool
    rows: list[dict[str, Any]]
    chart: str


def trends(unit: AdministrativeUnit, form: ReportForm, period: Period) -> list[Trend]:
    periods = [period]
    while len(periods) < TREND_PERIODS:
        periods.append(periods[-1].previous())
    series = figures.key_series(unit, form, periods, KEY_TRENDS)
    indicators = {i.code: i for i in form.ordered_indicators() if i.code in series}
    found = []
    for code in KEY_TRENDS:
        if code not in indicators:
            continue
        indicator = indicators[code]
        by_sex = "sex" in (indicator.disaggregations or []) and indicator.kind == Kind.COUNT
        rows: list[dict[str, Any]] = []
        for p, cells in series[code]:
            total = cells.get("", figures.EMPTY)
            rows.append(
                {
                    "period": p,
                    "total": figures.shown(indicator, total),
                    "female": figures.shown(indicator, cells.get("sex:female", figures.EMPTY)),
                    "male": figures.shown(indicator, cells.get("sex:male", figures.EMPTY)),
                    "contributors": total.contributors,
                    "raw": {k: None if c.suppressed else _float(c.value) for k, c in cells.items()},
                }
            )
        labels = [r["period"].label for r in rows]
        if by_sex:
            datasets = [
                (_("Women"), [r["raw"].get("sex:female") for r in rows]),
                (_("Men"), [r["raw"].get("sex:male") for r in rows]),
            ]
            spec = chart("bar", labels, datasets, stacked=True)
        else:
            spec = chart("bar", labels, [(indicator.unit_label or code, [r["raw"].get("") for r in rows])])
        found.append(Trend(code, indicator.name_vi, indicator.kind, by_sex, rows, spec))
    return found


def commune(unit: AdministrativeUnit, form: ReportForm, period: Period) -> dict[str, Any]:
    table = figures.table(unit, form, period)
    rows = _target_rows(table)
    target_chart, charted = _target_chart(rows)
    submission = table.submission
    due = (
        ReportingPeriod.objects.filter(form=form, province=unit.province, period=period.code)
        .values_list("due", flat=True)
        .first()
    )
    status = submission.status if submission else "missing"
    return {
        "table": table,
        "target_rows": rows,
        "target_chart": target_chart,
        "charted": charted,
        "submission": submission,
        "submission_url": submission_url(submission.pk) if submission else None,
        "status": status,
        "status_info": STATUS_INFO[status],
        "due": due,
        "trends": trends(unit, form, period),
    }


@dataclass
class Tile:
    unit: AdministrativeUnit
    status: str
    label: Any
    tone: str
    icon: str
    late: bool
    on_time: bool
    submitted: dt.datetime | None
    url: str | None


def province(unit: AdministrativeUnit, form: ReportForm, period: Period, today: dt.date) -> dict[str, Any]:
    rates = completeness.rates(form, unit, period.code)
    tiles = []
    for status in figures.commune_statuses(form, unit, period.code, today):
        label, tone, icon = STATUS_INFO[status.status]
        submission = status.submission
        tiles.append(
            Tile(
                status.unit,
                status.status,
                label,
                tone,
                icon,
                status.late,
                status.on_time,
                submission.completed_at if submission else None,
                submission_url(submission.pk) if submission else None,
            )
        )
    counts = {key: sum(1 for t in tiles if t.status == key) for key, *_rest in STATUSES}
    status_rows = [(key, label, tone, icon, counts[key]) for key, label, tone, icon in STATUSES]
    table = figures.table(unit, form, period)
    rows = _target_rows(table)
    target_chart, charted = _target_chart(rows)
    return {
        "rates": rates,
        "tiles": tiles,
        "late_count": sum(1 for t in tiles if t.late),
        "status_rows": status_rows,
        "status_chart": chart(
            "doughnut",
            [label for _k, label, *_r in STATUSES],
            [(_("Communes"), [counts[key] for key, *_r in STATUSES])],
            colours=[CHART_COLOURS[key] for key, *_r in STATUSES],
        ),
        "table": table,
        "target_rows": rows,
        "target_chart": target_chart,
        "charted": charted,
        "trends": trends(unit, form, period),
    }
