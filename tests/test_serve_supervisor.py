"""`make run` leaves nothing behind: the Procfile's web server, worker and job scheduler run
under honcho (scripts/serve.sh execs it), and stopping honcho — Ctrl+C in the terminal
(SIGINT to its process group) or SIGTERM from a service manager — stops every process it
started, gunicorn's workers included.

Each run starts the real Procfile through honcho on a free port, with a database of its
own in a temporary var dir, waits for /healthz, records every process it started (every
process whose environment carries that var dir: nothing can hide in a new session), sends
the signal and checks that none of them is left. A few seconds each: the migration of the
temporary database is shared by both runs."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # real gunicorn, worker and scheduler processes

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
STARTUP_LIMIT = 120.0  # seconds to wait for /healthz on a busy two-core machine (not a speed check)
STOP_LIMIT = 30.0  # honcho sends SIGKILL 5 s after SIGTERM; this only bounds a broken run


def _env(var_dir: Path, port: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "BINHDANG_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="binhdang.settings",
        BINHDANG_DEMO="1",  # plain HTTP on 127.0.0.1, as `make run`
        BINHDANG_VAR_DIR=str(var_dir),
        DATABASE_URL="",
        PYTHONUNBUFFERED="1",
    )
    if port is not None:
        env["PORT"] = str(port)
    return env


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve-var")
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=_env(folder),
        check=True,
        timeout=600,
    )
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _processes_of(var_dir: Path) -> dict[int, str]:
    """Every live process whose environment names this run's var dir -> its command line."""
    marker = f"BINHDANG_VAR_DIR={var_dir}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue  # exited, waiting to be reaped: not running
            if marker not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


@pytest.fixture
def supervisor(var_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = _free_port()
    honcho = subprocess.Popen(
        [str(BIN / "honcho"), "start", "--procfile", "Procfile", "--port", str(port), "--no-colour"],
        cwd=ROOT,
        env=_env(var_dir, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a job in a terminal
    )
    try:
        yield honcho, port
    finally:
        # whatever the test found, leave nothing running (only what this run started)
        for pid in _processes_of(var_dir):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        honcho.wait(timeout=STOP_LIMIT)


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(lambda honcho: os.killpg(honcho.pid, signal.SIGINT), id="ctrl-c"),
        pytest.param(lambda honcho: honcho.send_signal(signal.SIGTERM), id="sigterm"),
    ],
)
def test_stopping_the_supervisor_stops_web_worker_and_scheduler(
    supervisor: tuple[subprocess.Popen[bytes], int], var_dir: Path, stop: object
) -> None:
    honcho, port = supervisor
    deadline = time.monotonic() + STARTUP_LIMIT
    while not _healthy(port):
        assert honcho.poll() is None, "honcho stopped before the web server answered"
        assert time.monotonic() < deadline, "the web server never answered /healthz"
        time.sleep(0.5)
    started = _processes_of(var_dir)
    commands = " | ".join(started.values())
    assert "gunicorn" in commands and "db_worker" in commands and "schedule_jobs" in commands, commands

    stop(honcho)  # type: ignore[operator]
    honcho.wait(timeout=STOP_LIMIT)
    left = {pid: command for pid, command in _processes_of(var_dir).items() if pid in started}
    assert not left, f"still running after honcho stopped: {left}"
    assert not _processes_of(var_dir)  # nor anything they started meanwhile
    assert not _healthy(port)


def _queued_reminder_jobs(var_dir: Path) -> int:
    script = (
        "import django; django.setup(); "
        "from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.filter(task_path__endswith='send_daily_reminders').count())"
    )
    out = subprocess.run(
        [str(BIN / "python"), "-c", script],
        cwd=ROOT,
        env=_env(var_dir),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return int(out)


def test_the_scheduler_queues_the_reminder_job_for_the_worker(var_dir: Path) -> None:
    """Its first round puts the day's reminders in the queue the db_worker reads."""
    before = _queued_reminder_jobs(var_dir)
    out = subprocess.run(
        [str(BIN / "python"), "manage.py", "schedule_jobs", "--once"],
        cwd=ROOT,
        env=_env(var_dir),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "send_daily_reminders" in out
    assert _queued_reminder_jobs(var_dir) == before + 1
