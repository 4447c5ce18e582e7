"""An app imports only from the apps below it (DESIGN.md): access ← geo ← accounts ←
plans ← work/activities ← indicators ← reports; api on top. Tests may use anything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parent.parent / "apps"
ORDER = ["access", "geo", "accounts", "plans", "work", "activities", "cases", "indicators", "reports", "api"]
# apps beside each other: work and activities, cases beside work
SIBLINGS = {
    frozenset({"work", "activities"}),
    frozenset({"cases", "work"}),
    frozenset({"cases", "activities"}),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("apps."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("apps.")}
    return found


def _sources(app: str) -> list[Path]:
    return [p for p in (APPS / app).rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


@pytest.mark.parametrize("app", [a for a in ORDER if (APPS / a).is_dir()])
def test_app_imports_only_from_below(app: str) -> None:
    allowed = set(ORDER[: ORDER.index(app) + 1]) | {b for pair in SIBLINGS if app in pair for b in pair}
    for path in _sources(app):
        above = _imports(path) - allowed
        assert not above, f"{path.relative_to(APPS)} imports from {sorted(above)}"


def test_every_app_has_a_place_in_the_layers() -> None:
    apps = {p.name for p in APPS.iterdir() if (p / "__init__.py").exists()}
    assert apps <= set(ORDER)
