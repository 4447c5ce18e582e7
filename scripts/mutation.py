"""`make mutation`: remove each permission check and scope filter in turn and run the
tests; every removal must make the suite fail ("killed"). A survivor is a guard no test
relies on. Runs in a copy of the tree, so the working copy is never touched.

Mutations are found automatically (every `require(...)` statement and every
`.for_user(...)` call in the apps' services and views) and listed by hand for the core
of the access layer. Results go to docs/mutation.md."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
TESTS = ["apps/access", "apps/accounts", "apps/geo", "tests", "-m", "not browser"]


@dataclass(frozen=True)
class Mutation:
    path: str
    old: str
    new: str
    why: str
    occurrence: int = 0  # which match of `old`, when the same line guards several functions

    def label(self) -> str:
        return f"{self.path}: {self.why}"


CORE = [
    Mutation(
        "apps/access/policy.py",
        "return role is not None and role in roles_for(target, action)",
        "return True",
        "every role may do everything",
    ),
    Mutation(
        "apps/access/scope.py",
        "return bool(path) and path.startswith(self.unit_path)",
        "return True",
        "scope covers every unit",
    ),
    Mutation(
        "apps/access/scope.py",
        "return policy.allows(self.role, target, action)",
        "return True",
        "scope allows every action",
    ),
    Mutation(
        "apps/access/guards.py",
        "return scope.may(target, action, path)",
        "return True",
        "permitted() always",
    ),
    Mutation(
        "apps/access/guards.py",
        "if scope is None or (own_unit and path != scope.unit_path):",
        "if scope is None:",
        "own_unit ignored: a province officer edits the communes' plans",
    ),
    Mutation(
        "apps/plans/models.py",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors, status=PlanStatus.ISSUED)",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors)",
        "drafts of the province visible to communes",
    ),
    Mutation(
        "apps/plans/models.py",
        "Q(unit__path__startswith=scope.unit_path) | Q(unit__path__in=ancestors, status=PlanStatus.ISSUED)",
        "Q()",
        "every plan visible to everyone",
    ),
    Mutation(
        "apps/access/guards.py",
        "    if permitted(actor, action, target, unit=unit, own_unit=own_unit):\n        return\n",
        "    return\n",
        "require() never refuses",
    ),
    Mutation(
        "apps/access/querysets.py",
        "if scope is None or not scope.allows(self.model, action):",
        "if scope is None:",
        "for_user ignores the role",
    ),
    Mutation(
        "apps/access/querysets.py",
        'return self.filter(**{f"{self.unit_path_field}__startswith": scope.unit_path})',
        "return self.all()",
        "for_user ignores the unit",
    ),
    Mutation(
        "apps/geo/models.py",
        "~Q(level=Level.VILLAGE) | Q(path__startswith=scope.unit_path)",
        "Q()",
        "villages of other communes visible",
    ),
    Mutation(
        "apps/geo/views.py",
        "        children = children.none()  # a commune's villages are its own",
        "        pass",
        "another commune's villages listed",
    ),
    Mutation(
        "apps/access/views.py",
        "AuditLog.objects.filter(unit_path__startswith=membership.unit.path)",
        "AuditLog.objects.all()",
        "audit log of every unit",
    ),
    Mutation(
        "apps/accounts/services.py",
        "membership = next((m for m in memberships_of(actor) if m.pk == membership_id), None)",
        "membership = Membership.objects.filter(pk=membership_id).first()",
        "switch to anyone's membership",
    ),
    Mutation(
        "apps/accounts/services.py",
        'if actor is None or getattr(actor, "pk", None) != user.pk:',
        "if False:",
        "change anyone's password",
    ),
    Mutation(
        "apps/accounts/login.py",
        "if address_failures(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:",
        "if False:",
        "no per-address lock-out",
    ),
    Mutation(
        "apps/access/client.py",
        "    if not _trusted(remote):\n        return remote\n",
        "",
        "X-Forwarded-For believed from anyone",
    ),
]

REQUIRE = re.compile(r"^(?P<indent>\s*)require\(.*\)\s*$", re.M)
FOR_USER = re.compile(r"\.for_user\((?:[^()]|\([^()]*\))*\)")


def discovered() -> list[Mutation]:
    found = []
    guarded = [
        p
        for p in [*sorted(ROOT.glob("apps/*/*.py")), ROOT / "binhdang" / "navigation.py"]
        if p.name.startswith(
            ("services", "views", "imports", "derive", "dashboard", "context_processors", "navigation")
        )
    ]
    for path in guarded:
        rel = str(path.relative_to(ROOT))
        text = path.read_text(encoding="utf-8")
        seen: dict[str, int] = {}
        for match in REQUIRE.finditer(text):
            line = match.group(0)
            n = seen[line] = seen.get(line, -1) + 1
            found.append(
                Mutation(rel, line, f"{match.group('indent')}pass", f"drop `{line.strip()}` (#{n + 1})", n)
            )
        source_lines = text.splitlines()
        for number, line in enumerate(source_lines):
            for call in FOR_USER.findall(line):
                n = source_lines[:number].count(line)
                found.append(
                    Mutation(rel, line, line.replace(call, ".all()"), f"no scope in `{line.strip()}`", n)
                )
    return found


def apply(text: str, mutation: Mutation) -> str:
    parts = text.split(mutation.old)
    if len(parts) <= mutation.occurrence + 1:
        raise SystemExit(f"mutation does not match: {mutation.label()}")
    head = mutation.old.join(parts[: mutation.occurrence + 1])
    return head + mutation.new + mutation.old.join(parts[mutation.occurrence + 1 :])


def pytest(tree: Path) -> int:
    result = subprocess.run(  # noqa: S603 - our own interpreter and test paths
        [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "", "HOME": str(tree)},
    )
    return result.returncode


def run(tree: Path, mutation: Mutation) -> tuple[bool, float]:
    """Killed = a test failed (exit 1); an error collecting or running pytest (exit 2+)
    is not a kill but a broken run, and stops the check."""
    target = tree / mutation.path
    original = target.read_text(encoding="utf-8")
    target.write_text(apply(original, mutation), encoding="utf-8")
    started = time.monotonic()
    try:
        code = pytest(tree)
    finally:
        target.write_text(original, encoding="utf-8")
    if code not in (0, 1):
        raise SystemExit(f"pytest could not run ({code}) with: {mutation.label()}")
    return code == 1, time.monotonic() - started


def main() -> int:
    mutations = CORE + discovered()
    with tempfile.TemporaryDirectory(prefix="binhdang-mutation-") as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(
            ROOT, tree, ignore=shutil.ignore_patterns(".venv", ".git", "var", "test-results", "__pycache__")
        )
        rows = []
        for mutation in mutations:
            killed, seconds = run(tree, mutation)
            rows.append((mutation, killed, seconds))
            print(f"{'killed ' if killed else 'SURVIVED'} {seconds:5.1f}s {mutation.label()}", flush=True)
    survivors = [m for m, killed, _ in rows if not killed]
    lines = [
        "# Mutation check of the permission guards",
        "",
        "`make mutation` (scripts/mutation.py) removes each permission check and scope filter in turn",
        "and runs the non-browser suite on SQLite; a removal that no test notices is a survivor.",
        "The suite first runs unchanged (it must pass), in a copy of the tree with ../shared beside it;",
        "a kill is a failing test, not an error. Not mutated: `permitted(...)` used only to show or hide",
        "a button (the action behind it is guarded by `require`, which is mutated).",
        "",
        f"Last run: {time.strftime('%Y-%m-%d')} — {len(rows)} mutations, "
        f"{len(rows) - len(survivors)} killed, {len(survivors)} survived.",
        "",
        "| result | file | mutation |",
        "|---|---|---|",
    ]
    lines += [f"| {'killed' if k else '**survived**'} | `{m.path}` | {m.why} |" for m, k, _ in rows]
    (ROOT / "docs" / "mutation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
