"""Compare two versions of a plan, part by part, in words a reader follows."""

from __future__ import annotations

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


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        if "title" in value and "ref" in value:
            return f"{value.get('ref')} {value.get('title')}"
        return " · ".join(_flat(v) for v in value.values() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
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
