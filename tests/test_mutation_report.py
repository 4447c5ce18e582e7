"""docs/mutation.md keeps up with the code: every permission guard the mutation check finds
in the code (the same discovery as `make mutation`, run here without mutating anything) is
listed there, none as survived, and every guard listed there still exists. A new
`require`, `for_user`, `get_for_user_or_404` or policy entry that nobody ran the check
for, or that no test notices when removed, fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_check", ROOT / "scripts" / "mutation.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_check_finds_the_guards_of_every_app(check: ModuleType) -> None:
    """Each app with a policy table has guards found in its code, not only in its table."""
    found = {m.path.split("/")[1] for m in check.discover() if not m.path.endswith("policies.py")}
    apps = {p.parent.name for p in ROOT.glob("apps/*/policies.py")}
    assert apps <= found, f"no guard found in the code of {sorted(apps - found)}"


def test_every_guard_in_the_code_is_in_the_report_and_none_survives(check: ModuleType) -> None:
    """A guard added to the code without running the check for it is not listed and fails
    here; a guard the check removed without any test failing (survived), or whose run broke
    (error), fails here too. Guards the full run has not reached yet are listed as "not run"
    (the run takes hours on two cores): the report says how many."""
    report = check.read_report()
    unlisted = [m.ident for m in check.discover() if m.ident not in report]
    assert not unlisted, (
        f"{len(unlisted)} guards not in docs/mutation.md (run `scripts/mutation.py --only <id>` "
        "and write the test that kills each survivor):\n" + "\n".join(unlisted)
    )
    bad = {ident: row for ident, row in report.items() if row[0] not in {"killed", "not run"}}
    assert not bad, "guards whose removal no test noticed:\n" + "\n".join(
        f"{row[0]}: {ident}" for ident, row in sorted(bad.items())
    )


def test_every_guard_in_the_report_still_exists(check: ModuleType) -> None:
    stale = set(check.stale_core())
    assert not stale, "hand-listed mutations whose code is gone (update CORE):\n" + "\n".join(sorted(stale))
    gone = set(check.read_report()) - {m.ident for m in check.discover()}
    assert not gone, "docs/mutation.md lists guards no longer in the code:\n" + "\n".join(sorted(gone))


def test_each_mutation_changes_the_code_it_names(check: ModuleType) -> None:
    """A mutation that does not match, or matches unchanged, would count as a kill or a
    survivor of nothing."""
    for m in check.discover():
        text = (ROOT / m.path).read_text(encoding="utf-8")
        assert m.old != m.new, m.ident
        assert text.count(m.old) > m.occurrence, m.ident
        compile(check.apply(text, m), m.path, "exec")
