"""Compare two versions of a plan, part by part, in words a reader follows."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

PARTS = [
    ("document", _("Header")),
    ("references", _("References")),
    ("objectives", _("Purposes and requirements")),
    ("tasks", _("Tasks")),
    ("targets", _("Targets")),
    ("assignments", _("Assignments")),
    ("events", _("Events")),
    ("funding", _("Funding")),
    ("reporting", _("Reporting")),
    ("signer", _("Signer")),
    ("recipients", _("Recipients")),
]


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_flat(item) for item in value]
    if isinstance(value, dict):
        return [f"{k}: {_flat(v)}" for k, v in value.items()]
    return [_flat(value)]


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _flat(value: Any) -> str:
    """One line per item with everything in it, so an edit inside an item shows."""
    if isinstance(value, dict):
        return " · ".join(_flat(v) for v in value.values() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return "/".join(reversed(value.split("-")))
    return "" if value is None else str(value)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """For each part that differs: the lines only in the older and only in the newer version."""
    result = []
    for key, label in PARTS:
        before, after = _lines(old.get(key)), _lines(new.get(key))
        if before == after:
            continue
        removed = [line for line in before if line not in after]
        added = [line for line in after if line not in before]
        result.append(
            {"part": label, "removed": removed, "added": added, "reordered": not removed and not added}
        )
    return result
