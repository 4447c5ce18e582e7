"""Validation rules run on a report's figures (DHIS2's validation rules, fixed in code):
errors block submitting; warnings need a comment on the figure before it can go.

- numerator ≤ denominator for a percentage, and a denominator when there is a numerator
- every part ≤ the total; the options of sex, age group and ethnicity add up to the total
- a value within its plausible range
- a change of more than the indicator's threshold against the last period needs a comment
- a pre-filled figure that was changed needs a reason
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.indicators.catalogue.categories import (
    DIMENSION_LABELS,
    PARTITIONS,
    TOTAL,
    dimension_of,
    dimensions_of,
    options,
)
from apps.indicators.models import DataValue, Indicator, Kind
from apps.indicators.reporting.numbers import vn, vn_percent

ERROR = "error"
WARNING = "warning"
# a change smaller than this many units is never worth a comment (3 → 6 is +100%)
SMALL_CHANGE = Decimal(10)
# counts of people above this in one commune are unusual enough to explain
SOFT_MAX_PEOPLE = Decimal(50000)


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    category: str
    message: str

    @property
    def blocking(self) -> bool:
        return self.level == ERROR


def _label(indicator: Indicator, category: str) -> str:
    for key, label in indicator.categories():
        if key == category:
            return f"{indicator.code} ({label})" if category else indicator.code
    return indicator.code


def check_indicator(
    indicator: Indicator,
    values: Mapping[str, DataValue],
    previous: Mapping[str, DataValue] | None = None,
) -> list[Finding]:
    found: list[Finding] = []

    def add(level: str, category: str, message: str) -> None:
        found.append(Finding(level, indicator.code, category, message))

    for category, value in values.items():
        name = _label(indicator, category)
        num, den = value.numerator, value.denominator
        if num is None:
            continue
        if num < 0 or (den is not None and den < 0):
            add(ERROR, category, _("%(name)s: a figure cannot be negative.") % {"name": name})
            continue
        if indicator.whole_numbers and any(x is not None and x != x.to_integral_value() for x in (num, den)):
            add(ERROR, category, _("%(name)s: count whole numbers (no decimals).") % {"name": name})
            continue
        if indicator.kind != Kind.COUNT:
            if category and num == 0 and den == 0:
                pass  # nobody in this group (no member under 16): a valid part
            elif den is None or den == 0:
                add(ERROR, category, _("%(name)s: give the denominator (greater than 0).") % {"name": name})
            elif indicator.kind == Kind.PERCENT and num > den:
                add(
                    ERROR,
                    category,
                    _("%(name)s: the numerator (%(num)s) is larger than the denominator (%(den)s).")
                    % {"name": name, "num": _fmt(num), "den": _fmt(den)},
                )
        if indicator.max_value is not None and num > indicator.max_value:
            add(
                ERROR,
                category,
                _("%(name)s: %(value)s is more than a commune can plausibly report (at most %(max)s).")
                % {"name": name, "value": _fmt(num), "max": _fmt(indicator.max_value)},
            )
        elif indicator.kind == Kind.COUNT and "người" in indicator.unit_label and num > SOFT_MAX_PEOPLE:
            add(
                WARNING,
                category,
                _("%(name)s: %(value)s people is unusually many for a commune.")
                % {"name": name, "value": _fmt(num)},
            )
        if value.changed_from_prefill and not value.reason.strip():
            add(
                ERROR,
                category,
                _("%(name)s: say why the figure differs from the one the system counted.") % {"name": name},
            )
    found.extend(_parts(indicator, values))
    if previous:
        found.extend(_changes(indicator, values, previous))
    # a warning is answered by a comment on the figure it is about
    return [
        f for f in found if f.blocking or not (f.category in values and values[f.category].comment.strip())
    ]


def _parts(indicator: Indicator, values: Mapping[str, DataValue]) -> list[Finding]:
    found: list[Finding] = []
    total = values.get(TOTAL)
    for dimension in dimensions_of(indicator):
        keys = [f"{dimension}:{option}" for option, _label in options(indicator, dimension)]
        parts = [values[k] for k in keys if k in values and values[k].numerator is not None]
        if not parts:
            continue
        if total is None or total.numerator is None:
            found.append(
                Finding(
                    ERROR,
                    indicator.code,
                    TOTAL,
                    _("%(code)s: give the total as well as its parts.") % {"code": indicator.code},
                )
            )
            return found
        for field in ("numerator", "denominator") if indicator.is_ratio else ("numerator",):
            whole = getattr(total, field)
            if whole is None:
                continue
            for part in parts:
                amount = getattr(part, field)
                if amount is not None and amount > whole:
                    found.append(
                        Finding(
                            ERROR,
                            indicator.code,
                            part.category,
                            _("%(name)s is larger than the total (%(part)s > %(total)s).")
                            % {
                                "name": _label(indicator, part.category),
                                "part": _fmt(amount),
                                "total": _fmt(whole),
                            },
                        )
                    )
            if dimension in PARTITIONS and len(parts) == len(keys):
                summed = sum((getattr(p, field) or Decimal(0) for p in parts), Decimal(0))
                if summed != whole:
                    found.append(
                        Finding(
                            ERROR,
                            indicator.code,
                            TOTAL,
                            _(
                                "%(code)s: the figures by %(dimension)s add up to %(sum)s, not to the total %(total)s."
                            )
                            % {
                                "code": indicator.code,
                                "dimension": dimension_label(dimension),
                                "sum": _fmt(summed),
                                "total": _fmt(whole),
                            },
                        )
                    )
    return found


def _changes(
    indicator: Indicator, values: Mapping[str, DataValue], previous: Mapping[str, DataValue]
) -> list[Finding]:
    now, before = values.get(TOTAL), previous.get(TOTAL)
    if now is None or before is None:
        return []
    new, old = (
        indicator.value_of(now.numerator, now.denominator),
        indicator.value_of(before.numerator, before.denominator),
    )
    if (
        new is None
        or old is None
        or abs(new - old) < SMALL_CHANGE * (1 if indicator.kind == Kind.COUNT else Decimal("0.5"))
    ):
        return []
    base = abs(old) or Decimal(1)
    change = abs(new - old) * 100 / base
    if change <= indicator.change_threshold or now.comment.strip():
        return []
    show = vn_percent if indicator.kind == Kind.PERCENT else _fmt
    return [
        Finding(
            WARNING,
            indicator.code,
            TOTAL,
            _("%(code)s went from %(old)s in the last period to %(new)s: add a comment that explains it.")
            % {"code": indicator.code, "old": show(old), "new": show(new)},
        )
    ]


def dimension_label(dimension: str) -> str:
    return str(DIMENSION_LABELS.get(dimension, dimension))


def _fmt(value: Decimal) -> str:
    return vn(value)


def check(
    indicators: Iterable[Indicator],
    values: Mapping[tuple[int, str], DataValue],
    previous: Mapping[tuple[int, str], DataValue] | None = None,
) -> list[Finding]:
    """Every finding for a report: values and previous keyed by (indicator id, category)."""
    found: list[Finding] = []
    for indicator in indicators:
        mine = {cat: v for (iid, cat), v in values.items() if iid == indicator.pk}
        before = {cat: v for (iid, cat), v in (previous or {}).items() if iid == indicator.pk}
        found.extend(check_indicator(indicator, mine, before))
    return found


__all__ = ["ERROR", "WARNING", "Finding", "check", "check_indicator", "dimension_of"]
