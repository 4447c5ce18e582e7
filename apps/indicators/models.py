"""Indicators and periodic reporting, shaped as DHIS2 shapes them: an indicator (data
element) is reported on a form (data set) for a period by a unit; each figure is a data
value keyed by indicator × category (the disaggregation) in a submission; the province's
figures are an aggregate table kept in step inside the transaction that approves or
reopens a commune's submission (Σ numerators and Σ denominators, never an average of
percentages), with the number of communes that contributed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.access.scope import Scope
from apps.geo.models import AdministrativeUnit
from apps.indicators.catalogue.categories import categories_of
from apps.indicators.reporting.periods import Period, PeriodType
from core.text import fold


class Kind(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percentage")
    RATIO = "ratio", _("Ratio")


class Prefill(models.TextChoices):
    ACTIVITIES = "activities", _("Activities")
    CASES = "cases", _("GBV cases")
    MEMBERSHIPS = "memberships", _("Unit members")
    PLANS = "plans", _("Plans and tasks")
    MANUAL = "manual", _("Typed in")


GROUPS = {
    "C": _("Communication"),
    "T": _("Training"),
    "L": _("Women in leadership"),
    "M": _("Gender mainstreaming"),
    "E": _("Economy and jobs"),
    "V": _("Violence"),
    "H": _("Health and marriage"),
    "F": _("Funding"),
    "S": _("State management"),
    "A": _("Action Month"),
    "X": _("Province's own"),
}


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_user(self, user: Any, action: str = "view") -> IndicatorQuerySet:
        """The national catalogue and the indicators of the user's own province."""
        scope = Scope.of(user)
        if scope is None or not scope.allows(self.model, action):
            return self.none()
        province_path = scope.unit_path.split("/")[0] + "/"
        if action == "view":
            return self.filter(Q(province__isnull=True) | Q(province__path=province_path))
        return self.filter(province__path=scope.unit_path)

    def active(self) -> IndicatorQuerySet:
        return self.filter(retired=False)


class Indicator(ScopedModel):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    group = models.CharField(_("group"), max_length=1, default="X")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit_label = models.CharField(_("unit of measure"), max_length=40, blank=True)
    numerator_text = models.TextField(_("numerator"), blank=True)
    denominator_text = models.TextField(_("denominator"), blank=True)
    definition = models.TextField(_("definition"), blank=True)
    multiplier = models.PositiveIntegerField(_("multiplier"), default=1)
    disaggregations = models.JSONField(_("disaggregations"), default=list, blank=True)
    levels = models.JSONField(default=list, blank=True)
    periods = models.JSONField(default=list, blank=True)
    stock = models.BooleanField(_("state at the end of the period"), default=False)
    prefill = models.CharField(_("source"), max_length=16, choices=Prefill.choices, default=Prefill.MANUAL)
    strategy_target = models.CharField(_("strategy target"), max_length=16, blank=True)
    strategy_text = models.TextField(blank=True)
    comparator = models.CharField(max_length=4, blank=True)
    target_2025 = models.DecimalField(
        _("target 2025"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    target_2030 = models.DecimalField(
        _("target 2030"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    max_value = models.DecimalField(
        _("largest plausible value"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    # a change against the last period above this share (percent) needs a comment
    change_threshold = models.PositiveIntegerField(_("change needing a comment (%)"), default=50)
    province = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_indicators",
        verbose_name=_("province"),
    )
    retired = models.BooleanField(_("retired"), default=False)
    order = models.PositiveIntegerField(default=0)
    search_key = models.CharField(max_length=900, editable=False, default="")

    objects = IndicatorQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("code", "name_vi", "kind", "disaggregations", "retired")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = fold(f"{self.code} {self.name_vi} {self.name_en}")[:900]
        super().save(*args, **kwargs)

    @property
    def audit_unit(self) -> Any:
        return self.province

    @property
    def is_ratio(self) -> bool:
        return self.kind != Kind.COUNT

    @property
    def whole_numbers(self) -> bool:
        """People, sessions, households and cases are counted whole. Money may have
        decimals (a province may report in million đồng), and a province's own count may
        measure something else (hectares)."""
        return (self.is_ratio or self.province_id is None) and "đồng" not in self.unit_label

    @property
    def group_label(self) -> str:
        return str(GROUPS.get(self.group, self.group))

    def categories(self) -> list[tuple[str, str]]:
        return categories_of(self)

    def value_of(self, numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
        if numerator is None:
            return None
        if not self.is_ratio:
            return numerator
        if not denominator:
            return None
        return (numerator * self.multiplier / denominator).quantize(Decimal("0.01"))


class ReportFormQuerySet(models.QuerySet["ReportForm"]):
    def for_province(self, province: AdministrativeUnit | None) -> ReportFormQuerySet:
        if province is None:
            return self.filter(province__isnull=True, active=True)
        return self.filter(Q(province__isnull=True) | Q(province=province), active=True)

    def for_user(self, user: Any, action: str = "view") -> ReportFormQuerySet:
        """The active forms of the user's province: the national ones and its own."""
        scope = Scope.of(user)
        if scope is None:
            return self.none()
        province_path = scope.unit_path.split("/")[0] + "/"
        return self.filter(Q(province__isnull=True) | Q(province__path=province_path), active=True)


class ReportForm(ScopedModel):
    """A set of indicators reported together for a period type by every commune of the
    province (or of every province, for the national forms)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    period_type = models.CharField(_("period type"), max_length=1, choices=PeriodType.choices)
    province = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="own_forms"
    )
    indicators: models.ManyToManyField[Indicator, FormIndicator] = models.ManyToManyField(
        Indicator, through="FormIndicator", related_name="forms"
    )
    # the default due date: this many days after the period ends
    due_days = models.PositiveIntegerField(_("days after the period to report"), default=10)
    active = models.BooleanField(default=True)

    objects = ReportFormQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("code", "name", "period_type", "due_days")

    class Meta:
        verbose_name = _("reporting form")
        verbose_name_plural = _("reporting forms")
        ordering = ["period_type", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit(self) -> Any:
        return self.province

    def ordered_indicators(self) -> list[Indicator]:
        return [row.indicator for row in self.rows.select_related("indicator").order_by("order", "pk")]


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="indicators_form_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.indicator_id}"


class DueSource(models.TextChoices):
    DEFAULT = "default", _("Days after the period")
    PLAN = "plan", _("The province plan")
    SET = "set", _("Set by the province")


class ReportingPeriod(ScopedModel):
    """One period of a form in one province: its data window and its due date."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="periods")
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=8)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    due = models.DateField(_("due"))
    due_source = models.CharField(max_length=8, choices=DueSource.choices, default=DueSource.DEFAULT)

    audit_fields: ClassVar[tuple[str, ...]] = ("period", "due")

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-start", "form"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "province", "period"], name="indicators_reporting_period_unique"
            ),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="indicators_period_window"),
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.label}"

    @property
    def audit_unit(self) -> Any:
        return self.province

    @property
    def label(self) -> str:
        return Period.parse(self.period).label

    def is_on_time(self, completed: dt.datetime | None) -> bool:
        from django.utils import timezone

        return completed is not None and timezone.localdate(completed) <= self.due


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


# a commune may change its figures in these states
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# DHIS2's "complete": counted in completeness and timeliness
COMPLETE = frozenset({Status.SUBMITTED, Status.APPROVED})


class SubmissionQuerySet(UnitScopedQuerySet["Submission"]):
    pass


class Submission(ScopedModel):
    """A unit's report for a form and period: its status and, through its values, its
    figures. `completed_at` is DHIS2's completion date: set on submitting, cleared when the
    report goes back to the commune, so timeliness reads the last submission."""

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="report_submissions")
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=8)
    reporting_period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    completed_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("status", "period")

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period"], name="indicators_submission_unique")
        ]
        indexes = [models.Index(fields=["province", "period", "status"], name="indicators_sub_prov_period")]

    def __str__(self) -> str:
        return f"{self.form.name} — {Period.parse(self.period).label} — {self.unit.name}"

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).label

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def on_time(self) -> bool:
        return self.status in COMPLETE and self.reporting_period.is_on_time(self.completed_at)

    def previous_approved_values(self) -> models.QuerySet[DataValue]:
        """The approved figures of the same form and unit for the period before."""
        return DataValue.objects.filter(
            submission__form_id=self.form_id,
            submission__unit_id=self.unit_id,
            submission__period=Period.parse(self.period).previous().code,
            submission__status=Status.APPROVED,
        )


class SubmissionEvent(models.Model):
    """The visible history of a report: who saved, submitted, returned, approved or
    reopened it, when, and what they wrote."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(max_length=16)
    actor_name = models.CharField(max_length=200)
    comment = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y}"


class DataValue(models.Model):
    """One figure: indicator × category (\"\" is the total) in a submission. Counts keep
    their value in `numerator`; percentages and ratios keep both parts. Unit, province
    and period repeat the submission's so that facts are one indexed aggregate."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    category = models.CharField(max_length=32, blank=True)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=8)
    numerator = models.DecimalField(null=True, blank=True, max_digits=18, decimal_places=2)
    denominator = models.DecimalField(null=True, blank=True, max_digits=18, decimal_places=2)
    prefilled_numerator = models.DecimalField(null=True, blank=True, max_digits=18, decimal_places=2)
    prefilled_denominator = models.DecimalField(null=True, blank=True, max_digits=18, decimal_places=2)
    prefill_note = models.CharField(max_length=255, blank=True)
    reason = models.TextField(_("reason for the change"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "category"], name="indicators_datavalue_unique"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="indicators_numerator_positive",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=0),
                name="indicators_denominator_positive",
            ),
        ]
        indexes = [models.Index(fields=["province", "period", "indicator"], name="indicators_dv_prov_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.category or 'total'}={self.numerator}"

    @property
    def changed_from_prefill(self) -> bool:
        if self.prefilled_numerator is None and self.prefilled_denominator is None:
            return False
        return (self.numerator, self.denominator) != (self.prefilled_numerator, self.prefilled_denominator)


class AggregateValue(models.Model):
    """A province's figure for a form, period, indicator and category: the sums of its
    communes' approved values and how many communes contributed."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=8)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=32, blank=True)
    numerator = models.DecimalField(default=Decimal(0), max_digits=18, decimal_places=2)
    denominator = models.DecimalField(default=Decimal(0), max_digits=18, decimal_places=2)
    contributors = models.IntegerField(default=0)
    # violence figures: how many communes' figures of this cell their report pages hide,
    # by mark ("<5" small, "x" other), and what they add up to; from these a province page
    # tells whether the total would give one of them away without reading any commune
    hidden_small = models.IntegerField(default=0)
    hidden_other = models.IntegerField(default=0)
    hidden_sum = models.DecimalField(default=Decimal(0), max_digits=18, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "province", "period", "indicator", "category"],
                name="indicators_aggregate_unique",
            )
        ]
        indexes = [models.Index(fields=["province", "period"], name="indicators_agg_prov_period")]

    def __str__(self) -> str:
        return f"{self.province_id} {self.period} {self.indicator_id}/{self.category}"

    def value(self) -> Decimal | None:
        if not self.contributors:
            return None
        return self.indicator.value_of(self.numerator, self.denominator)

    @property
    def gives_away(self) -> bool:
        """Whether the total would tell a commune's hidden violence figure."""
        from apps.indicators.reporting.suppression import gives_away

        return gives_away(self.hidden_small, self.hidden_other, self.hidden_sum)
