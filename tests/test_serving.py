"""How the app serves: its own error pages, health check, security headers, no inline
script or style, one-line 4xx logs, and no published-password accounts outside demo mode."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from binhdang.logfilters import NoTracebackFor4xx

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_page_is_the_projects_own_vietnamese_404(demo: Any) -> None:
    response = demo.client("owner").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy" in page
    assert "URLconf" not in page and "Using the URLconf" not in page


def test_healthz_answers_when_the_database_does(db: Any) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_security_headers(db: Any) -> None:
    response = Client().get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_template_has_inline_script_style_or_handlers() -> None:
    templates = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts]
    assert templates
    for path in templates:
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            assert not pattern.search(text), f"{path.relative_to(ROOT)}: {pattern.pattern}"


def test_debug_is_off_unless_asked_for() -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "BINHDANG_DEMO", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import binhdang.settings as s; print(s.DEBUG, s.DEMO_MODE, hasattr(s, 'SECURE_PROXY_SSL_HEADER'))",
        ],
        cwd=ROOT,
        env={**env, "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
        check=True,
    )
    # X-Forwarded-Proto is trusted only when a proxy is configured
    assert result.stdout.split() == ["False", "False", "False"]


def test_a_4xx_is_logged_in_one_line_without_traceback() -> None:
    try:
        raise PermissionError("refused")
    except PermissionError:
        record = logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, "Forbidden: /audit/", None, sys.exc_info()
        )
    record.status_code = 403
    assert NoTracebackFor4xx().filter(record)
    assert record.exc_info is None
    handlers = django_settings.LOGGING["handlers"]
    assert list(handlers) == ["console"] and handlers["console"]["filters"] == ["no_4xx_traceback"]
    assert django_settings.LOGGING["loggers"]["django"]["handlers"] == []


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BINHDANG_DEMO"}}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "binhdang.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow  # migrates and loads the whole demo in real processes
def test_demo_accounts_stop_the_app_outside_demo_mode(tmp_path: Path) -> None:
    env = {"BINHDANG_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert _manage("manage.py", "migrate", "-v", "0", env=env).returncode == 0
    refused = _manage("manage.py", "load_demo", env=env)
    assert refused.returncode != 0 and "BINHDANG_DEMO" in refused.stderr
    assert _manage("manage.py", "load_demo", env={**env, "BINHDANG_DEMO": "1"}).returncode == 0
    serve = ("-c", "import binhdang.wsgi")
    assert _manage(*serve, env={**env, "BINHDANG_DEMO": "1"}).returncode == 0
    stopped = _manage(*serve, env=env)
    assert stopped.returncode != 0
    assert "python manage.py remove_demo" in stopped.stderr
    assert _manage("manage.py", "remove_demo", env=env).returncode == 0
    assert _manage(*serve, env=env).returncode == 0


def test_misconfiguration_stops_the_app_with_a_clear_message(tmp_path: Path) -> None:
    env = {"BINHDANG_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:"}
    bad_proxy = _manage("manage.py", "check", env={**env, "TRUSTED_PROXIES": "foo"})
    assert bad_proxy.returncode != 0 and "TRUSTED_PROXIES" in bad_proxy.stderr
    public_demo = _manage(
        "manage.py", "check", env={**env, "BINHDANG_DEMO": "1", "ALLOWED_HOSTS": "binhdang.example.vn"}
    )
    assert public_demo.returncode != 0 and "Demo mode" in public_demo.stderr


@pytest.mark.slow  # migrates and loads the whole demo in real processes
def test_asgi_refuses_demo_accounts_too(tmp_path: Path) -> None:
    env = {"BINHDANG_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert _manage("manage.py", "migrate", "-v", "0", env=env).returncode == 0
    assert _manage("manage.py", "load_demo", env={**env, "BINHDANG_DEMO": "1"}).returncode == 0
    stopped = _manage("-c", "import binhdang.asgi", env=env)
    assert stopped.returncode != 0 and "remove_demo" in stopped.stderr


def test_sqlite_lets_readers_read_while_someone_writes(tmp_path: Path, django_db_blocker: Any) -> None:
    """Every SQLite connection of the app writes ahead (WAL), so a page read never waits
    for a save in another worker, and writers queue (IMMEDIATE) instead of failing."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from binhdang import settings as project

    wrapper = DatabaseWrapper(
        {
            **django_settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "wal.sqlite3"),
            "OPTIONS": dict(project.SQLITE_OPTIONS),
        }
    )
    with django_db_blocker.unblock():  # a database of its own, not the test database
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()
