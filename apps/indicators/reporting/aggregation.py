"""The province's figures: the aggregate table is moved by each approval (+) and each
reopening (−) inside the same transaction, with F() updates so that two communes approved
at once both count. `recompute` builds the same table from the raw approved values, which
is what `binhdang check-aggregates` compares against."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Sum

from apps.indicators.models import AggregateValue, DataValue, Status, Submission
from apps.indicators.reporting import suppression

Key = tuple[int, int, str, int, str]  # form, province, period, indicator, category
# numerator, denominator, contributors, and of the violence figures the communes' pages
# hide: how many "<5", how many "x", their sum
Sums = tuple[Decimal, Decimal, int, int, int, Decimal]
Hidden = tuple[int, int, Decimal]
NOTHING_HIDDEN: Hidden = (0, 0, Decimal(0))


def _hidden_of(values: list[DataValue]) -> dict[tuple[int, str], Hidden]:
    """One report's violence figures hidden on its page, by (indicator, category)."""
    by_indicator: dict[int, dict[str, suppression.Figure]] = defaultdict(dict)
    indicators = {}
    for v in values:
        if suppression.sensitive(v.indicator):
            indicators[v.indicator_id] = v.indicator
            by_indicator[v.indicator_id][v.category] = suppression.Figure(v.numerator, v.denominator)
    found = {}
    for pk, cells in by_indicator.items():
        for key, (mark, size) in suppression.hidden_parts(indicators[pk], cells).items():
            found[(pk, key)] = (int(mark == suppression.SMALL), int(mark != suppression.SMALL), size)
    return found


def apply(submission: Submission, sign: int) -> None:
    """Add (+1) or remove (−1) a submission's values from its province's aggregates."""
    values = [v for v in submission.values.select_related("indicator") if v.numerator is not None]
    if not values:
        return
    hidden = _hidden_of(values)
    with transaction.atomic():
        AggregateValue.objects.bulk_create(
            [
                AggregateValue(
                    form_id=submission.form_id,
                    province_id=submission.province_id,
                    period=submission.period,
                    indicator_id=v.indicator_id,
                    category=v.category,
                )
                for v in values
            ],
            ignore_conflicts=True,
        )
        for v in values:
            small, other, size = hidden.get((v.indicator_id, v.category), NOTHING_HIDDEN)
            AggregateValue.objects.filter(
                form_id=submission.form_id,
                province_id=submission.province_id,
                period=submission.period,
                indicator_id=v.indicator_id,
                category=v.category,
            ).update(
                numerator=F("numerator") + sign * (v.numerator or Decimal(0)),
                denominator=F("denominator") + sign * (v.denominator or Decimal(0)),
                contributors=F("contributors") + sign,
                hidden_small=F("hidden_small") + sign * small,
                hidden_other=F("hidden_other") + sign * other,
                hidden_sum=F("hidden_sum") + sign * size,
            )


def recompute(province_id: int | None = None) -> dict[Key, Sums]:
    """The aggregates as they should be, from the approved communes' raw values."""
    rows = DataValue.objects.filter(submission__status=Status.APPROVED, numerator__isnull=False)
    if province_id is not None:
        rows = rows.filter(province_id=province_id)
    grouped = rows.values(
        "submission__form_id", "province_id", "period", "indicator_id", "category"
    ).annotate(num=Sum("numerator"), den=Sum("denominator"), n=Count("pk"))
    hidden = _recompute_hidden(rows)
    found: dict[Key, Sums] = {}
    for r in grouped:
        key = (r["submission__form_id"], r["province_id"], r["period"], r["indicator_id"], r["category"])
        found[key] = (
            r["num"] or Decimal(0),
            r["den"] or Decimal(0),
            r["n"],
            *hidden.get(key, NOTHING_HIDDEN),
        )
    return found


def _recompute_hidden(rows: Any) -> dict[Key, Hidden]:
    """The hidden violence figures of every approved report, summed per aggregate key."""
    reports: dict[int, list[DataValue]] = defaultdict(list)
    sensitive = rows.filter(indicator__group__in=suppression.SENSITIVE_GROUPS)
    for v in sensitive.select_related("indicator", "submission"):
        reports[v.submission_id].append(v)
    sums: dict[Key, Hidden] = {}
    for values in reports.values():
        first = values[0]
        for (pk, category), (small, other, size) in _hidden_of(values).items():
            key = (first.submission.form_id, first.province_id, first.period, pk, category)
            was = sums.get(key, NOTHING_HIDDEN)
            sums[key] = (was[0] + small, was[1] + other, was[2] + size)
    return sums


def stored(province_id: int | None = None) -> dict[Key, Sums]:
    rows = AggregateValue.objects.all()
    if province_id is not None:
        rows = rows.filter(province_id=province_id)
    return {
        (r.form_id, r.province_id, r.period, r.indicator_id, r.category): (
            r.numerator,
            r.denominator,
            r.contributors,
            r.hidden_small,
            r.hidden_other,
            r.hidden_sum,
        )
        for r in rows
        # a row every commune has left again is the same as no row
        if r.contributors or r.numerator or r.denominator
    }


@dataclass(frozen=True)
class Difference:
    key: Key
    expected: Sums | None
    found: Sums | None


def differences(province_id: int | None = None) -> list[Difference]:
    expected, found = recompute(province_id), stored(province_id)
    return [
        Difference(key, expected.get(key), found.get(key))
        for key in sorted(set(expected) | set(found), key=str)
        if expected.get(key) != found.get(key)
    ]


def rebuild(province_id: int | None = None) -> int:
    """Replace the stored aggregates with the recomputed ones (operator repair)."""
    with transaction.atomic():
        rows = AggregateValue.objects.all()
        if province_id is not None:
            rows = rows.filter(province_id=province_id)
        rows.delete()
        expected = recompute(province_id)
        AggregateValue.objects.bulk_create(
            AggregateValue(
                form_id=k[0],
                province_id=k[1],
                period=k[2],
                indicator_id=k[3],
                category=k[4],
                numerator=v[0],
                denominator=v[1],
                contributors=v[2],
                hidden_small=v[3],
                hidden_other=v[4],
                hidden_sum=v[5],
            )
            for k, v in expected.items()
        )
    return len(expected)


def province_table(form: Any, province: Any, period: str) -> dict[tuple[int, str], AggregateValue]:
    """The stored aggregates of one form, province and period, keyed by (indicator, category)."""
    rows = AggregateValue.objects.filter(form=form, province=province, period=period).select_related(
        "indicator"
    )
    return {(r.indicator_id, r.category): r for r in rows}


def contributors_by_indicator(form: Any, province: Any, period: str) -> dict[int, int]:
    found: dict[int, int] = defaultdict(int)
    for (iid, category), row in province_table(form, province, period).items():
        if category == "":
            found[iid] = row.contributors
    return found
