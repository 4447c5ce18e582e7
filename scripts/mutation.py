"""`make mutation`: remove each permission guard in turn and run the tests; every removal
must make a test fail ("killed"). A survivor is a guard no test relies on. Runs in a copy
of the tree, so the working copy is never touched.

The guards are found by parsing the code (ast) of every app, core/ and the project
package, so a new app or a new guard is covered without listing it:
- every `require(...)` statement          → the line becomes `pass`;
- every `.for_user(...)`/`.visible_to(...)` → the queryset is not scoped (`.all()`);
- every `get_for_user_or_404(qs, user,…)` → Django's unscoped `get_object_or_404(qs, …)`;
- every role of every action of every `register(...)` in `apps/*/policies.py` → the role
  removed; every action not open to all roles → widened to every role.
The core of the access layer (policy, scope, querysets) is listed by hand (CORE).

Each mutation runs the tests of its own app, then the cross-app ones (CROSS), with `-x`
(and pytest-xdist when installed). Results go to docs/mutation.md, which
tests/test_mutation_report.py compares with the guards in the code.

    scripts/mutation.py                 every guard; rewrites docs/mutation.md
    scripts/mutation.py --only TEXT     the guards whose id contains TEXT (repeatable);
                                        the other rows of docs/mutation.md are kept
    scripts/mutation.py --list          the guards found, nothing run
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# the tree the guards are read from: the working copy, or with --committed the last commit
SOURCE = ROOT
PYTHON = ROOT / ".venv" / "bin" / "python"
REPORT = ROOT / "docs" / "mutation.md"
# run after an app's own tests for every mutation: the generated access matrix (every URL,
# three personas, GET and POST) and every service called by an outsider
CROSS = ["tests/test_access_matrix.py", "apps/access/tests/test_services_refuse.py"]
# the access layer, core/ and the project package are under every app: their guards run the
# tests that exercise the layer as a whole
FOUNDATION_TESTS = ["apps/access/tests", "apps/accounts/tests", "apps/geo/tests", "tests"]
SCANNED = ("apps", "core", "binhdang")
SCOPE_CALLS = ("for_user", "visible_to")
POLICY_FILES = "apps/*/policies.py"


@dataclass(frozen=True)
class Mutation:
    """Replace the `occurrence`-th `old` of `path` by `new`; `ident` names the guard in the
    report (stable across unrelated edits: file, function, code, not line numbers)."""

    path: str
    old: str
    new: str
    ident: str
    occurrence: int = 0

    @property
    def app(self) -> str | None:
        parts = self.path.split("/")
        return parts[1] if parts[0] == "apps" and parts[1] != "access" else None


def _core(path: str, old: str, new: str, why: str) -> Mutation:
    return Mutation(path, old, new, f"{path}: {why}")


CORE = [
    _core(
        "apps/access/policy.py",
        "return role is not None and role in roles_for(target, action)",
        "return True",
        "every role may do everything",
    ),
    _core(
        "apps/access/scope.py",
        "return bool(path) and path.startswith(self.unit_path)",
        "return True",
        "scope covers every unit",
    ),
    _core(
        "apps/access/scope.py",
        "return policy.allows(self.role, target, action)",
        "return True",
        "scope allows every action",
    ),
    _core(
        "apps/access/guards.py", "return scope.may(target, action, path)", "return True", "permitted() always"
    ),
    _core(
        "apps/access/guards.py",
        "if scope is None or (own_unit and path != scope.unit_path):",
        "if scope is None:",
        "own_unit ignored: a province officer edits the communes' plans",
    ),
    _core(
        "apps/access/guards.py",
        "    if permitted(actor, action, target, unit=unit, own_unit=own_unit):\n        return\n",
        "    return\n",
        "require() never refuses",
    ),
    _core(
        "apps/access/querysets.py",
        "if scope is None or not scope.allows(self.model, action):",
        "if scope is None:",
        "for_user ignores the role",
    ),
    _core(
        "apps/access/querysets.py",
        'return self.filter(**{f"{self.unit_path_field}__startswith": scope.unit_path})',
        "return self.all()",
        "for_user ignores the unit",
    ),
    _core(
        "apps/plans/models.py",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors, status=PlanStatus.ISSUED)",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors)",
        "drafts of the province visible to communes",
    ),
    _core(
        "apps/plans/models.py",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors, status=PlanStatus.ISSUED)",
        "Q()",
        "every plan visible to everyone",
    ),
    _core(
        "apps/geo/models.py",
        "~Q(level=Level.VILLAGE) | Q(path__startswith=scope.unit_path)",
        "Q()",
        "villages of other communes visible",
    ),
    _core(
        "apps/geo/views.py",
        "        children = children.none()  # a commune's villages are its own",
        "        pass",
        "another commune's villages listed",
    ),
    _core(
        "apps/accounts/services.py",
        "membership = next((m for m in memberships_of(actor) if m.pk == membership_id), None)",
        "membership = Membership.objects.filter(pk=membership_id).first()",
        "switch to anyone's membership",
    ),
    _core(
        "apps/accounts/services.py",
        'if actor is None or getattr(actor, "pk", None) != user.pk:',
        "if False:",
        "change anyone's password",
    ),
    _core(
        "apps/accounts/login.py",
        "if address_failures(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:",
        "if False:",
        "no per-address lock-out",
    ),
    _core(
        "core/filetypes.py",
        '(b"\\xff\\xd8\\xff", "jpg")',
        '(b"\\xff", "jpg")',
        "JPEG signature shortened to one byte",
    ),
    _core(
        "apps/access/client.py",
        "    if not _trusted(remote):\n        return remote\n",
        "",
        "X-Forwarded-For believed from anyone",
    ),
]


# --- discovery -------------------------------------------------------------------------


def _sources() -> Iterator[Path]:
    for top in SCANNED:
        for path in sorted((SOURCE / top).rglob("*.py")):
            if not {"tests", "migrations"} & set(path.relative_to(SOURCE).parts):
                yield path


def _lines_of(text: str, node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]


def _offset(lines: list[str], first: int, lineno: int, col: int) -> int:
    """Character offset in "\n".join(lines[first-1:...]) of ast position (lineno, byte col)."""
    before = sum(len(line) + 1 for line in lines[first - 1 : lineno - 1])
    return before + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))


def _edit(
    text: str, lines: list[str], span: ast.AST, start: tuple[int, int], end: tuple[int, int], new: str
) -> tuple[str, str, int]:
    """(old, new, occurrence): the whole lines of `span`, the same lines with [start, end)
    replaced, and which match of `old` in the file they are (the same line may guard two
    functions)."""
    first, last = _lines_of(text, span)
    old = "\n".join(lines[first - 1 : last])
    a, b = _offset(lines, first, *start), _offset(lines, first, *end)
    occurrence = "\n".join(lines[: first - 1]).count(old)
    return old, old[:a] + new + old[b:], occurrence


def _short(node: ast.AST, limit: int = 90) -> str:
    code = " ".join(ast.unparse(node).split())
    return code if len(code) <= limit else code[: limit - 1] + "…"


def _called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _is_require(call: ast.Call) -> bool:
    """`require(...)` or `guards.require(...)`; not another module's `require` (ocr)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "require"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "require"
        and ast.unparse(func.value).endswith("guards")
    )


class _Finder(ast.NodeVisitor):
    def __init__(self, rel: str, text: str) -> None:
        self.rel, self.text, self.lines = rel, text, text.splitlines()
        self.stack: list[str] = []
        self.found: list[Mutation] = []

    def _scoped(self, node: ast.AST) -> None:
        self.stack.append(node.name)  # type: ignore[attr-defined]
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def _add(self, span: ast.AST, start: tuple[int, int], end: tuple[int, int], new: str, what: str) -> None:
        old, mutated, n = _edit(self.text, self.lines, span, start, end, new)
        where = ".".join(self.stack) or "<module>"
        self.found.append(Mutation(self.rel, old, mutated, f"{self.rel}::{where}: {what}", n))

    def visit_Expr(self, node: ast.Expr) -> None:
        call = node.value
        if isinstance(call, ast.Call) and _is_require(call):
            first, last = _lines_of(self.text, node)
            indent = self.lines[first - 1][: node.col_offset]
            end_col = len(self.lines[last - 1].encode("utf-8"))
            self._add(node, (first, 0), (last, end_col), f"{indent}pass", f"no {_short(call)}")
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _called(node)
        func = node.func
        if name in SCOPE_CALLS and isinstance(func, ast.Attribute):
            receiver = func.value
            start = (receiver.end_lineno or receiver.lineno, receiver.end_col_offset or 0)
            end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
            args = ", ".join(_short(a, 40) for a in [*node.args, *node.keywords])
            self._add(node, start, end, ".all()", f"{_short(receiver, 50)} without .{name}({args})")
        elif name == "get_for_user_or_404" and node.args:
            lookup = [k for k in node.keywords if k.arg not in (None, "action")]
            call = ", ".join([ast.unparse(node.args[0]), *(ast.unparse(k) for k in lookup)])
            unscoped = f'__import__("django.shortcuts", fromlist=["_"]).get_object_or_404({call})'
            start = (node.lineno, node.col_offset)
            end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
            self._add(node, start, end, unscoped, f"get_for_user_or_404({_short(node.args[0], 50)}) unscoped")
        self.generic_visit(node)


class _RoleValue(str):
    """A role as its enum member reads (`Role.LEADER.value`), being its own value."""

    @property
    def value(self) -> str:
        return str(self)


def _roles() -> SimpleNamespace:
    """The role values and the module-level role sets of apps/access/roles.py, read from its
    source: the policy tables are evaluated without starting Django."""
    roles_file = SOURCE / "apps" / "access" / "roles.py"
    tree = ast.parse(roles_file.read_text(encoding="utf-8"))
    role = SimpleNamespace()
    values: list[str] = []
    namespace: dict[str, Any] = {"Role": role, "frozenset": frozenset}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Role":
            for item in node.body:
                if isinstance(item, ast.Assign) and isinstance(item.value, ast.Tuple):
                    value = item.value.elts[0]
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        setattr(role, item.targets[0].id, _RoleValue(value.value))  # type: ignore[attr-defined]
                        values.append(value.value)
            role.values = values
        elif isinstance(node, ast.Assign):
            exec(compile(ast.Module([node], []), str(roles_file), "exec"), namespace)  # noqa: S102 - our own source
    return SimpleNamespace(all=frozenset(values), namespace=namespace)


def _policy_mutations(path: Path, roles: SimpleNamespace) -> list[Mutation]:
    rel = str(path.relative_to(SOURCE))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    namespace = dict(roles.namespace)
    found = []
    every = "frozenset({" + ", ".join(f'"{r}"' for r in sorted(roles.all)) + "})"
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign):
            exec(compile(ast.Module([node], []), rel, "exec"), namespace)  # noqa: S102 - our own source
            continue
        call = node.value if isinstance(node, ast.Expr) else None
        if not (isinstance(call, ast.Call) and _called(call) == "register" and len(call.args) == 2):
            continue
        target, table = call.args
        if not (isinstance(target, ast.Constant) and isinstance(table, ast.Dict)):
            raise SystemExit(f"{rel}:{call.lineno}: register() with a table the check cannot read")
        for key, value in zip(table.keys, table.values, strict=True):
            if not isinstance(key, ast.Constant):
                raise SystemExit(f"{rel}:{call.lineno}: an action that is not a literal")
            granted = {str(r) for r in eval(compile(ast.Expression(value), rel, "eval"), namespace)}  # noqa: S307
            start = (value.lineno, value.col_offset)
            end = (value.end_lineno or value.lineno, value.end_col_offset or 0)
            segment = ast.get_source_segment(text, value) or ""
            where = f"{rel}::{target.value}.{key.value}"
            for role in sorted(granted):
                old, new, n = _edit(text, lines, value, start, end, f'({segment}) - {{"{role}"}}')
                found.append(Mutation(rel, old, new, f"{where}: without {role}", n))
            if granted != roles.all:
                old, new, n = _edit(text, lines, value, start, end, every)
                found.append(Mutation(rel, old, new, f"{where}: widened to every role", n))
    return found


def _numbered(mutations: list[Mutation]) -> list[Mutation]:
    """The same id twice (the same call twice in one function): numbered (#2, #3…)."""
    out, idents = [], {}
    for m in mutations:
        k = idents[m.ident] = idents.get(m.ident, 0) + 1
        out.append(m if k == 1 else replace(m, ident=f"{m.ident} (#{k})"))
    return out


def discover() -> list[Mutation]:
    """Every guard of the tree: CORE, then the calls in the code, then the policy tables."""
    found: list[Mutation] = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        finder = _Finder(str(path.relative_to(SOURCE)), text)
        finder.visit(ast.parse(text))
        found += finder.found
    roles = _roles()
    for path in sorted(SOURCE.glob(POLICY_FILES)):
        found += _policy_mutations(path, roles)
    return CORE + _numbered(found)


def stale_core() -> list[str]:
    """Hand-listed mutations whose code is gone: the list must follow the code."""
    return [m.ident for m in CORE if m.old not in (SOURCE / m.path).read_text(encoding="utf-8")]


# --- the report ------------------------------------------------------------------------

ROW = re.compile(r"^\| (?P<result>[^|]+?) \| `(?P<ident>(?:[^`]|\\`)+)` \| (?P<by>.*) \|$")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def read_report(path: Path = REPORT) -> dict[str, tuple[str, str]]:
    """guard id → (result, killed by) of the rows of docs/mutation.md."""
    rows = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = ROW.match(line)
            if match:
                ident = match["ident"].replace("\\|", "|")
                rows[ident] = (match["result"].strip("*"), match["by"].strip("`").replace("\\|", "|"))
    return rows


def write_report(mutations: list[Mutation], results: dict[str, tuple[str, str]], ran: str) -> None:
    counts = {r: sum(1 for m in mutations if results.get(m.ident, ("not run",))[0] == r) for r in RESULTS}
    lines = [
        "# Mutation check of the permission guards",
        "",
        "Written by `make mutation` (scripts/mutation.py); tests/test_mutation_report.py fails when",
        "a guard in the code is not listed here as killed, or a guard listed here is gone. The check",
        "finds every `require(...)`, every `.for_user(...)`/`.visible_to(...)` queryset, every",
        "`get_for_user_or_404`, and every role of every action of the policy tables",
        "(`apps/*/policies.py`), removes each in turn in a copy of the tree and runs the tests of",
        "the guard's app, then the access matrix and the outsider-refusal tests (`-x`, not the",
        "browser). A kill is a failing test, not an error; the suite must pass unchanged first.",
        "Not mutated: `permitted(...)` used only to show or hide a button (the action behind it",
        "is guarded by `require`, which is mutated).",
        "",
        f"Last run: {ran} — {len(mutations)} guards: "
        + ", ".join(f"{counts[r]} {r}" for r in RESULTS if counts[r] or r == "killed")
        + ".",
        "",
        "| result | guard | killed by |",
        "|---|---|---|",
    ]
    for m in mutations:
        result, by = results.get(m.ident, ("not run", ""))
        shown = result if result == "killed" else f"**{result}**"
        lines.append(f"| {shown} | `{_cell(m.ident)}` | {f'`{_cell(by)}`' if by else ''} |")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


RESULTS = ("killed", "survived", "error", "not run")


# --- running ---------------------------------------------------------------------------


def apply(text: str, mutation: Mutation) -> str:
    parts = text.split(mutation.old)
    if len(parts) <= mutation.occurrence + 1:
        raise SystemExit(f"mutation does not match: {mutation.ident}")
    head = mutation.old.join(parts[: mutation.occurrence + 1])
    return head + mutation.new + mutation.old.join(parts[mutation.occurrence + 1 :])


# test files that refuse someone run first: with -x, a removed guard fails fast there
FIRST = ("refuse", "guard", "scope", "access")


def tests_for(mutation: Mutation, tree: Path) -> list[str]:
    if not mutation.app:
        return [p for p in dict.fromkeys([*FOUNDATION_TESTS, *CROSS]) if (tree / p).exists()]
    own = sorted(
        (
            str(p.relative_to(tree))
            for p in (tree / "apps" / mutation.app / "tests").rglob("test_*.py")
            if not p.stem.endswith("browser")
        ),
        key=lambda p: (not any(word in Path(p).name for word in FIRST), p),
    )
    return [p for p in dict.fromkeys([*own, *reversed(CROSS)]) if (tree / p).exists()]


def _xdist() -> list[str]:
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('xdist') is None)"
    found = subprocess.run([str(PYTHON), "-c", probe], check=False).returncode == 0  # noqa: S603
    return ["-n", "2"] if found else []


# a failing test (not a file that cannot be collected): "FAILED path::test - why"
FAILED = re.compile(r"^(?:FAILED|ERROR) (?P<file>[^:\s]+)::", re.M)


def pytest(tree: Path, paths: list[str], parallel: list[str]) -> tuple[int, str]:
    result = subprocess.run(  # noqa: S603 - our own interpreter and test paths
        [
            str(PYTHON),
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            *parallel,
            "-m",
            "not browser",
            *paths,
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "", "HOME": str(tree)},
    )
    match = FAILED.search(result.stdout)
    return result.returncode, match["file"] if match else ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", action="append", default=[], help="run the guards whose id contains this")
    parser.add_argument("--list", action="store_true", help="list the guards found and stop")
    parser.add_argument(
        "--committed",
        action="store_true",
        help="mutate the last commit, not the working copy (a shared checkout)",
    )
    options = parser.parse_args()
    if options.list and not options.committed:
        return _check(ROOT, options)
    with tempfile.TemporaryDirectory(prefix="binhdang-mutation-") as tmp:
        tree = Path(tmp) / "tree"
        if options.committed:
            tree.mkdir()
            archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True)  # noqa: S607
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)  # noqa: S603, S607
        else:
            shutil.copytree(
                ROOT,
                tree,
                ignore=shutil.ignore_patterns(".venv", ".git", "var", "test-results", "__pycache__"),
            )
        (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")
        global SOURCE
        SOURCE = tree
        return _check(tree, options)


def _check(tree: Path, options: argparse.Namespace) -> int:
    stale = stale_core()
    for ident in stale:
        print(f"no longer in the code, not run (update CORE): {ident}", file=sys.stderr)
    mutations = [m for m in discover() if m.ident not in stale]
    chosen = [m for m in mutations if not options.only or any(t in m.ident for t in options.only)]
    if options.list:
        print("\n".join(m.ident for m in chosen))
        print(f"{len(chosen)} guards", file=sys.stderr)
        return 0
    known = {m.ident for m in mutations}
    results = {k: v for k, v in read_report().items() if k in known} if options.only else {}
    parallel = _xdist()
    baseline: dict[tuple[str, ...], bool] = {}
    for mutation in chosen:
        paths = tests_for(mutation, tree)
        if tuple(paths) not in baseline:
            code, failing = pytest(tree, paths, parallel)
            baseline[tuple(paths)] = code == 0
            if code != 0:
                print(f"the suite fails unchanged ({failing or code}): {' '.join(paths)}", flush=True)
        if not baseline[tuple(paths)]:
            results[mutation.ident] = ("error", "the suite fails unchanged")
            continue
        target = tree / mutation.path
        original = target.read_text(encoding="utf-8")
        target.write_text(apply(original, mutation), encoding="utf-8")
        started = time.monotonic()
        try:
            code, failing = pytest(tree, paths, parallel)
        finally:
            target.write_text(original, encoding="utf-8")
        # killed = a test failed (exit 1; 2 under xdist, whose -x stops by interrupting);
        # a collection error or a crash is no kill
        result = "killed" if code in (1, 2) and failing else "survived" if code == 0 else "error"
        results[mutation.ident] = (result, failing if result == "killed" else "")
        print(f"{result:8} {time.monotonic() - started:5.1f}s {mutation.ident}", flush=True)
        write_report(mutations, results, time.strftime("%Y-%m-%d"))
    write_report(mutations, results, time.strftime("%Y-%m-%d"))
    return 0 if all(results.get(m.ident, ("",))[0] == "killed" for m in chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
