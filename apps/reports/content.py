"""Everything an export says, gathered once from the database: the narrative as saved, the
indicator table (figures.table), and for a province the completeness of its communes'
reports (completeness.rates / by_unit) with each commune's approved figures (Phụ lục VI and
the workbook's per-commune sheets), the small violence figures of the communes and of the
province suppressed (`suppression`). The DOCX and XLSX writers only lay this out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from apps.geo.models import Level
from apps.indicators.models import DataValue, ReportForm, Status
from apps.indicators.reporting import completeness
from apps.indicators.reporting.periods import Period
from apps.reports import figures, suppression
from apps.reports.drafting import SECTION_KEYS
from apps.reports.models import ConsolidatedReport
from apps.reports.text import clean

# the figures Phụ lục VI shows beside each commune's status
KEY_CODES = ("BD-C01", "BD-C02", "BD-T02", "BD-S02")


@dataclass
class FormTable:
    """One sheet of the workbook: a form's figures for one period."""

    form: ReportForm
    period: Period
    table: figures.Table
    statuses: list[completeness.UnitStatus] = field(default_factory=list)
    # commune id -> {(indicator id, category): cell}, approved reports only
    commune_cells: dict[int, dict[tuple[int, str], figures.Cell]] = field(default_factory=dict)


@dataclass
class ReportContent:
    report: ConsolidatedReport
    sections: dict[str, str]
    table: figures.Table
    generated_at: dt.datetime
    is_province: bool
    rates: completeness.Rates | None = None
    statuses: list[completeness.UnitStatus] = field(default_factory=list)
    key_values: dict[int, dict[str, figures.Cell]] = field(default_factory=dict)
    key_indicators: list[Any] = field(default_factory=list)
    sheets: list[FormTable] = field(default_factory=list)

    @property
    def unit(self) -> Any:
        return self.report.unit

    @property
    def period(self) -> Period:
        return self.table.period


def _commune_cells(
    form: ReportForm, province: Any, period: str
) -> dict[int, dict[tuple[int, str], figures.Cell]]:
    """Every commune's approved figures of a form and period: one query."""
    found: dict[int, dict[tuple[int, str], figures.Cell]] = {}
    rows = DataValue.objects.filter(
        submission__form=form, province=province, period=period, submission__status=Status.APPROVED
    ).select_related("indicator")
    for v in rows:
        found.setdefault(v.unit_id, {})[(v.indicator_id, v.category)] = figures.Cell(
            v.numerator, v.denominator, v.indicator.value_of(v.numerator, v.denominator)
        )
    return found


def _suppressed(table: figures.Table, found: dict[int, dict[tuple[int, str], figures.Cell]]) -> None:
    """Each commune's small violence figures hidden, and in each indicator's column of
    communes the complement of a lone hidden one (the province total is beside them)."""
    for row in table.rows:
        indicator = row.indicator
        if not suppression.sensitive(indicator):
            continue
        for by_key in found.values():
            own = {key: cell for (pk, key), cell in by_key.items() if pk == indicator.pk}
            for key, cell in suppression.categories(indicator, own).items():
                by_key[(indicator.pk, key)] = cell
        column = {
            unit_id: by_key[(indicator.pk, "")]
            for unit_id, by_key in found.items()
            if (indicator.pk, "") in by_key
        }
        shown, hide_total = suppression.parts_of_total(indicator, column, row.total)
        for unit_id, cell in shown.items():
            found[unit_id][(indicator.pk, "")] = cell
        if hide_total:  # the province total would give the communes' figures away
            row.cells[""] = dataclasses.replace(row.total, hidden=suppression.COMPLEMENT)


def _sheet_periods(report: ConsolidatedReport) -> list[tuple[ReportForm, Period]]:
    """The report's own form and period first, then each other form of the province whose
    periods fall inside the report's period (an annual report also carries its halves)."""
    main = report.period_obj
    found = [(report.form, main)]
    province = report.unit if report.unit.level == Level.PROVINCE else report.unit.province
    for form in (
        ReportForm.objects.for_province(province).exclude(pk=report.form_id).order_by("period_type", "code")
    ):
        if form.period_type == main.type:
            found.append((form, main))
            continue
        months = {"Y": 12, "S": 6, "Q": 3, "M": 1}
        if months.get(form.period_type, 99) >= months.get(main.type, 0):
            continue
        period = Period.of(form.period_type, main.start)
        while period.start <= main.end:
            found.append((form, period))
            period = period.next()
    return found


def gather(report: ConsolidatedReport, *, today: dt.date | None = None) -> ReportContent:
    today = today or timezone.localdate()
    period = report.period_obj
    unit = report.unit
    is_province = unit.level == Level.PROVINCE
    sections = {key: clean(str(report.sections.get(key) or "")) for key in SECTION_KEYS}
    # a file leaves the commune (it is the report sent up, printed, passed on): its small
    # violence figures are hidden as they are for the province, whoever exports it
    main = figures.table(unit, report.form, period, suppress=True)
    content = ReportContent(
        report=report,
        sections=sections,
        table=main,
        generated_at=timezone.localtime(),
        is_province=is_province,
    )
    for form, sheet_period in _sheet_periods(report):
        table = (
            main
            if (form.pk, sheet_period) == (report.form_id, period)
            else figures.table(unit, form, sheet_period, suppress=True)
        )
        sheet = FormTable(form, sheet_period, table)
        if is_province:
            sheet.statuses = figures.commune_statuses(form, unit, sheet_period.code, today)
            sheet.commune_cells = _commune_cells(form, unit, sheet_period.code)
            _suppressed(table, sheet.commune_cells)
        content.sheets.append(sheet)
    if is_province:
        content.rates = completeness.rates(report.form, unit, period.code)
        content.statuses = content.sheets[0].statuses
        wanted = [row.indicator for row in main.rows if row.indicator.code in KEY_CODES]
        content.key_indicators = wanted
        cells = content.sheets[0].commune_cells
        content.key_values = {
            unit_id: {i.code: by_key[(i.pk, "")] for i in wanted if (i.pk, "") in by_key}
            for unit_id, by_key in cells.items()
        }
    return content
