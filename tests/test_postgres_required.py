"""Under CI=true the PostgreSQL run of the suite is required: a PostgreSQL that does not
answer fails the build with a message saying so, instead of passing as a skipped run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "pytest-postgres.sh"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _python_that_never_runs_pytest(tmp_path: Path) -> Path:
    """The script's interpreter, except that `-m pytest` exits 99: the check must decide
    before any test runs."""
    wrapper = tmp_path / "python"
    wrapper.write_text(
        f'#!/bin/sh\nfor a in "$@"; do [ "$a" = pytest ] && exit 99; done\nexec {sys.executable} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return wrapper


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), str(_python_that_never_runs_pytest(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
    )


def test_ci_fails_when_postgresql_does_not_answer(tmp_path: Path) -> None:
    url = f"postgres://postgres@127.0.0.1:{_closed_port()}/binhdang"
    result = _run(tmp_path, CI="true", DATABASE_URL=url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI=true: the PostgreSQL run is required" in result.stderr
    assert "pytest on PostgreSQL" not in result.stdout


def test_outside_ci_the_address_is_not_probed_before_the_run(tmp_path: Path) -> None:
    """A developer's DATABASE_URL goes straight to pytest (here the stand-in that exits 99),
    as before: only CI makes the answer a requirement."""
    url = f"postgres://postgres@127.0.0.1:{_closed_port()}/binhdang"
    result = _run(tmp_path, DATABASE_URL=url)
    assert result.returncode == 99, result.stdout + result.stderr
    assert "required" not in result.stderr
