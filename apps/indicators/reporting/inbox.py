"""What the reporting pages list: a commune's reports per form and recent period (with
due dates and overdue marks), the province's inbox of communes for a form and period, and
what the report page shows beside each figure (targets, last period's approved value).
Read-only: nothing here writes, so a page can be opened as often as people like."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.geo.models import AdministrativeUnit
from apps.indicators import services
from apps.indicators.catalogue.targets import strategy_target
from apps.indicators.models import (
    COMPLETE,
    DueSource,
    Indicator,
    ReportForm,
    ReportingPeriod,
    Status,
    Submission,
    SubmissionEvent,
)
from apps.indicators.reporting import completeness
from apps.indicators.reporting.periods import Period, recent
from core.text import fold

# how many recent periods the commune's page offers per period type
RECENT = {"S": 4, "Y": 3, "Q": 4, "M": 6}
MISSING = "missing"
LATE = "late"

STATUS_LABELS = {
    MISSING: _("Not opened"),
    Status.DRAFT.value: _("Draft"),
    Status.SUBMITTED.value: _("Submitted"),
    Status.RETURNED.value: _("Returned"),
    Status.APPROVED.value: _("Approved"),
}
STATUS_TONES = {
    MISSING: "neutral",
    Status.DRAFT.value: "info",
    Status.SUBMITTED.value: "warning",
    Status.RETURNED.value: "danger",
    Status.APPROVED.value: "success",
}
INBOX_ORDER = {
    Status.SUBMITTED.value: 0,
    Status.RETURNED.value: 1,
    Status.DRAFT.value: 2,
    MISSING: 3,
    Status.APPROVED.value: 4,
}
# the inbox's status filter: the statuses and "late" (past the due date, or sent after it)
STATUS_FILTERS = [*STATUS_LABELS.items(), (LATE, _("Overdue or sent late"))]
# one word for each kind of lateness on every reporting page
OVERDUE_LABEL = _("Overdue")  # past the due date and not (or no longer) sent
SENT_LATE_LABEL = _("Sent late")  # sent after the due date


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def due_source_text(form: ReportForm, source: str) -> str:
    """Where a due date comes from, as said beside it: a date before the period's end
    (plans often say "before 15/6") then reads as intended."""
    if source == DueSource.PLAN:
        return str(_("according to the province's plan"))
    if source == DueSource.SET:
        return str(_("set by the province"))
    return ngettext("%(n)s day after the period ends", "%(n)s days after the period ends", form.due_days) % {
        "n": form.due_days
    }


@dataclass
class Due:
    date: dt.date
    row: ReportingPeriod | None  # None: no commune has opened the period yet
    source: str


def due_of(form: ReportForm, province: AdministrativeUnit, period: Period) -> Due:
    """The period's due date: the province's row when the period has one, else the date
    it would get when first opened (the province plan's, else the form's default), and
    where it comes from (said in words by due_source_text)."""
    row = ReportingPeriod.objects.filter(form=form, province=province, period=period.code).first()
    if row is not None:
        return Due(row.due, row, due_source_text(form, row.due_source))
    # the same rule as services.reporting_period, without creating the row on a GET
    due, from_plan = services.default_due(form, province, period)
    return Due(due, None, due_source_text(form, DueSource.PLAN if from_plan else DueSource.DEFAULT))


def last_sent(submissions: list[Submission]) -> dict[int, dt.datetime]:
    """When each report was last sent, from its history (a returned report has no
    completion date any more, but it was sent)."""
    pks = [s.pk for s in submissions if s is not None]
    if not pks:
        return {}
    rows = (
        SubmissionEvent.objects.filter(submission_id__in=pks, action="submitted")
        .values("submission_id")
        .annotate(at=Max("at"))
    )
    return {r["submission_id"]: r["at"] for r in rows}


class _WithStatus:
    """Status in words and tone of a row whose report may not exist yet ("missing")."""

    submission: Submission | None

    @property
    def status(self) -> str:
        return self.submission.status if self.submission is not None else MISSING

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def tone(self) -> str:
        return STATUS_TONES[self.status]


@dataclass
class PeriodRow(_WithStatus):
    form: ReportForm
    period: Period
    submission: Submission | None
    due: dt.date
    overdue: bool  # past the due date and not (or no longer) sent
    late: bool  # sent after the due date
    due_source: str = ""
    last_sent: dt.datetime | None = None  # a returned report: when it was last sent
    openable: bool = True  # not older than services.OLDEST_YEARS: may still be opened


def commune_reports(
    user: Any, unit: AdministrativeUnit, today: dt.date
) -> list[tuple[ReportForm, list[PeriodRow]]]:
    """Each form of the commune's province with its recent periods, newest first."""
    province = unit.province
    mine = {
        (s.form_id, s.period): s
        for s in Submission.objects.for_user(user).filter(unit=unit).select_related("reporting_period")
    }
    sent = last_sent([s for s in mine.values() if s.status == Status.RETURNED])
    found = []
    for form in ReportForm.objects.for_province(province):
        rows = []
        for period in recent(form.period_type, today, RECENT.get(form.period_type, 4)):
            submission = mine.get((form.pk, period.code))
            explained = due_of(form, province, period)
            due = explained.date
            complete = submission is not None and submission.status in COMPLETE
            completed_on = (
                timezone.localdate(submission.completed_at)
                if complete and submission and submission.completed_at
                else None
            )
            rows.append(
                PeriodRow(
                    form=form,
                    period=period,
                    submission=submission,
                    due=due,
                    overdue=not complete and today > due,
                    late=completed_on is not None and completed_on > due,
                    due_source=explained.source,
                    last_sent=sent.get(submission.pk) if submission is not None else None,
                    openable=period.year >= today.year - services.OLDEST_YEARS,
                )
            )
        found.append((form, rows))
    return found


@dataclass
class InboxRow(_WithStatus):
    unit: AdministrativeUnit
    submission: Submission | None
    on_time: bool
    late: bool  # overdue (not sent by the due date) or sent late
    last_sent: dt.datetime | None = None  # a returned report: when it was last sent

    @property
    def sent_late(self) -> bool:
        return self.late and self.submission is not None and self.submission.status in COMPLETE

    @property
    def overdue(self) -> bool:
        return self.late and not self.sent_late


def inbox(
    form: ReportForm,
    province: AdministrativeUnit,
    period: str,
    today: dt.date,
    *,
    status: str = "",
    q: str = "",
) -> list[InboxRow]:
    """Every commune of the province with its report for the form and period, filtered."""
    rows = [
        InboxRow(r.unit, r.submission, r.on_time, r.late)
        for r in completeness.by_unit(form, province, period, today)
    ]
    if status == LATE:
        rows = [r for r in rows if r.late]
    elif status in STATUS_LABELS:
        rows = [r for r in rows if r.status == status]
    words = fold(q).split()
    if words:
        rows = [r for r in rows if all(w in r.unit.name_key for w in words)]
    # what waits for the province first, then what is late, then by name
    rows.sort(key=lambda r: (INBOX_ORDER.get(r.status, 9), not r.late, r.unit.name_key))
    return rows


def with_last_sent(rows: list[InboxRow]) -> list[InboxRow]:
    """The rows of one page, the returned reports with when they were last sent."""
    sent = last_sent([r.submission for r in rows if r.submission and r.status == Status.RETURNED])
    for row in rows:
        if row.submission is not None:
            row.last_sent = sent.get(row.submission.pk)
    return rows


# ------------------------------------------------------------------ beside each figure


@dataclass
class Previous:
    period_label: str
    value: Decimal | None


def previous_report(submission: Submission) -> Submission | None:
    """The unit's report of the same form for the period before, in whatever state."""
    before = Period.parse(submission.period).previous()
    return Submission.objects.filter(form=submission.form, unit=submission.unit, period=before.code).first()


def previous_values(submission: Submission) -> dict[int, Decimal | None]:
    """The approved total of each indicator in the same form for the period before."""
    rows = submission.previous_approved_values().filter(category="").select_related("indicator")
    return {v.indicator_id: v.indicator.value_of(v.numerator, v.denominator) for v in rows}


@dataclass
class StrategyTarget:
    code: str
    comparator: str
    target_2025: Decimal | None
    target_2030: Decimal | None
    text: str
    applies: Decimal | None = None

    @classmethod
    def of(cls, indicator: Indicator, year: int) -> StrategyTarget | None:
        if not indicator.strategy_target:
            return None
        return cls(
            code=indicator.strategy_target,
            comparator=indicator.comparator,
            target_2025=indicator.target_2025,
            target_2030=indicator.target_2030,
            text=indicator.strategy_text,
            applies=strategy_target(indicator, year),
        )


@dataclass
class Group:
    key: str
    label: str
    blocks: list[Any] = field(default_factory=list)
