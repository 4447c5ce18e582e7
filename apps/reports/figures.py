"""The indicator table of a consolidated report and of the dashboards: for a commune, the
figures of its report (the submission of that form and period, approved or as it stands);
for a province, the aggregate table (Σ numerators, Σ denominators and the number of
communes that contributed), never a scan of the communes' values. Beside each figure: the
plan's target, the strategy's target, the same period a year earlier and whether the
target is met. Violence figures are suppressed below the threshold (`suppression`) in
everything but a commune's own view of its own report; at province level a count is not
assessed against the strategy's targets (those are set for each commune or target group,
so a province total compared with them says nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.catalogue import targets
from apps.indicators.models import (
    AggregateValue,
    DataValue,
    Indicator,
    Kind,
    ReportForm,
    Status,
    Submission,
)
from apps.indicators.reporting import aggregation, completeness
from apps.indicators.reporting.periods import Period
from apps.reports import suppression

# how the documents name the disaggregations (the state format is Vietnamese whatever the
# interface language is)
CATEGORY_WORDS = {
    "": "Tổng",
    "sex:male": "Nam",
    "sex:female": "Nữ",
    "age_group:lt16": "Dưới 16 tuổi",
    "age_group:16-30": "Từ 16 đến 30 tuổi",
    "age_group:31-60": "Từ 31 đến 60 tuổi",
    "age_group:gt60": "Trên 60 tuổi",
    "age_group:16-59": "Từ 16 đến 59 tuổi",
    "age_group:60plus": "Từ 60 tuổi trở lên",
    "ethnicity:minority": "Dân tộc thiểu số",
    "ethnicity:kinh": "Dân tộc Kinh",
    "disability:yes": "Người khuyết tật",
}
CATEGORY_ORDER = list(CATEGORY_WORDS)
COMPARATOR_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def category_word(key: str) -> str:
    return CATEGORY_WORDS.get(key, key)


@dataclass(frozen=True)
class Cell:
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    contributors: int | None = None  # province: communes whose approved figure is in it
    # a hidden violence figure: "small" (shown "<5") or "complement" (shown "x")
    hidden: str = ""

    @property
    def empty(self) -> bool:
        return self.numerator is None and self.denominator is None

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)


EMPTY = Cell(None, None, None)


@dataclass
class Row:
    number: int
    indicator: Indicator
    cells: dict[str, Cell]
    last_year: dict[str, Cell]
    plan_target: targets.Target | None
    strategy_goal: Decimal | None
    province_level: bool = False

    @property
    def assessed(self) -> bool:
        """Whether the figure is compared with its target: not a province's count (the
        targets are per commune or per target group), not a hidden figure."""
        if self.total.suppressed:
            return False
        return not (self.province_level and self.indicator.kind == Kind.COUNT)

    @property
    def total(self) -> Cell:
        return self.cells.get("", EMPTY)

    @property
    def is_ratio(self) -> bool:
        return self.indicator.is_ratio

    @property
    def goal(self) -> Decimal | None:
        if self.plan_target is not None and self.plan_target.value is not None:
            return self.plan_target.value
        return self.strategy_goal

    @property
    def comparator(self) -> str:
        if self.plan_target is not None and self.plan_target.value is not None:
            return self.plan_target.comparator or ">="
        return self.indicator.comparator or ">="

    @property
    def met(self) -> bool | None:
        if not self.assessed:
            return None
        return targets.met(self.plan_target, self.comparator, self.goal, self.total.value)

    @property
    def assessment(self) -> str:
        return {True: "Đạt", False: "Chưa đạt", None: ""}[self.met]

    @property
    def target_text(self) -> str:
        """The target as the document states it: the plan's words, else the strategy's."""
        if self.plan_target is not None:
            if self.plan_target.value is not None:
                return f"{COMPARATOR_WORDS.get(self.comparator, '')} {number(self.plan_target.value)}" + (
                    f" {self.plan_target.unit_label}" if self.plan_target.unit_label else ""
                )
            return self.plan_target.text[:120]
        if self.strategy_goal is not None:
            unit = "%" if self.indicator.kind == Kind.PERCENT else ""
            return f"{COMPARATOR_WORDS.get(self.comparator, '')} {number(self.strategy_goal)}{unit} (CL)"
        return ""

    def parts(self) -> list[tuple[str, Cell, Cell]]:
        """(category, figure, a year earlier) of each disaggregation that has a figure."""
        keys = [k for k, _label in self.indicator.categories() if k]
        return [
            (k, self.cells[k], self.last_year.get(k, EMPTY))
            for k in keys
            if k in self.cells and not self.cells[k].empty
        ]


@dataclass
class Table:
    unit: AdministrativeUnit
    form: ReportForm
    period: Period
    rows: list[Row]
    is_province: bool
    submission: Submission | None = None  # a commune's report the figures come from
    notes: list[str] = field(default_factory=list)
    suppressing: bool = False  # small violence figures hidden

    @property
    def suppression_mark(self) -> str:
        return suppression.mark()

    @property
    def complement_mark(self) -> str:
        return suppression.COMPLEMENT_MARK

    @property
    def explains_suppression(self) -> bool:
        """Whether the table needs the note on hidden figures: a province's always (its
        readers expect it), a commune's when a figure of it is hidden."""
        if not self.suppressing:
            return False
        return self.is_province or any(
            cell.suppressed for row in self.rows for cell in (*row.cells.values(), *row.last_year.values())
        )

    @property
    def suppression_limit(self) -> int:
        """The largest figure hidden (4 when the threshold is 5)."""
        return suppression.threshold() - 1

    @property
    def filled(self) -> list[Row]:
        return [r for r in self.rows if not r.total.empty or r.parts()]


def number(value: Decimal | None, places: int = 2) -> str:
    """A figure written the Vietnamese way: 1.234 and 12,5."""
    if value is None:
        return ""
    quantized = value.quantize(Decimal(1) / (10**places)).normalize()
    if quantized == quantized.to_integral():
        quantized = quantized.quantize(Decimal(1))
    text = f"{quantized:,f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def shown(indicator: Indicator, cell: Cell) -> str:
    """The value as the tables show it: a count, or a percentage with its sign ("<5" or
    "x" for a hidden figure)."""
    if cell.suppressed:
        return suppression.mark(cell.hidden)
    if cell.value is None:
        return ""
    if indicator.kind == Kind.PERCENT:
        return f"{number(cell.value, 1)}%"
    return number(cell.value)


def part(cell: Cell, which: str) -> str:
    """A percentage's numerator or denominator as the tables write it (the mark when hidden)."""
    value = cell.numerator if which == "numerator" else cell.denominator
    if value is None:
        return ""
    return suppression.mark(cell.hidden) if cell.suppressed else number(value)


def _cell(indicator: Indicator, numerator: Any, denominator: Any, contributors: int | None = None) -> Cell:
    return Cell(numerator, denominator, indicator.value_of(numerator, denominator), contributors)


def commune_statuses(
    form: ReportForm, province: AdministrativeUnit, period: str, today: Any
) -> list[completeness.UnitStatus]:
    """Every expected commune with its report, in Vietnamese alphabetical order as the
    reports inbox sorts them (the name folded: "Ái Quốc", "Bắc An Phụ", "Bạch Đằng", "Đông
    Hải" …)."""
    return sorted(completeness.by_unit(form, province, period, today), key=lambda s: s.unit.name_key)


def submission_of(unit: AdministrativeUnit, form: ReportForm, period: str) -> Submission | None:
    return (
        Submission.objects.filter(form=form, unit=unit, period=period)
        .select_related("reporting_period", "unit")
        .first()
    )


def _commune_cells(submission: Submission | None) -> dict[tuple[int, str], Cell]:
    if submission is None:
        return {}
    return {
        (v.indicator_id, v.category): _cell(v.indicator, v.numerator, v.denominator)
        for v in submission.values.select_related("indicator")
    }


def _approved_cells(unit: AdministrativeUnit, form: ReportForm, period: str) -> dict[tuple[int, str], Cell]:
    rows = DataValue.objects.filter(
        submission__form=form, unit=unit, period=period, submission__status=Status.APPROVED
    ).select_related("indicator")
    return {(v.indicator_id, v.category): _cell(v.indicator, v.numerator, v.denominator) for v in rows}


def _giving_away(indicator: Indicator, cell: Cell) -> Cell:
    """A province total hidden because it would tell a commune's hidden figure: "<5" when
    it is small itself, else "x"."""
    small = suppression.is_small(indicator, cell)
    return replace(cell, hidden=suppression.SMALL if small else suppression.COMPLEMENT)


def _province_cells(
    province: AdministrativeUnit, form: ReportForm, period: str, *, hiding: bool
) -> dict[tuple[int, str], Cell]:
    cells = {}
    for key, row in aggregation.province_table(form, province, period).items():
        if row.contributors:
            cell = _cell(row.indicator, row.numerator, row.denominator, row.contributors)
            cells[key] = _giving_away(row.indicator, cell) if hiding and row.gives_away else cell
    return cells


def table(
    unit: AdministrativeUnit, form: ReportForm, period: Period, *, suppress: bool | None = None
) -> Table:
    """The unit's figures of the form and period beside their targets. `suppress` hides
    small violence figures: always for a province; for a commune when someone outside it
    reads them (a commune's own view of its own report shows them as they are)."""
    is_province = unit.level == Level.PROVINCE
    hiding = is_province if suppress is None else suppress
    earlier = period.same_period_last_year().code
    submission = None
    if is_province:
        now = _province_cells(unit, form, period.code, hiding=hiding)
        before = _province_cells(unit, form, earlier, hiding=hiding)
    else:
        submission = submission_of(unit, form, period.code)
        now, before = _commune_cells(submission), _approved_cells(unit, form, earlier)
    plan = targets.plan_targets(unit, period.year)
    rows = []
    for index, indicator in enumerate(form.ordered_indicators(), start=1):
        keys = [k for k, _label in indicator.categories()]
        cells = {k: now[(indicator.pk, k)] for k in keys if (indicator.pk, k) in now}
        last_year = {k: before[(indicator.pk, k)] for k in keys if (indicator.pk, k) in before}
        if hiding:
            cells = suppression.categories(indicator, cells)
            last_year = suppression.categories(indicator, last_year)
        rows.append(
            Row(
                number=index,
                indicator=indicator,
                cells=cells,
                last_year=last_year,
                plan_target=plan.get(indicator.code),
                strategy_goal=targets.strategy_target(indicator, period.year),
                province_level=is_province,
            )
        )
    return Table(unit, form, period, rows, is_province, submission, suppressing=hiding)


def key_series(
    unit: AdministrativeUnit, form: ReportForm, periods: list[Period], codes: tuple[str, ...]
) -> dict[str, list[tuple[Period, dict[str, Cell]]]]:
    """Approved figures (a commune's) or aggregates (a province's) of a few indicators over
    several periods: code -> [(period, {category: cell})], oldest first. A province's
    small violence figures come suppressed."""
    wanted = {i.pk: i for i in form.ordered_indicators() if i.code in codes}
    codes_by_pk = {pk: i.code for pk, i in wanted.items()}
    found: dict[str, dict[str, dict[str, Cell]]] = {code: {} for code in codes_by_pk.values()}
    period_codes = [p.code for p in periods]
    if unit.level == Level.PROVINCE:
        aggregate_rows = AggregateValue.objects.filter(
            form=form, province=unit, period__in=period_codes, indicator_id__in=wanted, contributors__gt=0
        )
        for row in aggregate_rows:
            indicator = wanted[row.indicator_id]
            cell = _cell(indicator, row.numerator, row.denominator, row.contributors)
            if row.gives_away:
                cell = _giving_away(indicator, cell)
            found[codes_by_pk[row.indicator_id]].setdefault(row.period, {})[row.category] = cell
    else:
        value_rows = DataValue.objects.filter(
            submission__form=form,
            unit=unit,
            period__in=period_codes,
            indicator_id__in=wanted,
            submission__status=Status.APPROVED,
        )
        for value in value_rows:
            indicator = wanted[value.indicator_id]
            found[codes_by_pk[value.indicator_id]].setdefault(value.period, {})[value.category] = _cell(
                indicator, value.numerator, value.denominator
            )
    ordered = sorted(periods)
    hiding = unit.level == Level.PROVINCE
    indicators = {i.code: i for i in wanted.values()}
    return {
        code: [
            (
                p,
                suppression.categories(indicators[code], by_period.get(p.code, {}))
                if hiding
                else by_period.get(p.code, {}),
            )
            for p in ordered
        ]
        for code, by_period in found.items()
    }
