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


# A view reads through a scoped queryset (`for_user`, or `visible_to` where a model's
# scope is more than its unit; `get_for_user_or_404(Model.objects..., user)` scopes the
# queryset it is given) or asks a service; `.none()` reads nothing.
SCOPED_READS = {"for_user", "visible_to", "none"}
SCOPING_CALLS = {"get_for_user_or_404"}


def _view_modules() -> list[Path]:
    return sorted(
        p for p in APPS.glob("*/**/views*.py") if "tests" not in p.parts and "migrations" not in p.parts
    )


def _unscoped_reads(path: Path) -> list[str]:
    """Every `<Name>.objects.<attribute>` in the module whose attribute is not a scoped read."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scoped = {
        id(inner)
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name | ast.Attribute)
        and (call.func.id if isinstance(call.func, ast.Name) else call.func.attr) in SCOPING_CALLS
        and call.args
        for inner in ast.walk(call.args[0])
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and id(node) not in scoped
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.attr not in SCOPED_READS
        ):
            found.append((node.lineno, f"{node.value.value.id}.objects.{node.attr}"))
    return [f"{path.relative_to(ROOT)}:{line} {chain}" for line, chain in sorted(found)]


def test_views_read_models_only_through_scoped_querysets() -> None:
    """`Plan.objects.filter(...)` in a view reads past the user's scope unless the view
    re-checks it by hand; `Plan.objects.for_user(user, action)` (or a service) cannot."""
    assert _view_modules(), "no view module found"
    found = [line for path in _view_modules() for line in _unscoped_reads(path)]
    assert not found, "views reading a model through .objects:\n" + "\n".join(found)
