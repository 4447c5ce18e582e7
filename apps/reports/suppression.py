"""Small-cell suppression of the violence figures (indicator group V). The rule lives in
`apps.indicators.reporting.suppression` (the report page of a commune applies it too); the reports
use it from here."""

from __future__ import annotations

from apps.indicators.reporting.suppression import (
    COMPLEMENT,
    COMPLEMENT_MARK,
    DEFAULT_THRESHOLD,
    INFINITE,
    SENSITIVE_GROUPS,
    SMALL,
    Counted,
    Figure,
    categories,
    is_small,
    mark,
    parts_of_total,
    sensitive,
    threshold,
)

__all__ = [
    "COMPLEMENT",
    "COMPLEMENT_MARK",
    "DEFAULT_THRESHOLD",
    "INFINITE",
    "SENSITIVE_GROUPS",
    "SMALL",
    "Counted",
    "Figure",
    "categories",
    "is_small",
    "mark",
    "parts_of_total",
    "sensitive",
    "threshold",
]
