"""Reporting actions: open a report (pre-filled), save figures, submit, return, approve,
reopen for correction, set a due date. Each checks permission, writes the audit log and
the report's visible history, and keeps the province's aggregates in the same transaction."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, DecimalException
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.catalogue.categories import TOTAL
from apps.indicators.models import (
    COMPLETE,
    DataValue,
    DueSource,
    Indicator,
    ReportForm,
    ReportingPeriod,
    Status,
    Submission,
    SubmissionEvent,
)
from apps.indicators.reporting import aggregation, notices, prefill, validation
from apps.indicators.reporting.periods import Period
from apps.plans.models import PlanStatus, ReportingDeadline

# a report may be opened for this year and the two before it
OLDEST_YEARS = 2
# a figure as typed, once spaces are gone: digits, thousands grouped by dots, a decimal part
DIGITS = re.compile(r"[0-9]+")
PLAIN = re.compile(r"-?[0-9]+")
GROUPED = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
DUE_REACH = dt.timedelta(days=120)  # how long after its period a report may be due
SET_AHEAD = dt.timedelta(days=366)  # how far ahead a province sets a period's due date
PLAN_PERIODS = {"S": "6-month", "Y": "annual", "Q": "quarterly", "M": "monthly"}


class StaleReport(Exception):
    """Someone else saved the report since this page was opened."""


class ReportInvalid(ValidationError):
    """Submitting found errors or unanswered warnings; `findings` lists them."""

    def __init__(self, findings: list[validation.Finding]) -> None:
        super().__init__([f.message for f in findings])
        self.findings = findings


def actor_name(actor: Actor) -> str:
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)[:200]


def _history(submission: Submission, action: str, actor: Actor, comment: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, actor_name=actor_name(actor), comment=comment, at=timezone.now()
    )


def _plan_due(form: ReportForm, province: AdministrativeUnit, period: Period) -> dt.date | None:
    """A due date the province's issued plan of that year gives for this kind of report."""
    row = (
        ReportingDeadline.objects.filter(
            plan__unit=province,
            plan__year=period.year,
            plan__status=PlanStatus.ISSUED,
            period=PLAN_PERIODS[form.period_type],
            due__isnull=False,
        )
        .order_by("due")
        .first()
    )
    if row is None or row.due is None:
        return None
    # a plan gives one date for a recurring report: keep it only inside this period's reach
    return row.due if period.start <= row.due <= period.end + dt.timedelta(days=90) else None


def parse_period(code: str) -> Period:
    """The period a code names, or a ValidationError in the user's language."""
    try:
        return Period.parse(code)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def default_due(form: ReportForm, province: AdministrativeUnit, period: Period) -> tuple[dt.date, bool]:
    """The due date a period gets when first used, and whether the province plan gave it:
    the plan's date for this kind of report, else the period's end + the form's days."""
    planned = _plan_due(form, province, period)
    return (planned, True) if planned else (period.end + dt.timedelta(days=form.due_days), False)


def reporting_period(form: ReportForm, province: AdministrativeUnit, code: str) -> ReportingPeriod:
    """The period of a form in a province, created on first use with its default due date."""
    period = parse_period(code)
    if period.type != form.period_type:
        raise ValidationError(
            _("This form is reported for %(type)s periods.") % {"type": form.get_period_type_display()}
        )
    found = ReportingPeriod.objects.filter(form=form, province=province, period=period.code).first()
    if found is not None:
        return found
    due, from_plan = default_due(form, province, period)
    try:
        with transaction.atomic():
            return ReportingPeriod.objects.create(
                form=form,
                province=province,
                period=period.code,
                start=period.start,
                end=period.end,
                due=due,
                due_source=DueSource.PLAN if from_plan else DueSource.DEFAULT,
            )
    except IntegrityError:
        return ReportingPeriod.objects.get(form=form, province=province, period=period.code)


def set_due_date(
    form: ReportForm, *, actor: Actor, province: AdministrativeUnit, period: str, due: dt.date
) -> ReportingPeriod:
    """The province officer moves the due date of a form's period for every commune of the
    province; the period is created on first use, and a refused date leaves none behind."""
    require(actor, "change", ReportingPeriod, unit=province, own_unit=True)
    with transaction.atomic():
        row = reporting_period(form, province, period)
        # the row is this province's own period: the check above already covers it
        row = ReportingPeriod.objects.select_for_update(of=("self",)).get(pk=row.pk)
        if due < row.start:
            raise ValidationError(_("The due date cannot come before the period starts."))
        if due > row.end + DUE_REACH:
            raise ValidationError(
                _("The due date can be at most %(n)s days after the period ends (%(date)s).")
                % {"n": DUE_REACH.days, "date": f"{row.end + DUE_REACH:%d/%m/%Y}"}
            )
        if row.start > timezone.localdate() + SET_AHEAD:
            raise ValidationError(_("Due dates are set at most a year ahead."))
        before = row.due
        row.due, row.due_source = due, DueSource.SET
        row.save(update_fields=["due", "due_source"])
        audit.record(
            actor, Event.REPORT_DUE_CHANGED, row, changes={"due": [before.isoformat(), due.isoformat()]}
        )
    return row


def _previous_values(submission: Submission) -> dict[tuple[int, str], DataValue]:
    """The approved figures of the same form for the period before (for change warnings)."""
    return {(v.indicator_id, v.category): v for v in submission.previous_approved_values()}


def _last_stock(unit: AdministrativeUnit, indicator: Indicator, before: str) -> list[DataValue]:
    latest = (
        DataValue.objects.filter(
            unit=unit, indicator=indicator, submission__status=Status.APPROVED, period__lt=before
        )
        .order_by("-period")
        .values_list("submission_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(DataValue.objects.filter(submission_id=latest, indicator=indicator))


def _prefilled_values(submission: Submission) -> list[DataValue]:
    rp = submission.reporting_period
    rows: list[DataValue] = []
    for indicator in submission.form.ordered_indicators():
        computed = prefill.compute(indicator.code, submission.unit, rp.start, rp.end)
        if computed is not None:
            figures, note = computed
            allowed = {key for key, _label in indicator.categories()}
            for category, (num, den) in figures.items():
                if category in allowed:
                    rows.append(_value(submission, indicator, category, num, den, note))
        elif indicator.stock:
            for old in _last_stock(submission.unit, indicator, submission.period):
                note = _("Last approved figure (%(period)s)") % {"period": Period.parse(old.period).label}
                rows.append(_value(submission, indicator, old.category, old.numerator, old.denominator, note))
    return rows


def _value(
    submission: Submission,
    indicator: Indicator,
    category: str,
    num: Decimal | None,
    den: Decimal | None,
    note: str,
) -> DataValue:
    return DataValue(
        submission=submission,
        indicator=indicator,
        category=category,
        unit_id=submission.unit_id,
        province_id=submission.province_id,
        period=submission.period,
        numerator=num,
        denominator=den,
        prefilled_numerator=num,
        prefilled_denominator=den,
        prefill_note=note[:255],
    )


def open_submission(form: ReportForm, unit: AdministrativeUnit, period: str, *, actor: Actor) -> Submission:
    """The unit's report for the period, created as a draft pre-filled from the system's
    own figures the first time it is opened."""
    require(actor, "enter", Submission, unit=unit, own_unit=True)
    if unit.level != Level.COMMUNE:
        raise ValidationError(_("Reports are entered by communes and wards."))
    province = unit.province
    if form.province_id not in (None, province.pk):
        raise PermissionDenied("form")
    wanted = parse_period(period)
    existing = Submission.objects.filter(form=form, unit=unit, period=wanted.code).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    if wanted.start > today:
        raise ValidationError(_("%(period)s has not started yet.") % {"period": wanted.label})
    if wanted.year < today.year - OLDEST_YEARS:
        raise ValidationError(
            _("Reports older than %(n)s years are not entered any more.") % {"n": OLDEST_YEARS}
        )
    rp = reporting_period(form, province, period)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                form=form, unit=unit, province=province, period=rp.period, reporting_period=rp
            )
            DataValue.objects.bulk_create(_prefilled_values(submission))
            _history(submission, "opened", actor)
            audit.record(actor, Event.REPORT_OPENED, submission)
    except IntegrityError:
        return Submission.objects.get(form=form, unit=unit, period=rp.period)
    return submission


@dataclass
class Entry:
    """What the form sends for one figure."""

    numerator: Decimal | None
    denominator: Decimal | None = None
    reason: str = ""
    comment: str = ""


def parse_number(text: Any) -> Decimal | None:
    """A figure as typed: "1.234", "1 234" and "12,5" are read the Vietnamese way."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    raw = str(text).strip().replace("\u202f", "").replace(" ", "")
    if not raw:
        return None
    wrong = ValidationError(_("“%(text)s” is not a number.") % {"text": str(text)[:30]})
    if len(raw) > 40:
        raise wrong
    if "," in raw:
        whole, _comma, decimals = raw.partition(",")
        if not (PLAIN.fullmatch(whole) or GROUPED.fullmatch(whole)) or not DIGITS.fullmatch(decimals):
            raise wrong
        raw = f"{whole.replace('.', '')}.{decimals}"
    elif raw.count(".") > 1 or (raw.count(".") == 1 and len(raw.split(".")[1]) == 3):
        if not GROUPED.fullmatch(raw):  # "1.2.3" is no grouping of thousands
            raise wrong
        raw = raw.replace(".", "")
    # ASCII digits only: Python would also read "１２", "١٢" or "1_000"
    if not NUMBER.fullmatch(raw):
        raise wrong
    try:
        value = Decimal(raw)
        # the exponent first: 1e1000000 must not reach any arithmetic
        if not value.is_finite() or value.adjusted() >= 15:
            raise wrong
    except DecimalException:
        raise wrong from None
    if value < 0:
        raise ValidationError(_("A figure cannot be negative."))
    return (
        value.quantize(Decimal("0.01")).normalize()
        if value != value.to_integral()
        else value.quantize(Decimal(1))
    )


def save_values(
    submission: Submission,
    entries: Mapping[tuple[str, str], Entry],
    *,
    actor: Actor,
    revision: int | None = None,
) -> Submission:
    """Store the figures (keyed by indicator code and category) of a draft or returned
    report. Nothing is saved when one key is unknown or the report changed meanwhile."""
    require(actor, "enter", submission, own_unit=True)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise ValidationError(
                _("This report is %(status)s and can no longer be changed.")
                % {"status": locked.get_status_display().lower()}
            )
        if revision is not None and locked.revision != revision:
            raise StaleReport
        indicators = {i.code: i for i in locked.form.ordered_indicators()}
        existing = {(v.indicator.code, v.category): v for v in locked.values.select_related("indicator")}
        changed: list[str] = []
        for (code, category), entry in entries.items():
            indicator = indicators.get(code)
            if indicator is None or category not in {k for k, _label in indicator.categories()}:
                raise ValidationError(
                    _("%(code)s %(category)s is not a figure of this form.")
                    % {"code": code, "category": category}
                )
            denominator = entry.denominator if indicator.is_ratio else None
            value = existing.get((code, category))
            if value is None:
                if entry.numerator is None and denominator is None and not entry.comment:
                    continue
                value = DataValue(
                    submission=locked,
                    indicator=indicator,
                    category=category,
                    unit_id=locked.unit_id,
                    province_id=locked.province_id,
                    period=locked.period,
                )
            new = (entry.numerator, denominator, entry.reason.strip(), entry.comment.strip())
            if value.pk and (value.numerator, value.denominator, value.reason, value.comment) == new:
                continue
            value.numerator, value.denominator, value.reason, value.comment = new
            value.save()
            label = dict(indicator.categories()).get(category, category)
            changed.append(f"{code} ({label})" if category else code)
        if changed:
            locked.revision += 1
            locked.save(update_fields=["revision", "updated_at"])
            _history(locked, "saved", actor, ", ".join(changed[:20]) + (" …" if len(changed) > 20 else ""))
            audit.record(actor, Event.REPORT_SAVED, locked, meta={"figures": len(changed)})
    return locked


def findings(submission: Submission) -> list[validation.Finding]:
    values = {(v.indicator_id, v.category): v for v in submission.values.all()}
    return validation.check(submission.form.ordered_indicators(), values, _previous_values(submission))


def submit(submission: Submission, *, actor: Actor, revision: int | None = None) -> Submission:
    require(actor, "submit", submission, own_unit=True)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise ValidationError(_("This report has already been submitted."))
        if revision is not None and locked.revision != revision:
            raise StaleReport
        problems = [f for f in findings(locked) if f.blocking or f.level == validation.WARNING]
        if problems:
            raise ReportInvalid(problems)
        if not locked.values.filter(category=TOTAL, numerator__isnull=False).exists():
            raise ValidationError(_("The report has no figures yet."))
        before = locked.status
        locked.status, locked.completed_at = Status.SUBMITTED, timezone.now()
        locked.revision += 1
        locked.save(update_fields=["status", "completed_at", "revision", "updated_at"])
        _history(locked, "submitted", actor)
        audit.record(actor, Event.REPORT_SUBMITTED, locked, changes={"status": [before, locked.status]})
    return locked


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def return_submission(submission: Submission, comment: str, *, actor: Actor) -> Submission:
    # the level above: a province officer whose scope covers the commune (the refusal
    # is logged outside the transaction, so it stays)
    require(actor, "review", submission)
    if not comment.strip():
        raise ValidationError(_("Say what the commune should fix."))
    with transaction.atomic():
        locked = _locked(submission)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be returned."))
        locked.status, locked.completed_at = Status.RETURNED, None
        locked.revision += 1
        locked.save(update_fields=["status", "completed_at", "revision", "updated_at"])
        _history(locked, "returned", actor, comment.strip())
        notices.tell_commune(locked, "returned", comment.strip())
        audit.record(
            actor, Event.REPORT_RETURNED, locked, changes={"status": [Status.SUBMITTED, Status.RETURNED]}
        )
    return locked


def approve(submission: Submission, *, actor: Actor) -> Submission:
    require(actor, "review", submission)
    with transaction.atomic():
        locked = _locked(submission)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be approved."))
        locked.status, locked.approved_at, locked.approved_by_name = (
            Status.APPROVED,
            timezone.now(),
            actor_name(actor),
        )
        locked.revision += 1
        locked.save(update_fields=["status", "approved_at", "approved_by_name", "revision", "updated_at"])
        aggregation.apply(locked, +1)
        _history(locked, "approved", actor)
        notices.tell_commune(locked, "approved")
        audit.record(
            actor, Event.REPORT_APPROVED, locked, changes={"status": [Status.SUBMITTED, Status.APPROVED]}
        )
    return locked


def reopen(submission: Submission, reason: str, *, actor: Actor) -> Submission:
    """An approved report goes back to the commune for a correction; its figures leave the
    province's totals until it is approved again."""
    require(actor, "review", submission)
    if not reason.strip():
        raise ValidationError(_("Say what needs correcting."))
    with transaction.atomic():
        locked = _locked(submission)
        if locked.status != Status.APPROVED:
            raise ValidationError(_("Only an approved report can be reopened."))
        aggregation.apply(locked, -1)
        locked.status, locked.completed_at, locked.approved_at = Status.RETURNED, None, None
        locked.revision += 1
        locked.save(update_fields=["status", "completed_at", "approved_at", "revision", "updated_at"])
        _history(locked, "reopened", actor, reason.strip())
        audit.record(
            actor, Event.REPORT_REOPENED, locked, changes={"status": [Status.APPROVED, Status.RETURNED]}
        )
    return locked


def is_complete(submission: Submission) -> bool:
    return submission.status in COMPLETE


def create_indicator(province: AdministrativeUnit, *, actor: Actor, **fields: Any) -> Indicator:
    require(actor, "add", Indicator, unit=province, own_unit=True)
    fields.setdefault("group", "X")
    indicator = Indicator(province=province, **fields)
    indicator.full_clean()
    indicator.save()
    audit.record(actor, Event.INDICATOR_CREATED, indicator)
    return indicator


def update_indicator(indicator: Indicator, *, actor: Actor, **fields: Any) -> Indicator:
    require(actor, "change", indicator, own_unit=True)
    before = {name: getattr(indicator, name) for name in fields}
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    audit.record(actor, Event.INDICATOR_UPDATED, indicator, changes=audit.diff(before, fields))
    return indicator
