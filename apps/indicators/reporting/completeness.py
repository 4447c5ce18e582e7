"""Completeness and timeliness as DHIS2 computes them: for a form, province and period,
expected = the active communes of the province; completed = reports submitted or
approved (a returned report is not complete); on time = completed on or before the
period's due date, by the date of the last submission. Both are shares of expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import COMPLETE, ReportForm, ReportingPeriod, Status, Submission
from apps.indicators.reporting.periods import Period
from apps.indicators.services import default_due


def expected_units(province: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, is_active=True)


@dataclass
class Rates:
    expected: int
    completed: int
    on_time: int
    approved: int
    returned: int = 0
    draft: int = 0
    due: Any = None

    @property
    def not_started(self) -> int:
        return self.expected - self.completed - self.returned - self.draft

    @property
    def completeness(self) -> float:
        return round(100 * self.completed / self.expected, 1) if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0


@dataclass
class UnitStatus:
    unit: AdministrativeUnit
    submission: Submission | None
    on_time: bool = False
    late: bool = False  # past the due date without a complete report, or completed after it
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else "missing"


def _due(rp: ReportingPeriod | None, form: ReportForm, province: AdministrativeUnit, period: str) -> Any:
    """The period's due date, also before any commune has opened it (no row yet)."""
    return rp.due if rp is not None else default_due(form, province, Period.parse(period))[0]


def rates(form: ReportForm, province: AdministrativeUnit, period: str) -> Rates:
    rp = ReportingPeriod.objects.filter(form=form, province=province, period=period).first()
    expected = expected_units(province).count()
    rows = Submission.objects.filter(form=form, province=province, period=period, unit__is_active=True)
    completed = [s for s in rows if s.status in COMPLETE]
    on_time = sum(1 for s in completed if rp is not None and rp.is_on_time(s.completed_at))
    statuses = [s.status for s in rows]
    return Rates(
        expected=expected,
        completed=len(completed),
        on_time=on_time,
        approved=statuses.count(Status.APPROVED),
        returned=statuses.count(Status.RETURNED),
        draft=statuses.count(Status.DRAFT),
        due=_due(rp, form, province, period),
    )


def by_unit(form: ReportForm, province: AdministrativeUnit, period: str, today: Any) -> list[UnitStatus]:
    """Every expected commune with its report (or none), in Vietnamese alphabetical order."""
    rp = ReportingPeriod.objects.filter(form=form, province=province, period=period).first()
    reports = {
        s.unit_id: s
        for s in Submission.objects.filter(form=form, province=province, period=period).select_related("unit")
    }
    due = _due(rp, form, province, period)
    found = []
    for unit in expected_units(province).order_by("name_key", "name"):  # Vietnamese order: Đ with D
        submission = reports.get(unit.pk)
        complete = submission is not None and submission.status in COMPLETE
        on_time = (
            complete and rp is not None and rp.is_on_time(submission.completed_at if submission else None)
        )
        late = (complete and not on_time) or (not complete and today > due)
        found.append(UnitStatus(unit, submission, on_time=on_time, late=late))
    return found
