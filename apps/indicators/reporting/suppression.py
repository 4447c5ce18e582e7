"""Small-cell suppression of the violence figures (indicator group V: cases and people of
gender-based and domestic violence). DESIGN.md: "counts below a threshold (default 5) are
suppressed in anything shown outside the case app"; shared/domain/gbv-cases.md §7: k ≥ 5
with complementary suppression. A commune reading its own report sees its figures as
they are; everything the province sees of a commune, and the province's own totals, show
a figure from 1 to k - 1 as "<5" (a total of 5 or more is shown as it is). The rule lives
here, in the indicators app, so that the report page (`views_submission`), the province's
JSON and CSV downloads (`interchange`) and the consolidated reports
(`apps.reports.suppression` re-exports it) apply the same one.

Complementary suppression: among figures that add up to a published total (the options
of a dimension that partitions the total, or the communes' figures under the province's),
a hidden figure could be worked out by subtraction. So, while any hidden figure can still
be pinned to a single value by a reader who knows the total, the published figures and
what the marks say ("<5": 1 to k - 1; "x": some figure above 0), the smallest other
positive figure is hidden too, shown "x"."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Protocol, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

from apps.access.scope import active_membership
from apps.indicators.catalogue.categories import PARTITIONS, TOTAL, dimension_of

# the indicator groups whose figures are counts of survivors, perpetrators and cases
SENSITIVE_GROUPS = frozenset({"V"})
DEFAULT_THRESHOLD = 5
SMALL, COMPLEMENT = "small", "complement"
COMPLEMENT_MARK = "x"
INFINITE = Decimal("Infinity")
K = TypeVar("K", bound=Hashable)


class Counted(Protocol):
    """A figure the rule reads and marks: a dataclass with a numerator, a denominator
    (for a percentage or ratio) and `hidden` ("" shown, "small" or "complement")."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def numerator(self) -> Decimal | None: ...

    @property
    def denominator(self) -> Decimal | None: ...

    @property
    def hidden(self) -> str: ...

    @property
    def empty(self) -> bool: ...

    @property
    def suppressed(self) -> bool: ...


C = TypeVar("C", bound=Counted)


@dataclasses.dataclass(frozen=True)
class Figure:
    """One figure of a commune's report as the report page shows it to someone outside
    the commune (the consolidated reports have their own cell with the same fields)."""

    numerator: Decimal | None
    denominator: Decimal | None
    hidden: str = ""

    @property
    def empty(self) -> bool:
        return self.numerator is None and self.denominator is None

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)


def threshold() -> int:
    """The smallest figure shown as it is (settings.GBV_SUPPRESSION_THRESHOLD, default 5)."""
    return int(getattr(settings, "GBV_SUPPRESSION_THRESHOLD", DEFAULT_THRESHOLD))


def mark(hidden: str = SMALL) -> str:
    """What a hidden figure shows instead: "<5" for a small one, "x" for a complement."""
    return COMPLEMENT_MARK if hidden == COMPLEMENT else f"<{threshold()}"


def outsider(user: Any, submission: Any) -> bool:
    """Whether the reader sees a commune's report from outside the commune (their active
    unit is another one: the province), and so sees its small violence figures hidden."""
    membership = active_membership(user)
    return membership is None or membership.unit_id != submission.unit_id


def sensitive(indicator: Any) -> bool:
    return getattr(indicator, "group", "") in SENSITIVE_GROUPS


def _small(value: Decimal | None, k: int) -> bool:
    return value is not None and 0 < value < k


def is_small(indicator: Any, cell: Counted) -> bool:
    """A count from 1 to k - 1; for a percentage or ratio, either of its parts (75% of 4
    people tells that 3 were reached)."""
    k = threshold()
    return _small(cell.numerator, k) or (indicator.is_ratio and _small(cell.denominator, k))


def _size(indicator: Any, cell: Counted) -> Decimal:
    """What adds up to the total: a count, or a percentage's denominator."""
    value = cell.denominator if indicator.is_ratio else cell.numerator
    return value if value is not None else Decimal(0)


def _pinned(sizes: list[Decimal], kinds: list[str]) -> bool:
    return _pinned_sum(sum(sizes, Decimal(0)), kinds)


def _pinned_sum(total: Decimal, kinds: list[str]) -> bool:
    """Whether a reader who knows the hidden figures' sum (the total less the published
    ones) and what their marks say ("<5": 1 to k - 1; "x": above 0) can tell one of them."""
    k = Decimal(threshold())
    bounds = [(Decimal(1), k - 1) if kind == SMALL else (Decimal(1), INFINITE) for kind in kinds]
    for index, (low, high) in enumerate(bounds):
        others = bounds[:index] + bounds[index + 1 :]
        least = max(low, total - sum((h for _l, h in others), Decimal(0)))
        most = min(high, total - sum((lo for lo, _h in others), Decimal(0)))
        if least >= most:
            return True
    return False


def _complement(indicator: Any, cells: Mapping[K, C], hidden: dict[K, str], group: list[K]) -> bool:
    """Hide more figures of a group adding up to a published total until none of its
    hidden ones can be told; True when that is not enough (4 + 4 under a total of 8: the
    total has to be hidden as well)."""
    while True:
        inside = [key for key in group if key in hidden]
        if not inside:
            return False
        sizes = [_size(indicator, cells[key]) for key in inside]
        if not _pinned(sizes, [hidden[key] for key in inside]):
            return False
        others = [key for key in group if key not in hidden and _size(indicator, cells[key]) > 0]
        if not others:
            return True
        hidden[min(others, key=lambda key: _size(indicator, cells[key]))] = COMPLEMENT


def _marked(cells: dict[K, C], hidden: dict[K, str]) -> dict[K, C]:
    return {
        key: dataclasses.replace(cell, hidden=hidden[key]) if key in hidden else cell
        for key, cell in cells.items()
    }


def _bounds(kind: str) -> tuple[Decimal, Decimal]:
    """What a reader knows of a hidden figure from its mark."""
    return (Decimal(1), Decimal(threshold() - 1)) if kind == SMALL else (Decimal(1), INFINITE)


def _sum_range(
    indicator: Any, cells: Mapping[str, Counted], hidden: dict[str, str], group: list[str]
) -> tuple[Decimal, Decimal, Decimal]:
    """A partition's published sum and the least and most its hidden figures can add."""
    shown = sum((_size(indicator, cells[key]) for key in group if key not in hidden), Decimal(0))
    ranges = [_bounds(hidden[key]) for key in group if key in hidden]
    return shown, sum((lo for lo, _h in ranges), Decimal(0)), sum((h for _l, h in ranges), Decimal(0))


def _total_range(
    indicator: Any, cells: Mapping[str, Counted], hidden: dict[str, str], groups: list[list[str]]
) -> tuple[Decimal, Decimal]:
    """What the hidden (or absent) total can be, given each partition that adds up to it."""
    low, high = _bounds(hidden[""]) if "" in cells else (Decimal(0), INFINITE)
    for group in groups:
        shown, least, most = _sum_range(indicator, cells, hidden, group)
        low, high = max(low, shown + least), min(high, shown + most)
    return low, high


def _pinned_group(
    indicator: Any, cells: Mapping[str, Counted], hidden: dict[str, str], groups: list[list[str]]
) -> list[str] | None:
    """With the total hidden, a partition with a figure a reader can tell from the other
    partitions (sex 0 + 8 gives the total that ages "<5" + "<5" share: 4 and 4); [] when
    it is the hidden small total itself that can be told; None when nothing can be."""
    low, high = _total_range(indicator, cells, hidden, groups)
    if "" in hidden and hidden[""] == SMALL and low >= high:
        return []
    for group in groups:
        shown = _sum_range(indicator, cells, hidden, group)[0]
        inside = [key for key in group if key in hidden]
        for key in inside:
            own_low, own_high = _bounds(hidden[key])
            others = [_bounds(hidden[other]) for other in inside if other != key]
            others_low = sum((lo for lo, _h in others), Decimal(0))
            others_high = sum((h for _l, h in others), Decimal(0))
            # ∞ - ∞ has no value: an unbounded side leaves the figure unbounded there
            floor = own_low if others_high == INFINITE else max(own_low, low - shown - others_high)
            ceiling = own_high if high == INFINITE else min(own_high, high - shown - others_low)
            if floor >= ceiling:
                return group
    return None


def _protect_hidden_total(
    indicator: Any, cells: Mapping[str, C], hidden: dict[str, str], groups: list[list[str]]
) -> None:
    """Hide more figures until no partition gives a hidden figure away through the total
    the other partitions share."""
    while (group := _pinned_group(indicator, cells, hidden, groups)) is not None:
        shown = [key for key in group if key not in hidden and _size(indicator, cells[key]) > 0]
        shown = shown or [
            key for g in groups for key in g if key not in hidden and _size(indicator, cells[key]) > 0
        ]
        if not shown:
            return  # nothing left to hide: what can be told is told by zeros alone
        hidden[min(shown, key=lambda key: _size(indicator, cells[key]))] = COMPLEMENT


def categories(indicator: Any, cells: dict[str, C]) -> dict[str, C]:
    """One indicator's figures by category ("" the total, "sex:female" …) with the small
    ones (and their complements, the total itself when nothing else protects them) marked
    hidden. A figure already marked hidden (a province total that would give a commune's
    figure away) stays hidden, and is protected like a small one."""
    if not sensitive(indicator):
        return cells
    hidden = {
        key: cell.hidden or SMALL
        for key, cell in cells.items()
        if cell.suppressed or is_small(indicator, cell)
    }
    partitions: dict[str, list[str]] = {}
    for key in cells:
        if key and dimension_of(key) in PARTITIONS:
            partitions.setdefault(dimension_of(key), []).append(key)
    groups = list(partitions.values())
    if "" in cells and "" not in hidden:
        for group in groups:
            if _complement(indicator, cells, hidden, group):
                hidden[""] = COMPLEMENT
                break
    if "" in hidden or "" not in cells:
        _protect_hidden_total(indicator, cells, hidden, groups)
    return _marked(cells, hidden)


def parts_of_total(indicator: Any, cells: dict[K, C], total: C | None) -> tuple[dict[K, C], bool]:
    """Figures that add up to `total` (each commune's total of an indicator, the province
    total beside them), the small ones and their complements marked hidden; and whether
    the total has to be hidden too."""
    if not sensitive(indicator):
        return cells, False
    hidden = {key: SMALL for key, cell in cells.items() if is_small(indicator, cell)}
    hide_total = False
    if total is not None and not total.empty and not total.suppressed and not is_small(indicator, total):
        hide_total = _complement(indicator, cells, hidden, list(cells))
    return _marked(cells, hidden), hide_total


def hidden_parts(indicator: Any, cells: dict[str, C]) -> dict[str, tuple[str, Decimal]]:
    """One commune's figures of an indicator that its report page hides from the
    province: category → (mark, what the figure adds to its province total)."""
    return {
        key: (cell.hidden, _size(indicator, cell))
        for key, cell in categories(indicator, cells).items()
        if cell.suppressed
    }


def gives_away(small: int, other: int, hidden_sum: Decimal) -> bool:
    """Whether a province total would tell one of its communes' hidden figures: the
    province reads every commune's report, so the total less the published figures is
    the sum of the hidden ones (`small` of them "<5", `other` "x"). Hiding another
    commune's figure instead, as a single table could, is undone by that commune's
    report page: the total is hidden."""
    if small + other == 0:
        return False
    return _pinned_sum(Decimal(hidden_sum), [SMALL] * small + [COMPLEMENT] * other)


# ------------------------------------------------------------------ a report read from outside


class Finding(Protocol):
    """A validation finding (`validation.Finding`): about the figures of one indicator."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


F = TypeVar("F", bound=Finding)


def figure_marks(indicator: Any, figures: Mapping[str, Figure]) -> dict[str, str]:
    """What each hidden figure of one indicator shows instead ("<5" or "x"), by category."""
    shown = categories(indicator, {k: f for k, f in figures.items() if not f.empty})
    return {key: mark(f.hidden) for key, f in shown.items() if f.suppressed}


def previous_marks(submission: Any) -> dict[int, str]:
    """Last period's approved violence totals of the report that are hidden: indicator → "<5"."""
    rows = (
        submission.previous_approved_values()
        .filter(category=TOTAL, indicator__group__in=SENSITIVE_GROUPS)
        .select_related("indicator")
    )
    return {v.indicator_id: mark() for v in rows if is_small(v.indicator, Figure(v.numerator, v.denominator))}


def hidden_codes(submission: Any) -> set[str]:
    """The indicators of a report that a reader from outside the commune sees with a hidden
    figure: its own, its pre-filled one, or last period's total."""
    by_indicator: dict[Any, dict[str, Any]] = {}
    for value in submission.values.filter(indicator__group__in=SENSITIVE_GROUPS).select_related("indicator"):
        by_indicator.setdefault(value.indicator, {})[value.category] = value
    codes = {
        indicator.code
        for indicator, own in by_indicator.items()
        if figure_marks(indicator, {c: Figure(v.numerator, v.denominator) for c, v in own.items()})
        or figure_marks(
            indicator, {c: Figure(v.prefilled_numerator, v.prefilled_denominator) for c, v in own.items()}
        )
    }
    previous = previous_marks(submission)
    return codes | {i.code for i in submission.form.ordered_indicators() if i.pk in previous}


def masked_findings(findings: list[F], hidden: set[str]) -> list[F]:
    """The findings, with the message of each about an indicator with a hidden figure
    replaced: "the numerator (3) is larger than…" would tell the figure."""
    message = _(
        "%(code)s: a violence figure needs checking (figures from 1 to %(limit)s are not shown here)."
    )

    def masked(finding: F) -> F:
        if finding.code not in hidden:
            return finding
        return dataclasses.replace(  # type: ignore[type-var]
            finding, message=message % {"code": finding.code, "limit": threshold() - 1}
        )

    return [masked(f) for f in findings]
