"""Role → action tables. Each app declares its own in `policies.py` with `register`;
this module only stores and answers them, so it imports no app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

_RULES: dict[str, dict[str, frozenset[str]]] = {}


def label_of(target: Any) -> str:
    """'app_label.modelname' for a model class, a model instance or a label string."""
    if isinstance(target, str):
        return target.lower()
    if isinstance(target, models.Model) or (isinstance(target, type) and issubclass(target, models.Model)):
        return target._meta.label_lower
    raise TypeError(f"not a model or label: {target!r}")


def register(target: Any, rules: Mapping[str, Iterable[str]]) -> None:
    label = label_of(target)
    table = _RULES.setdefault(label, {})
    for action, roles in rules.items():
        table[action] = frozenset(str(r) for r in roles)


def roles_for(target: Any, action: str) -> frozenset[str]:
    return _RULES.get(label_of(target), {}).get(action, frozenset())


def allows(role: str | None, target: Any, action: str) -> bool:
    return role is not None and role in roles_for(target, action)


def registered() -> dict[str, dict[str, frozenset[str]]]:
    """A copy of every table, for the generated permission tests."""
    return {label: dict(table) for label, table in _RULES.items()}
