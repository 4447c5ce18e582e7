"""An app imports only from the apps below it (DESIGN.md): core ← access ← geo ← accounts ←
plans ← work/activities ← indicators ← reports; api on top; the project package
`binhdang/` (settings, urls, cli, navigation) above everything. Tests may use anything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "apps"
CORE = ROOT / "core"
ORDER = ["access", "geo", "accounts", "plans", "work", "activities", "cases", "indicators", "reports", "api"]
# apps beside each other: work and activities, cases beside work
SIBLINGS = {
    frozenset({"work", "activities"}),
    frozenset({"cases", "work"}),
    frozenset({"cases", "activities"}),
}


def _modules(path: Path) -> set[str]:
    """Every module the file imports, absolute ("apps.plans.models", "binhdang.cli")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def _imports(path: Path) -> set[str]:
    return {m.split(".")[1] for m in _modules(path) if m.startswith("apps.") and m.count(".") >= 1}


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


def test_core_is_the_ground_floor() -> None:
    """core/ imports neither an app nor the project package: every app can build on it."""
    for path in CORE.rglob("*.py"):
        upward = {m for m in _modules(path) if m.split(".")[0] in {"apps", "binhdang"}}
        assert not upward, f"core/{path.relative_to(CORE)} imports {sorted(upward)}"


@pytest.mark.parametrize("app", [a for a in ORDER if (APPS / a).is_dir()])
def test_apps_never_import_the_project_package(app: str) -> None:
    """binhdang/ (settings, urls, cli, navigation) is the top floor: apps reach helpers in
    core/ and settings through django.conf, never the project package itself."""
    for path in _sources(app):
        upward = {m for m in _modules(path) if m == "binhdang" or m.startswith("binhdang.")}
        assert not upward, f"{path.relative_to(APPS)} imports {sorted(upward)}"
